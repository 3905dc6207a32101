"""Directions without a pin: Amap and Baidu Maps search by name and city, in a new tab, with no
coordinates (pins: test_directions_pins.py); a last run leaving from a stop elsewhere is said."""

from urllib.parse import parse_qs, urlsplit

import datetime as dt

import pytest

from tests.factories import make_event, make_place, make_route, make_serving, make_stop, make_venue
from tests.html_parts import anchors
from tests.reading import section, text
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
    assert directions.name == "隋唐洛阳城国家遗址公园 九洲池"
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
    # In English, where they go and in which language (issue 22); the text is English, the sites Chinese.
    assert [a["text"] for a in links] == ["Amap (in Chinese)", "Baidu Maps (in Chinese)"]
    assert [(a.get("lang"), a.get("hreflang")) for a in links] == [(None, "zh-Hans"), (None, "zh-Hans")]
    assert not [a for a in anchors(html) if a["href"].startswith(("geo:", "https://maps.apple.com/"))]
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


@pytest.mark.django_db
def test_a_last_run_leaving_from_a_stop_elsewhere_is_said_not_to_be_at_the_venue(client, plan):
    for url, expected in (
            ("/events/luoyi-luoshui-jinghong/", "7路末班车从东花坛站发车，不在本场所门口。"),
            ("/en/venues/luoyi-gucheng/",
             "Route 7's last run leaves from the East Flower Terrace 东花坛 stop, not at the venue."),
            # 53路 leaves from the 龙门石窟 stop: not at 龙门古街 ...
            ("/en/venues/longmen-gujie/",
             "Route 53's last run leaves from the Longmen Grottoes 龙门石窟 stop, not at the venue.")):
        facts = text(section(client.get(url).content.decode(), '<dl class="facts', "</dl>"))
        assert expected in facts, url
    # ... but at 龙门石窟 itself, whose name the stop bears; and 3路 passes 洛邑古城 itself.
    for url in ("/en/venues/longmen-shiku/", "/en/events/yeyou-longmen/"):
        assert "not at the venue" not in client.get(url).content.decode(), url
    assert "Route 3" not in text(section(client.get("/en/venues/luoyi-gucheng/").content.decode(),
                                         '<dl class="facts', "</dl>"))


@pytest.mark.django_db
def test_a_route_without_a_published_last_run_says_nothing_of_stops(client):
    venue = make_venue(slug="street")
    make_serving(venue, make_route("5路"))
    make_serving(venue, make_route("6路"), last_run=dt.time(22, 0))
    make_serving(make_venue(), make_route("8路"), last_run=dt.time(22, 0), stop=make_stop(venue=venue))
    assert "not at the venue" not in client.get("/en/venues/street/").content.decode()
