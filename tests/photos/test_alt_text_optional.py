"""An editor without English saves a photo with the Chinese alt text alone (issue 23, item 6):
English pages describe it as a photo of the listing, and "needs attention" lists the gap."""

from tests import photo_files as files
from tests.admin.helpers import open_form, zh
from tests.factories import make_venue
from tests.photos.helpers import add_photo_row, upload
from venues.models import VenuePhoto


def test_a_photo_with_chinese_alt_text_alone_is_saved_and_english_pages_name_the_listing(
        editor_client, client, django_capture_on_commit_callbacks):
    venue = make_venue(name="夜市街", name_en="Night Market Street")
    url, data = open_form(editor_client, venue)
    add_photo_row(data, venue, upload(files.jpeg(640, 480, gps=False)), alt="夜市街的灯笼", alt_en="")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    photo = VenuePhoto.objects.get(venue=venue)
    assert (photo.alt, photo.alt_en) == ("夜市街的灯笼", "")

    english = client.get(f"/en/venues/{venue.slug}/").content.decode()
    assert 'alt="A photo of Night Market Street"' in english
    assert 'alt="夜市街的灯笼"' not in english
    assert 'alt="夜市街的灯笼"' in client.get(f"/venues/{venue.slug}/").content.decode()

    attention = editor_client.get("/admin/attention/").content.decode()
    assert "夜市街的灯笼" in attention
    assert zh("alt text (English)") in attention


def test_the_form_says_the_english_alt_text_is_optional(editor_client):
    venue = make_venue()
    url, _ = open_form(editor_client, venue)
    html = editor_client.get(url).content.decode()
    assert zh("Optional: without it, English pages describe it as a photo of the listing, and Needs "
              "attention lists it.") in html
