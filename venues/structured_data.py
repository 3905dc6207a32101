"""schema.org JSON-LD for a venue page: a Place with what the page shows, in its language.

Opening hours only where published (24 hours as 00:00-23:59 every day, with the plan's note on
what "24 hours" means); the places inside as `containsPlace`; `geo` (WGS-84, as schema.org means it) only where an
editor has pinned the venue or place: the plan publishes no coordinates.
"""

from __future__ import annotations

from core.jsonld import SCHEMA, city_address, clock as _clock, names as _names

DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _hours(venue) -> dict | None:
    if venue.open_all_day:
        hours = {"opens": "00:00", "closes": "23:59"}
    elif venue.has_published_hours:
        hours = {"opens": _clock(venue.opens_at), "closes": _clock(venue.closes_at)}
    else:
        return None
    spec = {"@type": "OpeningHoursSpecification", "dayOfWeek": [f"{SCHEMA}/{day}" for day in DAYS], **hours}
    if venue.hours_note:
        spec["description"] = venue.tr("hours_note")
    return spec


def _geo(pinned) -> dict:
    """{"geo": GeoCoordinates} for a pinned venue or place, else {}."""
    if pinned.pin is None:
        return {}
    latitude, longitude = pinned.pin.wgs84
    return {"geo": {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude}}


def venue_data(venue, *, url: str) -> dict:
    """The JSON-LD dict for `venue`'s page at `url`. No queries: places are prefetched."""
    data = {"@context": SCHEMA, "@type": "Place", **_names(venue), "url": url, "address": city_address(),
            **_geo(venue)}
    if venue.description:
        data["description"] = venue.tr("description")
    if venue.slogan:
        data["slogan"] = venue.tr("slogan")
    if hours := _hours(venue):
        data["openingHoursSpecification"] = [hours]
    places = [{"@type": "Place", **_names(place), **_geo(place)} for place in venue.places.all()]
    if places:
        data["containsPlace"] = places
    return data
