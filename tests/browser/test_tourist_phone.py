"""A tourist on a 390 px phone, in Chinese and in English: every tap target on the board, the
lists and the search is at least 44 x 44 px, a whole card is its link, nothing scrolls sideways,
and a browser that prefers English is offered the English site once."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("live_plan")

# Each page and the name of its screenshot (test-artifacts/screenshots/tourist-<language>-<name>.png).
PAGES = {"/transit/": "board", "/": "home", "/venues/": "venues", "/events/": "events", "/search/?q=food": "search",
         "/search/?q=zzqx": "search-none"}
SMALLEST = 44

# Each visible target's box (a checkbox counts by its label, which takes the tap; a card's
# title link by its card, over which the link is stretched).
TARGETS = """() => [...document.querySelectorAll('a, button, summary, select, input, label')]
  .filter(el => !el.closest('.card-title'))
  .filter(el => el.tagName !== 'INPUT' || !['checkbox', 'radio', 'hidden'].includes(el.type))
  .filter(el => el.tagName !== 'LABEL' || el.querySelector('input[type=checkbox], input[type=radio]'))
  .map(el => [el, el.getBoundingClientRect()])
  .filter(([el, box]) => box.width > 0 && box.height > 0 && box.right > 0 && el.checkVisibility())
  .map(([el, box]) => ({what: el.outerHTML.slice(0, 90), width: box.width, height: box.height}))"""

# A card (scrolled into view): its size, and how many taps at its corners and middle miss its link.
CARD_TAP = """card => {
  const box = card.getBoundingClientRect(), link = card.querySelector('.card-title a');
  const edge = 14;  // inside the rounded corners (12 px)
  const points = [[edge, edge], [box.width - edge, edge], [box.width / 2, box.height / 2], [edge, box.height - edge],
                  [box.width - edge, box.height - edge]];
  return {title: link.textContent, height: box.height, width: box.width,
          missed: points.filter(([x, y]) => {
            const hit = document.elementFromPoint(box.left + x, box.top + y);
            return !hit || hit.closest('a') !== link;
          }).length};
}"""


def small_targets(page):
    return [t for t in page.evaluate(TARGETS) if t["width"] < SMALLEST or t["height"] < SMALLEST]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_target_is_44_px_and_a_whole_card_is_its_link_on_a_phone(page, live_server, at, screenshots, prefix):
    at("2026-05-08 22:20")
    page.set_viewport_size({"width": 390, "height": 844})
    language = "en" if prefix else "zh"
    for path, name in PAGES.items():
        page.goto(f"{live_server.url}{prefix}{path}")
        page.screenshot(path=screenshots / f"tourist-{language}-{name}.png", full_page=True)
        if page.locator(".filters-box").count():
            page.locator(".filters-box > summary").click()  # the form's fields are targets too
        assert small_targets(page) == [], f"{prefix}{path}"
        taps = []
        for card in page.locator(".card").all():
            card.scroll_into_view_if_needed()
            taps.append(card.evaluate(CARD_TAP))
        assert all(tap["missed"] == 0 and tap["height"] >= SMALLEST for tap in taps), (f"{prefix}{path}", taps)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{prefix}{path} scrolls sideways by {overflow}px"
    # Close-ups for people to look at: the English (or Chinese) filter form and cards.
    page.goto(f"{live_server.url}{prefix}/venues/?theme=food")
    page.locator(".filters-box > summary").click()
    page.locator(".filters-box").screenshot(path=screenshots / f"tourist-{language}-filters.png")
    page.locator(".venue-card").first.screenshot(path=screenshots / f"tourist-{language}-card.png")
    page.goto(f"{live_server.url}{prefix}/events/")
    page.locator(".event-card").nth(4).screenshot(path=screenshots / f"tourist-{language}-event-card.png")


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
