"""The shipped plan, item by item, against the page Luoyang published in May 2020.

The page itself is kept in fixtures/source/ so these checks need nothing outside the repo.
"""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from events.models import Event, EventKind, Offer
from transit.models import Route, Serving
from venues.models import Theme, Venue

PAGE = (Path(__file__).resolve().parents[2] / "fixtures/source/luoyang-daily-2020-05-plan-page.txt"
        ).read_text(encoding="utf-8")
# The newspaper wraps lines anywhere; compare without white space.
FLAT = re.sub(r"\s+", "", PAGE)

pytestmark = pytest.mark.usefixtures("plan")

THEMES = {"night-tour": "魅力夜游", "shopping": "时尚夜购", "food": "好味美食", "entertainment": "活力夜娱"}

VENUES = {
    # name: (slogan, theme slugs, places, night quarter?)
    "西工小街": ("老汤 老料 老味道", {"food"}, ["小街锅贴", "小街天府", "丹珍汤圆", "西工饭庄"], True),
    "老城十字街": ("洛阳味道", {"food"}, [], True),
    "天心文化产业园": ("玩味天心 美好生活", {"entertainment"}, [], True),
    "东方文创园": ("潮玩东方", {"entertainment", "food"}, [], True),
    "环开元湖购物商圈": ("乐淘 乐购 乐享", {"shopping"},
                   ["正大国际广场", "泉舜购物中心", "宝龙城市广场", "环开元湖音乐喷泉"], True),
    "洛邑古城": ("", {"night-tour", "entertainment"}, ["文峰塔"], True),
    "隋唐洛阳城国家遗址公园": ("邂逅隋唐", {"night-tour"}, ["明堂", "天堂", "九洲池", "应天门"], True),
    "龙门古街": ("魏唐古韵", {"food", "shopping"}, [], True),
    "龙门石窟": ("", {"night-tour"}, [], False),
    "大北门文化公园": ("", {"entertainment"}, [], False),
}

ROUTES = {
    "西工小街": ["1路", "2路", "5路", "8路", "9路", "17路", "33路", "59路", "101路", "103路"],
    "老城十字街": ["4路", "5路", "V8路", "9路", "18路", "20路", "41路", "56路", "106路"],
    "天心文化产业园": ["5路", "8路", "9路", "21路", "26路", "33路", "48路", "59路", "101路", "106路"],
    "东方文创园": ["14路", "15路", "23路", "27路", "78路", "101路", "102路"],
    # The garbled block: 11路路 is 1路, 3333路路 is 33路.
    "环开元湖购物商圈": ["1路", "3路", "29路", "33路", "37路", "57路", "70路", "75路", "大数据产业园专线"],
    "洛邑古城": ["3路", "7路", "V8路", "16路", "17路", "22路", "57路"],
    "隋唐洛阳城国家遗址公园": ["4路", "5路", "9路", "30路", "55路", "101路"],
    "龙门古街": ["53路", "60路", "81路", "99路", "V9"],
}

LAST_RUNS = {
    # (venue, route): (time, how, stop)
    ("西工小街", "9路"): ("01:00", "passes", None),
    ("西工小街", "101路"): ("01:00", "passes", None),
    ("老城十字街", "9路"): ("01:00", "passes", None),
    ("天心文化产业园", "9路"): ("01:00", "passes", None),
    ("天心文化产业园", "101路"): ("01:00", "passes", None),
    ("东方文创园", "101路"): ("01:00", "passes", None),
    ("环开元湖购物商圈", "75路"): ("22:40", "passes", None),
    ("洛邑古城", "7路"): ("21:10", "departs", "东花坛"),
    ("洛邑古城", "3路"): ("23:00", "passes", None),
    ("隋唐洛阳城国家遗址公园", "9路"): ("01:00", "passes", None),
    ("隋唐洛阳城国家遗址公园", "101路"): ("01:00", "passes", None),
    ("龙门古街", "53路"): ("23:00", "departs", "龙门石窟"),
}

