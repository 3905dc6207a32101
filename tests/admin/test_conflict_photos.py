"""Photos added on a stale page: the merge renumbers the inline rows, and the uploaded file
moves with its row."""

import pytest
from django.test import Client

from tests import photo_files as files
from tests.admin.helpers import editor, open_form
from tests.factories import make_venue
from tests.photos.helpers import add_photo_row, photo_files, upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_photo_added_on_a_stale_page_is_saved_after_the_one_added_meanwhile(db, django_capture_on_commit_callbacks):
    venue = make_venue()
    li, wang = Client(), Client()
    li.force_login(editor("li"))
    wang.force_login(editor("wang"))
    url, li_form = open_form(li, venue)
    _, wang_form = open_form(wang, venue)
    add_photo_row(li_form, venue, upload(files.jpeg(640, 480), name="li.jpg"), alt_en="Li's photo")
    with django_capture_on_commit_callbacks(execute=True):
        assert li.post(url, li_form).status_code == 302
    li_files = photo_files()

    # Wang's new photo was row 0 on his page; Li's photo takes row 0 in the merge.
    add_photo_row(wang_form, venue, upload(files.jpeg(800, 600), name="wang.jpg"), alt_en="Wang's photo", position=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert wang.post(url, wang_form).status_code == 302
    photos = {photo.alt_en: photo for photo in venue.photos.all()}
    assert set(photos) == {"Li's photo", "Wang's photo"}
    assert (photos["Wang's photo"].width, photos["Wang's photo"].height) == (800, 600)  # his file, not none
    assert set(li_files) < set(photo_files())
