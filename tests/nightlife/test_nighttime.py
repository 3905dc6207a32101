import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django import forms
from django.utils import translation

from core import nighttime
from tests.factories import make_route, make_serving, make_venue
from transit.models import Serving

SHANGHAI = ZoneInfo("Asia/Shanghai")


def t(text):
    return nighttime.parse_clock(text)


def test_it_keeps_a_1am_bus_after_a_2300_bus():
    assert nighttime.to_minutes(t("01:00")) > nighttime.to_minutes(t("23:00"))


def test_it_puts_0030_after_2240():
    assert nighttime.sort_key(t("00:30")) > nighttime.sort_key(t("22:40"))


def test_the_night_starts_at_six_and_ends_at_0559():
    assert nighttime.to_minutes(t("06:00")) == 0
    assert nighttime.to_minutes(t("05:59")) == 24 * 60 - 1


def test_every_minute_round_trips_through_minutes_into_the_night():
    for minute in range(24 * 60):
        assert nighttime.to_minutes(nighttime.from_minutes(minute)) == minute


def test_sorting_clock_times_follows_the_night():
    times = [t(x) for x in ["01:00", "21:10", "23:00", "00:30", "22:40", "20:00"]]
    assert [x.strftime("%H:%M") for x in sorted(times, key=nighttime.sort_key)] == [
        "20:00", "21:10", "22:40", "23:00", "00:30", "01:00"]


def test_tonight_at_0040_is_still_the_night_that_began_the_day_before():
    moment = dt.datetime(2026, 5, 9, 0, 40, tzinfo=SHANGHAI)
    assert nighttime.tonight(moment) == dt.date(2026, 5, 8)


def test_tonight_changes_at_six_in_the_morning_in_luoyang_not_utc():
    assert nighttime.tonight(dt.datetime(2026, 5, 9, 5, 59, tzinfo=SHANGHAI)) == dt.date(2026, 5, 8)
    assert nighttime.tonight(dt.datetime(2026, 5, 9, 6, 0, tzinfo=SHANGHAI)) == dt.date(2026, 5, 9)
    # 23:00 UTC on the 8th is 07:00 on the 9th in Luoyang.
    assert nighttime.tonight(dt.datetime(2026, 5, 8, 23, 0, tzinfo=dt.UTC)) == dt.date(2026, 5, 9)


def test_tonight_follows_the_frozen_clock(at):
    at("2026-05-09 00:40")
    assert nighttime.tonight() == dt.date(2026, 5, 8)


@pytest.mark.parametrize("text", ["25:99", "24:00", "23:60", "late", "2400", "٢٣:٣٠", "", "1:2"])
def test_it_refuses_what_is_not_a_clock_time(text):
    with pytest.raises(ValueError):
        nighttime.parse_clock(text)


def test_the_form_field_explains_a_bad_time():
    field = nighttime.NightTimeFormField()
    with pytest.raises(forms.ValidationError) as error:
        field.clean("25:99")
    assert "HH:MM" in error.value.messages[0]
    assert field.clean("1:00") == dt.time(1, 0)
    assert field.clean("2300") == dt.time(23, 0)


def test_after_midnight_times_are_marked_never_written_as_25():
    with translation.override("zh-hans"):
        assert nighttime.format_clock(t("01:00")) == "凌晨1:00"
        assert nighttime.format_clock(t("23:00")) == "23:00"
    with translation.override("en"):
        assert nighttime.format_clock(t("01:00")) == "1:00 after midnight"
        assert nighttime.format_clock(t("21:10")) == "21:10"
    assert nighttime.format_clock(None) == ""


@pytest.mark.django_db
def test_the_database_sorts_and_filters_through_the_night():
    venue = make_venue()
    for clock in ["22:40", "01:00", "23:00", "00:30"]:
        make_serving(venue, make_route(), last_run=t(clock))
    make_serving(venue, make_route())  # no published last run
    ordered = [s.last_run for s in Serving.objects.filter(venue=venue).latest_first()]
    assert ordered == [t("01:00"), t("00:30"), t("23:00"), t("22:40"), None]
    later = Serving.objects.reachable_after(t("23:30"))
    assert sorted(s.last_run for s in later) == [t("00:30"), t("01:00")]


@pytest.mark.django_db
def test_a_stored_time_reads_back_as_the_clock_time_typed():
    serving = make_serving(make_venue(), last_run=t("01:00"))
    serving.refresh_from_db()
    assert serving.last_run == dt.time(1, 0)


def test_a_0600_end_closes_the_night_rather_than_opening_it():
    assert nighttime.end_minutes(t("06:00")) == 24 * 60
    assert nighttime.end_minutes(t("02:00")) == nighttime.to_minutes(t("02:00"))
    assert nighttime.end_minutes(t("06:00")) > nighttime.to_minutes(t("22:00"))


def test_a_time_of_night_falls_on_the_right_calendar_day():
    night = dt.date(2026, 5, 8)
    assert nighttime.moment_on_night(night, t("20:00")) == dt.datetime(2026, 5, 8, 20, 0, tzinfo=SHANGHAI)
    assert nighttime.moment_on_night(night, t("01:00")) == dt.datetime(2026, 5, 9, 1, 0, tzinfo=SHANGHAI)
    assert nighttime.moment_on_night(night, t("06:00"), end=True) == dt.datetime(2026, 5, 9, 6, 0, tzinfo=SHANGHAI)
