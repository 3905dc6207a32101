"""Calendars worth keeping: "add tonight" (one occurrence, with a reminder before the venue's last
bus) beside "add every night" (the series), and no ended offer in any calendar. Read back with
icalendar, vobject and recurring-ical-events."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event, NightChangeKind
from tests.factories import (make_event, make_night_change, make_offer, make_route, make_serving, make_special,
                             make_stop, make_venue)
from tests.html_parts import anchors
from tests.reading import page, section, text

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
UTC = dt.timezone.utc
OFFER = "九洲池“1元秒杀”门票"
NIGHT = dt.date(2026, 5, 8)


def local(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=SHANGHAI)


def ics(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def occurrences(body: bytes, first="2026-04-01 00:00", last="2026-07-01 00:00"):
    """The occurrences between two moments, expanded from any RRULE."""
    return list(recurring_ical_events.of(icalendar.Calendar.from_ical(body)).between(local(first), local(last)))


def alarm_times(body: bytes, first="2026-04-01 00:00", last="2026-07-01 00:00"):
    """When each alarm goes off, as recurring-ical-events computes it."""
    found = recurring_ical_events.of(icalendar.Calendar.from_ical(body), components=["VALARM"]).between(
        local(first), local(last))
    return [component.subcomponents[0].TRIGGER for component in found]


def summaries(body: bytes) -> list[str]:
    return [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]


# --- add tonight --------------------------------------------------------------------------------

def test_tonight_is_one_occurrence_at_tonights_time_with_an_alarm_20_minutes_before_the_last_bus(client, plan, at):
    at("2026-05-08 19:30")
    body = ics(client, "/events/luoyi-luoshui-jinghong/tonight.ics")
    [occurrence] = occurrences(body)
    assert occurrence["DTSTART"].dt == local("2026-05-08 20:00")
    assert "RRULE" not in icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    # 洛邑古城: 3路 passes until 23:00, the latest of its published runs (7路 leaves 东花坛 at 21:10).
    assert alarm_times(body) == [local("2026-05-08 22:40").astimezone(UTC)]
    [alarm] = icalendar.Calendar.from_ical(body).walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].params["VALUE"] == "DATE-TIME"
    assert str(alarm["DESCRIPTION"]) == "20分钟后末班车：3路途经洛邑古城最晚23:00。"


def test_tonight_reads_the_same_in_vobject_with_the_alarm_at_an_absolute_utc_time(client, plan, at):
    at("2026-05-08 19:30")
    calendar = vobject.readOne(ics(client, "/en/events/luoyi-luoshui-jinghong/tonight.ics").decode())
    [vevent] = calendar.vevent_list
    assert vevent.dtstart.value == local("2026-05-08 20:00")
    assert "rrule" not in vevent.contents
    assert vevent.valarm.trigger.value == dt.datetime(2026, 5, 8, 14, 40, tzinfo=UTC)
    assert vevent.valarm.description.value == "Last bus in 20 minutes: Route 3 passes Luoyi Gucheng (Luoyi Ancient Town) until 23:00."


def test_a_last_bus_after_midnight_rings_on_the_next_date(client, plan, at):
    at("2026-05-08 19:30")
    body = ics(client, "/en/events/jiuzhouchi-chishang-fanhua/tonight.ics")
    # 9路 and 101路 both pass until 01:00: the alarm is at 00:40 on the 9th, the same night.
    assert alarm_times(body) == [local("2026-05-09 00:40").astimezone(UTC)]
    [alarm] = icalendar.Calendar.from_ical(body).walk("VALARM")
    assert "Route 9 passes" in str(alarm["DESCRIPTION"]) and "1:00 after midnight" in str(alarm["DESCRIPTION"])


def test_a_half_past_midnight_start_tonight_is_tomorrows_date_even_after_midnight(client, at):
    venue = make_venue(name="夜市")
    make_serving(venue, make_route("9路"), last_run=dt.time(1, 30))
    make_event(slug="late", venue=venue, starts_at=dt.time(0, 30), ends_at=dt.time(2, 0))
    for now in ("2026-05-08 21:00", "2026-05-09 00:10"):  # both in the night of the 8th
        at(now)
        body = ics(client, "/events/late/tonight.ics")
        [occurrence] = occurrences(body)
        assert occurrence["DTSTART"].dt == local("2026-05-09 00:30"), now
        assert occurrence["DTEND"].dt == local("2026-05-09 02:00"), now
        assert alarm_times(body) == [local("2026-05-09 01:10").astimezone(UTC)], now


def test_a_last_departure_from_a_stop_is_named_in_the_alarm(client, at):
    at("2026-05-08 19:30")
    venue = make_venue(name="古街")
    make_serving(venue, make_route("53路"), last_run=dt.time(23, 0), stop=make_stop(name="石窟"))
    make_serving(venue, make_route("3路"), last_run=dt.time(22, 0))
    make_event(slug="show", venue=venue)
    [alarm] = icalendar.Calendar.from_ical(ics(client, "/events/show/tonight.ics")).walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == "20分钟后末班车：53路在石窟站最晚23:00发车。"


def test_without_a_published_last_run_there_is_no_alarm_and_the_page_says_so(client, plan, at):
    at("2026-05-08 19:30")
    body = ics(client, "/events/dabeimen-tangyao/tonight.ics")
    assert len(occurrences(body)) == 1
    assert icalendar.Calendar.from_ical(body).walk("VALARM") == []
    facts = text(section(page(client, "/en/events/dabeimen-tangyao/"), '<dl class="facts', "</dl>"))
    assert "“Add tonight” has no reminder: the plan publishes no last bus for this venue." in facts
    assert "reminds you" not in facts
    facts = text(section(page(client, "/events/dabeimen-tangyao/"), '<dl class="facts', "</dl>"))
    assert "“加入今晚”不含提醒：规划未公布此处的末班车时间。" in facts


def test_a_broadcast_tonight_has_no_alarm_and_no_word_of_buses(client, plan, at):
    at("2026-05-08 19:30")
    body = ics(client, "/events/gudu-ye-badian-tv/tonight.ics")
    assert [o["DTSTART"].dt for o in occurrences(body)] == [local("2026-05-08 20:00")]
    assert icalendar.Calendar.from_ical(body).walk("VALARM") == []
    facts = text(section(page(client, "/en/events/gudu-ye-badian-tv/"), '<dl class="facts', "</dl>"))
    assert "Add tonight (.ics)" in facts and "reminder" not in facts and "bus" not in facts


def test_a_special_on_its_night_is_one_all_day_event_with_the_alarm(client, plan, at):
    at("2020-05-08 19:30")
    body = ics(client, "/events/qidong-yishi/tonight.ics")
    [vevent] = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert vevent["DTSTART"].dt == dt.date(2020, 5, 8) and vevent["DTEND"].dt == dt.date(2020, 5, 9)
    assert alarm_times(body, "2020-05-01 00:00", "2020-06-01 00:00") == [local("2020-05-08 22:40").astimezone(UTC)]


def test_an_event_not_on_tonight_has_no_tonight_calendar_and_no_button(client, plan, at):
    at("2026-05-08 19:30")
    response = client.get("/en/events/qidong-yishi/tonight.ics")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "does not run tonight (May 8, 2026)" in response.content.decode()
    links = [a["text"] for a in anchors(page(client, "/en/events/qidong-yishi/")) if ".ics" in a["href"]]
    assert links == ["Add to my calendar (.ics)"]
    make_event(slug="later", first_night=dt.date(2026, 6, 1))
    assert client.get("/events/later/tonight.ics").status_code == 404
    assert [a["href"] for a in anchors(page(client, "/events/later/")) if ".ics" in a["href"]] == ["/events/later.ics"]


def test_a_draft_or_unknown_event_has_no_tonight_calendar(client, at):
    at("2026-05-08 19:30")
    make_event(slug="draft", status="draft")
    assert client.get("/events/draft/tonight.ics").status_code == 404
    assert client.get("/events/no-such-event/tonight.ics").status_code == 404


def test_tonight_and_the_series_have_different_uids_and_tonight_has_no_offer(client, plan, at):
    at("2020-05-10 19:30")  # the one-yuan offer runs 8-15 May 2020
    tonight = icalendar.Calendar.from_ical(ics(client, "/events/jiuzhouchi-chishang-fanhua/tonight.ics"))
    series = icalendar.Calendar.from_ical(ics(client, "/events/jiuzhouchi-chishang-fanhua.ics"))
    [one] = tonight.walk("VEVENT")
    assert str(one["UID"]).startswith("event-") and "-20200510@" in str(one["UID"])
    assert str(one["UID"]) not in {str(e["UID"]) for e in series.walk("VEVENT")}
    assert not any(OFFER in str(e["SUMMARY"]) for e in tonight.walk("VEVENT"))


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        ics(client, url)
    return len(queries)


def test_tonight_costs_the_same_few_queries_however_many_buses(client, at):
    at("2026-05-08 19:30")
    small = make_venue()
    make_serving(small, make_route(), last_run=dt.time(22, 0))
    make_stop(venue=small)
    make_event(slug="small", venue=small)
    big = make_venue()
    for minute in range(6):
        make_serving(big, make_route(), last_run=dt.time(22, minute))
    stop = make_stop(venue=big)
    for _ in range(3):
        make_serving(make_venue(), make_route(), last_run=dt.time(23, 0), stop=stop)
    make_event(slug="big", venue=big)
    ics(client, "/events/feed.ics")  # the page cache reads the publish windows once a minute
    # The event, its night changes, its venue's closures, the venue's servings, its stops and
    # their departures.
    assert queries_for(client, "/events/small/tonight.ics") == queries_for(client, "/events/big/tonight.ics") == 6
    # The departures from the stop bearing the venue's name hold its latest run.
    assert alarm_times(ics(client, "/events/big/tonight.ics")) == [local("2026-05-08 22:40").astimezone(UTC)]


# --- with the editors' changes ------------------------------------------------------------------

def test_a_night_cancelled_tonight_has_no_tonight_calendar_and_no_button(client, plan, at):
    at("2026-05-08 19:30")
    make_night_change(Event.objects.get(slug="luoyi-luoshui-jinghong"), NIGHT, reason_en="Cancelled for rain")
    response = client.get("/en/events/luoyi-luoshui-jinghong/tonight.ics")
    assert response.status_code == 404
    assert response.content.decode() == ("Luoyi Gucheng Luoshui Jinghong (Startled Swan on the Luo River) performance "
                                         "does not run tonight (May 8, 2026).\nCancelled tonight: Cancelled for rain\n")
    html = page(client, "/en/events/luoyi-luoshui-jinghong/")
    assert [a["text"] for a in anchors(html) if ".ics" in a["href"]] == ["Add every night (.ics)"]
    assert "Add tonight" not in text(section(html, '<dl class="facts', "</dl>"))


def test_a_night_moved_to_another_venue_is_added_there_with_its_last_bus(client, plan, at):
    at("2026-05-08 19:30")
    elsewhere = make_venue(name="室内剧场", name_en="Indoor Theatre")
    make_serving(elsewhere, make_route("88路"), last_run=dt.time(0, 20))
    make_night_change(Event.objects.get(slug="luoyi-luoshui-jinghong"), NIGHT, NightChangeKind.MOVED,
                      starts_at=dt.time(21, 0), venue=elsewhere)
    body = ics(client, "/events/luoyi-luoshui-jinghong/tonight.ics")
    [occurrence] = occurrences(body)
    assert occurrence["DTSTART"].dt == local("2026-05-08 21:00")
    assert str(occurrence["LOCATION"]).startswith("室内剧场")
    assert alarm_times(body) == [local("2026-05-09 00:00").astimezone(UTC)]
    facts = text(section(page(client, "/events/luoyi-luoshui-jinghong/"), '<dl class="facts', "</dl>"))
    assert "“加入今晚”会在凌晨0:00提醒您，即末班车前20分钟：88路，途经此处最晚 凌晨0:20。" in facts
    assert "室内剧场" in facts and "东花坛" not in facts  # directions to tonight's venue


def test_an_extra_night_tonight_can_be_added(client, at):
    at("2026-05-08 19:30")
    special = make_special(dt.date(2026, 5, 1), slug="gala", starts_at=dt.time(20, 0))
    make_night_change(special, NIGHT, NightChangeKind.EXTRA, starts_at=dt.time(21, 0))
    [occurrence] = occurrences(ics(client, "/events/gala/tonight.ics"))
    assert occurrence["DTSTART"].dt == local("2026-05-08 21:00")
    assert [a["href"] for a in anchors(page(client, "/events/gala/")) if ".ics" in a["href"]] == [
        "/events/gala/tonight.ics", "/events/gala.ics"]


# --- the page -----------------------------------------------------------------------------------

def test_the_page_offers_tonight_beside_every_night_and_says_when_the_reminder_rings(client, plan, at):
    at("2026-05-08 19:30")
    html = page(client, "/en/events/luoyi-luoshui-jinghong/")
    links = [{"href": a["href"], "text": a["text"]} for a in anchors(html) if ".ics" in a["href"]]
    assert links == [{"href": "/en/events/luoyi-luoshui-jinghong/tonight.ics", "text": "Add tonight (.ics)"},
                     {"href": "/en/events/luoyi-luoshui-jinghong.ics", "text": "Add every night (.ics)"}]
    facts = text(section(html, '<dl class="facts', "</dl>"))
    assert ("“Add tonight” reminds you at 22:40, 20 minutes before the last bus: Route 3, passing here "
            "until 23:00.") in facts
    html = page(client, "/events/luoyi-luoshui-jinghong/")
    assert [a["text"] for a in anchors(html) if ".ics" in a["href"]] == ["加入今晚（.ics）", "加入每晚（.ics）"]
    assert "“加入今晚”会在22:40提醒您，即末班车前20分钟：3路，途经此处最晚 23:00。" in text(
        section(html, '<dl class="facts', "</dl>"))


def test_the_page_names_a_departure_stop_in_the_reminder(client, at):
    at("2026-05-08 19:30")
    venue = make_venue(name="古街")
    make_serving(venue, make_route("53路"), last_run=dt.time(0, 10), stop=make_stop(name="石窟", name_en="Shiku"))
    make_event(slug="show", venue=venue)
    facts = text(section(page(client, "/en/events/show/"), '<dl class="facts', "</dl>"))
    assert ("“Add tonight” reminds you at 23:50, 20 minutes before the last bus: Route 53, last departure "
            "from Shiku 石窟 at 0:10 after midnight.") in facts


# --- no ended offer in any calendar -------------------------------------------------------------

def test_an_ended_offer_is_in_neither_the_events_calendar_nor_the_feeds(client, plan, at):
    at("2026-05-08 19:30")
    for url in ("/events/jiuzhouchi-chishang-fanhua.ics", "/events/feed.ics", "/events/feed.ics?theme=entertainment"):
        assert not any(OFFER in summary for summary in summaries(ics(client, url))), url


def test_a_running_or_upcoming_offer_is_still_in_the_calendars(client, at):
    at("2026-05-08 19:30")
    event = make_event(slug="show", name="夜演")
    make_offer(event, name="已结束", first_day=dt.date(2026, 5, 1), last_day=dt.date(2026, 5, 7))
    make_offer(event, name="最后一天", first_day=dt.date(2026, 5, 1), last_day=dt.date(2026, 5, 8))
    make_offer(event, name="下月", first_day=dt.date(2026, 6, 1), last_day=dt.date(2026, 6, 2))
    for url in ("/events/show.ics", "/events/feed.ics"):
        assert sorted(summaries(ics(client, url))) == ["下月 · 夜演", "夜演", "最后一天 · 夜演"], url
