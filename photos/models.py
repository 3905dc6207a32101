"""Photos of venues and events: the model they share, and the life of their files.

A photo row points at files it owns: the clean original (re-encoded, no metadata) and its
renditions (480, 640 and 960 px wide, WebP and JPEG). Files are written once, when a new file is
attached, under a random name that never changes, so a web server may cache them for ever.

When files go:
- Replacing a photo's file or deleting the row keeps the old files for KEEP_DELETED (30 days),
  so that History can bring the row back with its photo: once the transaction commits, a
  deletion record (a small text file under photos/deleted/, named by the UTC time, listing
  the files) is written. `manage.py purge_photos` (run daily) removes the files of records older
  than that which no row points at again. A save that rolls back records nothing.
- New files written inside `removed_on_failure()` are removed at once when anything in that
  block raises, so a failed save leaves no orphan. The admin wraps each save in it
  (photos/inline.py). The catch: a rollback that raises nothing out of that block
  (`transaction.set_rollback(True)`) keeps the new files.
- A file the admin accepted in a save that was refused for another reason (a bad file in
  another row, a missing field) is kept under photos/pending/ for KEEP_PENDING (a day), named
  by the UTC time, so the editor's next try uses it without choosing it again (`keep_pending`,
  a signed token in the form); purge_photos removes what is older.
- History and loaddata write rows as they were (raw saves): the files a restored row no longer
  points at are recorded as deleted too. A row whose files are gone (restored after the purge)
  is left out of public pages (`with_files()`), and its admin inline asks for the file again.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import errno
import logging
import uuid

from django.apps import apps
from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.query import ModelIterable
from django.db.models.signals import post_delete, pre_save
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy as _
from PIL import Image

from photos import images
from core.i18n import Bilingual, wants_english

log = logging.getLogger(__name__)

# Names written by store() inside removed_on_failure(), so that a failure can remove them.
_written: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("photo_files_written", default=None)

# How long the files of a deleted or replaced photo are kept, for History to bring it back.
KEEP_DELETED = dt.timedelta(days=30)
DELETED_FOLDER = "photos/deleted"
# How long a file accepted in a refused save is kept for the editor's next try.
KEEP_PENDING = dt.timedelta(days=1)
PENDING_FOLDER = "photos/pending"
_PENDING_SALT = "photos.pending"
_RECORD_TIME = "%Y%m%dT%H%M%SZ"  # UTC, first in a record's name


class _WithFilesIterable(ModelIterable):
    def __iter__(self):
        return (photo for photo in super().__iter__() if photo.has_files)


class PhotoQuerySet(models.QuerySet):
    def with_files(self):
        """These photos less those with a file missing from storage (a row brought back by
        History after its files were purged), so a page never shows a broken image. No extra
        query; the catch: asks the storage about each file (a stat on disk, a request with
        object storage) when the photos are read."""
        clone = self._chain()
        clone._iterable_class = _WithFilesIterable
        return clone


class Photo(Bilingual, models.Model):
    """Abstract: a concrete photo adds the ForeignKey to its listing and `folder` (the part of
    the media path after photos/: "venues", "events")."""

    folder = "photos"

    position = models.PositiveSmallIntegerField(_("position"), default=0,
                                                help_text=_("Order on the page; the first photo is the largest."))
    alt = models.CharField(_("alt text (Chinese)"), max_length=200,
                           help_text=_("What the photo shows, for visitors who cannot see it."))
    alt_en = models.CharField(_("alt text (English)"), max_length=300)
    credit = models.CharField(_("credit (Chinese)"), max_length=120, blank=True,
                              help_text=_("Photographer or source, as they wish to be named."))
    credit_en = models.CharField(_("credit (English)"), max_length=200, blank=True,
                                 help_text=_("For English pages; empty: they show the Chinese credit."))
    image = models.FileField(_("original"), max_length=200, blank=True,
                             help_text=_("The stored original, re-encoded without EXIF."))
    width = models.PositiveIntegerField(_("width"), default=0, editable=False)
    height = models.PositiveIntegerField(_("height"), default=0, editable=False)
    # [{"width": 480, "height": 360, "webp": "photos/...-480w.webp", "jpeg": "photos/...-480w.jpg"}, ...]
    renditions = models.JSONField(default=list, editable=False)

    objects = PhotoQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.alt

    # --- What the page shows -------------------------------------------------------------------

    @property
    def credit_shown(self) -> str:
        """The credit in the page's language; on an English page without an English credit, the
        Chinese one marked lang="zh-Hans" (HTML) so that it is read as Chinese. "" for none."""
        if wants_english() and self.credit and not self.credit_en:
            return format_html('<span lang="zh-Hans">{}</span>', self.credit)
        return self.tr("credit")

    @property
    def alt_shown(self) -> str:
        """The alt text in the page's language; on an English page without an English one,
        "A photo of <the listing's English name>" rather than Chinese read by an English voice.
        No query where the listing is loaded with its photos (a prefetch caches it)."""
        if wants_english() and self.alt and not self.alt_en:
            listing = next((getattr(self, field.name) for field in self._meta.concrete_fields if field.many_to_one),
                           None)
            name = getattr(listing, "label", "") if listing is not None else ""
            return gettext("A photo of %(name)s") % {"name": name} if name else ""
        return self.tr("alt")

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

    @cached_property
    def has_files(self) -> bool:
        """Whether the original and every rendition are in storage (False for a row without
        them). The catch: asks the storage about each file, once per instance."""
        return bool(self.renditions) and all(default_storage.exists(name) for name in self.stored_names())


def _srcset(renditions: list[dict], fmt: str) -> str:
    return ", ".join(f"{default_storage.url(r[fmt])} {r['width']}w" for r in renditions)


# --- Writing and removing files ---------------------------------------------------------------

def store(photo: Photo, image: Image.Image) -> None:
    """Write the clean original and the renditions of `image` (from images.load) for `photo`,
    and set its fields; the caller saves the row.

    The files the row pointed at before are recorded as deleted once the transaction commits
    (kept for KEEP_DELETED). Writes files (slow: a few hundred milliseconds for a phone photo);
    writes nothing when encoding fails.
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
        transaction.on_commit(lambda: record_deleted(previous))


