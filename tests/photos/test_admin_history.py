"""Photos edited on a listing's page keep the editors' history and the edit-conflict check."""

from django.test import Client
from django.urls import reverse

from tests import photo_files as files
from tests.admin.helpers import editor as make_editor, open_form, zh
from tests.factories import make_venue
from tests.photos.helpers import add_photo_row, make_photo, media_files, row_index, upload
from venues.models import VenuePhoto


def history_of(client, obj) -> str:
    opts = obj._meta
    html = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])).content.decode()
    start = html.index('id="change-history"')
    return html[start:html.index("</table>", start)]


def test_the_change_page_shows_the_stored_photo_and_takes_files(editor_client):
    venue = make_venue()
    photo = make_photo(venue, alt="夜市")
    html = editor_client.get(reverse("admin:venues_venue_change", args=[venue.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'accept="image/jpeg,image/png,image/webp"' in html
    assert f'src="{photo.smallest_jpeg_url}"' in html and "640 × 480 px" in html


def test_an_added_and_a_re_described_photo_show_in_the_listings_history(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    url, data = open_form(editor_client, venue)
    add_photo_row(data, venue, upload(files.jpeg(640, 480)), alt="灯笼")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    photo = VenuePhoto.objects.get()
    url, data = open_form(editor_client, venue)
    data[f"photos-{row_index(data, photo)}-alt"] = ["红灯笼"]
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    history = history_of(editor_client, venue)
    assert "灯笼" in history and zh("added") in history
    assert "红灯笼" in history  # the alt text change, row by row


def test_a_photo_uploaded_on_a_stale_page_is_not_saved_and_leaves_no_file(db, django_capture_on_commit_callbacks):
    venue = make_venue()
    li, wang = Client(), Client()
    li.force_login(make_editor("li"))
    wang.force_login(make_editor("wang"))
    url, li_form = open_form(li, venue)
    _, wang_form = open_form(wang, venue)
    li_form["slogan_en"] = ["Li's slogan"]
    assert li.post(url, li_form).status_code == 302

    wang_form["slogan_en"] = ["Wang's slogan"]  # a conflict: saving waits for Wang's choice
    add_photo_row(wang_form, venue, upload(files.jpeg()), alt_en="Wang's photo")
    with django_capture_on_commit_callbacks(execute=True):
        response = wang.post(url, wang_form)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="edit-conflict"' in html
    start = html.index('id="edit-conflict"')
    table = html[start:html.index("</table>", start)]
    assert "Wang&#x27;s slogan" in table
    assert not VenuePhoto.objects.exists() and media_files() == []
