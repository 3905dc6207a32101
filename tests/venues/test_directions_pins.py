"""Directions that route: an editor pins a venue or a place inside it (GCJ-02 or WGS-84, checked
in the admin), and its map buttons plan a route there by public transport, Apple Maps and geo:
included; JSON-LD gains `geo`. The coordinate conversion is checked against published points."""

import math
from urllib.parse import quote

import pytest

from tests.admin.helpers import editor, open_form, set_field, zh
from tests.factories import make_event, make_place, make_venue
from tests.html_parts import anchors, jsonld
from tests.reading import page, section, text
from venues.directions import directions_for
from venues.geo import CHINA, GCJ02, WGS84, Pin, gcj02_to_wgs84, wgs84_to_gcj02
from venues.models import Place, Venue

# (WGS-84 lat, lng, GCJ-02 lat, lng): Shanghai, Shenzhen, Beijing, the test points published with
# googollee/eviltransform, whose GCJ-02 side is Amap's.
KNOWN = [
    (31.1774276, 121.5272106, 31.17530398364597, 121.531541859215),
    (22.543847, 113.912316, 22.540796131694766, 113.9171764808363),
    (39.911954, 116.377817, 39.91334545536069, 116.38404722455657),
]
# The Beijing point, as an editor would copy it from Amap's picker (GCJ-02, six decimals).
BEIJING_GCJ02 = ("39.913345", "116.384047")
BEIJING_WGS84 = "39.911954,116.377817"
AMAP_SRC, BAIDU_SRC = "src=gudu-ye-badian", "src=webapp.luoyang.gudu-ye-badian"


def metres(a, b) -> float:
    """Great-circle distance between two (lat, lng) points on a 6,371 km sphere."""
    (lat1, lng1), (lat2, lng2) = (tuple(math.radians(v) for v in point) for point in (a, b))
    cos = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lng1 - lng2)
    return 6_371_000 * math.acos(min(1.0, cos))


def pinned(obj, latitude, longitude, system=GCJ02):
    obj.latitude, obj.longitude, obj.coordinate_system = latitude, longitude, system
    obj.full_clean()
    obj.save()
    return obj


# --- the conversion -------------------------------------------------------------------------

@pytest.mark.parametrize("wgs_lat, wgs_lng, gcj_lat, gcj_lng", KNOWN)
def test_the_conversion_matches_published_points_within_10_m(wgs_lat, wgs_lng, gcj_lat, gcj_lng):
    assert metres(wgs84_to_gcj02(wgs_lat, wgs_lng), (gcj_lat, gcj_lng)) < 10
    assert metres(gcj02_to_wgs84(gcj_lat, gcj_lng), (wgs_lat, wgs_lng)) < 10
    # The offset is real: treating one system as the other would be hundreds of metres off.
    assert metres((wgs_lat, wgs_lng), (gcj_lat, gcj_lng)) > 400


def test_a_luoyang_point_goes_there_and_back_within_a_metre():
    gcj = (34.619717, 112.453926)
    assert metres(wgs84_to_gcj02(*gcj02_to_wgs84(*gcj)), gcj) < 1


def test_outside_china_nothing_is_converted():
    assert gcj02_to_wgs84(35.681236, 139.767125) == (35.681236, 139.767125)  # Tokyo
    assert CHINA == (0.8293, 55.8271, 72.004, 137.8347)


# --- the links --------------------------------------------------------------------------------

@pytest.mark.django_db
def test_without_a_pin_the_links_search_by_name_as_before():
    venue = make_venue(name="洛邑古城")
    directions = directions_for(venue)
    assert not directions.pinned and directions.apple == "" and directions.geo == ""
    assert directions.amap == ("https://uri.amap.com/search?keyword=%E6%B4%9B%E9%82%91%E5%8F%A4%E5%9F%8E"
                               f"&city=%E6%B4%9B%E9%98%B3&view=map&{AMAP_SRC}&callnative=1")
    assert directions.baidu == ("https://api.map.baidu.com/place/search?query=%E6%B4%9B%E9%82%91%E5%8F%A4%E5%9F%8E"
                                f"&region=%E6%B4%9B%E9%98%B3&output=html&{BAIDU_SRC}")


