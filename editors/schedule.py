"""Changes scheduled ahead: an editor prepares new times or texts for a live listing and
publishes them at a chosen moment, while visitors keep seeing the live version.

"Schedule this change" on the change form validates the form as a save would and stores it
(ScheduledChange) with the listing as it was then (the merge base). `manage.py
apply_scheduled_changes`, run every minute, saves each due change in a transaction of its own
as its editor's save: merged three ways with what others saved meanwhile (editors/merge.py),
recorded in history as by that editor. A change that clashes with a later edit of the same
value, or no longer validates, is not applied and shows under "needs attention".
"""

from __future__ import annotations

import datetime as dt

import reversion
from django.contrib import admin
from django.db import transaction
from django.forms.formsets import all_valid
from django.http import HttpRequest, QueryDict
from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import get_text_list
from django.utils.translation import gettext, gettext_noop

from editors import summary
from editors.merge import merge
from editors.models import ScheduledChange
from editors.preview import bound_forms, errors_of
from editors.versions import from_snapshot, snapshot
from core.nighttime import parse_clock

SCHEDULE = "_schedule"  # the change form's "Schedule this change" button
# Its date and time inputs: two, which a phone fills with its own pickers (one datetime-local
# box let a typed year run on into six digits).
SCHEDULE_DATE, SCHEDULE_TIME = "schedule_date", "schedule_time"
# What a browser posts that is not the form's data.
_NOT_DATA = {"csrfmiddlewaretoken", SCHEDULE, SCHEDULE_DATE, SCHEDULE_TIME, "_save", "_continue", "_addanother",
             "_saveasnew"}


def publish_moment(data) -> dt.datetime | None:
    """The moment the form `data` asks a change to be published at, in Luoyang time; None when
    its date (YYYY-MM-DD) or time (23:10, 2310 ...) cannot be read."""
    try:
        day = dt.datetime.strptime(data.get(SCHEDULE_DATE, "").strip(), "%Y-%m-%d").date()
        clock = parse_clock(data.get(SCHEDULE_TIME, ""))
    except ValueError:
        return None
    return dt.datetime.combine(day, clock, tzinfo=timezone.get_default_timezone())


def is_scheduling(request: HttpRequest) -> bool:
    return request.method == "POST" and SCHEDULE in request.POST


def create(request: HttpRequest, obj, form, formsets, publish_at: dt.datetime) -> ScheduledChange | None:
    """Stores the validated `form` and `formsets` of listing `obj` (not saved) to be applied at
    `publish_at`, with `obj` as stored now. None when the form changes nothing. Queries."""
    for formset in formsets:
        formset.save(commit=False)  # what it would add, change and delete; writes nothing
    items = summary.change_items(form, formsets, add=False)
    if not items:
        return None
    stored = type(obj)._default_manager.get(pk=obj.pk)
    data = {key: values for key, values in request.POST.lists() if key not in _NOT_DATA}
    return ScheduledChange.objects.create(
        listing=stored, object_repr=str(stored)[:200], data=data, base=snapshot(stored),
        summary=summary.encode(items), publish_at=publish_at, created_by=request.user)


def as_post(change: ScheduledChange) -> QueryDict:
    """The stored form as a browser posted it."""
    post = QueryDict(mutable=True)
    for key, values in change.data.items():
        post.setlist(key, values)
    return post


def _request(change: ScheduledChange) -> HttpRequest:
    """The scheduling editor's request, posting the stored form (no files)."""
    request = HttpRequest()
    request.method = "POST"
    request.user = change.created_by
    request.POST = as_post(change)
    return request


