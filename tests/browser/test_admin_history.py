"""An editor in Debian's Chromium on a 390 px phone, in Chinese: previews a change before saving it, reads it word by word in the history and on the
site-wide changes page, and schedules another that the clock then passes."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from editors.accounts import editors_group
from editors.models import ScheduledChange
from tests.admin.helpers import editor
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("live_plan")

GUJIE = "longmen-gujie"
ADDED = "夏天的摊位营业到凌晨两点。"
# On a phone in Chinese, as most editors work; the English strings of these pages are checked
# through the test client (tests/admin/test_preview.py, test_history_site.py, test_schedule.py).
TEXT = {"preview": "预览中文页面", "schedule": "安排这次修改", "save": "保存并继续编辑",
        "changes": "所有编辑的修改", "banner": "未保存修改的预览"}


def no_sideways_scroll(page) -> None:
    # Measured once the stylesheets have loaded: before, a table is as wide as its text.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_an_editor_previews_reads_the_history_and_schedules_a_change(page, live_server, screenshots, at):
    text, name = TEXT, "phone-zh-hans"
    at("2026-05-08 20:00")
    editors_group()
    editor("li")
    gujie = Venue.objects.get(slug=GUJIE)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("li")
    page.locator("#id_password").fill("night-editor-2026")
    page.locator("input[type=submit]").click()

    # Preview: the public page with the unsaved text, in a new tab; nothing saved.
    page.goto(f"{live_server.url}/admin/venues/venue/{gujie.pk}/change/")
    field = page.locator("#id_description")
    before = field.input_value()
    field.fill(before + ADDED)
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=text["preview"]).click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator(".draft-banner")).to_contain_text(text["banner"])
    expect(preview.locator("main")).to_contain_text(ADDED)
    no_sideways_scroll(preview)
    preview.screenshot(path=screenshots / f"admin-preview-{name}.png", full_page=True, scale="css")
    preview.close()
    assert ADDED not in Venue.objects.get(pk=gujie.pk).description_en + gujie.description

    # Save, then the history shows the added words, and only them, as inserted.
    page.get_by_role("button", name=text["save"]).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(f"{live_server.url}/admin/venues/venue/{gujie.pk}/history/")
    inserted = page.locator("#change-history .word-diff ins")
    expect(inserted).to_have_text(ADDED)
    expect(page.locator("#change-history .word-diff del")).to_have_count(0)
    expect(page.locator("#change-history")).to_contain_text(re.compile(r"2026-05-08\s+20:00:\d\d"))
    no_sideways_scroll(page)
    page.locator("#change-history").screenshot(path=screenshots / f"admin-history-diff-{name}.png", scale="css")

    # Schedule new hours for 20:30; visitors keep the current version until then.
    page.goto(f"{live_server.url}/admin/venues/venue/{gujie.pk}/change/")
    page.locator("#id_opens_at").fill("19:00")
    page.locator("#id_closes_at").fill("23:30")
    page.locator("#id_schedule_date").fill("2026-05-08")
    page.locator("#id_schedule_time").fill("20:30")
    page.locator("#preview-schedule").screenshot(path=screenshots / f"admin-form-schedule-{name}.png", scale="css")
    page.get_by_role("button", name=text["schedule"]).click()
    expect(page.locator(".messagelist .success")).to_contain_text("2026-05-08 20:30:00")
    assert Venue.objects.get(pk=gujie.pk).opens_at is None
    page.goto(f"{live_server.url}/admin/venues/venue/{gujie.pk}/history/")
    expect(page.locator("#scheduled-changes")).to_contain_text("2026-05-08 20:30:00")
    no_sideways_scroll(page)
    page.locator("#content-main").screenshot(path=screenshots / f"admin-history-scheduled-{name}.png", scale="css")

    # The site-wide page, from the admin home: both changes, newest first, by li.
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name=text["changes"]).click()
    expect(page.locator("#scheduled-changes")).to_contain_text("2026-05-08 20:30:00")
    expect(page.locator("#all-changes tbody tr").first).to_contain_text("li")
    expect(page.locator("#all-changes")).to_contain_text("龙门古街")
    no_sideways_scroll(page)
    page.screenshot(path=screenshots / f"admin-changes-{name}.png", full_page=True, scale="css")

    # The clock passes 20:30 and cron runs the command: the public page has the new hours.
    visitor = page.context.browser.new_page()
    visitor.goto(f"{live_server.url}/venues/{GUJIE}/")
    expect(visitor.locator("main")).not_to_contain_text("19:00")
    at("2026-05-08 20:31")
    call_command("apply_scheduled_changes")
    assert ScheduledChange.objects.get().state == ScheduledChange.State.APPLIED
    visitor.goto(f"{live_server.url}/venues/{GUJIE}/")
    expect(visitor.locator("main")).to_contain_text("19:00")
    visitor.close()
    page.goto(f"{live_server.url}/admin/venues/venue/{gujie.pk}/history/")
    expect(page.locator("#scheduled-changes")).to_have_count(0)
    expect(page.locator("#change-history tbody tr").first).to_contain_text("2026-05-08 20:30:00")
    page.locator("#change-history tbody tr").first.screenshot(path=screenshots / f"admin-history-applied-{name}.png", scale="css")
