"""A visitor on a phone, in Debian's Chromium driven by Playwright (390 px wide, iPhone 13)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("live_plan")

PUBLIC_PAGES = [
    "/", "/events/", "/events/?theme=entertainment&starts_after=19:00", "/events/yeyou-longmen/",
    "/events/jiuzhouchi-chishang-fanhua/", "/events/gudu-ye-badian-tv/", "/venues/", "/venues/?theme=food",
    "/venues/?bus_after=23:30", "/venues/xigong-xiaojie/", "/venues/luoyi-gucheng/", "/venues/longmen-shiku/",
    "/transit/", "/transit/9/", "/search/?q=九洲池", "/venues/?bus_after=25:99", "/no-such-page/",
]


def test_a_visitor_finds_the_quarters_with_a_bus_after_2330_using_the_form(page, live_server):
    page.goto(f"{live_server.url}/venues/")
    page.locator(".filters-box > summary").click()
    page.get_by_label(re.compile("Last bus at or after|末班")).fill("23:30")
    page.get_by_role("button", name=re.compile("Apply filters|筛选")).click()
    expect(page).to_have_url(re.compile(r"bus_after=23%3A30"))
    cards = page.locator(".venue-card .card-title")
    expect(cards).to_have_count(5)
    for kept in ["西工小街", "老城十字街", "天心文化产业园", "东方文创园", "隋唐洛阳城国家遗址公园"]:
        expect(cards.filter(has_text=kept)).to_have_count(1)
    for dropped in ["环开元湖购物商圈", "洛邑古城", "龙门古街"]:
        expect(cards.filter(has_text=dropped)).to_have_count(0)


def test_a_bad_time_typed_in_the_form_is_explained_next_to_the_field(page, live_server):
    page.goto(f"{live_server.url}/venues/")
    page.locator(".filters-box > summary").click()
    page.get_by_label(re.compile("Last bus at or after|末班")).fill("25:99")
    with page.expect_response(re.compile(r"/venues/\?")) as answer:
        page.get_by_role("button", name=re.compile("Apply filters|筛选")).click()
    assert answer.value.status == 400
    expect(page.locator(".field-error")).to_contain_text("HH:MM")
    expect(page.locator(".venue-card")).to_have_count(0)


def test_a_visitor_goes_from_a_theme_to_a_quarter_and_reads_its_last_bus(page, live_server):
    page.goto(f"{live_server.url}/")
    page.locator(".theme-links a.theme-food").click()
    page.get_by_role("link", name="西工小街").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("西工小街")
    first_run = page.locator(".way-back .run").first
    expect(first_run).to_contain_text("9路")
    expect(first_run).to_contain_text("1:00")


@pytest.mark.parametrize("width", [360, 390])
def test_no_public_page_scrolls_sideways_on_a_phone(page, live_server, screenshots, width):
    page.set_viewport_size({"width": width, "height": 800})
    for path in PUBLIC_PAGES:
        for prefix in ["", "/en"]:
            page.goto(f"{live_server.url}{prefix}{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{prefix}{path} scrolls sideways by {overflow}px at {width}px"
            if width == 390:
                name = re.sub(r"[^a-z0-9]+", "-", f"{prefix or 'zh'}{path}".lower()).strip("-") or "home"
                page.screenshot(path=screenshots / f"{name}.png", full_page=True)


def test_pages_make_no_third_party_requests(page, live_server):
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:") else None)
    for path in ["/", "/venues/", "/venues/xigong-xiaojie/", "/events/", "/transit/"]:
        page.goto(f"{live_server.url}{path}")
    assert outside == []
