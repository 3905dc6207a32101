"""The upload handler stops taking a file once it passes 10 MB, while it arrives: the handlers
that store uploads never get more than 10 MB of it, and the form says why."""

import pytest
from django.core.files.uploadhandler import FileUploadHandler

from photos.images import MAX_BYTES
from tests.admin.helpers import open_form, zh
from tests.factories import make_venue
from tests.photos.helpers import add_photo_row, media_files, upload
from venues.models import VenuePhoto


class Recorder(FileUploadHandler):
    """Counts what reaches the handler after ours, and passes it on."""

    received = 0

    def receive_data_chunk(self, raw_data, start):
        Recorder.received += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


@pytest.fixture
def recorder(settings):
    """The project's handlers, with the recorder right after the size limit."""
    handlers = list(settings.FILE_UPLOAD_HANDLERS)
    handlers.insert(handlers.index("photos.media.SizeLimitUploadHandler") + 1, f"{__name__}.Recorder")
    settings.FILE_UPLOAD_HANDLERS = handlers
    Recorder.received = 0
    return Recorder


def post_file(client, size: int):
    venue = make_venue()
    url, data = open_form(client, venue)
    add_photo_row(data, venue, upload(b"\xff\xd8\xff\xe0" + b"\x00" * (size - 4), "huge.jpg"))
    return client.post(url, data)


def test_an_11_mb_file_is_dropped_at_10_mb_and_the_form_says_so(editor_client, recorder):
    response = post_file(editor_client, 11 * 1024 * 1024)
    assert response.status_code == 200
    assert zh("The file is larger than 10 MB.") in response.content.decode()
    assert 0 < recorder.received <= MAX_BYTES  # the storing handlers never saw the 11 MB
    assert not VenuePhoto.objects.exists() and media_files() == []


def test_a_file_of_exactly_10_mb_is_taken_and_then_checked_as_an_image(editor_client, recorder):
    html = post_file(editor_client, MAX_BYTES).content.decode()
    assert recorder.received == MAX_BYTES
    assert zh("The file is larger than 10 MB.") not in html
    assert zh("The image file is damaged or incomplete.") in html or zh(
        "This file is not an image we can read. Upload a JPEG, PNG or WebP photo.") in html


def test_a_body_over_12_mb_is_refused_before_it_is_read(editor_client):
    response = post_file(editor_client, 13 * 1024 * 1024)
    assert response.status_code == 413
    assert not VenuePhoto.objects.exists()
