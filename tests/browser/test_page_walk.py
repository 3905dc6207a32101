"""One walk of every public page in Chromium on a phone (iPhone 13), each language in a test of its
own (two workers walk the two halves at once). Each page is loaded once and checked for all that
needs a browser:

- its status, and no Content-Security-Policy complaint; JSON-LD data blocks that parse;
- HTML + CSS + JS at most 60 KB before compression, no web font, no request to another site;
- no serious or critical axe-core violation (axe vendored in tests/browser/vendor/axe.min.js);
- nothing scrolls sideways at 390 px or at 360 px; a full-page screenshot at 390 px
  (test-artifacts/screenshots/<zh|en>-<page>.png: look at them);
- on the pages a tourist taps through (board, home, lists, search): every tap target at least
  44 x 44 px, and a whole card is its link.

What HTML alone decides (heading order, forms, links) is checked through the test client
(tests/nightlife/test_page_outline.py and the page tests)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.pages import PUBLIC_PAGES, expected_status

pytestmark = pytest.mark.usefixtures("live_plan")

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}
BUDGET = 60 * 1024
COUNTED = {"stylesheet", "script"}
WIDTHS = (390, 360)
SMALLEST = 44
# The pages a tourist taps through, with the name of a close-up screenshot's page.
TAPPED = ["/transit/", "/", "/venues/", "/events/", "/search/?q=food", "/search/?q=zzqx"]

# Each visible target's box (a checkbox counts by its label, which takes the tap; a card's title
# link by its card, over which the link is stretched).
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

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def screenshot_name(path: str) -> str:
    """en-venues-theme-food, zh-venues-theme-food; long search strings cut short."""
    language = "en" if path.startswith("/en/") else "zh"
    slug = re.sub(r"[^a-z0-9]+", "-", path.removeprefix("/en").lower()).strip("-")[:60].strip("-")
    return f"{language}-{slug or 'home'}"


class Walk:
    """What one page load showed, gathered over the walk; each list names the page it is about."""

    def __init__(self, page, base: str):
        self.page, self.base = page, base
        self.loaded, self.csp, self.sizes = [], [], {}
        page.on("requestfinished", lambda request: self.loaded.append(request))
        page.on("console", lambda message: self.csp.append(message.text)
                if "Content Security Policy" in message.text else None)
        self.problems: dict[str, list[str]] = {}

    def problem(self, path: str, text: str) -> None:
        self.problems.setdefault(path, []).append(text)

    def size_of(self, url: str) -> int:
        """Bytes of a same-origin file as served, before compression (fetched once per URL: the
        browser may have revalidated it, 304 with no body)."""
        if url not in self.sizes:
            answer = self.page.request.get(url, headers={"Accept-Encoding": "identity"})
            assert answer.ok, url
            self.sizes[url] = len(answer.body())
        return self.sizes[url]

    def visit(self, path: str, screenshots: Path) -> int:
        """Loads `path` once and checks everything above; returns the page's weight in bytes."""
        page = self.page
        page.set_viewport_size({"width": WIDTHS[0], "height": 844})
        self.loaded.clear()
        self.csp.clear()
        response = page.goto(self.base + path, wait_until="load")
        if response.status != expected_status(path.removeprefix("/en")):
            self.problem(path, f"status {response.status}")
        for text in page.locator('script[type="application/ld+json"]').all_text_contents():
            json.loads(text)
        subresources = {r.url for r in self.loaded if r.resource_type in COUNTED and r.url.startswith(self.base)}
        if not subresources:
            self.problem(path, "the site's stylesheet was not seen")
        weight = len(response.body()) + sum(self.size_of(url) for url in subresources)
        if weight > BUDGET:
            self.problem(path, f"{weight / 1024:.1f} KB")
        fonts = [r.url for r in self.loaded if r.resource_type == "font"]
        outside = [r.url for r in self.loaded if not r.url.startswith((self.base, "data:"))]
        if fonts or outside:
            self.problem(path, f"fonts {fonts}, from elsewhere {outside}")
        if self.csp:
            self.problem(path, f"CSP: {self.csp}")
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for v in result["violations"]:
            if v["impact"] in BLOCKING:
                self.problem(path, f"axe {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}")
        page.screenshot(path=screenshots / f"{screenshot_name(path)}.png", full_page=True, scale="css")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 844})
            overflow = page.evaluate(OVERFLOW)
            if overflow > 0:
                self.problem(path, f"scrolls sideways by {overflow}px at {width}px")
        return weight

    def tap_check(self, path: str) -> None:
        """At 390 px: every target at least 44 x 44 px (the filter form opened), whole cards tap."""
        page = self.page
        page.set_viewport_size({"width": 390, "height": 844})
        if page.locator(".filters-box").count():
            page.locator(".filters-box > summary").click()  # the form's fields are targets too
        small = [t for t in page.evaluate(TARGETS) if t["width"] < SMALLEST or t["height"] < SMALLEST]
        if small:
            self.problem(path, f"small targets {small}")
        for card in page.locator(".card").all():
            card.scroll_into_view_if_needed()
            tap = card.evaluate(CARD_TAP)
            if tap["missed"] or tap["height"] < SMALLEST:
                self.problem(path, f"card {tap}")
        overflow = page.evaluate(OVERFLOW)
        if overflow > 0:
            self.problem(path, f"scrolls sideways by {overflow}px with the filters open")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_public_page_on_a_phone(page, live_server, at, screenshots, prefix):
    at("2026-05-08 22:20")  # a tourist's moment: some last buses still to come, some gone
    # An init script, not a <script> tag: it runs under any Content-Security-Policy the site sends.
    page.add_init_script(path=str(AXE))
    walk = Walk(page, live_server.url)
    weights = {}
    for path in PUBLIC_PAGES + [p for p in TAPPED if p not in PUBLIC_PAGES]:
        weights[prefix + path] = walk.visit(prefix + path, screenshots)
        if path in TAPPED:
            walk.tap_check(prefix + path)
    assert walk.problems == {}
    # The budget counts the stylesheet, not only the HTML.
    stylesheet = [url for url in walk.sizes if url.endswith(".css")]
    assert stylesheet and all(walk.sizes[url] > 5 * 1024 for url in stylesheet)
    print("\n" + "\n".join(f"{size / 1024:6.1f} KB  {path}" for path, size in sorted(weights.items(), key=lambda i: -i[1])))

    # Close-ups for people to look at: the filter form and cards.
    language = "en" if prefix else "zh"
    page.goto(f"{live_server.url}{prefix}/venues/?theme=food")
    page.locator(".filters-box > summary").click()
    page.locator(".filters-box").screenshot(path=screenshots / f"tourist-{language}-filters.png", scale="css")
    page.locator(".venue-card").first.screenshot(path=screenshots / f"tourist-{language}-card.png", scale="css")
    page.goto(f"{live_server.url}{prefix}/events/")
    page.locator(".event-card").nth(4).screenshot(path=screenshots / f"tourist-{language}-event-card.png", scale="css")


def test_the_walk_catches_an_image_without_alt_text_and_a_block_too_wide(page, live_server, tmp_path):
    """The checks are live: an image without alt text and a 500 px wide block injected into a
    real page are each caught (an inline script: tests/production/test_csp_in_chromium.py)."""
    page.add_init_script(path=str(AXE))
    walk = Walk(page, live_server.url)
    walk.visit("/", tmp_path)  # its screenshot is not the walk's (that one is of 22:20)
    assert walk.problems == {}
    page.evaluate("""document.querySelector('main').insertAdjacentHTML('beforeend',
        '<img src="/x.png"><div class="too-wide">wide</div>');
        document.querySelector('.too-wide').style.width = '500px';""")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert "image-alt" in {v["id"] for v in result["violations"] if v["impact"] in BLOCKING}
    assert page.evaluate(OVERFLOW) > 0
