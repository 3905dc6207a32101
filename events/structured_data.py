"""schema.org JSON-LD for an event page: the same facts the page shows, in the page's language.

- Nightly events are an Event (BroadcastEvent for the TV and radio programmes) with an
  `eventSchedule`: every day (P1D) at the published start, Asia/Shanghai; its startDate/endDate
  only where the plan publishes a first or last night; endTime only where an end is published.
- Specials carry their dates (and time where published) as startDate/endDate.
- Offers carry price in CNY where published and their window as availabilityStarts/Ends, and
  availability SoldOut or Discontinued where an editor said so.
- Editors' changes: a whole event cancelled, postponed or rescheduled has that eventStatus (and
  previousStartDate where the earlier first night is known); each changed night from tonight on
  is a subEvent with its own eventStatus (EventCancelled; EventRescheduled with the new
  startDate and the previousStartDate for a new time; the new location for a move). A special
  of one night takes its night's change itself.
Nothing the plan leaves out (end times, coordinates, prices) is filled in.
"""

from __future__ import annotations

from django.conf import settings
from core.nighttime import moment_on_night, tonight
from core.jsonld import SCHEMA, city_address, clock as _clock, names as _names
from events.models import Mark, OfferAvailability

EVENT_STATUS = {Mark.CANCELLED: "EventCancelled", Mark.POSTPONED: "EventPostponed", Mark.RESCHEDULED: "EventRescheduled",
                Mark.CANCELLED_NIGHT: "EventCancelled", Mark.CLOSED: "EventCancelled",
                Mark.NEW_TIME: "EventRescheduled", Mark.MOVED: "EventScheduled", Mark.EXTRA: "EventScheduled"}
AVAILABILITY = {OfferAvailability.SOLD_OUT: "SoldOut", OfferAvailability.WITHDRAWN: "Discontinued"}

def _schedule(event) -> dict:
    schedule = {"@type": "Schedule", "repeatFrequency": "P1D", "scheduleTimezone": settings.TIME_ZONE}
    if event.starts_at is not None:
        schedule["startTime"] = _clock(event.starts_at)
    if event.ends_at is not None:
        schedule["endTime"] = _clock(event.ends_at)
    if event.first_night:
        schedule["startDate"] = event.first_night.isoformat()
    if event.last_night:
        schedule["endDate"] = event.last_night.isoformat()
    return schedule


def _dates(event) -> dict:
    """startDate/endDate of a special: date-times where a time is published, else dates."""
    if event.starts_at is not None and not event.all_day:
        dates = {"startDate": moment_on_night(event.first_night, event.starts_at).isoformat()}
        if event.ends_at is not None:
            dates["endDate"] = moment_on_night(event.last_night, event.ends_at, end=True).isoformat()
        elif event.last_night != event.first_night:
            dates["endDate"] = event.last_night.isoformat()
        return dates
    return {"startDate": event.first_night.isoformat(), "endDate": event.last_night.isoformat()}


def offer_data(offer) -> dict:
    data = {"@type": "Offer", **_names(offer),
            "availabilityStarts": offer.first_day.isoformat(), "availabilityEnds": offer.last_day.isoformat()}
    if offer.description:
        data["description"] = offer.tr("description")
    if offer.price is not None:
        data["price"] = f"{offer.price:.2f}"
        data["priceCurrency"] = "CNY"
    if offer.quantity:
        data["inventoryLevel"] = {"@type": "QuantitativeValue", "value": offer.quantity}
    if offer.availability in AVAILABILITY:
        data["availability"] = f"{SCHEMA}/{AVAILABILITY[offer.availability]}"
    return data


def _start(night, clock) -> str | None:
    """A start as schema.org dates it: the moment where the time is known, else the night."""
    if night is None:
        return None
    return moment_on_night(night, clock).isoformat() if clock is not None else night.isoformat()


def _place(venue, place, venue_url: str | None = None) -> dict:
    data = {"@type": "Place", **_names(venue), "address": city_address()}
    if venue_url:
        data["url"] = venue_url
    if place is not None:
        data = {"@type": "Place", **_names(place), "containedInPlace": data, "address": city_address()}
    return data


def _night_change(status) -> dict:
    """eventStatus, and the new start and place, of one changed night (an events.NightStatus)."""
    event, night = status.event, status.night
    clock = None if event.all_day else status.starts_at
    data = {"eventStatus": f"{SCHEMA}/{EVENT_STATUS[status.mark]}", "startDate": _start(night, clock)}
    if status.moved_time and event.starts_at is not None:
        data["previousStartDate"] = _start(night, event.starts_at)
    if status.moved_place and status.venue is not None:
        data["location"] = _place(status.venue, status.place)
    return data


def change_data(event) -> dict:
    """The editors' changes of `event` seen from tonight, as JSON-LD keys to merge into its
    event_data: eventStatus (+ previousStartDate) of the whole event, or subEvent per changed
    night. No queries where the changes are preloaded (for_listing(night, onwards=True))."""
    night = tonight()
    statuses = event.changes_from(night)
    whole = event.whole_status(night)
    data = {}
    if whole is not None:
        data["eventStatus"] = f"{SCHEMA}/{EVENT_STATUS[whole.mark]}"
        previous = whole.notice
        if whole.mark == Mark.RESCHEDULED and (previous.previous_first_night or not event.is_nightly):
            data["previousStartDate"] = _start(previous.previous_first_night or event.first_night,
                                               previous.previous_starts_at or event.starts_at)
    nights = statuses[1:] if whole is not None else statuses
    if not event.is_nightly and event.first_night == event.last_night and nights:
        data.update(_night_change(nights[0]))
    elif nights:
        data["subEvent"] = [{"@type": "Event", "name": event.short_label, **_night_change(status)} for status in nights]
    return data


def event_data(event, *, url: str, venue_url: str | None = None, offers=()) -> dict:
    """The JSON-LD dict for `event`'s page at `url`. `venue_url` links the venue's page when
    visitors may see it; `offers` are the published offers the page lists. No queries."""
    is_broadcast = event.is_broadcast
    data = {"@context": SCHEMA, "@type": "BroadcastEvent" if is_broadcast else "Event", **_names(event), "url": url}
    if event.short_label != data["name"]:
        # One title everywhere, the card's and the page heading's; the whole names stay alternates.
        data["alternateName"] = [name for name in (event.name, event.name_en) if name and name != event.short_label]
        data["name"] = event.short_label
    if event.description:
        data["description"] = event.tr("description")
    if event.is_nightly:
        data["eventSchedule"] = _schedule(event)
    else:
        data.update(_dates(event))
    if event.venue is not None:
        data["location"] = _place(event.venue, event.place, venue_url)
        data["eventAttendanceMode"] = f"{SCHEMA}/OfflineEventAttendanceMode"
    elif is_broadcast and event.channel:
        data["publishedOn"] = {"@type": "BroadcastService", "name": event.tr("channel")}
    elif event.channel:
        data["location"] = {"@type": "VirtualLocation", "name": event.tr("channel")}
        data["eventAttendanceMode"] = f"{SCHEMA}/OnlineEventAttendanceMode"
    if offers:
        data["offers"] = [offer_data(offer) for offer in offers]
    data.update(change_data(event))
    return data
