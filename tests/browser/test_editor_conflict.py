"""Two editors in two browsers edit one venue at once, in Debian's Chromium: only a value both
changed is theirs to choose, offered in a form that fits a phone, and the rest of both is merged.
(A save that merges with no choice to make is decided through the test client:
tests/admin/test_conflict.py::test_a_note_only_the_other_editor_changed_survives_a_save_of_a_last_run.)"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from editors.accounts import editors_group
from tests.admin.helpers import editor, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("live_plan")

KAIYUAN = "huan-kaiyuanhu-shangquan"
DESKTOP = {"width": 1280, "height": 900}
# A note with an address in it: a long run without spaces must wrap on a phone, not widen the page.
WANG_NOTE = "Wang's note, see https://example.cn/" + "kaiyuan-lake-shopping-district-hours-" * 3


@pytest.fixture
def editors_at_their_desks(browser, live_server):
    """Wang's and Zhao's pages, each in a browser context of its own, logged in, Chinese."""
    editors_group()  # browser tests flush the database, group included; repair it as staff would
    contexts, pages = [], []
    for username in ("wang", "zhao"):
        editor(username)
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill("night-editor-2026")
        page.locator("input[type=submit]").click()
        expect(page.locator("#editors-tools")).to_be_visible()
        contexts.append(context)
        pages.append(page)
    yield pages
    for context in contexts:
        context.close()


def open_kaiyuan(page, live_server):
    page.goto(f"{live_server.url}/admin/venues/venue/{Venue.objects.get(slug=KAIYUAN).pk}/change/")
    expect(page.locator("h1")).to_be_visible()


def last_run_75(page):
    serving = Serving.objects.get(venue__slug=KAIYUAN, route__slug="75")
    row = page.locator("tr.has_original", has=page.locator(f"input[name$='-id'][value='{serving.pk}']"))
    return row.locator("input[name$='-last_run']")


def save_and_continue(page):
    page.locator("input[name=_continue]").click()


def test_a_note_both_changed_is_offered_as_a_choice_that_fits_a_phone(editors_at_their_desks, live_server,
                                                                      screenshots):
    wang, zhao = editors_at_their_desks
    open_kaiyuan(wang, live_server)
    open_kaiyuan(zhao, live_server)

    wang.locator("#id_hours_note_en").fill(WANG_NOTE)
    wang.locator("#id_slogan_en").fill("Wang's slogan")
    save_and_continue(wang)
    expect(wang.locator(".messagelist .success")).to_be_visible()

    zhao.locator("#id_hours_note_en").fill("Zhao's note on hours")
    last_run_75(zhao).fill("23:10")
    save_and_continue(zhao)
    conflict = zhao.locator("#edit-conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator("tbody tr")).to_have_count(1)
    expect(conflict).to_contain_text(zh("Changed by %(theirs)s", theirs="wang"))
    expect(conflict).to_contain_text(zh("Changed by you (%(mine)s)", mine="zhao"))
    theirs = conflict.get_by_role("radio", name="Wang's note")
    mine = conflict.get_by_role("radio", name="Zhao's note on hours")
    expect(theirs).not_to_be_checked()
    expect(mine).not_to_be_checked()
    expect(conflict).not_to_contain_text("23:10")  # Zhao's own last run is no conflict
    expect(zhao.locator("#id_slogan_en")).to_have_value("Wang's slogan")  # merged into the form
    expect(last_run_75(zhao)).to_have_value("23:10")
    venue = Venue.objects.get(slug=KAIYUAN)
    assert venue.hours_note_en == WANG_NOTE  # nothing saved yet

    zhao.set_viewport_size({"width": 390, "height": 844})
    conflict.scroll_into_view_if_needed()
    zhao.screenshot(path=screenshots / "admin-edit-conflict-390.png", scale="css")
    assert zhao.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0

    mine.check()
    save_and_continue(zhao)
    expect(zhao.locator(".messagelist .success")).to_be_visible()
    expect(zhao.locator("#id_hours_note_en")).to_have_value("Zhao's note on hours")
    venue = Venue.objects.get(slug=KAIYUAN)
    assert (venue.hours_note_en, venue.slogan_en) == ("Zhao's note on hours", "Wang's slogan")
    assert Serving.objects.get(venue=venue, route__slug="75").last_run == dt.time(23, 10)
