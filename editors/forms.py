"""The editors' forms: a listing's change form (a slug filled from the names, the edit token
checked against a save made meanwhile, a change to schedule), and inline formsets whose new
rows are the editors' own."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy as _

from editors import schedule
from editors.locking import edit_token, stored_token
from editors.slugs import ascii_slug, unique_slug
from core.publishing import Publishable, Source


class EditorForm(forms.ModelForm):
    """Fills an empty slug from the names, and never overwrites what someone else saved after
    this form was opened: EditorAdmin merges the two first, and values both changed are shown
    for the editor to choose (nothing is lost)."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = format_lazy(
                "{} {}", self.fields["slug"].help_text,
                _("Leave empty to fill it from the pinyin of the Chinese name, or from the English name."))
        if self._is_locked():
            self.fields["edit_token"].initial = edit_token(self.instance)

    def _is_locked(self) -> bool:
        return isinstance(self.instance, Publishable) and self.instance.pk is not None

    def slug_texts(self, cleaned: dict) -> list[str]:
        return [cleaned.get("name", ""), cleaned.get("name_en", "")]

    def clean(self):
        cleaned = super().clean()
        if "slug" in self.fields and not cleaned.get("slug") and "slug" not in self.errors:
            base = ascii_slug(*self.slug_texts(cleaned))
            if base:
                cleaned["slug"] = unique_slug(self._meta.model, base, exclude_pk=self.instance.pk)
            else:
                self.add_error("slug", _("No slug could be made from the names: type one in ASCII letters."))
        if self._is_locked():
            self._check_conflict(cleaned)
        if schedule.SCHEDULE in self.data:
            self.publish_at = self._publish_at()
        return cleaned

    def _publish_at(self) -> dt.datetime:
        """When the change this form schedules is to be published ("Schedule this change")."""
        if not self._is_locked():
            raise ValidationError(_("Only changes to a saved listing can be scheduled."), code="schedule")
        # A scheduled change is stored as form data, without files: neither those of this post
        # nor those kept from a refused save (photos' signed "-pending" fields).
        if self.files or any(key.endswith("-pending") and value for key, value in self.data.items()):
            raise ValidationError(_("Photo files cannot be scheduled: save new photos now, and schedule the other "
                                    "changes without them."), code="schedule")
        when = schedule.publish_moment(self.data)
        if when is None or when <= timezone.now():
            raise ValidationError(_("To schedule this change, choose a date and time in the future for it to be "
                                    "published."), code="schedule")
        return when

    def _check_conflict(self, cleaned: dict) -> None:
        # After a save by someone else, EditorAdmin.change_view hands the form Merged data: the
        # stored token, their changes merged in, and what both changed (editors/merge.py).
        conflicts = getattr(self.data, "conflicts", [])
        if cleaned.get("edit_token") == stored_token(self.instance) and not conflicts:
            return
        saved_at = self.instance.updated_at
        when = date_format(timezone.localtime(saved_at), "DATETIME_FORMAT") if saved_at else "—"
        who = getattr(self.data, "by", "") or gettext("someone else")
        raise ValidationError(
            _("%(who)s saved this listing at %(when)s, after you opened it, and changed some of the same "
              "things as you. Nothing was saved yet: choose below whose version to keep for each, then "
              "save again."), code="edit_conflict", params={"who": who, "when": when})


class EditorInlineFormSet(BaseInlineFormSet):
    """An inline's new rows are the editors' own: a publishable row added here starts with
    "facts from" = our editors, not the plan (the model's default, kept for the plan loader)."""

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if issubclass(self.model, Publishable) and (index is None or index >= self.initial_form_count()):
            kwargs["initial"] = {**kwargs.get("initial", {}), "source": Source.EDITORS}
        return kwargs
