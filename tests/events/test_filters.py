"""EventFilter on its own: kind, theme, the night's date and night-aware start times."""

import datetime as dt

import pytest
from django.http import QueryDict

from events.filters import EventFilter
from events.models import Event, EventKind
from tests.factories import make_event, make_special, make_theme

pytestmark = pytest.mark.django_db


def bound(params):
    """EventFilter bound to `params` as a request would send them (a list repeats a parameter)."""
    query = QueryDict(mutable=True)
    for name, value in params.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return EventFilter(query, queryset=Event.objects.all())


def kept(params):
    """The events EventFilter keeps for `params` (asserting the input is valid)."""
    event_filter = bound(params)
    assert event_filter.is_valid(), event_filter.errors
    return set(event_filter.qs)


def errors_for(params):
    """The form's reasons for `params`, by field, as ValidationErrors (asserting the input is invalid)."""
    event_filter = bound(params)
    assert not event_filter.is_valid()
    return event_filter.form.errors.as_data()


def starting_at(clock):
    return make_event(starts_at=clock)


# --- kind and theme ---------------------------------------------------------------------------

def test_kind_keeps_only_events_of_that_kind():
    show = make_event(kind=EventKind.PERFORMANCE)
    make_event(kind=EventKind.PROGRAMME)
    make_special(dt.date(2020, 5, 8))
    assert kept({"kind": "performance"}) == {show}


def test_kind_special_keeps_the_dated_specials():
    make_event(kind=EventKind.ACTIVITY)
    launch = make_special(dt.date(2020, 5, 8))
    festival = make_special(dt.date(2020, 5, 16))
    assert kept({"kind": "special"}) == {launch, festival}


def test_theme_keeps_events_with_that_theme():
    entertainment, tour = make_theme(slug="entertainment"), make_theme(slug="night-tour")
    show = make_event(themes=[entertainment])
    make_event(themes=[tour])
    make_event()
    assert kept({"theme": "entertainment"}) == {show}


def test_a_repeated_theme_keeps_events_with_either_theme_once_each():
    shopping, food, tour = make_theme(slug="shopping"), make_theme(slug="food"), make_theme(slug="night-tour")
    both = make_event(themes=[shopping, food])
    market = make_event(themes=[shopping])
    make_event(themes=[tour])
    events = list(bound({"theme": ["shopping", "food"]}).qs)
    assert sorted(events, key=lambda e: e.pk) == [both, market]


# --- date -------------------------------------------------------------------------------------

def test_a_nightly_event_with_no_first_or_last_night_runs_on_any_date():
    nightly = make_event(first_night=None, last_night=None)
    for day in ("2020-05-08", "2026-05-08", "2031-12-31"):
        assert kept({"date": day}) == {nightly}


def test_an_event_whose_last_night_is_before_the_date_is_dropped():
    make_event(first_night=None, last_night=dt.date(2020, 5, 31))
    assert kept({"date": "2020-06-01"}) == set()


def test_an_event_is_kept_on_its_last_night():
    ending = make_event(first_night=None, last_night=dt.date(2020, 5, 31))
    assert kept({"date": "2020-05-31"}) == {ending}


def test_an_event_whose_first_night_is_after_the_date_is_dropped():
    make_event(first_night=dt.date(2026, 6, 1), last_night=None)
    assert kept({"date": "2026-05-31"}) == set()


def test_a_special_is_kept_only_on_its_own_night():
    launch = make_special(dt.date(2020, 5, 8))
    assert kept({"date": "2020-05-08"}) == {launch}
    assert kept({"date": "2020-05-07"}) == set()
    assert kept({"date": "2020-05-09"}) == set()


def test_date_brings_nightly_events_together_with_that_nights_specials():
    nightly = make_event()
    launch = make_special(dt.date(2020, 5, 8))
    make_special(dt.date(2020, 5, 16))
    assert kept({"date": "2020-05-08"}) == {nightly, launch}


# --- starts_after / starts_before -------------------------------------------------------------

def test_an_event_starting_at_0030_is_after_2240():
    small_hours = starting_at(dt.time(0, 30))
    starting_at(dt.time(20, 0))
    assert kept({"starts_after": "22:40"}) == {small_hours}


def test_starts_after_includes_an_event_starting_at_exactly_that_time():
    eight = starting_at(dt.time(20, 0))
    starting_at(dt.time(19, 59))
    assert kept({"starts_after": "20:00"}) == {eight}


def test_starts_before_2300_drops_an_event_starting_at_0100():
    evening = starting_at(dt.time(20, 0))
    starting_at(dt.time(1, 0))
    assert kept({"starts_before": "23:00"}) == {evening}


def test_starts_before_includes_an_event_starting_at_exactly_that_time():
    eleven = starting_at(dt.time(23, 0))
    starting_at(dt.time(23, 1))
    assert kept({"starts_before": "23:00"}) == {eleven}


def test_starts_after_and_before_make_a_window_across_midnight():
    starting_at(dt.time(21, 0))
    late = starting_at(dt.time(23, 30))
    small_hours = starting_at(dt.time(0, 30))
    starting_at(dt.time(2, 0))
    assert kept({"starts_after": "22:00", "starts_before": "01:00"}) == {late, small_hours}


def test_a_start_time_bound_drops_events_whose_start_is_not_published():
    make_special(dt.date(2020, 5, 8), starts_at=None)
    eight = starting_at(dt.time(20, 0))
    assert kept({"starts_after": "06:00"}) == {eight}


def test_parameters_combine_with_and():
    entertainment = make_theme(slug="entertainment")
    show = make_event(kind=EventKind.PERFORMANCE, themes=[entertainment], starts_at=dt.time(20, 0))
    make_event(kind=EventKind.ACTIVITY, themes=[entertainment], starts_at=dt.time(20, 0))
    make_event(kind=EventKind.PERFORMANCE, themes=[entertainment], starts_at=dt.time(18, 0))
    make_event(kind=EventKind.PERFORMANCE, starts_at=dt.time(20, 0))
    assert kept({"kind": "performance", "theme": "entertainment", "starts_after": "19:00"}) == {show}


# --- invalid input ----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["yesterday", "2020-13-01", "2020-02-30", "08/05/2020"])
def test_a_date_that_is_not_a_real_yyyy_mm_dd_is_refused_with_a_reason_on_date(value):
    errors = errors_for({"date": value})
    assert list(errors) == ["date"]
    assert errors["date"][0].code == "invalid"


@pytest.mark.parametrize("field", ["starts_after", "starts_before"])
def test_2599_is_refused_with_a_reason_on_that_field(field):
    errors = errors_for({field: "25:99"})
    assert list(errors) == [field]
    assert errors[field][0].code == "invalid"
    assert "HH:MM" in errors[field][0].messages[0]


def test_an_unknown_kind_is_refused_with_a_reason_on_kind():
    errors = errors_for({"kind": "concert"})
    assert list(errors) == ["kind"]
    assert errors["kind"][0].code == "invalid_choice"


def test_an_unknown_theme_is_refused_with_a_reason_on_theme():
    errors = errors_for({"theme": "nightclubs"})
    assert list(errors) == ["theme"]
    assert errors["theme"][0].code == "invalid_choice"


def test_each_bad_parameter_gets_its_own_reason():
    errors = errors_for({"date": "yesterday", "starts_after": "late", "kind": "concert"})
    assert set(errors) == {"date", "starts_after", "kind"}
