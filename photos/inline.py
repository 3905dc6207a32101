"""Photos in the editors' admin: an inline on the venue and event pages.

The file is checked while the form is validated (photos/images.py) and written only when the
whole page saves; a bad file is a message next to the field and nothing is stored.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from photos import images, models as photos
from photos.media import TooLargeUpload, with_refused

ACCEPT = "image/jpeg,image/png,image/webp"


class PhotoForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("photo file"), required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_("JPEG, PNG or WebP, at most 10 MB and 40 megapixels. Location and camera data are "
                    "removed. Choose a file to replace the photo. If the page comes back with an error, "
                    "choose the file again."))

    pixels = None  # the checked, decoded image, written on save

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            if self.instance.pk is None:
                raise forms.ValidationError(_("Choose a photo file."), code="required")
            return None
        if isinstance(upload, TooLargeUpload) or upload.size > images.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."), code="too_large")
        try:
            self.pixels = images.load(upload.read())
        except images.ImageRejected as error:
            raise forms.ValidationError(str(error), code="bad_image") from None
        return upload

    def save(self, commit=True):
        photo = super().save(commit=False)
        if self.pixels is not None:
            photos.store(photo, self.pixels)
        if commit:
            photo.save()
        return photo


class PhotoInline(admin.StackedInline):
    """Photos of a listing, in order; subclasses set `model`."""

    form = PhotoForm
    extra = 0
    fields = ["preview", "upload", "alt", "alt_en", "credit", "credit_en", "position"]
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
        with photos.removed_on_failure():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "files" in kwargs:
            kwargs["files"] = with_refused(request, kwargs["files"])
        return kwargs
