"""Calendar downloads: /events/<slug>.ics (every night), /events/<slug>/tonight.ics (tonight only,
with the last-bus reminder) and /events/feed.ics?<the /events/ filters>."""

from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotFound
from django.shortcuts import get_object_or_404
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.nighttime import tonight
from events.calendar import events_calendar, taking_place, tonight_calendar
from events.filters import EventFilter
from events.models import Event, Offer
from transit.models import way_back

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _events():
    """Published events with venue, place, the editors' changes and published offers preloaded:
    a constant few queries."""
    return Event.objects.published().for_calendar().prefetch_related(
        Prefetch("offers", queryset=Offer.objects.published()))


def _host(request) -> str:
    return request.get_host().split(":")[0]


def _ics_response(calendar, *, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _calendar_response(request, events, *, name: str, filename: str) -> HttpResponse:
    calendar = events_calendar(events, name=name, absolute_url=request.build_absolute_uri, host=_host(request))
    return _ics_response(calendar, filename=filename)


def event_ics(request, slug):
    """One published event as .ics (a draft is a 404), with its published offers."""
    event = get_object_or_404(_events(), slug=slug)
    return _calendar_response(request, [event], name=f"{event.label} · {_('Ancient Capital at 8 pm')}",
                              filename=f"{event.slug}.ics")


def event_tonight_ics(request, slug):
    """Tonight's occurrence of one published event as .ics, at tonight's time and place, with a
    reminder before the last bus from there where the plan publishes one. A draft is a 404; so,
    in plain text with the reason, is an event that does not take place tonight."""
    event = get_object_or_404(Event.objects.published().for_calendar().prefetch_related(
        *way_back("venue__"), *way_back("night_change_list__venue__")), slug=slug)
    night = tonight()
    status = taking_place(event, night)
    if status is None:
        lines = [_("%(event)s does not run tonight (%(night)s).") % {
            "event": event.label, "night": date_format(night, "DATE_FORMAT")}, event.status_on(night).headline]
        return HttpResponseNotFound("\n".join(line for line in lines if line) + "\n",
                                    content_type="text/plain; charset=utf-8")
    calendar = tonight_calendar(status, name=f"{event.label} · {_('Tonight')} · {_('Ancient Capital at 8 pm')}",
                                url=request.build_absolute_uri(event.get_absolute_url()), host=_host(request))
    return _ics_response(calendar, filename=f"{event.slug}-{night.isoformat()}.ics")


def event_feed(request):
    """The events /events/ would list for the same query, as one calendar (all pages).

    Unreadable filters get a plain-text 400 naming each field and its reason; unknown parameters
    are ignored, as on /events/."""
    filterset = EventFilter(request.GET or None, queryset=_events())
    if filterset.is_bound and not filterset.is_valid():
        form = filterset.form
        reasons = [f"{form.fields[field].label if field in form.fields else field}: {message}"
                   for field, messages in form.errors.items() for message in messages]
        return HttpResponseBadRequest("\n".join(reasons) + "\n", content_type="text/plain; charset=utf-8")
    return _calendar_response(request, filterset.qs, name=f"{_('Events')} · {_('Ancient Capital at 8 pm')}",
                              filename="events.ics")
