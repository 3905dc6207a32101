"""Change summaries stored without a language and told in the reader's: a revision's comment
holds field names, models and message ids, and is rendered when shown, with each field's
verbose_name in the active language ("Changed 状态." never sticks to the saver's language).

A stored comment is JSON: {"editors.summary": [items], "note": {"msgid": ..., "params": ...}}.
Items are Django's change-message items (added / changed / deleted, which LogEntry reads too)
with "model" (app_label.model_name) and "names" (field names) added. A comment that is not
JSON (saved before, or by other code) is shown as it is.
"""

from __future__ import annotations

import datetime as dt
import json

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext, gettext_noop, override, pgettext_lazy

KEY = "editors.summary"
# Between the items of a list in a message: "、" in Chinese, ", " in English.
LIST_SEPARATOR = pgettext_lazy("between the items of a list", ", ")
# Times in history, to the second, the same in both languages.
SECONDS = "Y-m-d H:i:s"


def at_seconds(moment: dt.datetime) -> str:
    """`moment` in Luoyang time to the second: 2026-05-08 21:30:05."""
    return date_format(timezone.localtime(moment), SECONDS)


def _names(form, names) -> tuple[list[str], list[str]]:
    """The stored field names of `names` and their labels in English (for fields that are
    not the model's, such as a photo's upload)."""
    with override(None):
        labels = [str(form.fields[name].label or name) if name in form.fields else name for name in names]
    return list(names), labels


def _row(obj) -> dict:
    with override(None):
        name = str(obj._meta.verbose_name)
    return {"name": name, "object": str(obj), "model": obj._meta.label_lower}


def change_items(form, formsets, add: bool) -> list[dict]:
    """What an admin save changed, as change-message items with field names (ModelAdmin's
    construct_change_message, language-neutral)."""
    items = []
    if add:
        items.append({"added": {}})
    elif form.changed_data:
        names, labels = _names(form, form.changed_data)
        items.append({"changed": {"fields": labels, "names": names, "model": form._meta.model._meta.label_lower}})
    for formset in formsets or []:
        for obj in formset.new_objects:
            items.append({"added": _row(obj)})
        for obj, changed in formset.changed_objects:
            names, labels = _names(formset.forms[0], changed)
            items.append({"changed": {**_row(obj), "fields": labels, "names": names}})
        for obj in formset.deleted_objects:
            items.append({"deleted": _row(obj)})
    return items


def encode(items: list[dict] | None = None, *, note: str = "", **params) -> str:
    """A comment to store: `items` (change_items) and a `note`, a message id shown translated
    with `params`: plain strings, choice(...) or moment(...)."""
    data = {KEY: items or []}
    if note:
        data["note"] = {"msgid": note, "params": params}
    return json.dumps(data, ensure_ascii=False)


# The comment of the revision that keeps a listing as it was before its first admin edit
# (admin_base.record_baseline): kept for restoring and comparing, not listed as a change.
BASELINE = encode(note=gettext_noop("State before the first edit in the admin."))


def is_baseline(revision) -> bool:
    """The revision is a listing's state before its first admin edit, by nobody."""
    return revision.user_id is None and revision.comment == BASELINE


def choice(model, field: str, value: str) -> dict:
    """A param shown as the label of `value` among `model.field`'s choices."""
    return {"choice": [model._meta.label_lower, field, value]}


def moment(value: dt.datetime) -> dict:
    """A param shown as a time to the second."""
    return {"moment": value.isoformat()}


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def _field_label(model, name: str, label: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return gettext(label)


def _fields(change: dict) -> str:
    model = _model(change.get("model", ""))
    names = change.get("names") or change.get("fields", [])
    labels = change.get("fields", names)
    return get_text_list([_field_label(model, name, label) for name, label in zip(names, labels)], gettext("and"))


def field_name(model_label: str, name: str, row: str) -> str:
    """A field of a listing or of one of its inline rows (`row`: its name; '' for the
    listing), in the active language."""
    model = _model(model_label)
    label = _field_label(model, name, name) if name else gettext("row")
    return f"{row} · {label}" if row else label


def _row_name(item: dict) -> str:
    model = _model(item.get("model", ""))
    return str(model._meta.verbose_name) if model else gettext(item.get("name", ""))


def _item(item: dict) -> str:
    # Django's own message ids (LogEntry.get_change_message), so the admin's catalogue has them.
    if "added" in item:
        added = item["added"]
        if added.get("object"):
            return gettext("Added {name} “{object}”.").format(name=_row_name(added), object=added["object"])
        return gettext("Added.")
    if "changed" in item:
        changed = item["changed"]
        if changed.get("object"):
            return gettext("Changed {fields} for {name} “{object}”.").format(
                fields=_fields(changed), name=_row_name(changed), object=changed["object"])
        return gettext("Changed {fields}.").format(fields=_fields(changed))
    if "deleted" in item:
        deleted = item["deleted"]
        return gettext("Deleted {name} “{object}”.").format(name=_row_name(deleted), object=deleted.get("object", ""))
    return ""


def _param(value) -> str:
    if isinstance(value, dict) and "choice" in value:
        label, name, raw = value["choice"]
        model = _model(label)
        try:
            return str(dict(model._meta.get_field(name).flatchoices).get(raw, raw))
        except (FieldDoesNotExist, AttributeError):
            return raw
    if isinstance(value, dict) and "moment" in value:
        parsed = parse_datetime(value["moment"])
        return at_seconds(parsed) if parsed else value["moment"]
    return str(value)


def decode(comment: str) -> dict | None:
    """The stored summary in `comment`, or None when it is a plain text comment."""
    if not comment.startswith("{"):
        return None
    try:
        data = json.loads(comment)
    except ValueError:
        return None
    return data if isinstance(data, dict) and KEY in data else None


def render(comment: str) -> str:
    """`comment` told in the active language: each change, then the note. A plain text
    comment (saved before summaries were stored this way) comes back as it is."""
    data = decode(comment)
    if data is None:
        return comment
    parts = [_item(item) for item in data[KEY] if isinstance(item, dict)]
    note = data.get("note")
    if note:
        params = {key: _param(value) for key, value in note.get("params", {}).items()}
        text = gettext(note["msgid"])
        parts.append(text % params if params else text)
    return " ".join(part for part in parts if part)
