"""/api/v1/tonight/ and /api/v1/last-buses/: the home page's night and the last-bus board."""

import datetime as dt

from core.publishing import Status
from events.models import Event, NightChangeKind, Offer, OfferAvailability
from tests.api.conftest import zh_names
from tests.factories import make_event, make_night_change
from tests.plan_facts import LAUNCH, NIGHTLY_FEATURES
from venues.models import Venue

LATE_RUN_VENUES = ["xigong-xiaojie", "laocheng-shizijie", "tianxin-wenhua-chanyeyuan",
                   "suitang-luoyangcheng-yizhi-gongyuan"]


def test_tonight_lists_the_nightly_features_with_their_moments_tonight(api, plan, at):
    at("2026-05-08 19:30")
    body = api("/api/v1/tonight/")
    assert (body["night"], body["now"]) == ("2026-05-08", "2026-05-08T19:30:00+08:00")
    features = body["features"]
    assert sorted(zh_names(features["results"])) == sorted(NIGHTLY_FEATURES)
    assert features["more"] is False
    assert features["all_url"] == "http://testserver/api/v1/events/?date=2026-05-08"
    assert {(event["starts_at"], event["starts"], event["ends"]) for event in features["results"]} == {
        ("20:00", "2026-05-08T20:00:00+08:00", None)}
    # May 2020's specials and offer have ended: nothing is said to run tonight.
    assert body["specials"]["results"] == [] and body["offers"]["results"] == []
    assert [theme["slug"] for theme in body["themes"]] == ["night-tour", "shopping", "food", "entertainment"]


def test_after_midnight_it_is_still_last_night_and_a_0100_bus_is_the_next_day(api, plan, at):
    at("2026-05-09 00:30")
    body = api("/api/v1/tonight/")
    assert body["night"] == "2026-05-08"
    assert body["features"]["results"][0]["starts"] == "2026-05-08T20:00:00+08:00"
    first = body["last_buses"]["results"][0]
    assert (first["last_run"], first["night"], first["last_run_at"], first["minutes_left"]) == (
        "01:00", "2026-05-08", "2026-05-09T01:00:00+08:00", 30)
    assert "25:00" not in str(body)


def test_an_event_ending_after_midnight_ends_on_the_next_calendar_day(api, plan, at):
    at("2026-12-01 19:00")
    make_event(slug="late", name="夜场", starts_at=dt.time(20, 0), ends_at=dt.time(1, 0))
    late = next(event for event in api("/api/v1/tonight/")["features"]["results"] if event["slug"] == "late")
    assert (late["starts"], late["ends"]) == ("2026-12-01T20:00:00+08:00", "2026-12-02T01:00:00+08:00")
    assert (late["starts_at"], late["ends_at"]) == ("20:00", "01:00")


def test_tonight_follows_the_editors_changes_a_moved_start_and_a_cancelled_night(api, plan, at):
    at("2026-05-08 19:30")
    night = dt.date(2026, 5, 8)
    make_night_change(Event.objects.get(slug="dabeimen-tangyao"), night, NightChangeKind.MOVED,
                      starts_at=dt.time(0, 30), reason="改为午夜场", reason_en="")
    make_night_change(Event.objects.get(slug="yeyou-longmen"), night)
    features = {event["slug"]: event for event in api("/api/v1/tonight/")["features"]["results"]}
    # Cancelled tonight: still listed and marked, as on the home page (issue 20, finding 2).
    assert features["yeyou-longmen"]["change"]["mark"] == "cancelled-night"
    assert features["yeyou-longmen"]["tonight"]["happens"] is False
    moved = features["dabeimen-tangyao"]
    assert (moved["starts_at"], moved["starts"]) == ("20:00", "2026-05-09T00:30:00+08:00")
    assert moved["change"]["mark"] == "new-time"
    assert moved["change"]["reason"] == {"zh": "改为午夜场", "en": None}
    assert features["luoyi-luoshui-jinghong"]["change"] is None


