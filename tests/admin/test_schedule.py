"""Changes scheduled ahead: prepared now, published by apply_scheduled_changes at their
moment as the scheduling editor's save, merged with later edits; a clash is flagged, not
applied."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags
from reversion.models import Version

from editors.models import ScheduledChange
from tests.admin.helpers import editor, open_form, serving_field, set_field, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")

GUJIE = "longmen-gujie"
SUMMER = "2027-06-01T06:00"


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(editor(username))
    return client


@pytest.fixture
def li():
    return logged_in("li")


@pytest.fixture
def wang():
    return logged_in("wang")


def gujie() -> Venue:
    return Venue.objects.get(slug=GUJIE)


def schedule(client, venue, when: str = SUMMER, **values):
    url, form = open_form(client, venue)
    for name, value in values.items():
        set_field(form, name, value)
    form.update(at_moment(when))
    return client.post(url, form)


def at_moment(when: str) -> dict:
    """The schedule's date and time inputs, and its button, for "2027-06-01T06:00"."""
    day, _, clock = when.partition("T")
    return {"_schedule": ["1"], "schedule_date": [day], "schedule_time": [clock]}


def save(client, venue, **values):
    url, form = open_form(client, venue)
    for name, value in values.items():
        set_field(form, name, value)
    assert client.post(url, form).status_code == 302


def apply_at(at, moment: str) -> str:
    at(moment)
    return call_command("apply_scheduled_changes")


def again(client, username: str = "li") -> Client:
    """`client` logged in again: a session opened a year before has expired."""
    client.force_login(User.objects.get(username=username))
    return client


def hours(venue) -> str:
    return f"{venue.opens_at:%H:%M}-{venue.closes_at:%H:%M}" if venue.opens_at else "none"


