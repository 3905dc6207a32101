"""Saved versions of a listing and its inline rows (django-reversion), compared field by
field for editors: its history, what restoring an old version would change, a snapshot of it as
stored now (the base of a later merge, editors/merge.py), and values as an editor reads them."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator, capfirst
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
    diff: str = ""  # long texts: the words removed and added, as escaped HTML (word_diff)
    name: str = ""  # the form field's name, for a change of the listing's own field (restore_changes)


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


def same_breaks(value):
    """`value` with its line breaks written one way (browsers post CRLF): texts, and lists of them."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return [same_breaks(item) for item in value] if isinstance(value, list) else value


# A text is diffed word by word, Chinese character by character (it has no spaces).
_TOKENS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]|\w+|\s+|[^\w\s]")
# Unchanged words kept on either side of a change; longer unchanged stretches are cut to "…".
CONTEXT = 12
# Texts up to this long are shown whole, before → after; longer ones as a word diff.
SHORT_TEXT = 40


def word_diff(before: str, after: str) -> str:
    """`before` → `after` as one text: removed words in <del>, added words in <ins>, long
    unchanged stretches cut to a few words around each change. Escaped (format_html)."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    parts = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            same = old[i1:i2]
            head = same[:CONTEXT] if index > 0 else []
            tail = same[-CONTEXT:] if index < len(opcodes) - 1 else []
            if len(same) > len(head) + len(tail):
                parts.extend([format_html("{}", "".join(head)), format_html("{}", " … "), format_html("{}", "".join(tail))])
            else:
                parts.append(format_html("{}", "".join(same)))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", "".join(old[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", "".join(new[j1:j2])))
    return format_html_join("", "{}", ((part,) for part in parts))


def _is_long_text(field, before, after) -> bool:
    return (isinstance(field, (models.CharField, models.TextField)) and not field.choices
            and isinstance(before, str) and isinstance(after, str) and bool(before) and bool(after)
            and ("\n" in before + after or max(len(before), len(after)) > SHORT_TEXT))


def _model_value(field, value):
    """A stored value as Python: related rows for ids. Queries for each related field."""
    if value in (None, "", []):
        return value
    if field.many_to_many:
        return list(field.related_model._default_manager.filter(pk__in=value))
    if field.is_relation:
        return field.related_model._default_manager.filter(pk=value).first() or value
    return value


def row_changes(model: type[models.Model], row: str, before: dict | None, after: dict | None) -> list[Change]:
    """What changed in one row of `model` named `row`, from the field values `before` to
    `after` ({attname: value} as a Version's field_dict holds them; None: the row did not
    exist). Long texts carry a word diff. Queries once per changed related field."""
    if before is None:
        return [Change(row, gettext("row"), EMPTY, gettext("added"))]
    if after is None:
        return [Change(row, gettext("row"), gettext("kept"), gettext("deleted"))]
    fields = {f.attname: f for f in model._meta.get_fields() if getattr(f, "concrete", False)}
    changes = []
    for name, value in after.items():
        field = fields.get(name)
        old = before.get(name)
        if field is None or not field.editable or field.primary_key:
            continue
        if field.many_to_many and set(old or []) == set(value or []):
            continue
        if old == value or (same_breaks(old) == same_breaks(value)):
            continue
        choices = {str(k): v for k, v in field.flatchoices} if field.choices else None
        label = capfirst(field.verbose_name)  # "Note on hours (English)", not "(english)"
        if _is_long_text(field, old, value):
            changes.append(Change(row, label, shown(old), shown(value), word_diff(same_breaks(old), same_breaks(value)), field.name))
        else:
            changes.append(Change(row, label, shown(_model_value(field, old), choices),
                                  shown(_model_value(field, value), choices), name=field.name))
    return changes


def _version_changes(before: Version | None, after: Version | None) -> list[Change]:
    version = after or before
    return row_changes(version._model, version.object_repr, before and before.field_dict, after and after.field_dict)


def _followed(model: type[models.Model]) -> dict[type[models.Model], str]:
    """The inline rows `model`'s versions follow (its places, servings...): {row model: the
    row's attname pointing at the listing}."""
    followed = {}
    for name in _get_options(model).follow:
        relation = model._meta.get_field(name)
        if relation.one_to_many:
            followed[relation.related_model] = relation.field.attname
    return followed


