"""Pages of a list keep the visitor's filters."""

import re
from html import unescape

import pytest

from tests.factories import make_theme, make_venue
from tests.reading import (
    card_titles,
    cards,
    page,
)

pytestmark = pytest.mark.django_db


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
