"""The public pages the browser tests visit, in Chinese; each is also visited under /en/.

Lists, details, filtered lists, a 400 (bad filter, too long a search) and a 404."""

PUBLIC_PAGES = [
    "/", "/events/", "/events/?theme=entertainment&starts_after=19:00", "/events/?kind=special",
    "/events/?date=2020-05-08", "/events/yeyou-longmen/", "/events/jiuzhouchi-chishang-fanhua/",
    "/events/gudu-ye-badian-tv/", "/events/qidong-yishi/", "/venues/", "/venues/?theme=food",
    "/venues/?bus_after=23:30", "/venues/?open_at=21:00", "/venues/xigong-xiaojie/", "/venues/luoyi-gucheng/",
    "/venues/longmen-shiku/", "/transit/", "/transit/9/", "/transit/7/", "/search/?q=九洲池", "/search/?q=longmen",
    "/venues/?bus_after=25:99", "/search/?q=" + "x" * 101, "/no-such-page/",
]
BAD_REQUESTS = {"/venues/?bus_after=25:99", "/search/?q=" + "x" * 101}
NOT_FOUND = {"/no-such-page/"}


def expected_status(path: str) -> int:
    return 400 if path in BAD_REQUESTS else 404 if path in NOT_FOUND else 200


def both_languages():
    """(address, expected status) for every public page, Chinese then English."""
    return [(prefix + path, expected_status(path)) for prefix in ("", "/en") for path in PUBLIC_PAGES]
