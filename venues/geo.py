"""A pinned spot and the two coordinate systems it may be given in: GCJ-02 and WGS-84.

Maps in China (Amap, Baidu with coord_type=gcj02, Tencent) draw in GCJ-02, the state's
obfuscated system, which lies a few hundred metres off WGS-84 (GPS, Apple Maps' links, geo:
URIs, schema.org). Editors copy a pin from Amap's coordinate picker, so it is usually GCJ-02;
we keep it as entered and convert when a link or a page needs the other system.

The conversion is the published reconstruction of the GCJ-02 offset (Krasovsky 1940 ellipsoid,
a = 6378245 m, e^2 = 0.00669342162296594323), as in googollee/eviltransform and
wandergis/coordtransform: WGS-84 to GCJ-02 is that closed form; GCJ-02 to WGS-84 has none, so
it is the forward transform inverted by fixed-point iteration (the offset varies by millimetres
over a few hundred metres, so three rounds are well under a metre). GCJ-02 is defined only
inside the box CHINA; the published algorithm leaves points outside unchanged.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# (south, north, west, east) in degrees: the box in which the published algorithm offsets points.
CHINA = (0.8293, 55.8271, 72.004, 137.8347)
_A = 6378245.0
_EE = 0.00669342162296594323
GCJ02, WGS84 = "gcj02", "wgs84"


def in_china(latitude: float, longitude: float) -> bool:
    south, north, west, east = CHINA
    return south <= latitude <= north and west <= longitude <= east


def _offset(latitude: float, longitude: float) -> tuple[float, float]:
    """The GCJ-02 offset (degrees of latitude, degrees of longitude) at a WGS-84 point."""
    x, y = longitude - 105.0, latitude - 35.0
    shared = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d_lat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x)) + shared
             + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
             + (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0)
    d_lon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x)) + shared
             + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
             + (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0)
    radians = latitude / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radians) ** 2
    d_lat = d_lat * 180.0 / ((_A * (1 - _EE)) / (magic * math.sqrt(magic)) * math.pi)
    d_lon = d_lon * 180.0 / (_A / math.sqrt(magic) * math.cos(radians) * math.pi)
    return d_lat, d_lon


def wgs84_to_gcj02(latitude: float, longitude: float) -> tuple[float, float]:
    """(latitude, longitude) in GCJ-02 for a WGS-84 point; unchanged outside CHINA."""
    if not in_china(latitude, longitude):
        return latitude, longitude
    d_lat, d_lon = _offset(latitude, longitude)
    return latitude + d_lat, longitude + d_lon


def gcj02_to_wgs84(latitude: float, longitude: float) -> tuple[float, float]:
    """(latitude, longitude) in WGS-84 for a GCJ-02 point, to well under a metre; unchanged
    outside CHINA."""
    if not in_china(latitude, longitude):
        return latitude, longitude
    wgs_lat, wgs_lon = latitude, longitude
    for _ in range(3):
        d_lat, d_lon = _offset(wgs_lat, wgs_lon)
        wgs_lat, wgs_lon = latitude - d_lat, longitude - d_lon
    return wgs_lat, wgs_lon


@dataclass(frozen=True)
class Pin:
    """A spot an editor pinned, in both systems, as (latitude, longitude) rounded to 6 decimals
    (about 0.1 m): `gcj02` for Amap and Baidu, `wgs84` for Apple Maps, geo: and JSON-LD."""

    gcj02: tuple[float, float]
    wgs84: tuple[float, float]

    @classmethod
    def of(cls, latitude: float, longitude: float, system: str) -> Pin:
        """The pin at (latitude, longitude) given in `system` (GCJ02 or WGS84)."""
        given = (latitude, longitude)
        other = gcj02_to_wgs84(*given) if system == GCJ02 else wgs84_to_gcj02(*given)
        gcj02, wgs84 = (given, other) if system == GCJ02 else (other, given)
        return cls(gcj02=_rounded(gcj02), wgs84=_rounded(wgs84))


def _rounded(point: tuple[float, float]) -> tuple[float, float]:
    return round(point[0], 6), round(point[1], 6)
