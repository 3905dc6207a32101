"""Input the site cannot read: the form back with the reason and a 400; unknown input ignored."""

import re

import pytest

from tests.plan_facts import FOOD_VENUES
from tests.reading import (
    card_titles,
    field_block,
    page,
    text,
)

pytestmark = pytest.mark.django_db


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
