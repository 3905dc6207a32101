"""A visitor on a phone, in Debian's Chromium driven by Playwright (390 px wide, iPhone 13)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.pages import both_languages

pytestmark = pytest.mark.usefixtures("live_plan")


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


def way_back_runs(page):
    """(route badge, time, time left) of each run in the way-back panel, in page order."""
    rows = page.locator(".way-back .run")
    return [(row.locator(".route-badge").inner_text(), row.locator("strong").inner_text(),
             row.locator(".left").inner_text()) for row in rows.all()]


def test_a_visitor_goes_from_a_theme_to_a_quarter_reads_its_last_bus_and_switches_to_english(page, live_server, at):
    at("2026-05-08 19:30")
    page.goto(f"{live_server.url}/")
    page.locator(".theme-links a.theme-food").click()
    expect(page).to_have_url(re.compile(r"/venues/\?theme=food$"))
    page.get_by_role("link", name="西工小街").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("西工小街")
    first_run = page.locator(".way-back .run").first
    expect(first_run).to_contain_text("9路")
    expect(first_run).to_contain_text("1:00")
    chinese = way_back_runs(page)
    assert [(badge, "5" in left and "30" in left) for badge, _, left in chinese] == [("9路", True), ("101路", True)]
    unpublished = page.locator(".way-back .route-badges li").all_inner_texts()
    assert len(unpublished) == 8

    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/venues/xigong-xiaojie/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xigong Xiaojie (Xigong Lane)")
    english = way_back_runs(page)
    assert english == [("Route 9", "1:00 after midnight", "last bus in 5 h 30 min"),
                       ("Route 101", "1:00 after midnight", "last bus in 5 h 30 min")]
    # The same runs, the same clock times and the same time left, only in the other language.
    assert [re.findall(r"\d+", badge) for badge, _, _ in english] == [re.findall(r"\d+", b) for b, _, _ in chinese]
    assert [re.findall(r"\d+", left) for _, _, left in english] == [re.findall(r"\d+", left) for _, _, left in chinese]
    english_unpublished = page.locator(".way-back .route-badges li").all_inner_texts()
    assert [re.findall(r"\d+", name) for name in english_unpublished] == [re.findall(r"\d+", n) for n in unpublished]

    page.get_by_role("link", name="中文").click()
    expect(page).to_have_url(f"{live_server.url}/venues/xigong-xiaojie/")
    expect(page.get_by_role("heading", level=1)).to_have_text("西工小街")


def test_the_language_switch_keeps_the_filters_in_the_browser(page, live_server):
    page.goto(f"{live_server.url}/venues/?theme=food&bus_after=23:30")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/venues/\?theme=food&bus_after=23(:|%3A)30$"))
    titles = page.locator(".venue-card .card-title")
    expect(titles).to_have_count(3)
    # Cards name a venue by the translation in its English name (the Chinese name follows).
    for kept in ["Xigong Lane", "Old Town Crossroads Street", "Dongfang Cultural and Creative Park"]:
        expect(titles.filter(has_text=kept)).to_have_count(1)
    expect(titles.filter(has_text="Longmen Ancient Street")).to_have_count(0)


def screenshot_name(path: str) -> str:
    """en-venues-theme-food, zh-venues-theme-food; long search strings cut short."""
    language = "en" if path.startswith("/en/") else "zh"
    slug = re.sub(r"[^a-z0-9]+", "-", path.removeprefix("/en").lower()).strip("-")[:60].strip("-")
    return f"{language}-{slug or 'home'}"


@pytest.mark.parametrize("width", [360, 390])
def test_no_public_page_scrolls_sideways_on_a_phone(page, live_server, screenshots, at, width):
    at("2026-05-08 22:20")  # a tourist's moment: some last buses still to come, some gone
    page.set_viewport_size({"width": width, "height": 800})
    for path, status in both_languages():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == status, path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
        if width == 390:
            page.screenshot(path=screenshots / f"{screenshot_name(path)}.png", full_page=True)


def test_pages_make_no_third_party_requests(page, live_server):
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:") else None)
    for path in ["/", "/venues/", "/venues/xigong-xiaojie/", "/events/", "/transit/"]:
        page.goto(f"{live_server.url}{path}")
    assert outside == []
