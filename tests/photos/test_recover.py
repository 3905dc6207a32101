"""A venue deleted in the admin and recovered from History comes back with its photos: deleted
photos' files are kept for 30 days and `purge_photos` removes them after that. A photo whose
files are gone is left out of public pages and its admin inline asks for the file again."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from tests import photo_files as files
from tests.admin.helpers import form_data, open_form, zh
from tests.factories import make_venue
from tests.photos.helpers import make_photo, photo_files, row_index, stored_paths, upload
from tests.photos.test_public_pages import pictures
from venues.models import Venue, VenuePhoto


@pytest.fixture
def venue(db, settings):
    settings.SERVE_MEDIA = True  # the media URLs answer as they do under `make run`
    venue = make_venue(slug="lit", name_en="Lantern street")
    make_photo(venue, files.jpeg(1600, 1200), alt_en="Lanterns", position=0)
    make_photo(venue, files.webp(1200, 800), alt_en="Snack stalls", position=1)
    return venue


def delete_in_admin(client, venue, capture):
    with capture(execute=True):
        response = client.post(reverse("admin:venues_venue_delete", args=[venue.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Venue.objects.filter(pk=venue.pk).exists()


def recover_in_admin(client, capture):
    """Open "Recover deleted venues", follow the latest deletion, and save the form it shows."""
    listing = client.get(reverse("admin:venues_venue_recoverlist")).content.decode()
    url = re.search(r'href="(/admin/venues/venue/recover/\d+/)"', listing).group(1)
    response = client.get(url)
    assert response.status_code == 200
    with capture(execute=True):
        response = client.post(url, form_data(response, "venue_form"))
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def image_urls(html: str) -> list[str]:
    """Every image URL of the page's <picture>s: src, and each srcset entry of <img> and <source>."""
    urls = []
    for picture in pictures(html).pictures:
        for attrs in [*picture["sources"], picture["img"]]:
            urls += [part.split()[0] for part in attrs.get("srcset", "").split(", ") if part]
            urls += [attrs["src"]] if "src" in attrs else []
    return urls


def test_a_venue_recovered_from_history_shows_every_photo(editor_client, client, venue,
                                                          django_capture_on_commit_callbacks):
    delete_in_admin(editor_client, venue, django_capture_on_commit_callbacks)
    recover_in_admin(editor_client, django_capture_on_commit_callbacks)

    html = client.get("/en/venues/lit/").content.decode()
    assert [p["img"]["alt"] for p in pictures(html).pictures] == ["Lanterns", "Snack stalls"]
    urls = image_urls(html)
    assert len(urls) == 2 * 7  # per photo: 3 WebP and 3 JPEG in srcsets, and the <img> src
    assert {url: client.get(url).status_code for url in urls} == {url: 200 for url in urls}


def test_after_the_purge_a_recovered_venue_shows_no_broken_image(editor_client, client, venue,
                                                                 django_capture_on_commit_callbacks):
    with CaptureQueriesContext(connection) as with_photos:
        assert len(pictures(client.get("/en/venues/lit/").content.decode()).pictures) == 2
    delete_in_admin(editor_client, venue, django_capture_on_commit_callbacks)
    assert call_command("purge_photos", "--days", "0") == (
        "Removed 14 files of photos deleted more than 0 days ago; kept 0 in use again.")
    assert photo_files() == []
    recover_in_admin(editor_client, django_capture_on_commit_callbacks)
    assert VenuePhoto.objects.filter(venue_id=venue.pk).count() == 2  # the rows came back, not their files

    with CaptureQueriesContext(connection) as without_files:
        html = client.get("/en/venues/lit/").content.decode()
    assert "<picture" not in html and "/media/" not in html and 'class="photos' not in html
    assert len(without_files) == len(with_photos)  # leaving them out costs no query
    assert "/media/" not in client.get("/en/venues/").content.decode()  # nor a card photo

    change = editor_client.get(reverse("admin:venues_venue_change", args=[venue.pk])).content.decode()
    missing = zh("This photo's file is missing (the files of a deleted photo are removed after 30 days), "
                 "so public pages leave it out. Choose the file again below.")
    assert change.count(missing) == 2 and 'class="photo-preview"' not in change  # no broken preview either


def test_the_purge_keeps_the_files_of_a_venue_recovered_before_it(editor_client, client, venue,
                                                                  django_capture_on_commit_callbacks):
    paths = [path for photo in venue.photos.all() for path in stored_paths(photo)]
    delete_in_admin(editor_client, venue, django_capture_on_commit_callbacks)
    recover_in_admin(editor_client, django_capture_on_commit_callbacks)
    assert call_command("purge_photos", "--days", "0") == (
        "Removed 0 files of photos deleted more than 0 days ago; kept 14 in use again.")
    assert all(path.exists() for path in paths)
    assert len(pictures(client.get("/en/venues/lit/").content.decode()).pictures) == 2


def test_reverting_to_the_version_before_a_replaced_file_brings_that_photo_back(
        editor_client, client, venue, django_capture_on_commit_callbacks):
    photo = venue.photos.get(alt_en="Snack stalls")
    before = stored_paths(photo)
    url, data = open_form(editor_client, venue)
    data[f"photos-{row_index(data, photo)}-upload"] = upload(files.png(800, 600), "new.png", "image/png")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    photo.refresh_from_db()
    replacement = stored_paths(photo)

    oldest = Version.objects.get_for_object(venue).last()  # the state before the first admin edit
    revision_url = reverse("admin:venues_venue_revision", args=[venue.pk, oldest.pk])
    form = form_data(editor_client.get(revision_url), "venue_form")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(revision_url, form).status_code == 302
    photo.refresh_from_db()
    assert stored_paths(photo) == before
    urls = image_urls(client.get("/en/venues/lit/").content.decode())
    assert {url: client.get(url).status_code for url in urls} == {url: 200 for url in urls}

    # The files it pointed at until the revert are deleted ones now; the restored ones are not.
    assert call_command("purge_photos", "--days", "0") == (
        "Removed 7 files of photos deleted more than 0 days ago; kept 7 in use again.")
    assert not any(path.exists() for path in replacement) and all(path.exists() for path in before)
