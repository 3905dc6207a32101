"""What holds at the moment of viewing: time left to each last bus, and the state of dated items.

Pages call these at render time with `now` (default: the real now), so a cached page is right
until `changes_at`. No queries: they work on rows the view has already loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext

from core.nighttime import NIGHT_STARTS, end_minutes, minutes_now, moment_on_night, night_of, sort_key, to_minutes


@dataclass(frozen=True)
class Run:
    """One published last run seen from `now`: `minutes_left` is None once it has gone."""

    serving: object  # transit.models.Serving, with route and last_run_stop loaded
    minutes_left: int | None
    # A departure from a stop not at the place the way back is seen from (7路 from 东花坛):
    # the visitor walks there first; pages name the stop. None where the bus is at the place.
    walk_to: object = None

    @property
    def gone(self) -> bool:
        return self.minutes_left is None

    @property
    def left_text(self) -> str:
        """'last bus in 40 min', 'last bus in 5 h 30 min', 'last bus due now' or 'gone tonight'."""
        return time_left_text(self.minutes_left)


@dataclass(frozen=True)
class WayBack:
    """The way back from one place tonight.

    `runs`: published last runs of the routes serving the place, latest first (01:00 before
    23:00); `unknown`: servings whose last run is not published; `departures`: (stop, runs)
    for stops named after the place; `all_gone`: there were published runs and every one has
    gone; `ends_at` / `after_end`: for an event with a published end, the runs that leave
    after it ends (empty when none does); `changes_at`: when what this says next changes.
    """

    runs: list[Run]
    unknown: list
    departures: list[tuple[object, list[Run]]]
    all_gone: bool
    changes_at: dt.datetime
    ends_at: dt.time | None = None
    after_end: list[Run] = field(default_factory=list)

    @property
    def every_run(self) -> list[Run]:
        """The routes' runs and the departures from the stops bearing the place's name, latest
        first through the night (01:00 before 23:00)."""
        return latest_first(self.runs + [run for _stop, stop_runs in self.departures for run in stop_runs])

    @property
    def latest(self) -> Run | None:
        """The latest published run of the way back, or None where the plan publishes none:
        what a card, the `bus_after` filter (transit.models.reachable_after_q), the calendar's
        reminder and the API's `last_bus` give."""
        every = self.every_run
        return every[0] if every else None


# A countdown helps in the evening; "last bus in 17 h" at breakfast only confuses.
COUNTDOWN_MINUTES = 6 * 60


def time_left_text(minutes_left: int | None) -> str:
    """The time left to a last run, in the active language; never negative. Empty while the
    run is more than six hours away (in the daytime the published time says enough)."""
    if minutes_left is not None and minutes_left > COUNTDOWN_MINUTES:
        return ""
    if minutes_left is None:
        return gettext("gone tonight")
    if minutes_left == 0:
        return gettext("last bus due now")
    if minutes_left < 60:
        return gettext("last bus in %(minutes)s min") % {"minutes": minutes_left}
    hours, minutes = divmod(minutes_left, 60)
    if minutes == 0:
        return gettext("last bus in %(hours)s h") % {"hours": hours}
    return gettext("last bus in %(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}


def minutes_left(last_run: dt.time, now: dt.datetime | None = None) -> int | None:
    """Minutes from `now` to tonight's `last_run`, or None once it has gone.

    Through the night: at 23:30 a 01:00 run is 90 minutes away; a 21:10 run has gone. A run
    at this very minute is 0 (still due), not gone."""
    left = to_minutes(last_run) - minutes_now(now)
    return left if left >= 0 else None


def changes_at(runs: list[Run], now: dt.datetime | None = None) -> dt.datetime:
    """When the page showing `runs` next changes: the next minute while a run is still to come
    (the countdown moves), else the next 06:00, when a new night begins and every run is due again."""
    local = timezone.localtime(now or timezone.now())
    if any(not run.gone for run in runs):
        return local.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    return moment_on_night(night_of(local) + dt.timedelta(days=1), NIGHT_STARTS)


def _walk_to(serving, here):
    """The stop a run leaves from when it is not at `here` (a venue's id), else None."""
    stop = serving.last_run_stop if serving.departs else None
    return stop if stop is not None and stop.venue_id != here else None


_OWN_VENUE = object()


def latest_first(runs: list[Run]) -> list[Run]:
    """The one order of last runs: latest first through the night (01:00 before 23:00)."""
    return sorted(runs, key=lambda run: sort_key(run.serving.last_run), reverse=True)


def _runs(servings, now: dt.datetime, here=_OWN_VENUE) -> list[Run]:
    """The servings with a published last run, latest first through the night, seen from the
    venue `here` (its id, None for no venue; default: each serving's own venue)."""
    return latest_first([Run(s, minutes_left(s.last_run, now), _walk_to(s, s.venue_id if here is _OWN_VENUE else here))
                         for s in servings if s.last_run is not None])


def way_back(servings, *, stops=(), now: dt.datetime | None = None, ends_at: dt.time | None = None) -> WayBack:
    """The way back tonight from a place: the servings of its routes and the departures from
    stops bearing its name (`stop.departures_latest_first`), all already loaded; no queries.

    The catch: "gone" is about tonight only; every run is due again when the next night begins
    at 06:00. `ends_at` is an event's published end: runs strictly after it count as running
    after it ends (a bus at the very minute the show ends is not one you can catch)."""
    now = now or timezone.now()
    runs = _runs(servings, now)
    departures = [(stop, _runs(stop.departures_latest_first, now, here=stop.venue_id)) for stop in stops or ()
                  if getattr(stop, "departures_latest_first", None)]
    every_run = runs + [run for _, stop_runs in departures for run in stop_runs]
    after_end = []
    if ends_at is not None:
        end = end_minutes(ends_at)
        after_end = [run for run in every_run if to_minutes(run.serving.last_run) > end]
    return WayBack(
        runs=runs,
        unknown=[s for s in servings if s.last_run is None],
        departures=departures,
        all_gone=bool(every_run) and all(run.gone for run in every_run),
        changes_at=changes_at(every_run, now),
        ends_at=ends_at,
        after_end=after_end,
    )


@dataclass(frozen=True)
class BoardRow:
    """One line of the last-bus board: a route's last run and the venues it applies to."""

    run: Run
    venues: list
    # The latest day an editor changed one of these runs since the plan (core.provenance), or None.
    updated_on: dt.date | None = None


def board(servings, *, now: dt.datetime | None = None) -> list[BoardRow]:
    """Tonight's last-bus board: one row per route and published last run (same time, same
    wording), with the venues it serves at that time, latest first, then by route number.

    Takes servings with route, venue and last_run_stop loaded; no queries."""
    now = now or timezone.now()

    def key(serving):
        route = serving.route
        return (-sort_key(serving.last_run), route.sort_group, route.sort_number, route.name,
                serving.last_run_kind, serving.last_run_stop_id or 0)

    rows = []
    published = sorted((s for s in servings if s.last_run is not None), key=key)
    for _, group in groupby(published, key=key):
        group = list(group)
        rows.append(BoardRow(run=Run(group[0], minutes_left(group[0].last_run, now)),
                             # In list order: the database returns a time's servings in no set order.
                             venues=sorted((s.venue for s in group), key=lambda v: (v.position, v.slug)),
                             updated_on=max((s.plan_updated_on for s in group if s.plan_updated_on), default=None)))
    return rows
