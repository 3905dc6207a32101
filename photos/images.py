"""Checking and re-encoding uploaded photos, and making their phone-sized renditions.

Everything stored is re-encoded from pixels: no EXIF (GPS included), no text chunks, no XMP,
orientation applied. Only JPEG, PNG and WebP stills are accepted, within a size and pixel budget
checked before the pixels are decoded.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# 480: card thumbnails and 2x phones; 640: a half-width gallery photo on a 3x phone (about 530
# px); 960: a wide photo.
RENDITION_WIDTHS = (480, 640, 960)
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
    """Check `data` and return its decoded, upright pixels (orientation applied); `.format` is
    the uploaded format (JPEG, PNG or WEBP), kept for `original()`.

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
    upright = ImageOps.exif_transpose(image) or image
    upright.format = image.format  # the transposed copy forgets it
    return upright


def _pixels_for(image: Image.Image, fmt: str) -> Image.Image:
    """Pixels the format can hold: CMYK, 16-bit and palette oddities become RGB(A)."""
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if fmt == "JPEG" or not has_alpha:
        return image.convert("RGB")
    return image.convert("RGBA")


def encode(image: Image.Image, fmt: str) -> Encoded:
    """Re-encode pixels in `fmt` with no metadata at all (no EXIF, XMP, text chunks)."""
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
    700 px photo: 480, 640 and 700; a 400 px photo: 400 only)."""
    result = []
    for target in sorted({min(width, image.width) for width in RENDITION_WIDTHS}):
        height = max(1, round(image.height * target / image.width))
        resized = image.resize((target, height), Image.Resampling.LANCZOS) if target != image.width else image
        result += [encode(resized, "WEBP"), encode(resized, "JPEG")]
    return result
