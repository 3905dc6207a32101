"""A venue's page: slogan, hours, routes and the way back."""

import re

import pytest

from tests.reading import (
    page,
    route_badges,
    run_for,
    runs,
    section,
    text,
)

pytestmark = pytest.mark.django_db


def test_xigong_shows_its_slogan_and_its_24_hour_note(client, plan):
    html = page(client, "/venues/xigong-xiaojie/")
    assert '<p class="slogan">老汤 老料 老味道</p>' in html
    assert "“24小时营业”是方案为整条街提出的目标" in html


def test_xigong_in_english_says_24_hours(client, plan):
    facts = text(section(page(client, "/en/venues/xigong-xiaojie/"), '<dl class="facts', "</dl>"))
    assert "24 hours" in facts
    assert "Round-the-clock opening is the plan's aim" in facts


def test_xigong_lists_its_1am_routes_before_routes_without_a_published_last_run(client, plan):
    way_back = section(page(client, "/venues/xigong-xiaojie/"), 'class="panel way-back"')
    assert route_badges(way_back) == ["9路", "101路", "1路", "2路", "5路", "8路", "17路", "33路", "59路", "103路"]
    assert "1:00" in run_for(way_back, "9路") and "1:00" in run_for(way_back, "101路")
    assert [route_badges(item) for item in runs(way_back)] == [["9路"], ["101路"]]


def test_xigong_in_english_says_last_run_not_published_for_the_others(client, plan):
    way_back = text(section(page(client, "/en/venues/xigong-xiaojie/"), 'class="panel way-back"'))
    published, _, unpublished = way_back.partition("last run not published")
    assert unpublished, "no 'last run not published' wording"
    assert "Route 9 passes here until 1:00 after midnight" in published
    assert "Route 101 passes here until 1:00 after midnight" in published
    for number in (1, 2, 5, 8, 17, 33, 59, 103):
        assert re.search(rf"\bRoute {number}\b", unpublished), number
        assert not re.search(rf"\bRoute {number}\b", published), number


def test_luoyi_lists_route_3_at_2300_before_the_2110_departure_of_route_7(client, plan):
    way_back = section(page(client, "/venues/luoyi-gucheng/"), 'class="panel way-back"')
    assert "23:00" in run_for(way_back, "3路")
    seven = run_for(way_back, "7路")
    assert "东花坛" in seven and "21:10" in seven
    assert route_badges(way_back)[:2] == ["3路", "7路"]
    assert way_back.index(">3路</a>") < way_back.index(">7路</a>")


def test_luoyi_in_english_says_route_7_leaves_from_donghuatan(client, plan):
    way_back = section(page(client, "/en/venues/luoyi-gucheng/"), 'class="panel way-back"')
    # A stop a walk away, named in English with the Chinese on its sign beside it (issue 22).
    assert "walk to the East Flower Terrace 东花坛 stop: last departure at 21:10" in text(run_for(way_back, "Route 7"))
    assert "passes here until 23:00" in text(run_for(way_back, "Route 3"))


def test_longmen_grottoes_shows_the_route_53_departure_from_its_own_stop(client, plan):
    way_back = section(page(client, "/venues/longmen-shiku/"), 'class="panel way-back"')
    departure = run_for(way_back, "53路")
    assert "23:00" in departure and "龙门石窟" in departure and "龙门古街" in departure


def test_longmen_grottoes_in_english_names_the_stop_and_the_destination(client, plan):
    way_back = text(section(page(client, "/en/venues/longmen-shiku/"), 'class="panel way-back"'))
    assert "Departures from the Longmen Grottoes 龙门石窟 stop" in way_back
    assert "last departure from Longmen Grottoes 龙门石窟 at 23:00" in way_back
    assert "Longmen Gujie (Longmen Ancient Street)" in way_back