EVENTS = {
    # name: (kind, venue, place, theme slugs)
    "《古都夜八点》电视栏目": ("programme", None, None, set()),
    "《古都夜八点》广播节目": ("programme", None, None, set()),
    "“夜游龙门”": ("activity", "龙门石窟", None, {"night-tour"}),
    "天心文化产业园“八点特惠”活动": ("activity", "天心文化产业园", None, {"shopping", "food"}),
    "应天门“古城夜韵”灯光秀": ("performance", "隋唐洛阳城国家遗址公园", "应天门", {"entertainment"}),
    "九洲池“池上繁华”古装演艺": ("performance", "隋唐洛阳城国家遗址公园", "九洲池", {"entertainment"}),
    "洛邑古城“洛水惊鸿”演艺": ("performance", "洛邑古城", "文峰塔", {"entertainment"}),
    "大北门“唐谣”演艺": ("performance", "大北门文化公园", None, {"entertainment"}),
}


def on_page(text: str) -> bool:
    return re.sub(r"\s+", "", text) in FLAT


def test_there_are_exactly_the_four_themes_of_the_plan():
    assert {t.slug: t.name for t in Theme.objects.all()} == THEMES
    assert all(on_page(name) for name in THEMES.values())


def test_the_venues_match_the_plan_name_slogan_themes_and_places():
    venues = {v.name: v for v in Venue.objects.prefetch_related("themes", "places")}
    assert set(venues) == set(VENUES)
    for name, (slogan, themes, places, quarter) in VENUES.items():
        venue = venues[name]
        assert on_page(name)
        assert venue.slogan == slogan, name
        assert not slogan or on_page(f"以“{slogan}”为主题"), name
        assert {t.slug for t in venue.themes.all()} == themes, name
        assert [p.name for p in venue.places.all()] == places, name
        assert all(on_page(p) for p in places), name
        assert venue.is_quarter is quarter, name
        assert venue.description and venue.description_en, f"{name} needs descriptions in both languages"
    assert sum(v.is_quarter for v in venues.values()) == 8


def test_only_xigong_xiaojie_has_published_hours_and_they_are_the_streets_aim():
    with_hours = Venue.objects.with_published_hours()
    assert [v.name for v in with_hours] == ["西工小街"]
    assert with_hours[0].open_all_day and with_hours[0].opens_at is None
    assert on_page("打造24小时洛阳地方特色餐饮名吃汇集地")


def test_what_goes_on_is_named_as_published():
    highlights = {(h.venue.name, h.name) for v in Venue.objects.all() for h in v.highlights.all()}
    for venue, name in [("老城十字街", "“十大美食”评选"), ("天心文化产业园", "“1元夜读”"),
                        ("洛邑古城", "国风“抖”洛邑"), ("洛邑古城", "达人秀"), ("洛邑古城", "“非遗+直播”")]:
        assert (venue, name) in highlights
        assert on_page(name.replace("评选", ""))


def test_each_venue_lists_the_routes_of_the_plan_in_its_order():
    for venue, routes in ROUTES.items():
        served = Serving.objects.filter(venue__name=venue).order_by("position").values_list("route__name", flat=True)
        assert list(served) == routes, venue
    assert not Serving.objects.filter(venue__name__in=["龙门石窟", "大北门文化公园"]).exists()


def test_route_lists_say_including_except_where_the_plan_gives_no_等():
    partial = dict(Venue.objects.filter(is_quarter=True).values_list("name", "routes_are_partial"))
    assert partial.pop("龙门古街") is False
    assert on_page("99路、V9。其中")
    assert all(partial.values())


