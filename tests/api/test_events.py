"""/api/v1/events/: the /events/ page's events and filters; one event with its offers."""

import datetime as dt

import pytest
from django.utils import timezone

from core.publishing import Status
from events.models import Event, Offer
from tests.api.conftest import zh_names
from tests.factories import make_event, make_offer
from tests.photos.helpers import make_photo
from tests.plan_facts import LAUNCH, NIGHTLY_FEATURES, PERFORMANCES
from tests.reading import card_titles, page
from venues.models import Venue

ALL = "/api/v1/events/?page_size=100"


def test_the_list_names_every_public_event_with_its_times_as_the_plan_gives_them(api, plan, at):
    at("2026-05-08 19:30")
    body = api(ALL)
    assert body["count"] == 10
    assert set(NIGHTLY_FEATURES) <= set(zh_names(body["results"]))
    longmen = next(event for event in body["results"] if event["slug"] == "yeyou-longmen")
    assert longmen["name"] == {"zh": "“夜游龙门”", "en": "Yeyou Longmen (Longmen by Night)"}
    assert (longmen["kind"], longmen["starts_at"], longmen["ends_at"]) == ("activity", "20:00", None)
    assert (longmen["first_night"], longmen["last_night"], longmen["state"]) == (None, None, None)
    assert longmen["venue"] == {"slug": "longmen-shiku", "name": {"zh": "龙门石窟", "en": "Longmen Shiku (Longmen Grottoes)"},
                                "url": {"zh": "http://testserver/venues/longmen-shiku/",
                                        "en": "http://testserver/en/venues/longmen-shiku/"},
                                "api_url": "http://testserver/api/v1/venues/longmen-shiku/"}
    assert longmen["url"]["en"] == "http://testserver/en/events/yeyou-longmen/"
    assert longmen["ics"] == "http://testserver/events/yeyou-longmen.ics"
    assert longmen["way_back_url"] == "http://testserver/api/v1/events/yeyou-longmen/way-back"


def test_a_broadcast_programme_has_a_channel_and_no_venue_nor_way_back(api, plan):
    tv = api("/api/v1/events/gudu-ye-badian-tv/")
    assert tv["kind"] == "programme" and tv["venue"] is None and tv["way_back_url"] is None
    assert tv["channel"] == {"zh": "洛阳广播电视台文旅频道", "en": "Luoyang Radio and Television, Culture and Tourism Channel"}


def test_a_special_of_may_2020_has_its_night_and_has_ended(api, plan, at):
    at("2026-05-08 19:30")
    launch = api("/api/v1/events/qidong-yishi/")
    assert launch["name"]["zh"] == LAUNCH
    assert (launch["first_night"], launch["last_night"], launch["state"]) == ("2020-05-08", "2020-05-08", "ended")


@pytest.mark.parametrize("query, expected", [
    ("kind=performance", set(PERFORMANCES)),
    ("date=2020-05-08", set(NIGHTLY_FEATURES) | {LAUNCH}),
    ("kind=special&date=2020-05-08", {LAUNCH}),
    ("theme=night-tour", {"“夜游龙门”"}),
    ("q=longmen", {"“夜游龙门”"}),
    ("starts_after=20:30", set()),
])
def test_each_filter_gives_what_the_events_page_gives(api, client, plan, query, expected):
    from_api = zh_names(api(f"{ALL}&{query}")["results"])
    assert set(from_api) == expected
    assert from_api == card_titles(page(client, f"/events/?{query}"))


def test_start_filters_read_the_night_through_01_00_after_23_00(api, plan):
    make_event(slug="late-show", name="深夜场", starts_at=dt.time(1, 0))
    make_event(slug="supper", name="夜宵场", starts_at=dt.time(23, 0))
    assert zh_names(api(f"{ALL}&starts_after=23:30")["results"]) == ["深夜场"]
    assert set(zh_names(api(f"{ALL}&starts_after=2300")["results"])) == {"深夜场", "夜宵场"}
    assert "深夜场" not in zh_names(api(f"{ALL}&starts_before=23:30")["results"])
    assert api("/api/v1/events/late-show/")["starts_at"] == "01:00"


