"""Issue 20, finding 2: an event's status on a night (Event.status_on) is the one answer of the
home page and of the API's tonight, list, search and detail. A feature cancelled tonight stays
listed and is marked cancelled, with the reason, everywhere."""

import datetime as dt

import pytest

from events.models import Event, EventChangeKind, NightChangeKind
from tests.factories import make_event_change, make_night_change
from tests.reading import page, section, text

pytestmark = pytest.mark.django_db
NIGHT = dt.date(2026, 5, 8)
SLUG = "yeyou-longmen"


@pytest.fixture
def cancelled_tonight(plan, at):
    at("2026-05-08 18:00")
    make_night_change(Event.objects.get(slug=SLUG), NIGHT, reason="因降雨取消", reason_en="Cancelled for rain")
    at("2026-05-08 19:30")


def test_tonight_keeps_a_cancelled_feature_marked_as_the_home_page_does(client, cancelled_tonight):
    features = {event["slug"]: event for event in client.get("/api/v1/tonight/").json()["features"]["results"]}
    assert features[SLUG]["change"]["mark"] == "cancelled-night"
    assert features[SLUG]["change"]["reason"] == {"zh": "因降雨取消", "en": "Cancelled for rain"}
    assert features[SLUG]["tonight"]["happens"] is False
    home = section(page(client, "/"), 'id="features-title"')
    assert "“夜游龙门”" in home and "今晚取消" in home


def test_the_event_its_search_and_the_list_say_cancelled_tonight(client, cancelled_tonight):
    detail = client.get(f"/api/v1/events/{SLUG}/").json()
    assert detail["tonight"] == {"night": "2026-05-08", "happens": False, "mark": "cancelled-night",
                                 "reason": {"zh": "因降雨取消", "en": "Cancelled for rain"},
                                 "starts_at": "20:00", "replaced": {"starts_at": "20:00", "venue": "longmen-shiku"}}
    [found] = [event for event in client.get("/api/v1/events/?q=夜游龙门").json()["results"] if event["slug"] == SLUG]
    assert found["tonight"] == detail["tonight"]
    listed = next(event for event in client.get("/api/v1/events/?page_size=100").json()["results"]
                  if event["slug"] == SLUG)
    assert listed["tonight"] == detail["tonight"]
    other = client.get("/api/v1/events/dabeimen-tangyao/").json()["tonight"]
    assert (other["happens"], other["mark"], other["reason"]) == (True, None, None)
    assert "今晚取消" in text(page(client, f"/events/{SLUG}/"))


def test_a_postponed_event_says_postponed_in_the_api(client, plan, at):
    at("2026-05-08 19:30")
    make_event_change(Event.objects.get(slug=SLUG), EventChangeKind.POSTPONED, reason="延期", reason_en="Postponed")
    detail = client.get(f"/api/v1/events/{SLUG}/").json()["tonight"]
    assert (detail["happens"], detail["mark"]) == (False, "postponed")
    tonight = {event["slug"]: event for event in client.get("/api/v1/tonight/").json()["features"]["results"]}
    assert tonight[SLUG]["change"]["mark"] == "postponed"


def test_a_moved_night_gives_the_new_start_and_what_it_replaced(client, plan, at):
    at("2026-05-08 19:30")
    make_night_change(Event.objects.get(slug=SLUG), NIGHT, NightChangeKind.MOVED, starts_at=dt.time(0, 30),
                      reason="改为午夜场", reason_en="")
    detail = client.get(f"/api/v1/events/{SLUG}/").json()["tonight"]
    assert (detail["happens"], detail["mark"], detail["starts_at"]) == (True, "new-time", "00:30")
    assert detail["replaced"] == {"starts_at": "20:00", "venue": "longmen-shiku"}
