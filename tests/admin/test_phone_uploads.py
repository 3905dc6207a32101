"""An editor on a phone chose several photos and one was refused: the good ones are kept for
the next try (photos/pending/, a signed token in the form), not dropped with the refused save."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.conf import settings

from tests import photo_files as files
from tests.admin.helpers import editor, form_data, open_form, zh
from tests.factories import make_venue
from photos.models import PENDING_FOLDER
from tests.photos.helpers import add_photo_row, upload
from venues.models import VenuePhoto

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def editor_client(client, at):
    at("2026-12-01 19:50")
    client.force_login(editor())
    return client


def pending_files() -> list:
    return sorted((Path(settings.MEDIA_ROOT) / PENDING_FOLDER).glob("*"))


def refused_save(client, venue):
    """Two new photos, the second not an image: the page comes back with the form."""
    url, data = open_form(client, venue)
    add_photo_row(data, venue, upload(files.jpeg(800, 600), name="lake.jpg"), alt="开元湖夜景")
    add_photo_row(data, venue, upload(files.gif(), name="wrong.gif", content_type="image/gif"), alt="错的")
    response = client.post(url, data)
    assert response.status_code == 200
    return url, response


def without_last_photo_row(data: dict) -> dict:
    last = int(data["photos-TOTAL_FORMS"][0]) - 1
    data = {key: value for key, value in data.items() if not key.startswith(f"photos-{last}-")}
    data["photos-TOTAL_FORMS"] = [str(last)]
    return data


def test_a_refused_save_keeps_the_accepted_photo_for_the_next_try(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    url, response = refused_save(editor_client, venue)
    html = response.content.decode()
    assert zh("Kept from your last try: %(name)s. Save to use it, or choose another file.", name="lake.jpg") in html
    assert VenuePhoto.objects.count() == 0 and len(pending_files()) == 1

    data = without_last_photo_row(form_data(response, "venue_form"))  # the editor removes the bad row
    assert data["photos-0-pending"][0]  # the signed name of the kept file, carried by the form
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    photo = VenuePhoto.objects.get()
    assert photo.alt == "开元湖夜景" and photo.width == 800 and photo.has_files
    assert pending_files() == []  # used, so removed


def test_a_forged_token_is_no_file(editor_client):
    venue = make_venue()
    url, response = refused_save(editor_client, venue)
    data = without_last_photo_row(form_data(response, "venue_form"))
    data["photos-0-pending"] = [re.sub(r"^.", "x", data["photos-0-pending"][0])]
    html = editor_client.post(url, data).content.decode()
    assert zh("Choose a photo file.") in html and VenuePhoto.objects.count() == 0


def test_kept_files_go_after_a_day(editor_client, at):
    refused_save(editor_client, make_venue())
    at("2026-12-02 19:49")
    call_command("purge_photos")
    assert len(pending_files()) == 1
    at("2026-12-02 19:51")
    summary = call_command("purge_photos")
    assert pending_files() == [] and "Removed 1 files kept from refused saves." in summary
