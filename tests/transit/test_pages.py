"""/transit/: the last-bus board and each route's page."""

import re

import pytest

from tests.reading import (
    page,
    route_badges,
    runs,
    section,
)

pytestmark = pytest.mark.django_db


def test_the_board_lists_the_12_published_last_runs_latest_first(client, plan):
    # One row per route and last run, naming every venue that run serves: 12 runs in 6 rows.
    board = section(page(client, "/transit/"), '<ul class="runs panel board">', "</ul>")
    times = re.findall(r'<strong class="time">([^<]*)</strong>', board)
    assert len(runs(board)) == len(times) == 6
    assert all("1:00" in clock for clock in times[:2])
    assert times[2:] == ["23:00", "23:00", "22:40", "21:10"]
    assert route_badges(board) == ["9路", "101路", "3路", "53路", "75路", "7路"]
    served = [re.findall(r'<a href="/venues/[^"]*">', item) for item in runs(board)]
    assert [len(venues) for venues in served] == [4, 4, 1, 1, 1, 1]


def test_the_board_in_english_spells_the_1am_runs_as_after_midnight(client, plan):
    board = section(page(client, "/en/transit/"), '<ul class="runs panel board">', "</ul>")
    times = re.findall(r'<strong class="time">([^<]*)</strong>', board)
    assert times == ["1:00 after midnight"] * 2 + ["23:00", "23:00", "22:40", "21:10"]


def test_the_board_lists_every_route_including_v9_and_the_big_data_line(client, plan):
    index = section(page(client, "/transit/"), '<ul class="route-index">', "</ul>")
    badges = route_badges(index)
    assert len(badges) == 43
    # The plan writes V9 without 路 and V8路 with it: pages say both the same way.
    assert "V9路" in badges and "V9" not in badges and "大数据产业园专线" in badges
    assert badges.index("2路") < badges.index("17路") < badges.index("106路") < badges.index("V8路")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_route_in_the_index_links_to_its_own_page_in_the_same_language(client, plan, prefix):
    from django.utils import translation

    from transit.models import Route

    index = section(page(client, f"{prefix}/transit/"), '<ul class="route-index">', "</ul>")
    links = re.findall(r'<a class="route-badge" href="([^"]*)">([^<]*)</a>', index)
    with translation.override("en" if prefix else "zh-hans"):
        expected = [(route.get_absolute_url(), route.label) for route in Route.objects.all()]
    assert links == expected
    assert ("/en/transit/9/" if prefix else "/transit/9/", "Route 9" if prefix else "9路") in links
    for url, _ in links[:3]:
        assert client.get(url).status_code == 200


def test_route_9_page_lists_the_venues_it_serves(client, plan):
    served = section(page(client, "/transit/9/"), 'id="served"')
    venues = re.findall(r'<a href="/venues/[^"]*">([^<]*)</a>', served)
    assert venues == ["西工小街", "老城十字街", "天心文化产业园", "隋唐洛阳城国家遗址公园"]
    assert "东方文创园" not in served
