"""Cursor pages: every row once, in order, whatever editors add or remove meanwhile."""

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

from core.filtering import CappedPaginator
from tests.factories import make_route, make_venue
from venues.models import Venue


def walk(api, url):
    """The slugs of every page from `url` on, following `next`."""
    slugs = []
    while url:
        body = api(url)
        slugs += [item["slug"] for item in body["results"]]
        url = body["next"]
    return slugs


def test_pages_of_three_give_every_venue_once_in_the_lists_order(api, plan):
    everything = [item["slug"] for item in api("/api/v1/venues/?page_size=100")["results"]]
    assert walk(api, "/api/v1/venues/?page_size=3") == everything
    assert len(everything) == 10


def test_the_previous_link_leads_back_to_the_page_before(api, plan):
    first = api("/api/v1/venues/?page_size=3")
    assert first["previous"] is None
    second = api(first["next"])
    back = api(second["previous"])
    assert [item["slug"] for item in back["results"]] == [item["slug"] for item in first["results"]]
    assert back["previous"] is None and back["next"]


def test_a_page_goes_on_after_its_last_row_while_editors_add_and_remove_rows(api, plan):
    first = api("/api/v1/venues/?page_size=3")
    expected_next = [item["slug"] for item in api(first["next"])["results"]]
    shown = [item["slug"] for item in first["results"]]
    make_venue(slug="aaa-new-first", position=0)  # sorts before every row already seen
    Venue.objects.filter(slug=shown[1]).delete()  # a row already seen goes
    assert [item["slug"] for item in api(first["next"] + "&again")["results"]] == expected_next


def test_filters_and_page_size_go_on_in_the_links(api, plan):
    first = api("/api/v1/venues/?theme=food&page_size=2")
    assert "theme=food" in first["next"] and "page_size=2" in first["next"]
    assert walk(api, "/api/v1/venues/?theme=food&page_size=2") == [
        item["slug"] for item in api("/api/v1/venues/?theme=food&page_size=100")["results"]]


def test_routes_page_by_number_2_before_17_and_v_lines_after(api, plan):
    make_route("V10路", slug="v10")
    slugs = walk(api, "/api/v1/routes/?page_size=7")
    assert slugs.index("2") < slugs.index("17") < slugs.index("106") < slugs.index("v8") < slugs.index("v10")
    assert len(slugs) == len(set(slugs)) == 44


@pytest.mark.parametrize("size", ["0", "101", "-1", "abc", "２", "1.5"])
def test_a_page_size_outside_1_to_100_is_a_400_with_the_reason(api, plan, size):
    body = api(f"/api/v1/venues/?page_size={size}", status=400, HTTP_ACCEPT_LANGUAGE="en")
    assert body == {"page_size": ["Give a whole number from 1 to 100."]}


def test_at_most_100_a_page(api, plan):
    for n in range(95):
        make_venue(slug=f"extra-{n}", position=100 + n)
    body = api("/api/v1/venues/?page_size=100")
    assert len(body["results"]) == 100 and body["count"] == 105 and body["next"]
    assert len(api("/api/v1/venues/")["results"]) == 20  # the default


@pytest.mark.parametrize("cursor", ["garbage", "W1sxLCJ4Il0sZmFsc2Vd", ""])
def test_a_cursor_we_did_not_give_out_is_a_400(api, plan, cursor):
    response = api(f"/api/v1/venues/?cursor={cursor}", status=400 if cursor else 200)
    if cursor:
        assert set(response) == {"cursor"}


def test_a_forged_cursor_is_refused_even_when_well_formed(api, plan):
    value = parse_qs(urlsplit(api("/api/v1/venues/?page_size=3")["next"]).query)["cursor"][0]
    position, signature = value.split(":", 1)
    other = base64.urlsafe_b64encode(b'[[0,"aaa"],false]').decode().rstrip("=")
    assert set(api(f"/api/v1/venues/?page_size=3&cursor={other}:{signature}", status=400)) == {"cursor"}
    assert api(f"/api/v1/venues/?page_size=3&cursor={position}:{signature}")["results"]


def test_counts_are_capped_like_the_pages(api, plan, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "CAP", 5)
    body = api("/api/v1/venues/?page_size=3")
    assert (body["count"], body["count_capped"]) == (5, True)
    body = api("/api/v1/venues/?theme=food")
    assert (body["count"], body["count_capped"]) == (4, False)