@pytest.mark.django_db
def test_a_pinned_venue_gets_transit_routes_in_gcj02_and_apple_and_geo_in_wgs84():
    venue = pinned(make_venue(name="洛邑古城"), *BEIJING_GCJ02)
    directions = directions_for(venue)
    name = quote("洛邑古城")
    assert directions.amap == (f"https://uri.amap.com/navigation?to=116.384047,39.913345,{name}"
                               f"&mode=bus&coordinate=gaode&{AMAP_SRC}&callnative=1")
    assert directions.baidu == (f"https://api.map.baidu.com/direction?destination=latlng:39.913345,116.384047|name:{name}"
                                f"&mode=transit&region={quote('洛阳')}&coord_type=gcj02&output=html&{BAIDU_SRC}")
    assert directions.apple == f"https://maps.apple.com/?daddr={BEIJING_WGS84}&dirflg=r"
    assert directions.geo == f"geo:{BEIJING_WGS84}"
    assert metres(tuple(map(float, BEIJING_WGS84.split(","))), KNOWN[2][:2]) < 10


@pytest.mark.django_db
def test_a_pin_given_in_wgs84_is_converted_for_amap_and_baidu_and_kept_for_apple():
    venue = pinned(make_venue(name="夜市"), "39.911954", "116.377817", WGS84)
    directions = directions_for(venue)
    assert directions.amap.startswith("https://uri.amap.com/navigation?to=116.384047,39.913345,")
    assert "destination=latlng:39.913345,116.384047|" in directions.baidu
    assert directions.apple == "https://maps.apple.com/?daddr=39.911954,116.377817&dirflg=r"


@pytest.mark.django_db
def test_a_pinned_place_wins_over_its_venue_and_an_unpinned_place_routes_to_the_venue():
    venue = pinned(make_venue(name="公园"), "34.619717", "112.453926")
    pool = pinned(make_place(venue, name="九洲池"), "34.621000", "112.450000")
    gate = make_place(venue, name="应天门")
    to_pool = directions_for(venue, pool)
    assert to_pool.name == "公园 九洲池"
    assert to_pool.amap.startswith(f"https://uri.amap.com/navigation?to=112.450000,34.621000,{quote('公园 九洲池')}&")
    to_gate = directions_for(venue, gate)
    assert to_gate.name == "公园"  # the pin is the park's, so the route is named for the park
    assert to_gate.amap.startswith(f"https://uri.amap.com/navigation?to=112.453926,34.619717,{quote('公园')}&")


@pytest.mark.django_db
def test_a_comma_or_bar_in_a_name_cannot_break_the_route_values():
    venue = pinned(make_venue(name="夜市,东|西"), *BEIJING_GCJ02)
    directions = directions_for(venue)
    assert f"to=116.384047,39.913345,{quote('夜市 东 西')}&" in directions.amap
    assert f"|name:{quote('夜市 东 西')}&" in directions.baidu


# --- the pages --------------------------------------------------------------------------------

def direction_links(html):
    return anchors(section(html, '<dd class="directions">', "</dd>"))


@pytest.mark.django_db
@pytest.mark.parametrize("prefix, texts, note", [
    ("/en", ["Amap (in Chinese)", "Baidu Maps (in Chinese)", "Apple Maps", "Other map app"],
     "Plans a route by public transport to “公园 九洲池”, at the spot our editors pinned; opens in a new tab."),
    ("", ["高德地图", "百度地图", "Apple 地图", "其他地图应用"],
     "按编辑标注的位置，规划乘公共交通前往“公园 九洲池”的路线；在新标签页打开。"),
])
def test_the_event_page_offers_four_routes_in_new_tabs_in_both_languages(client, prefix, texts, note):
    venue = pinned(make_venue(name="公园"), "34.619717", "112.453926")
    make_event(slug="show", venue=venue, place=pinned(make_place(venue, name="九洲池"), *BEIJING_GCJ02))
    html = page(client, f"{prefix}/events/show/")
    links = direction_links(html)
    assert [a["text"] for a in links] == texts
    assert [a["href"].split("?")[0].split(":")[0] for a in links] == ["https", "https", "https", "geo"]
    assert links[3]["href"] == f"geo:{BEIJING_WGS84}"
    for link in links:
        assert link["target"] == "_blank" and "noopener" in link["rel"].split()
    assert [a.get("hreflang") for a in links] == ["zh-Hans", "zh-Hans", None, None]
    facts = text(section(html, '<dl class="facts', "</dl>"))
    assert note in facts
    assert "Searches" not in facts and "搜索" not in facts


@pytest.mark.django_db
def test_the_shipped_plan_pins_nothing(client, plan):
    assert not Venue.objects.filter(latitude__isnull=False).exists()
    assert not Place.objects.filter(latitude__isnull=False).exists()
    html = page(client, "/en/events/jiuzhouchi-chishang-fanhua/")
    assert [a["text"] for a in direction_links(html)][:2] == ["Amap (in Chinese)", "Baidu Maps (in Chinese)"]
    assert "Apple Maps" not in html and "geo:" not in html


