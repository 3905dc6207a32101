"""The pages as a visitor gets them, through the test client, mostly on the shipped plan.

Chinese interface wording is still being translated, so the Chinese pages are checked on data
(names, times, route numbers) and structure; wording is checked on the English pages under /en/,
whose interface text is the templates' msgid.
"""

import re
from html import unescape

import pytest

from tests.factories import make_theme, make_venue

pytestmark = pytest.mark.django_db

NIGHTLY_FEATURES = [
    "《古都夜八点》电视栏目",
    "《古都夜八点》广播节目",
    "“夜游龙门”",
    "天心文化产业园“八点特惠”活动",
    "应天门“古城夜韵”灯光秀",
    "九洲池“池上繁华”古装演艺",
    "洛邑古城“洛水惊鸿”演艺",
    "大北门“唐谣”演艺",
]
PERFORMANCES = ["应天门“古城夜韵”灯光秀", "九洲池“池上繁华”古装演艺", "洛邑古城“洛水惊鸿”演艺", "大北门“唐谣”演艺"]
LAUNCH = "“古都夜八点 相约洛阳城”活动启动仪式"
FESTIVAL = "“‘5·16’我要购”洛阳购物节"
FOOD_VENUES = {"西工小街", "老城十字街", "东方文创园", "龙门古街"}
LATE_BUS_VENUES = {"西工小街", "老城十字街", "天心文化产业园", "东方文创园", "隋唐洛阳城国家遗址公园"}
VENUES_WITHOUT_HOURS = {"老城十字街", "天心文化产业园", "东方文创园", "环开元湖购物商圈", "洛邑古城",
                        "隋唐洛阳城国家遗址公园", "龙门古街", "龙门石窟", "大北门文化公园"}


# --- reading pages ----------------------------------------------------------------------------

def page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response.content.decode()


def cards(html):
    """(href, title) of each result card, in page order."""
    return [(href, unescape(title)) for href, title in
            re.findall(r'<h3 class="card-title"><a href="([^"]*)">([^<]*)</a></h3>', html)]


def card_titles(html):
    return [title for _, title in cards(html)]


def section(html, start_marker, end_marker="</section>"):
    """The part of the page from `start_marker` to the next `end_marker`."""
    start = html.index(start_marker)
    return html[start:html.index(end_marker, start)]


def runs(html):
    """The <li class="run..."> items of a block of HTML, in order."""
    return re.findall(r'<li class="run[^"]*">(.*?)</li>', html, flags=re.S)


def route_badges(html):
    return re.findall(r'class="route-badge" href="[^"]*">([^<]*)</a>', html)


def run_for(html, route_name):
    """The one run item whose route badge is `route_name` (so 1路 never matches 101路)."""
    found = [item for item in runs(html) if f'>{route_name}</a>' in item]
    assert len(found) == 1, f"{route_name}: {len(found)} runs"
    return found[0]


def field_block(html, name):
    """The filter form's <div class="field"> holding the input called `name`."""
    blocks = [block for block in html.split('<div class="field')[1:] if f'name="{name}"' in block]
    assert len(blocks) == 1
    return blocks[0]


