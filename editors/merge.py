"""A three-way merge of a submitted change form (the listing and its inline rows) with what
someone else saved after the editor opened it (edit conflicts): what only one side changed is
kept, what both changed is a Conflict for the editor to choose."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms.formsets import DELETION_FIELD_NAME, INITIAL_FORM_COUNT, TOTAL_FORM_COUNT
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext

from editors.versions import same_breaks, shown

# The conflict screen's inputs (templates/admin/editors/change_form.html).
THEIRS, MINE = "theirs", "mine"
PENDING = "merge_pending"  # the keys of the conflicts a form was shown with
CHOICE = "merge-"  # + a conflict's key: the editor's choice, THEIRS or MINE
_UNKNOWN = object()


@dataclass
class Conflict:
    """A value both sides changed, differently. `key` names the field (or the inline row) in
    the form shown with it; the editor's choice comes back as merge-<key>. `row` names the
    inline row ('' for the listing's own fields)."""

    key: str
    row: str
    field: str
    theirs: str
    mine: str


class Merged(QueryDict):
    """Submitted form data after merge(): what saving it stores, `files` renumbered with it.

    `taken` says what came from the other side, `conflicts` what both changed (nothing may be
    saved while there are any), `unchosen` whether the editor left a conflict they had been
    shown without a choice, `renamed` maps an inline form's submitted prefix to its new one."""

    files: MultiValueDict
    taken: list[str]
    conflicts: list[Conflict]
    unchosen: bool
    renamed: dict[str, str]
    by: str = ""  # who saved meanwhile, for the messages

    def rename(self, name: str) -> str:
        """A submitted field name as it is called in the merged data."""
        old, _, rest = name.rpartition("-")
        return f"{self.renamed[old]}-{rest}" if old in self.renamed else name


def _widget(widget: forms.Widget) -> forms.Widget:
    return widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget


def as_data(widget: forms.Widget, name: str, value) -> dict[str, list[str]]:
    """What a browser posts for `value` (prepared for display) shown in `widget` as `name`.
    Files are never posted back."""
    widget = _widget(widget)
    if isinstance(widget, forms.MultiWidget):
        values = value if isinstance(value, (list, tuple)) else widget.decompress(value)
        data = {}
        for suffix, part, part_value in zip(widget.widgets_names, widget.widgets, values):
            data.update(as_data(part, name + suffix, part_value))
        return data
    if isinstance(widget, forms.FileInput):
        return {}
    if isinstance(widget, forms.CheckboxInput):
        return {name: ["on"]} if widget.check_test(value) else {}
    shown_value = widget.format_value(value)
    if isinstance(shown_value, (list, tuple)):
        return {name: [str(item) for item in shown_value]}
    return {name: ["" if shown_value is None else str(shown_value)]}


def data_keys(widget: forms.Widget, name: str) -> list[str]:
    """The POST keys of a field shown in `widget` as `name` (a MultiWidget posts several)."""
    widget = _widget(widget)
    if isinstance(widget, forms.MultiWidget):
        return [key for suffix, part in zip(widget.widgets_names, widget.widgets)
                for key in data_keys(part, name + suffix)]
    return [name]


def _changed(field: forms.Field, initial, data) -> bool:
    """`field.has_changed()`, blind to how line breaks are written (browsers post CRLF)."""
    return field.has_changed(same_breaks(initial), same_breaks(data))


def _as_initial(field: forms.Field, value):
    """A stored value as form initial data, trimmed as `get_initial_for_field()` trims it."""
    if isinstance(value, (dt.datetime, dt.time)) and not field.widget.supports_microseconds:
        return value.replace(microsecond=0)
    return value


def _shown_data(field: forms.Field, data) -> str:
    """Submitted data as an editor reads it. Queries for a related row."""
    try:
        value = field.clean(data)
    except ValidationError:
        value = data
    choices = {str(k): v for k, v in getattr(field, "choices", []) if not isinstance(v, (list, tuple))}
    return shown(value, choices)


class _Merger:
    def __init__(self, posted: QueryDict, files: MultiValueDict, base: dict | None):
        self.posted, self.base = posted, base
        self.choices = {key.removeprefix(CHOICE): value for key, value in posted.items() if key.startswith(CHOICE)}
        self.pending = set(posted.getlist(PENDING))
        self.data = Merged(mutable=True)
        for key, values in posted.lists():
            if key != PENDING and not key.startswith(CHOICE):
                self.data.setlist(key, values)
        self.data.files, self.data.renamed = files.copy(), {}
        self.data.taken, self.data.conflicts, self.data.unchosen = [], [], False

    def base_row(self, model, pk) -> dict | None:
        version = self.base.get((model, str(pk))) if self.base is not None else None
        return version.field_dict if version is not None else None

    def _choice(self, key: str) -> tuple[str | None, bool]:
        """The editor's choice for `key`, and whether they were shown it and chose nothing."""
        choice = self.choices.get(key)
        return choice, key in self.pending and choice is None

    def _conflict(self, conflict: Conflict, unchosen: bool) -> None:
        self.data.conflicts.append(conflict)
        self.data.unchosen |= unchosen

    def _write(self, widget, name: str, data: dict[str, list[str]]) -> None:
        for key in data_keys(widget, name):
            self.data.pop(key, None)
        for key, values in data.items():
            self.data.setlist(key, values)

    def _theirs(self, form, name: str, key: str) -> tuple[dict, object]:
        """The stored value of `form`'s field as posted data under `key`, and as the widget reads it."""
        field = form.fields[name]
        data = as_data(field.widget, key, field.prepare_value(form[name].initial))
        return data, field.widget.value_from_datadict(MultiValueDict(data), MultiValueDict(), key)

    @staticmethod
    def _attname(form, name: str) -> str | None:
        try:
            return form.instance._meta.get_field(name).attname
        except FieldDoesNotExist:
            return None  # not stored on the row: a file being uploaded, the edit token

    def field(self, form, name: str, row, base_row: dict | None, prefix: str | None) -> None:
        """Merges one field of `form` into the data, named as under the form's new `prefix`.
        `row` names the listing or the inline row (its str(), which may query, only if needed)."""
        attname = self._attname(form, name)
        if attname is None:
            return
        bound, field = form[name], form.fields[name]
        key = f"{prefix}-{name}" if prefix else name
        theirs_posted, theirs = self._theirs(form, name, key)
        mine = bound.data
        choice, unchosen = self._choice(bound.html_name)
        if choice == THEIRS:
            self._write(field.widget, key, theirs_posted)
            return
        if not _changed(field, bound.initial, mine):
            return
        opened = _UNKNOWN if base_row is None or attname not in base_row else _as_initial(field, base_row[attname])
        theirs_changed = opened is _UNKNOWN or _changed(field, opened, theirs)
        mine_changed = opened is _UNKNOWN or _changed(field, opened, mine)
        label = str(field.label)
        if unchosen or (theirs_changed and mine_changed):
            self._conflict(Conflict(key, str(row), label, _shown_data(field, theirs), _shown_data(field, mine)),
                           unchosen)
        elif theirs_changed:
            self._write(field.widget, key, theirs_posted)
            self.data.taken.append(f"{row} · {label}" if prefix else label)

    def listing(self, form) -> None:
        base_row = self.base_row(type(form.instance), form.instance.pk)
        for name in form.fields:
            self.field(form, name, "", base_row, None)

    def _row_changed(self, form, names, base_row: dict, theirs: bool) -> bool:
        for name in names:
            attname = self._attname(form, name)
            if attname is None or attname not in base_row:
                continue
            field = form.fields[name]
            value = self._theirs(form, name, form[name].html_name)[1] if theirs else form[name].data
            if _changed(field, _as_initial(field, base_row[attname]), value):
                return True
        return False

    def formset(self, formset) -> None:
        """Merges an inline formset's rows, renumbered: the stored rows first, in their order,
        then rows the other side deleted that this editor changed, then this editor's new rows."""
        if not formset.management_form.is_valid():
            return  # the admin says so
        rows = _Rows(self.data, self.posted, formset)
        posted, added = {}, []
        for index, form in enumerate(formset.forms):
            if index < formset.initial_form_count():
                posted[str(form[rows.pk_name].data)] = form
            elif form.has_changed():
                added.append(form)
        for obj in formset.get_queryset():
            self._stored_row(rows, obj, posted.pop(str(obj.pk), None))
        initial = rows.count
        for pk, form in posted.items():
            self._gone_row(rows, pk, form)
        for form in added:
            self._new_row(rows, form)
        rows.close(initial)

    def _stored_row(self, rows: _Rows, obj, form) -> None:
        """Stored row `obj`, as this editor submitted it in `form` (None: they never saw it)."""
        base_row = self.base_row(type(obj), obj.pk)
        if form is None:
            rows.stored(obj)
            if self.base is not None and base_row is None:
                self.data.taken.append(gettext("%(row)s (added)") % {"row": obj})
            return
        if not rows.deleted(form):
            new = rows.copy(form)
            for name in rows.fields:
                self.field(form, name, obj, base_row, new)
            return
        choice, unchosen = self._choice(form.prefix)
        if choice == THEIRS:
            rows.stored(obj)
            return
        new = rows.copy(form)
        if unchosen or base_row is None or self._row_changed(form, rows.fields, base_row, theirs=True):
            self._conflict(Conflict(new, str(obj), gettext("row"), gettext("changed"), gettext("deleted")), unchosen)

    def _gone_row(self, rows: _Rows, pk: str, form) -> None:
        """A row this editor submitted that the other side deleted meanwhile."""
        choice, unchosen = self._choice(form.prefix)
        if rows.deleted(form) or choice == THEIRS:
            return
        version = self.base.get((rows.model, pk)) if self.base is not None else None
        label = version.object_repr if version is not None else gettext("row")
        left_alone = version is not None and not self._row_changed(form, rows.fields, version.field_dict, theirs=False)
        if choice is None and not unchosen and left_alone:
            self.data.taken.append(gettext("%(row)s (deleted)") % {"row": label})
            return
        new = rows.copy(form, as_new=True)  # back as a new row, if the editor chooses so
        if choice != MINE:
            self._conflict(Conflict(new, label, gettext("row"), gettext("deleted"), gettext("changed")), unchosen)

    def _new_row(self, rows: _Rows, form) -> None:
        choice, unchosen = self._choice(form.prefix)
        if choice == THEIRS:
            return  # a row the other side deleted, left deleted
        new = rows.copy(form)
        if unchosen:
            label = gettext("new %(row)s") % {"row": rows.model._meta.verbose_name}
            self._conflict(Conflict(new, label, gettext("row"), gettext("deleted"), gettext("changed")), unchosen)


class _Rows:
    """One inline formset's rows as the merged data holds them, written one after another from
    row 0 (its submitted rows are taken out of the data first)."""

    def __init__(self, data: Merged, posted: QueryDict, formset):
        self.data, self.posted, self.formset = data, posted, formset
        self.prefix, self.model = formset.prefix, formset.model
        self.pk_name, self.fk_name = self.model._meta.pk.name, formset.fk.name
        self.fields = [name for name in formset.empty_form.fields
                       if name not in (self.pk_name, self.fk_name, DELETION_FIELD_NAME)]
        self.count = 0
        submitted = re.compile(rf"^{re.escape(self.prefix)}-\d+-")
        for key in [key for key in data if submitted.match(key)]:
            del data[key]
        self.files = MultiValueDict({key: data.files.getlist(key) for key in data.files if submitted.match(key)})
        for key in self.files:
            del data.files[key]

    def deleted(self, form) -> bool:
        return self.formset.can_delete and bool(form[DELETION_FIELD_NAME].data)

    def _next(self) -> str:
        self.count += 1
        return f"{self.prefix}-{self.count - 1}"

    def copy(self, form, *, as_new: bool = False) -> str:
        """Writes `form` as submitted, with its files, as the next row; returns its prefix."""
        new = self._next()
        for source, target in ((self.posted, self.data), (self.files, self.data.files)):
            for key in source:
                if key.startswith(f"{form.prefix}-"):
                    target.setlist(f"{new}-{key[len(form.prefix) + 1:]}", source.getlist(key))
        if as_new:
            self.data[f"{new}-{self.pk_name}"] = ""
        self.data.renamed[form.prefix] = new
        return new

    def stored(self, obj) -> None:
        """Writes stored row `obj` as the next row, as its form shows it now."""
        new = self._next()
        shown_form = self.formset.form(instance=obj, prefix=new)
        self.data[f"{new}-{self.pk_name}"] = str(obj.pk)
        self.data[f"{new}-{self.fk_name}"] = str(self.formset.instance.pk)
        for name in shown_form.fields:
            bound = shown_form[name]
            for key, values in as_data(bound.field.widget, bound.html_name, bound.value()).items():
                self.data.setlist(key, values)

    def close(self, initial: int) -> None:
        """Sets the management form: `initial` stored rows, then the rest."""
        self.data[f"{self.prefix}-{TOTAL_FORM_COUNT}"] = str(self.count)
        self.data[f"{self.prefix}-{INITIAL_FORM_COUNT}"] = str(initial)


def merge(form: forms.ModelForm, formsets, files: MultiValueDict, base: dict | None) -> Merged:
    """The submitted `form` and its inline `formsets` (bound to the POST, their instances as
    stored now, after someone else saved) merged three ways against `base`: the versions the
    editor opened, {(model, pk): Version} for the listing and its inline rows (None: unknown).

    A value only the other side changed is taken from the stored row, one only this editor
    changed is kept, one both changed differently is a Conflict, unless the editor chose after
    seeing it (merge-<key>: theirs or mine). Rows added or deleted by one side stay so; a row
    deleted by one side and changed by the other is a conflict. With no base known, every
    difference is one. Inline forms are renumbered in the stored rows' order, with the rows
    the other side added, so the form shown again lines up with its rows (the admin pairs them
    by position). Queries: the stored inline rows, and one per related value in a conflict."""
    merger = _Merger(form.data, files, base)
    merger.listing(form)
    for formset in formsets:
        merger.formset(formset)
    return merger.data
