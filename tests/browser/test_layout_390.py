"""Layout at 390 px (issue 22, items 1-8), measured in Chromium as an iPhone 13: one walk of the
pages each item is about, in both languages, asserting geometry with getBoundingClientRect, with
screenshots (test-artifacts/screenshots/layout-*.png)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_plan")]



@pytest.fixture
def browser_context_args(browser_context_args):
    # The saved copy of item 5 is made by a route; a service worker would answer before it.
    return {**browser_context_args, "service_workers": "block"}


RECT = "(element) => { const r = element.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; }"


def rect(locator):
    return locator.evaluate(RECT)


def rects(locator):
    return [rect(item) for item in locator.all()]


def shot(page, screenshots, name, language):
    page.screenshot(path=screenshots / f"layout-{name}-{language}.png", full_page=True, scale="css")


def check_served_lists(page):
    """1. "Serves:" on a line of its own, every quarter starting at the same edge, rows evenly apart."""
    lists = page.locator(".served")
    assert lists.count() >= 2
    for served in lists.all()[:4]:
        label = rect(served.locator(".served-label"))
        links = rects(served.locator("a"))
        assert label["bottom"] <= links[0]["top"] + 1, "a quarter beside the label"
        rows = sorted({round(link["top"]) for link in links})
        starts = [min(link["left"] for link in links if round(link["top"]) == top) for top in rows]
        assert max(starts) - min(starts) <= 1 and abs(starts[0] - label["left"]) <= 1, starts
        # Between one row of names and the next, the same space, whether a name wraps or not.
        bottoms = [max(link["bottom"] for link in links if round(link["top"]) == top) for top in rows]
        gaps = [round(top - bottom) for top, bottom in zip(rows[1:], bottoms)]
        assert not gaps or max(gaps) - min(gaps) <= 1, f"uneven rows: {rows}"
        for link in served.locator("a").all():
            padding = link.evaluate("(a) => [getComputedStyle(a).paddingTop, getComputedStyle(a).paddingBottom]")
            assert padding[0] == padding[1] and rect(link)["height"] >= 43.9, "a name's text off its row's middle"


def check_filter_chips_and_disclosure(page):
    """2. A wrapped chip starts at the edge, apart from the one above; 3. the box has an arrow."""
    count = page.locator(".result-count [role=status]")
    chips = rects(page.locator(".active-filter"))
    assert len(chips) == 2
    first, second = chips
    if second["top"] > first["top"] + 1:  # wrapped
        assert abs(second["left"] - rect(count)["left"]) <= 1, "a stray indent"
        assert second["top"] >= first["bottom"] + 4, "chips touch"
    else:
        assert second["left"] >= first["right"] + 4
    arrow = page.locator(".filters-box > summary .disclosure")
    closed = rect(arrow)
    summary = rect(page.locator(".filters-box > summary"))
    assert closed["width"] >= 6 and closed["height"] >= 6 and closed["left"] - summary["left"] < 12
    turned = "(element) => getComputedStyle(element).transform"
    before = arrow.evaluate(turned)
    page.locator(".filters-box > summary").click()
    expect(page.locator(".filters-box")).to_have_attribute("open", "")
    assert arrow.evaluate(turned) != before, "the arrow does not turn when the box opens"
    page.locator(".filters-box > summary").click()


def check_facts_and_header_gap(page, *, directions):
    """4. Each fact's value takes the panel's width; 6. the first line sits clear of the header."""
    facts = rect(page.locator(".facts"))
    for value in rects(page.locator(".facts dd")):
        assert value["width"] >= 0.9 * (facts["width"] - 34), value
    header = rect(page.locator(".site-header"))
    first = rect(page.locator(".detail-header > *").first)
    assert first["top"] - header["bottom"] >= 16, f"{first['top'] - header['bottom']} px below the header"
    if directions:
        # The map buttons side by side wherever the two fit in the value's width.
        buttons = page.locator(".facts dd.directions").first
        value, maps = rect(buttons), rects(buttons.locator("a"))
        if maps[0]["width"] + maps[1]["width"] + 12 <= value["width"]:
            assert abs(maps[0]["top"] - maps[1]["top"]) <= 1, "the map buttons stack"


def check_hours_note(page):
    note = page.locator(".facts dd .muted").first
    lines = note.evaluate("(element) => element.getClientRects().length")
    assert lines <= 5, f"the 24-hour note runs to {lines} lines"


def check_special_badges(page):
    """7. "Special" and its state ("Ended") on one line."""
    cards = page.locator(".event-card")
    assert cards.count() >= 2
    for card in cards.all():
        kind, state = rect(card.locator(".kind")), rect(card.locator(".state"))
        assert abs(kind["top"] - state["top"]) <= 2 and state["left"] > kind["right"], (kind, state)


def check_header_joins_hero(page):
    """5. Nothing between the dark header and the home page's dark hero."""
    header, hero = rect(page.locator(".site-header")), rect(page.locator(".hero"))
    assert abs(hero["top"] - header["bottom"]) <= 1, f"{hero['top'] - header['bottom']} px between header and hero"


