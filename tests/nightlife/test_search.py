"""/search/: venues and events by name."""

import re

import pytest

from tests.factories import make_venue
from tests.reading import (
    card_titles,
    page,
    section,
)

pytestmark = pytest.mark.django_db


def test_search_finds_the_jiuzhouchi_show(client, plan):
    html = page(client, "/search/?q=九洲池")
    assert card_titles(section(html, 'id="event-results"')) == ["九洲池“池上繁华”古装演艺"]
    # The venue holds a place of that name (九洲池 inside the heritage park).
    assert card_titles(section(html, 'id="venue-results"')) == ["隋唐洛阳城国家遗址公园"]


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
