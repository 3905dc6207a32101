"""Tonight on the home page, as a visitor reads it at 19:30: whether anything changed, the
events to go to before the broadcasts, and one English title per event."""

import re
from html import unescape

import pytest

from events.models import Event
from tests.factories import make_night_change
from tests.reading import card_titles, page, section, text

pytestmark = pytest.mark.django_db
BROADCASTS = ["《古都夜八点》电视栏目", "《古都夜八点》广播节目"]


def status_line(html):
    return text(re.search(r'<p class="notice notice-[^"]*" role="status">.*?</p>', html, flags=re.S).group(0))


def test_a_night_without_changes_says_so_in_both_languages(client, plan, tonight_2026):
    assert status_line(page(client, "/")) == "今晚一切照常"
    english = page(client, "/en/")
    assert status_line(english) == "No changes tonight"
    assert "Changes tonight" not in english


def test_a_change_made_in_the_afternoon_is_counted_on_the_home_page(client, plan, at):
    at("2026-05-08 11:00")
    make_night_change(Event.objects.get(slug="jiuzhouchi-chishang-fanhua"), __import__("datetime").date(2026, 5, 8))
    at("2026-05-08 19:30")
    assert status_line(page(client, "/")) == "今晚有变动：1项"
    english = page(client, "/en/")
    assert status_line(english) == "Changes tonight: 1"
    assert "No changes tonight" not in english


def test_events_to_go_to_come_before_the_broadcasts_which_are_called_broadcasts(client, plan, tonight_2026):
    features = section(page(client, "/"), 'id="features-title"')
    titles = card_titles(features)
    assert titles[-2:] == BROADCASTS
    assert not set(BROADCASTS) & set(titles[:-2])
    heading = features.index("电视和广播节目：在家收看收听，无需出行")
    assert all(features.index(f">{title}</a>") > heading for title in BROADCASTS)
    assert all(features.index(f">{title}</a>") < heading for title in titles[:-2])
    assert "On TV and radio: broadcasts, no trip needed" in page(client, "/en/")


def h1(html):
    return unescape(re.search(r"<h1>(.*?)</h1>", html, flags=re.S).group(1)).strip()


def test_an_english_event_has_one_title_on_its_card_and_its_page(client, plan, tonight_2026):
    cards = dict((title, href) for href, title in re.findall(
        r'<h3 class="card-title"><a href="([^"]*)">([^<]*)</a></h3>', page(client, "/en/events/")))
    title = "Startled Swan on the Luo River performance"
    assert title in cards
    event_page = page(client, cards[title])
    assert h1(event_page) == title
    assert f"<title>{title}" in event_page
    assert "Luoyi Gucheng Luoshui Jinghong" not in h1(event_page)
    assert "洛邑古城“洛水惊鸿”演艺" in text(event_page)  # the Chinese name, to show a driver
