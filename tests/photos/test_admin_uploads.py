"""Editors upload photos on a venue's or an event's admin page; only clean, checked files are
stored, and a bad file is a message on the form with nothing left behind."""

import io

import pytest
from PIL import Image

from events.models import EventPhoto
from tests import photo_files as files
from tests.admin.helpers import open_form, zh
from tests.factories import make_event, make_venue
from tests.photos.helpers import add_photo_row, media_files, stored_paths, upload
from venues.models import VenuePhoto


def post(client, url, data, capture):
    """Post the form as a browser would, committing (so on_commit file removal runs)."""
    with capture(execute=True):
        return client.post(url, data)


def assert_clean(path):
    """Every segment or chunk of the stored file is pixels or how to decode them: no EXIF, XMP,
    colour profile, comment or text of any kind."""
    data = path.read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        fmt = image.format
        assert dict(image.getexif()) == {}, path
    assert set(files.segments(data)) <= files.CLEAN_SEGMENTS[fmt], (path, files.segments(data))
    assert b"Exif" not in data and b"PhoneMaker" not in data and b"secret location" not in data, path
    assert files.PRIVATE.encode() not in data, path


def test_a_phone_photo_is_stored_upright_without_exif_with_its_renditions(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    url, data = open_form(editor_client, venue)
    add_photo_row(data, venue, upload(files.jpeg(1600, 1200, gps=True, orientation=6)))
    response = post(editor_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode()[:3000]

    photo = VenuePhoto.objects.get(venue=venue)
    assert (photo.alt, photo.alt_en, photo.credit) == ("西工小街夜市", "Xigong Lane market at night", "张三")
    assert (photo.width, photo.height) == (1200, 1600)  # orientation 6 applied: now portrait
    paths = stored_paths(photo)
    assert sorted(paths) == media_files() and len(paths) == 7  # the original and 6 renditions
    sizes = {}
    for path in paths:
        assert_clean(path)
        with Image.open(path) as image:
            sizes[path.name.split("-", 1)[1]] = (image.format, image.size)
    assert sizes == {"original.jpg": ("JPEG", (1200, 1600)),
                     "480w.webp": ("WEBP", (480, 640)), "480w.jpg": ("JPEG", (480, 640)),
                     "640w.webp": ("WEBP", (640, 853)), "640w.jpg": ("JPEG", (640, 853)),
                     "960w.webp": ("WEBP", (960, 1280)), "960w.jpg": ("JPEG", (960, 1280))}


def test_a_png_keeps_its_format_without_its_text_chunks(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    url, data = open_form(editor_client, venue)
    add_photo_row(data, venue, upload(files.png(800, 600, alpha=True), "shop.png", "image/png"))
    assert post(editor_client, url, data, django_capture_on_commit_callbacks).status_code == 302
    photo = VenuePhoto.objects.get(venue=venue)
    assert photo.image.name.endswith("-original.png")
    assert [r["width"] for r in photo.renditions] == [480, 640, 800]  # never upscaled to 960
    for path in stored_paths(photo):
        assert_clean(path)


@pytest.mark.parametrize("data, name", [
    pytest.param(files.jpeg_with_metadata(), "phone.jpg", id="jpeg-comment-exif-xmp-icc"),
    pytest.param(files.png_with_metadata(), "shop.png", id="png-text-itxt-ztxt-exif-iccp"),
    pytest.param(files.webp_with_metadata(), "shop.webp", id="webp-exif-xmp-iccp"),
])
def test_no_metadata_of_the_upload_is_in_any_stored_file(editor_client, django_capture_on_commit_callbacks,
                                                         data, name):
    venue = make_venue()
    url, form = open_form(editor_client, venue)
    add_photo_row(form, venue, upload(data, name, "application/octet-stream"))
    assert post(editor_client, url, form, django_capture_on_commit_callbacks).status_code == 302
    paths = stored_paths(VenuePhoto.objects.get(venue=venue))
    assert sorted(paths) == media_files() and len(paths) == 7
    for path in paths:
        assert_clean(path)


@pytest.mark.parametrize("data, name, sizes", [
    pytest.param(files.tall_jpeg(1080, 20_000), "screenshot.jpg", [(480, 8889), (640, 11852), (885, 16383)],
                 id="1080x20000-jpeg"),
    pytest.param(files.thin_png(1, 40_000), "strip.png", [(1, 16383)], id="1x40000-png"),
])
def test_a_very_tall_photo_is_stored_with_renditions_within_webps_limit(editor_client, django_capture_on_commit_callbacks,
                                                                       data, name, sizes):
    venue = make_venue(slogan_en="Before")
    url, form = open_form(editor_client, venue)
    form["slogan_en"] = ["After"]
    add_photo_row(form, venue, upload(data, name))
    response = post(editor_client, url, form, django_capture_on_commit_callbacks)
    assert response.status_code == 302, response.content.decode()[:3000]
    venue.refresh_from_db()
    assert venue.slogan_en == "After"
    photo = VenuePhoto.objects.get(venue=venue)
    assert [(r["width"], r["height"]) for r in photo.renditions] == sizes
    for rendition in photo.renditions:
        for fmt in ("webp", "jpeg"):
            with Image.open(stored_paths(photo)[0].parent / rendition[fmt].rsplit("/", 1)[1]) as image:
                assert image.size == (rendition["width"], rendition["height"]) and max(image.size) <= 16383


def test_a_cmyk_jpeg_is_accepted_and_stored_as_rgb(editor_client, django_capture_on_commit_callbacks):
    event = make_event()
    url, data = open_form(editor_client, event)
    add_photo_row(data, event, upload(files.cmyk_jpeg()))
    assert post(editor_client, url, data, django_capture_on_commit_callbacks).status_code == 302
    photo = EventPhoto.objects.get(event=event)
    for path in stored_paths(photo):
        with Image.open(path) as image:
            assert image.mode == "RGB"


BAD_FILES = [
    pytest.param(files.truncated_jpeg(), "photo.jpg", "The image file is damaged or incomplete.", id="truncated-jpeg"),
    pytest.param(files.png_bomb(), "bomb.png", "The image has too many pixels (at most 40 megapixels).", id="png-bomb"),
    pytest.param(files.SVG, "logo.svg", "This file is not an image we can read. Upload a JPEG, PNG or WebP photo.", id="svg"),
    pytest.param(files.HTML, "photo.jpg", "This file is not an image we can read. Upload a JPEG, PNG or WebP photo.", id="html-as-jpg"),
    pytest.param(files.TEXT, "photo.jpg", "This file is not an image we can read. Upload a JPEG, PNG or WebP photo.", id="text-as-jpg"),
    pytest.param(files.gif(), "photo.gif", "Only JPEG, PNG and WebP photos are accepted.", id="gif"),
    pytest.param(files.animated_webp(), "moving.webp", "Animated images are not accepted; upload a still photo.", id="animated-webp"),
    pytest.param(b"", "empty.jpg", "The submitted file is empty.", id="empty"),
]


@pytest.mark.parametrize("data, name, reason", BAD_FILES)
def test_a_bad_file_gets_its_reason_on_the_form_and_nothing_is_saved(editor_client, django_capture_on_commit_callbacks,
                                                                      data, name, reason):
    venue = make_venue(slogan_en="Before")
    url, form = open_form(editor_client, venue)
    form["slogan_en"] = ["After"]
    add_photo_row(form, venue, upload(data, name))
    response = post(editor_client, url, form, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    html = response.content.decode()
    assert zh(reason) in html
    assert 'class="errorlist' in html
    assert not VenuePhoto.objects.exists()
    assert media_files() == []
    venue.refresh_from_db()
    assert venue.slogan_en == "Before"  # the rest of the page was not saved either


def test_a_good_file_on_a_page_with_another_error_is_not_stored(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    url, data = open_form(editor_client, venue)
    add_photo_row(data, venue, upload(files.jpeg()), alt="")
    response = post(editor_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert zh("This field is required.") in response.content.decode()
    assert not VenuePhoto.objects.exists() and media_files() == []


def test_a_new_photo_row_without_a_file_asks_for_one(editor_client):
    venue = make_venue()
    url, data = open_form(editor_client, venue)
    add_photo_row(data, venue, None)
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert zh("Choose a photo file.") in response.content.decode()
    assert not VenuePhoto.objects.exists()


def test_the_chinese_alt_text_is_required(editor_client):
    venue = make_venue()
    url, data = open_form(editor_client, venue)
    add_photo_row(data, venue, upload(files.jpeg()), alt="", alt_en="")
    html = editor_client.post(url, data).content.decode()
    # Once by the Chinese field, once in the summary at the top: the English one is optional.
    assert html.count(zh("This field is required.")) == 2
    assert not VenuePhoto.objects.exists() and media_files() == []


def test_photos_are_kept_in_the_order_editors_give(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    url, data = open_form(editor_client, venue)
    add_photo_row(data, venue, upload(files.jpeg(640, 480)), alt="第二", alt_en="Second", position=2)
    add_photo_row(data, venue, upload(files.webp(640, 480), "a.webp", "image/webp"), alt="第一", alt_en="First",
                  position=1)
    assert post(editor_client, url, data, django_capture_on_commit_callbacks).status_code == 302
    assert list(venue.photos.values_list("alt_en", flat=True)) == ["First", "Second"]
    assert len(media_files()) == 2 * 5  # each: the original, and 480 and 640 px wide in WebP and JPEG
