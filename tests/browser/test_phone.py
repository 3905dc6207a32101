"""A visitor's journey on a phone, in Debian's Chromium driven by Playwright (390 px wide, iPhone 13):
from a theme to a quarter, its last buses, and the same page in English. Every page's own checks
(sideways scroll, axe, weight, CSP, tap targets) are one walk: tests/browser/test_page_walk.py."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("live_plan")


def way_back_runs(page):
    """(route badge, time, time left) of each run in the way-back panel, in page order."""
    rows = page.locator(".way-back .run")
    return [(row.locator(".route-badge").inner_text(), row.locator("strong").inner_text(),
             row.locator(".left").inner_text()) for row in rows.all()]


def test_a_visitor_goes_from_a_theme_to_a_quarter_reads_its_last_bus_and_switches_to_english(page, live_server, at):
    at("2026-05-08 19:30")
    page.goto(f"{live_server.url}/")
    page.locator(".theme-links a.theme-food").click()
    expect(page).to_have_url(re.compile(r"/venues/\?theme=food$"))
    page.get_by_role("link", name="西工小街").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("西工小街")
    first_run = page.locator(".way-back .run").first
    expect(first_run).to_contain_text("9路")
    expect(first_run).to_contain_text("1:00")
    chinese = way_back_runs(page)
    assert [(badge, "5" in left and "30" in left) for badge, _, left in chinese] == [("9路", True), ("101路", True)]
    unpublished = page.locator(".way-back .route-badges li").all_inner_texts()
    assert len(unpublished) == 8

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/venues/xigong-xiaojie/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xigong Xiaojie (Xigong Lane)")
    english = way_back_runs(page)
    assert english == [("Route 9", "1:00 after midnight", "last bus in 5 h 30 min"),
                       ("Route 101", "1:00 after midnight", "last bus in 5 h 30 min")]
    # The same runs, the same clock times and the same time left, only in the other language.
    assert [re.findall(r"\d+", badge) for badge, _, _ in english] == [re.findall(r"\d+", b) for b, _, _ in chinese]
    assert [re.findall(r"\d+", left) for _, _, left in english] == [re.findall(r"\d+", left) for _, _, left in chinese]
    english_unpublished = page.locator(".way-back .route-badges li").all_inner_texts()
    assert [re.findall(r"\d+", name) for name in english_unpublished] == [re.findall(r"\d+", n) for n in unpublished]

    page.get_by_role("link", name="中文").click()
    expect(page).to_have_url(f"{live_server.url}/venues/xigong-xiaojie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("西工小街")
