import io

import pytest
from django.utils import translation
from PIL import Image

from photos import images
from tests import photo_files as files


def reopen(encoded):
    return Image.open(io.BytesIO(encoded.data))


def test_a_phone_photo_is_stored_without_exif_and_upright():
    image = images.load(files.jpeg(1600, 1200, gps=True, orientation=6))  # 6: rotate 90° clockwise
    stored = images.original(image, "JPEG")
    again = reopen(stored)
    assert (again.width, again.height) == (1200, 1600)
    assert dict(again.getexif()) == {}
    assert b"Exif" not in stored.data[:200] and b"PhoneMaker" not in stored.data


def test_png_text_chunks_are_dropped():
    stored = images.original(images.load(files.png()), "PNG")
    assert b"secret location" not in stored.data
    assert reopen(stored).format == "PNG"


def test_renditions_are_480_640_and_960_wide_in_webp_and_jpeg():
    made = images.renditions(images.load(files.jpeg(1600, 1200)))
    assert [(r.width, r.extension) for r in made] == [(480, "webp"), (480, "jpg"), (640, "webp"), (640, "jpg"),
                                                         (960, "webp"), (960, "jpg")]
    assert [r.height for r in made] == [360, 360, 480, 480, 720, 720]
    assert all(dict(reopen(r).getexif()) == {} for r in made)


def test_a_small_photo_is_never_upscaled():
    made = images.renditions(images.load(files.webp(400, 300)))
    assert {(r.width, r.height) for r in made} == {(400, 300)}


def test_cmyk_becomes_rgb():
    image = images.load(files.cmyk_jpeg())
    assert reopen(images.original(image, "JPEG")).mode == "RGB"


@pytest.mark.parametrize("data, reason", [
    (files.truncated_jpeg(), "damaged or incomplete"),
    (files.png_bomb(), "40 megapixels"),
    (files.SVG, "not an image"),
    (files.HTML, "not an image"),
    (files.TEXT, "not an image"),
    (files.gif(), "Only JPEG, PNG and WebP"),
    (files.animated_webp(), "Animated"),
    (b"\xff\xd8\xff" + b"\x00" * 100, "not an image"),
])
def test_bad_files_are_refused_with_a_reason(data, reason):
    with translation.override("en"), pytest.raises(images.ImageRejected, match=reason):
        images.load(data)


def test_a_file_over_10_mb_is_refused_before_decoding():
    with translation.override("en"), pytest.raises(images.ImageRejected, match="10 MB"):
        images.load(b"\xff\xd8" + b"\x00" * (images.MAX_BYTES + 1))
