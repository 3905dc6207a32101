"""Rain at 18:30: an editor on a phone cancels tonight's 九洲池 show from the admin's event list
(one tap, the reason, one tap); a visitor on a phone then sees it marked on the home page and
on the event page, in Chinese and in English, and downloads a calendar that two parsers read as
cancelled for that night only. 390 px wide (iPhone 13), in Debian's Chromium."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject
from playwright.sync_api import expect

from editors.accounts import editors_group
from events.models import NightChange
from tests.admin.helpers import editor

pytestmark = pytest.mark.usefixtures("live_plan")
SHANGHAI = ZoneInfo("Asia/Shanghai")
SHOW = "九洲池“池上繁华”古装演艺"
SLUG = "jiuzhouchi-chishang-fanhua"


def local(moment: str) -> dt.datetime:
    return dt.datetime.fromisoformat(moment).replace(tzinfo=SHANGHAI)


def fits(page) -> None:
    """Nothing on the page scrolls sideways at phone width."""
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_an_editor_cancels_tonight_on_a_phone_and_visitors_see_it_everywhere(
        page, live_server, browser, browser_context_args, at, screenshots):
    at("2026-05-08 18:30")
    editors_group()  # browser tests flush the database, group included; repair it as staff would
    editor("li")
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill("li")
    page.locator("#id_password").fill("night-editor-2026")
    page.locator("input[type=submit]").click()

    page.goto(f"{live_server.url}/admin/events/event/")
    row = page.locator("#result_list tr", has_text=SHOW)
    cancel = row.get_by_role("link", name="取消今晚")
    expect(cancel).to_be_visible()
    page.screenshot(path=screenshots / "cancel-tonight-admin-list.png", full_page=True, scale="css")
    cancel.click()  # tap 1
    expect(page.locator("#content-main")).to_contain_text(SHOW)
    expect(page.locator("#id_night")).to_have_value("2026-05-08")
    page.locator("#id_reason").fill("因降雨取消")
    page.locator("#id_reason_en").fill("Cancelled for rain")
    fits(page)
    page.screenshot(path=screenshots / "cancel-tonight-admin-reason.png", full_page=True, scale="css")
    page.locator(".submit-row input[type=submit]").click()  # tap 2
    expect(page.locator(".messagelist .success")).to_contain_text(SHOW)
    expect(page.locator("#result_list tr", has_text=SHOW)).to_contain_text("今晚取消")
    page.screenshot(path=screenshots / "cancel-tonight-admin-done.png", full_page=True, scale="css")
    assert NightChange.objects.get().reason == "因降雨取消"

    at("2026-05-08 19:30")
    visitor = browser.new_context(**browser_context_args).new_page()
    for prefix, mark, banner, reason in [("", "今晚取消", "今晚有变动：1项", "原因：因降雨取消"),
                                         ("/en", "Cancelled tonight", "Changes tonight: 1",
                                          "Reason: Cancelled for rain")]:
        language = prefix.strip("/") or "zh"
        visitor.goto(f"{live_server.url}{prefix}/")
        expect(visitor.locator(".notice-changes")).to_have_text(banner)
        card = visitor.locator(".event-card", has=visitor.locator(f'a[href="{prefix}/events/{SLUG}/"]'))
        expect(card.locator(".change")).to_have_text(mark)
        expect(visitor.locator(".event-card .change")).to_have_count(1)  # the other shows are on
        fits(visitor)
        card.scroll_into_view_if_needed()
        visitor.screenshot(path=screenshots / f"cancel-tonight-home-{language}.png", scale="css")

        card.locator(".card-title a").click()
        changes = visitor.locator(".panel.changes")
        expect(changes.locator(".change")).to_have_text(mark)
        expect(changes).to_contain_text(reason)
        expect(changes.locator("del")).to_contain_text("20:00")
        expect(visitor.locator(".way-back .run")).to_have_count(0)  # no bus offered as if it were on
        fits(visitor)
        visitor.screenshot(path=screenshots / f"cancel-tonight-event-{language}.png", full_page=True, scale="css")

    with visitor.expect_download() as download:  # the event page's calendar link, still on /en/
        visitor.locator(f'a[href="/en/events/{SLUG}.ics"]').click()
    body = open(download.value.path(), "rb").read()
    occurrences = recurring_ical_events.of(icalendar.Calendar.from_ical(body)).between(
        local("2026-05-07 12:00"), local("2026-05-10 12:00"))
    assert [(o["DTSTART"].dt, str(o.get("STATUS", ""))) for o in occurrences] == [
        (local("2026-05-08 20:00"), "CANCELLED"), (local("2026-05-09 20:00"), "")]
    series, override = [vevent for vevent in vobject.readOne(body.decode()).vevent_list
                        if vevent.uid.value.startswith("event-")]
    assert override.recurrence_id.value == local("2026-05-08 20:00") and override.status.value == "CANCELLED"
    assert not hasattr(series, "status")
    assert override.description.value.startswith("Cancelled tonight: Cancelled for rain")


def test_every_kind_of_change_reads_on_a_phone_in_both_languages(page, live_server, at, screenshots):
    from events.models import Event, EventChangeKind, NightChangeKind
    from tests.factories import make_closure, make_event_change, make_night_change
    from venues.models import Place, Venue

    at("2026-05-08 18:30")
    night = dt.date(2026, 5, 8)
    make_night_change(Event.objects.get(slug=SLUG), night, NightChangeKind.MOVED, starts_at=dt.time(0, 30),
                      venue=Venue.objects.get(slug="luoyi-gucheng"), reason="移至室内", reason_en="")
    gate = Place.objects.get(name="应天门")
    make_closure(gate.venue, night, dt.date(2026, 5, 10), place=gate, reason="灯光检修",
                 reason_en="Lighting repairs")
    make_event_change(Event.objects.get(slug="dabeimen-tangyao"), EventChangeKind.POSTPONED, reason="演员休整",
                      reason_en="The cast is resting")
    at("2026-05-08 19:30")
    for prefix in ("", "/en"):
        language = prefix.strip("/") or "zh"
        page.goto(f"{live_server.url}{prefix}/")
        expect(page.locator(".notice-changes")).to_contain_text("3")
        expect(page.locator(".event-card .change")).to_have_count(3)
        fits(page)
        page.locator(f'.event-card a[href="{prefix}/events/{SLUG}/"]').scroll_into_view_if_needed()
        page.screenshot(path=screenshots / f"changes-home-{language}.png", scale="css")
        for slug in (SLUG, "yingtianmen-gucheng-yeyun", "dabeimen-tangyao"):
            page.goto(f"{live_server.url}{prefix}/events/{slug}/")
            expect(page.locator(".panel.changes .change")).to_have_count(1)
            fits(page)
            page.locator(".panel.changes").screenshot(path=screenshots / f"changes-{slug}-{language}.png", scale="css")
    # The moved show: its reason marked Chinese-only in English, the old time and place crossed out.
    page.goto(f"{live_server.url}/en/events/{SLUG}/")
    expect(page.locator(".panel.changes")).to_contain_text("(in Chinese only)")
    expect(page.locator(".panel.changes del")).to_contain_text("20:00")
