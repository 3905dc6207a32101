"""HTTP as a partner's client sees it: ETags and 304, caching, CORS, the rate limit, gzip."""

import gzip
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.cache import get_max_age

from tests.api.conftest import EDITORS_ONLY, keys
from venues.models import Venue

EVERY_ENDPOINT = ["/api/v1/venues/", "/api/v1/venues/xigong-xiaojie/", "/api/v1/venues/luoyi-gucheng/way-back?at=22:00",
                  "/api/v1/events/", "/api/v1/events/jiuzhouchi-chishang-fanhua/",
                  "/api/v1/events/yeyou-longmen/way-back", "/api/v1/routes/", "/api/v1/routes/9/",
                  "/api/v1/tonight/", "/api/v1/last-buses/"]


@pytest.fixture
def rate(settings):
    """Set the API's rate (what API_RATE sets)."""

    def set_rate(value):
        settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": value}}

    return set_rate


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_no_editors_field_leaves_the_server(api, plan, at, url):
    at("2020-05-10 19:30")  # the plan's offer is running: it is in the answers too
    assert keys(api(url)).isdisjoint(EDITORS_ONLY)


@pytest.mark.parametrize("url", EVERY_ENDPOINT)
def test_a_second_request_with_the_etag_gets_304_and_answers_may_be_kept_a_minute(client, plan, at, url):
    at("2026-05-08 19:30")
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert get_max_age(first) == 60 and "public" in first["Cache-Control"]
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert (second.status_code, second.content) == (304, b"")


def test_a_repeated_request_is_served_from_the_page_cache_and_an_edit_shows_on_the_next(client, plan, at):
    at("2026-05-08 19:30")
    url = "/api/v1/venues/xigong-xiaojie/"
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).json() == first.json()
    assert len(queries) == 0  # from the cache
    venue = Venue.objects.get(slug="xigong-xiaojie")
    venue.name_en = "Xigong Lane, renamed"
    venue.save()  # as an editor does
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed.json()["name"]["en"] == "Xigong Lane, renamed"
    assert client.get("/api/v1/venues/").json()["results"][0]["name"]["en"] == "Xigong Lane, renamed"


def test_any_site_may_read_the_api_from_a_browser_but_not_the_pages(client, plan):
    response = client.get("/api/v1/venues/", HTTP_ORIGIN="https://partner.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options("/api/v1/venues/", HTTP_ORIGIN="https://partner.example",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert preflight.status_code == 200
    assert set(preflight["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "Access-Control-Allow-Origin" not in client.get("/venues/", HTTP_ORIGIN="https://partner.example")


@pytest.mark.parametrize("url", ["/api/v1/nothing/", "/api/v1/venues/new%20venue/", "/api/v1/venues/%C2%84/way-back",
                                 "/api/v2/venues/"])
def test_an_api_address_that_names_nothing_is_a_json_404(api, plan, url):
    assert set(api(url, status=404)) == {"detail"}


def test_an_address_too_long_for_the_site_is_a_414_as_the_schema_says(client, plan):
    response = client.get("/api/v1/venues/?q=" + "x" * 2100)
    assert response.status_code == 414 and response["Content-Type"].startswith("text/plain")
    operation = client.get("/api/v1/schema/").json()["paths"]["/api/v1/venues/"]["get"]
    assert set(operation["responses"]["414"]["content"]) == {"text/plain"}


def test_a_list_address_without_its_slash_still_leads_to_the_list(client, plan):
    response = client.get("/api/v1/venues?theme=food")
    assert (response.status_code, response["Location"]) == (301, "/api/v1/venues/?theme=food")


def test_the_api_is_read_only(client, plan):
    assert client.post("/api/v1/venues/", {"name": "x"}).status_code == 405
    assert client.delete("/api/v1/venues/xigong-xiaojie/").status_code == 405


def test_past_the_rate_an_address_gets_429_with_retry_after_even_for_cached_answers(client, plan, rate):
    rate("3/minute")
    for _ in range(3):
        assert client.get("/api/v1/routes/").status_code == 200
    refused = client.get("/api/v1/routes/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json() == {"detail": refused.json()["detail"]} and refused.json()["detail"]
    assert client.get("/api/v1/tonight/").status_code == 429  # per address, not per address and URL
    # Another address is counted on its own; the pages are not limited.
    assert client.get("/api/v1/routes/", REMOTE_ADDR="10.0.0.2").status_code == 200
    assert client.get("/transit/").status_code == 200


def test_with_the_limit_off_nothing_is_counted(client, plan, rate):
    rate(None)
    for _ in range(5):
        assert client.get("/api/v1/routes/").status_code == 200
    assert cache.get("throttle_anon_127.0.0.1") is None
    rate("5/minute")
    client.get("/api/v1/routes/")
    assert len(cache.get("throttle_anon_127.0.0.1")) == 1


@pytest.mark.parametrize("value, rates", [("5000/day", "5000/day"), ("off", None), ("lots", "refused")])
def test_api_rate_is_read_from_the_environment_and_a_bad_value_stops_the_start(value, rates):
    code = "import nightlife.settings as s; print(s.REST_FRAMEWORK['DEFAULT_THROTTLE_RATES']['anon'])"
    run = subprocess.run([sys.executable, "-c", code], env={**os.environ, "API_RATE": value, "DEBUG": "true"},
                         cwd=settings.BASE_DIR, capture_output=True, text=True)
    if rates == "refused":
        assert run.returncode != 0 and "API_RATE='lots': use a number of requests per" in run.stderr
    else:
        assert run.stdout.strip() == str(rates)


def test_a_client_cannot_dodge_the_limit_by_claiming_another_address(client, plan, rate):
    rate("2/minute")
    for n in range(2):
        client.get("/api/v1/routes/", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    assert client.get("/api/v1/routes/", HTTP_X_FORWARDED_FOR="10.9.9.7").status_code == 429


def test_an_unreachable_cache_lifts_the_limit_not_the_api(client, plan, rate, settings, caplog):
    rate("1/minute")
    # Nothing listens on port 1: every cache call fails at once, as with Redis down.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    for _ in range(3):
        assert client.get("/api/v1/routes/").status_code == 200
    assert "rate limit not counted" in caplog.text


def test_the_refusal_is_in_the_clients_language(client, plan, rate):
    rate("1/minute")
    client.get("/api/v1/routes/")
    english = client.get("/api/v1/routes/", HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    chinese = client.get("/api/v1/routes/").json()["detail"]
    assert english.startswith("Request was throttled.")
    assert chinese != english and "请求" in chinese


def test_json_is_gzipped_for_clients_that_accept_it_and_its_etag_still_matches(client, plan, at):
    at("2026-05-08 19:30")
    plain = client.get("/api/v1/venues/")
    packed = client.get("/api/v1/venues/", HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert json.loads(gzip.decompress(packed.content)) == plain.json()
    assert len(packed.content) < len(plain.content) / 3
    again = client.get("/api/v1/venues/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"])
    assert again.status_code == 304
