"""Two editors, one listing: the second save never silently overwrites the first."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import escape

from tests.admin.helpers import editor, open_form, serving_field, set_field, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")


@pytest.fixture
def li(client):
    client.force_login(editor("li"))
    return client


@pytest.fixture
def wang():
    other = Client()
    other.force_login(editor("wang"))
    return other


def xigong():
    return Venue.objects.get(slug="xigong-xiaojie")


def test_the_second_save_is_stopped_and_shows_both_versions(li, wang):
    url, li_form = open_form(li, xigong())
    _, wang_form = open_form(wang, xigong())
    old_slogan = xigong().slogan_en
    set_field(li_form, "slogan_en", "Li's slogan")
    assert li.post(url, li_form).status_code == 302

    set_field(wang_form, "hours_note_en", "Wang's note")
    response = wang.post(url, wang_form)
    html = response.content.decode()
    assert response.status_code == 200
    venue = xigong()
    with translation.override("zh-hans"):
        when = date_format(timezone.localtime(venue.updated_at), "DATETIME_FORMAT")
    assert zh("%(who)s saved this listing at %(when)s, after you opened it. Nothing was saved: the "
              "differences are listed below. Save again to keep your version, or reload the page to "
              "start from theirs.", who="li", when=when) in html
    # The field Li changed: stored now (Li's) against what Wang's form still holds (the old text).
    table = html[html.index('id="edit-conflict"'):]
    table = table[:table.index("</table>")]
    assert f"<td>Li&#x27;s slogan</td><td>{escape(old_slogan)}</td>" in table
    assert "<td>Wang&#x27;s note</td></tr>" in table  # his own edit, against the stored note
    assert table.count("<tr><td>") == 2  # nothing else differs
    assert "Wang&#x27;s note" in html  # Wang's typing is still in the form: nothing lost
    venue = xigong()
    assert venue.slogan_en == "Li's slogan" and venue.hours_note_en != "Wang's note"


def test_saving_again_after_seeing_the_conflict_keeps_the_second_version(li, wang):
    url, li_form = open_form(li, xigong())
    _, wang_form = open_form(wang, xigong())
    set_field(li_form, "hours_note_en", "Li's note")
    li.post(url, li_form)
    set_field(wang_form, "slogan_en", "Wang's slogan")
    first = wang.post(url, wang_form)
    assert first.status_code == 200
    # Wang reads the differences, types Li's note into his form too, and saves again.
    from tests.admin.helpers import form_data

    again = form_data(first, "venue_form")
    set_field(again, "hours_note_en", "Li's note")
    assert wang.post(url, again).status_code == 302
    venue = xigong()
    assert (venue.slogan_en, venue.hours_note_en) == ("Wang's slogan", "Li's note")


def test_an_inline_last_run_changed_meanwhile_is_listed(li, wang):
    serving = Serving.objects.get(venue__slug="xigong-xiaojie", route__slug="9")
    url, li_form = open_form(li, xigong())
    _, wang_form = open_form(wang, xigong())
    set_field(li_form, serving_field(li_form, serving, "last_run"), "00:30")
    li.post(url, li_form)
    set_field(wang_form, "slogan_en", "Wang's slogan")
    html = wang.post(url, wang_form).content.decode()
    assert "9路 → 西工小街" in html
    assert "00:30" in html  # stored now; Wang's form still says 01:00
    serving.refresh_from_db()
    assert serving.last_run == dt.time(0, 30)
    assert xigong().slogan_en != "Wang's slogan"


def test_a_last_run_saved_on_its_own_page_also_stops_a_stale_venue_save(li, wang):
    serving = Serving.objects.get(venue__slug="xigong-xiaojie", route__slug="9")
    url, wang_form = open_form(wang, xigong())
    serving_url, serving_form = open_form(li, serving)
    set_field(serving_form, "last_run", "00:45")
    assert li.post(serving_url, serving_form).status_code == 302
    set_field(wang_form, "slogan_en", "Wang's slogan")
    assert wang.post(url, wang_form).status_code == 200
    serving.refresh_from_db()
    assert serving.last_run == dt.time(0, 45)


def test_one_editor_saving_twice_in_a_row_is_no_conflict(li):
    url, form = open_form(li, xigong())
    set_field(form, "slogan_en", "First")
    assert li.post(url, form).status_code == 302
    url, form = open_form(li, xigong())
    set_field(form, "slogan_en", "Second")
    assert li.post(url, form).status_code == 302
    assert xigong().slogan_en == "Second"