def test_a_scheduled_change_waits_for_its_moment_and_is_then_saved_as_the_editors(li, at, client):
    at("2026-05-08 20:00")
    response = schedule(li, gujie(), opens_at="19:00", closes_at="23:30", hours_note="夏季营业时间",
                        hours_note_en="Summer hours")
    assert response.status_code == 302
    assert zh("Scheduled for %(when)s. Visitors see the current version until then; the listing's history "
              "shows the change.", when="2027-06-01 06:00:00") in li.get(response["Location"]).content.decode()
    assert hours(gujie()) == "none"  # nothing saved yet
    public = client.get(f"/venues/{GUJIE}/").content.decode()  # cached for visitors
    assert "Summer hours" not in client.get(f"/en/venues/{GUJIE}/").content.decode()
    history = li.get(reverse("admin:venues_venue_history", args=[gujie().pk])).content.decode()
    scheduled = history[history.index('id="scheduled-changes"'):]  # no saves yet: no table of them
    assert "2027-06-01 06:00:00" in strip_tags(scheduled) and "<td>li</td>" in scheduled
    assert str(Venue._meta.get_field("closes_at").verbose_name) in scheduled

    assert apply_at(at, "2027-06-01 05:59") == "0 scheduled change(s) applied, 0 not applied (see Needs attention)."
    assert hours(gujie()) == "none"
    assert apply_at(at, "2027-06-01 06:00") == "1 scheduled change(s) applied, 0 not applied (see Needs attention)."
    venue = gujie()
    assert hours(venue) == "19:00-23:30" and venue.hours_note_en == "Summer hours"
    assert ScheduledChange.objects.get().state == ScheduledChange.State.APPLIED
    latest = Version.objects.get_for_object(venue).select_related("revision__user").first()
    assert latest.revision.user.username == "li"
    history = again(li).get(reverse("admin:venues_venue_history", args=[venue.pk]),
                            HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Scheduled on 2026-05-08 20:00:00 for 2027-06-01 06:00:00." in history
    assert 'id="scheduled-changes"' not in history
    # The page cache shows it at once (saves send signals).
    assert "Summer hours" in client.get(f"/en/venues/{GUJIE}/").content.decode()
    assert public != client.get(f"/venues/{GUJIE}/").content.decode()
    assert apply_at(at, "2027-06-01 06:01").startswith("0 scheduled change(s) applied")  # never twice


def test_a_later_edit_of_other_values_is_kept_when_it_is_applied(li, wang, at):
    at("2026-05-08 20:00")
    schedule(li, gujie(), opens_at="19:00", closes_at="23:30")
    save(wang, gujie(), slogan_en="Old street, new night")
    apply_at(at, "2027-06-01 06:00")
    venue = gujie()
    assert hours(venue) == "19:00-23:30" and venue.slogan_en == "Old street, new night"


def test_a_later_edit_of_the_same_value_stops_it_and_asks_for_attention(li, wang, at):
    at("2026-05-08 20:00")
    schedule(li, gujie(), opens_at="19:00", closes_at="23:30")
    save(wang, gujie(), opens_at="18:00", closes_at="22:00")
    assert apply_at(at, "2027-06-01 06:00") == "0 scheduled change(s) applied, 1 not applied (see Needs attention)."
    assert hours(gujie()) == "18:00-22:00"  # wang's edit stands
    change = ScheduledChange.objects.get()
    assert change.state == ScheduledChange.State.NOT_APPLIED
    attention = again(li).get("/admin/attention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Scheduled changes not applied (1)" in attention
    assert "Someone changed the same values after it was scheduled: opens at and closes at." in attention
    assert f'href="{reverse("admin:venues_venue_history", args=[gujie().pk])}"' in attention
    # Dismissed from the listing's history, it leaves the list.
    cancel = reverse("admin:venues_venue_cancel_scheduled", args=[gujie().pk, change.pk])
    assert li.post(cancel).status_code == 302
    assert "Scheduled changes not applied (0)" in li.get("/admin/attention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_last_run_edited_inline_can_be_scheduled(li, at):
    at("2026-05-08 20:00")
    venue = Venue.objects.get(slug="xigong-xiaojie")
    serving = Serving.objects.get(venue=venue, route__slug="9")
    url, form = open_form(li, venue)
    set_field(form, serving_field(form, serving, "last_run"), "00:40")
    form.update(at_moment(SUMMER))
    assert li.post(url, form).status_code == 302
    assert Serving.objects.get(pk=serving.pk).last_run.strftime("%H:%M") == "01:00"
    apply_at(at, "2027-06-01 06:00")
    assert Serving.objects.get(pk=serving.pk).last_run.strftime("%H:%M") == "00:40"


@pytest.mark.parametrize("when", ["", "2026-05-08T19:00", "tomorrow"])
def test_a_moment_missing_or_past_is_refused_and_nothing_is_stored(li, at, when):
    at("2026-05-08 20:00")
    response = schedule(li, gujie(), when, opens_at="19:00", closes_at="23:30")
    assert response.status_code == 200
    assert zh("To schedule this change, choose a date and time in the future for it to be published.") in (
        response.content.decode())
    assert not ScheduledChange.objects.exists() and hours(gujie()) == "none"


def test_a_form_with_no_change_schedules_nothing(li, at):
    at("2026-05-08 20:00")
    response = schedule(li, gujie())
    assert zh("Nothing was scheduled: the form changes nothing.") in li.get(response["Location"]).content.decode()
    assert not ScheduledChange.objects.exists()


def test_a_cancelled_change_is_never_applied(li, at):
    at("2026-05-08 20:00")
    schedule(li, gujie(), opens_at="19:00", closes_at="23:30")
    change = ScheduledChange.objects.get()
    assert li.get(reverse("admin:venues_venue_cancel_scheduled", args=[gujie().pk, change.pk])).status_code == 405
    li.post(reverse("admin:venues_venue_cancel_scheduled", args=[gujie().pk, change.pk]))
    apply_at(at, "2027-06-01 06:00")
    assert hours(gujie()) == "none"


def test_a_scheduled_change_can_be_previewed_from_the_history(li, at):
    at("2026-05-08 20:00")
    schedule(li, gujie(), slogan_en="Lanterns all summer")
    change = ScheduledChange.objects.get()
    url = reverse("admin:venues_venue_preview", args=[gujie().pk]) + f"?scheduled={change.pk}&language=en"
    history = li.get(reverse("admin:venues_venue_history", args=[gujie().pk])).content.decode()
    assert url.replace("&", "&amp;") in history
    assert "Lanterns all summer" in li.get(url).content.decode()
    assert gujie().slogan_en != "Lanterns all summer"


def test_a_change_past_its_moment_shows_when_the_command_is_not_running(li, at):
    at("2026-05-08 20:00")
    schedule(li, gujie(), "2026-05-08T20:30", opens_at="19:00", closes_at="23:30")
    at("2026-05-08 20:40")
    attention = li.get("/admin/attention/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Past its time and not applied yet" in attention


def test_a_photo_file_cannot_be_scheduled(li, at):
    at("2026-05-08 20:00")
    url, form = open_form(li, gujie())
    set_field(form, "opens_at", "19:00")
    set_field(form, "closes_at", "23:30")
    form.update({**at_moment(SUMMER),
                 "photos-0-upload": SimpleUploadedFile("night.jpg", b"not stored", content_type="image/jpeg")})
    response = li.post(url, form)
    assert response.status_code == 200
    assert zh("Photo files cannot be scheduled: save new photos now, and schedule the other changes without them.") in (
        response.content.decode())
    assert not ScheduledChange.objects.exists()
