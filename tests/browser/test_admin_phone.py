"""An editor standing at 九洲池 at 19:50 with a 390 px phone (Chromium as an iPhone 13): by taps
alone, change 75路's last run at 环开元湖购物商圈 to 23:10, and the public page says 23:10 and
that the portal updated it. No admin page scrolls sideways, not even inside a table, and every
control on the venue form is at least 24 x 24 px."""

import re

import pytest
from playwright.sync_api import expect

from editors.accounts import editors_group
from tests.admin.helpers import editor, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("live_plan")

# How far the page, or any table or inline group in it, reaches past its box (0: it fits).
SIDEWAYS = """() => {
  const page = document.documentElement.scrollWidth - document.documentElement.clientWidth;
  const inside = [...document.querySelectorAll('#content table, #content .results, #content .inline-group')]
    .map(e => e.scrollWidth - e.clientWidth);
  return Math.max(page, ...inside, 0);
}"""

# Visible controls smaller than 24 x 24 px (select2 draws its own box over a hidden <select>).
SMALL_CONTROLS = """() => [...document.querySelectorAll(
    'a, button, input:not([type=hidden]), select, textarea, summary, .select2-selection')]
  .filter(e => !e.classList.contains('select2-hidden-accessible') && e.getClientRects().length
               && getComputedStyle(e).visibility !== 'hidden')
  .map(e => [e.outerHTML.slice(0, 90), e.getBoundingClientRect()])
  .filter(([, r]) => r.width < 24 || r.height < 24)
  .map(([html, r]) => `${html} ${Math.round(r.width)}x${Math.round(r.height)}`)"""


def fits(page) -> None:
    assert page.evaluate(SIDEWAYS) <= 0, page.url


def test_an_editor_changes_a_last_run_by_taps_on_a_phone_in_both_languages(page, live_server, browser, screenshots):
    editors_group()  # browser tests flush the database, group included
    editor("li")
    serving = Serving.objects.get(venue__slug="huan-kaiyuanhu-shangquan", route__slug="75")
    assert page.viewport_size["width"] == 390

    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").tap()
    page.keyboard.type("li")
    page.locator("#id_password").tap()
    page.keyboard.type("night-editor-2026")
    page.locator("input[type=submit]").tap()
    expect(page.locator("#editors-tools")).to_be_visible()
    fits(page)

    page.locator("#content-main a[href='/admin/venues/venue/']").first.tap()
    expect(page).to_have_url(re.compile(r"/admin/venues/venue/$"))
    fits(page)
    page.get_by_role("link", name="环开元湖购物商圈").tap()
    expect(page.locator("h1")).to_contain_text("修改")
    fits(page)
    assert page.evaluate(SMALL_CONTROLS) == []

    row = page.locator("tr.has_original", has=page.locator(f"input[name$='-id'][value='{serving.pk}']"))
    expect(row).to_contain_text("75路 → 环开元湖购物商圈")
    expect(row.locator(".field-last_run label.cell-label")).to_have_text(zh("last run"))  # stacked, labelled
    expect(row.locator(".related-widget-wrapper-link")).to_have_count(0)
    last_run = row.locator("input[name$='-last_run']")
    expect(last_run).to_have_value("22:40")
    last_run.tap()
    last_run.press("Control+a")
    page.keyboard.type("2310")
    row.screenshot(path=screenshots / "admin-phone-bus-row.png", scale="css")
    page.locator("input[name=_continue]").tap()

    expect(page.locator(".messagelist .success")).to_be_visible()
    fits(page)
    expect(row.locator("input[name$='-last_run']")).to_have_value("23:10")
    expect(row.locator(".plan-note")).to_have_text("方案原文：22:40")
    row.screenshot(path=screenshots / "admin-phone-bus-row-saved.png", scale="css")

    visitor = browser.new_page()
    visitor.goto(f"{live_server.url}/venues/huan-kaiyuanhu-shangquan/")
    run = visitor.locator(".way-back .run", has_text="75路")
    expect(run).to_contain_text("23:10")
    expect(run.locator(".plan-updated")).to_contain_text("本站于")
    expect(visitor.locator(".provenance")).to_contain_text("以下内容本站此后有更新：75路")
    run.screenshot(path=screenshots / "venue-run-updated.png", scale="css")
    visitor.locator(".provenance").screenshot(path=screenshots / "venue-provenance-updated.png", scale="css")

    # The event list and the venue form, in Chinese and then in English (longer words, other widths).
    venue = Venue.objects.get(slug="huan-kaiyuanhu-shangquan")
    for language, switch in [("zh", "English"), ("en", "中文")]:
        page.goto(f"{live_server.url}/admin/events/event/")
        fits(page)
        live = page.locator("#result_list tbody tr").first.locator("td.field-is_live")
        expect(live).to_be_visible()
        assert live.bounding_box()["x"] + live.bounding_box()["width"] <= 390  # on screen, not off to the right
        page.screenshot(path=screenshots / f"admin-phone-events-{language}.png", scale="css")

        page.goto(f"{live_server.url}/admin/venues/venue/{venue.pk}/change/")
        fits(page)
        assert page.evaluate(SMALL_CONTROLS) == []
        page.screenshot(path=screenshots / f"admin-phone-venue-{language}.png", scale="css")
        page.locator("#servings-group").screenshot(path=screenshots / f"admin-phone-venue-buses-{language}.png", scale="css")
        picker = page.locator(".selector").first
        if language == "zh":
            expect(picker).to_contain_text("选择全部主题")
        else:
            expect(picker).to_contain_text("Choose all themes")
        with page.expect_navigation():
            page.get_by_role("button", name=switch).tap()
