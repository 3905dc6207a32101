"""The admin an editor uses on a phone, seen through the HTML it serves: inline rows and list
rows that carry their column's name (static/css/admin.css stacks them into cards below 768 px),
no route-editing icons inside a venue's bus rows, the public page in a new tab, times typed as
on a phone keyboard, and Chinese throughout (您, full-width punctuation, Django 5's new strings).
The layout itself is measured in Chromium: tests/browser/test_admin_phone.py."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from events.models import Event
from tests.admin.helpers import editor, open_form, serving_field, set_field, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")


@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


def kaiyuanhu_75():
    return Serving.objects.select_related("venue").get(venue__slug="huan-kaiyuanhu-shangquan", route__slug="75")


def servings_group(html: str) -> str:
    start = html.index('id="servings-group"')
    return html[start:html.index('id="servings-empty"', start)]


def test_each_cell_of_a_bus_row_is_labelled_for_a_phone(editor_client):
    serving = kaiyuanhu_75()
    url, data = open_form(editor_client, serving.venue)
    html = editor_client.get(url).content.decode()
    row = serving_field(data, serving, "")  # "servings-7-"
    for name, label in [("route", "route"), ("last_run", "last run"), ("last_run_kind", "how the last run is given"),
                        ("last_run_stop", "departs from stop"), ("DELETE", "Delete?")]:
        assert f'<label class="cell-label" for="id_{row}{name}">{zh(label)}</label>' in html, name


def test_the_route_icons_are_not_in_a_venues_bus_rows(editor_client):
    """✎ ✚ ✖ 👁 beside a row's route would edit the route itself, for every venue it serves."""
    html = servings_group(editor_client.get(open_form(editor_client, kaiyuanhu_75().venue)[0]).content.decode())
    assert "related-widget-wrapper-link" not in html
    assert "change_id_servings" not in html and "add_id_servings" not in html
    assert "75路" in html  # the rows are there, as autocomplete choices


def test_the_event_list_cells_carry_their_column_names(editor_client):
    html = editor_client.get("/admin/events/event/").content.decode()
    assert f'<td data-label="{zh("status")}" class="field-status">' in html
    assert re.search(r'<td data-label="[^"]+" class="field-is_live">', html)
    assert '<td class="action-checkbox">' in html  # the checkbox's column has no name to show


def test_view_on_site_opens_the_public_page_in_a_new_tab(editor_client):
    html = editor_client.get(open_form(editor_client, kaiyuanhu_75().venue)[0]).content.decode()
    link = re.search(r'<a href="[^"]+" class="viewsitelink"[^>]*>', html).group(0)
    assert 'target="_blank"' in link and 'rel="noopener"' in link


@pytest.mark.parametrize("typed", ["2100", "21.00", "21：00", "２１：００"])
def test_a_last_run_typed_on_a_phone_keyboard_is_read_in_the_venue_page(editor_client, typed):
    serving = kaiyuanhu_75()
    url, data = open_form(editor_client, serving.venue)
    set_field(data, serving_field(data, serving, "last_run"), typed)
    assert editor_client.post(url, data).status_code == 302
    serving.refresh_from_db()
    assert serving.last_run == dt.time(21, 0)


def test_an_empty_time_box_shows_its_format(editor_client):
    serving = Serving.objects.get(venue__slug="huan-kaiyuanhu-shangquan", route__slug="1")
    url, data = open_form(editor_client, serving.venue)
    html = editor_client.get(url).content.decode()
    box = re.search(rf'<input type="text" name="{serving_field(data, serving, "last_run")}"[^>]*>', html).group(0)
    assert 'placeholder="HH:MM"' in box and 'inputmode="numeric"' in box and "value=" not in box


def test_the_theme_picker_speaks_chinese(editor_client):
    """Django 5's two-box picker strings are missing from its Chinese catalogue: ours has them."""
    catalogue = editor_client.get(reverse("admin:jsi18n")).content.decode()
    for text in ["选择全部%s", "移除全部%s", "选中要添加的%s", "您可以在下面的框中选中"]:
        assert json.dumps(text)[1:-1] in catalogue, text
    assert json.dumps("你")[1:-1] not in catalogue  # 您 throughout


def test_the_admin_home_headers_for_screen_readers_are_chinese(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "模型名称" in html and "修改或查看列表链接" in html
    assert "Model name" not in html and "Add link" not in html


def test_confirmations_say_nin_with_chinese_punctuation(editor_client):
    event = Event.objects.get(slug="yeyou-longmen")
    html = editor_client.get(reverse("admin:events_event_delete", args=[event.pk])).content.decode()
    assert "您确定" in html
    assert "你" not in html
    url, data = open_form(editor_client, event)
    saved = editor_client.post(url, {**data, "_continue": ["1"]}, follow=True).content.decode()
    assert "您可以在下面再次编辑" in saved and "你" not in saved


def test_a_failed_login_says_so_in_chinese_sentences(client):
    html = client.post(reverse("admin:login"), {"username": "li", "password": "wrong"}).content.decode()
    assert "注意两者都区分大小写。" in html
    assert "密码. " not in html


def test_the_venue_list_is_labelled_too(editor_client):
    html = editor_client.get("/admin/venues/venue/").content.decode()
    venue = Venue.objects.get(slug="xigong-xiaojie")
    assert reverse("admin:venues_venue_change", args=[venue.pk]) in html
    assert re.search(r'<td data-label="[^"]+" class="field-hours">', html)
