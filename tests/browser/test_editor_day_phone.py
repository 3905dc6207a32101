"""An editor's evening on a 390 px phone (Chromium as an iPhone 13), issue 23: a refused save
lists its error at the top as a link to the field 10,000 px down (7), a photo saved with its
Chinese alt text alone (6), saving keeps the editor on the listing (7), a change scheduled with
the phone's date and time inputs (11) and applied at its minute (3); and undoing tonight's
cancellation in plain words and one tap (2). Screenshots: test-artifacts/screenshots/editor-day-*.png."""

import re

import pytest
from playwright.sync_api import expect

from editors.accounts import editors_group
from editors.management.commands.apply_scheduled_changes import Command
from events.models import NightChange
from tests import photo_files as files
from tests.admin.helpers import editor, zh
from transit.models import Serving

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("live_plan")]
VENUE = "huan-kaiyuanhu-shangquan"


def log_in(page, live_server) -> None:
    editors_group()  # browser tests flush the database, group included
    editor("li")
    page.goto(f"{live_server.url}/admin/")
    page.locator("#id_username").fill("li")
    page.locator("#id_password").fill("night-editor-2026")
    page.locator("input[type=submit]").tap()
    expect(page.locator("#editors-tools")).to_be_visible()


def test_errors_photos_saving_and_a_scheduled_change_on_a_phone(page, live_server, screenshots, settings, tmp_path,
                                                                  at):
    settings.MEDIA_ROOT = tmp_path / "media"
    at("2026-05-08 19:50")
    log_in(page, live_server)
    serving = Serving.objects.get(venue__slug=VENUE, route__slug="75")
    page.goto(f"{live_server.url}/admin/venues/venue/{serving.venue_id}/change/")
    expect(page.locator(".form-parts")).to_be_visible()
    expect(page.locator(".submit-row input[name=_save]")).to_be_hidden()  # on a phone, saving stays here

    # A photo with its Chinese alt text alone, and a last run typed with the cursor mid-field.
    page.locator("#photos-group .add-row a").tap()
    page.locator("#id_photos-0-upload").set_input_files(
        {"name": "lanterns.jpg", "mimeType": "image/jpeg", "buffer": files.jpeg(800, 600, gps=False)})
    page.locator("#id_photos-0-alt").fill("开元湖畔的灯笼")
    row = page.locator("tr.has_original", has=page.locator(f"input[name$='-id'][value='{serving.pk}']"))
    last_run = row.locator("input[name$='-last_run']")
    last_run.fill("23100")
    page.locator(".submit-row input[name=_continue]").tap()

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("23100")
    expect(summary).not_to_contain_text(zh("This field is required."))  # no English alt text asked for
    assert page.evaluate("window.scrollY") < 400 and page.evaluate("document.documentElement.scrollHeight") > 5000
    page.screenshot(path=screenshots / "editor-day-error-summary.png", scale="css")
    summary.locator("a").first.tap()
    expect(last_run).to_be_in_viewport()
    last_run.fill("2310")
    last_run.press("Enter")  # the keyboard's Go key saves as the visible button does: staying here

    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/admin/venues/venue/{serving.venue_id}/change/(#.*)?$"))  # the listing
    assert Serving.objects.get(pk=serving.pk).last_run.strftime("%H:%M") == "23:10"
    photo = serving.venue.photos.get()
    assert (photo.alt, photo.alt_en) == ("开元湖畔的灯笼", "")

    # Scheduled with the phone's own date and time inputs. Digits typed on and on never make a
    # year of more than four (a datetime-local box took "202605081" as the year 202605).
    date = page.locator("#id_schedule_date")
    date.focus()
    page.keyboard.type("2026050820261")
    assert len(date.input_value().split("-")[0]) <= 4, date.input_value()
    page.locator("#id_slogan_en").fill("Lanterns on the lake from 20:10")
    date.fill("2026-05-08")  # what the phone's date picker sets
    page.locator("#id_schedule_time").fill("20:10")
    page.locator("#preview-schedule").screenshot(path=screenshots / "editor-day-schedule.png", scale="css")
    page.get_by_role("button", name=zh("Schedule this change")).tap()
    expect(page.locator(".messagelist .success")).to_contain_text("2026-05-08 20:10:00")

    public = f"{live_server.url}/en/venues/{VENUE}/"
    Command().tick()  # the run of `apply_scheduled_changes --every 30` before its minute
    page.goto(public)
    expect(page.locator("body")).not_to_contain_text("Lanterns on the lake")
    at("2026-05-08 20:10")
    Command().tick()  # the run at its minute
    page.goto(public)
    expect(page.locator("body")).to_contain_text("Lanterns on the lake from 20:10")
    expect(page.locator(f"img[alt='A photo of {serving.venue.name_en}']").first).to_be_attached()
    page.screenshot(path=screenshots / "editor-day-applied.png", scale="css")


def test_undo_of_tonights_cancellation_is_a_plain_question_and_one_tap(page, live_server, screenshots, at):
    at("2026-05-08 18:30")
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/events/event/?q=jiuzhouchi")
    page.locator("a.cancel-tonight").first.tap()
    page.locator("#id_reason").fill("因降雨取消")
    page.locator("input[type=submit].default").tap()
    page.locator(".messagelist a[href*='/undo/']").first.tap()

    expect(page.locator("h1")).to_have_text(zh("Restore tonight's show?"))
    expect(page.locator("#content-main")).to_contain_text("因降雨取消")
    page.screenshot(path=screenshots / "editor-day-undo.png", scale="css")
    page.get_by_role("button", name=zh("Yes, restore the show")).tap()
    expect(page.locator(".messagelist .success")).to_be_visible()
    expect(page.locator("a.cancel-tonight").first).to_be_visible()
    assert not NightChange.objects.exists()
