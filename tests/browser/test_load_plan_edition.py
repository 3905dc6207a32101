"""A staff member loads next year's plan in Debian's Chromium on a laptop: an untouched last run
changes, an edited one changes too, a route is added and a quarter leaves the plan; they review,
choose, apply, and the pages and the API show the result and name the new edition."""

import datetime as dt
import json

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import expect

from editors.accounts import plan_staff_group
from nightlife.plan import read_plan
from transit.models import Serving
from venues.models import Venue

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_plan")]

NINE, SEVENTY_FIVE = "xigong-xiaojie/9", "huan-kaiyuanhu-shangquan/75"
LEAVES = "dabeimen-wenhua-gongyuan"  # a quarter the new edition no longer lists


def edition_2021(path):
    data = read_plan(settings.PLAN_FIXTURE)
    data["source"].update(edition="2021年5月", edition_en="May 2021", published="2021-05")
    for serving in data["servings"]:
        serving["last_run"] = {NINE: "00:30", SEVENTY_FIVE: "22:50"}.get(serving["plan_key"], serving["last_run"])
    data["routes"].append({"plan_key": "999", "slug": "999", "name": "999路", "name_en": "Route 999"})
    data["servings"].append({"plan_key": "huan-kaiyuanhu-shangquan/999", "venue": "huan-kaiyuanhu-shangquan",
                             "route": "999", "position": 99, "last_run": "23:30", "last_run_kind": "passes",
                             "last_run_stop": None})
    data["venues"] = [v for v in data["venues"] if v["slug"] != LEAVES]
    data["servings"] = [s for s in data["servings"] if s["venue"] != LEAVES]
    data["stops"] = [s for s in data["stops"] if s.get("venue") != LEAVES]
    for event in data["events"]:
        if event["venue"] == LEAVES:
            event["venue"], event["place"] = None, None
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    yield context.new_page()
    context.close()


def test_staff_load_an_edition_review_choose_apply_and_every_page_names_it(laptop, live_server, screenshots, tmp_path):
    page = laptop
    row = Serving.objects.get(plan_key=SEVENTY_FIVE)  # an editor's change, as the admin saves it
    before = {"last_run": row.last_run}
    row.last_run = dt.time(23, 10)
    row.note_edit(before)
    row.save()
    user = User.objects.create_user("wang", password="plan-staff-2026", is_staff=True)
    user.groups.add(plan_staff_group())
    plan_file = edition_2021(tmp_path / "plan-2021.json")

    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("wang")
    page.locator("#id_password").fill("plan-staff-2026")
    page.locator("input[type=submit]").click()
    page.get_by_role("link", name="载入新版方案").click()
    page.locator("input[type=file]").set_input_files(str(plan_file))
    page.get_by_role("button", name="核对").click()

    expect(page.locator("#plan-update")).to_contain_text("9路")
    expect(page.locator("#plan-update")).to_contain_text("00:30")
    expect(page.locator("#plan-create")).to_contain_text("999路")
    expect(page.locator("#plan-left")).to_contain_text("大北门")
    conflict = page.locator("#plan-conflict")
    expect(conflict).to_contain_text("23:10")
    expect(conflict).to_contain_text("22:50")
    assert Serving.objects.get(plan_key=NINE).last_run == dt.time(1, 0), "nothing written before apply"
    page.screenshot(path=screenshots / "admin-load-plan-review-laptop.png", full_page=True, scale="css")

    conflict.get_by_label("保留本站的").check()
    page.locator("#plan-left tr", has_text="大北门").first.get_by_label("下线").check()
    page.get_by_role("button", name="应用").click()
    expect(page.locator(".messagelist")).to_contain_text("已载入方案 2021年5月")

    page.goto(f"{live_server.url}/venues/huan-kaiyuanhu-shangquan/")
    expect(page.locator(".provenance")).to_contain_text("洛阳日报，2021年5月")
    expect(page.locator("main")).to_contain_text("999路")
    expect(page.locator("main")).to_contain_text("23:10")
    page.goto(f"{live_server.url}/venues/xigong-xiaojie/")
    expect(page.locator("main")).to_contain_text("凌晨0:30")
    assert page.goto(f"{live_server.url}/venues/{LEAVES}/").status == 404
    assert Venue.objects.filter(slug=LEAVES).exists(), "unpublished, never deleted"
    api = page.goto(f"{live_server.url}/api/v1/venues/huan-kaiyuanhu-shangquan/").json()
    assert api["plan_edition"]["name"] == {"zh": "2021年5月", "en": "May 2021"}
