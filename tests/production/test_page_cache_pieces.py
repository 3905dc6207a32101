"""Pages from pieces: cards, bus rows and lists of options are kept per language and cache
generation (and minute, where they say what time it is), so that a page the page cache does not
hold is assembled rather than rendered whole. Every test here turns the page cache off, so what
a page shows comes from its pieces. (docs/caching.md)"""

import datetime as dt
import re
import uuid

import pytest
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection

from events.models import Event
from nightlife.cache import bump
from tests.factories import make_night_change, make_serving
from transit.models import Route
from venues.models import Venue

pytestmark = pytest.mark.django_db

@pytest.fixture(autouse=True)
def rendered_each_time(settings):
    settings.PAGE_CACHE_SECONDS = 0


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def cards(response) -> str:
    return "".join(re.findall(r'<article class="card .*?</article>', text(response), re.S))


def rename_behind_djangos_back(slug, name_en):
    """Plain SQL sends no signal: only a piece rendered again can show it."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Venue._meta.db_table} SET name_en = %s WHERE slug = %s", [name_en, slug])


def test_cards_are_kept_until_an_edit_and_an_edit_renders_them_again(client, plan, at):
    at("2026-05-08 20:00:05")
    assert "Xigong Lane" in text(client.get("/en/venues/?theme=food"))
    rename_behind_djangos_back("xigong-xiaojie", "Renamed Lane")
    page = text(client.get("/en/venues/?theme=food"))
    assert "Xigong Lane" in page and "Renamed Lane" not in page  # the kept card
    venue = Venue.objects.get(slug="xigong-xiaojie")
    venue.name_en = "Edited Lane"
    venue.save()
    page = text(client.get("/en/venues/?theme=food"))
    assert "Edited Lane" in page and "Xigong Lane" not in page


@pytest.mark.parametrize("first, then", [("/venues/", "/en/venues/"), ("/en/venues/", "/venues/")])
def test_a_visitor_never_gets_a_piece_in_the_other_language(client, plan, at, first, then):
    at("2026-05-08 20:00:05")
    text(client.get(first))
    page = text(client.get(then))
    shown = "".join(re.findall(r'<article class="card venue-card.*?</article>', page, re.S))
    options = re.search(r'<select[^>]* name="route".*?</select>', page, re.S).group(0)
    if then.startswith("/en/"):
        assert "latest published bus:" in shown and "最晚一班" not in shown and "夜间消费集聚地" not in shown
        assert "Any route" in options and "Route 9" in options and "9路" not in options
    else:
        assert "最晚一班" in shown and "latest published bus:" not in shown and "Night quarter" not in shown
        assert "9路" in options and "Route 9" not in options


def test_a_bus_row_says_the_time_left_of_this_minute_not_of_the_one_it_was_kept_in(client, plan, at):
    route = Route.objects.create(slug=f"n{uuid.uuid4().hex[:6]}", name="夜1路", name_en="Night 1")
    make_serving(Venue.objects.get(slug="xigong-xiaojie"), route, last_run=dt.time(23, 0))
    at("2026-05-08 22:58:30")
    assert "last bus in 2 min" in text(client.get("/en/transit/"))
    at("2026-05-08 22:59:40")
    page = text(client.get("/en/transit/"))
    assert "last bus in 1 min" in page and "last bus in 2 min" not in page
    at("2026-05-08 23:01:00")
    assert "gone tonight" in text(client.get("/en/transit/"))


def test_an_event_card_kept_on_one_night_is_not_shown_on_the_next(client, plan, at):
    make_night_change(Event.objects.get(slug="jiuzhouchi-chishang-fanhua"), dt.date(2026, 5, 9))
    at("2026-05-09 05:59:30")  # still the night of May 8
    assert "Cancelled tonight" not in cards(client.get("/en/events/?q=jiuzhouchi"))
    at("2026-05-09 06:00:01")
    assert "Cancelled tonight" in cards(client.get("/en/events/?q=jiuzhouchi"))


def test_an_editor_neither_reads_nor_keeps_pieces(client, plan, at, django_user_model):
    at("2026-05-08 20:00:05")
    text(client.get("/en/venues/?theme=food"))  # a visitor's cards are kept
    rename_behind_djangos_back("xigong-xiaojie", "Renamed Lane")
    client.force_login(django_user_model.objects.create_superuser("editor", password="x"))
    assert "Renamed Lane" in text(client.get("/en/venues/?theme=food"))  # rendered for the editor
    rename_behind_djangos_back("xigong-xiaojie", "Renamed Again")
    assert "Renamed Again" in text(client.get("/en/venues/?theme=food"))
    client.logout()
    page = text(client.get("/en/venues/?theme=food"))
    assert "Xigong Lane" in page and "Renamed" not in page  # the visitors' card, untouched
    bump()
    assert "Renamed Again" in text(client.get("/en/venues/?theme=food"))


def test_without_the_shared_cache_every_page_still_renders(client, plan, at, settings, caplog):
    at("2026-05-08 20:00:05")
    # Nothing listens on port 1: every cache call fails at once, as with Redis down.
    unreachable = {"BACKEND": "nightlife.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
    settings.CACHES = {"default": unreachable,
                       "template_fragments": {"BACKEND": "nightlife.cache.PieceCache", "LOCATION": "default"}}
    settings.PAGE_CACHE_SECONDS = 60
    for url in ("/", "/en/venues/?theme=food", "/events/", "/transit/", "/search/?q=xigong"):
        assert "</html>" in text(client.get(url)), url
    assert "page cache unreachable" in caplog.text


ROUND_TRIPS = []


class CountingCache(LocMemCache):
    """Django's local-memory cache, noting each call that would be a round trip to Redis."""

    def get_many(self, keys, version=None):
        ROUND_TRIPS.append("get_many")  # one MGET in Redis; local memory asks key by key
        found = {key: LocMemCache.get(self, key, version=version) for key in keys}
        return {key: value for key, value in found.items() if value is not None}

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        ROUND_TRIPS.append("set_many")
        for key, value in data.items():
            LocMemCache.set(self, key, value, timeout, version=version)
        return []

    def get(self, *args, **kwargs):
        ROUND_TRIPS.append("get")
        return super().get(*args, **kwargs)

    def set(self, *args, **kwargs):
        ROUND_TRIPS.append("set")
        return super().set(*args, **kwargs)


