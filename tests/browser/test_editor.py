"""An editor on a phone, in Debian's Chromium: log in, change a last run, publish, and the
public venue page shows it."""

import re

import pytest
from playwright.sync_api import expect

from editors.accounts import editors_group
from core.publishing import Status
from tests.admin.helpers import editor, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("live_plan")


def test_an_editor_changes_a_last_run_publishes_and_the_public_page_shows_it(page, live_server, browser, screenshots):
    editors_group()  # browser tests flush the database, group included; repair it as staff would
    editor("li")
    Venue.objects.filter(slug="xigong-xiaojie").update(status=Status.DRAFT)
    visitor = browser.new_page()
    assert visitor.goto(f"{live_server.url}/venues/xigong-xiaojie/").status == 404

    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.locator("#id_username").fill("li")
    page.locator("#id_password").fill("night-editor-2026")
    page.locator("input[type=submit]").click()
    expect(page.locator("#editors-tools")).to_be_visible()
    # The admin home fits the phone: nothing scrolls sideways (its editors' box once did).
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0

    page.goto(f"{live_server.url}/admin/venues/venue/?q=xigong")
    page.get_by_role("link", name="西工小街").click()
    serving = Serving.objects.get(venue__slug="xigong-xiaojie", route__slug="9")
    row = page.locator("tr.has_original", has=page.locator(f"input[name$='-id'][value='{serving.pk}']"))
    last_run = row.locator("input[name$='-last_run']")
    expect(last_run).to_have_value("01:00")
    expect(row).to_contain_text(zh("01:00 means after midnight of the same night."))
    last_run.fill("00:40")
    page.locator("#id_status").select_option(Status.PUBLISHED)
    page.locator("#servings-group").screenshot(path=screenshots / "admin-venue-last-runs.png")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(row.locator("input[name$='-last_run']")).to_have_value("00:40")

    visitor.goto(f"{live_server.url}/venues/xigong-xiaojie/")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("西工小街")
    way_back = visitor.locator(".way-back")
    expect(way_back.locator(".run", has_text="9路")).to_contain_text("0:40")
    expect(way_back.locator(".run", has_text="9路")).not_to_contain_text("1:00")
    expect(visitor.locator(".draft-banner")).to_have_count(0)

    page.goto(f"{live_server.url}/admin/venues/venue/{Venue.objects.get(slug='xigong-xiaojie').pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("9路 → 西工小街")
    expect(page.locator("#change-history")).to_contain_text("00:40")
    page.locator("#change-history").screenshot(path=screenshots / "admin-venue-history.png")
    page.goto(f"{live_server.url}/admin/attention/")
    page.screenshot(path=screenshots / "admin-attention.png", full_page=True)


def test_an_editor_switches_the_admin_to_english_and_back(page, live_server):
    editors_group()
    editor("li")
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("li")
    page.locator("#id_password").fill("night-editor-2026")
    page.locator("input[type=submit]").click()
    expect(page.locator("h1")).to_have_text("站点管理")
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).to_have_text("Site administration")
    expect(page.locator("#editors-tools")).to_contain_text("Needs attention")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.get_by_role("button", name="中文").click()
    expect(page.locator("h1")).to_have_text("站点管理")
