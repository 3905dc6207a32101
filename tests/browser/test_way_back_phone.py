"""The way back on a phone (issue 20 finding 1, issue 22): at 390 px in Chromium, a departure
from a stop a walk away (7路 from 东花坛) is worded as a walk and its countdown is not the green
"at the door" badge; 龙门石窟's card gives 53路's 23:00; 大北门 says it has no bus. Screenshots in
test-artifacts/screenshots/way-back-*.png."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_way_back_reads_on_a_phone(page, live_server, live_plan, at, screenshots, prefix):
    at("2026-05-08 19:30")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{prefix}/venues/luoyi-gucheng/")
    walk = page.locator(".way-back li.run", has_text="东花坛")
    assert walk.count() == 1
    assert ("步行至东花坛站" if not prefix else "walk to the East Flower Terrace 东花坛 stop") in walk.inner_text()
    colours = walk.locator("time").evaluate("t => [getComputedStyle(t).backgroundColor, t.className]")
    assert "left-walk" in colours[1] and colours[0] in ("rgba(0, 0, 0, 0)", "transparent")
    door = page.locator(".way-back li.run", has_text="23:00").locator("time")
    assert door.evaluate("t => getComputedStyle(t).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".way-back").screenshot(path=screenshots / f"way-back-luoyi{prefix.replace('/', '-') or '-zh'}.png", scale="css")

    page.goto(f"{live_server.url}{prefix}/venues/")
    title = page.locator("h3.card-title", has_text="龙门石窟" if not prefix else "Longmen Grottoes")
    card = page.locator("article", has=title)
    assert card.count() == 1
    assert "23:00" in card.locator(".card-bus").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card.screenshot(path=screenshots / f"way-back-longmen-card{prefix.replace('/', '-') or '-zh'}.png", scale="css")

    page.goto(f"{live_server.url}{prefix}/events/dabeimen-tangyao/")
    assert page.locator(".way-back .no-buses").is_visible()
    page.locator(".way-back").screenshot(path=screenshots / f"way-back-dabeimen{prefix.replace('/', '-') or '-zh'}.png", scale="css")
