"""Uploaded media: the upload handler that stops taking a file at 10 MB, and the small view that
serves MEDIA_ROOT when no web server does (DEBUG, or SERVE_MEDIA=true as `make run` sets).

In production nginx (or object storage) serves MEDIA_URL; see README "Photos".
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

from photos.images import MAX_BYTES


class TooLargeUpload:
    """Stands in request.FILES for a file the upload handler refused; forms say why."""

    def __init__(self, name: str):
        self.name = name
        self.size = MAX_BYTES + 1  # what forms.FileField reads; the file itself is gone

    def __str__(self):
        return self.name


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes a file's chunks on to the handlers that store it
    until it passes MAX_BYTES (10 MB), then drops it (SkipFile): the handlers after it never
    receive more than 10 MB plus one chunk, and nothing of the file is kept.

    The rest of that file's part is read and discarded so the other fields still arrive and the
    form can say why (bodies over 12 MB get a 413 before anything is read: nightlife/limits.py).
    The refused field names are in `request.too_large_uploads`; `with_refused()` puts a
    TooLargeUpload in their place.
    """

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > MAX_BYTES:
            refused = getattr(self.request, "too_large_uploads", {})
            refused[self.field_name] = self.file_name
            self.request.too_large_uploads = refused
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) holds the file


def with_refused(request, files):
    """`files` (request.FILES) with a TooLargeUpload for each file the handler refused."""
    refused = getattr(request, "too_large_uploads", None)
    if not refused:
        return files
    files = files.copy()
    for field_name, file_name in refused.items():
        files[field_name] = TooLargeUpload(file_name)
    return files


def serve_media(request, path):
    """A file under MEDIA_ROOT, cached for a year (photo files never change under one name);
    a 404 unless DEBUG or SERVE_MEDIA is on."""
    if not (settings.DEBUG or settings.SERVE_MEDIA):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def media_urlpatterns() -> list:
    """The media URL for serve_media when MEDIA_URL is a path on this site; none when it is
    another host (object storage serves it)."""
    prefix = settings.MEDIA_URL
    if not prefix.startswith("/") or prefix.startswith("//"):
        return []
    return [re_path(rf"^{re.escape(prefix.lstrip('/'))}(?P<path>.+)$", serve_media, name="media")]
