"""The city-wide board (/transit/ and the home page's latest buses): one line per route and time,
the time said once, the quarters named (each its own link), routes named by one rule in each
language."""

import re

import pytest

from tests.reading import page, route_badges, runs, section, text

pytestmark = pytest.mark.django_db


def board(html):
    return section(html, '<ul class="runs panel board">', "</ul>")


@pytest.mark.parametrize("url", ["/transit/", "/en/transit/", "/", "/en/"])
def test_each_line_says_its_time_once_and_nothing_about_here(client, plan, at, url):
    at("2026-05-08 19:30")
    lines = [text(item) for item in runs(board(page(client, url)))]
    assert lines
    for line in lines:
        clock = re.search(r"\d{1,2}:\d\d", line).group()
        assert line.count(clock) == 1, line
        assert "passes here" not in line and "途经此处" not in line, line


def test_a_line_names_the_quarters_it_serves_each_its_own_link_with_no_separator_to_strand(client, plan, at):
    at("2026-05-08 18:00")  # more than six hours before the 1:00 runs: no countdown yet
    chinese = board(page(client, "/transit/"))
    assert text(runs(chinese)[0]) == "9路 凌晨1:00 途经： 西工小街 老城十字街 天心文化产业园 隋唐洛阳城国家遗址公园"
    english = board(page(client, "/en/transit/"))
    assert text(runs(english)[0]) == ("Route 9 1:00 after midnight Serves: Xigong Lane Old Town Crossroads Street "
                                      "Tianxin Cultural Industry Park Sui-Tang Luoyang City National Heritage Park")
    assert re.findall(r'<a href="/en/venues/[^"]*">([^<]*)</a>', runs(english)[0]) == [
        "Xigong Lane", "Old Town Crossroads Street", "Tianxin Cultural Industry Park",
        "Sui-Tang Luoyang City National Heritage Park"]
    assert "、" not in english and "、" not in chinese


def test_a_departure_says_its_stop_once(client, plan, at):
    at("2026-05-08 19:30")
    english = text(board(page(client, "/en/transit/")))
    assert "Route 7 21:10 last departure from East Flower Terrace 东花坛 last bus in 1 h 40 min Serves: Luoyi Ancient Town" in english
    chinese = text(board(page(client, "/transit/")))
    assert "7路 21:10 东花坛最晚发车 末班车还有1小时40分钟 途经： 洛邑古城" in chinese


def test_every_numbered_route_has_lu_in_chinese_and_route_in_english(client, plan):
    chinese = route_badges(section(page(client, "/transit/"), '<ul class="route-index">', "</ul>"))
    english = route_badges(section(page(client, "/en/transit/"), '<ul class="route-index">', "</ul>"))
    assert chinese[-3:] == ["V8路", "V9路", "大数据产业园专线"]
    assert english[-3:] == ["Route V8", "Route V9", "Big Data Industrial Park Line"]
    assert all(label.endswith("路") for label in chinese[:-1])
    assert all(label.startswith("Route ") for label in english[:-1])


def test_a_route_page_and_a_venue_page_name_v9_by_the_same_rule(client, plan):
    assert "<h1>V9路</h1>" in page(client, "/transit/v9/")
    assert "<h1>Route V9</h1>" in page(client, "/en/transit/v9/")
    assert "V9路" in route_badges(page(client, "/venues/longmen-gujie/"))
