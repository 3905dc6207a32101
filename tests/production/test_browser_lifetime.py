"""A browser never keeps a page past the change of night or a publish boundary (issue 24, 7):
at 05:59:30 tonight's page may be reused for 30 s, not 60, so that at 06:00 the phone asks again
and gets the new night, not yesterday's "Cancelled tonight"."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils.cache import get_max_age

from tests.factories import make_event

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize("url", ["/en/", "/events/", "/transit/", "/api/v1/events/", "/api/v1/tonight/"])
def test_just_before_six_a_page_may_be_kept_only_until_the_night_changes(client, plan, at, url):
    at("2026-05-09 05:59:30")
    response = client.get(url)
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert 0 <= get_max_age(response) <= 30


def test_a_page_from_the_page_cache_says_the_time_left_when_it_is_served_not_when_it_was_stored(client, plan, at):
    at("2026-05-09 05:59:05")
    assert get_max_age(client.get("/en/")) == 55
    at("2026-05-09 05:59:50")  # the same page, from the page cache (same minute)
    assert get_max_age(client.get("/en/")) == 10


def test_a_page_is_not_kept_past_a_listing_appearing(client, plan, at):
    at("2026-05-08 20:00:05")
    make_event(slug="lantern-walk", publish_from=dt.datetime(2026, 5, 8, 20, 0, 45, tzinfo=SHANGHAI))
    response = client.get("/en/events/")
    assert "lantern-walk" not in response.content.decode()
    assert get_max_age(response) == 40
    assert get_max_age(client.get("/api/v1/events/")) == 40


def test_in_the_evening_a_page_is_still_kept_a_minute(client, plan, at):
    at("2026-05-08 20:00:05")
    assert get_max_age(client.get("/en/")) == 60
