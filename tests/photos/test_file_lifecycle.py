"""Replacing or deleting a photo records its files as deleted once the save commits, and
`purge_photos` removes them 30 days later; a save that fails leaves the previous files in place and
no new file behind."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from tests import photo_files as files
from tests.admin.helpers import open_form
from tests.factories import make_event, make_venue
from tests.photos.helpers import (add_photo_row, deletion_records, make_photo, media_files, photo_files, row_index,
                                  stored_paths, upload)
from venues.models import VenuePhoto


def purge(**options) -> str:
    return call_command("purge_photos", *[f"--{name}={value}" for name, value in options.items()])


def test_replacing_the_file_keeps_the_old_files_30_days_then_the_purge_removes_them(
        editor_client, django_capture_on_commit_callbacks, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 1, 22, 0, tzinfo=dt.timezone.utc), tick=False)
    venue = make_venue()
    photo = make_photo(venue)
    old = stored_paths(photo)
    url, data = open_form(editor_client, venue)
    data[f"photos-{row_index(data, photo)}-upload"] = upload(files.webp(1200, 800), "new.webp", "image/webp")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    photo.refresh_from_db()
    new = stored_paths(photo)
    assert photo.image.name.endswith(".webp") and (photo.width, photo.height) == (1200, 800)
    assert photo_files() == sorted(old + new) and (len(old), len(new)) == (5, 7)  # the original, 2 or 3 widths
    assert [path.name[:16] for path in deletion_records()] == ["20261101T220000Z"]

    time_machine.move_to(timezone.now() + dt.timedelta(days=29, hours=23))
    assert purge() == "Removed 0 files of photos deleted more than 30 days ago; kept 0 in use again."
    assert photo_files() == sorted(old + new)
    time_machine.move_to(timezone.now() + dt.timedelta(hours=2))
    assert purge() == "Removed 5 files of photos deleted more than 30 days ago; kept 0 in use again."
    assert media_files() == sorted(new)  # the record went with them


def test_the_purge_with_nothing_deleted_yet_removes_nothing(db):
    photo = make_photo(make_venue())
    assert purge(days=0) == "Removed 0 files of photos deleted more than 0 days ago; kept 0 in use again."
    assert media_files() == sorted(stored_paths(photo))


def test_the_purge_refuses_a_negative_number_of_days(db):
    with pytest.raises(CommandError, match="--days must be 0 or more."):
        purge(days=-1)


def test_editing_the_alt_text_only_keeps_the_files(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    photo = make_photo(venue)
    before = media_files()
    url, data = open_form(editor_client, venue)
    data[f"photos-{row_index(data, photo)}-alt_en"] = ["Lanterns over the street"]
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    photo.refresh_from_db()
    assert photo.alt_en == "Lanterns over the street"
    assert media_files() == before


def test_deleting_a_photo_in_the_inline_keeps_its_files_until_the_purge(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    gone, kept = make_photo(venue), make_photo(venue, position=1)
    url, data = open_form(editor_client, venue)
    data[f"photos-{row_index(data, gone)}-DELETE"] = ["on"]
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    assert list(venue.photos.all()) == [kept]
    assert photo_files() == sorted(stored_paths(gone) + stored_paths(kept))
    assert purge(days=0) == "Removed 5 files of photos deleted more than 0 days ago; kept 0 in use again."
    assert media_files() == sorted(stored_paths(kept))


def test_deleting_a_listing_keeps_the_files_of_its_photos_until_the_purge(editor_client,
                                                                         django_capture_on_commit_callbacks):
    event = make_event()
    photo = make_photo(event)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/events/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert photo_files() == sorted(stored_paths(photo))
    purge(days=0)
    assert media_files() == []


def test_a_delete_that_does_not_commit_keeps_the_files(django_capture_on_commit_callbacks, db):
    photo = make_photo(make_venue())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        photo.delete()
    assert callbacks  # the record waits for the commit, which never came
    assert all(path.exists() for path in stored_paths(photo)) and deletion_records() == []


@pytest.fixture
def failing_place_insert(db):
    """A real database failure while the page saves: inserting a place is refused, after the
    photo inline (first on the page) has been saved and its files written."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("CREATE TRIGGER refuse_place BEFORE INSERT ON venues_place "
                           "BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        else:
            cursor.execute("CREATE FUNCTION refuse_place() RETURNS trigger AS $$ BEGIN "
                           "RAISE EXCEPTION 'disk full' USING ERRCODE = 'integrity_constraint_violation'; END $$ "
                           "LANGUAGE plpgsql")
            cursor.execute("CREATE TRIGGER refuse_place BEFORE INSERT ON venues_place "
                           "FOR EACH ROW EXECUTE FUNCTION refuse_place()")


def add_place(data, venue, name="九洲池"):
    index = int(data["places-TOTAL_FORMS"][0])
    data["places-TOTAL_FORMS"] = [str(index + 1)]
    data.update({f"places-{index}-id": [""], f"places-{index}-venue": [str(venue.pk)],
                 f"places-{index}-name": [name], f"places-{index}-name_en": [""], f"places-{index}-position": ["0"],
                 f"places-{index}-coordinate_system": ["gcj02"]})  # the empty row's default, as a browser posts it


def test_a_save_that_fails_leaves_no_new_file_and_the_old_files_in_place(editor, failing_place_insert,
                                                                        django_capture_on_commit_callbacks):
    venue = make_venue()
    photo = make_photo(venue)
    old = media_files()
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    url, data = open_form(client, venue)
    data[f"photos-{row_index(data, photo)}-upload"] = upload(files.jpeg(1600, 1200))
    add_photo_row(data, venue, upload(files.png()))
    add_place(data, venue)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 500
    photo.refresh_from_db()
    assert media_files() == old  # the replaced photo's files, and nothing of the two new files
    assert sorted(stored_paths(photo)) == old
    assert VenuePhoto.objects.count() == 1
