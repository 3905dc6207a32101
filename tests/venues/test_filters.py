"""VenueFilter on its own: what each /venues/ parameter keeps and drops, night-aware."""

import datetime as dt

import pytest
from django.http import QueryDict

from tests.factories import make_route, make_serving, make_stop, make_theme, make_venue
from venues.filters import VenueFilter
from venues.models import Venue

pytestmark = pytest.mark.django_db


def bound(params):
    """VenueFilter bound to `params` as a request would send them (a list repeats a parameter)."""
    query = QueryDict(mutable=True)
    for name, value in params.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return VenueFilter(query, queryset=Venue.objects.all())


def kept(params):
    """The venues VenueFilter keeps for `params` (asserting the input is valid)."""
    venue_filter = bound(params)
    assert venue_filter.is_valid(), venue_filter.errors
    return set(venue_filter.qs)


def errors_for(params):
    """The form's reasons for `params`, by field, as ValidationErrors (asserting the input is invalid)."""
    venue_filter = bound(params)
    assert not venue_filter.is_valid()
    return venue_filter.form.errors.as_data()


def venue_with_last_run(clock, **kwargs):
    venue = make_venue()
    make_serving(venue, last_run=clock, **kwargs)
    return venue


# --- theme ------------------------------------------------------------------------------------

def test_theme_keeps_venues_with_that_theme_and_drops_the_others():
    food, shopping = make_theme(slug="food"), make_theme(slug="shopping")
    street = make_venue(themes=[food])
    mall = make_venue(themes=[shopping])
    assert kept({"theme": "food"}) == {street}
    assert mall not in kept({"theme": "food"})


def test_a_venue_with_two_matching_themes_is_listed_once():
    food, shopping = make_theme(slug="food"), make_theme(slug="shopping")
    both = make_venue(themes=[food, shopping])
    assert list(bound({"theme": ["food", "shopping"]}).qs) == [both]


def test_a_repeated_theme_keeps_venues_with_either_theme():
    food, shopping, tour = make_theme(slug="food"), make_theme(slug="shopping"), make_theme(slug="night-tour")
    street = make_venue(themes=[food])
    mall = make_venue(themes=[shopping])
    make_venue(themes=[tour])
    assert kept({"theme": ["food", "shopping"]}) == {street, mall}


# --- bus_after --------------------------------------------------------------------------------

def test_it_keeps_a_1am_bus_for_bus_after_2330():
    late = venue_with_last_run(dt.time(1, 0))
    assert kept({"bus_after": "23:30"}) == {late}


def test_bus_after_2330_drops_last_runs_at_2240_and_2300():
    late = venue_with_last_run(dt.time(1, 0))
    venue_with_last_run(dt.time(22, 40))
    venue_with_last_run(dt.time(23, 0))
    assert kept({"bus_after": "23:30"}) == {late}


def test_bus_after_includes_a_last_run_at_exactly_that_time():
    on_the_dot = venue_with_last_run(dt.time(23, 0))
    assert kept({"bus_after": "23:00"}) == {on_the_dot}


def test_bus_after_drops_a_venue_whose_last_run_is_not_published():
    unknown = make_venue()
    make_serving(unknown, last_run=None)
    make_venue()  # no routes at all
    late = venue_with_last_run(dt.time(1, 0))
    assert kept({"bus_after": "20:00"}) == {late}


def test_bus_after_counts_a_2110_departure_from_a_stop_as_published():
    departs = venue_with_last_run(dt.time(21, 10), stop=make_stop(name="东花坛"))
    assert kept({"bus_after": "21:00"}) == {departs}
    assert kept({"bus_after": "21:30"}) == set()


def test_bus_after_keeps_a_venue_once_when_several_routes_qualify():
    venue = make_venue()
    make_serving(venue, last_run=dt.time(1, 0))
    make_serving(venue, last_run=dt.time(0, 30))
    assert list(bound({"bus_after": "23:30"}).qs) == [venue]


# --- open_at ----------------------------------------------------------------------------------

def test_open_at_keeps_a_24_hour_venue_at_any_time():
    all_day = make_venue(open_all_day=True)
    for clock in ("03:00", "12:00", "21:00"):
        assert kept({"open_at": clock}) == {all_day}


@pytest.mark.parametrize("clock", ["01:00", "23:00", "18:00"])
def test_open_at_keeps_an_1800_to_0200_venue_while_it_is_open(clock):
    evening = make_venue(opens_at=dt.time(18, 0), closes_at=dt.time(2, 0))
    assert kept({"open_at": clock}) == {evening}


@pytest.mark.parametrize("clock", ["03:00", "17:00"])
def test_open_at_drops_an_1800_to_0200_venue_while_it_is_closed(clock):
    make_venue(opens_at=dt.time(18, 0), closes_at=dt.time(2, 0))
    assert kept({"open_at": clock}) == set()


def test_open_at_keeps_a_venue_open_until_0600_in_the_small_hours():
    dawn = make_venue(opens_at=dt.time(22, 0), closes_at=dt.time(6, 0))
    dawn.full_clean()  # hours the model accepts
    assert kept({"open_at": "03:00"}) == {dawn}