def test_a_value_no_filter_can_read_is_a_400_with_the_reason_per_parameter(api, plan):
    body = api("/api/v1/events/?kind=opera&date=2020-13-01&starts_after=late&theme=nope", status=400,
               HTTP_ACCEPT_LANGUAGE="en")
    assert set(body) == {"kind", "date", "starts_after", "theme"}
    assert body["starts_after"] == ["Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30."]


def test_the_detail_has_tour_lines_and_each_offers_state_tonight(api, plan, at):
    at("2020-05-10 19:30")
    event = api("/api/v1/events/jiuzhouchi-chishang-fanhua/")
    [offer] = event["offers"]
    assert offer["name"]["zh"] == "九洲池“1元秒杀”门票"
    assert (offer["first_day"], offer["last_day"], offer["state"]) == ("2020-05-08", "2020-05-15", "running")
    assert api("/api/v1/events/yeyou-longmen/")["tour_lines"][0]["name"]["zh"] == "伊水禅意游"


@pytest.mark.parametrize("moment, state", [("2020-05-01 19:30", "upcoming"), ("2026-05-08 19:30", "ended")])
def test_an_offer_is_upcoming_before_its_first_day_and_ended_after_its_last(api, plan, at, moment, state):
    at(moment)
    assert api("/api/v1/events/jiuzhouchi-chishang-fanhua/")["offers"][0]["state"] == state


def test_draft_offers_and_offers_outside_their_window_are_not_there(api, plan, at):
    at("2020-05-10 19:30")
    event = Event.objects.get(slug="jiuzhouchi-chishang-fanhua")
    make_offer(event, name="草稿优惠", status=Status.DRAFT)
    make_offer(event, name="过期优惠", publish_until=timezone.now() - dt.timedelta(minutes=1))
    make_offer(event, name="未到优惠", publish_from=timezone.now() + dt.timedelta(minutes=1))
    assert zh_names(api("/api/v1/events/jiuzhouchi-chishang-fanhua/")["offers"]) == ["九洲池“1元秒杀”门票"]
    assert Offer.objects.filter(event=event).count() == 4


def test_draft_events_and_events_outside_their_window_are_not_there(api, plan, at):
    at("2026-05-08 19:30")
    Event.objects.filter(slug="yeyou-longmen").update(status=Status.DRAFT)
    Event.objects.filter(slug="dabeimen-tangyao").update(publish_from=timezone.now() + dt.timedelta(days=1))
    slugs = {event["slug"] for event in api(ALL)["results"]}
    assert slugs.isdisjoint({"yeyou-longmen", "dabeimen-tangyao"}) and len(slugs) == 8
    api("/api/v1/events/yeyou-longmen/", status=404)
    api("/api/v1/events/dabeimen-tangyao/way-back", status=404)


def test_an_events_draft_venue_is_named_without_its_addresses_as_on_the_page(api, plan):
    Venue.objects.filter(slug="longmen-shiku").update(status=Status.DRAFT)
    venue = api("/api/v1/events/yeyou-longmen/")["venue"]
    assert venue == {"slug": None, "name": {"zh": "龙门石窟", "en": "Longmen Shiku (Longmen Grottoes)"},
                     "url": None, "api_url": None}


def test_photos_come_with_every_rendition_and_alt_text_in_both_languages(api, plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    make_photo(Event.objects.get(slug="yeyou-longmen"), credit="张三")
    [photo] = api("/api/v1/events/yeyou-longmen/")["photos"]
    assert photo["alt"] == {"zh": "夜景", "en": "The street at night"}
    assert photo["credit"] == "张三"
    assert [(r["width"], r["height"]) for r in photo["renditions"]] == [(480, 360), (640, 480)]
    for rendition in photo["renditions"]:
        assert rendition["webp"].startswith("http://testserver/media/photos/events/")
        assert rendition["webp"].endswith(f"-{rendition['width']}w.webp")
        assert rendition["jpeg"].endswith(f"-{rendition['width']}w.jpg")
    listed = next(event for event in api(ALL)["results"] if event["slug"] == "yeyou-longmen")
    assert listed["photos"] == [photo]
