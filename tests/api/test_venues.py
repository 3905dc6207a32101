"""/api/v1/venues/: the /venues/ page's venues and filters, as JSON in both languages."""

import datetime as dt

import django_filters
import pytest
from django.utils import timezone

from core.publishing import Status
from tests.api.conftest import zh_names
from tests.factories import make_event
from tests.plan_facts import FOOD_VENUES, LATE_BUS_VENUES, VENUES_WITHOUT_HOURS
from tests.reading import card_titles, page
from venues.filters import VenueFilter
from venues.models import Venue

ALL = "/api/v1/venues/?page_size=100"


def test_the_list_names_every_public_venue_in_both_languages_with_absolute_addresses(api, plan, at):
    at("2026-05-08 19:30")
    body = api("/api/v1/venues/")
    assert (body["count"], body["count_capped"], body["next"], body["previous"]) == (10, False, None, None)
    first = body["results"][0]
    assert first["slug"] == "xigong-xiaojie"
    assert first["name"] == {"zh": "西工小街", "en": "Xigong Xiaojie (Xigong Lane)"}
    assert first["slogan"] == {"zh": "老汤 老料 老味道", "en": "Old broth, old ingredients, old flavours"}
    assert first["kind"] == "street" and first["is_quarter"] is True
    assert first["url"] == {"zh": "http://testserver/venues/xigong-xiaojie/",
                            "en": "http://testserver/en/venues/xigong-xiaojie/"}
    assert first["api_url"] == "http://testserver/api/v1/venues/xigong-xiaojie/"
    assert first["way_back_url"] == "http://testserver/api/v1/venues/xigong-xiaojie/way-back"
    assert first["themes"] == [{"slug": "food", "name": {"zh": "好味美食", "en": "Good food"}}]
    assert first["hours"]["published"] is True and first["hours"]["open_all_day"] is True
    assert first["hours"]["note"]["en"].startswith("Round-the-clock opening is the plan's aim")
    # The card's last runs: published ones only, as the plan gives them (never 25:00).
    assert [(run["route"]["slug"], run["last_run"], run["kind"]) for run in first["last_runs"]] == [
        ("9", "01:00", "passes"), ("101", "01:00", "passes")]


def test_a_venue_without_published_hours_says_so_and_invents_none(api, plan):
    venue = next(item for item in api(ALL)["results"] if item["slug"] == "laocheng-shizijie")
    assert venue["hours"] == {"published": False, "open_all_day": False, "opens_at": None, "closes_at": None,
                              "note": None}


@pytest.mark.parametrize("query, expected", [
    ("theme=food", FOOD_VENUES),
    ("bus_after=23:30", LATE_BUS_VENUES),
    ("bus_after=2330", LATE_BUS_VENUES),  # as a phone's digit pad types it
    ("bus_after=01:00", LATE_BUS_VENUES),  # 01:00 is the latest run, after 23:30
    ("hours=unpublished", VENUES_WITHOUT_HOURS),
    ("open_at=03:00", {"西工小街"}),  # only the street open round the clock
    ("route=101", {"西工小街", "天心文化产业园", "东方文创园", "隋唐洛阳城国家遗址公园"}),
    ("theme=food&theme=shopping", FOOD_VENUES | {"环开元湖购物商圈"}),
    ("theme=food&bus_after=23:30", FOOD_VENUES & LATE_BUS_VENUES),
    ("q=Xigong", {"西工小街"}),
])
def test_each_filter_gives_what_the_venues_page_gives(api, client, plan, query, expected):
    from_api = zh_names(api(f"{ALL}&{query}")["results"])
    assert set(from_api) == expected
    assert from_api == card_titles(page(client, f"/venues/?{query}"))


def test_a_value_no_filter_can_read_is_a_400_with_the_reason_per_parameter(api, plan):
    body = api("/api/v1/venues/?open_at=25:99&bus_after=late&theme=nope&route=nope&hours=maybe", status=400)
    assert set(body) == {"open_at", "bus_after", "theme", "route", "hours"}
    assert body["open_at"] == ["请按 HH:MM 格式输入 00:00 至 23:59 之间的时间，如 23:30。"]
    english = api("/api/v1/venues/?open_at=25:99", status=400, HTTP_ACCEPT_LANGUAGE="en")
    assert english == {"open_at": ["Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30."]}


def test_unknown_parameters_are_ignored(api, plan):
    body = api("/api/v1/venues/?colour=red&format=xml&page=7&lang=fr")
    assert body["count"] == 10


def test_a_filter_added_to_the_page_is_in_the_api_too(api, client, plan, monkeypatch):
    monkeypatch.setitem(VenueFilter.base_filters, "slogan_has",
                        django_filters.CharFilter(field_name="slogan", lookup_expr="contains"))
    assert set(zh_names(api(f"{ALL}&slogan_has=味道")["results"])) == {"西工小街", "老城十字街"}
    assert set(card_titles(page(client, "/venues/?slogan_has=味道"))) == {"西工小街", "老城十字街"}


def test_the_detail_has_places_highlights_events_and_every_route_latest_first(api, plan, at):
    at("2026-05-08 19:30")
    venue = api("/api/v1/venues/suitang-luoyangcheng-yizhi-gongyuan/")
    assert venue["name"]["zh"] == "隋唐洛阳城国家遗址公园"
    assert {event["slug"] for event in venue["events"]} == {"yingtianmen-gucheng-yeyun", "jiuzhouchi-chishang-fanhua"}
    assert venue["events"][0]["url"]["en"].startswith("http://testserver/en/events/")
    assert venue["places"] and all(place["name"]["zh"] for place in venue["places"])
    runs = [(route["route"]["slug"], route["last_run"]) for route in venue["routes"]]
    assert runs[:2] == [("9", "01:00"), ("101", "01:00")]
    assert all(last_run is None for _, last_run in runs[2:])  # then the routes without one
    assert venue["routes_are_partial"] is True
    assert "last_runs" not in venue


def test_drafts_and_venues_outside_their_publish_window_are_not_there(api, plan, at):
    at("2026-05-08 19:30")
    now = timezone.now()
    Venue.objects.filter(slug="xigong-xiaojie").update(status=Status.DRAFT)
    Venue.objects.filter(slug="laocheng-shizijie").update(publish_until=now - dt.timedelta(hours=1))
    Venue.objects.filter(slug="longmen-gujie").update(publish_from=now + dt.timedelta(hours=1))
    hidden = {"xigong-xiaojie", "laocheng-shizijie", "longmen-gujie"}
    body = api(ALL)
    assert body["count"] == 7
    assert hidden.isdisjoint(item["slug"] for item in body["results"])
    assert hidden.isdisjoint(item["slug"] for item in api(f"{ALL}&route=9")["results"])
    for slug in hidden:
        # In the client's language (Chinese unless it asks for English), naming no model.
        assert api(f"/api/v1/venues/{slug}/", status=404) == {"detail": "未找到。"}
        api(f"/api/v1/venues/{slug}/way-back", status=404)


def test_a_draft_event_is_not_among_a_venues_events(api, plan):
    make_event(slug="draft-here", venue=Venue.objects.get(slug="luoyi-gucheng"), status=Status.DRAFT)
    venue = api("/api/v1/venues/luoyi-gucheng/")
    assert "draft-here" not in {event["slug"] for event in venue["events"]}
    assert "luoyi-luoshui-jinghong" in {event["slug"] for event in venue["events"]}
