"""Field-by-field differences for editors: between two saved versions of a listing and its
inline rows (history), and between the stored listing and a submitted form (edit conflicts)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext
from reversion.models import Version
from reversion.revisions import _get_options

from core.nighttime import format_clock, is_after_midnight

EMPTY = "—"


@dataclass
class Change:
    """One changed value: `row` names the listing or inline row, `field` the field's label."""

    row: str
    field: str
    before: str
    after: str


def shown(value, choices: dict | None = None) -> str:
    """A value as an editor reads it: names for rows, clock times of the night, local dates."""
    if value is None or value == "" or (isinstance(value, (list, tuple, set, QuerySet)) and not value):
        return EMPTY
    if isinstance(value, (list, tuple, set, QuerySet)):
        return "、".join(shown(item) for item in value)
    if choices and str(value) in choices:
        return str(choices[str(value)])
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, dt.time):
        return f"{value:%H:%M} ({format_clock(value)})" if is_after_midnight(value) else f"{value:%H:%M}"
    return Truncator(str(value)).chars(120)


# --- Stored versus submitted (edit conflicts) --------------------------------------------------

def _form_value(field: forms.Field, value):
    """Initial or submitted form data as the Python value it stands for (rows for ids)."""
    if isinstance(field, forms.ModelChoiceField):
        try:
            return field.clean(field.prepare_value(value))
        except ValidationError:
            return value
    return value


def _form_changes(form: forms.BaseForm, row: str) -> list[Change]:
    changes = []
    for name in form.changed_data:
        field = form.fields[name]
        if isinstance(field.widget, forms.HiddenInput):
            continue
        choices = {str(k): v for k, v in getattr(field, "choices", []) if not isinstance(v, (list, tuple))}
        stored = _form_value(field, form.get_initial_for_field(field, name))
        submitted = form.cleaned_data[name] if name in getattr(form, "cleaned_data", {}) else form[name].value()
        changes.append(Change(row, str(field.label), shown(stored, choices), shown(_form_value(field, submitted), choices)))
    return changes


def conflict_changes(form: forms.ModelForm, formsets) -> list[Change]:
    """Where the stored listing (and its inline rows) differs from what was submitted.

    The forms were bound to the rows as stored when the POST arrived, so their `changed_data`
    is exactly what saving would overwrite. Queries for related rows named by id."""
    changes = _form_changes(form, str(form.instance._meta.verbose_name).capitalize())
    for formset in formsets:
        for inline in formset.forms:
            if not inline.has_changed():
                continue
            stored_row = inline.instance.pk is not None
            label = str(inline.instance) if stored_row else gettext("new %(row)s") % {
                "row": inline.instance._meta.verbose_name}
            if formset.can_delete and formset._should_delete_form(inline):
                changes.append(Change(label, gettext("row"), gettext("kept"), gettext("deleted")))
                continue
            changes.extend(_form_changes(inline, label))
    return changes


# --- Saved versions (history) ----------------------------------------------------------------

def _model_value(field, value):
    """A stored value as Python: related rows for ids. Queries for each related field."""
    if value in (None, "", []):
        return value
    if field.many_to_many:
        return list(field.related_model._default_manager.filter(pk__in=value))
    if field.is_relation:
        return field.related_model._default_manager.filter(pk=value).first() or value
    return value


def _version_changes(before: Version | None, after: Version | None) -> list[Change]:
    version = after or before
    model = version._model
    row = version.object_repr
    if before is None:
        return [Change(row, gettext("row"), EMPTY, gettext("added"))]
    if after is None:
        return [Change(row, gettext("row"), gettext("kept"), gettext("deleted"))]
    fields = {f.attname: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    changes = []
    for name, value in after.field_dict.items():
        field = fields.get(name)
        old = before.field_dict.get(name)
        if field is None or not field.editable or field.primary_key:
            continue
        if field.many_to_many and set(old or []) == set(value or []):
            continue
        if old == value:
            continue
        choices = {str(k): v for k, v in field.flatchoices} if field.choices else None
        changes.append(Change(row, str(field.verbose_name).capitalize(),
                              shown(_model_value(field, old), choices), shown(_model_value(field, value), choices)))
    return changes


def _family(obj: models.Model, revision) -> dict[tuple[int, str], Version]:
    """The versions in `revision` of `obj` and of the inline rows it follows (its places,
    servings...), keyed by (content type, id); other listings in the same revision are left out."""
    followed = {}
    for name in _get_options(type(obj)).follow:
        relation = type(obj)._meta.get_field(name)
        if relation.one_to_many:
            followed[relation.related_model] = relation.field.attname
    family = {}
    for version in revision.version_set.all():
        model = version._model
        if model is type(obj):
            if version.object_id != str(obj.pk):
                continue
        elif model not in followed or version.field_dict.get(followed[model]) != obj.pk:
            continue
        family[(version.content_type_id, version.object_id)] = version
    return family


def history(obj: models.Model, limit: int = 100) -> list[dict]:
    """The revisions holding `obj`, newest first, each with `version` (obj's), `revision` (date, user, comment)
    and `changes`: what changed in obj and its inline rows since the revision before. The
    oldest one shown has no changes to show (`first`). Queries: three, plus one per changed
    related field."""
    versions = (Version.objects.get_for_object(obj).select_related("revision__user")
                .prefetch_related("revision__version_set__content_type"))[:limit]
    versions = list(reversed(list(versions)))
    own_key = (ContentType.objects.get_for_model(obj).pk, str(obj.pk))
    rows, previous = [], None
    for version in versions:
        revision = version.revision
        current = _family(obj, revision)
        changes = []
        if previous is not None:
            # The listing's own fields first, then its inline rows.
            for key in sorted(current.keys() | previous.keys(), key=lambda k: (k != own_key, k)):
                changes.extend(_version_changes(previous.get(key), current.get(key)))
        rows.append({"version": version, "revision": revision, "changes": changes, "first": previous is None})
        previous = current
    return rows[::-1]
