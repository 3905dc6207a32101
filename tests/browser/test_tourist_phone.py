"""A tourist on a 390 px phone, in Chinese and in English: the board's lines line up, and a browser
that prefers English is offered the English site once. Tap targets, whole-card links and sideways
scrolling are checked on every page's walk (tests/browser/test_page_walk.py)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("live_plan")

@pytest.mark.parametrize("prefix", ["", "/en"])
def test_board_lines_line_up_whatever_the_route_name(page, live_server, at, prefix):
    at("2026-05-08 22:20")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{prefix}/transit/")
    rows = page.locator(".board > .run")
    lefts = {round(row.locator(".board-run").bounding_box()["x"]) for row in rows.all()}
    assert len(lefts) == 1  # every line's text starts at the same place
    badges = [row.locator(".route-badge").bounding_box() for row in rows.all()]
    assert len({round(badge["width"]) for badge in badges}) == 1
    panel = page.locator(".board").bounding_box()
    assert all(badge["x"] >= panel["x"] + 8 for badge in badges)  # not flush against the edge
    # The longest route name, in the index, holds in at most two lines.
    line = page.locator(".route-index a.route-badge").last
    assert line.bounding_box()["height"] <= 2 * 1.25 * 16 + 10


def test_a_browser_that_prefers_english_is_offered_it_once(page, browser, playwright, live_server):
    page.goto(f"{live_server.url}/")  # the fixture's phone is set to Chinese: no offer
    expect(page.locator("#language-offer")).to_be_hidden()
    context = browser.new_context(**playwright.devices["iPhone 13"], locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}/venues/")
    offer = page.locator("#language-offer")
    expect(offer).to_be_visible()
    expect(offer.get_by_role("link")).to_have_text("Read this page in English")
    assert offer.bounding_box()["height"] <= 50  # one line
    offer.get_by_role("button", name="No, thanks").click()
    expect(offer).to_be_hidden()
    page.reload()
    expect(page.locator("#language-offer")).to_be_hidden()
    assert any(c["name"] == "language_offer" for c in context.cookies())
    context.close()

    context = browser.new_context(**playwright.devices["iPhone 13"], locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/venues/?theme=food")
    page.locator("#language-offer").get_by_role("link").click()
    expect(page).to_have_url(f"{live_server.url}/en/venues/?theme=food")
    page.goto(f"{live_server.url}/")
    expect(page.locator("#language-offer")).to_be_hidden()
    context.close()

    # Without JavaScript nothing shows; the header's plain link is the way to English.
    context = browser.new_context(**playwright.devices["iPhone 13"], locale="en-US", java_script_enabled=False)
    quiet = context.new_page()
    quiet.goto(f"{live_server.url}/")
    expect(quiet.locator("#language-offer")).to_be_hidden()
    expect(quiet.locator(".lang-switch")).to_have_attribute("href", "/en/")
    context.close()
