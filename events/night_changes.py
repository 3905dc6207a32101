"""Tonight's changes, kept: what the editors' changes (NightChange, EventChange, VenueClosure) make
of one night, worked out once per night, cache generation and release, and kept in the shared
cache (docs/caching.md), so that a page filters on primary keys and attaches the change rows its
cards read, instead of rebuilding change expressions on every render.

Which events do not happen that night is Event.status_on's answer (the one home of that rule),
asked of every event a change or closure concerns when the snapshot is made
(events.models.night_changes); pages, lists and the API read the snapshot. A save of any change makes a new generation (nightlife.cache), so
the answer right after an edit is the new one on every process; 06:00 asks for another night.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache

from core import freshness

log = logging.getLogger(__name__)

# A snapshot is only ever read under its own generation; it lives a night at most.
KEEP_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class NightChanges:
    """The editors' changes as they stand for one night. Events are primary keys."""

    night: dt.date
    off: frozenset = frozenset()  # do not happen that night: cancelled, postponed, venue closed
    changed: frozenset = frozenset()  # their plan for that night changed (a change or a closure concerns them)
    extra: frozenset = frozenset()  # an extra night that night
    starts: dict = field(default_factory=dict)  # {event: start that night} where a change gives one
    night_changes: dict = field(default_factory=dict)  # {event: [NightChange of that night]}
    closures: dict = field(default_factory=dict)  # {venue: [VenueClosure in force that night]}
    events: dict = field(default_factory=dict)  # {event: Event} every event a change concerns
    scheduled: frozenset = frozenset()  # those of `events` scheduled that night (planned, or an extra night)

    def shown(self, now: dt.datetime) -> list:
        """The events a change concerns that are scheduled that night and published at `now`
        (Publishable.is_published_at): no query."""
        return [event for pk, event in self.events.items() if pk in self.scheduled and event.is_published_at(now)]

    def attach(self, events) -> None:
        """Give each event what Event.status_on(night) reads for this night (its
        `night_change_list`, its venue's `closure_list`): no query. Events must have their
        venue loaded (select_related), as for_listing does."""
        for event in events:
            event.night_change_list = self.night_changes.get(event.pk, [])
            if event.venue_id is not None and type(event).venue.is_cached(event):
                event.venue.closure_list = self.closures.get(event.venue_id, [])


# This process's snapshots, by (night, generation, release): read from the shared cache, or made,
# at most once per generation; only the last few are kept.
_kept: dict[tuple, NightChanges] = {}
_KEPT_AT_MOST = 8


def kept(night: dt.date, make: Callable[[dt.date], NightChanges]) -> NightChanges:
    """The changes as they stand for `night`, under the current generation: from this process's
    memory, else the shared cache (one round trip), else `make(night)` (events.models:
    night_changes, three queries) kept there for every process. Without a known generation (no
    cache and no database answer), made afresh."""
    generation = freshness.generation()
    if generation is None:
        return make(night)
    key = (night, generation, freshness.release())
    if (found := _kept.get(key)) is not None:
        return found
    address = f"nightlife:night-changes:{night.isoformat()}:{generation}:{key[2]}"
    try:
        found = cache.get(address)
    except Exception as error:
        log.warning("night changes: cache unreachable, making them: %s", error)
    if found is None:
        found = make(night)
        try:
            cache.set(address, found, KEEP_SECONDS)
        except Exception as error:
            log.warning("night changes: could not keep them in the cache: %s", error)
    if len(_kept) >= _KEPT_AT_MOST:
        _kept.clear()
    _kept[key] = found
    return found