def test_in_may_2020_tonight_has_the_launch_and_the_running_offer(api, plan, at):
    at("2020-05-08 19:30")
    body = api("/api/v1/tonight/")
    assert zh_names(body["specials"]["results"]) == [LAUNCH]
    assert body["specials"]["all_url"] == "http://testserver/api/v1/events/?kind=special&date=2020-05-08"
    [offer] = body["offers"]["results"]
    assert (offer["state"], offer["availability"], offer["availability_reason"]) == ("running", "on_sale", None)
    assert offer["event"]["slug"] == "jiuzhouchi-chishang-fanhua"
    assert offer["event"]["url"]["zh"] == "http://testserver/events/jiuzhouchi-chishang-fanhua/"


def test_tonight_shows_the_home_pages_three_latest_buses_with_a_link_to_the_board(api, plan, at):
    at("2026-05-08 19:30")
    buses = api("/api/v1/tonight/")["last_buses"]
    assert [(row["route"]["slug"], row["last_run"]) for row in buses["results"]] == [
        ("9", "01:00"), ("101", "01:00"), ("3", "23:00")]
    assert buses["all_url"] == "http://testserver/api/v1/last-buses/"


def test_the_board_is_latest_first_through_the_night_with_time_left_and_gone_runs(api, plan, at):
    at("2026-05-08 22:00")
    body = api("/api/v1/last-buses/?page_size=100")
    assert body["count"] == 12  # published last runs of public venues
    rows = [(row["route"]["slug"], row["last_run"], row["kind"], row["minutes_left"], row["gone"])
            for row in body["results"]]
    assert rows == [("9", "01:00", "passes", 180, False), ("101", "01:00", "passes", 180, False),
                    ("3", "23:00", "passes", 60, False), ("53", "23:00", "departs", 60, False),
                    ("75", "22:40", "passes", 40, False), ("7", "21:10", "departs", None, True)]
    nine = body["results"][0]
    assert [venue["slug"] for venue in nine["venues"]] == LATE_RUN_VENUES
    assert nine["last_run_at"] == "2026-05-09T01:00:00+08:00"
    assert body["results"][-1]["stop"]["name"] == {"zh": "东花坛", "en": "Donghuatan (East Flower Terrace)"}
    assert body["results"][-1]["last_run_at"] == "2026-05-08T21:10:00+08:00"


def test_the_board_leaves_out_the_runs_of_venues_visitors_cannot_see(api, plan, at):
    at("2026-05-08 22:00")
    Venue.objects.filter(slug="xigong-xiaojie").update(status=Status.DRAFT)
    body = api("/api/v1/last-buses/?page_size=100")
    assert body["count"] == 10
    assert "xigong-xiaojie" not in {venue["slug"] for row in body["results"] for venue in row["venues"]}


def test_the_board_pages_through_every_run_once(api, plan, at):
    at("2026-05-08 22:00")
    url, seen = "/api/v1/last-buses/?page_size=5", []
    while url:
        body = api(url)
        seen += [(row["route"]["slug"], row["last_run"], venue["slug"])
                 for row in body["results"] for venue in row["venues"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 12
    assert [last_run for _, last_run, _ in seen] == sorted(
        (last_run for _, last_run, _ in seen), key=lambda clock: (clock < "06:00", clock), reverse=True)


def test_a_sold_out_offer_says_so_with_its_reason(api, plan, at):
    at("2020-05-10 19:30")
    Offer.objects.filter(event__slug="jiuzhouchi-chishang-fanhua").update(
        availability=OfferAvailability.SOLD_OUT, availability_reason="已售罄", availability_reason_en="Sold out")
    [offer] = api("/api/v1/tonight/")["offers"]["results"]
    assert (offer["availability"], offer["availability_reason"]) == ("sold_out", {"zh": "已售罄", "en": "Sold out"})
