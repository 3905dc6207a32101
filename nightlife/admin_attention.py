"""The editors' "needs attention" page: the gaps in what visitors are told."""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass, field

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from editors.models import ScheduledChange
from editors.schedule import problem_text
from events.models import Event, EventPhoto, Offer, TourLine
from core.nighttime import tonight
from transit.models import Route, Serving, Stop
from venues.models import Highlight, Place, Theme, Venue, VenuePhoto


@dataclass
class Item:
    label: str
    url: str
    note: str = ""


@dataclass
class Section:
    title: str
    explanation: str
    items: list[Item] = field(default_factory=list)


def _change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


# Rows without an admin page of their own are edited on their listing's page.
_EDITED_ON = {Place: "venue", Highlight: "venue", TourLine: "event", VenuePhoto: "venue", EventPhoto: "event"}
_BILINGUAL = [Venue, Place, Highlight, Theme, Event, TourLine, Offer, Route, Stop]
# Photos are checked for English too, but only their alt text: a missing English credit is by
# design (English pages show the Chinese one).
_ONLY = {VenuePhoto: ["alt"], EventPhoto: ["alt"]}


def _twins(model) -> list[str]:
    """Names of the Chinese fields that have an English `_en` twin."""
    if model in _ONLY:
        return _ONLY[model]
    names = {f.name for f in model._meta.concrete_fields}
    return [name for name in sorted(names) if f"{name}_en" in names]


def missing_english() -> list[Item]:
    """Rows with Chinese text whose English twin is empty. One query per model."""
    items = []
    for model in [*_BILINGUAL, *_ONLY]:
        twins = _twins(model)
        missing = Q()
        for name in twins:
            missing |= ~Q(**{name: ""}) & Q(**{f"{name}_en": ""})
        rows = model._default_manager.filter(missing)
        parent = _EDITED_ON.get(model)
        if parent:
            rows = rows.select_related(parent)
        for row in rows:
            fields = [str(model._meta.get_field(f"{name}_en").verbose_name)
                      for name in twins if getattr(row, name) and not getattr(row, f"{name}_en")]
            target = getattr(row, parent) if parent else row
            label = f"{model._meta.verbose_name}: {row}"
            items.append(Item(label, _change_url(target), "、".join(fields)))
    return items


def scheduled_changes() -> list[Item]:
    """Scheduled changes not applied (they clash with a later edit, or no longer validate),
    and those past their moment by more than five minutes (apply_scheduled_changes is not
    running). Each links to its listing's history. One query."""
    late = timezone.now() - dt.timedelta(minutes=5)
    rows = (ScheduledChange.objects.filter(Q(state=ScheduledChange.State.NOT_APPLIED)
                                           | Q(state=ScheduledChange.State.SCHEDULED, publish_at__lt=late))
            .select_related("content_type"))
    items = []
    for change in rows:
        opts = change.content_type.model_class()._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[change.object_id])
        note = (problem_text(change) if change.state == ScheduledChange.State.NOT_APPLIED else
                _("Past its time and not applied yet: is manage.py apply_scheduled_changes running every minute?"))
        when = date_format(timezone.localtime(change.publish_at), "DATETIME_FORMAT")
        items.append(Item(f"{opts.verbose_name}: {change.object_repr} · {when}", url, note))
    return items


def renamed_plan_records() -> list[Item]:
    """Records of the plan whose Chinese name an editor changed: the plan publishes these
    names, so a rename is a choice to check. Each with the plan's name and the day. One query
    per model."""
    items = []
    for model in _BILINGUAL:
        rows = model._default_manager.filter(plan_changes__has_key="name")
        parent = _EDITED_ON.get(model)
        if parent:
            rows = rows.select_related(parent)
        for row in rows:
            target = getattr(row, parent) if parent else row
            note = _("In the plan: %(value)s") % {"value": row.plan_value_text("name")}
            items.append(Item(f"{model._meta.verbose_name}: {row}", _change_url(target),
                              f"{note} · {date_format(row.plan_updated_facts['name'], 'DATE_FORMAT')}"))
    return items


def sections() -> list[Section]:
    """Each gap with the rows in it, linked to where they are edited. A fixed number of queries."""
    no_last_run = Venue.objects.filter(is_quarter=True).exclude(
        pk__in=Serving.objects.with_last_run().values("venue"))
    # What visitors still see (the published() family of core.publishing), though it has ended.
    ended = (Offer.objects.visible().ended_on(tonight())
             .select_related("event").order_by("last_day"))
    return [
        Section(_("Night quarters with no published last run"),
                _("Visitors are not told how to get home. Add a route's last run where one is published."),
                [Item(str(v), _change_url(v)) for v in no_last_run]),
        Section(_("Venues with no opening hours"),
                _("Pages say 'not published'. Add hours only where they are published."),
                [Item(str(v), _change_url(v)) for v in Venue.objects.without_published_hours()]),
        Section(_("Items with no English text"),
                _("English pages fall back to Chinese for these fields."),
                missing_english()),
        Section(_("Renamed records of the plan"),
                _("The plan publishes these names. Check that each new name is meant; to go back, type the "
                  "plan's name again (it is shown under the name)."),
                renamed_plan_records()),
        Section(_("Published offers that have ended"),
                _("Pages show them as ended. Unpublish them, or correct their dates."),
                [Item(f"{o.event} · {o}", _change_url(o), date_format(o.last_day, "DATE_FORMAT")) for o in ended]),
        Section(_("Scheduled changes not applied"),
                _("Someone changed the same values after the change was scheduled, or it no longer validates. "
                  "Open the listing's history to see why; make the change again and schedule it anew."),
                scheduled_changes()),
    ]


def attention_view(request):
    """GET /admin/attention/ for anyone who may view venues (editors, superusers)."""
    if not request.user.has_perm("venues.view_venue"):
        raise PermissionDenied
    context = {**admin.site.each_context(request), "title": _("Needs attention"), "sections": sections()}
    return TemplateResponse(request, "admin/nightlife/attention.html", context)
