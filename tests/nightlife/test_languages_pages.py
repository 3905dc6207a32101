"""The Chinese and English pages of the same lists."""

import re
from html import unescape

import pytest

from tests.reading import (
    card_titles,
    cards,
    page,
)

pytestmark = pytest.mark.django_db


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
    assert "Xigong Lane" in card_titles(english)


def test_the_language_switch_keeps_the_filters(client, plan):
    html = page(client, "/venues/?theme=food")
    switch = unescape(re.search(r'<a class="lang-switch" href="([^"]*)"', html).group(1))
    assert switch == "/en/venues/?theme=food"
