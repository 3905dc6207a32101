"""Tonight and the last bus home: time left to each last run, 'gone', the all-gone warning, a
bus after an event ends, the last-bus board and the state of dated specials, at frozen moments."""

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import translation

from events.models import OfferState
from transit import wayback
from tests.factories import make_event, make_route, make_serving, make_special, make_stop, make_venue

pytestmark = pytest.mark.django_db

T = dt.time


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def way_back_text(client, url: str) -> str:
    html = client.get(url).content.decode()
    start = html.index('class="panel way-back"')
    return text(html[start:html.index("</section>", start)])


@pytest.fixture
def english():
    with translation.override("en"):
        yield


# --- minutes left, through the night ----------------------------------------------------------

@pytest.mark.parametrize("moment, last_run, left", [
    ("2026-05-08 22:20", T(23, 0), 40),
    ("2026-05-08 23:30", T(1, 0), 90),       # 01:00 is later the same night
    ("2026-05-09 00:40", T(1, 0), 20),       # after midnight, still tonight
    ("2026-05-08 19:30", T(1, 0), 330),
    ("2026-05-08 23:00", T(23, 0), 0),       # due this very minute: not gone yet
    ("2026-05-08 23:01", T(23, 0), None),
    ("2026-05-08 21:30", T(21, 10), None),
    ("2026-05-09 01:30", T(1, 0), None),
    ("2026-05-09 05:59", T(23, 0), None),    # the night is not over until 06:00
    ("2026-05-09 06:00", T(23, 0), 1020),    # a new night: due again
])
def test_minutes_left_follow_the_night(at, moment, last_run, left):
    at(moment)
    assert wayback.minutes_left(last_run) == left


@pytest.mark.parametrize("left, english_text", [
    (40, "last bus in 40 min"), (1, "last bus in 1 min"), (60, "last bus in 1 h"),
    (330, "last bus in 5 h 30 min"), (0, "last bus due now"), (None, "gone tonight"),
    (360, "last bus in 6 h"), (361, ""), (1075, ""),
])
def test_time_left_is_said_in_minutes_or_hours_and_never_negative(english, left, english_text):
    assert wayback.time_left_text(left) == english_text


# --- the way back from one place ----------------------------------------------------------------

def test_runs_are_latest_first_with_the_1am_run_before_the_2300_run(at):
    at("2026-05-08 22:20")
    venue = make_venue()
    late, early, unknown = (make_serving(venue, last_run=T(23, 0)), make_serving(venue, last_run=T(1, 0)),
                            make_serving(venue))
    back = wayback.way_back([late, unknown, early])
    assert [run.serving for run in back.runs] == [early, late]
    assert [run.minutes_left for run in back.runs] == [160, 40]
    assert back.unknown == [unknown]
    assert not back.all_gone


def test_after_the_last_published_run_every_run_is_gone(at):
    at("2026-05-09 01:10")
    venue = make_venue()
    back = wayback.way_back([make_serving(venue, last_run=T(1, 0)), make_serving(venue, last_run=T(22, 40))])
    assert all(run.gone for run in back.runs)
    assert back.all_gone


def test_one_run_still_to_come_is_not_all_gone(at):
    at("2026-05-08 23:30")
    venue = make_venue()
    back = wayback.way_back([make_serving(venue, last_run=T(1, 0)), make_serving(venue, last_run=T(22, 40))])
    assert [run.gone for run in back.runs] == [False, True]
    assert not back.all_gone


def test_a_place_with_no_published_last_run_is_not_called_all_gone(at):
    at("2026-05-09 02:00")
    venue = make_venue()
    back = wayback.way_back([make_serving(venue), make_serving(venue)])
    assert back.runs == [] and not back.all_gone


def test_departures_from_the_place_s_own_stop_count_for_the_warning(at):
    at("2026-05-08 23:10")
    stop = make_stop()
    departure = make_serving(make_venue(), last_run=T(23, 0), stop=stop)
    stop.departures_latest_first = [departure]
    back = wayback.way_back([], stops=[stop])
    assert back.departures == [(stop, [wayback.Run(departure, None)])]
    assert back.all_gone


