"""Loading the published plan (fixtures/plan.json) into the database.

Every record of the plan has a `plan_key`, its identity for good: the loader finds the record's
row by that key, never by its name or slug, so a row an editor renamed is that record still. The
loader creates what is missing, reports what differs from the file and leaves an editor's change
alone unless asked to overwrite. It remembers every record it has had in the database
(LoadedPlanKey), so a row an editor deleted stays deleted unless asked to overwrite. It never
deletes.

Two passes: every record of the file is built and validated first (choices, lengths, required
fields, night times, references, each model's own rules); only a file without a mistake is then
written, in one transaction. A mistake names its record and field.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction

from core.publishing import Publishable, Status
from events.models import Event, Offer, TourLine
from transit.models import Route, Serving, Stop
from venues.models import Highlight, LoadedPlanKey, Place, Theme, Venue

SECTIONS = {"source", "themes", "venues", "routes", "stops", "servings", "events"}
PLAN_MODELS = [Theme, Venue, Place, Highlight, Route, Stop, Serving, Event, TourLine, Offer]


class PlanError(Exception):
    """The plan file is unreadable or a record in it is wrong; the message names the record."""


@dataclass
class PlanReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would create" if self.dry_run else "created"
        changed = "would update" if self.dry_run else "updated"
        return (f"{verb} {len(self.created)}, {changed} {len(self.updated)}, "
                f"kept {len(self.differs)} edited record(s) that differ from the plan, "
                f"kept {len(self.deleted)} record(s) editors deleted, "
                f"{self.unchanged} unchanged")


def read_plan(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise PlanError(f"{path}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise PlanError(f"{path}: expected an object with themes, venues, routes, stops, servings, events")
    return data


def load_plan(*, data: dict[str, Any], overwrite: bool = False, dry_run: bool = False) -> PlanReport:
    """Bring the database in line with the plan `data` (as read by `read_plan`).

    Returns what was (with `dry_run`: would be) created, updated and left alone. Raises PlanError,
    having written nothing, when any record is invalid. Reads everything before writing anything,
    in one transaction; a dry run stops after reading, so its report is exact.
    """
    loader = _Loader(overwrite=overwrite, report=PlanReport(dry_run=dry_run))
    with transaction.atomic():
        loader.read(data)
        if not dry_run:
            loader.write()
    return loader.report


# What the loader does with a record.
CREATE, UPDATE, DIFFERS, UNCHANGED, DELETED = "create", "update", "differs", "unchanged", "deleted"


@dataclass(eq=False)
class _Record:
    """One record of the file: `obj` is its row as the plan has it (the stored row with the
    plan's values, or a new row), `row` the stored row as it is (None: not in the database)."""

    where: str
    obj: models.Model
    row: models.Model | None
    values: dict[str, Any]
    refs: dict[str, _Record | None]
    m2m: dict[str, list[_Record]]
    action: str = ""
    changed: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.obj._meta.label_lower

    @property
    def in_database(self) -> bool:
        """The record's row exists, or will once written (not left deleted)."""
        return self.action != DELETED


@dataclass
class _Loader:
    overwrite: bool
    report: PlanReport
    records: list[_Record] = field(default_factory=list)  # in file order: parents first
    by_slug: dict[tuple[type, str], _Record] = field(default_factory=dict)
    stored: dict[type, dict[str, models.Model]] = field(default_factory=dict)  # rows by plan key
    loaded: set[tuple[str, str]] = field(default_factory=set)  # LoadedPlanKey as (model, plan key)

    # --- pass 1: read and validate ------------------------------------------------------------

    def read(self, data: dict[str, Any]) -> None:
        """Read every record of `data`, match it with its row, decide its action and validate it.
        Queries, never writes."""
        unknown = set(data) - SECTIONS
        if unknown:
            raise PlanError(f"unknown section(s): {', '.join(sorted(unknown))}")
        self.stored = {model: {row.plan_key: row for row in self._stored(model)} for model in PLAN_MODELS}
        self.loaded = set(LoadedPlanKey.objects.values_list("model", "plan_key"))

        for where, raw in self._records(data, "themes"):
            self._add(Theme, where, raw)
        for where, raw in self._records(data, "venues"):
            places, highlights = raw.pop("places", []), raw.pop("highlights", [])
            themes = self._refs(Theme, raw.pop("themes", []), where, "themes")
            venue = self._add(Venue, where, raw, m2m={"themes": themes})
            for child_where, child in self._children(where, "places", places):
                self._add(Place, child_where, child, refs={"venue": venue})
            for child_where, child in self._children(where, "highlights", highlights):
                self._add(Highlight, child_where, child, refs={"venue": venue})
        for where, raw in self._records(data, "routes"):
            self._add(Route, where, raw)
        for where, raw in self._records(data, "stops"):
            self._add(Stop, where, raw, refs={"venue": self._ref(Venue, raw.pop("venue", None), where, "venue")})
        for where, raw in self._records(data, "servings"):
            refs = {"venue": self._ref(Venue, raw.pop("venue", None), where, "venue", required=True),
                    "route": self._ref(Route, raw.pop("route", None), where, "route", required=True),
                    "last_run_stop": self._ref(Stop, raw.pop("last_run_stop", None), where, "last_run_stop")}
            self._add(Serving, where, raw, refs=refs)
        for where, raw in self._records(data, "events"):
            tour_lines, offers = raw.pop("tour_lines", []), raw.pop("offers", [])
            venue = self._ref(Venue, raw.pop("venue", None), where, "venue")
            refs = {"venue": venue, "place": self._place(venue, raw.pop("place", None), where)}
            themes = self._refs(Theme, raw.pop("themes", []), where, "themes")
            event = self._add(Event, where, raw, refs=refs, m2m={"themes": themes})
            for child_where, child in self._children(where, "tour_lines", tour_lines):
                self._add(TourLine, child_where, child, refs={"event": event})
            for child_where, child in self._children(where, "offers", offers):
                self._add(Offer, child_where, child, refs={"event": event})

        self._check_unique_in_file()
        for record in self.records:
            self._decide(record)
            self._validate(record)

    def _stored(self, model):
        rows = model.objects.filter(plan_key__isnull=False)
        return rows.prefetch_related("themes") if model in (Venue, Event) else rows

    def _records(self, data: dict[str, Any], section: str):
        records = data.get(section, [])
        if not isinstance(records, list):
            raise PlanError(f"{section}: expected a list")
        for i, record in enumerate(records):
            if not isinstance(record, dict):
                raise PlanError(f"{section}[{i}]: expected an object")
            label = record.get("slug") or record.get("name") or ""
            if section == "servings":
                label = f"{record.get('route')} at {record.get('venue')}"
            yield f"{section}[{i}]" + (f" ({label})" if label else ""), dict(record)

    def _children(self, where: str, name: str, records):
        for child_where, record in self._records({name: records}, name):
            yield f"{where}.{child_where}", record

    def _ref(self, model, slug, where: str, name: str, required: bool = False) -> _Record | None:
        if slug in (None, ""):
            if required:
                raise PlanError(f"{where}.{name}: required")
            return None
        record = self.by_slug.get((model, slug))
        if record is None:
            raise PlanError(f"{where}.{name}: no {model._meta.model_name} with slug {slug!r} in the plan")
        return record

    def _refs(self, model, slugs, where: str, name: str) -> list[_Record]:
        if not isinstance(slugs, list):
            raise PlanError(f"{where}.{name}: expected a list of slugs")
        return [self._ref(model, slug, where, name) for slug in slugs]

    def _place(self, venue: _Record | None, name, where: str) -> _Record | None:
        if not name:
            return None
        for record in self.records:
            if record.refs.get("venue") is venue and isinstance(record.obj, Place) and record.values.get("name") == name:
                return record
        raise PlanError(f"{where}.place: no place {name!r} in venue {venue.values.get('slug') if venue else None!r}")

    def _add(self, model, where: str, raw: dict[str, Any], *, refs=None, m2m=None) -> _Record:
        refs, m2m = refs or {}, m2m or {}
        values = self._convert(model, where, raw)
        key = values.get("plan_key")
        if not key:
            raise PlanError(f"{where}.plan_key: required")
        row = self.stored[model].get(key)
        obj = copy.copy(row) if row else model()
        if row is None:
            # A stand-in id until it is saved: the models' clean() sees the references of the
            # records pointing here filled in, as they will be (a departure's stop, say).
            obj.pk = -1 - len(self.records)
            if isinstance(obj, Publishable) and "status" not in values:
                obj.status = Status.PUBLISHED  # the plan is published material
        for name, value in values.items():
            setattr(obj, name, value)
        record = _Record(where=where, obj=obj, row=row, values=values, refs=refs, m2m=m2m)
        self.records.append(record)
        if "slug" in values:
            self.by_slug.setdefault((model, values["slug"]), record)
        return record

    def _convert(self, model, where: str, raw: dict[str, Any]) -> dict[str, Any]:
        values = {}
        for name, value in raw.items():
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                raise PlanError(f"{where}.{name}: unknown field") from None
            if model_field.is_relation:
                raise PlanError(f"{where}.{name}: unknown field")
            try:
                values[name] = value if value is None else model_field.to_python(value)
            except ValidationError as exc:
                raise PlanError(f"{where}.{name}: {' '.join(exc.messages)} (got {value!r})") from None
        return values

    def _check_unique_in_file(self) -> None:
        """No two records of a model share a value that must be unique (a plan key, a slug, a
        place's name in its venue): the database would refuse the second."""
        seen: dict[tuple, str] = {}
        for record in self.records:
            opts = record.obj._meta
            groups = [(f.name,) for f in opts.local_fields if f.unique and not f.primary_key]
            groups += [c.fields for c in opts.constraints if isinstance(c, models.UniqueConstraint) and c.fields]
            for names in groups:
                value = tuple(record.refs[n] if n in record.refs else record.values.get(n) for n in names)
                if None in value:
                    continue
                first = seen.setdefault((opts.label, names, value), record.where)
                if first != record.where:
                    raise PlanError(f"{record.where}.{names[-1]}: {value[-1]!r} is already used by {first}")

    def _decide(self, record: _Record) -> None:
        """Set the record's action. Its references are decided already (the file lists parents
        first). Where an editor deleted a row it refers to, the record follows the reference's
        on_delete: gone with it (CASCADE, PROTECT), or without that reference (SET_NULL)."""
        for name, target in list(record.refs.items()):
            if target is not None and not target.in_database and (
                    record.obj._meta.get_field(name).remote_field.on_delete is models.SET_NULL):
                record.refs[name] = target = None
            setattr(record.obj, name, target.obj if target else None)
        gone = [name for name, target in record.refs.items() if target is not None and not target.in_database]
        if gone:
            record.action = DELETED
            self.report.deleted.append(f"{record.where} (its {gone[0]} was deleted)")
        elif record.row is None and (record.label, record.values["plan_key"]) in self.loaded and not self.overwrite:
            record.action = DELETED
            self.report.deleted.append(record.where)
        elif record.row is None:
            record.action = CREATE
            self.report.created.append(record.where)
        elif not (changed := self._changes(record)):
            record.action = UNCHANGED
            self.report.unchanged += 1
        elif self.overwrite:
            record.action, record.changed = UPDATE, changed
            self.report.updated.append(f"{record.where}: {', '.join(changed)}")
        else:
            record.action, record.changed = DIFFERS, changed
            self.report.differs.append(f"{record.where}: {', '.join(changed)}")

    def _changes(self, record: _Record) -> list[str]:
        row = record.row
        changed = [name for name, value in record.values.items() if getattr(row, name) != value]
        for name, target in record.refs.items():
            attname = row._meta.get_field(name).attname
            wanted = None if target is None else target.row.pk if target.row else "a row not yet created"
            if getattr(row, attname) != wanted:
                changed.append(name)
        for name, targets in record.m2m.items():
            keys = {target.values["plan_key"] for target in targets if target.in_database}
            if {obj.plan_key for obj in getattr(row, name).all()} != keys:
                changed.append(name)
        return changed

    def _validate(self, record: _Record) -> None:
        """The plan's values of every record, even one left deleted, are checked as the admin
        would check them; uniqueness in the database only for rows about to be written."""
        writes = record.action in (CREATE, UPDATE)
        # A reference to a row not yet created is the file's own, checked when the file was read.
        unsaved = [name for name, target in record.refs.items() if target and target.row is None]
        exclude = unsaved if writes else list(record.refs)
        if record.row is None:
            exclude.append(record.obj._meta.pk.name)
        try:
            record.obj.full_clean(exclude=exclude, validate_unique=writes, validate_constraints=writes)
        except ValidationError as exc:
            details = []
            for name, messages in exc.message_dict.items():
                got = f" (got {record.values[name]!r})" if name in record.values else ""
                at = "" if name == NON_FIELD_ERRORS else f".{name}"
                details.append(f"{record.where}{at}: {' '.join(messages)}{got}")
            raise PlanError("; ".join(details)) from None

    # --- pass 2: write --------------------------------------------------------------------------

    def write(self) -> None:
        """Save what pass 1 decided, parents before children, and remember every plan record the
        database now has."""
        for record in self.records:
            if record.action in (CREATE, UPDATE):
                for name, target in record.refs.items():  # the saved rows, not their stand-ins
                    setattr(record.obj, name, target.obj if target else None)
                if record.action == CREATE:
                    record.obj.pk = None
                else:  # the plan's values are back: those facts are no longer the editors' (core/provenance.py)
                    record.obj.plan_changes = {name: entry for name, entry in record.obj.plan_changes.items()
                                               if name not in record.values and name not in record.refs}
                record.obj.save()
                for name, targets in record.m2m.items():
                    if record.action == CREATE or name in record.changed:
                        getattr(record.obj, name).set([t.obj for t in targets if t.in_database])
        LoadedPlanKey.objects.bulk_create([
            LoadedPlanKey(model=record.label, plan_key=record.values["plan_key"]) for record in self.records
            if record.in_database and (record.label, record.values["plan_key"]) not in self.loaded])