@pytest.mark.parametrize("url, keeps, night", [("/en/venues/?theme=food", 1, 0), ("/en/events/", 2, 1)])
def test_a_list_reads_its_pieces_in_one_round_trip_and_keeps_them_in_one_more(client, plan, at, settings, url, keeps,
                                                                              night):
    """Cold: the generation; the cards; the form's lists of options; then every rendered piece
    kept, one round trip per timeout (event cards, which say what time it is, live a minute).
    Event cards read tonight's kept changes (events.night_changes): after an edit the first page
    looks for them (one get) and, missing, makes and keeps them (one set), once per generation
    and process; warm, they are in the process's memory."""
    at("2026-05-08 20:00:05")
    settings.CACHES = {"default": {"BACKEND": "tests.production.test_page_cache_pieces.CountingCache",
                                   "LOCATION": f"pieces-{uuid.uuid4().hex}"},
                       "template_fragments": {"BACKEND": "nightlife.cache.PieceCache", "LOCATION": "default"}}
    bump()  # as after an edit: a generation, and no piece of it
    ROUND_TRIPS.clear()
    cold = cards(client.get(url))
    assert sorted(ROUND_TRIPS) == sorted(["get_many"] * 3 + ["set_many"] * keeps + ["get", "set"] * night)
    ROUND_TRIPS.clear()
    assert cards(client.get(url)) == cold
    assert ROUND_TRIPS == ["get_many"] * 3
