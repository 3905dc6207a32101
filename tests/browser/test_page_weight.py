"""Light on a phone: every public page's HTML + CSS + JS is at most 60 KB before compression,
with no web font and no request to another site. Measured in a real browser, so everything
a page loads (stylesheets, scripts, whatever they pull in) counts."""

import pytest

from tests.browser.pages import both_languages

pytestmark = pytest.mark.usefixtures("live_plan")

BUDGET = 60 * 1024
COUNTED = {"document", "stylesheet", "script"}


_sizes = {}


def size_of(page, url: str) -> int:
    """Bytes of a same-origin file as served, before compression (fetched once per URL)."""
    if url not in _sizes:
        answer = page.request.get(url, headers={"Accept-Encoding": "identity"})
        assert answer.ok, url
        _sizes[url] = len(answer.body())
    return _sizes[url]


def test_every_public_page_weighs_at_most_60_kb_with_no_font_and_nothing_from_elsewhere(page, live_server, at):
    at("2026-05-08 22:20")
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    weights, fonts, outside = {}, {}, {}
    for path, status in both_languages():
        loaded.clear()
        response = page.goto(f"{live_server.url}{path}", wait_until="load")
        assert response.status == status, path
        subresources = {r.url for r in loaded if r.resource_type in COUNTED - {"document"}
                        and r.url.startswith(live_server.url)}
        assert subresources, f"{path}: the site's stylesheet was not seen"
        # The browser may revalidate a stylesheet (304, no body): size each file by fetching it.
        weights[path] = len(response.body()) + sum(size_of(page, url) for url in subresources)
        fonts[path] = [r.url for r in loaded if r.resource_type == "font"]
        outside[path] = [r.url for r in loaded if not r.url.startswith((live_server.url, "data:"))]
    heavy = {path: f"{size / 1024:.1f} KB" for path, size in weights.items() if size > BUDGET}
    assert heavy == {}
    assert {path: urls for path, urls in fonts.items() if urls} == {}
    assert {path: urls for path, urls in outside.items() if urls} == {}
    print("\n" + "\n".join(f"{size / 1024:6.1f} KB  {path}" for path, size in sorted(weights.items(), key=lambda i: -i[1])))


def test_the_budget_counts_the_stylesheet_not_only_the_html(page, live_server):
    """A page's weight includes its CSS: the same-origin stylesheet is fetched and measured."""
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request))
    response = page.goto(f"{live_server.url}/")
    stylesheets = [r.url for r in loaded if r.resource_type == "stylesheet"]
    assert len(stylesheets) == 1
    assert size_of(page, stylesheets[0]) > 5 * 1024
    assert len(response.body()) > 5 * 1024
