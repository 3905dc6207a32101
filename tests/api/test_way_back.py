"""/api/v1/venues/<slug>/way-back and /api/v1/events/<slug>/way-back?at=HH:MM."""

import datetime as dt

import pytest

from events.models import Event
from tests.factories import make_event
from venues.models import Venue


def runs(items):
    return [(run["route"]["slug"], run["last_run"], run["minutes_left"], run["gone"]) for run in items]


def test_from_a_venue_at_2310_the_0100_buses_are_110_minutes_away_on_the_next_day(api, plan, at):
    at("2026-05-08 19:30")
    back = api("/api/v1/venues/xigong-xiaojie/way-back?at=23:10")
    assert (back["night"], back["at"]) == ("2026-05-08", "2026-05-08T23:10:00+08:00")
    assert runs(back["runs"]) == [("9", "01:00", 110, False), ("101", "01:00", 110, False)]
    assert {run["last_run_at"] for run in back["runs"]} == {"2026-05-09T01:00:00+08:00"}
    assert [route["slug"] for route in back["unknown"]] == ["1", "2", "5", "8", "17", "33", "59", "103"]
    assert back["all_gone"] is False and back["routes_are_partial"] is True
    assert back["changes_at"] == "2026-05-08T23:11:00+08:00"
    assert back["venue"]["slug"] == "xigong-xiaojie"


@pytest.mark.parametrize("typed", ["0130", "01:30", "１：３０", "1.30"])
def test_at_0130_every_run_has_gone_until_the_next_night_begins(api, plan, at, typed):
    at("2026-05-08 19:30")
    back = api(f"/api/v1/venues/xigong-xiaojie/way-back?at={typed}")
    assert back["at"] == "2026-05-09T01:30:00+08:00"
    assert runs(back["runs"]) == [("9", "01:00", None, True), ("101", "01:00", None, True)]
    assert back["all_gone"] is True
    assert back["changes_at"] == "2026-05-09T06:00:00+08:00"


def test_without_at_the_way_back_is_seen_from_now(api, plan, at):
    at("2026-05-08 22:50")
    back = api("/api/v1/venues/luoyi-gucheng/way-back")
    assert back["at"] == "2026-05-08T22:50:00+08:00"
    assert runs(back["runs"]) == [("3", "23:00", 10, False), ("7", "21:10", None, True)]
    assert back["runs"][1]["kind"] == "departs" and back["runs"][1]["stop"]["slug"] == "donghuatan"


@pytest.mark.parametrize("typed", ["25:99", "late", "٢٣:٣٠", "2400"])
def test_an_at_it_cannot_read_is_a_400_with_the_reason(api, plan, typed):
    body = api(f"/api/v1/venues/xigong-xiaojie/way-back?at={typed}", status=400, HTTP_ACCEPT_LANGUAGE="en")
    assert body == {"at": ["Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30."]}


def test_an_unknown_venue_or_event_is_a_404_in_json(api, plan):
    assert set(api("/api/v1/venues/nowhere/way-back", status=404)) == {"detail"}
    assert set(api("/api/v1/events/nothing/way-back?at=23:00", status=404)) == {"detail"}


def test_an_events_way_back_includes_departures_from_the_stop_named_after_its_venue(api, plan, at):
    at("2026-05-08 19:30")
    back = api("/api/v1/events/yeyou-longmen/way-back?at=22:30")
    assert back["event"]["slug"] == "yeyou-longmen" and back["venue"]["slug"] == "longmen-shiku"
    assert back["runs"] == [] and back["unknown"] == []
    [departure] = back["departures"]
    assert departure["stop"]["name"]["zh"] == "龙门石窟"
    assert runs(departure["runs"]) == [("53", "23:00", 30, False)]
    assert departure["runs"][0]["venue"]["slug"] == "longmen-gujie"
    assert back["ends_at"] is None and back["after_end"] == []


def test_an_event_with_a_published_end_says_which_runs_leave_after_it(api, plan, at):
    at("2026-05-08 19:30")
    make_event(slug="evening", venue=Venue.objects.get(slug="luoyi-gucheng"), starts_at=dt.time(20, 0),
               ends_at=dt.time(22, 50))
    back = api("/api/v1/events/evening/way-back")
    assert back["ends_at"] == "22:50"
    assert runs(back["after_end"]) == [("3", "23:00", 210, False)]


def test_a_broadcast_programme_has_no_way_back(api, plan):
    back = api("/api/v1/events/gudu-ye-badian-radio/way-back")
    assert back["venue"] is None
    assert (back["runs"], back["unknown"], back["departures"], back["all_gone"]) == ([], [], [], False)
    assert Event.objects.get(slug="gudu-ye-badian-radio").venue is None
