"""Tonight in the pocket, in a real browser: the service worker saves tonight's pages as they are
opened; offline (HTTP cache off too), they come back with "saved at" and countdowns worked out
on the phone, a page never opened gets the offline page listing what is saved, a copy from an
earlier night is never shown as tonight's, and the admin is never kept."""

import datetime as dt
import re
import time

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from core.nighttime import NIGHT_STARTS, moment_on_night, tonight
from transit.wayback import minutes_left, time_left_text

pytestmark = pytest.mark.usefixtures("live_plan")

CHINESE = ["/", "/transit/", "/events/yeyou-longmen/"]
VISITED = CHINESE + [f"/en{path}" for path in CHINESE]
# At 23:30:20 on the phone some last runs have gone and some are still to come.
PHONE_TIME = dt.time(23, 30)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "service_workers": "allow"}


def not_at_the_change_of_night():
    """The worker dates what it saves by the real clock: wait out the last minute before 06:00,
    so that the pages are saved and read back on the same night."""
    local = timezone.localtime()
    change = local.replace(hour=NIGHT_STARTS.hour, minute=0, second=5, microsecond=0)
    if dt.timedelta(0) < change - local < dt.timedelta(minutes=2):
        time.sleep((change - local).total_seconds())


def saved_paths(page) -> list[str]:
    return page.evaluate("""caches.open("saved-pages").then((cache) => cache.keys())
                            .then((keys) => keys.map((key) => new URL(key.url).pathname).sort())""")


def eventually(check, seconds: float = 15):
    """Polls `check()` until it is true (wait_for_function would evaluate a string: the CSP refuses)."""
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.2)
    return check()


def open_online(page, base: str) -> None:
    """Opens every page of VISITED once the worker controls the page, and waits until all are saved."""
    page.goto(base + "/")
    assert eventually(lambda: page.evaluate("navigator.serviceWorker.controller !== null"))
    for path in VISITED:
        page.goto(base + path)
    assert eventually(lambda: saved_paths(page) == sorted(VISITED)), saved_paths(page)


def go_offline(context, page) -> None:
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    context.set_offline(True)


def shanghai_clock(milliseconds: str) -> str:
    return timezone.localtime(dt.datetime.fromtimestamp(int(milliseconds) / 1000, dt.timezone.utc)).strftime("%H:%M")


def countdowns(page) -> list[tuple[str, str]]:
    """(datetime attribute, text) of every last run's countdown on the page."""
    return [(time.get_attribute("datetime"), time.inner_text()) for time in page.locator("time[data-last-run]").all()]


def expected_countdown(moment: str, phone_now: dt.datetime, language: str) -> str:
    """What the server would say at `phone_now` for the run at `moment` (transit/wayback.py)."""
    with translation.override(language):
        return time_left_text(minutes_left(dt.datetime.fromisoformat(moment).time(), phone_now))


