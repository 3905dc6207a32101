"""Loading the published plan (fixtures/plan.json) into the database.

The loader creates what is missing, reports what differs from the file, and leaves an editor's
change alone unless asked to overwrite. It never deletes. Everything runs in one transaction:
a bad record names itself and its field, and nothing at all is saved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction

from events.models import Event, Offer, TourLine
from core.publishing import Publishable, Status
from transit.models import Route, Serving, Stop
from venues.models import Highlight, Place, Theme, Venue


class PlanError(Exception):
    """The plan file is unreadable or a record in it is wrong; the message names the record."""


@dataclass
class PlanReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)
    unchanged: int = 0
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would create" if self.dry_run else "created"
        changed = "would update" if self.dry_run else "updated"
        return (f"{verb} {len(self.created)}, {changed} {len(self.updated)}, "
                f"kept {len(self.differs)} edited record(s) that differ from the plan, "
                f"{self.unchanged} unchanged")


class _DryRunRollback(Exception):
    pass


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

    Returns what was created, updated and left alone. Raises PlanError, with nothing changed,
    when any record is invalid. Queries and writes the database in one transaction; with
    `dry_run` it does all the work and rolls it back, so the report is exact.
    """
    loader = _Loader(overwrite=overwrite, report=PlanReport(dry_run=dry_run))
    try:
        with transaction.atomic():
            loader.load(data)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return loader.report


@dataclass
class _Loader:
    overwrite: bool
    report: PlanReport

    def load(self, data: dict[str, Any]) -> None:
        unknown = set(data) - {"source", "themes", "venues", "routes", "stops", "servings", "events"}
        if unknown:
            raise PlanError(f"unknown section(s): {', '.join(sorted(unknown))}")
        self._each(data, "themes", Theme, ("slug",))
        for where, record in self._records(data, "venues"):
            places = record.pop("places", [])
            highlights = record.pop("highlights", [])
            venue = self._sync(Venue, where, record, key=("slug",), m2m={"themes": Theme})
            for i, place in enumerate(places):
                self._sync(Place, f"{where}.places[{i}]", {**place, "venue": venue}, key=("venue", "name"))
            for i, item in enumerate(highlights):
                self._sync(Highlight, f"{where}.highlights[{i}]", {**item, "venue": venue}, key=("venue", "name"))
        self._each(data, "routes", Route, ("slug",))
        for where, record in self._records(data, "stops"):
            record["venue"] = self._ref(Venue, record.get("venue"), where, "venue")
            self._sync(Stop, where, record, key=("slug",))
        for where, record in self._records(data, "servings"):
            record["venue"] = self._ref(Venue, record.get("venue"), where, "venue", required=True)
            record["route"] = self._ref(Route, record.get("route"), where, "route", required=True)
            record["last_run_stop"] = self._ref(Stop, record.get("last_run_stop"), where, "last_run_stop")
            self._sync(Serving, where, record, key=("venue", "route"))
        for where, record in self._records(data, "events"):
            tour_lines = record.pop("tour_lines", [])
            offers = record.pop("offers", [])
            record["venue"] = venue = self._ref(Venue, record.get("venue"), where, "venue")
            place_name = record.get("place")
            record["place"] = None
            if place_name:
                record["place"] = Place.objects.filter(venue=venue, name=place_name).first()
                if record["place"] is None:
                    raise PlanError(f"{where}.place: no place {place_name!r} in venue {venue}")
            event = self._sync(Event, where, record, key=("slug",), m2m={"themes": Theme})
            for i, line in enumerate(tour_lines):
                self._sync(TourLine, f"{where}.tour_lines[{i}]", {**line, "event": event}, key=("event", "name"))
            for i, offer in enumerate(offers):
                self._sync(Offer, f"{where}.offers[{i}]", {**offer, "event": event}, key=("event", "name"))

    # --- helpers ----------------------------------------------------------------------------

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
            yield f"{section}[{i}] ({label})", dict(record)

    def _each(self, data, section, model, key):
        return [self._sync(model, where, record, key=key) for where, record in self._records(data, section)]

    def _ref(self, model, slug, where: str, name: str, required: bool = False):
        if slug in (None, ""):
            if required:
                raise PlanError(f"{where}.{name}: required")
            return None
        obj = model.objects.filter(slug=slug).first()
        if obj is None:
            raise PlanError(f"{where}.{name}: no {model._meta.model_name} with slug {slug!r}")
        return obj

    def _convert(self, model, where: str, record: dict[str, Any], m2m: dict) -> dict[str, Any]:
        values = {}
        for name, raw in record.items():
            if name in m2m:
                continue
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                raise PlanError(f"{where}.{name}: unknown field") from None
            if isinstance(model_field, models.ForeignKey) or raw is None:
                values[name] = raw
                continue
            try:
                values[name] = model_field.to_python(raw)
            except ValidationError as exc:
                raise PlanError(f"{where}.{name}: {' '.join(exc.messages)} (got {raw!r})") from None
        return values

    def _sync(self, model, where: str, record: dict[str, Any], *, key: tuple[str, ...], m2m: dict | None = None):
        m2m = m2m or {}
        values = self._convert(model, where, record, m2m)
        missing = [k for k in key if values.get(k) in (None, "")]
        if missing:
            raise PlanError(f"{where}.{missing[0]}: required")
        related = {}
        for name, related_model in m2m.items():
            slugs = record.get(name) or []
            found = {obj.slug: obj for obj in related_model.objects.filter(slug__in=slugs)}
            unknown = [s for s in slugs if s not in found]
            if unknown:
                raise PlanError(f"{where}.{name}: unknown {related_model._meta.model_name} {unknown[0]!r}")
            related[name] = set(found.values())

        obj = model.objects.filter(**{k: values[k] for k in key}).first()
        if obj is None:
            obj = model(**values)
            if isinstance(obj, Publishable) and "status" not in values:
                obj.status = Status.PUBLISHED  # the plan is published material
            self._validate(obj, where)
            obj.save()
            for name, objs in related.items():
                getattr(obj, name).set(objs)
            self.report.created.append(where)
            return obj

        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        changed += [name for name, objs in related.items() if set(getattr(obj, name).all()) != objs]
        if not changed:
            self.report.unchanged += 1
        elif self.overwrite:
            for name in changed:
                if name in related:
                    continue
                setattr(obj, name, values[name])
            self._validate(obj, where)
            obj.save()
            for name in changed:
                if name in related:
                    getattr(obj, name).set(related[name])
            self.report.updated.append(f"{where}: {', '.join(changed)}")
        else:
            self.report.differs.append(f"{where}: {', '.join(changed)}")
        return obj

    def _validate(self, obj, where: str) -> None:
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            details = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items())
            raise PlanError(f"{where}: {details}") from None
