"""/search/ finds what a visitor types: themes, descriptions, places, highlights, tour lines,
route numbers and a few synonyms, in Chinese, English and pinyin, names first; and with no
match it offers the themes and tonight's features instead of a blank."""

import pytest
from django.core.cache import cache

from tests.factories import make_event, make_place, make_route, make_serving, make_venue
from tests.nightlife.test_query_counts import anchors, grow, queries_for  # noqa: F401 (anchors: a fixture)
from tests.plan_facts import FOOD_VENUES, NIGHTLY_FEATURES
from tests.reading import card_titles, page, section

pytestmark = pytest.mark.django_db

ROUTE_9 = ["西工小街", "老城十字街", "天心文化产业园", "隋唐洛阳城国家遗址公园"]


def found(client, q, prefix=""):
    """(venue titles, event titles) on the search page for `q`."""
    html = page(client, f"{prefix}/search/?q={q}")
    return card_titles(section(html, 'id="venue-results"')), card_titles(section(html, 'id="event-results"'))


@pytest.mark.parametrize("q", ["美食", "food", "Good food", "夜市", "night market", "NIGHT  MARKET", "小吃"])
def test_the_suggested_food_words_and_their_synonyms_find_the_four_food_quarters(client, plan, q):
    venues, events = found(client, q)
    assert FOOD_VENUES <= set(venues)
    assert "天心文化产业园“八点特惠”活动" in events  # themed 好味美食
    assert "龙门石窟" not in venues and "“夜游龙门”" not in events


@pytest.mark.parametrize("q", ["9路", "9", "Route 9", "route 9", " 9 路 "])
def test_a_route_number_finds_exactly_the_venues_that_route_serves(client, plan, q):
    venues, events = found(client, q)
    assert venues == ROUTE_9
    assert events == []


@pytest.mark.parametrize("q", ["V9", "v9路", "V9路", "Route V9"])
def test_v9_finds_longmen_gujie_whether_or_not_written_with_lu(client, plan, q):
    assert found(client, q) == (["龙门古街"], [])


def test_a_named_line_finds_the_quarter_it_serves(client, plan):
    venues, _ = found(client, "大数据产业园专线")
    assert venues == ["环开元湖购物商圈"]


@pytest.mark.parametrize("q", ["文峰塔", "Wenfeng Pagoda", "wenfeng ta"])
def test_a_place_inside_a_venue_finds_the_venue_and_the_event_held_there(client, plan, q):
    venues, events = found(client, q)
    assert venues == ["洛邑古城"]
    assert events == ["洛邑古城“洛水惊鸿”演艺"]


@pytest.mark.parametrize("q", ["达人秀", "Talent show", "非遗"])
def test_a_highlight_finds_its_venue(client, plan, q):
    venues, _ = found(client, q)
    assert venues == ["洛邑古城"]


@pytest.mark.parametrize("q", ["伊水禅意游", "Yi River Zen tour", "yishui chanyi"])
def test_a_tour_line_finds_its_event(client, plan, q):
    _, events = found(client, q)
    assert events == ["“夜游龙门”"]


@pytest.mark.parametrize("q", ["活力夜娱", "night entertainment"])
def test_a_theme_name_finds_what_has_that_theme(client, plan, q):
    venues, events = found(client, q)
    assert {"天心文化产业园", "东方文创园", "洛邑古城", "大北门文化公园"} <= set(venues)
    assert "西工小街" not in venues
    assert "大北门“唐谣”演艺" in events and "“夜游龙门”" not in events


@pytest.mark.parametrize("q", ["脱口秀", "stand-up"])
def test_a_description_finds_its_venue_and_event(client, plan, q):
    venues, events = found(client, q)
    assert "大北门文化公园" in venues
    assert "大北门“唐谣”演艺" in events


def test_a_synonym_finds_a_light_show_named_otherwise_in_chinese(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_event(name="古城夜韵", name_en="Old City Night Charm light show", venue=None)
    make_event(name="古装演艺", name_en="Costume show", venue=None)
    assert found(client, "灯光秀") == ([], ["古城夜韵"])


def test_name_matches_come_first(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    described = make_venue(name="甲街", description="灯会每晚开放", position=1)
    holds = make_venue(name="乙街", position=2)
    make_place(holds, name="灯会广场")
    named = make_venue(name="灯会街", position=3)
    make_venue(name="丙街", position=4)
    make_event(name="灯会", venue=None, position=9)
    make_event(name="乙演出", venue=named, position=1)
    make_event(name="丁演出", description="灯会之后", venue=None, position=0)
    venues, events = found(client, "灯会")
    assert venues == [named.name, described.name, holds.name]
    # Its own name, then its venue's name, then its description.
    assert events == ["灯会", "乙演出", "丁演出"]


def test_the_venue_list_q_finds_the_same_venues_as_the_search_page(client, plan):
    for q in ["9路", "文峰塔", "夜市"]:
        venues, _ = found(client, q)
        assert venues and card_titles(page(client, f"/venues/?q={q}")) == venues, q


def test_no_match_offers_the_themes_and_tonights_features_not_a_blank(client, plan, at):
    at("2026-05-08 19:30")
    html = page(client, "/search/?q=zzqx")
    assert "没有与“zzqx”相符的结果" in html
    themes = section(html, 'id="try-themes"')
    for name, slug in [("魅力夜游", "night-tour"), ("时尚夜购", "shopping"), ("好味美食", "food"), ("活力夜娱", "entertainment")]:
        assert f'href="/venues/?theme={slug}">{name}</a>' in themes
    assert set(card_titles(section(html, 'id="try-features"'))) == set(NIGHTLY_FEATURES)
    assert "没有匹配的场所" not in html and "没有匹配的活动" not in html
    assert 'id="venue-results"' not in html
    # A search that finds something shows what it found, not the suggestions.
    html = page(client, "/search/?q=九洲池")
    assert 'id="venue-results"' in html and 'id="try-themes"' not in html and 'id="try-features"' not in html


def test_no_match_in_english_offers_english_themes(client, plan, at):
    at("2026-05-08 19:30")
    html = page(client, "/en/search/?q=zzqx")
    assert "Nothing matches “zzqx”." in html
    themes = section(html, 'id="try-themes"')
    assert "Good food" in themes and "好味美食" not in themes


# Exactly what the search page costs, at any size, from an empty cache: the venues with their
# themes, photos and way back (routes, stops and their departures: 6), the events (1) with their
# themes, photos and tonight's changes (4, none when no event matches), the bus routes named (1),
# the publish boundary (1); with no match at all, the names read for "did you mean" (2), then
# the themes and tonight's features with their preloads instead.
# The first search with event cards makes tonight's kept changes (three queries,
# events.night_changes); those after it read them from memory (no prefetch of changes).
SEARCH_PAGES = {"/search/?q=Venue": 14, "/search/?q=9路": 7, "/search/?q=Place": 7, "/search/?q=zzqx": 9}


@pytest.mark.parametrize("size", [3, 21])  # 21: more than a page of every list
def test_search_costs_the_same_queries_at_3_and_at_21_rows(client, at, anchors, size):  # noqa: F811
    at("2026-05-08 19:30")
    grow(anchors, size)
    nine = make_route("9路", slug="nine")
    for _ in range(size):
        make_serving(make_venue(), nine)
    counts = {}
    for url in SEARCH_PAGES:
        cache.clear()
        counts[url] = len(queries_for(client, url))
    assert counts == SEARCH_PAGES
