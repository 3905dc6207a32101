"""Each page costs the same few queries whatever the number of rows (tested at two sizes)."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from nightlife.cache import bump
from events.models import NightChangeKind
from tests.factories import (make_closure, make_event, make_night_change, make_offer, make_place, make_route,
                             make_serving, make_stop, make_theme, make_venue)
from tests.photos.helpers import make_photo
from venues.models import Venue

# Exactly what each page costs, at any size, when it is rendered (the page cache's copy aside):
# (cold, warm). Cold: right after an edit, no piece of any page cached: the capped count, the
# rows, their preloads. Warm: its cards, bus rows and lists of options cached (docs/caching.md):
# no preload for a cached card, no query for a cached list of options. A change here is a
# decision, not a drift.
# Event cards read the changes of their night from the night's kept changes
# (events.night_changes): no query warm; cold, right after an edit, the first page that reads
# them makes and keeps them (three queries: that night's changes, the closures in force, the
# events they concern). The home page counts tonight's cancelled and changed events from them
# too (no query), a list filtered by night makes one count of what it leaves out as cancelled.
# Calendars preload changes instead of themes and photos.
# Search also reads the bus routes its query names (one query, not a cached piece).
# Venue cards read their way back (transit.models.way_back): the routes, the stops bearing the
# venue's name and their departures, as the venue's page does (issue 20: one answer).
# Cold also counts the next publish boundary, looked up once per generation so that no browser
# keeps a page past it (nightlife.cache.cap_browser_lifetime; with the page cache on, storing the
# page needed it anyway).
PAGES = {
    "/": (12, 6), "/en/": (12, 6), "/venues/": (10, 2), "/venues/?theme=food&bus_after=23:30": (10, 3),
    "/venues/?open_at=21:00": (10, 3), "/events/": (9, 2), "/events/?theme=food&starts_after=19:00&date=2026-05-08": (11, 4),
    "/transit/": (4, 2), "/search/?q=Venue": (14, 3), "/venues/big/": (15, 11), "/events/big-event/": (11, 10),
    "/transit/r-big/": (4, 3), "/events/big-event.ics": (5, 4), "/events/feed.ics": (5, 4),
    "/events/feed.ics?theme=food": (6, 5), "/sitemap.xml": (4, 3),
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
    event = make_event(slug="big-event", venue=venue, themes=themes)
    make_photo(venue)
    make_photo(event)
    return SimpleNamespace(themes=themes, route=route, stop=stop)


def grow(anchors, size: int):
    """`size` more venues, each with themes, a place, routes (some with last runs), a photo, and an
    event with an offer, a photo and a change tonight (cancelled, or moved to 00:30), every third
    venue closed tonight; the detail pages' venue and event get a photo and a closure or a
    changed night each too."""
    for i in range(size):
        venue = make_venue(themes=anchors.themes, open_all_day=(i % 2 == 0))
        make_place(venue)
        make_serving(venue, anchors.route, last_run=dt.time(1, 0))
        make_serving(venue, make_route(), last_run=dt.time(21, 10), stop=anchors.stop)
        make_serving(venue, make_route())
        event = make_event(themes=anchors.themes, venue=venue)
        make_offer(event, first_day=dt.date(2026, 5, 1), last_day=dt.date(2026, 5, 30))
        make_photo(venue)
        make_photo(event)
        make_photo(Venue.objects.get(slug="big"), position=i + 1)
        make_photo(Event.objects.get(slug="big-event"), position=i + 1)
        make_night_change(event, NIGHT, NightChangeKind.MOVED if i % 2 else NightChangeKind.CANCELLED,
                          **({"starts_at": dt.time(0, 30)} if i % 2 else {}))
        make_night_change(Event.objects.get(slug="big-event"), NIGHT + dt.timedelta(days=i + 1))
        if i % 3 == 0:
            make_closure(venue, NIGHT)
            make_closure(Venue.objects.get(slug="big"), NIGHT + dt.timedelta(days=i + 1))


NIGHT = dt.date(2026, 5, 8)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return [q["sql"] for q in context.captured_queries]


@pytest.mark.parametrize("size", [3, 21])  # 21: more than a page of every list
def test_every_page_costs_exactly_its_queries_at_3_and_at_21_rows_cold_and_warm(client, at, anchors, size, settings):
    at("2026-05-08 19:30")
    grow(anchors, size)
    settings.PAGE_CACHE_SECONDS = 0  # every request renders its page; pieces are kept
    counts = {}
    for url in PAGES:
        bump()  # as an edit does: no piece of any page is cached any more
        counts[url] = (queries_for(client, url), queries_for(client, url))
    wrong = {url: (cold, warm) for url, (cold, warm) in counts.items() if (len(cold), len(warm)) != PAGES[url]}
    assert not wrong, "\n\n".join(
        f"{url}: {len(cold)} queries cold, {len(warm)} warm, expected {PAGES[url]}:\n" + "\n".join(cold)
        + "\nwarm:\n" + "\n".join(warm) for url, (cold, warm) in wrong.items())


def test_a_list_counts_at_most_its_cap_and_says_more_than(client, anchors, settings):
    from core.filtering import CappedPaginator

    CappedPaginator.CAP, cap = 5, CappedPaginator.CAP
    try:
        grow(anchors, 7)
        html = client.get("/en/venues/").content.decode()
        assert "More than 5 results" in html and "8 results" not in html
        html = client.get("/en/venues/?theme=food&q=zz-none").content.decode()
        assert "0 results" in html
    finally:
        CappedPaginator.CAP = cap


def test_pages_of_a_capped_list_do_not_claim_a_total(client, anchors, monkeypatch):
    from core.filtering import CappedPaginator
    from transit.views import TransitBoardView
    from venues.views import VenueListView

    monkeypatch.setattr(CappedPaginator, "CAP", 5)
    monkeypatch.setattr(VenueListView, "paginate_by", 2)
    monkeypatch.setattr(TransitBoardView, "paginate_by", 2)
    grow(anchors, 7)
    html = client.get("/en/venues/").content.decode()
    assert "More than 5 results" in html and "Page 1</span>" in html and "Page 1 of" not in html
    assert 'rel="next"' in html
    board = client.get("/en/transit/").content.decode()
    assert "Page 1</span>" in board and "Page 1 of" not in board
    # Below the cap the total is known and said (another address: the first page is cached).
    monkeypatch.setattr(CappedPaginator, "CAP", 1000)
    assert "Page 1 of 4" in client.get("/en/venues/?page=1").content.decode()
