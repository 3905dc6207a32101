"""Directions: Amap and Baidu Maps searches by name and city, in a new tab, no coordinates."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.factories import make_event, make_place, make_venue
from tests.html_parts import anchors
from venues.directions import CITY, amap_url, baidu_url, directions_for

COORDINATE_PARAMS = {"position", "center", "location", "coordinate", "coord_type", "lat", "lng", "latlng"}


def query(url):
    parts = urlsplit(url)
    return parts, {key: values[0] for key, values in parse_qs(parts.query).items()}


def test_amap_link_is_the_documented_web_search_by_keyword_and_city():
    parts, params = query(amap_url("西工小街"))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "uri.amap.com", "/search")
    assert params["keyword"] == "西工小街"
    assert params["city"] == "洛阳"
    assert params["src"]  # recommended by Amap to identify the caller
    assert params["callnative"] == "1"  # offer the app where installed; the web page otherwise
    assert not COORDINATE_PARAMS & params.keys()


def test_baidu_link_is_a_web_page_with_the_src_baidu_requires():
    parts, params = query(baidu_url("西工小街"))
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "api.map.baidu.com", "/place/search")
    assert params["query"] == "西工小街"
    assert params["region"] == "洛阳"
    assert params["output"] == "html"
    assert params["src"].startswith("webapp.")
    assert not COORDINATE_PARAMS & params.keys()


@pytest.mark.django_db
def test_a_place_inside_the_venue_is_added_to_the_search():
    venue = make_venue(name="隋唐洛阳城国家遗址公园")
    directions = directions_for(venue, make_place(venue, name="九洲池"))
    assert directions.keyword == "隋唐洛阳城国家遗址公园 九洲池"
    assert query(directions.amap)[1]["keyword"] == "隋唐洛阳城国家遗址公园 九洲池"
    assert query(directions.baidu)[1]["query"] == "隋唐洛阳城国家遗址公园 九洲池"


def test_without_a_venue_there_are_no_directions():
    assert directions_for(None) is None


def map_links(html):
    return [a for a in anchors(html) if a.get("href", "").startswith(("https://uri.amap.com/", "https://api.map.baidu.com/"))]


@pytest.mark.django_db
def test_venue_page_opens_both_maps_in_a_new_tab_by_its_chinese_name(client, plan):
    html = client.get("/en/venues/xigong-xiaojie/").content.decode()
    links = map_links(html)
    assert [a["text"] for a in links] == ["Amap", "Baidu Maps"]
    for link in links:
        assert link["target"] == "_blank"
        assert "noopener" in link["rel"].split()
    assert query(links[0]["href"])[1]["keyword"] == "西工小街"
    assert query(links[1]["href"])[1]["query"] == "西工小街"
    assert "Searches “西工小街” in Luoyang; opens in a new tab." in html


@pytest.mark.django_db
def test_event_page_searches_the_venue_and_the_place_inside_it(client, plan):
    links = map_links(client.get("/events/jiuzhouchi-chishang-fanhua/").content.decode())
    assert len(links) == 2
    assert query(links[0]["href"])[1]["keyword"] == "隋唐洛阳城国家遗址公园 九洲池"
    assert query(links[1]["href"])[1]["region"] == CITY


@pytest.mark.django_db
def test_event_without_a_place_searches_the_venue_alone(client, plan):
    links = map_links(client.get("/events/yeyou-longmen/").content.decode())
    assert query(links[0]["href"])[1]["keyword"] == "龙门石窟"


@pytest.mark.django_db
def test_broadcast_programmes_and_online_events_have_no_directions(client, plan):
    for slug in ("gudu-ye-badian-tv", "gudu-ye-badian-radio", "wuyiliu-woyaogou"):
        html = client.get(f"/en/events/{slug}/").content.decode()
        assert map_links(html) == [], slug
        assert "Directions" not in html, slug


@pytest.mark.django_db
def test_directions_are_in_the_facts_panel(client):
    venue = make_venue(slug="street", name="老街")
    make_event(slug="show", venue=venue)
    for url in ("/en/venues/street/", "/en/events/show/"):
        html = client.get(url).content.decode()
        facts = html[html.index('<dl class="facts'):html.index("</dl>")]
        assert "<dt>Directions</dt>" in facts, url
        assert "uri.amap.com" in facts and "api.map.baidu.com" in facts, url