def test_there_are_exactly_twelve_published_last_runs_as_published():
    runs = {(s.venue.name, s.route.name): (s.last_run.strftime("%H:%M"), s.last_run_kind,
                                           s.last_run_stop.name if s.last_run_stop else None)
            for s in Serving.objects.with_last_run().select_related("venue", "route", "last_run_stop")}
    assert runs == LAST_RUNS
    assert Serving.objects.filter(last_run__isnull=True).exclude(last_run_kind="").count() == 0
    assert on_page("7路东花坛最晚发车时间为21:10") and on_page("53路龙门石窟最晚发车时间为23:00")


def test_routes_are_spelled_as_published_and_sort_by_number():
    names = list(Route.objects.values_list("name", flat=True))
    assert "V9" in names and "V9路" not in names and "V8路" in names
    numbered = [n for n in names if n.endswith("路") and n[:-1].isdigit()]
    assert numbered == sorted(numbered, key=lambda n: int(n[:-1]))
    assert names[-3:] == ["V8路", "V9", "大数据产业园专线"]
    assert "11路" not in names and "3333路" not in names


def test_the_eight_nightly_features_are_named_as_published_at_20_00():
    events = {e.name: e for e in Event.objects.nightly().select_related("venue", "place").prefetch_related("themes")}
    assert set(events) == set(EVENTS)
    for name, (kind, venue, place, themes) in EVENTS.items():
        event = events[name]
        assert on_page(name.replace("“", "").replace("”", "")) or on_page(name), name
        assert event.kind == kind
        assert (event.venue.name if event.venue else None) == venue, name
        assert (event.place.name if event.place else None) == place, name
        assert {t.slug for t in event.themes.all()} == themes, name
        assert event.starts_at == dt.time(20, 0) and event.ends_at is None
        assert event.first_night is None and event.last_night is None
    assert sorted(e.kind for e in events.values()) == ["activity"] * 2 + ["performance"] * 4 + ["programme"] * 2


def test_the_programmes_are_channels_not_venues():
    channels = dict(Event.objects.filter(kind=EventKind.PROGRAMME).values_list("name", "channel"))
    assert channels == {"《古都夜八点》电视栏目": "洛阳广播电视台文旅频道", "《古都夜八点》广播节目": "洛阳交通广播"}


def test_yeyou_longmen_has_three_tour_lines():
    event = Event.objects.get(name="“夜游龙门”")
    assert [t.name for t in event.tour_lines.all()] == ["伊水禅意游", "石窟品鉴游", "伊阙胜迹游"]


def test_the_dated_specials_of_may_2020():
    launch = Event.objects.get(kind=EventKind.SPECIAL, venue__name="洛邑古城")
    assert launch.name == "“古都夜八点 相约洛阳城”活动启动仪式"
    assert launch.first_night == launch.last_night == dt.date(2020, 5, 8)
    assert launch.starts_at is None and not launch.all_day
    festival = Event.objects.get(kind=EventKind.SPECIAL, venue__isnull=True)
    assert festival.first_night == festival.last_night == dt.date(2020, 5, 16) and festival.all_day
    assert "享游洛阳" in festival.channel
    for figure in ["10万", "6大类", "1800万元"]:
        assert figure in festival.description.replace(" ", "")
    assert Event.objects.count() == 10


def test_the_one_yuan_ticket_offer_on_chishang_fanhua():
    offer = Offer.objects.get()
    assert offer.event.name == "九洲池“池上繁华”古装演艺"
    assert (offer.price, offer.quantity) == (Decimal("1.00"), 50)
    assert (offer.first_day, offer.last_day) == (dt.date(2020, 5, 8), dt.date(2020, 5, 15))
    assert offer.channel == "九洲池线上商城"
    assert on_page("8日至15日，九洲池线上商城还将推出50张九洲池“1元秒杀”门票活动")


def test_descriptions_are_our_own_words_not_copied_sentences():
    texts = [v.description for v in Venue.objects.all()] + [e.description for e in Event.objects.all()]
    for text in texts:
        for sentence in re.split(r"[。；！]", text):
            if len(sentence) >= 15:
                assert not on_page(sentence), f"copied from the plan: {sentence}"