class NotStored(OSError):
    """A photo's files could not be written (a full disk, a storage refusing writes): nothing of
    it is left in storage (store() removes what it wrote, this file cut short included)."""

    def __init__(self, error: OSError):
        super().__init__(error.errno, error.strerror or str(error))
        self.disk_full = error.errno in (errno.ENOSPC, errno.EDQUOT)


def _save(name: str, data: bytes, written: list[str]) -> str:
    # The name the storage will use, so that a file cut short (ENOSPC halfway) can be removed.
    name = default_storage.get_available_name(name)
    try:
        stored = default_storage.save(name, ContentFile(data))
    except OSError as error:
        delete_files([name])
        raise NotStored(error) from error
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


def record_deleted(names: list[str]) -> None:
    """Record that no row points at the files `names` any more, as of now: one small text file
    under photos/deleted/, named by the UTC time, one name a line. A storage error is logged,
    not raised (the row is already saved or deleted); its files then stay until removed by hand."""
    name = f"{DELETED_FOLDER}/{timezone.now().strftime(_RECORD_TIME)}-{uuid.uuid4().hex[:8]}.txt"
    try:
        default_storage.save(name, ContentFile("\n".join(names).encode()))
    except Exception as error:
        log.warning("could not record deleted photo files %s: %s", names, error)


