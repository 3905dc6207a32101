"""Checking and re-encoding uploaded photos, and making their phone-sized renditions.

Everything stored is re-encoded from pixels alone: orientation applied, colours turned into sRGB,
and nothing else of the upload kept (no EXIF with its GPS, XMP, colour profile, JPEG comment or
PNG text). Only JPEG, PNG and WebP stills are accepted, within a size and pixel budget checked
before the pixels are decoded.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# 480: card thumbnails and 2x phones; 640: a half-width gallery photo on a 3x phone (about 530
# px); 960: a wide photo.
RENDITION_WIDTHS = (480, 640, 960)
# WebP's limit on either side: a long phone screenshot gets narrower copies than these widths.
MAX_RENDITION_SIDE = 16_383
JPEG_QUALITY = 82
WEBP_QUALITY = 78

# Pillow's own guard, as a backstop below ours: anything past it is refused outright.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRejected(ValueError):
    """The upload is not an acceptable photo; str() is a message for the editor."""


@dataclass(frozen=True)
class Encoded:
    data: bytes
    extension: str
    width: int
    height: int


def _open(data: bytes) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(_("The image has too many pixels (at most 40 megapixels).")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ImageRejected(_("This file is not an image we can read. Upload a JPEG, PNG or WebP photo.")) from None


def load(data: bytes) -> Image.Image:
    """Check `data` and return its decoded, upright pixels (orientation applied, in sRGB);
    `.format` is the uploaded format (JPEG, PNG or WEBP), kept for `original()`.

    Raises ImageRejected with a reason: wrong format, too large, too many pixels, animated,
    truncated or corrupt. Checks size and dimensions from the header before decoding pixels.
    """
    if len(data) > MAX_BYTES:
        raise ImageRejected(_("The file is larger than 10 MB."))
    image = _open(data)
    if image.format not in FORMATS:
        raise ImageRejected(_("Only JPEG, PNG and WebP photos are accepted."))
    if image.width * image.height > MAX_PIXELS:
        raise ImageRejected(_("The image has too many pixels (at most 40 megapixels)."))
    if getattr(image, "n_frames", 1) > 1:
        raise ImageRejected(_("Animated images are not accepted; upload a still photo."))
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRejected(_("The image file is damaged or incomplete.")) from None
    upright = _in_srgb(ImageOps.exif_transpose(image) or image)
    upright.format = image.format  # the transposed copy forgets it
    return upright


_SRGB = ImageCms.createProfile("sRGB")


def _in_srgb(image: Image.Image) -> Image.Image:
    """`image` turned from the colour space of its profile into sRGB, the one every file we store
    is read in once the profile is dropped (a Display P3 phone photo keeps its colours).
    Unchanged without a profile; a profile that cannot be read or applied is ignored."""
    profile = image.info.get("icc_profile")
    if not profile:
        return image
    mode = "RGBA" if _has_alpha(image) else "RGB"
    try:
        return ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), _SRGB,
                                         outputMode=mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _pixels_for(image: Image.Image, fmt: str) -> Image.Image:
    """Pixels the format can hold, and nothing else: CMYK, 16-bit and palette oddities become
    RGB(A), and the copy carries none of the upload's `info` (comment, profile, XMP ...), which
    Pillow's encoders would otherwise write again (a JPEG's comment, a PNG's profile)."""
    pixels = image.convert("RGBA" if fmt != "JPEG" and _has_alpha(image) else "RGB")
    pixels.info = {}
    return pixels


def encode(image: Image.Image, fmt: str) -> Encoded:
    """Re-encode pixels in `fmt` with no metadata at all (no EXIF, XMP, colour profile, comment,
    text chunks): a JPEG holds its JFIF header and pixels, a PNG or WebP its pixels."""
    pixels = _pixels_for(image, fmt)
    buffer = io.BytesIO()
    options = {"JPEG": {"quality": JPEG_QUALITY, "optimize": True, "progressive": True},
               "WEBP": {"quality": WEBP_QUALITY, "method": 4},
               "PNG": {"optimize": True}}[fmt]
    pixels.save(buffer, fmt, **options)
    return Encoded(buffer.getvalue(), FORMATS[fmt], pixels.width, pixels.height)


def original(image: Image.Image, source_format: str) -> Encoded:
    """The stored original: the same format as uploaded, re-encoded clean."""
    return encode(image, source_format)


def renditions(image: Image.Image) -> list[Encoded]:
    """Phone-sized copies, 480, 640 and 960 px wide, each as WebP then JPEG, narrowest first.

    Never upscaled: a photo narrower than a width gives a copy at its own width instead (a
    700 px photo: 480, 640 and 700; a 400 px photo: 400 only). No side passes 16,383 px (WebP's
    limit): a copy that would is narrower (a 1080 x 20000 screenshot: 480, 640 and 885 wide,
    the last 16,383 tall; a 1 x 40000 strip: one copy, 1 x 16383)."""
    sizes: dict[int, int] = {}  # width: height, one copy per width
    for target in RENDITION_WIDTHS:
        scale = min(1, target / image.width, MAX_RENDITION_SIDE / image.height)
        sizes.setdefault(max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    result = []
    for width, height in sorted(sizes.items()):
        resized = image if (width, height) == image.size else image.resize((width, height), Image.Resampling.LANCZOS)
        result += [encode(resized, "WEBP"), encode(resized, "JPEG")]
    return result