def _conflicts(merged, formsets, model) -> list[list[str]]:
    """The values both changed, as [model, field name, row] (rendered in the reader's language)."""
    by_prefix = {formset.prefix: formset.model._meta.label_lower for formset in formsets}
    found = []
    for conflict in merged.conflicts:
        prefix, _, name = conflict.key.rpartition("-")
        if not prefix:
            found.append([model._meta.label_lower, name, ""])
        elif conflict.key.count("-") == 1:  # a whole inline row: deleted by one side, changed by the other
            found.append([by_prefix.get(prefix, ""), "", conflict.row])
        else:
            found.append([by_prefix.get(prefix.rpartition("-")[0], ""), name, conflict.row])
    return found


def _refuse(change: ScheduledChange, problem: dict) -> None:
    change.state, change.problem, change.applied_at = ScheduledChange.State.NOT_APPLIED, problem, timezone.now()
    change.save(update_fields=["state", "problem", "applied_at"])


def apply_due(now: dt.datetime) -> tuple[int, int]:
    """Applies every change due at `now`, each in a transaction of its own: (applied, not
    applied). A change another run (another process) took meanwhile counts in neither."""
    applied = refused = 0
    for change in ScheduledChange.objects.due(now).select_related("content_type", "created_by"):
        outcome = apply(change)
        if outcome is True:
            applied += 1
        elif outcome is False:
            refused += 1
    return applied, refused


def apply(change: ScheduledChange) -> bool | None:
    """Saves `change` as its editor's admin save, in one transaction: True when applied; False
    when it was not (its state and problem say why); None when it was no longer waiting (another
    run applied or refused it, or an editor cancelled it). The change's row is locked first
    (SQLite: the whole transaction takes the write lock), so two runs never both take it.
    Queries as a save does."""
    model = change.content_type.model_class()
    model_admin = admin.site._registry.get(model)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        change = ScheduledChange.objects.select_for_update().get(pk=change.pk)
        if change.state != ScheduledChange.State.SCHEDULED:
            return None
        obj = model._default_manager.filter(pk=change.object_id).select_for_update(of=("self",)).first()
        if obj is None or model_admin is None:
            _refuse(change, {"errors": [gettext_noop("The listing was deleted.")]})
            return False
        request = _request(change)
        # Merged with the listing as it is now, against the listing as it was when scheduled.
        form, formsets = bound_forms(model_admin, request, obj)
        merged = merge(form, formsets, request.FILES, from_snapshot(change.base))
        if merged.conflicts:
            _refuse(change, {"conflicts": _conflicts(merged, formsets, model)})
            return False
        merged["edit_token"] = form.fields["edit_token"].initial  # the token of the row as it is now
        request.POST = merged
        form, formsets = bound_forms(model_admin, request, obj)
        if not (form.is_valid() and all_valid(formsets)):
            _refuse(change, {"errors": [str(error) for error in errors_of(form, formsets)]})
            return False
        with reversion.create_revision():
            reversion.set_user(change.created_by)
            new = model_admin.save_form(request, form, change=True)
            model_admin.save_model(request, new, form, True)
            model_admin.save_related(request, form, formsets, True)
            items = model_admin.construct_change_message(request, form, formsets, False)
            model_admin.log_change(request, new, items)
            reversion.set_comment(summary.encode(
                items, note=gettext_noop("Scheduled on %(scheduled)s for %(publish_at)s."),
                scheduled=summary.moment(change.created_at), publish_at=summary.moment(change.publish_at)))
        change.state, change.applied_at, change.problem = ScheduledChange.State.APPLIED, timezone.now(), {}
        change.save(update_fields=["state", "applied_at", "problem"])
    return True


def problem_text(change: ScheduledChange) -> str:
    """Why `change` was not applied, in the active language."""
    conflicts = change.problem.get("conflicts")
    if conflicts:
        names = [summary.field_name(label, name, row) for label, name, row in conflicts]
        return gettext("Someone changed the same values after it was scheduled: %(fields)s. Open the listing, "
                       "make the change again, and schedule it anew.") % {"fields": get_text_list(names, gettext("and"))}
    return " ".join(gettext(text) for text in change.problem.get("errors", []))
