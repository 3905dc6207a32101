"""The first page a visitor lands on is kept (issue 22): it loaded before the service worker
took over, so it tells the worker its address; the worker keeps it with tonight's home page and
board in its language. The offline page then lists the pages saved in its own language only.
Chromium as an iPhone 13 (390 px), the real worker, offline with the HTTP cache off."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_offline import eventually, go_offline, not_at_the_change_of_night, saved_paths

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_plan")]
LANDING = "/en/venues/xigong-xiaojie/"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "service_workers": "allow"}


def test_the_landing_page_and_tonights_two_are_kept_and_listed_in_the_pages_language(
        context, page, live_server, screenshots):
    not_at_the_change_of_night()
    # A first visit: the page comes from the network, before any worker (one that activates at
    # once may claim the tab a moment later, but the page itself did not pass through it).
    assert not page.goto(live_server.url + LANDING).from_service_worker
    kept = sorted([LANDING, "/en/", "/en/transit/"])
    assert eventually(lambda: saved_paths(page) == kept), saved_paths(page)
    # A Chinese page opened later is saved as it arrives (the worker now controls the tab).
    page.goto(live_server.url + "/")
    assert eventually(lambda: saved_paths(page) == sorted([*kept, "/"])), saved_paths(page)

    go_offline(context, page)
    for path in (LANDING, "/en/", "/en/transit/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200 and response.from_service_worker, path
        expect(page.locator(".saved-note")).to_contain_text("You are offline: this page was saved at")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tonight's last buses")

    # A page never opened: the offline page, listing the English pages saved, none in Chinese.
    page.goto(live_server.url + "/en/events/yeyou-longmen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    links = page.locator("#saved-pages li a")
    expect(links).to_have_count(3)
    assert {link.get_attribute("href") for link in links.all()} == set(kept)
    listed = " ".join(page.locator("#saved-pages").all_inner_texts())
    assert "今晚" not in listed and "末班公交" not in listed and "Last buses" in listed
    page.screenshot(path=screenshots / "offline-landing-list-en.png", full_page=True, scale="css")

    # The Chinese offline page lists the Chinese page only.
    page.goto(live_server.url + "/events/yeyou-longmen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("您已离线")
    expect(page.locator("#saved-pages li a")).to_have_count(1)
    expect(page.locator("#saved-pages li a")).to_have_attribute("href", "/")
    assert "Last buses" not in " ".join(page.locator("#saved-pages").all_inner_texts())
    page.screenshot(path=screenshots / "offline-landing-list-zh.png", full_page=True, scale="css")