def purge(*, older_than: dt.timedelta) -> tuple[int, int]:
    """Remove the files of deletions recorded more than `older_than` ago that no photo row
    points at again (History may have brought a row back), and those records. Returns (files
    removed, files kept because a row points at them). Queries each photo table once, and
    only when a record is old enough."""
    try:
        records = sorted(default_storage.listdir(DELETED_FOLDER)[1])
    except FileNotFoundError:
        return 0, 0
    cutoff = timezone.now() - older_than
    in_use: set[str] | None = None
    removed = kept = 0
    for record in records:
        recorded_at = dt.datetime.strptime(record.split("-", 1)[0], _RECORD_TIME).replace(tzinfo=dt.timezone.utc)
        if recorded_at > cutoff:
            continue
        path = f"{DELETED_FOLDER}/{record}"
        with default_storage.open(path) as file:
            names = file.read().decode().split()
        if in_use is None:
            in_use = _names_in_use()
        gone = [name for name in names if name not in in_use]
        delete_files(gone)
        removed, kept = removed + len(gone), kept + len(names) - len(gone)
        default_storage.delete(path)
    return removed, kept


def keep_pending(data: bytes, file_name: str) -> str:
    """Keep an accepted upload of a refused save under photos/pending/ for the next try; returns
    the signed token naming it (and the editor's file name), for a hidden field. Writes a file."""
    name = default_storage.save(f"{PENDING_FOLDER}/{timezone.now().strftime(_RECORD_TIME)}-{uuid.uuid4().hex}",
                                ContentFile(data))
    return signing.dumps({"stored": name, "name": file_name}, salt=_PENDING_SALT)


def read_pending(token: str) -> tuple[str, str, bytes] | None:
    """(stored name, the editor's file name, the bytes) of a kept upload; None for a token that
    is empty, forged or older than KEEP_PENDING, or whose file is gone."""
    try:
        kept = signing.loads(token, salt=_PENDING_SALT, max_age=KEEP_PENDING)
        with default_storage.open(kept["stored"]) as file:
            return kept["stored"], kept["name"], file.read()
    except (signing.BadSignature, KeyError, TypeError, OSError):
        return None


def purge_pending(*, older_than: dt.timedelta = KEEP_PENDING) -> int:
    """Remove uploads kept for a next try that are older than `older_than`; returns how many."""
    try:
        names = default_storage.listdir(PENDING_FOLDER)[1]
    except FileNotFoundError:
        return 0
    cutoff = timezone.now() - older_than
    old = [f"{PENDING_FOLDER}/{name}" for name in names
           if dt.datetime.strptime(name.split("-", 1)[0], _RECORD_TIME).replace(tzinfo=dt.timezone.utc) <= cutoff]
    delete_files(old)
    return len(old)


def _names_in_use() -> set[str]:
    """Every file some photo row points at. One query per photo table."""
    names: set[str] = set()
    for model in apps.get_models():
        if issubclass(model, Photo):
            for photo in model._default_manager.only("image", "renditions"):
                names.update(photo.stored_names())
    return names


@contextlib.contextmanager
def recorded_as_deleted():
    """Files store() writes inside this block belong to no row once it ends (a preview, whose
    transaction is rolled back): they are recorded as deleted, so purge_photos removes them
    after KEEP_DELETED, while the preview's page can still show them."""
    token = _written.set([])
    try:
        yield
    finally:
        written = _written.get()
        _written.reset(token)
        if written:
            record_deleted(written)


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


def _record_files_of_deleted_photo(sender, instance, **kwargs):
    if isinstance(instance, Photo):
        names = instance.stored_names()
        if names:
            transaction.on_commit(lambda: record_deleted(names))


def _record_files_a_restore_drops(sender, instance, raw, **kwargs):
    """History (reversion) and loaddata write a row as it was (raw), past store(): the files the
    stored row points at and the restored one does not are recorded as deleted. Queries."""
    if raw and isinstance(instance, Photo) and instance.pk is not None:
        stored = type(instance)._default_manager.filter(pk=instance.pk).first()
        dropped = sorted(set(stored.stored_names()) - set(instance.stored_names())) if stored else []
        if dropped:
            transaction.on_commit(lambda: record_deleted(dropped))


post_delete.connect(_record_files_of_deleted_photo, dispatch_uid="photos.models.post_delete")
pre_save.connect(_record_files_a_restore_drops, dispatch_uid="photos.models.pre_save")
