"""An event's page: place, offers and the way back."""


import pytest

from tests.reading import page, route_badges, section, text

pytestmark = pytest.mark.django_db


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
