"""The offline copy says when the server sent the page, not when the service worker copied it
(issue 24, 7): a visit inside the page's max-age is answered by the browser's own cache with the
first answer's Date, so a page of yesterday's night copied again after 06:00 keeps yesterday's
time and is never shown offline as tonight's."""

import email.utils

import pytest

from tests.browser.test_offline import eventually

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_plan")]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "service_workers": "allow"}


def saved_at(page, path: str):
    """The X-Saved-At of the worker's copy of `path`, or None."""
    return page.evaluate("""async (path) => {
        const cache = await caches.open("saved-pages");
        for (const key of await cache.keys()) {
            if (new URL(key.url).pathname === path) return Number((await cache.match(key)).headers.get("X-Saved-At"));
        }
        return null;
    }""", path)


def test_the_offline_copy_is_stamped_with_the_servers_date_not_the_copying_moment(page, live_server):
    # The server's Date is a whole second, the copying moment a millisecond after it; a copy the
    # browser's cache answers keeps its first Date, so it is never re-dated to a later night.
    page.goto(live_server.url + "/en/")
    assert eventually(lambda: page.evaluate("navigator.serviceWorker.controller !== null"))
    first = page.goto(live_server.url + "/en/transit/")
    sent = email.utils.parsedate_to_datetime(first.all_headers()["date"]).timestamp() * 1000
    assert eventually(lambda: saved_at(page, "/en/transit/") is not None)
    assert saved_at(page, "/en/transit/") == sent
