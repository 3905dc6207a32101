"""Photo files when things go wrong (issue 24): a disk that fills up during an upload, and a
photo kept from a refused save that is then previewed or scheduled. No file may be left that no
row and no deletion record knows (purge_photos would never remove it)."""

import errno
import os
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from tests import photo_files as files
from tests.admin.helpers import form_data, open_form, set_field, zh
from tests.factories import make_venue
from tests.photos.helpers import add_photo_row, deletion_records, photo_files, upload
from venues.models import Venue, VenuePhoto

pytestmark = pytest.mark.django_db


class DiskFillsUp(FileSystemStorage):
    """The media folder on a disk with room for ROOM more files: the next one is cut off after
    4 KB with OSError(ENOSPC), as a full disk does (a test double of the file system)."""

    ROOM = 3

    def _save(self, name, content):
        if DiskFillsUp.room <= 0:
            path = Path(self.path(name))
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.read(4096))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        DiskFillsUp.room -= 1
        return super()._save(name, content)


@pytest.fixture
def full_disk(settings):
    DiskFillsUp.room = DiskFillsUp.ROOM
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.DiskFillsUp"}}


def known_names() -> set[str]:
    """Files some row points at, or that a deletion record lists (purge_photos removes those)."""
    names = {name for photo in VenuePhoto.objects.all() for name in photo.stored_names()}
    for record in deletion_records():
        names.update(record.read_text().split())
    return names


def unknown_files(media) -> list[str]:
    return [name for name in (str(path.relative_to(media)) for path in photo_files())
            if name not in known_names() and not name.startswith("photos/deleted/")]


def test_a_full_disk_during_an_upload_gives_the_editor_the_reason_and_the_form_back(editor_client, full_disk, media):
    venue = make_venue(slogan="老口号")
    url, data = open_form(editor_client, venue)
    set_field(data, "slogan", "新口号")
    add_photo_row(data, venue, upload(files.jpeg(1600, 1200), name="lake.jpg"), alt="开元湖夜景")
    response = editor_client.post(url, data)
    assert response.status_code == 503  # the server's failure, not the editor's input
    html = response.content.decode()
    assert zh("The photo could not be stored: the server's disk is full. Nothing was saved; try again later, "
              "or tell the site's administrator.") in html
    assert "新口号" in html and "开元湖夜景" in html  # the form as the editor filled it
    assert Venue.objects.get(pk=venue.pk).slogan == "老口号" and not VenuePhoto.objects.exists()
    assert photo_files() == []  # neither the renditions written nor the 4 KB cut-off one


def refused_with_a_kept_photo(client, venue):
    """A new photo and a blanked name: refused, the photo kept for the next try."""
    url, data = open_form(client, venue)
    add_photo_row(data, venue, upload(files.jpeg(800, 600), name="lake.jpg"), alt="开元湖夜景")
    set_field(data, "name", "")
    response = client.post(url, data)
    assert response.status_code == 200
    data = form_data(response, "venue_form")
    assert data["photos-0-pending"][0]
    return url, data


def test_previewing_a_kept_photo_leaves_no_file_that_nothing_knows(editor_client, media, django_capture_on_commit_callbacks):
    from django.urls import reverse

    venue = make_venue()
    _, data = refused_with_a_kept_photo(editor_client, venue)
    set_field(data, "name", "西工小街")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            preview = editor_client.post(reverse("admin:venues_venue_preview", args=[venue.pk]) + "?language=zh-hans",
                                         data)
        assert preview.status_code == 200
    assert unknown_files(media) == []
    assert not VenuePhoto.objects.exists()


def test_a_kept_photo_cannot_be_scheduled_and_stays_kept(editor_client, media, django_capture_on_commit_callbacks):
    venue = make_venue()
    url, data = refused_with_a_kept_photo(editor_client, venue)
    set_field(data, "name", "西工小街")
    set_field(data, "description", "新的介绍")
    data.update({"_schedule": ["1"], "schedule_date": ["2027-06-01"], "schedule_time": ["06:00"]})
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url, data)
    assert response.status_code == 200  # the form again, with the reason
    assert zh("Photo files cannot be scheduled: save new photos now, and schedule the other changes without "
              "them.") in response.content.decode()
    assert unknown_files(media) == []
    again = form_data(response, "venue_form")
    assert again["photos-0-pending"][0]  # still kept for the editor's next try
    from editors.models import ScheduledChange

    assert not ScheduledChange.objects.exists()