def text(html):
    """Visible text, tags dropped and whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def tonight_2026(at):
    at("2026-05-08 19:30")


# --- home -------------------------------------------------------------------------------------

def test_home_lists_the_eight_nightly_features(client, plan, tonight_2026):
    html = page(client, "/")
    features = section(html, 'id="features-title"')
    assert sorted(card_titles(features)) == sorted(NIGHTLY_FEATURES)


def test_home_does_not_show_the_2020_specials_or_the_ended_offer_as_running_in_2026(client, plan, tonight_2026):
    html = page(client, "/")
    assert LAUNCH not in html
    assert FESTIVAL not in html
    assert "1元秒杀" not in html
    assert "state-running" not in html
    assert card_titles(section(html, 'id="specials-title"')) == []


def test_home_shows_the_2020_launch_ceremony_and_offer_on_their_night(client, plan, at):
    at("2020-05-08 21:00")
    specials = section(page(client, "/"), 'id="specials-title"')
    assert card_titles(specials) == [LAUNCH, "九洲池“1元秒杀”门票"]
    assert FESTIVAL not in specials


def test_at_half_past_midnight_home_still_shows_the_previous_nights_special(client, plan, at):
    at("2020-05-09 00:30")
    assert LAUNCH in card_titles(section(page(client, "/"), 'id="specials-title"'))


def test_at_six_in_the_morning_the_previous_nights_special_is_gone(client, plan, at):
    at("2020-05-09 06:00")
    assert LAUNCH not in page(client, "/")


def test_a_special_running_over_several_nights_shows_on_each_but_not_after(client, db, at):
    import datetime as dt

    from tests.factories import make_special

    make_special(dt.date(2026, 5, 7), last_night=dt.date(2026, 5, 9), name="三夜灯会")
    make_special(dt.date(2026, 5, 10), name="明晚市集")
    for moment, shown in [("2026-05-08 21:00", ["三夜灯会"]), ("2026-05-10 01:00", ["三夜灯会"]),
                          ("2026-05-10 20:00", ["明晚市集"]), ("2026-05-11 20:00", [])]:
        at(moment)
        assert card_titles(section(page(client, "/"), 'id="specials-title"')) == shown, moment


def test_home_shows_twelve_features_and_links_to_all_of_tonights(client, db, at, settings, monkeypatch):
    from core.filtering import CappedPaginator
    from tests.factories import make_event

    settings.PAGE_CACHE_SECONDS = 0
    at("2026-05-08 19:30")
    for _ in range(14):
        make_event()
    features = section(page(client, "/en/"), 'id="features-title"')
    assert len(card_titles(features)) == 12
    assert '<a class="more" href="/en/events/?date=2026-05-08">All 14 events tonight</a>' in features
    monkeypatch.setattr(CappedPaginator, "CAP", 13)
    assert "More than 13 events tonight</a>" in section(page(client, "/en/"), 'id="features-title"')


def test_home_has_the_search_form_and_the_four_theme_links(client, plan, tonight_2026):
    html = page(client, "/")
    assert '<form class="search" method="get" action="/search/"' in html
    assert 'name="q"' in html
    themes = section(html, 'id="themes-title"')
    assert re.findall(r'href="/venues/\?theme=([a-z-]+)"', themes) == ["night-tour", "shopping", "food",
                                                                      "entertainment"]
    for name in ("魅力夜游", "时尚夜购", "好味美食", "活力夜娱"):
        assert name in themes


def test_the_latest_buses_on_home_are_one_row_per_route_and_time(client, plan, tonight_2026):
    buses = section(page(client, "/"), 'id="buses-title"')
    rows = runs(buses)
    assert len(rows) == 3
    assert "9路" in rows[0] and "1:00" in rows[0] and "西工小街" in rows[0] and "老城十字街" in rows[0]
    assert "101路" in rows[1] and "1:00" in rows[1] and "东方文创园" in rows[1]
    assert "23:00" in rows[2]
    assert "22:40" not in buses and "21:10" not in buses


# --- venue list -------------------------------------------------------------------------------

def test_venues_by_theme_food(client, plan):
    titles = card_titles(page(client, "/venues/?theme=food"))
    assert set(titles) == FOOD_VENUES
    assert len(titles) == len(FOOD_VENUES)
    assert "环开元湖购物商圈" not in titles


def test_venues_with_a_bus_at_or_after_2330_keep_the_1am_runs_only(client, plan):
    html = page(client, "/venues/?bus_after=23:30")
    assert set(card_titles(html)) == LATE_BUS_VENUES
    for dropped in ("环开元湖购物商圈", "洛邑古城", "龙门古街"):  # 22:40, 23:00, 23:00 departure
        assert dropped not in html


def test_venues_with_a_bus_after_2300_add_the_2300_runs(client, plan):
    titles = set(card_titles(page(client, "/venues/?bus_after=23:00")))
    assert titles == LATE_BUS_VENUES | {"洛邑古城", "龙门古街"}


def test_venues_open_at_2100_shows_only_the_24_hour_street(client, plan):
    html = page(client, "/venues/?open_at=21:00")
    assert card_titles(html) == ["西工小街"]
    notice = section(html, '<p class="notice">', "</p>")
    assert "9" in text(notice)
    assert 'href="?hours=unpublished"' in notice


def test_venues_open_at_says_in_english_how_many_were_left_out_for_unpublished_hours(client, plan):
    html = page(client, "/en/venues/?open_at=21:00")
    notice = text(section(html, '<p class="notice">', "</p>"))
    assert "9 venues are left out because their opening hours are not published." in notice


def test_past_its_cap_the_left_out_notice_says_more_than(client, plan, monkeypatch):
    from venues.views import VenueListView

    monkeypatch.setattr(VenueListView, "hours_unknown_cap", 5)
    notice = text(section(page(client, "/en/venues/?open_at=21:00"), '<p class="notice">', "</p>"))
    assert "More than 5 venues are left out because their opening hours are not published." in notice
    assert "9 venues" not in notice


def test_the_left_out_link_lists_the_venues_without_published_hours(client, plan):
    html = page(client, "/venues/?open_at=21:00")
    link = unescape(re.search(r'<p class="notice">.*?href="([^"]*)"', html, flags=re.S).group(1))
    assert "hours=unpublished" in link and "open_at" not in link
    assert set(card_titles(page(client, "/venues/" + link))) == VENUES_WITHOUT_HOURS


def test_the_left_out_count_keeps_the_other_filters(client, plan):
    html = page(client, "/venues/?open_at=21:00&theme=food")
    assert card_titles(html) == ["西工小街"]
    link = unescape(re.search(r'<p class="notice">.*?href="([^"]*)"', html, flags=re.S).group(1))
    assert "theme=food" in link and "hours=unpublished" in link
    assert set(card_titles(page(client, "/venues/" + link))) == FOOD_VENUES - {"西工小街"}


def test_venues_list_shows_every_venue_without_filters(client, plan):
    assert len(card_titles(page(client, "/venues/"))) == 10


# --- event list -------------------------------------------------------------------------------

def test_entertainment_events_starting_after_1900_are_the_four_performances(client, plan):
    html = page(client, "/events/?theme=entertainment&starts_after=19:00")
    assert sorted(card_titles(html)) == sorted(PERFORMANCES)
    assert "夜游龙门" not in html
    assert "电视栏目" not in html and "广播节目" not in html


def test_special_events_are_the_two_specials(client, plan):
    assert sorted(card_titles(page(client, "/events/?kind=special"))) == sorted([LAUNCH, FESTIVAL])


def test_events_on_8_may_2020_are_the_launch_ceremony_and_the_nightly_features(client, plan):
    html = page(client, "/events/?date=2020-05-08")
    assert sorted(card_titles(html)) == sorted(NIGHTLY_FEATURES + [LAUNCH])
    assert FESTIVAL not in html


# --- bad and unknown input --------------------------------------------------------------------

BAD_INPUT = [
    ("/venues/", "bus_after", "25:99"),
    ("/venues/", "open_at", "late"),
    ("/events/", "date", "yesterday"),
    ("/venues/", "theme", "unknown"),
    ("/events/", "theme", "unknown"),
    ("/events/", "kind", "unknown"),
    ("/venues/", "q", "街" * 101),
    ("/events/", "q", "x" * 101),
]


@pytest.mark.parametrize(("path", "name", "value"), BAD_INPUT)
def test_bad_filter_input_is_a_400_with_the_reason_at_the_field_and_no_results(client, plan, path, name, value):
    response = client.get(path, {name: value})
    assert response.status_code == 400
    html = response.content.decode()
    block = field_block(html, name)
    assert "field-invalid" in block[:40]
    assert re.search(r'<p class="field-error" id="id_%s_error">[^<]+</p>' % name, block)
    assert html.count('class="field-error"') == 1
    assert 'class="card' not in html
    assert 'class="result-count"' not in html


def test_bad_filter_input_on_a_later_page_is_still_a_400_with_the_reason(client, plan):
    response = client.get("/venues/", {"theme": "fod", "page": "2"})
    assert response.status_code == 400
    assert 'class="field-error"' in field_block(response.content.decode(), "theme")


@pytest.mark.parametrize(("path", "name", "value", "reason"), [
    ("/en/venues/", "bus_after", "25:99", "Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30."),
    ("/en/events/", "date", "yesterday", "Enter a valid date."),
    ("/en/venues/", "theme", "unknown", "Select a valid choice. unknown is not one of the available choices."),
    ("/en/events/", "kind", "unknown", "Select a valid choice. unknown is not one of the available choices."),
    ("/en/venues/", "q", "x" * 101, "Ensure this value has at most 100 characters (it has 101)."),
])
def test_the_reason_for_bad_input_is_said_in_words_next_to_the_field(client, plan, path, name, value, reason):
    response = client.get(path, {name: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some filters could not be understood." in text(html)
    assert reason in text(field_block(html, name))


def test_a_search_over_100_characters_is_a_400_with_the_reason_and_no_results(client, plan):
    response = client.get("/en/search/", {"q": "x" * 101})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ensure this value has at most 100 characters (it has 101)." in text(html)
    assert 'class="card' not in html


@pytest.mark.parametrize("url", ["/venues/?colour=red", "/events/?utm_source=wechat", "/search/?from=home"])
def test_unknown_parameters_are_ignored(client, plan, url):
    html = page(client, url)
    assert 'class="field-error"' not in html


def test_unknown_parameters_do_not_narrow_the_venue_list(client, plan):
    assert len(card_titles(page(client, "/venues/?colour=red&theme=food"))) == len(FOOD_VENUES)


@pytest.mark.parametrize("url", ["/venues/x/", "/events/x/", "/transit/x/", "/en/venues/x/", "/venues/?page=99"])
def test_unknown_addresses_and_pages_are_404(client, plan, url):
    page(client, url, status=404)


# --- pagination -------------------------------------------------------------------------------

def test_the_next_page_link_keeps_the_theme_filter(client):
    lanes = make_theme(slug="lanes")
    other = make_theme(slug="other")
    themed = [make_venue(themes=[lanes]) for _ in range(14)]
    make_venue(themes=[other])

    first = page(client, "/venues/?theme=lanes")
    assert len(cards(first)) == 12
    next_link = unescape(re.search(r'<a rel="next" href="([^"]*)"', first).group(1))
    assert "theme=lanes" in next_link and "page=2" in next_link

    second = page(client, "/venues/" + next_link)
    assert len(cards(second)) == 2
    assert {title for title in card_titles(first) + card_titles(second)} == {v.name for v in themed}
    previous_link = unescape(re.search(r'<a rel="prev" href="([^"]*)"', second).group(1))
    assert "theme=lanes" in previous_link
    assert 'rel="next"' not in second


def test_a_short_list_has_no_pagination(client, plan):
    assert 'class="pagination"' not in page(client, "/venues/?theme=food")


# --- venue pages ------------------------------------------------------------------------------

def test_xigong_shows_its_slogan_and_its_24_hour_note(client, plan):
    html = page(client, "/venues/xigong-xiaojie/")
    assert '<p class="slogan">老汤 老料 老味道</p>' in html
    assert "“24小时营业”是方案为整条街提出的目标" in html


def test_xigong_in_english_says_24_hours(client, plan):
    facts = text(section(page(client, "/en/venues/xigong-xiaojie/"), '<dl class="facts', "</dl>"))
    assert "24 hours" in facts
    assert "Round-the-clock opening is the plan's aim" in facts


def test_xigong_lists_its_1am_routes_before_routes_without_a_published_last_run(client, plan):
    way_back = section(page(client, "/venues/xigong-xiaojie/"), 'class="panel way-back"')
    assert route_badges(way_back) == ["9路", "101路", "1路", "2路", "5路", "8路", "17路", "33路", "59路", "103路"]
    assert "1:00" in run_for(way_back, "9路") and "1:00" in run_for(way_back, "101路")
    assert [route_badges(item) for item in runs(way_back)] == [["9路"], ["101路"]]


def test_xigong_in_english_says_last_run_not_published_for_the_others(client, plan):
    way_back = text(section(page(client, "/en/venues/xigong-xiaojie/"), 'class="panel way-back"'))
    published, _, unpublished = way_back.partition("last run not published")
    assert unpublished, "no 'last run not published' wording"
    assert "Route 9 passes here until 1:00 after midnight" in published
    assert "Route 101 passes here until 1:00 after midnight" in published
    for number in (1, 2, 5, 8, 17, 33, 59, 103):
        assert re.search(rf"\bRoute {number}\b", unpublished), number
        assert not re.search(rf"\bRoute {number}\b", published), number


def test_luoyi_lists_route_3_at_2300_before_the_2110_departure_of_route_7(client, plan):
    way_back = section(page(client, "/venues/luoyi-gucheng/"), 'class="panel way-back"')
    assert "23:00" in run_for(way_back, "3路")
    seven = run_for(way_back, "7路")
    assert "东花坛" in seven and "21:10" in seven
    assert route_badges(way_back)[:2] == ["3路", "7路"]
    assert way_back.index(">3路</a>") < way_back.index(">7路</a>")


def test_luoyi_in_english_says_route_7_leaves_from_donghuatan(client, plan):
    way_back = section(page(client, "/en/venues/luoyi-gucheng/"), 'class="panel way-back"')
    assert "last departure from Donghuatan (East Flower Terrace) at 21:10" in text(run_for(way_back, "Route 7"))
    assert "passes here until 23:00" in text(run_for(way_back, "Route 3"))


def test_longmen_grottoes_shows_the_route_53_departure_from_its_own_stop(client, plan):
    way_back = section(page(client, "/venues/longmen-shiku/"), 'class="panel way-back"')
    departure = run_for(way_back, "53路")
    assert "23:00" in departure and "龙门石窟" in departure and "龙门古街" in departure


def test_longmen_grottoes_in_english_names_the_stop_and_the_destination(client, plan):
    way_back = text(section(page(client, "/en/venues/longmen-shiku/"), 'class="panel way-back"'))
    assert "Departures from the Longmen Shiku (Longmen Grottoes) stop" in way_back
    assert "last departure from Longmen Shiku (Longmen Grottoes) at 23:00" in way_back
    assert "Longmen Gujie (Longmen Ancient Street)" in way_back


# --- event pages ------------------------------------------------------------------------------

def test_the_jiuzhouchi_show_page_names_its_place_and_its_way_back(client, plan, tonight_2026):
    html = page(client, "/events/jiuzhouchi-chishang-fanhua/")
    facts = section(html, '<dl class="facts', "</dl>")
    assert "隋唐洛阳城国家遗址公园" in facts and "九洲池" in facts
    way_back = section(html, 'class="panel way-back"')
    assert route_badges(way_back)[:2] == ["9路", "101路"]


def test_the_jiuzhouchi_one_yuan_offer_shows_as_ended_in_2026(client, plan, tonight_2026):
    offers = section(page(client, "/events/jiuzhouchi-chishang-fanhua/"), 'id="offers"')
    assert "九洲池“1元秒杀”门票" in offers
    assert 'class="state state-ended"' in offers
    assert "state-running" not in offers and "state-upcoming" not in offers


def test_the_jiuzhouchi_page_in_english_says_ended_and_end_time_not_published(client, plan, tonight_2026):
    html = page(client, "/en/events/jiuzhouchi-chishang-fanhua/")
    assert "Ended Jiuzhouchi one-yuan flash-sale tickets" in text(section(html, 'id="offers"'))
    facts = text(section(html, '<dl class="facts', "</dl>"))
    assert "Ends Not published" in facts
    assert "Where Suitang Luoyangcheng" in facts and "Jiuzhouchi (Nine Continents Pool)" in facts
    assert "Getting there and back by bus" in text(html)


def test_the_tv_programme_page_shows_its_channel_and_no_way_back(client, plan):
    html = page(client, "/events/gudu-ye-badian-tv/")
    assert "洛阳广播电视台文旅频道" in section(html, '<dl class="facts', "</dl>")
    assert "way-back" not in html
    assert 'class="route-badge"' not in html


# --- transit ----------------------------------------------------------------------------------

def test_the_board_lists_the_12_published_last_runs_latest_first(client, plan):
    # One row per route and last run, naming every venue that run serves: 12 runs in 6 rows.
    board = section(page(client, "/transit/"), '<ul class="runs panel board">', "</ul>")
    times = re.findall(r'<strong class="time">([^<]*)</strong>', board)
    assert len(runs(board)) == len(times) == 6
    assert all("1:00" in clock for clock in times[:2])
    assert times[2:] == ["23:00", "23:00", "22:40", "21:10"]
    assert route_badges(board) == ["9路", "101路", "3路", "53路", "75路", "7路"]
    served = [re.findall(r'<a href="/venues/[^"]*">', item) for item in runs(board)]
    assert [len(venues) for venues in served] == [4, 4, 1, 1, 1, 1]


def test_the_board_in_english_spells_the_1am_runs_as_after_midnight(client, plan):
    board = section(page(client, "/en/transit/"), '<ul class="runs panel board">', "</ul>")
    times = re.findall(r'<strong class="time">([^<]*)</strong>', board)
    assert times == ["1:00 after midnight"] * 2 + ["23:00", "23:00", "22:40", "21:10"]


def test_the_board_lists_every_route_including_v9_and_the_big_data_line(client, plan):
    index = section(page(client, "/transit/"), '<ul class="route-index">', "</ul>")
    badges = route_badges(index)
    assert len(badges) == 43
    assert "V9" in badges and "大数据产业园专线" in badges
    assert badges.index("2路") < badges.index("17路") < badges.index("106路") < badges.index("V8路")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_route_in_the_index_links_to_its_own_page_in_the_same_language(client, plan, prefix):
    from django.utils import translation

    from transit.models import Route

    index = section(page(client, f"{prefix}/transit/"), '<ul class="route-index">', "</ul>")
    links = re.findall(r'<a class="route-badge" href="([^"]*)">([^<]*)</a>', index)
    with translation.override("en" if prefix else "zh-hans"):
        expected = [(route.get_absolute_url(), route.label) for route in Route.objects.all()]
    assert links == expected
    assert ("/en/transit/9/" if prefix else "/transit/9/", "Route 9" if prefix else "9路") in links
    for url, _ in links[:3]:
        assert client.get(url).status_code == 200


def test_route_9_page_lists_the_venues_it_serves(client, plan):
    served = section(page(client, "/transit/9/"), 'id="served"')
    venues = re.findall(r'<a href="/venues/[^"]*">([^<]*)</a>', served)
    assert venues == ["西工小街", "老城十字街", "天心文化产业园", "隋唐洛阳城国家遗址公园"]
    assert "东方文创园" not in served


# --- search -----------------------------------------------------------------------------------

def test_search_finds_the_jiuzhouchi_show(client, plan):
    html = page(client, "/search/?q=九洲池")
    assert card_titles(section(html, 'id="event-results"')) == ["九洲池“池上繁华”古装演艺"]
    assert card_titles(section(html, 'id="venue-results"')) == []


def test_a_venue_found_by_search_shows_its_latest_bus_as_its_list_card_does(client, plan):
    found = section(page(client, "/search/?q=xigong"), 'id="venue-results"')
    listed = page(client, "/venues/?q=xigong")
    bus = re.findall(r'<p class="card-bus">(.*?)</p>', found, re.S)
    assert bus == re.findall(r'<p class="card-bus">(.*?)</p>', listed, re.S)
    assert "9路" in bus[0] and "凌晨1:00" in bus[0] and "未公布" not in bus[0]


def test_search_offers_more_only_when_there_is_more(client, db, settings):
    from nightlife.views import RESULTS_PER_KIND

    settings.PAGE_CACHE_SECONDS = 0
    for n in range(RESULTS_PER_KIND):
        make_venue(name=f"灯市{n}", name_en=f"Lantern market {n}")
    html = page(client, "/en/search/?q=lantern")
    assert len(card_titles(section(html, 'id="venue-results"'))) == RESULTS_PER_KIND
    assert "More venues" not in html
    make_venue(name="灯市末", name_en="Lantern market last")
    html = page(client, "/en/search/?q=lantern")
    assert len(card_titles(section(html, 'id="venue-results"'))) == RESULTS_PER_KIND
    assert '<a class="more" href="/en/venues/?q=lantern">More venues</a>' in html


def test_search_in_english_finds_the_longmen_venues(client, plan):
    html = page(client, "/search/?q=longmen")
    assert set(card_titles(section(html, 'id="venue-results"'))) == {"龙门古街", "龙门石窟"}


# --- languages --------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/", "/venues/?theme=food", "/events/", "/transit/", "/venues/xigong-xiaojie/"])
def test_chinese_pages_are_marked_zh_hans(client, plan, url):
    assert '<html lang="zh-Hans">' in page(client, url)


def test_the_root_stays_chinese_for_an_english_browser(client, plan):
    response = client.get("/venues/", headers={"accept-language": "en"})
    assert '<html lang="zh-Hans">' in response.content.decode()


def test_english_venues_by_theme_food_lists_the_same_venues(client, plan):
    chinese = page(client, "/venues/?theme=food")
    english = page(client, "/en/venues/?theme=food")
    assert '<html lang="en">' in english
    assert [href.removeprefix("/en") for href, _ in cards(english)] == [href for href, _ in cards(chinese)]
    assert "Xigong Xiaojie (Xigong Lane)" in card_titles(english)


def test_the_language_switch_keeps_the_filters(client, plan):
    html = page(client, "/venues/?theme=food")
    switch = unescape(re.search(r'<a class="lang-switch" href="([^"]*)"', html).group(1))
    assert switch == "/en/venues/?theme=food"

