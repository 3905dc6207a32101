"""Builders and readers for photo tests: store real files, list what is in MEDIA_ROOT, post the
admin's photo inline as a browser would."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from photos import images, models as photos
from tests import photo_files as files


def make_photo(owner, data: bytes | None = None, **fields):
    """A stored photo of `owner` (a Venue or an Event) made through the real pipeline: checked,
    re-encoded and rendered into MEDIA_ROOT. Small by default (fast); pass `data` for more."""
    model = owner.photos.model
    field = owner.photos.field.name
    photo = model(**{field: owner, "alt": "夜景", "alt_en": "The street at night", **fields})
    photos.store(photo, images.load(data if data is not None else files.jpeg(640, 480, gps=False)))
    photo.save()
    return photo


def media_files() -> list[Path]:
    """Every file under MEDIA_ROOT, sorted, less the uploads a refused save keeps for the next
    try (photos/pending/, removed after a day: tests/admin/test_phone_uploads.py)."""
    root = Path(settings.MEDIA_ROOT)
    pending = root / photos.PENDING_FOLDER
    return sorted(path for path in root.rglob("*") if path.is_file() and pending not in path.parents)


def photo_files() -> list[Path]:
    """The files under MEDIA_ROOT less the deletion records (photos/deleted/), sorted."""
    records = Path(settings.MEDIA_ROOT) / photos.DELETED_FOLDER
    return [path for path in media_files() if records not in path.parents]


def deletion_records() -> list[Path]:
    return sorted((Path(settings.MEDIA_ROOT) / photos.DELETED_FOLDER).glob("*"))


def stored_paths(photo) -> list[Path]:
    return [Path(settings.MEDIA_ROOT) / name for name in photo.stored_names()]


def upload(data: bytes, name: str = "phone.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def add_photo_row(data: dict, owner, file, *, alt="西工小街夜市", alt_en="Xigong Lane market at night",
                  credit="张三", position=0, prefix="photos") -> int:
    """Add a new inline photo row to the admin form `data` (as the 'Add another photo' button
    does); returns its index."""
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    row = {"id": "", owner.photos.field.name: str(owner.pk), "alt": alt, "alt_en": alt_en, "credit": credit,
           "position": str(position)}
    for name, value in row.items():
        data[f"{prefix}-{index}-{name}"] = [value]
    if file is not None:
        data[f"{prefix}-{index}-upload"] = file
    return index


def row_index(data: dict, photo, prefix="photos") -> int:
    """The index of the inline row that edits `photo`."""
    for key, value in data.items():
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == [str(photo.pk)]:
            return int(key.split("-")[1])
    raise AssertionError(f"no inline row for photo {photo.pk}")


def night_scene(width: int = 4032, height: int = 3024, seed: int = 1) -> bytes:
    """A JPEG that compresses like a phone photo rather than a flat test card: a night-sky
    gradient, buildings with lit windows, lanterns, a little blur and sensor noise; with the
    camera's EXIF (GPS included), as a phone would send it."""
    import io
    import random

    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    rng = random.Random(seed)
    ramp = Image.linear_gradient("L").resize((width, height))
    picture = Image.merge("RGB", [ramp.point(lambda v: 15 + v // 5), ramp.point(lambda v: 20 + v // 5),
                                  ramp.point(lambda v: 55 + v // 4)])
    draw = ImageDraw.Draw(picture)
    unit = width // 100
    for _ in range(40):  # buildings with windows
        left, top = rng.randrange(width), rng.randrange(height // 3, height)
        right, shade = left + rng.randrange(6, 20) * unit, rng.randrange(20, 70)
        draw.rectangle([left, top, right, height], fill=(shade, shade - 5 if shade > 5 else 0, shade + 10))
        for _ in range(rng.randrange(10, 40)):
            x, y = rng.randrange(left, right), rng.randrange(top, height)
            draw.rectangle([x, y, x + unit, y + unit], fill=(255, rng.randrange(170, 230), rng.randrange(60, 140)))
    for _ in range(120):  # lanterns
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(unit // 2, unit * 2)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randrange(200, 256), rng.randrange(20, 80), 30))
    picture = picture.filter(ImageFilter.GaussianBlur(unit / 8))
    # Texture at the scale a 960 px rendition keeps (brick, leaves, crowds), then sensor grain.
    texture = Image.effect_noise((width // 6, height // 6), 8).resize((width, height), Image.Resampling.BICUBIC)
    picture = ImageChops.add(picture, texture.convert("RGB"), scale=1.0, offset=-128)
    grain = Image.effect_noise((width, height), 10).convert("RGB")
    picture = ImageChops.add(picture, grain, scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[files.GPS_TAG] = {1: "N", 2: (34.0, 37.0, 12.0), 3: "E", 4: (112.0, 27.0, 0.0)}
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()
