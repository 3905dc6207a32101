"""The rules of editors' changes, at frozen moments of the night of 8 May 2026: what a change
may say (clean), what an event is on a night (status_on), and which events count as on."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events.models import Event, EventChangeKind, Mark, NightChange, NightChangeKind
from tests.factories import (make_closure, make_event, make_event_change, make_night_change, make_place,
                             make_special, make_venue)

pytestmark = pytest.mark.django_db
NIGHT = dt.date(2026, 5, 8)
NEXT = dt.date(2026, 5, 9)


def errors(change) -> dict:
    """The reasons clean() gives, in English."""
    with translation.override("en"):
        with pytest.raises(ValidationError) as caught:
            change.full_clean()
        return caught.value.message_dict


def status(event, night=NIGHT):
    """The status as a page computes it, from the rows as a page loads them."""
    return Event.objects.for_listing(night).get(pk=event.pk).status_on(night)


# --- What a change may say --------------------------------------------------------------------

def test_a_cancelled_night_must_be_one_of_the_events_nights():
    event = make_event(first_night=dt.date(2026, 5, 10), last_night=dt.date(2026, 5, 20))
    found = errors(NightChange(event=event, night=NIGHT, reason="下雨"))
    assert "does not run that night" in found["night"][0]


def test_an_extra_night_must_not_be_one_of_the_events_nights():
    special = make_special(NIGHT)
    assert "already runs that night" in errors(NightChange(event=special, night=NIGHT, kind=NightChangeKind.EXTRA,
                                                           reason="加演"))["night"][0]
    make_night_change(special, NEXT, NightChangeKind.EXTRA)


def test_a_move_needs_a_new_time_or_place_different_from_the_plan():
    event = make_event(starts_at=dt.time(20, 0))
    assert "needs a new start time or a new place" in errors(
        NightChange(event=event, night=NIGHT, kind=NightChangeKind.MOVED, reason="改时间"))["kind"][0]
    same = NightChange(event=event, night=NIGHT, kind=NightChangeKind.MOVED, starts_at=dt.time(20, 0), reason="改时间")
    assert "kind" in errors(same)


def test_a_move_to_the_events_own_place_is_no_move():
    venue = make_venue()
    place = make_place(venue)
    event = make_event(venue=venue, place=place)
    change = NightChange(event=event, night=NIGHT, kind=NightChangeKind.MOVED, venue=venue, place=place, reason="同地")
    assert "kind" in errors(change)


def test_a_cancelled_night_has_no_new_time_or_place():
    event = make_event()
    found = errors(NightChange(event=event, night=NIGHT, starts_at=dt.time(21, 0), reason="下雨"))
    assert "no new time or place" in found["starts_at"][0]


def test_a_new_place_must_be_inside_the_venue_of_that_night():
    venue, elsewhere = make_venue(), make_venue()
    event = make_event(venue=venue)
    change = NightChange(event=event, night=NIGHT, kind=NightChangeKind.MOVED, place=make_place(elsewhere),
                         reason="换地方")
    assert "inside the venue" in errors(change)["place"][0]
    NightChange(event=event, night=NIGHT, kind=NightChangeKind.MOVED, venue=elsewhere,
                place=change.place, reason="换地方").full_clean()


def test_a_reason_in_chinese_is_required_and_english_is_optional():
    event = make_event()
    assert "reason" in errors(NightChange(event=event, night=NIGHT, reason=""))
    NightChange(event=event, night=NIGHT, reason="下雨", reason_en="").full_clean()


def test_a_reason_is_one_line():
    assert "reason" in errors(NightChange(event=make_event(), night=NIGHT, reason="下雨\n取消"))


def test_one_change_per_event_and_night():
    event = make_event()
    make_night_change(event, NIGHT)
    assert "already has a change for that night" in " ".join(
        errors(NightChange(event=event, night=NIGHT, reason="again"))["__all__"])
    with pytest.raises(IntegrityError), transaction.atomic():
        NightChange.objects.create(event=event, night=NIGHT, reason="again")


def test_the_night_defaults_to_tonight_after_midnight_too(at):
    at("2026-05-09 00:40")
    assert NightChange(event=make_event(), reason="下雨").night == NIGHT


def test_a_rescheduled_event_keeps_its_earlier_first_night_and_time_from_the_stored_row():
    event = make_event(first_night=NIGHT, starts_at=dt.time(20, 0))
    event.first_night, event.starts_at = dt.date(2026, 5, 15), dt.time(21, 0)  # the admin's unsaved values
    change = make_event_change(event, EventChangeKind.RESCHEDULED)
    assert (change.previous_first_night, change.previous_starts_at) == (NIGHT, dt.time(20, 0))


def test_a_reschedule_that_changes_nothing_is_refused_and_only_it_keeps_earlier_dates():
    event = make_event(first_night=NIGHT)
    from events.models import EventChange

    assert "needs a new first night or start time" in errors(
        EventChange(event=event, kind=EventChangeKind.RESCHEDULED, reason="改期"))["kind"][0]
    assert "Only a rescheduled event" in errors(EventChange(
        event=event, kind=EventChangeKind.CANCELLED, previous_first_night=NIGHT, reason="取消"))["kind"][0]


# --- What an event is on a night --------------------------------------------------------------

def test_a_cancelled_night_is_off_that_night_only(at):
    at("2026-05-08 19:30")
    event = make_event()
    make_night_change(event, NIGHT)
    tonight = status(event)
    assert tonight.is_off and tonight.mark == Mark.CANCELLED_NIGHT
    assert tonight.label == "今晚取消" or tonight.label == "Cancelled tonight"
    assert tonight.reason == "因降雨取消"
    assert not status(event, NEXT).mark


def test_a_move_from_2000_to_0030_is_later_that_night(at):
    at("2026-05-08 19:30")
    event = make_event(starts_at=dt.time(20, 0), ends_at=dt.time(21, 30))
    make_night_change(event, NIGHT, NightChangeKind.MOVED, starts_at=dt.time(0, 30))
    moved = status(event)
    assert moved.mark == Mark.NEW_TIME and not moved.is_off
    assert moved.starts_at == dt.time(0, 30)
    # 21:30 would end before it starts: that night's end is not known.
    assert moved.ends_at is None
    assert Event.objects.with_start_on(NIGHT).filter(start_that_night__gt=dt.time(23, 0)).get() == event
    assert not Event.objects.with_start_on(NEXT).filter(start_that_night__gt=dt.time(23, 0)).exists()


def test_a_closure_of_a_place_cancels_the_events_there_and_not_the_rest_of_the_venue():
    venue = make_venue()
    pool, gate = make_place(venue), make_place(venue)
    at_pool, at_gate = make_event(venue=venue, place=pool), make_event(venue=venue, place=gate)
    make_closure(venue, NIGHT, NEXT, place=pool)
    assert status(at_pool).mark == Mark.CLOSED and status(at_pool, NEXT).is_off
    assert not status(at_gate).mark
    assert set(Event.objects.on_night(NIGHT)) == {at_gate}
    assert set(Event.objects.cancelled_on(NIGHT)) == {at_pool}


def test_a_night_moved_elsewhere_is_on_although_its_own_place_is_closed():
    venue, indoors = make_venue(), make_venue()
    event = make_event(venue=venue)
    make_closure(venue, NIGHT)
    make_night_change(event, NIGHT, NightChangeKind.MOVED, venue=indoors)
    moved = status(event)
    assert moved.mark == Mark.MOVED and moved.venue == indoors and moved.place is None
    assert list(Event.objects.on_night(NIGHT)) == [event]


def test_a_whole_event_cancelled_or_postponed_is_on_no_night():
    cancelled, postponed, rescheduled = make_event(), make_event(), make_event(first_night=NIGHT)
    make_event_change(cancelled, EventChangeKind.CANCELLED)
    make_event_change(postponed, EventChangeKind.POSTPONED)
    rescheduled.first_night = NEXT
    rescheduled.save()
    make_event_change(rescheduled, EventChangeKind.RESCHEDULED, previous_first_night=NIGHT)
    assert set(Event.objects.on_night(NEXT)) == {rescheduled}
    assert set(Event.objects.cancelled_on(NEXT)) == {cancelled, postponed}
    assert status(cancelled, NEXT).mark == Mark.CANCELLED and status(postponed, NEXT).mark == Mark.POSTPONED
    assert status(rescheduled, NEXT).mark == Mark.RESCHEDULED and not status(rescheduled, NEXT).is_off


def test_an_extra_night_puts_a_special_on_that_night():
    special = make_special(NIGHT)
    make_night_change(special, NEXT, NightChangeKind.EXTRA, starts_at=dt.time(21, 0))
    assert list(Event.objects.on_night(NEXT)) == [special]
    assert list(Event.objects.specials_on(NEXT)) == [special]
    extra = status(special, NEXT)
    assert extra.mark == Mark.EXTRA and extra.starts_at == dt.time(21, 0)


def test_on_night_costs_one_query_at_any_number_of_changes(django_assert_num_queries):
    for _ in range(5):
        make_night_change(make_event(), NIGHT)
    # The first read after an edit makes the night's changes and keeps them (three queries).
    with django_assert_num_queries(4):
        assert list(Event.objects.on_night(NIGHT)) == []
    with django_assert_num_queries(1) as captured:
        assert list(Event.objects.on_night(NIGHT)) == []
    # Filtered on primary keys from the kept changes, not on change expressions.
    assert "EXISTS" not in captured.captured_queries[0]["sql"]


def test_the_kept_changes_of_a_night_follow_each_edit_at_once():
    event = make_event()
    assert list(Event.objects.on_night(NIGHT)) == [event]
    change = make_night_change(event, NIGHT)
    assert list(Event.objects.on_night(NIGHT)) == []
    assert list(Event.objects.cancelled_on(NIGHT)) == [event]
    change.delete()
    assert list(Event.objects.on_night(NIGHT)) == [event]
    assert list(Event.objects.cancelled_on(NIGHT)) == []


@pytest.mark.parametrize("moment", ["2026-05-08 19:30", "2026-05-08 20:30", "2026-05-09 00:40"])
def test_before_during_and_after_midnight_tonight_is_the_night_of_8_may(at, moment):
    at(moment)
    event = make_event()
    make_night_change(event, NIGHT)
    loaded = Event.objects.for_listing().get(pk=event.pk)
    assert loaded.status_on(NIGHT).label in ("今晚取消", "Cancelled tonight")
    assert list(Event.objects.on_night(NIGHT)) == []


def test_on_another_night_the_label_names_the_date(at):
    at("2026-05-07 12:00")
    event = make_event()
    make_night_change(event, NIGHT)
    assert status(event).label == "2026年5月8日取消"
