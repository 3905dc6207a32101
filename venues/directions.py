"""Links that open a place in Amap (高德地图) or Baidu Maps (百度地图), searched by name and city.

We hold no coordinates (the plan publishes none), so both links are keyword searches limited to
the city: the map app or its web page shows its own match for the name. Both are web addresses
that work in a phone's browser without the app; Amap offers to open its app when installed
(`callnative=1`). Formats follow each vendor's URI API documentation:
- Amap: https://uri.amap.com/search?keyword=...&city=...&view=map&src=...&callnative=1
- Baidu: https://api.map.baidu.com/place/search?query=...&region=...&output=html&src=...
  (`output=html` is what makes it a web page; Baidu requires `src`, "webapp.<company>.<app>").
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

# Every venue of the plan is in Luoyang; the Chinese name is what both map apps search best.
CITY = "洛阳"
AMAP_SOURCE = "gudu-ye-badian"
BAIDU_SOURCE = "webapp.luoyang.gudu-ye-badian"


@dataclass(frozen=True)
class Directions:
    keyword: str
    amap: str
    baidu: str


def search_keyword(venue, place=None) -> str:
    """The text the map apps search for: the venue's Chinese name, plus the place inside it
    where there is one ("隋唐洛阳城国家遗址公园 九洲池"). Chinese whatever the page language:
    the apps' place names are Chinese."""
    return f"{venue.name} {place.name}" if place is not None else venue.name


def amap_url(keyword: str, city: str = CITY) -> str:
    return "https://uri.amap.com/search?" + urlencode(
        {"keyword": keyword, "city": city, "view": "map", "src": AMAP_SOURCE, "callnative": 1})


def baidu_url(keyword: str, city: str = CITY) -> str:
    return "https://api.map.baidu.com/place/search?" + urlencode(
        {"query": keyword, "region": city, "output": "html", "src": BAIDU_SOURCE})


def directions_for(venue, place=None) -> Directions | None:
    """Amap and Baidu links for a venue (and a place inside it), or None without a venue
    (broadcast programmes, online events): there is nowhere to go."""
    if venue is None:
        return None
    keyword = search_keyword(venue, place)
    return Directions(keyword=keyword, amap=amap_url(keyword), baidu=baidu_url(keyword))