@pytest.mark.django_db
def test_the_venue_json_ld_gains_geo_in_wgs84_for_the_venue_and_its_pinned_places(client):
    venue = pinned(make_venue(slug="park", name="公园"), *BEIJING_GCJ02)
    pinned(make_place(venue, name="九洲池", position=1), "39.911954", "116.377817", WGS84)
    make_place(venue, name="应天门", position=2)
    [data] = jsonld(page(client, "/venues/park/"))
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 39.911954, "longitude": 116.377817}
    assert [place.get("geo") for place in data["containsPlace"]] == [
        {"@type": "GeoCoordinates", "latitude": 39.911954, "longitude": 116.377817}, None]
    make_venue(slug="unpinned")
    assert "geo" not in jsonld(page(client, "/venues/unpinned/"))[0]


# --- the admin --------------------------------------------------------------------------------

@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


def post_pin(editor_client, venue, latitude, longitude, system=GCJ02):
    url, data = open_form(editor_client, venue)
    set_field(data, "latitude", latitude)
    set_field(data, "longitude", longitude)
    set_field(data, "coordinate_system", system)
    return editor_client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize("system", [GCJ02, WGS84])
def test_the_admin_refuses_a_pin_outside_china_with_the_reason(editor_client, system):
    venue = make_venue()
    response = post_pin(editor_client, venue, "35.681236", "139.767125", system)  # Tokyo
    assert response.status_code == 200
    assert zh("This spot is outside China (latitude %(south)s to %(north)s, longitude %(west)s to %(east)s), "
              "where the venues are and where GCJ-02 is defined.",
              south="0.8293", north="55.8271", west="72.004", east="137.8347") in response.content.decode()
    venue.refresh_from_db()
    assert venue.latitude is None and venue.longitude is None


@pytest.mark.django_db
def test_the_admin_says_when_latitude_and_longitude_look_swapped(editor_client):
    venue = make_venue()
    response = post_pin(editor_client, venue, "112.453926", "34.619717")
    assert response.status_code == 200
    assert zh("Latitude and longitude look swapped: Amap's coordinate picker gives longitude first "
              "(in Luoyang about 112.4, 34.6).") in response.content.decode()


@pytest.mark.django_db
def test_the_admin_wants_both_numbers_or_neither(editor_client):
    venue = make_venue()
    response = post_pin(editor_client, venue, "34.619717", "")
    assert response.status_code == 200
    assert zh("Give both the latitude and the longitude, or neither.") in response.content.decode()


@pytest.mark.django_db
def test_the_admin_saves_a_luoyang_pin_and_the_page_routes_to_it(editor_client, client):
    venue = make_venue(slug="street", name="老街")
    assert post_pin(editor_client, venue, "34.619717", "112.453926").status_code == 302
    venue.refresh_from_db()
    assert venue.pin == Pin(gcj02=(34.619717, 112.453926), wgs84=(34.620729, 112.44766))
    html = page(client, "/venues/street/")
    assert f"https://uri.amap.com/navigation?to=112.453926,34.619717,{quote('老街')}&amp;mode=bus" in html
    assert "https://maps.apple.com/?daddr=34.620729,112.447660&amp;dirflg=r" in html


@pytest.mark.django_db
def test_the_admin_says_where_to_get_coordinates_in_both_languages(editor_client):
    venue = make_venue()
    html = editor_client.get(open_form(editor_client, venue)[0]).content.decode()
    assert "lbs.amap.com/tools/picker" in html and zh("GCJ-02 (Amap, maps in China)") in html
    html = editor_client.get(open_form(editor_client, venue)[0], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Copy it from Amap's coordinate picker (lbs.amap.com/tools/picker)" in html
    assert "GCJ-02 (Amap, maps in China)" in html


@pytest.mark.django_db
def test_a_place_is_pinned_in_the_venue_page_inline_with_the_same_checks(editor_client):
    venue = make_venue()
    place = make_place(venue, name="九洲池")
    url, data = open_form(editor_client, venue)
    prefix = next(key[:-len("id")] for key, value in data.items()
                  if key.startswith("places-") and key.endswith("-id") and value == [str(place.pk)])
    set_field(data, prefix + "latitude", "35.681236")
    set_field(data, prefix + "longitude", "139.767125")
    assert editor_client.post(url, data).status_code == 200
    set_field(data, prefix + "latitude", "34.621000")
    set_field(data, prefix + "longitude", "112.450000")
    assert editor_client.post(url, data).status_code == 302
    place.refresh_from_db()
    assert place.pin.gcj02 == (34.621, 112.45)
