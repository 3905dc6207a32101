"""The filter forms' drop-downs (route, opening hours, kind), written in Python for speed
(core/widgets.py): what a visitor sees in them, in both languages."""

import re

import pytest

from tests.factories import make_route

pytestmark = pytest.mark.django_db


def select(html, name):
    match = re.search(rf'<select([^>]*name="{name}"[^>]*)>(.*?)</select>', html, re.S)
    assert match, f"no <select name={name}>"
    return match.group(1), re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', match.group(2))


def test_the_route_list_offers_every_route_in_number_order_with_any_route_first(client):
    for name in ("17路", "2路", "V8路", "106路"):
        make_route(name)
    attrs, options = select(client.get("/venues/").content.decode(), "route")
    assert 'id="id_route"' in attrs
    assert [label for _, _, label in options] == ["不限线路", "2路", "17路", "106路", "V8路"]
    # With no route chosen, "any route" is the selected one, as in Django's own <select>.
    assert [value for value, chosen, _ in options if chosen] == [""]


def test_the_chosen_route_stays_selected_and_only_that_one(client):
    make_route("2路", slug="2lu")
    make_route("17路", slug="17lu")
    _, options = select(client.get("/venues/?route=17lu").content.decode(), "route")
    assert [(value, bool(chosen)) for value, chosen, _ in options] == [("", False), ("2lu", False), ("17lu", True)]


def test_in_english_routes_use_their_english_names_and_fall_back_to_chinese(client):
    make_route("2路", slug="2lu", name_en="Route 2")
    make_route("V9", slug="v9", name_en="")
    make_route("大数据产业园专线", slug="dashuju", name_en="")
    _, options = select(client.get("/en/venues/").content.decode(), "route")
    # A route number reads "Route V9" with or without an English name (Route.label_of).
    assert [label for _, _, label in options] == ["Any route", "Route 2", "Route V9", "大数据产业园专线"]


def test_a_route_name_is_escaped_not_markup(client):
    make_route("9路<b>", slug="9lu")
    html = client.get("/venues/").content.decode()
    assert "9路&lt;b&gt;" in html and "9路<b>" not in html


def test_a_bad_route_is_a_400_with_the_reason_and_the_list_still_offers_the_routes(client):
    make_route("2路", slug="2lu")
    response = client.get("/venues/?route=no-such-route")
    assert response.status_code == 400
    html = response.content.decode()
    attrs, options = select(html, "route")
    assert 'aria-invalid="true"' in attrs
    assert [value for value, _, _ in options] == ["", "2lu"]
    assert "2lu" not in [value for value, chosen, _ in options if chosen]


def test_the_hours_and_kind_lists_keep_their_choice(client):
    _, hours = select(client.get("/venues/?hours=unpublished").content.decode(), "hours")
    assert [(value, bool(chosen), label) for value, chosen, label in hours] == [
        ("", False, "不限"), ("published", False, "已公布"), ("unpublished", True, "未公布")]
    _, kinds = select(client.get("/en/events/?kind=performance").content.decode(), "kind")
    assert ("performance", " selected", "Performance") in kinds
    assert [value for value, chosen, _ in kinds if chosen] == ["performance"]