def test_open_at_drops_a_venue_whose_hours_are_not_published():
    make_venue(open_all_day=False, opens_at=None, closes_at=None)
    all_day = make_venue(open_all_day=True)
    assert kept({"open_at": "21:00"}) == {all_day}


# --- route ------------------------------------------------------------------------------------

def test_route_keeps_the_venues_that_route_serves():
    nine, three = make_route("9路", slug="9"), make_route("3路", slug="3")
    served = make_venue()
    other = make_venue()
    make_serving(served, nine)
    make_serving(other, three)
    assert kept({"route": "9"}) == {served}


def test_route_counts_a_route_whose_last_run_is_not_published():
    nine = make_route("9路", slug="9")
    served = make_venue()
    make_serving(served, nine, last_run=None)
    assert kept({"route": "9"}) == {served}


# --- q ----------------------------------------------------------------------------------------

def test_q_finds_a_venue_by_its_chinese_name():
    xigong = make_venue(name="西工小街", name_en="Xigong Xiaojie (Xigong Lane)")
    make_venue(name="洛邑古城", name_en="Luoyi Gucheng (Luoyi Ancient Town)")
    assert kept({"q": "西工"}) == {xigong}


def test_q_finds_a_venue_by_its_english_name_ignoring_case():
    longmen = make_venue(name="龙门古街", name_en="Longmen Gujie (Longmen Ancient Street)")
    make_venue(name="洛邑古城", name_en="Luoyi Gucheng (Luoyi Ancient Town)")
    assert kept({"q": "longmen"}) == {longmen}


def test_q_of_100_characters_is_accepted():
    assert kept({"q": "街" * 100}) == set()


def test_q_over_100_characters_is_invalid():
    errors = errors_for({"q": "街" * 101})
    assert list(errors) == ["q"]
    assert errors["q"][0].code == "max_length"


# --- hours ------------------------------------------------------------------------------------

def test_hours_unpublished_keeps_only_venues_without_published_hours():
    unknown = make_venue()
    make_venue(open_all_day=True)
    make_venue(opens_at=dt.time(18, 0), closes_at=dt.time(2, 0))
    assert kept({"hours": "unpublished"}) == {unknown}


def test_hours_published_keeps_24_hour_venues_and_venues_with_times():
    make_venue()
    all_day = make_venue(open_all_day=True)
    evening = make_venue(opens_at=dt.time(18, 0), closes_at=dt.time(2, 0))
    assert kept({"hours": "published"}) == {all_day, evening}


# --- combining --------------------------------------------------------------------------------

def test_parameters_combine_with_and():
    food, shopping = make_theme(slug="food"), make_theme(slug="shopping")
    late_food = make_venue(themes=[food])
    make_serving(late_food, last_run=dt.time(1, 0))
    early_food = make_venue(themes=[food])
    make_serving(early_food, last_run=dt.time(22, 40))
    late_shopping = make_venue(themes=[shopping])
    make_serving(late_shopping, last_run=dt.time(1, 0))
    assert kept({"theme": "food", "bus_after": "23:30"}) == {late_food}


def test_theme_route_and_open_at_all_have_to_match():
    food = make_theme(slug="food")
    nine = make_route("9路", slug="9")
    match = make_venue(themes=[food], open_all_day=True)
    make_serving(match, nine)
    closed = make_venue(themes=[food], opens_at=dt.time(18, 0), closes_at=dt.time(22, 0))
    make_serving(closed, nine)
    other_route = make_venue(themes=[food], open_all_day=True)
    make_serving(other_route, make_route("3路", slug="3"))
    assert kept({"theme": "food", "route": "9", "open_at": "23:00"}) == {match}


def test_unknown_parameters_are_ignored():
    venue = make_venue()
    assert kept({"colour": "red", "page": "1"}) == {venue}


# --- invalid input ----------------------------------------------------------------------------

@pytest.mark.parametrize("field", ["bus_after", "open_at"])
@pytest.mark.parametrize("value", ["25:99", "late", "24:00", "23:60"])
def test_a_clock_time_that_does_not_exist_is_refused_with_a_reason_on_that_field(field, value):
    errors = errors_for({field: value})
    assert list(errors) == [field]
    assert [error.code for error in errors[field]] == ["invalid"]
    assert "HH:MM" in errors[field][0].messages[0]


def test_an_unknown_theme_slug_is_refused_with_a_reason_on_theme():
    make_theme(slug="food")
    errors = errors_for({"theme": ["food", "nightclubs"]})
    assert list(errors) == ["theme"]
    assert errors["theme"][0].code == "invalid_choice"
    assert "nightclubs" in errors["theme"][0].messages[0]


def test_an_unknown_route_is_refused_with_a_reason_on_route():
    make_route("9路", slug="9")
    errors = errors_for({"route": "999"})
    assert list(errors) == ["route"]
    assert errors["route"][0].code == "invalid_choice"


def test_an_unknown_hours_value_is_refused_with_a_reason_on_hours():
    assert list(errors_for({"hours": "sometimes"})) == ["hours"]
