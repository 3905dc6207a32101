"""Replacing or deleting a photo removes its files once the save commits; a save that fails
leaves the previous files in place and no new file behind."""

import pytest
from django.db import connection
from django.test import Client

from tests import photo_files as files
from tests.admin.helpers import open_form
from tests.factories import make_event, make_venue
from tests.photos.helpers import add_photo_row, make_photo, media_files, row_index, stored_paths, upload
from venues.models import VenuePhoto


def test_replacing_the_file_removes_the_old_files_and_keeps_the_row(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    photo = make_photo(venue)
    old = stored_paths(photo)
    url, data = open_form(editor_client, venue)
    data[f"photos-{row_index(data, photo)}-upload"] = upload(files.webp(1200, 800), "new.webp", "image/webp")
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    photo.refresh_from_db()
    new = stored_paths(photo)
    assert not any(path.exists() for path in old)
    assert media_files() == sorted(new) and len(new) == 7  # the original and 6 renditions
    assert photo.image.name.endswith(".webp") and (photo.width, photo.height) == (1200, 800)


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


def test_deleting_a_photo_in_the_inline_removes_its_files(editor_client, django_capture_on_commit_callbacks):
    venue = make_venue()
    gone, kept = make_photo(venue), make_photo(venue, position=1)
    url, data = open_form(editor_client, venue)
    data[f"photos-{row_index(data, gone)}-DELETE"] = ["on"]
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(url, data).status_code == 302
    assert list(venue.photos.all()) == [kept]
    assert media_files() == sorted(stored_paths(kept))


def test_deleting_a_listing_removes_the_files_of_its_photos(editor_client, django_capture_on_commit_callbacks):
    event = make_event()
    make_photo(event)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"/admin/events/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert media_files() == []


def test_a_delete_that_does_not_commit_keeps_the_files(django_capture_on_commit_callbacks, db):
    photo = make_photo(make_venue())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        photo.delete()
    assert callbacks  # the removal waits for the commit, which never came
    assert all(path.exists() for path in stored_paths(photo))


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
                 f"places-{index}-name": [name], f"places-{index}-name_en": [""], f"places-{index}-position": ["0"]})


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
