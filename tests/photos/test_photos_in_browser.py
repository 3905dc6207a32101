"""Photos in a real phone browser (Chromium at iPhone 13 size, DPR 3): they load under the strict
CSP, the browser takes the WebP at the width the screen needs, and nothing moves as they arrive."""

import pytest

from events.models import Event
from tests.browser.test_page_walk import AXE, BLOCKING
from tests.photos.helpers import make_photo, night_scene
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("live_plan")

# Sums every layout shift the page has had (CLS without session windows: stricter).
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.fixture
def photographed(settings):
    settings.SERVE_MEDIA = True
    venue = Venue.objects.get(slug="xigong-xiaojie")
    for position, (alt, alt_en) in enumerate([("西工小街夜市", "Xigong Lane night market"),
                                              ("小吃摊前的人群", "A crowd at the snack stalls"),
                                              ("灯笼下的街口", "The lane's corner under lanterns")]):
        make_photo(venue, night_scene(1600, 1200, seed=position), alt=alt, alt_en=alt_en,
                   credit="洛阳日报", position=position)
    return venue


def test_photos_on_a_phone_load_as_webp_at_the_width_needed_move_nothing_and_pass_axe(
        page, live_server, photographed, screenshots):
    """One phone's visit (the photos are made once: renditions cost a second each set)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    # The venue list first (a browser that has the wider copy cached takes it): the small card
    # photo, on the one card that has a photo.
    page.goto(f"{live_server.url}/venues/", wait_until="load")
    card = page.locator(".venue-card", has_text="西工小街")
    img = card.locator(".card-photo img")
    img.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=img.element_handle())
    assert img.evaluate("img => img.currentSrc").endswith("-480w.webp")
    assert page.locator(".card-photo").count() == 1
    page.screenshot(path=str(screenshots / "photos-venue-list.png"), full_page=False, scale="css")

    # The venue page: the width each photo needs, nothing moving as they arrive, no CSP error.
    page.goto(f"{live_server.url}/en/venues/xigong-xiaojie/", wait_until="load")
    first = page.locator(".photo img").first
    assert first.evaluate("img => img.complete && img.naturalWidth > 0")
    # 390 CSS px at DPR 3 needs ~1100 px: the widest WebP, never the JPEG fallback.
    assert first.evaluate("img => img.currentSrc").endswith("-960w.webp")
    page.screenshot(path=str(screenshots / "photos-en-venue.png"), full_page=False, scale="css")
    page.mouse.wheel(0, 4000)
    page.wait_for_function("() => [...document.querySelectorAll('.photo img')].every(i => i.complete && i.naturalWidth)")
    assert page.evaluate(LAYOUT_SHIFT) == 0
    # The two half-width photos need ~530 px at DPR 3: the 640 px WebP, not the 960.
    halves = page.locator(".photo:not(.photo-wide) img")
    assert halves.count() == 2
    assert [src.rsplit("-", 1)[1] for src in halves.evaluate_all("imgs => imgs.map(i => i.currentSrc)")] == \
        ["640w.webp", "640w.webp"]
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    page.screenshot(path=str(screenshots / "photos-en-venue-full.png"), full_page=True, scale="css")

    # axe-core finds nothing serious on the pages with photos.
    make_photo(Event.objects.get(slug="yeyou-longmen"), night_scene(800, 600), alt="龙门夜游", alt_en="Longmen by night")
    page.add_init_script(path=str(AXE))
    found = {}
    for path in ["/venues/xigong-xiaojie/", "/en/venues/xigong-xiaojie/", "/venues/", "/events/",
                 "/en/events/yeyou-longmen/", "/"]:
        page.goto(f"{live_server.url}{path}")
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        blocking = [f"{v['id']}: {v['help']}" for v in result["violations"] if v["impact"] in BLOCKING]
        if blocking:
            found[path] = blocking
    assert found == {}
    page.wait_for_load_state("networkidle")  # no lazy photo still loading when the server stops
