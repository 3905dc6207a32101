"""/venues/ as a visitor filters it."""

import re
from html import unescape

import pytest

from tests.plan_facts import FOOD_VENUES, LATE_BUS_VENUES, VENUES_WITHOUT_HOURS
from tests.reading import (
    card_titles,
    page,
    section,
    text,
)

pytestmark = pytest.mark.django_db


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
    # 龙门石窟: 53路's 23:00 departure from the stop bearing its name (issue 20, finding 1).
    assert titles == LATE_BUS_VENUES | {"洛邑古城", "龙门古街", "龙门石窟"}


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
