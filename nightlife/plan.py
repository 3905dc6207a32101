"""Loading an edition of the published plan into the database: one three-way merge, for the
admin's "Load a plan edition" page and `manage.py load_plan` alike.

Every record of the plan has a `plan_key`, its identity for good: the loader finds the record's
row by that key, never by its name or slug. For each record it compares three values of each
field: base (what the last edition listing the record gave, kept in LoadedPlanKey.values), ours
(the database now) and theirs (the edition being loaded):

- only the plan changed -> applied;
- only the site changed -> kept;
- both changed, differently -> a conflict: a person chooses (`choices`), else the site's is kept;
- new in the edition -> created;
- in the last edition but not this one -> listed ("left"): kept, or unpublished if a person
  chooses so; never deleted;
- a record editors deleted -> stays deleted unless a person brings it back.

Two passes: every record is built, matched and validated first; the review (PlanReport) is
complete before anything is written, so a dry run or the admin's review is exact. Only a file
without a mistake is then written, in one transaction. A mistake names its record and field.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext

from core.provenance import NOT_FACTS, _plain
from core.publishing import Publishable, Status
from editors.merge import THEIRS
from events.models import Event, Offer, TourLine
from transit.models import Route, Serving, Stop
from nightlife.models import LoadedPlanKey
from venues.models import Highlight, Place, PlanEdition, Theme, Venue

SECTIONS = {"source", "themes", "venues", "routes", "stops", "servings", "events"}
PLAN_MODELS = [Theme, Venue, Place, Highlight, Route, Stop, Serving, Event, TourLine, Offer]
EDITION_FIELDS = {"edition": "name", "edition_en": "name_en", "published": "published", "publication": "publication",
                  "publication_en": "publication_en", "page": "page"}

# A person's choices (the admin's radio buttons; `--overwrite` takes every one the plan's way).
# A field both sides changed: THEIRS (the plan's value) or MINE (the site's), as on the editors'
# conflict screen (editors/merge.py).
BRING_BACK, KEEP = "back", "keep"  # a record editors deleted: bring it back, or leave it deleted
UNPUBLISH = "unpublish"  # a record the edition left out: unpublish it (else KEEP)

_UNKNOWN = object()


class PlanError(Exception):
    """The plan file is unreadable or a record in it is wrong; the message names the record."""


@dataclass
class FieldChange:
    """One field of a record: `base` what the last edition gave, `ours` the database now,
    `theirs` the edition being loaded, each as JSON keeps it (a reference as a plan key)."""

    name: str
    base: Any
    ours: Any
    theirs: Any
    label: str = ""
    shown: dict = field(default_factory=dict)  # base/ours/theirs as people read them (filled by describe())


@dataclass
class Review:
    """One record of the review. `outcome` is one of OUTCOMES; `key` names its choice."""

    outcome: str
    where: str
    model: str
    plan_key: str
    name: str
    applied: list[FieldChange] = field(default_factory=list)
    kept: list[FieldChange] = field(default_factory=list)
    conflicts: list[FieldChange] = field(default_factory=list)
    choice: str = ""  # what was decided for a conflict, a deleted record or one that left
    fixed: bool = False  # no choice to make: it went with a deleted row it belongs to

    @property
    def key(self) -> str:
        return f"{self.model}|{self.plan_key}"

    def field_key(self, change: FieldChange) -> str:
        return f"{self.key}|{change.name}"


# Outcomes, in the order the review lists them.
CONFLICT, CREATE, UPDATE, LEFT, DELETED, DIFFERS, UNCHANGED = (
    "conflict", "create", "update", "left", "deleted", "differs", "unchanged")
OUTCOMES = [CONFLICT, CREATE, UPDATE, LEFT, DELETED, DIFFERS]


@dataclass
class PlanReport:
    edition: PlanEdition | None = None
    new_edition: bool = False
    reviews: list[Review] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False

    def of(self, outcome: str) -> list[Review]:
        return [review for review in self.reviews if review.outcome == outcome]

    @property
    def created(self) -> list[str]:
        """Created, new or brought back."""
        return [r.where for r in self.reviews if r.outcome == CREATE or (r.outcome == DELETED and r.choice == BRING_BACK)]

    @property
    def updated(self) -> list[str]:
        return [f"{r.where}: {', '.join(c.name for c in r.applied)}" for r in self.of(UPDATE)]

    @property
    def differs(self) -> list[str]:
        return [f"{r.where}: {', '.join(c.name for c in r.kept)}" for r in self.of(DIFFERS)]

    @property
    def deleted(self) -> list[str]:
        """Left deleted."""
        return [r.where for r in self.of(DELETED) if r.choice != BRING_BACK]

    @property
    def nothing_to_do(self) -> bool:
        return not self.reviews and not self.new_edition

    def summary(self) -> str:
        verb = "would create" if self.dry_run else "created"
        changed = "would update" if self.dry_run else "updated"
        return (f"{verb} {len(self.created)}, {changed} {len(self.of(UPDATE))}, "
                f"kept {len(self.of(DIFFERS))} edited record(s) that differ from the plan, "
                f"kept {len(self.deleted)} record(s) editors deleted, "
                f"{self.unchanged} unchanged, "
                f"{len(self.of(CONFLICT))} changed on both sides, "
                f"{len(self.of(LEFT))} no longer in the plan")


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


def load_plan(*, data: dict[str, Any], overwrite: bool = False, dry_run: bool = False,
              choices: dict[str, str] | None = None, file_name: str = "", user=None) -> PlanReport:
    """Merge the plan `data` (as read by `read_plan` or plan_files.read_file) into the database.

    Returns the review: what was (with `dry_run`: would be) created, applied, kept, what both
    sides changed, what left the plan and what editors deleted. `choices` are a person's choices
    by Review.key / Review.field_key (THEIRS/MINE, BRING_BACK/KEEP, UNPUBLISH/KEEP); without one
    the site's side is kept. `overwrite` takes the plan's side everywhere. Raises PlanError,
    having written nothing, when any record is invalid. One transaction; a dry run reads only.
    """
    loader = _Loader(overwrite=overwrite, choices=choices or {}, report=PlanReport(dry_run=dry_run))
    with transaction.atomic():
        loader.read(data)
        if not dry_run:
            loader.write(file_name=file_name, user=user)
    return loader.report


@dataclass(eq=False)
class _Record:
    """One record of the file: `obj` is its row as the plan has it (the stored row with the
    plan's values, or a new row), `row` the stored row as it is (None: not in the database),
    `merged` what will be saved (the stored row with the changes taken)."""

    where: str
    obj: models.Model
    row: models.Model | None
    values: dict[str, Any]
    refs: dict[str, _Record | None]
    m2m: dict[str, list[_Record]]
    base: LoadedPlanKey | None = None
    action: str = ""
    take: list[str] = field(default_factory=list)  # the fields written the plan's way
    review: Review | None = None
    merged: models.Model | None = None

    @property
    def label(self) -> str:
        return self.obj._meta.label_lower

    @property
    def key(self) -> str:
        return self.values["plan_key"]

    @property
    def in_database(self) -> bool:
        """The record's row exists, or will once written (not left deleted)."""
        return self.action != DELETED


@dataclass
class _Loader:
    overwrite: bool
    choices: dict[str, str]
    report: PlanReport
    records: list[_Record] = field(default_factory=list)  # in file order: parents first
    by_slug: dict[tuple[type, str], _Record] = field(default_factory=dict)
    stored: dict[type, dict[str, models.Model]] = field(default_factory=dict)  # rows by plan key
    keys_by_pk: dict[type, dict[int, str]] = field(default_factory=dict)
    loaded: dict[tuple[str, str], LoadedPlanKey] = field(default_factory=dict)
    left: list[tuple[LoadedPlanKey, models.Model, Review]] = field(default_factory=list)
    editions: list[PlanEdition] = field(default_factory=list)  # those loaded before, oldest first

    # --- pass 1: read, match, decide and validate -----------------------------------------------

    def read(self, data: dict[str, Any]) -> None:
        """Read every record of `data`, match it with its row and its base, decide and validate.
        Queries, never writes."""
        unknown = set(data) - SECTIONS
        if unknown:
            raise PlanError(f"unknown section(s): {', '.join(sorted(unknown))}")
        self._read_edition(data.get("source"))
        self.stored = {model: {row.plan_key: row for row in self._stored(model)} for model in PLAN_MODELS}
        self.keys_by_pk = {model: {row.pk: key for key, row in rows.items()} for model, rows in self.stored.items()}
        self.loaded = {(row.model, row.plan_key): row for row in LoadedPlanKey.objects.all()}

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
            self._validate(record, record.obj)
            if record.merged is not None and record.merged is not record.obj:
                self._validate(record, record.merged)
        self._find_left()

    def _read_edition(self, source) -> None:
        if source is None:
            source = {}
        if not isinstance(source, dict):
            raise PlanError("source: expected an object")
        values = {name: source.get(key) or "" for key, name in EDITION_FIELDS.items()}
        values["name"] = values["name"].strip() if isinstance(values["name"], str) else values["name"]
        if not values["name"]:
            raise PlanError("source.edition: required (the edition's name, e.g. 2020年5月)")
        self.editions = list(PlanEdition.objects.order_by("loaded_at", "pk"))  # a few rows: one query
        edition = next((e for e in self.editions if e.name == values["name"]), None)
        if edition is not None and edition != self.editions[-1]:
            # Its values would undo the later edition's as "changed by the plan".
            raise PlanError(gettext("source.edition: %(name)s was loaded before %(latest)s, the last edition "
                                    "loaded; load a newer edition, or %(latest)s again") % {
                "name": edition.name, "latest": self.editions[-1].name})
        self.report.new_edition = edition is None
        if edition is None:
            edition = PlanEdition(**values)
            try:
                edition.full_clean(exclude=["file_name", "loaded_by"])
            except ValidationError as exc:
                wanted = {name: key for key, name in EDITION_FIELDS.items()}
                raise PlanError("; ".join(f"source.{wanted.get(name, name)}: {' '.join(messages)}"
                                          for name, messages in exc.message_dict.items())) from None
        self.report.edition = edition

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
            record = dict(record)
            # A spreadsheet's record says where it is ("途经与末班 servings, row 5", plan_xlsx.py).
            at = record.pop("_where", None)
            label = record.get("slug") or record.get("name") or ""
            if section == "servings":
                label = f"{record.get('route')} at {record.get('venue')}"
            yield (at or f"{section}[{i}]") + (f" ({label})" if label else ""), record

    def _children(self, where: str, name: str, records):
        for child_where, record in self._records({name: records}, name):
            yield child_where if not child_where.startswith(f"{name}[") else f"{where}.{child_where}", record

    def _ref(self, model, slug, where: str, name: str, required: bool = False) -> _Record | None:
        if slug in (None, ""):
            if required:
                raise PlanError(f"{where}.{name}: required")
            return None
        record = self.by_slug.get((model, slug))
        if record is None:
            raise PlanError(gettext("%(where)s: no %(kind)s with slug %(slug)s in the plan") % {
                "where": f"{where}.{name}", "kind": model._meta.verbose_name, "slug": repr(slug)})
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
        record = _Record(where=where, obj=obj, row=row, values=values, refs=refs, m2m=m2m,
                         base=self.loaded.get((model._meta.label_lower, key)))
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
            if model_field.is_relation or name in ("plan_changes", "plan_edition"):
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
                    raise PlanError(gettext("%(where)s: %(value)s is already used by %(other)s") % {
                        "where": f"{record.where}.{names[-1]}", "value": repr(value[-1]), "other": first})

    # The three values of a record's fields, as JSON keeps them ---------------------------------

    def theirs(self, record: _Record) -> dict[str, Any]:
        """The edition's values of `record`: fields as JSON, references as plan keys."""
        values = {name: _plain(value) for name, value in record.values.items() if name != "plan_key"}
        for name, target in record.refs.items():
            values[name] = target.key if target is not None else None
        for name, targets in record.m2m.items():
            values[name] = sorted(target.key for target in targets)
        return values

    def _ours(self, record: _Record) -> dict[str, Any]:
        row, values = record.row, {}
        for name in record.values:
            if name != "plan_key":
                values[name] = _plain(getattr(row, name))
        for name in record.refs:
            model_field = row._meta.get_field(name)
            pk = getattr(row, model_field.attname)
            values[name] = None if pk is None else self.keys_by_pk[model_field.related_model].get(pk, f"#{pk}")
        for name in record.m2m:
            values[name] = sorted(obj.plan_key or f"#{obj.pk}" for obj in getattr(row, name).all())
        return values

    def _review(self, record: _Record, outcome: str) -> Review:
        review = Review(outcome=outcome, where=record.where, model=record.label, plan_key=record.key,
                        name=str(record.row if record.row is not None else record.obj) if outcome != CREATE
                        else (record.values.get("name") or record.where))
        record.review = review
        if outcome != UNCHANGED:
            self.report.reviews.append(review)
        return review

    def _decide(self, record: _Record) -> None:
        """Set the record's action and its review. Its references are decided already (the file
        lists parents first). Where an editor deleted a row it refers to, the record follows
        the reference's on_delete: gone with it (CASCADE, PROTECT), or without that reference
        (SET_NULL)."""
        for name, target in list(record.refs.items()):
            if target is not None and not target.in_database and (
                    record.obj._meta.get_field(name).remote_field.on_delete is models.SET_NULL):
                record.refs[name] = target = None
            setattr(record.obj, name, target.obj if target else None)
        gone = [name for name, target in record.refs.items() if target is not None and not target.in_database]
        if gone:
            record.action = DELETED
            review = self._review(record, DELETED)
            review.where = f"{record.where} (its {gone[0]} was deleted)"
            review.choice, review.fixed = KEEP, True
            return
        if record.row is None and record.base is not None:
            review = self._review(record, DELETED)
            review.choice = BRING_BACK if self.overwrite else self.choices.get(review.key, KEEP)
            if review.choice != BRING_BACK:
                review.choice = KEEP
                record.action = DELETED
                return
            record.action = CREATE
            record.merged = record.obj
            return
        if record.row is None:
            record.action = CREATE
            record.merged = record.obj
            self._review(record, CREATE)
            return
        theirs, ours = self.theirs(record), self._ours(record)
        base = record.base.values if record.base is not None else {}
        applied, kept, conflicts = [], [], []
        for name, value in theirs.items():
            mine, was = ours[name], base.get(name, _UNKNOWN)
            if mine == value:
                if (self.report.new_edition and was is not _UNKNOWN and was != value
                        and name in (record.row.plan_changes or {})):
                    # The plan now says what the site said: the fact is the plan's again.
                    applied.append(FieldChange(name=name, base=was, ours=mine, theirs=value))
                continue
            change = FieldChange(name=name, base=None if was is _UNKNOWN else was, ours=mine, theirs=value)
            if was is not _UNKNOWN and mine == was:
                applied.append(change)
            elif was is not _UNKNOWN and value == was:
                kept.append(change)
            else:
                conflicts.append(change)
        if self.overwrite:
            applied, kept, conflicts = applied + kept + conflicts, [], []
        if not (applied or kept or conflicts):
            record.action = UNCHANGED
            record.review = Review(UNCHANGED, record.where, record.label, record.key, "")
            self.report.unchanged += 1
            return
        outcome = CONFLICT if conflicts else UPDATE if applied else DIFFERS
        review = self._review(record, outcome)
        review.applied, review.kept, review.conflicts = applied, kept, conflicts
        record.take = [change.name for change in applied]
        for change in conflicts:
            if self.choices.get(review.field_key(change)) == THEIRS:
                record.take.append(change.name)
        record.action = UPDATE if record.take else DIFFERS
        record.merged = self._merged(record)

    def _merged(self, record: _Record) -> models.Model:
        """The stored row with the fields taken from the plan."""
        merged = copy.copy(record.row)
        for name in record.take:
            if name in record.values:
                setattr(merged, name, record.values[name])
            elif name in record.refs:
                target = record.refs[name]
                setattr(merged, name, target.obj if target else None)
        return merged

    def _find_left(self) -> None:
        """The records of the latest edition this one leaves out whose rows are still here."""
        in_file = {(record.label, record.key) for record in self.records}
        latest = self.editions[-1] if self.editions else None
        by_label = {model._meta.label_lower: model for model in PLAN_MODELS}
        for (label, key), loaded in sorted(self.loaded.items()):
            if (label, key) in in_file or latest is None or loaded.edition_id != latest.pk:
                continue
            row = self.stored[by_label[label]].get(key) if label in by_label else None
            if row is None:
                continue
            review = Review(outcome=LEFT, where=f"{label} {key}", model=label, plan_key=key, name=str(row))
            can_unpublish = isinstance(row, Publishable) and row.status == Status.PUBLISHED
            chosen = self.choices.get(review.key, KEEP)
            review.choice = UNPUBLISH if can_unpublish and chosen == UNPUBLISH else KEEP
            self.report.reviews.append(review)
            self.left.append((loaded, row, review))

    def _validate(self, record: _Record, obj: models.Model) -> None:
        """The plan's values of every record, even one left deleted, are checked as the admin
        would check them, and so is a row merged of the plan's and the site's values;
        uniqueness in the database only for rows about to be written."""
        writes = record.action in (CREATE, UPDATE)
        # A reference to a row not yet created is the file's own, checked when the file was read.
        unsaved = [name for name, target in record.refs.items() if target and target.row is None]
        exclude = unsaved if writes else list(record.refs)
        exclude.append("plan_edition")  # the loader's own, set when written: no query per record
        if record.row is None:
            exclude.append(obj._meta.pk.name)
        try:
            obj.full_clean(exclude=exclude, validate_unique=writes, validate_constraints=writes)
        except ValidationError as exc:
            details = []
            mixed = "" if obj is record.obj else " (the plan's values with the site's)"
            for name, messages in exc.message_dict.items():
                got = f" (got {record.values[name]!r})" if name in record.values else ""
                at = "" if name == NON_FIELD_ERRORS else f".{name}"
                details.append(f"{record.where}{at}{mixed}: {' '.join(messages)}{got}")
            raise PlanError("; ".join(details)) from None

    # --- pass 2: write --------------------------------------------------------------------------

    def write(self, *, file_name: str = "", user=None) -> None:
        """Save what pass 1 decided, parents before children; cite the edition on every row it
        lists; remember every record with the edition's values (the next load's base)."""
        edition = self.report.edition
        if self.report.new_edition:
            edition.file_name, edition.loaded_by = file_name[:200], user
            edition.save()
        today = timezone.localdate().isoformat()
        for record in self.records:
            if record.action not in (CREATE, UPDATE):
                continue
            obj = record.merged
            for name, target in record.refs.items():  # the saved rows, not their stand-ins
                if record.action == CREATE or name in record.take:
                    setattr(obj, name, target.obj if target else None)
            obj.plan_edition = edition
            if record.action == CREATE:
                obj.pk = None
                obj.plan_changes = {}
            else:  # the plan's values are back: those facts are no longer the editors' (core/provenance.py)
                obj.plan_changes = {name: entry for name, entry in (obj.plan_changes or {}).items()
                                    if name not in record.take}
            self._restate_plan_values(record, obj, today)
            obj.save()
            record.obj = obj  # children point at the saved row
            for name, targets in record.m2m.items():
                if record.action == CREATE or name in record.take:
                    getattr(obj, name).set([t.obj for t in targets if t.in_database])
        for record in self.records:
            if record.action == DIFFERS and self._restate_plan_values(record, record.row, today):
                type(record.row).objects.filter(pk=record.row.pk).update(plan_changes=record.row.plan_changes)
        for loaded, row, review in self.left:
            if loaded.plan_key and review.choice == UNPUBLISH:
                row.status = Status.DRAFT
                row.save()
        # Every row the edition lists cites it, changed or not.
        for model in PLAN_MODELS:
            keys = [r.key for r in self.records if type(r.obj) is model and r.action in (DIFFERS, UNCHANGED)
                    and r.row.plan_edition_id != edition.pk]
            if keys:
                model.objects.filter(plan_key__in=keys).update(plan_edition=edition)
        self._remember(edition)
        if self.report.reviews or self.report.new_edition:
            from nightlife.cache import bump
            bump()  # rows written with update() send no signal

    def _restate_plan_values(self, record: _Record, obj: models.Model, today: str) -> bool:
        """Where the site keeps its own value of a fact the edition changed, the row's note of
        the plan's value (core/provenance.py) now gives the new edition's. Returns whether it
        changed anything."""
        if record.review is None:
            return False
        changed = False
        notes = dict(obj.plan_changes or {})
        for change in record.review.conflicts:  # kept: the plan's value has not changed
            if change.name in record.take or change.name in NOT_FACTS or change.name in record.m2m:
                continue
            if change.name in record.refs:
                target = record.refs[change.name]
                plan = target.obj.pk if target is not None else None
                entry = {"plan": plan, "text": str(target.obj) if target is not None else ""}
            else:
                entry = {"plan": change.theirs}
            old = notes.get(change.name)
            entry["on"] = old["on"] if old else today
            if old != entry:
                notes[change.name] = entry
                changed = True
        obj.plan_changes = notes
        return changed

    def _remember(self, edition: PlanEdition) -> None:
        """LoadedPlanKey: each record of the edition with its values, the base of the next load.
        A file loaded again under an edition already loaded (an export of the listings, say)
        refines that edition: where it gives the site's own value, the edition's stays the base."""
        new, changed = [], []
        for record in self.records:
            values = self.theirs(record)
            loaded = record.base
            if loaded is not None and not self.report.new_edition and record.row is not None:
                ours = self._ours(record)
                values = {name: loaded.values[name] if name in loaded.values and ours.get(name) == value else value
                          for name, value in values.items()}
            if loaded is None:
                if record.in_database:
                    new.append(LoadedPlanKey(model=record.label, plan_key=record.key, edition=edition, values=values))
            elif loaded.values != values or loaded.edition_id != edition.pk:
                loaded.values, loaded.edition = values, edition
                changed.append(loaded)
        LoadedPlanKey.objects.bulk_create(new)
        LoadedPlanKey.objects.bulk_update(changed, ["values", "edition"], batch_size=200)
