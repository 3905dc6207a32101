"""Photos of venues and events: the model they share, and the life of their files.

A photo row points at files it owns: the clean original (re-encoded, no EXIF) and its
renditions (480, 640 and 960 px wide, WebP and JPEG). Files are written once, when a new file is
attached, under a random name that never changes, so a web server may cache them for ever.

When files go:
- Replacing a photo's file or deleting the row removes the old files once the transaction
  commits (`transaction.on_commit`): a save that rolls back leaves the previous files in place.
- New files written inside `removed_on_failure()` are removed again when anything in that block
  raises, so a failed save leaves no orphan. The admin wraps each save in it
  (photos/inline.py). The catch: a rollback that raises nothing out of that block
  (`transaction.set_rollback(True)`) keeps the new files.
- Restoring an old version from the history brings back the row, not files removed since.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from PIL import Image

from photos import images
from core.i18n import Bilingual

log = logging.getLogger(__name__)

# Names written by store() inside removed_on_failure(), so that a failure can remove them.
_written: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("photo_files_written", default=None)


class Photo(Bilingual, models.Model):
    """Abstract: a concrete photo adds the ForeignKey to its listing and `folder` (the part of
    the media path after photos/: "venues", "events")."""

    folder = "photos"

    position = models.PositiveSmallIntegerField(_("position"), default=0,
                                                help_text=_("Order on the page; the first photo is the largest."))
    alt = models.CharField(_("alt text (Chinese)"), max_length=200,
                           help_text=_("What the photo shows, for visitors who cannot see it."))
    alt_en = models.CharField(_("alt text (English)"), max_length=300)
    credit = models.CharField(_("credit"), max_length=120, blank=True,
                              help_text=_("Photographer or source, as they wish to be named."))
    image = models.FileField(_("original"), max_length=200, blank=True,
                             help_text=_("The stored original, re-encoded without EXIF."))
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    # [{"width": 480, "height": 360, "webp": "photos/...-480w.webp", "jpeg": "photos/...-480w.jpg"}, ...]
    renditions = models.JSONField(default=list, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return self.alt

    # --- What the page shows -------------------------------------------------------------------

    @property
    def largest(self) -> dict:
        """The widest rendition (960 px wide, or the photo's own width when smaller)."""
        return self.renditions[-1] if self.renditions else {}

    @property
    def webp_srcset(self) -> str:
        return _srcset(self.renditions, "webp")

    @property
    def jpeg_srcset(self) -> str:
        return _srcset(self.renditions, "jpeg")

    @property
    def jpeg_url(self) -> str:
        """The widest JPEG: the <img> fallback and the Open Graph image."""
        return default_storage.url(self.largest["jpeg"]) if self.renditions else ""

    @property
    def smallest_jpeg_url(self) -> str:
        return default_storage.url(self.renditions[0]["jpeg"]) if self.renditions else ""

    def stored_names(self) -> list[str]:
        """Every file this row owns, as storage names."""
        names = [self.image.name] if self.image else []
        for rendition in self.renditions or []:
            names += [rendition["webp"], rendition["jpeg"]]
        return names


def _srcset(renditions: list[dict], fmt: str) -> str:
    return ", ".join(f"{default_storage.url(r[fmt])} {r['width']}w" for r in renditions)


# --- Writing and removing files ---------------------------------------------------------------

def store(photo: Photo, image: Image.Image) -> None:
    """Write the clean original and the renditions of `image` (from images.load) for `photo`,
    and set its fields; the caller saves the row.

    The files the row pointed at before are removed once the transaction commits. Writes files
    (slow: a few hundred milliseconds for a phone photo); writes nothing when encoding fails.
    """
    previous = photo.stored_names()
    original = images.original(image, image.format)
    renditions = images.renditions(image)
    base = f"{photo.folder}/{uuid.uuid4().hex}"
    written: list[str] = []
    try:
        photo.image = _save(f"{base}-original.{original.extension}", original.data, written)
        photo.width, photo.height = original.width, original.height
        photo.renditions = []
        for webp, jpeg in zip(renditions[::2], renditions[1::2]):
            photo.renditions.append({"width": webp.width, "height": webp.height,
                                     "webp": _save(f"{base}-{webp.width}w.webp", webp.data, written),
                                     "jpeg": _save(f"{base}-{jpeg.width}w.jpg", jpeg.data, written)})
    except BaseException:
        delete_files(written)
        raise
    pending = _written.get()
    if pending is not None:
        pending.extend(written)
    if previous:
        transaction.on_commit(lambda: delete_files(previous))


def _save(name: str, data: bytes, written: list[str]) -> str:
    stored = default_storage.save(name, ContentFile(data))
    written.append(stored)
    return stored


def delete_files(names) -> None:
    """Remove stored files; a file already gone is fine, a storage error is logged, not raised
    (the row is already saved or deleted)."""
    for name in names:
        try:
            default_storage.delete(name)
        except Exception as error:
            log.warning("could not delete photo file %s: %s", name, error)


@contextlib.contextmanager
def removed_on_failure():
    """Files store() writes inside this block are removed again if the block raises (its
    transaction then rolled back, so no row points at them)."""
    token = _written.set([])
    try:
        yield
    except BaseException:
        delete_files(_written.get())
        raise
    finally:
        _written.reset(token)


def _remove_files_of_deleted_photo(sender, instance, **kwargs):
    if isinstance(instance, Photo):
        names = instance.stored_names()
        if names:
            transaction.on_commit(lambda: delete_files(names))


post_delete.connect(_remove_files_of_deleted_photo, dispatch_uid="photos.models.post_delete")
