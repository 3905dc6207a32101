"""axe-core (vendored in tests/browser/vendor/axe.min.js) on every public page in both languages:
no serious or critical violation, on a phone (390 px) as visitors see the pages."""

from pathlib import Path

import pytest

from tests.browser.pages import both_languages

pytestmark = pytest.mark.usefixtures("live_plan")

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def describe(violations):
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
                     for v in violations)


def test_axe_finds_no_serious_or_critical_violation_on_any_public_page(page, live_server, at):
    at("2026-05-08 22:20")  # some runs still to come and some gone: both looks are audited
    # An init script, not a <script> tag: it runs under any Content-Security-Policy the site sends.
    page.add_init_script(path=str(AXE))
    found = {}
    for path, status in both_languages():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == status, path
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
        if blocking:
            found[path] = describe(blocking)
    assert found == {}, "\n\n".join(f"{path}:\n{text}" for path, text in found.items())


def test_axe_does_flag_a_page_with_a_serious_violation(page, live_server):
    """The audit is live: an image without alt text on a public page is caught."""
    page.add_init_script(path=str(AXE))
    page.goto(f"{live_server.url}/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert "image-alt" in {v["id"] for v in result["violations"] if v["impact"] in BLOCKING}


HEADING_LEVELS = "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]))"


def test_headings_never_skip_a_level_on_any_public_page(page, live_server):
    """One h1, and no jump from h1 to h3 (Lighthouse's heading-order: lists head their cards with
    the result count)."""
    skipped = {}
    for path, _ in both_languages():
        page.goto(f"{live_server.url}{path}")
        levels = page.evaluate(HEADING_LEVELS)
        jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        if levels.count(1) != 1 or levels[0] != 1 or jumps:
            skipped[path] = levels
    assert skipped == {}
