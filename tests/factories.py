"""Small builders: each makes one row with sensible defaults; override what the test is about."""

import datetime as dt
import itertools

from events.models import Event, EventChange, EventKind, NightChange, NightChangeKind, Offer, TourLine
from core.publishing import Status
from transit.models import LastRunKind, Route, Serving, Stop
from venues.models import Place, Theme, Venue, VenueClosure, VenueKind

_seq = itertools.count(1)


def make_theme(**overrides) -> Theme:
    n = next(_seq)
    values = {"slug": f"theme-{n}", "name": f"主题{n}", "name_en": f"Theme {n}", "position": n}
    return Theme.objects.create(**{**values, **overrides})


def make_venue(*, themes=(), **overrides) -> Venue:
    n = next(_seq)
    values = {"slug": f"venue-{n}", "name": f"场所{n}", "name_en": f"Venue {n}", "kind": VenueKind.STREET,
              "is_quarter": True, "position": n, "status": Status.PUBLISHED}
    venue = Venue.objects.create(**{**values, **overrides})
    venue.themes.set(themes)
    return venue


def make_place(venue, **overrides) -> Place:
    n = next(_seq)
    return Place.objects.create(**{"venue": venue, "name": f"地点{n}", "name_en": f"Place {n}", **overrides})


def make_event(*, themes=(), **overrides) -> Event:
    n = next(_seq)
    values = {"slug": f"event-{n}", "name": f"活动{n}", "name_en": f"Event {n}", "kind": EventKind.PERFORMANCE,
              "starts_at": dt.time(20, 0), "position": n, "status": Status.PUBLISHED}
    event = Event.objects.create(**{**values, **overrides})
    event.themes.set(themes)
    return event


def make_special(night: dt.date, **overrides) -> Event:
    return make_event(**{"kind": EventKind.SPECIAL, "starts_at": None, "first_night": night,
                         "last_night": night, **overrides})


def make_tour_line(event, **overrides) -> TourLine:
    n = next(_seq)
    return TourLine.objects.create(**{"event": event, "name": f"线路{n}", **overrides})


def make_offer(event, **overrides) -> Offer:
    n = next(_seq)
    values = {"event": event, "name": f"优惠{n}", "name_en": f"Offer {n}", "status": Status.PUBLISHED,
              "first_day": dt.date(2020, 5, 8), "last_day": dt.date(2020, 5, 15)}
    return Offer.objects.create(**{**values, **overrides})


def make_route(name=None, **overrides) -> Route:
    n = next(_seq)
    name = name or f"{n}路"
    return Route.objects.create(**{"slug": overrides.pop("slug", f"r{n}"), "name": name,
                                   "name_en": f"Route {name}", **overrides})


def make_stop(**overrides) -> Stop:
    n = next(_seq)
    return Stop.objects.create(**{"slug": f"stop-{n}", "name": f"站{n}", "name_en": f"Stop {n}", **overrides})


def make_serving(venue, route=None, *, last_run=None, stop=None, **overrides) -> Serving:
    """A route serving `venue`; `last_run` (a time) makes it a 'passes here' run, or a departure
    from `stop` when one is given."""
    kind = ""
    if last_run is not None:
        kind = LastRunKind.DEPARTS if stop else LastRunKind.PASSES
    return Serving.objects.create(**{"venue": venue, "route": route or make_route(), "last_run": last_run,
                                     "last_run_kind": kind, "last_run_stop": stop, **overrides})


def make_night_change(event, night: dt.date, kind=NightChangeKind.CANCELLED, **overrides) -> NightChange:
    """A change of one night of `event` (cancelled unless `kind` says otherwise), checked as the
    admin checks it."""
    change = NightChange(**{"event": event, "night": night, "kind": kind, "reason": "因降雨取消",
                            "reason_en": "Rain", **overrides})
    change.full_clean()
    change.save()
    return change


def make_event_change(event, kind, **overrides) -> EventChange:
    change = EventChange(**{"event": event, "kind": kind, "reason": "场地维修", "reason_en": "Repairs", **overrides})
    change.full_clean()
    change.save()
    return change


def make_closure(venue, first_night: dt.date, last_night: dt.date | None = None, **overrides) -> VenueClosure:
    closure = VenueClosure(**{"venue": venue, "first_night": first_night, "last_night": last_night or first_night,
                              "reason": "设备检修", "reason_en": "Maintenance", **overrides})
    closure.full_clean()
    closure.save()
    return closure

