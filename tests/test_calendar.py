"""Calendars: /events/<slug>.ics and /events/feed.ics, parsed back and their recurrence expanded."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from events.models import Event
from core.publishing import Status
from tests.factories import make_event, make_offer, make_place, make_theme, make_venue
from tests.html_parts import anchors

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
ENTERTAINMENT = {"应天门“古城夜韵”灯光秀", "九洲池“池上繁华”古装演艺", "洛邑古城“洛水惊鸿”演艺", "大北门“唐谣”演艺"}


def calendar(client, url) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal):
    return list(cal.walk("VEVENT"))


def only_event(cal, summary=None):
    found = [e for e in vevents(cal) if summary is None or str(e["SUMMARY"]) == summary]
    assert len(found) == 1, [str(e["SUMMARY"]) for e in vevents(cal)]
    return found[0]


def starts(cal, first: dt.datetime, last: dt.datetime):
    """Start of each occurrence between two moments, expanded from the RRULEs."""
    return [occurrence["DTSTART"].dt for occurrence in recurring_ical_events.of(cal).between(first, last)]


def local(text):
    return dt.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


# --- one event --------------------------------------------------------------------------------

def test_a_nightly_event_repeats_every_night_at_8pm_shanghai_from_tonight(client, plan, at):
    at("2026-05-08 19:30")
    cal = calendar(client, "/events/jiuzhouchi-chishang-fanhua.ics")
    event = only_event(cal, "九洲池“池上繁华”古装演艺")
    assert event["DTSTART"].dt == local("2026-05-08 20:00")
    assert str(event["DTSTART"].params["TZID"]) == "Asia/Shanghai"
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    occurrences = starts(cal, local("2026-05-08 00:00"), local("2026-05-12 00:00"))
    assert occurrences == [local(f"2026-05-{day:02d} 20:00") for day in (8, 9, 10, 11)]
    assert all(o.utcoffset() == dt.timedelta(hours=8) for o in occurrences)


def test_a_nightly_event_with_no_published_end_has_no_end_time_and_no_last_night(client, plan, at):
    at("2026-05-08 19:30")
    event = only_event(calendar(client, "/events/dabeimen-tangyao.ics"))
    assert "DTEND" not in event and "DURATION" not in event
    assert "UNTIL" not in event["RRULE"] and "COUNT" not in event["RRULE"]
    assert "end time not published" in str(event["DESCRIPTION"]) or "结束时间" in str(event["DESCRIPTION"])


def test_the_calendar_carries_the_shanghai_timezone(client, plan, at):
    at("2026-05-08 19:30")
    cal = calendar(client, "/events/dabeimen-tangyao.ics")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert str(cal["VERSION"]) == "2.0"
    assert cal["PRODID"]


def test_at_half_past_midnight_the_series_starts_on_the_night_in_progress(client, plan, at):
    at("2026-05-09 00:40")
    event = only_event(calendar(client, "/events/dabeimen-tangyao.ics"))
    assert event["DTSTART"].dt == local("2026-05-08 20:00")


def test_published_first_and_last_nights_and_times_after_midnight(client, at):
    at("2026-05-08 19:30")
    make_event(slug="late", name="午夜场", starts_at=dt.time(1, 0), ends_at=dt.time(2, 30),
               first_night=dt.date(2026, 6, 1), last_night=dt.date(2026, 6, 3))
    cal = calendar(client, "/events/late.ics")
    event = only_event(cal)
    # 01:00 on the night of 1 June is the morning of 2 June.
    assert event["DTSTART"].dt == local("2026-06-02 01:00")
    assert event["DTEND"].dt == local("2026-06-02 02:30")
    assert starts(cal, local("2026-05-01 00:00"), local("2026-07-01 00:00")) == [
        local("2026-06-02 01:00"), local("2026-06-03 01:00"), local("2026-06-04 01:00")]


def test_a_special_without_a_time_is_an_all_day_event_on_its_date(client, plan):
    event = only_event(calendar(client, "/events/qidong-yishi.ics"))
    assert event["DTSTART"].dt == dt.date(2020, 5, 8)
    assert event["DTEND"].dt == dt.date(2020, 5, 9)  # RFC 5545: a DATE end is exclusive
    assert "RRULE" not in event


def test_an_online_all_day_special_names_its_platform(client, plan):
    event = only_event(calendar(client, "/en/events/wuyiliu-woyaogou.ics"))
    assert event["DTSTART"].dt == dt.date(2020, 5, 16)
    assert event["DTEND"].dt == dt.date(2020, 5, 17)
    assert "Xiangyou Luoyang" in str(event["LOCATION"])


def test_an_offer_is_an_all_day_event_over_its_window(client, plan, at):
    at("2020-05-10 19:30")  # while it runs: an ended offer is in no calendar
    offer = only_event(calendar(client, "/en/events/jiuzhouchi-chishang-fanhua.ics"),
                       "Jiuzhouchi one-yuan flash-sale tickets · Jiuzhouchi Chishang Fanhua (Splendour on the Pool) costume show")
    assert offer["DTSTART"].dt == dt.date(2020, 5, 8)
    assert offer["DTEND"].dt == dt.date(2020, 5, 16)  # last day 15 May, inclusive
    assert "RRULE" not in offer
    assert "¥1.00" in str(offer["DESCRIPTION"])


def test_a_draft_offer_is_left_out(client, at):
    at("2026-05-08 19:30")
    event = make_event(slug="show")
    make_offer(event, name="草稿优惠", status=Status.DRAFT)
    assert [str(e["SUMMARY"]) for e in vevents(calendar(client, "/events/show.ics"))] == [event.name]


def test_english_calendar_uses_english_names_and_the_english_page(client, plan, at):
    at("2026-05-08 19:30")
    event = only_event(calendar(client, "/en/events/yeyou-longmen.ics"))
    assert str(event["SUMMARY"]) == "Yeyou Longmen (Longmen by Night)"
    assert str(event["URL"]).endswith("/en/events/yeyou-longmen/")
    # The Chinese beside the English, as a driver or a map app needs it (issue 22).
    assert str(event["LOCATION"]) == "Longmen Grottoes 龙门石窟, Luoyang"


def test_a_draft_or_unknown_event_has_no_calendar(client):
    make_event(slug="draft", status=Status.DRAFT)
    assert client.get("/events/draft.ics").status_code == 404
    assert client.get("/events/no-such-event.ics").status_code == 404


def test_reading_the_same_event_twice_gives_the_same_bytes(client, plan, at):
    at("2026-05-08 19:30")
    first = client.get("/events/yeyou-longmen.ics").content
    at("2026-05-08 19:45")
    assert client.get("/events/yeyou-longmen.ics").content == first


# --- the feed ---------------------------------------------------------------------------------

def test_the_feed_takes_the_event_list_filters(client, plan, at):
    at("2020-05-10 19:30")  # while the one-yuan offer runs
    cal = calendar(client, "/events/feed.ics?theme=entertainment")
    summaries = {str(e["SUMMARY"]) for e in vevents(cal)}
    assert {s for s in summaries if "·" not in s} == ENTERTAINMENT
    assert "“夜游龙门”" not in summaries
    assert any(s.startswith("九洲池“1元秒杀”门票") for s in summaries)  # the offer of an entertainment event
    assert len(starts(cal, local("2020-05-10 00:00"), local("2020-05-11 00:00"))) == 5  # four shows, the offer


def test_the_unfiltered_feed_has_every_published_event_once(client, plan, at):
    at("2026-05-08 19:30")
    events = [e for e in vevents(calendar(client, "/events/feed.ics")) if str(e["UID"]).startswith("event-")]
    assert len(events) == Event.objects.published().count() == 10
    assert len({str(e["UID"]) for e in events}) == 10


def test_the_feed_ignores_the_page_and_unknown_parameters(client, plan, at):
    at("2026-05-08 19:30")
    cal = calendar(client, "/events/feed.ics?kind=programme&page=7&utm_source=x")
    assert {str(e["SUMMARY"]) for e in vevents(cal)} == {"《古都夜八点》电视栏目", "《古都夜八点》广播节目"}


@pytest.mark.parametrize("query, field", [
    ("date=yesterday", "Night of"),
    ("theme=nightclubs", "Theme"),
    ("starts_after=25:99", "Starts at or after"),
])
def test_bad_feed_parameters_get_a_plain_text_400_with_the_reason(client, plan, query, field):
    response = client.get(f"/en/events/feed.ics?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert body.startswith(f"{field}: ")
    assert "BEGIN:VCALENDAR" not in body


def test_the_feed_route_comes_before_an_event_called_feed(client, at):
    at("2026-05-08 19:30")
    make_event(slug="feed", name="名叫feed的活动")
    make_event(slug="other", name="另一个活动")
    assert len([e for e in vevents(calendar(client, "/events/feed.ics"))]) == 2
    assert client.get("/events/feed/").status_code == 200


# --- links to them ----------------------------------------------------------------------------

def test_the_event_page_links_to_its_calendar(client, plan, at):
    at("2026-05-08 19:30")
    html = client.get("/en/events/yeyou-longmen/").content.decode()
    assert {"href": "/en/events/yeyou-longmen.ics", "text": "Add every night (.ics)"} in anchors(html)


def test_the_event_list_links_to_the_feed_with_its_filters_but_not_its_page(client, at):
    at("2026-05-08 19:30")
    theme = make_theme(slug="entertainment")
    for _ in range(13):
        make_event(themes=[theme])
    html = client.get("/en/events/?theme=entertainment&page=2").content.decode()
    feed = [a for a in anchors(html) if ".ics" in a["href"]]
    assert feed == [{"href": "/en/events/feed.ics?theme=entertainment", "text": "These events in your calendar (.ics)"}]
    html = client.get("/events/").content.decode()
    assert [a["href"] for a in anchors(html) if ".ics" in a["href"]] == ["/events/feed.ics"]


def test_a_place_inside_the_venue_is_in_the_location(client, at):
    at("2026-05-08 19:30")
    venue = make_venue(name="公园")
    make_event(slug="show", venue=venue, place=make_place(venue, name="池边"))
    assert str(only_event(calendar(client, "/events/show.ics"))["LOCATION"]).startswith("公园 · 池边")
