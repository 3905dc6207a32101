"""Which facts of a record of the published plan the portal's editors have changed, and when.

A row the plan loader made (`plan_key` set) starts as the plan has it. An admin save that
changes one of its facts records, in the row itself, the plan's value and the day:
`plan_changes = {"last_run": {"plan": "01:00:00", "on": "2026-12-01"}}`; saving the plan's value
again removes the entry. Being part of the row, it costs pages no query, History restores it
with the version it belongs to, and `load_plan --overwrite`, which puts the plan's values back,
drops the entries of the facts it restored.

Why stored, not compared with fixtures/plan.json on each request: the day of a change is known
only when it is made, and pages should not depend on the plan file being on the server. The
catch: a change made outside the admin (a shell, a data migration) is not recorded.
"""

from __future__ import annotations

import datetime as dt
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, gettext_lazy as _

from core.nighttime import format_clock

# Fields that say how a row is listed or published, not what the plan states.
NOT_FACTS = frozenset({"slug", "position", "status", "publish_from", "publish_until", "source", "updated_at",
                       "search_key", "search_document", "plan_key", "plan_changes", "plan_edition"})
# Descriptions are the site's own words (the footer says so), never the plan's facts: editing
# one is not a change to the plan.
OWN_WORDS = frozenset({"description", "description_en"})


def is_plan_fact(name: str) -> bool:
    """Whether the field `name` of a plan record states one of the plan's facts."""
    return name not in NOT_FACTS and name not in OWN_WORDS


def _plain(value):
    """A field's value as JSON keeps it: a time as "01:00:00", a date as "2026-12-01", an id."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


class PlanRecord(models.Model):
    """Abstract: for models whose rows the plan loader makes."""

    # The row's name in the plan (set by the loader, None on rows the editors created).
    plan_key = models.CharField(_("plan key"), max_length=120, unique=True, null=True, blank=True, editable=False)
    plan_changes = models.JSONField(_("changed since the plan"), default=dict, blank=True, editable=False)
    # The edition of the plan that last listed this record (venues.PlanEdition, named by its label
    # so this ground module imports no app): what its public page and the API cite.
    plan_edition = models.ForeignKey("venues.PlanEdition", on_delete=models.PROTECT, null=True, blank=True,
                                     editable=False, related_name="+", verbose_name=_("plan edition"))

    # Fields whose help text holds only for the plan's own rows ("Exactly as published."): the
    # admin leaves it out on rows the editors created.
    plan_only_help: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @property
    def is_plan_record(self) -> bool:
        return self.plan_key is not None

    def note_edit(self, before: dict, *, on: dt.date | None = None) -> None:
        """Before an editor's save of a plan record: `before` maps the fields the form changed
        to their values before (as the form's initial data has them, a foreign key as its id).
        Each fact now different from the plan is recorded with the plan's value (kept from the
        first change) and the day (`on`, default today in Luoyang); a fact back at the plan's
        value is no longer recorded. Rows the editors created are left alone. Queries once per
        changed foreign key, to keep the name it pointed at."""
        if not self.is_plan_record:
            return
        changes = dict(self.plan_changes or {})
        day = (on or timezone.localdate()).isoformat()
        for name, old in before.items():
            field = self._meta.get_field(name)
            if not is_plan_fact(name) or not field.concrete or field.many_to_many:
                continue
            now, old = _plain(field.value_from_object(self)), _plain(old)
            if now == old:
                continue
            entry = changes.get(name) or {"plan": old}
            if field.is_relation and "text" not in entry:
                related = field.related_model._default_manager.filter(pk=old).first() if old is not None else None
                entry["text"] = str(related) if related is not None else ""
            if now == entry["plan"]:
                changes.pop(name, None)
            else:
                changes[name] = {**entry, "on": day}
        self.plan_changes = changes

    @cached_property
    def plan_updated_facts(self) -> dict[str, dt.date]:
        """The facts an editor changed since the plan, each with the day of its last change."""
        return {name: dt.date.fromisoformat(entry["on"]) for name, entry in (self.plan_changes or {}).items()
                if is_plan_fact(name)}

    @property
    def plan_updated_on(self) -> dt.date | None:
        """The day an editor last changed one of this row's facts since the plan, or None."""
        return max(self.plan_updated_facts.values(), default=None)

    @property
    def provenance(self) -> dict:
        """Where this row's facts come from, as the API gives it: `origin` "plan" (as the plan
        gives them), "updated" (an editor changed one since: `updated_on`, the day) or "editors"
        (a row the editors added, or a listing whose page says its facts are the editors':
        `from_plan`, core.publishing, so the API and the page agree)."""
        if not getattr(self, "from_plan", self.is_plan_record) or not self.is_plan_record:
            return {"origin": "editors", "updated_on": None}
        day = self.plan_updated_on
        return {"origin": "updated" if day else "plan", "updated_on": day}

    def plan_value_text(self, name: str) -> str | None:
        """The plan's value of a fact an editor changed, as an editor reads it ("01:00", a
        choice's label, a stop's name); None for a fact not changed."""
        entry = (self.plan_changes or {}).get(name)
        if entry is None:
            return None
        field, raw = self._meta.get_field(name), entry["plan"]
        if raw in (None, ""):
            return gettext("(empty)")
        if field.is_relation:
            return entry.get("text") or str(raw)
        value = field.to_python(raw)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(value, dt.time):
            return format_clock(value)
        if isinstance(value, dt.date):
            return date_format(value, "DATE_FORMAT")
        return str(value)
