"""A list asked for a page it does not have (?page=7 of 2, ?page=0, ?page=abc) answers the
designed 404 page saying so, in the page's language, with a link to its first page."""

import re
from html import unescape

import pytest

from tests.factories import make_route, make_serving, make_venue

pytestmark = pytest.mark.django_db


def page_count(client, path: str) -> int:
    return client.get(path).context["paginator"].num_pages


@pytest.fixture
def venues():
    """14 published venues: two pages of the venue list (12 a page)."""
    route = make_route(slug="night-bus")
    for _ in range(14):
        make_serving(make_venue(), route)
    return route


@pytest.mark.parametrize(("path", "asked"), [("/en/venues/?page=7", "7"), ("/en/venues/?page=0", "0"),
                                             ("/en/venues/?route=night-bus&page=abc", "abc")])
def test_a_page_past_the_end_says_which_and_how_many_there_are(client, venues, path, asked):
    assert page_count(client, "/en/venues/") == 2
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html and "We could not find that page" in html
    assert f"No page {asked}: the list has 2 pages." in html
    first = unescape(re.search(r'<a class="button" href="([^"]*)"', html).group(1))
    assert first.startswith("/en/venues/") and "page=" not in first
    assert ("route=night-bus" in first) == ("route=night-bus" in path)  # the list's other parameters stay
    assert client.get(first).status_code == 200


def test_the_chinese_list_says_it_in_chinese(client, venues):
    html = client.get("/venues/?page=3").content.decode()
    assert "没有第 3 页：这个列表共 2 页。" in html
    assert "No page" not in html


@pytest.mark.parametrize("path", ["/events/", "/en/transit/", "/transit/night-bus/"])
def test_every_list_says_it(client, venues, path):
    pages = page_count(client, path)
    response = client.get(f"{path}?page={pages + 5}")
    assert response.status_code == 404
    html = response.content.decode()
    if path.startswith("/en/"):
        assert f"No page {pages + 5}: the list has {pages} page" in html
    else:
        assert f"没有第 {pages + 5} 页：这个列表共 {pages} 页。" in html


def test_other_missing_pages_say_nothing_about_page_numbers(client, venues):
    html = client.get("/en/venues/no-such-venue/?page=2").content.decode()
    assert "We could not find that page" in html and "No page" not in html
    assert "The address may be mistyped" in html
