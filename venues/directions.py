"""Links that take a visitor to a venue (or a place inside it) with a map app.

Where an editor has pinned the place or its venue (venues.geo.Pin), the links plan a route
there by public transport: Amap and Baidu Maps in GCJ-02, the system they draw in, and for
visitors from abroad Apple Maps and a geo: URI (RFC 5870) in WGS-84. Without a pin (the plan
publishes no coordinates, and none are invented) Amap and Baidu search for the Chinese name in
Luoyang and show their own match. All are web addresses that work in a phone's browser without
the app; Amap offers to open its app when installed (`callnative=1`). Formats follow each
vendor's URI API documentation:
- Amap: https://uri.amap.com/search?keyword=...&city=...&view=map&src=...&callnative=1 and
  https://uri.amap.com/navigation?to=lon,lat,name&mode=bus&coordinate=gaode&src=...&callnative=1
  (no `from`: the app starts from where the phone is).
- Baidu: https://api.map.baidu.com/place/search?query=...&region=...&output=html&src=... and
  https://api.map.baidu.com/direction?destination=latlng:lat,lng|name:...&mode=transit&region=...
  &coord_type=gcj02&output=html&src=... (`output=html` is what makes it a web page; Baidu
  requires `src`, "webapp.<company>.<app>", and `region` for transit).
- Apple Maps: https://maps.apple.com/?daddr=lat,lng&dirflg=r (r: public transport).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from venues.geo import Pin

# Every venue of the plan is in Luoyang; the Chinese name is what both map apps search best.
CITY = "洛阳"
AMAP_SOURCE = "gudu-ye-badian"
BAIDU_SOURCE = "webapp.luoyang.gudu-ye-badian"


@dataclass(frozen=True)
class Directions:
    """The links of a Directions row. `name`: what the links search for, or what the pin marks.
    `apple` and `geo` are empty without a pin. `far_departures`: the venue's servings whose
    published last run leaves from a stop that does not bear the venue's name (东花坛)."""

    name: str
    amap: str
    baidu: str
    apple: str = ""
    geo: str = ""
    far_departures: tuple = ()

    @property
    def pinned(self) -> bool:
        return bool(self.geo)


def search_keyword(venue, place=None) -> str:
    """The text the map apps search for: the venue's Chinese name, plus the place inside it
    where there is one ("隋唐洛阳城国家遗址公园 九洲池"). Chinese whatever the page language:
    the apps' place names are Chinese."""
    return f"{venue.name} {place.name}" if place is not None else venue.name


def _query(params: dict) -> str:
    # Commas, colons and bars stay readable: they separate the parts of Amap's and Baidu's values.
    return urlencode(params, safe=",:|", quote_via=quote)


def _label(name: str) -> str:
    """A name inside a value whose parts are separated by commas (Amap) or a bar (Baidu)."""
    return " ".join(name.replace(",", " ").replace("|", " ").split())


def _degrees(point: tuple[float, float]) -> tuple[str, str]:
    return f"{point[0]:.6f}", f"{point[1]:.6f}"


def amap_url(keyword: str, city: str = CITY) -> str:
    return "https://uri.amap.com/search?" + _query(
        {"keyword": keyword, "city": city, "view": "map", "src": AMAP_SOURCE, "callnative": 1})


def baidu_url(keyword: str, city: str = CITY) -> str:
    return "https://api.map.baidu.com/place/search?" + _query(
        {"query": keyword, "region": city, "output": "html", "src": BAIDU_SOURCE})


def amap_route_url(pin: Pin, name: str) -> str:
    """Amap's public-transport route from where the phone is to the pin (GCJ-02, lon before lat)."""
    lat, lon = _degrees(pin.gcj02)
    return "https://uri.amap.com/navigation?" + _query(
        {"to": f"{lon},{lat},{_label(name)}", "mode": "bus", "coordinate": "gaode", "src": AMAP_SOURCE,
         "callnative": 1})


def baidu_route_url(pin: Pin, name: str, city: str = CITY) -> str:
    """Baidu's public-transport route to the pin (GCJ-02, lat before lng)."""
    lat, lon = _degrees(pin.gcj02)
    return "https://api.map.baidu.com/direction?" + _query(
        {"destination": f"latlng:{lat},{lon}|name:{_label(name)}", "mode": "transit", "region": city,
         "coord_type": "gcj02", "output": "html", "src": BAIDU_SOURCE})


def apple_route_url(pin: Pin) -> str:
    lat, lon = _degrees(pin.wgs84)
    return f"https://maps.apple.com/?daddr={lat},{lon}&dirflg=r"


def geo_uri(pin: Pin) -> str:
    lat, lon = _degrees(pin.wgs84)
    return f"geo:{lat},{lon}"


def far_departures(venue, servings) -> tuple:
    """Of `servings` (the venue's, with last_run_stop loaded), those whose published last run
    departs from a stop not bearing the venue's name: the bus leaves elsewhere. No queries."""
    return tuple(s for s in servings if s.departs and s.last_run_stop.venue_id != venue.pk)


def directions_for(venue, place=None, servings=()) -> Directions | None:
    """The Directions of a venue (and a place inside it), or None without a venue (broadcast
    programmes, online events): there is nowhere to go. The place's pin, else the venue's,
    else a search by name. `servings`: the venue's, for `far_departures`. No queries."""
    if venue is None:
        return None
    departures = far_departures(venue, servings)
    target = place if place is not None and place.pin is not None else venue
    if target.pin is None:
        keyword = search_keyword(venue, place)
        return Directions(name=keyword, amap=amap_url(keyword), baidu=baidu_url(keyword),
                          far_departures=departures)
    name = search_keyword(venue, place if target is place else None)
    return Directions(name=name, amap=amap_route_url(target.pin, name), baidu=baidu_route_url(target.pin, name),
                      apple=apple_route_url(target.pin), geo=geo_uri(target.pin), far_departures=departures)