def test_the_pages_of_items_1_to_7_at_390_px_in_both_languages(page, live_server, at, screenshots):
    at("2026-05-08 19:30")
    assert page.viewport_size["width"] == 390
    for prefix, language in (("", "zh"), ("/en", "en")):
        page.goto(f"{live_server.url}{prefix}/")
        check_served_lists(page)
        check_header_joins_hero(page)
        shot(page, screenshots, "home", language)

        page.goto(f"{live_server.url}{prefix}/transit/")
        check_served_lists(page)
        shot(page, screenshots, "board", language)

        page.goto(f"{live_server.url}{prefix}/venues/?theme=food&bus_after=23:30")
        check_filter_chips_and_disclosure(page)
        shot(page, screenshots, "filters", language)

        page.goto(f"{live_server.url}{prefix}/venues/xigong-xiaojie/")
        check_facts_and_header_gap(page, directions=True)
        check_hours_note(page)
        shot(page, screenshots, "venue", language)

        page.goto(f"{live_server.url}{prefix}/events/yeyou-longmen/")
        check_facts_and_header_gap(page, directions=True)
        shot(page, screenshots, "event", language)

        page.goto(f"{live_server.url}{prefix}/events/?kind=special")
        check_special_badges(page)
        shot(page, screenshots, "specials", language)

        # 5. A saved copy of the home page (as the worker marks it: <html data-saved-at>): the
        # offline note above the header, the header still joined to the hero.
        home = f"{live_server.url}{prefix}/"

        def saved_copy(route):
            asked = {name: value for name, value in route.request.headers.items() if not name.startswith("if-")}
            html = route.fetch(headers=asked).text()
            assert "<html" in html
            route.fulfill(status=200, content_type="text/html; charset=utf-8",
                          body=html.replace("<html", '<html data-saved-at="1778239800000"', 1))

        def is_home(url):
            return url == home

        page.route(is_home, saved_copy)
        page.goto(home)
        note = page.locator(".saved-note")
        expect(note).to_be_visible()
        assert rect(note)["bottom"] <= rect(page.locator(".site-header .header-row"))["top"] + 1
        check_header_joins_hero(page)
        shot(page, screenshots, "offline-home", language)
        page.unroute(is_home)


@pytest.fixture
def english_phone(browser, playwright):
    """A phone that prefers English: the Chinese pages offer the English site."""
    context = browser.new_context(**{**playwright.devices["iPhone 13"], "locale": "en-US"})
    yield context.new_page()
    context.close()


def test_the_english_offer_moves_nothing_on_a_chinese_page(english_phone, live_server, screenshots):
    """8. The offer appears after the page has drawn, over the bottom of the screen: no layout
    shift, the header still at the top."""
    page = english_phone
    page.goto(f"{live_server.url}/transit/")
    offer = page.locator("#language-offer")
    expect(offer).to_be_visible()
    box = rect(offer)
    assert abs(box["bottom"] - page.viewport_size["height"]) <= 1 and box["width"] == page.viewport_size["width"]
    assert rect(page.locator(".site-header"))["top"] == 0
    shifts = page.evaluate("""new Promise((done) => new PerformanceObserver((list, observer) => {
        done(list.getEntries().reduce((sum, entry) => sum + entry.value, 0)); observer.disconnect();
    }).observe({type: "layout-shift", buffered: true}))""") if page.evaluate(
        "performance.getEntriesByType('layout-shift').length") else 0
    assert shifts == 0
    page.screenshot(path=screenshots / "layout-offer-zh.png", scale="css")


def test_suggestions_while_typing_are_links_under_the_box_in_the_pages_language(page, live_server, screenshots):
    """Search suggestions (static/js/suggest.js, /search/suggest/): names as 44 px links under the
    box, inside the screen, in the page's language; gone when the box is emptied."""
    for path, typed, name, kind, href, language in (
            ("/en/", "longmen", "Longmen Grottoes", "Venue", "/en/venues/longmen-shiku/", "en"),
            ("/search/", "龙门", "龙门石窟", "场所", "/venues/longmen-shiku/", "zh")):
        page.goto(live_server.url + path)
        box = page.locator("input[data-suggest]")
        box.press_sequentially(typed)
        link = page.locator(".suggestions a", has_text=name)
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", href)
        expect(link.locator(".suggestion-kind")).to_have_text(kind)
        found, field = rect(link), rect(box)
        assert found["top"] >= field["bottom"] and found["right"] <= 390 and found["height"] >= 44
        page.screenshot(path=screenshots / f"layout-suggestions-{language}.png", scale="css")
        box.fill("")
        box.dispatch_event("input")
        expect(page.locator(".suggestions")).to_be_hidden()
