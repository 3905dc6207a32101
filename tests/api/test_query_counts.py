"""Each endpoint costs the same queries whatever the number of rows (tested at two sizes)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from tests.factories import (make_event, make_offer, make_place, make_route, make_serving, make_special, make_stop,
                             make_theme, make_tour_line, make_venue)
from tests.photos.helpers import make_photo
from venues.models import Venue

# Exactly what each endpoint costs, at any size: the capped count, the rows, their preloads,
# and the publish boundary the page cache needs. A change here is a decision, not a drift.
# Requested in this order with no edit between: the first endpoint pays the publish boundary,
# /api/v1/events/ (the first to read tonight's changes) makes and keeps them (three queries,
# events.night_changes); the endpoints after it read them from memory, no query.
ENDPOINTS = {
    "/api/v1/venues/": 8, "/api/v1/venues/?theme=food&bus_after=23:30": 7, "/api/v1/venues/?page_size=100": 7,
    "/api/v1/venues/big/": 9, "/api/v1/venues/big/way-back?at=23:00": 4,
    "/api/v1/events/": 7, "/api/v1/events/?theme=food&starts_after=19:00&date=2026-05-08": 5,
    "/api/v1/events/big-event/": 5, "/api/v1/events/big-event/way-back": 4,
    "/api/v1/routes/": 2, "/api/v1/routes/r-big/": 1, "/api/v1/tonight/": 9, "/api/v1/last-buses/": 2,
}


@pytest.fixture
def anchors(db, settings, tmp_path):
    """The rows the detail URLs above name, plus shared themes, route and stop."""
    settings.MEDIA_ROOT = tmp_path / "media"
    themes = [make_theme(slug="food"), make_theme()]
    route, stop = make_route(slug="r-big"), make_stop()
    venue = make_venue(slug="big", themes=themes)
    stop.venue = venue
    stop.save()
    make_event(slug="big-event", venue=venue, themes=themes, ends_at=dt.time(22, 0))
    return SimpleNamespace(themes=themes, route=route, stop=stop)


def grow(anchors, size: int):
    """`size` more of everything: venues with themes, places, routes (some with last runs, some
    leaving from the big venue's stop), photos; events with offers, tour lines and photos, at
    the big venue too; specials tonight."""
    big, big_event = Venue.objects.get(slug="big"), Event.objects.get(slug="big-event")
    for i in range(size):
        venue = make_venue(themes=anchors.themes, open_all_day=(i % 2 == 0))
        make_place(venue)
        make_place(big)
        make_serving(venue, anchors.route, last_run=dt.time(1, 0))
        make_serving(venue, make_route(), last_run=dt.time(21, 10), stop=anchors.stop)
        make_serving(big, make_route(), last_run=dt.time(23, 0) if i % 2 else None)
        event = make_event(themes=anchors.themes, venue=venue)
        make_event(venue=big)
        make_special(dt.date(2026, 5, 8), venue=venue)
        make_offer(event, first_day=dt.date(2026, 5, 1), last_day=dt.date(2026, 5, 30))
        make_offer(big_event, first_day=dt.date(2026, 5, 1), last_day=dt.date(2026, 5, 30))
        make_tour_line(big_event)
        make_photo(venue)
        make_photo(event)
        make_photo(big, position=i + 1)
        make_photo(big_event, position=i + 1)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in context.captured_queries]


@pytest.mark.parametrize("size", [3, 21])  # 21: more than a page of every list
def test_every_endpoint_costs_exactly_its_queries_at_3_and_at_21_rows(client, at, anchors, size):
    at("2026-05-08 19:30")
    grow(anchors, size)
    counts = {url: queries_for(client, url) for url in ENDPOINTS}
    wrong = {url: queries for url, queries in counts.items() if len(queries) != ENDPOINTS[url]}
    assert not wrong, "\n\n".join(f"{url}: {len(queries)} queries, expected {ENDPOINTS[url]}:\n" + "\n".join(queries)
                                  for url, queries in wrong.items())