@pytest.mark.parametrize("ends_at, routes_after", [
    (T(22, 0), ["9路", "3路"]),      # both leave after 22:00
    (T(23, 0), ["9路"]),            # a 23:00 bus is not one you catch when the show ends at 23:00
    (T(0, 30), ["9路"]),            # 01:00 is after 00:30
    (T(1, 30), []),
])
def test_an_event_end_time_says_which_buses_still_run_after_it(at, ends_at, routes_after):
    at("2026-05-08 19:30")
    venue = make_venue()
    servings = [make_serving(venue, make_route("3路"), last_run=T(23, 0)),
                make_serving(venue, make_route("9路"), last_run=T(1, 0))]
    back = wayback.way_back(servings, ends_at=ends_at)
    assert [run.serving.route.name for run in back.after_end] == routes_after


def test_the_page_changes_next_minute_while_a_bus_is_due_and_at_six_once_all_have_gone(at):
    venue = make_venue()
    servings = [make_serving(venue, last_run=T(23, 0))]
    at("2026-05-08 22:20")
    assert wayback.way_back(servings).changes_at.isoformat() == "2026-05-08T22:21:00+08:00"
    at("2026-05-09 00:40")
    assert wayback.way_back(servings).changes_at.isoformat() == "2026-05-09T06:00:00+08:00"


# --- the board --------------------------------------------------------------------------------

def test_the_board_groups_a_route_s_run_with_the_venues_it_serves_latest_first(at):
    at("2026-05-08 22:50")
    a, b, c = make_venue(name="甲"), make_venue(name="乙"), make_venue(name="丙")
    nine, three, seven = make_route("9路"), make_route("3路"), make_route("7路")
    stop = make_stop()
    servings = [make_serving(a, three, last_run=T(23, 0)), make_serving(a, nine, last_run=T(1, 0)),
                make_serving(b, nine, last_run=T(1, 0)), make_serving(c, seven, last_run=T(21, 10), stop=stop),
                make_serving(c, make_route("5路"))]
    rows = wayback.board(servings)
    assert [(row.run.serving.route.name, [v.name for v in row.venues], row.run.minutes_left) for row in rows] == [
        ("9路", ["甲", "乙"], 130), ("3路", ["甲"], 10), ("7路", ["丙"], None)]


# --- specials at the moment of viewing ----------------------------------------------------------

@pytest.mark.parametrize("moment, state", [
    ("2026-05-01 21:00", OfferState.UPCOMING),
    ("2026-05-08 19:59", OfferState.UPCOMING),   # its night, before its 20:00 start
    ("2026-05-08 20:00", OfferState.RUNNING),
    ("2026-05-09 01:30", OfferState.RUNNING),    # still its night, before its 02:00 end
    ("2026-05-09 02:00", OfferState.ENDED),
    ("2026-05-10 20:00", OfferState.ENDED),
])
def test_a_special_is_upcoming_running_or_ended_at_the_moment_of_viewing(at, moment, state):
    special = make_special(dt.date(2026, 5, 8), starts_at=T(20, 0), ends_at=T(2, 0))
    at(moment)
    assert special.dated_state() == state


def test_a_special_without_published_times_runs_its_whole_night(at):
    special = make_special(dt.date(2026, 5, 8))
    at("2026-05-08 07:00")
    assert special.dated_state() == OfferState.RUNNING
    at("2026-05-09 05:59")
    assert special.dated_state() == OfferState.RUNNING


def test_a_nightly_event_without_dates_has_no_state():
    assert make_event().dated_state() is None


# --- on the pages -------------------------------------------------------------------------------

def test_xigong_at_1930_says_the_1am_bus_is_in_5_h_30_min(client, plan, at):
    at("2026-05-08 19:30")
    said = way_back_text(client, "/en/venues/xigong-xiaojie/")
    assert said.count("last bus in 5 h 30 min") == 2
    assert "gone tonight" not in said and "has gone tonight" not in said


def test_luoyi_at_2220_says_route_3_in_40_min_and_route_7_gone(client, plan, at):
    at("2026-05-08 22:20")
    said = way_back_text(client, "/en/venues/luoyi-gucheng/")
    assert re.search(r"3 passes here until 23:00 last bus in 40 min", said), said
    assert re.search(r"7 walk to the East Flower Terrace 东花坛 stop: last departure at 21:10 gone tonight", said), said
    assert "Every last bus the plan publishes for here has gone tonight" not in said


def test_luoyi_after_2300_warns_that_every_published_last_bus_has_gone(client, plan, at):
    at("2026-05-08 23:05")
    said = way_back_text(client, "/en/venues/luoyi-gucheng/")
    assert "Every last bus the plan publishes for here has gone tonight" in said
    assert "Routes without a published last run may still be running" in said
    assert "last bus in" not in said


