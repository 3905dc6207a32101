"""Editors' changes in calendars, read back by two parsers (icalendar with recurring-ical-events,
and vobject): one cancelled night is an overriding instance with RECURRENCE-ID and
STATUS:CANCELLED, the rest of the series untouched; a move has a new DTSTART and a higher
SEQUENCE; a whole event cancelled is STATUS:CANCELLED itself."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject

from events.models import Event, EventChangeKind, NightChangeKind
from tests.factories import make_closure, make_event, make_event_change, make_night_change, make_special, make_venue

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
NIGHT = dt.date(2026, 5, 8)
SLUG = "jiuzhouchi-chishang-fanhua"


def local(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=SHANGHAI)


def ics(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def expanded(body: bytes, first="2026-05-07 12:00", last="2026-05-11 12:00") -> dict:
    """{start: STATUS or ''} of each occurrence between two moments (recurring-ical-events)."""
    cal = icalendar.Calendar.from_ical(body)
    return {occurrence["DTSTART"].dt: str(occurrence.get("STATUS", ""))
            for occurrence in recurring_ical_events.of(cal).between(local(first), local(last))}


def vobject_events(body: bytes) -> list:
    """The event's VEVENTs (its offers' left out), as vobject reads them."""
    return [vevent for vevent in vobject.readOne(body.decode()).vevent_list if vevent.uid.value.startswith("event-")]


def test_a_night_cancelled_for_rain_is_cancelled_for_that_night_only(client, plan, at):
    at("2026-05-08 19:30")
    make_night_change(Event.objects.get(slug=SLUG), NIGHT, reason="因降雨取消", reason_en="Cancelled for rain")
    body = ics(client, f"/en/events/{SLUG}.ics")
    assert expanded(body) == {local("2026-05-08 20:00"): "CANCELLED", local("2026-05-09 20:00"): "",
                              local("2026-05-10 20:00"): ""}
    series, override = vobject_events(body)
    assert not hasattr(series, "status") and series.uid.value == override.uid.value
    assert override.recurrence_id.value == local("2026-05-08 20:00")
    assert override.status.value == "CANCELLED"
    assert override.description.value.startswith("Cancelled tonight: Cancelled for rain")
    # The series still has every night, the cancelled one overridden, not removed.
    assert local("2026-05-09 20:00") in list(itertools.islice(series.getrruleset(), 3))


def test_a_move_to_0030_has_a_new_start_that_night_and_a_higher_sequence(client, plan, at):
    at("2026-05-08 19:30")
    make_night_change(Event.objects.get(slug=SLUG), NIGHT, NightChangeKind.MOVED, starts_at=dt.time(0, 30))
    body = ics(client, f"/events/{SLUG}.ics")
    starts = expanded(body)
    assert local("2026-05-09 00:30") in starts and local("2026-05-08 20:00") not in starts
    assert local("2026-05-09 20:00") in starts
    series, override = vobject_events(body)
    assert override.recurrence_id.value == local("2026-05-08 20:00")
    assert override.dtstart.value == local("2026-05-09 00:30")
    assert int(override.sequence.value) > int(getattr(series, "sequence", None).value if hasattr(series, "sequence") else 0)
    assert not hasattr(override, "status")


def test_a_move_elsewhere_changes_the_location_of_that_night(client, at):
    at("2026-05-08 19:30")
    indoors = make_venue(name="室内剧场", name_en="Indoor Theatre")
    event = make_event(slug="show", venue=make_venue())
    make_night_change(event, NIGHT, NightChangeKind.MOVED, venue=indoors)
    series, override = vobject_events(ics(client, "/events/show.ics"))
    assert "室内剧场" in override.location.value and "室内剧场" not in series.location.value


def test_a_whole_event_cancelled_is_cancelled_with_no_overrides(client, at):
    at("2026-05-08 19:30")
    event = make_event(slug="show")
    make_night_change(event, NIGHT)
    make_event_change(event, EventChangeKind.CANCELLED)
    body = ics(client, "/events/show.ics")
    (only,) = vobject_events(body)
    assert only.status.value == "CANCELLED"
    assert set(expanded(body).values()) == {"CANCELLED"}


def test_a_rescheduled_event_has_sequence_1_and_its_new_first_night(client, at):
    at("2026-05-08 19:30")
    event = make_event(slug="show", first_night=dt.date(2026, 5, 20))
    make_event_change(event, EventChangeKind.RESCHEDULED, previous_first_night=NIGHT)
    (only,) = vobject_events(ics(client, "/events/show.ics"))
    assert only.dtstart.value == local("2026-05-20 20:00")
    assert int(only.sequence.value) == 1
    assert "2026年5月8日" in only.description.value


def test_a_one_night_special_takes_its_cancellation_itself(client, at):
    at("2026-05-08 19:30")
    make_night_change(make_special(NIGHT, slug="gala"), NIGHT)
    (only,) = vobject_events(ics(client, "/events/gala.ics"))
    assert only.status.value == "CANCELLED" and not hasattr(only, "recurrence_id")


def test_a_closure_cancels_each_night_it_spans(client, at):
    at("2026-05-08 19:30")
    venue = make_venue()
    make_event(slug="show", venue=venue)
    make_closure(venue, NIGHT, dt.date(2026, 5, 9))
    assert expanded(ics(client, "/events/show.ics")) == {
        local("2026-05-08 20:00"): "CANCELLED", local("2026-05-09 20:00"): "CANCELLED",
        local("2026-05-10 20:00"): ""}


def test_an_extra_night_of_a_special_is_in_the_calendar(client, at):
    at("2026-05-08 19:30")
    special = make_special(NIGHT, slug="gala", starts_at=dt.time(20, 0))
    make_night_change(special, dt.date(2026, 5, 10), NightChangeKind.EXTRA, starts_at=dt.time(21, 0))
    assert sorted(expanded(ics(client, "/events/gala.ics"))) == [local("2026-05-08 20:00"), local("2026-05-10 21:00")]


def test_the_feed_carries_the_changes_in_a_constant_number_of_queries(client, at, django_assert_num_queries):
    at("2026-05-08 19:30")
    for slug in ("a", "b"):
        make_night_change(make_event(slug=slug, venue=make_venue()), NIGHT)
    ics(client, "/events/feed.ics?kind=special")  # another page: the cache's generation and publish boundary
    # The events, their night changes, their venues' closures, their offers.
    with django_assert_num_queries(4):
        body = ics(client, "/events/feed.ics")
    cal = icalendar.Calendar.from_ical(body)
    tonight = recurring_ical_events.of(cal).between(local("2026-05-08 12:00"), local("2026-05-09 12:00"))
    assert [str(occurrence["STATUS"]) for occurrence in tonight] == ["CANCELLED", "CANCELLED"]