def _family(obj: models.Model, revision) -> dict[tuple[int, str], Version]:
    """The versions in `revision` of `obj` and of the inline rows it follows (its places,
    servings...), keyed by (content type, id); other listings in the same revision are left out."""
    followed = _followed(type(obj))
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


def _as_version(obj: models.Model) -> Version:
    """`obj` as stored now, as an unsaved Version: its field_dict reads like a saved one's
    (the same serializer, the same rounding of times)."""
    options = _get_options(type(obj))
    return Version(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
                   format=options.format, object_repr=str(obj),
                   serialized_data=serializers.serialize(options.format, [obj], fields=options.fields,
                                                         use_natural_foreign_keys=options.use_natural_foreign_keys))


def _live_family(obj: models.Model) -> dict[tuple[int, str], Version]:
    """`obj` and the inline rows it follows as stored now, keyed as `_family` keys them.
    Queries once per kind of inline row."""
    rows = [obj]
    for name in _get_options(type(obj)).follow:
        if type(obj)._meta.get_field(name).one_to_many:
            rows.extend(getattr(obj, name).all())
    versions = [_as_version(row) for row in rows]
    return {(version.content_type_id, version.object_id): version for version in versions}


def _family_changes(obj: models.Model, before: dict, after: dict) -> list[Change]:
    own_key = (ContentType.objects.get_for_model(obj).pk, str(obj.pk))
    changes = []
    # The listing's own fields first, then its inline rows.
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k != own_key, k)):
        row = _version_changes(before.get(key), after.get(key))
        if key != own_key:
            for change in row:
                change.name = ""  # an inline row comes back whole
        changes.extend(row)
    return changes


def snapshot(obj: models.Model) -> list[dict]:
    """`obj` and the inline rows it follows as stored now, as JSON-ready rows that
    `from_snapshot` turns back into versions (the base of a later merge). Queries."""
    return [{"content_type": version.content_type_id, "object_id": version.object_id, "format": version.format,
             "object_repr": version.object_repr, "serialized_data": version.serialized_data}
            for version in _live_family(obj).values()]


def from_snapshot(rows: list[dict]) -> dict:
    """A `snapshot` as the base merge() takes: {(model, pk): Version} (unsaved versions)."""
    versions = [Version(content_type=ContentType.objects.get_for_id(row["content_type"]), object_id=row["object_id"],
                        format=row["format"], object_repr=row["object_repr"], serialized_data=row["serialized_data"])
                for row in rows]
    return {(version._model, version.object_id): version for version in versions}


def restore_changes(obj: models.Model, version: Version) -> list[Change]:
    """What restoring `version` would change in `obj` and its inline rows as they are stored
    now: before is now, after is the restored version. Queries: the inline rows, the
    revision's versions, one per changed related field."""
    return _family_changes(obj, _live_family(obj), _family(obj, version.revision))


def history(obj: models.Model, limit: int = 100) -> list[dict]:
    """The revisions holding `obj`, newest first, each with `version` (obj's), `revision` (date, user, comment)
    and `changes`: what changed in obj and its inline rows since the revision before. The
    oldest one shown has no changes to show (`first`). Queries: three, plus one per changed
    related field."""
    versions = (Version.objects.get_for_object(obj).select_related("revision__user")
                .prefetch_related("revision__version_set__content_type"))[:limit]
    versions = list(reversed(list(versions)))
    rows, previous = [], None
    for version in versions:
        revision = version.revision
        current = _family(obj, revision)
        changes = _family_changes(obj, previous, current) if previous is not None else []
        rows.append({"version": version, "revision": revision, "changes": changes, "first": previous is None})
        previous = current
    return rows[::-1]


def opened(obj: models.Model, version: Version) -> dict:
    """The versions of `obj` and its inline rows saved with `version`, by (model, pk). Queries."""
    return {(row._model, row.object_id): row for row in _family(obj, version.revision).values()}
