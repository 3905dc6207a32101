"""Photos in the editors' admin: an inline on the venue and event pages.

The file is checked while the form is validated (photos/images.py) and written only when the
whole page saves; a bad file is a message next to the field and nothing is stored. When the page
is refused for another reason (a bad file in another row, a missing field), each file it
accepted is kept for a day (photos/models.py keep_pending) and named in a signed hidden field,
so that the next try uses it: a phone's editor does not choose every photo again.
"""

from __future__ import annotations

import contextvars
import logging

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy as _

from photos import images, models as photos
from photos.media import TooLargeUpload, with_refused

ACCEPT = "image/jpeg,image/png,image/webp"
log = logging.getLogger(__name__)


# Set while a save whose photo files could not be written is shown again: each row with a file
# to write then says why, and the page comes back as posted (PhotoAdminMixin.changeform_view).
_not_stored: contextvars.ContextVar[photos.NotStored | None] = contextvars.ContextVar("photos_not_stored",
                                                                                      default=None)


def _not_stored_message(error: photos.NotStored) -> str:
    if error.disk_full:
        return gettext("The photo could not be stored: the server's disk is full. Nothing was saved; try again "
                       "later, or tell the site's administrator.")
    return gettext("The photo could not be stored (%(reason)s). Nothing was saved; try again later, or tell the "
                   "site's administrator.") % {"reason": error.strerror}


class PhotoForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("photo file"), required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_("JPEG, PNG or WebP, at most 10 MB and 40 megapixels. Location and camera data are "
                    "removed. Choose a file to replace the photo. If the page comes back with an error, "
                    "a file it accepted is kept for your next try."))
    # The signed name of a file kept from a refused save (keep_upload), for the next try.
    pending = forms.CharField(required=False, widget=forms.HiddenInput)

    pixels = None  # the checked, decoded image, written on save
    kept = None  # (stored name, file name) of the upload kept from a refused save, used instead

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An editor without English saves with the Chinese alt text alone: English pages then
        # say whose photo it is (Photo.alt_shown), and "needs attention" lists the gap.
        if "alt_en" in self.fields:
            self.fields["alt_en"].required = False
            self.fields["alt_en"].help_text = _(
                "Optional: without it, English pages describe it as a photo of the listing, and Needs "
                "attention lists it.")

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        refused = _not_stored.get()
        if upload is None:
            kept = photos.read_pending(self.data.get(self.add_prefix("pending"), ""))
            if kept is not None:
                if refused is not None:
                    raise forms.ValidationError(_not_stored_message(refused), code="not_stored")
                stored, name, data = kept
                self.pixels, self.kept = images.load(data), (stored, name)
                return None
            if self.instance.pk is None:
                raise forms.ValidationError(_("Choose a photo file."), code="required")
            return None
        if isinstance(upload, TooLargeUpload) or upload.size > images.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="too_large")
        if refused is not None:
            raise forms.ValidationError(_not_stored_message(refused), code="not_stored")
        try:
            self.pixels = images.load(upload.read())
        except images.ImageRejected as error:
            raise forms.ValidationError(str(error), code="bad_image") from None
        return upload

    def save(self, commit=True):
        photo = super().save(commit=False)
        if self.pixels is not None:
            photos.store(photo, self.pixels)
        if self.kept is not None:
            stored = self.kept[0]
            transaction.on_commit(lambda: photos.delete_files([stored]))
        if commit:
            photo.save()
        return photo

    def keep_upload(self) -> None:
        """After a refused save: keep the file this row accepted (or kept already) for the next
        try, and say so under the file field. Writes a file."""
        upload = getattr(self, "cleaned_data", {}).get("upload")
        if upload is not None:
            upload.seek(0)
            self.data = self.data.copy()  # the page shows the form as posted, this file's token added
            self.data[self.add_prefix("pending")] = photos.keep_pending(upload.read(), upload.name)
            name = upload.name
        elif self.kept is not None:
            name = self.kept[1]
        else:
            return
        # The form's BoundField (made while it was validated) holds its own copy of the help.
        self.fields["upload"].help_text = self["upload"].help_text = _(
            "Kept from your last try: %(name)s. Save to use it, or choose another file.") % {"name": name}


class PhotoInline(admin.StackedInline):
    """Photos of a listing, in order; subclasses set `model`."""

    form = PhotoForm
    extra = 0
    fields = ["preview", "upload", "pending", "alt", "alt_en", "credit", "credit_en", "position"]
    readonly_fields = ["preview"]
    verbose_name = _("photo")
    verbose_name_plural = _("photos (the first is the largest on the page, and the one on its card)")

    @admin.display(description=_("stored photo"))
    def preview(self, photo):
        if not photo.renditions:
            return _("None yet: choose a file below.")
        if not photo.has_files:
            return format_html('<p class="errornote">{}</p>', _(
                "This photo's file is missing (the files of a deleted photo are removed after 30 days), "
                "so public pages leave it out. Choose the file again below."))
        smallest = photo.renditions[0]
        return format_html('<img src="{}" width="{}" height="{}" alt="{}" class="photo-preview"> {} × {} px',
                           photo.smallest_jpeg_url, 160, round(160 * smallest["height"] / smallest["width"]),
                           photo.alt, photo.width, photo.height)


class PhotoAdminMixin:
    """For a listing's admin with a PhotoInline: files written by a save that then fails are
    removed, and a file the upload handler refused reaches the form as a TooLargeUpload."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            with photos.removed_on_failure():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except photos.NotStored as error:
            # The save is rolled back and its files removed: the page again, as posted, each
            # photo to write saying why (503: the server's failure, not the editor's input).
            log.warning("photo files not stored: %s", error)
            token = _not_stored.set(error)
            try:
                response = super().changeform_view(request, object_id, form_url, extra_context)
            finally:
                _not_stored.reset(token)
            response.status_code = 503
            return response

    def preview_view(self, request, object_id=None):
        # A preview's rows are rolled back: the photo files it wrote to show itself belong to no
        # row, and are recorded for purge_photos.
        with photos.recorded_as_deleted():
            return super().preview_view(request, object_id)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST":  # a save refused: keep the files it accepted for the next try
            for inline in context.get("inline_admin_formsets", []):
                for form in inline.formset.forms:
                    if isinstance(form, PhotoForm):
                        form.keep_upload()
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "files" in kwargs:
            kwargs["files"] = with_refused(request, kwargs["files"])
        return kwargs
