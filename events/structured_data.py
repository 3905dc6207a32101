"""schema.org JSON-LD for an event page: the same facts the page shows, in the page's language.

- Nightly events are an Event (BroadcastEvent for the TV and radio programmes) with an
  `eventSchedule`: every day (P1D) at the published start, Asia/Shanghai; its startDate/endDate
  only where the plan publishes a first or last night; endTime only where an end is published.
- Specials carry their dates (and time where published) as startDate/endDate.
- Offers carry price in CNY where published and their window as availabilityStarts/Ends.
Nothing the plan leaves out (end times, coordinates, prices) is filled in.
"""

from __future__ import annotations

from django.conf import settings
from core.nighttime import moment_on_night
from core.jsonld import SCHEMA, city_address, clock as _clock, names as _names

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
    return data


def event_data(event, *, url: str, venue_url: str | None = None, offers=()) -> dict:
    """The JSON-LD dict for `event`'s page at `url`. `venue_url` links the venue's page when
    visitors may see it; `offers` are the published offers the page lists. No queries."""
    is_broadcast = event.is_broadcast
    data = {"@context": SCHEMA, "@type": "BroadcastEvent" if is_broadcast else "Event", **_names(event), "url": url}
    if event.description:
        data["description"] = event.tr("description")
    if event.is_nightly:
        data["eventSchedule"] = _schedule(event)
    else:
        data.update(_dates(event))
    if event.venue is not None:
        place = {"@type": "Place", **_names(event.venue), "address": city_address()}
        if venue_url:
            place["url"] = venue_url
        if event.place is not None:
            place = {"@type": "Place", **_names(event.place), "containedInPlace": place, "address": city_address()}
        data["location"] = place
        data["eventAttendanceMode"] = f"{SCHEMA}/OfflineEventAttendanceMode"
    elif is_broadcast and event.channel:
        data["publishedOn"] = {"@type": "BroadcastService", "name": event.tr("channel")}
    elif event.channel:
        data["location"] = {"@type": "VirtualLocation", "name": event.tr("channel")}
        data["eventAttendanceMode"] = f"{SCHEMA}/OnlineEventAttendanceMode"
    if offers:
        data["offers"] = [offer_data(offer) for offer in offers]
    return data
