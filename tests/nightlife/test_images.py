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


METADATA = [pytest.param(files.jpeg_with_metadata, "JPEG", id="jpeg"),
            pytest.param(files.png_with_metadata, "PNG", id="png"),
            pytest.param(files.webp_with_metadata, "WEBP", id="webp")]


@pytest.mark.parametrize("make, fmt", METADATA)
def test_no_segment_or_chunk_of_the_uploads_metadata_reaches_any_stored_file(make, fmt):
    image = images.load(make())
    stored = [images.original(image, fmt), *images.renditions(image)]
    assert [r.extension for r in stored] == [images.FORMATS[fmt], "webp", "jpg", "webp", "jpg", "webp", "jpg"]
    for encoded in stored:
        kind = reopen(encoded).format
        assert set(files.segments(encoded.data)) <= files.CLEAN_SEGMENTS[kind], files.segments(encoded.data)
        assert b"JFIF\0" in encoded.data[:20] if kind == "JPEG" else True  # its one APP0 is JFIF
        assert files.PRIVATE.encode() not in encoded.data and b"PhoneMaker" not in encoded.data


def test_a_display_p3_photo_keeps_its_colours_in_srgb_without_its_profile():
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (60, 180, 60)).save(
        buffer, "JPEG", quality=95, icc_profile=files.icc_profile("Display P3", files.DISPLAY_P3_COLORANTS))
    image = images.load(buffer.getvalue())
    for encoded in [images.original(image, "JPEG"), *images.renditions(image)]:
        again = reopen(encoded)
        assert "icc_profile" not in again.info
        red, green, blue = again.getpixel((10, 10))
        # The same green as a colour-managed viewer showed it: more saturated in sRGB numbers.
        assert red < 20 and green > 180 and blue < 40, (red, green, blue)


def test_a_colour_profile_we_cannot_read_is_dropped_and_the_photo_kept():
    buffer = io.BytesIO()
    Image.new("RGB", (600, 400), (60, 180, 60)).save(buffer, "PNG", icc_profile=files.PRIVATE.encode() * 4)
    encoded = images.original(images.load(buffer.getvalue()), "PNG")
    assert files.segments(encoded.data) == ["IHDR", "IDAT", "IEND"]
    assert reopen(encoded).getpixel((10, 10)) == (60, 180, 60)


def test_a_long_screenshot_gets_renditions_no_side_of_which_passes_webps_limit():
    made = images.renditions(images.load(files.tall_jpeg(1080, 20_000)))
    # 960 px wide would be 17,778 px tall: that copy is fitted to 16,383 px instead.
    assert [(r.extension, r.width, r.height) for r in made] == [
        ("webp", 480, 8889), ("jpg", 480, 8889), ("webp", 640, 11852), ("jpg", 640, 11852),
        ("webp", 885, 16383), ("jpg", 885, 16383)]
    assert all(reopen(r).size == (r.width, r.height) for r in made)


def test_a_one_pixel_wide_strip_gets_one_rendition_within_webps_limit():
    made = images.renditions(images.load(files.thin_png(1, 40_000)))
    assert [(r.extension, r.width, r.height) for r in made] == [("webp", 1, 16383), ("jpg", 1, 16383)]


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
