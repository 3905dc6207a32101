"""The page cache answers at the front door: a repeat costs one cache round trip and no query,
comes with every header the first answer had, and stray query parameters neither make a new
copy nor end up in the copy's links. (Freshness after edits: tests/production/test_page_cache*.py.)"""

import gzip
import re
import uuid

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LIST = "/en/venues/?theme=food"
CALLS = []


class CountingCache(LocMemCache):
    """Django's local-memory cache, noting each call that would be a round trip to Redis."""

    def get(self, *args, **kwargs):
        CALLS.append("get")
        return super().get(*args, **kwargs)

    def get_many(self, keys, version=None):
        CALLS.append("get_many")  # one MGET in Redis; Django's local memory asks key by key
        found = {key: super(CountingCache, self).get(key, version=version) for key in keys}
        return {key: value for key, value in found.items() if value is not None}

    def set(self, *args, **kwargs):
        CALLS.append("set")
        return super().set(*args, **kwargs)


@pytest.fixture
def counted(settings):
    settings.CACHES = {"default": {"BACKEND": "tests.nightlife.test_front_door.CountingCache",
                                   "LOCATION": f"front-door-{uuid.uuid4().hex}"}}
    CALLS.clear()
    return CALLS


def served(client, url, **headers):
    """(response, queries, cache calls) of one request."""
    CALLS.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries), list(CALLS)


def test_a_repeat_costs_one_cache_round_trip_and_no_query(client, plan, at, counted):
    at("2026-05-08 20:00:05")
    first, queries, _ = served(client, LIST)
    assert first.status_code == 200 and queries > 0
    again, queries, calls = served(client, LIST)
    assert (again.status_code, queries, calls) == (200, 0, ["get_many"])
    assert again.content == first.content


def test_a_repeat_has_every_header_of_the_first_answer(client, plan, at):
    at("2026-05-08 20:00:05")
    first = client.get(LIST, HTTP_ACCEPT_ENCODING="gzip")
    again = client.get(LIST, HTTP_ACCEPT_ENCODING="gzip")
    assert dict(again.items()) == dict(first.items())
    for header in ("Content-Security-Policy", "ETag", "Cache-Control", "Vary", "Content-Language",
                   "X-Frame-Options", "X-Content-Type-Options", "Content-Encoding"):
        assert again[header], header
    assert "public" in again["Cache-Control"] and again["Content-Language"] == "en"
    assert client.get(LIST, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_stray_and_empty_parameters_are_the_same_page_and_leave_no_trace_in_it(client, plan, at, counted):
    at("2026-05-08 20:00:05")
    first, queries, _ = served(client, "/en/venues/?theme=food&utm_source=wechat&_r=123&q=")
    assert queries > 0
    for url in ("/en/venues/?theme=food", "/en/venues/?_r=456&theme=food&bus_after=", "/en/venues/?theme=food&x=1"):
        again, queries, _ = served(client, url)
        assert (again.status_code, queries) == (200, 0), url
        assert again.content == first.content
    page = first.content.decode()
    assert "utm_source" not in page and "_r=" not in page and "wechat" not in page


def test_the_parameters_a_page_reads_are_each_a_page_of_their_own(client, plan, at):
    at("2026-05-08 20:00:05")
    food = client.get("/en/venues/?theme=food").content.decode()
    nightlife = client.get("/en/venues/?theme=food&bus_after=23:30").content.decode()
    assert food != nightlife
    assert "Last bus at or after: 23:30" in nightlife and "Last bus at or after" not in food.split("result")[1][:300]
    assert client.get("/en/search/?q=jiuzhouchi").content != client.get("/en/search/?q=longmen").content
    assert client.get("/en/events/feed.ics?kind=special").content != client.get("/en/events/feed.ics").content


def test_a_phone_gets_the_page_gzipped_and_a_plain_client_gets_it_plain_each_from_its_own_copy(client, plan, at,
                                                                                                 counted):
    at("2026-05-08 20:00:05")
    packed = client.get(LIST, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    plain, queries, _ = served(client, LIST)
    assert queries > 0  # not the compressed copy
    assert packed["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed["Vary"]
    assert "Content-Encoding" not in plain
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 3
    again, queries, _ = served(client, LIST, HTTP_ACCEPT_ENCODING="gzip")
    assert (queries, again["Content-Encoding"]) == (0, "gzip")


def test_json_and_calendars_are_gzipped_too_and_nothing_is_behind_a_proxy_that_compresses(client, plan, at,
                                                                                          settings):
    at("2026-05-08 20:00:05")
    for url in ("/en/events/feed.ics", "/manifest.webmanifest"):
        assert client.get(url, HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip", url
    settings.COMPRESS_RESPONSES = False
    client.handler.load_middleware()
    page = client.get("/en/transit/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in page and "</html>" in page.content.decode()


def test_an_over_long_address_is_refused_even_when_its_page_is_cached(client, plan, at):
    at("2026-05-08 20:00:05")
    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}&junk={'x' * 3000}").status_code == 414


def test_plain_http_is_redirected_to_https_even_when_its_page_is_cached(client, plan, at, settings):
    at("2026-05-08 20:00:05")
    assert client.get(LIST, secure=True).status_code == 200
    settings.SECURE_SSL_REDIRECT = True
    client.handler.load_middleware()
    response = client.get(LIST)
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get(LIST, secure=True).status_code == 200


def test_an_editor_with_a_session_is_never_served_from_the_front_door(client, plan, at, counted,
                                                                      django_user_model):
    at("2026-05-08 20:00:05")
    client.get(LIST)
    client.force_login(django_user_model.objects.create_superuser("editor", password="x"))
    response, queries, calls = served(client, LIST)
    assert response.status_code == 200 and queries > 0 and "get_many" not in calls
    assert re.search(r"private", response["Cache-Control"])