def test_tonights_pages_kept_offline_in_one_evening(context, page, live_server, screenshots):
    """One visitor's evening: pages opened online are kept (the admin never is); offline they come
    back with "saved at" and countdowns worked out on the phone; a page never opened gets the
    offline page listing what is saved; a copy from an earlier night is never shown as tonight's."""
    not_at_the_change_of_night()
    open_online(page, live_server.url)

    # Online: pages come fresh from the network, and the admin is never kept.
    page.goto(live_server.url + "/admin/login/")
    expect(page.locator("#id_username")).to_be_visible()
    page.goto(live_server.url + "/")
    expect(page.locator(".saved-note")).to_have_count(0)
    expect(page.locator("html")).not_to_have_attribute("data-saved-at", re.compile("."))
    kept = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            for (const key of await (await caches.open(name)).keys()) urls.push(key.url);
        }
        return urls;
    }""")
    assert kept and not [url for url in kept if "/admin/" in url]

    go_offline(context, page)
    # A page never opened: the offline page, listing the saved pages of its language.
    page.goto(live_server.url + "/venues/xigong-xiaojie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("您已离线")
    saved = page.locator("#saved-pages li")
    expect(saved).to_have_count(len(CHINESE))  # a Chinese page lists the Chinese pages (issue 22)
    links = {link.get_attribute("href"): link.inner_text() for link in page.locator("#saved-pages li a").all()}
    assert set(links) == set(CHINESE)
    assert links["/transit/"] == "末班公交"
    for item in saved.all_inner_texts():
        assert re.search(r"(保存于|saved at) \d\d:\d\d$", item), item
    expect(page.locator("#nothing-saved")).to_be_hidden()
    expect(page.get_by_text("西工小街")).to_have_count(0)  # never opened: not listed, not shown
    page.screenshot(path=screenshots / "offline-page-zh.png", full_page=True, scale="css")

    page.goto(live_server.url + "/en/venues/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.locator("#saved-pages h2")).to_have_text("Saved on this phone")
    page.screenshot(path=screenshots / "offline-page-en.png", full_page=True, scale="css")
    # A saved page opens from the list.
    page.get_by_role("link", name="Last buses").last.click()
    expect(page.locator(".saved-note")).to_contain_text("saved at")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tonight's last buses")

    # Saved pages, at 23:30:20 on the phone's clock.
    phone_now = moment_on_night(tonight(), PHONE_TIME) + dt.timedelta(seconds=20)
    page.clock.set_fixed_time(phone_now)
    seen = {}
    for path in VISITED:
        english = path.startswith("/en/")
        response = page.goto(live_server.url + path)
        assert response.status == 200 and response.from_service_worker, path
        saved_at = page.locator("html").get_attribute("data-saved-at")
        note = page.locator(".saved-note")
        if english:
            expect(note).to_have_text(f"You are offline: this page was saved at {shanghai_clock(saved_at)}.")
        else:
            expect(note).to_have_text(f"您已离线：本页保存于 {shanghai_clock(saved_at)}。")
        runs = countdowns(page)
        assert runs, f"{path}: no last run to count down to"
        language = "en" if english else "zh-hans"
        assert [text for _, text in runs] == [expected_countdown(moment, phone_now, language) for moment, _ in runs], path
        seen[path] = {text for _, text in runs}
    # At 23:30 the board has runs still to come and runs that have gone, worded as the server would.
    assert {"last bus in 1 h 30 min", "gone tonight"} <= seen["/en/transit/"]
    assert {"末班车还有1小时30分钟", "今晚已开过"} <= seen["/transit/"]
    expect(page.locator(".run-gone").first).to_be_visible()

    page.screenshot(path=screenshots / "offline-saved-board-en.png", full_page=True, scale="css")
    page.goto(live_server.url + "/transit/")
    page.screenshot(path=screenshots / "offline-saved-board-zh.png", full_page=True, scale="css")
    # A reload asks the network first; offline, the same saved copy comes back.
    page.reload()
    expect(page.locator(".saved-note")).to_contain_text("保存于")

    # Earlier in the evening (18:00), a run more than six hours away says nothing yet, as on the server.
    evening = moment_on_night(tonight(), dt.time(18, 0))
    page.clock.set_fixed_time(evening)
    page.goto(live_server.url + "/en/transit/")
    runs = countdowns(page)
    assert [text for _, text in runs] == [expected_countdown(moment, evening, "en") for moment, _ in runs]
    assert "" in {text for _, text in runs} and "last bus in 5 h" in {text for _, text in runs}

    # The board as the worker would have kept it had it been saved a day ago: never shown as tonight's.
    day_ago = int((time.time() - 24 * 3600) * 1000)
    page.evaluate("""async (savedAt) => {
        const cache = await caches.open("saved-pages");
        const copy = await cache.match("/transit/");
        const headers = new Headers(copy.headers);
        headers.set("X-Saved-At", String(savedAt));
        const html = (await copy.text()).replace(/data-saved-at="\\d+"/, `data-saved-at="${savedAt}"`);
        await cache.put("/transit/", new Response(html, {headers}));
    }""", day_ago)
    page.goto(live_server.url + "/transit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("您已离线")
    expect(page.locator(".saved-note")).to_have_count(0)
    expect(page.locator("time[data-last-run]")).to_have_count(0)
    earlier = page.locator("#saved-pages li", has_text="末班公交")
    day = timezone.localtime(dt.datetime.fromtimestamp(day_ago / 1000, dt.timezone.utc))
    expect(earlier).to_have_text(f"末班公交 保存于{day.month}月{day.day}日 {day:%H:%M}，属于往日的夜晚：离线时不显示")
    expect(earlier.locator("a")).to_have_count(0)  # named, not offered
    # Tonight's copies are still offered.
    expect(page.locator("#saved-pages li a")).to_have_count(len(CHINESE) - 1)  # the Chinese ones
    # The admin was never kept: offline, it is not there.
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(live_server.url + "/admin/login/")


@pytest.mark.parametrize("path, name, start", [("/", "古都夜八点", "/"), ("/en/", "Ancient Capital at 8 pm", "/en/")])
def test_the_site_is_installable_in_either_language(page, live_server, path, name, start):
    page.goto(live_server.url + path)
    cdp = page.context.new_cdp_session(page)
    errors = [error["errorId"] for error in cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]]
    # Playwright's contexts are incognito, where Chromium installs nothing; nothing else is missing.
    assert errors == ["in-incognito"]
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["errors"] == []
    assert manifest["url"] == live_server.url + ("/en" if path == "/en/" else "") + "/manifest.webmanifest"
    parsed = page.request.get(manifest["url"]).json()
    assert (parsed["name"], parsed["start_url"], parsed["scope"]) == (name, start, "/")