def test_the_chinese_page_warns_too_and_not_before_the_last_bus_has_gone(client, plan, at):
    at("2026-05-08 23:05")
    assert 'class="notice notice-gone"' in client.get("/venues/luoyi-gucheng/").content.decode()
    at("2026-05-08 22:59")
    assert 'notice-gone' not in client.get("/venues/luoyi-gucheng/").content.decode()


def test_the_longmen_grottoes_page_counts_down_to_the_2300_departure_from_its_stop(client, plan, at):
    at("2026-05-08 22:45")
    said = way_back_text(client, "/en/venues/longmen-shiku/")
    assert "at 23:00 last bus in 15 min" in said
    assert "No bus is published for here" not in said


def test_an_event_page_says_a_bus_still_runs_after_the_event_ends(client, at):
    at("2026-05-08 19:30")
    venue = make_venue()
    make_serving(venue, make_route("9路"), last_run=T(1, 0))
    make_serving(venue, make_route("3路"), last_run=T(22, 0))
    make_event(slug="late-show", venue=venue, ends_at=T(22, 30))
    said = way_back_text(client, "/en/events/late-show/")
    assert "After it ends at 22:30, a bus still runs: Route 9 until 1:00 after midnight." in said
    assert "No published last bus runs after it ends" not in said


def test_an_event_page_warns_when_no_bus_runs_after_the_event_ends(client, at):
    at("2026-05-08 19:30")
    venue = make_venue()
    make_serving(venue, make_route("3路"), last_run=T(22, 0))
    make_event(slug="late-show", venue=venue, ends_at=T(23, 30))
    said = way_back_text(client, "/en/events/late-show/")
    assert "No published last bus runs after it ends at 23:30." in said
    assert "a bus still runs" not in said


def test_an_event_without_an_end_time_says_nothing_about_after_it_ends(client, plan, at):
    at("2026-05-08 19:30")
    said = way_back_text(client, "/en/events/jiuzhouchi-chishang-fanhua/")
    assert "after it ends" not in said.lower()
    assert "last bus in 5 h 30 min" in said


def test_the_board_is_latest_first_with_the_quarters_and_the_time_left(client, plan, at):
    at("2026-05-08 22:50")
    html = client.get("/en/transit/").content.decode()
    board = html[html.index('class="runs panel board"'):html.index("</ul>", html.index('class="runs panel board"'))]
    rows = [text(row) for row in re.findall(r'<li class="run[^"]*">(.*?)</li>', board, re.S)]
    assert [row.split()[1] for row in rows] == ["9", "101", "3", "53", "75", "7"], rows
    assert "1:00 after midnight last bus in 2 h 10 min" in rows[0]
    assert all(name in rows[0] for name in ["Xigong Lane", "Old Town Crossroads Street", "Tianxin"]), rows[0]
    assert "last bus in 10 min" in rows[2] and "Luoyi Ancient Town" in rows[2]
    assert "gone tonight" in rows[4] and "gone tonight" in rows[5]


def test_the_2020_specials_show_as_ended_on_the_events_list(client, plan, at):
    at("2026-05-08 19:30")
    html = client.get("/en/events/?kind=special").content.decode()
    assert html.count('class="state state-ended"') == 2
    assert "state-running" not in html and "state-upcoming" not in html


def test_an_upcoming_special_shows_upcoming_with_its_night_and_start(client, at):
    at("2026-05-08 19:30")
    make_special(dt.date(2026, 5, 20), slug="fair", starts_at=T(19, 0))
    said = text(client.get("/en/events/fair/").content.decode())
    assert re.search(r"Upcoming May 20, 2026 · 19:00", said), said
    assert "Running" not in said and "Ended" not in said


def test_the_longmen_by_night_event_page_gives_the_2300_departure_from_the_grottoes_stop(client, plan, at):
    at("2026-05-08 22:45")
    said = way_back_text(client, "/en/events/yeyou-longmen/")
    assert "Departures from the Longmen Grottoes 龙门石窟 stop" in said
    assert "at 23:00 last bus in 15 min · serves Longmen Gujie (Longmen Ancient Street)" in said
    assert "No bus is published for here" not in said


@pytest.mark.usefixtures("plan")
def test_in_the_daytime_the_page_gives_the_times_without_a_countdown(client, at):
    at("2026-05-08 07:05")
    # What the page shows; the countdown's words for a saved copy ride in the script tag's data-*.
    said = way_back_text(client, "/en/venues/xigong-xiaojie/")
    assert "1:00 after midnight" in said
    assert "last bus in" not in said and "gone tonight" not in said
