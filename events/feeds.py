"""Calendar downloads: /events/<slug>.ics and /events/feed.ics?<the /events/ filters>."""

from django.db.models import Prefetch
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from events.calendar import events_calendar
from events.filters import EventFilter
from events.models import Event, Offer

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _events():
    """Published events with venue, place, the editors' changes and published offers preloaded:
    a constant few queries."""
    return Event.objects.published().for_calendar().prefetch_related(
        Prefetch("offers", queryset=Offer.objects.published()))


def _calendar_response(request, events, *, name: str, filename: str) -> HttpResponse:
    calendar = events_calendar(events, name=name, absolute_url=request.build_absolute_uri,
                               host=request.get_host().split(":")[0])
    response = HttpResponse(calendar.to_ical(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, slug):
    """One published event as .ics (a draft is a 404), with its published offers."""
    event = get_object_or_404(_events(), slug=slug)
    return _calendar_response(request, [event], name=f"{event.label} · {_('Ancient Capital at 8 pm')}",
                              filename=f"{event.slug}.ics")


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
