"""Editors say what changed from the admin: "cancel tonight" on the event list (one tap, the
reason, one tap), the same as an action for several events, an inline of night changes and one
for the whole event on the event's page; every change is in the history and can be undone."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse
from reversion.models import Version

from events.models import Event, EventChange, EventChangeKind, NightChange, NightChangeKind
from tests.admin.helpers import editor, open_form, set_field, zh

pytestmark = pytest.mark.usefixtures("plan")
NIGHT = dt.date(2026, 5, 8)
SLUG = "jiuzhouchi-chishang-fanhua"
CANCEL = "/admin/events/event/cancel-night/"


@pytest.fixture
def li(li, at):  # li (tests/conftest.py) at 18:30 on the plan's night
    at("2026-05-08 18:30")
    return li


def show():
    return Event.objects.get(slug=SLUG)


def history_of(client, obj) -> str:
    html = client.get(reverse("admin:events_event_history", args=[obj.pk])).content.decode()
    start = html.index('id="change-history"')
    return html[start:html.index("</table>", start)]


def test_cancel_tonight_is_one_tap_from_the_list_then_the_reason_and_one_tap(li):
    changelist = li.get("/admin/events/event/?q=jiuzhouchi").content.decode()
    link = unescape(re.search(r'<a class="button cancel-tonight" href="([^"]+)">', changelist).group(1))
    assert link == f"{CANCEL}?ids={show().pk}"
    form = li.get(link).content.decode()
    assert "九洲池“池上繁华”古装演艺" in form and 'value="2026-05-08"' in form
    response = li.post(CANCEL, {"ids": [show().pk], "night": "2026-05-08", "reason": "因降雨取消",
                                "reason_en": "Cancelled for rain"}, follow=True)
    change = NightChange.objects.get(event=show())
    assert (change.night, change.kind, change.reason) == (NIGHT, NightChangeKind.CANCELLED, "因降雨取消")
    assert reverse("admin:events_nightchange_undo", args=[change.pk]) in response.content.decode()
    # The list now says so instead of offering the link again.
    row = li.get("/admin/events/event/?q=jiuzhouchi").content.decode()
    assert "cancel-tonight" not in row and zh("Cancelled tonight") in row


def test_the_action_cancels_the_selected_events_after_asking_the_reason(li):
    events = list(Event.objects.filter(slug__in=[SLUG, "yingtianmen-gucheng-yeyun"]))
    response = li.post("/admin/events/event/", {"action": "cancel_tonight",
                                                "_selected_action": [event.pk for event in events]})
    assert response.status_code == 302 and response["Location"].startswith(CANCEL)
    assert not NightChange.objects.exists()  # nothing before the reason
    page = li.get(response["Location"]).content.decode()
    assert all(event.name in page for event in events)
    li.post(CANCEL, {"ids": [event.pk for event in events], "night": "2026-05-08", "reason": "暴雨预警"})
    assert set(NightChange.objects.values_list("event__slug", "reason")) == {
        (SLUG, "暴雨预警"), ("yingtianmen-gucheng-yeyun", "暴雨预警")}


def test_if_one_event_cannot_be_cancelled_none_is_and_the_page_says_which(li):
    launch = Event.objects.get(slug="qidong-yishi")  # a special of 8 May 2020
    response = li.post(CANCEL, {"ids": [show().pk, launch.pk], "night": "2026-05-08", "reason": "暴雨预警"})
    assert response.status_code == 400
    html = response.content.decode()
    assert launch.name in html and zh("Nothing was saved.") in html
    assert not NightChange.objects.exists()


def test_a_reason_is_required(li):
    response = li.post(CANCEL, {"ids": [show().pk], "night": "2026-05-08", "reason": ""})
    assert response.status_code == 400 and not NightChange.objects.exists()


def test_a_visitor_or_a_stranger_cannot_cancel(client):
    assert client.get(f"{CANCEL}?ids={show().pk}").status_code == 302  # to the login page
    client.post(CANCEL, {"ids": [show().pk], "night": "2026-05-08", "reason": "x"})
    assert not NightChange.objects.exists()


def test_cancelling_tonight_is_in_the_events_history_and_undone_by_deleting_it(li):
    li.post(CANCEL, {"ids": [show().pk], "night": "2026-05-08", "reason": "因降雨取消"})
    change = NightChange.objects.get()
    history = history_of(li, show())
    assert "因降雨取消" in history and "<td>li</td>" in history
    delete = reverse("admin:events_nightchange_delete", args=[change.pk])
    assert li.post(delete, {"post": "yes"}).status_code == 302
    assert not NightChange.objects.exists()
    # Before the first edit, cancelled, undone: the last says who, and the row is gone from it.
    versions = Version.objects.get_for_object(show()).select_related("revision__user")
    assert versions.count() == 3 and versions[0].revision.user.username == "li"
    assert not versions[0].revision.version_set.filter(content_type__model="nightchange").exists()
    assert versions[1].revision.version_set.filter(content_type__model="nightchange").exists()


def test_a_night_change_added_on_the_events_page_is_saved_and_checked(li):
    url, form = open_form(li, show())
    set_field(form, "night_changes-TOTAL_FORMS", "1")
    form.update({"night_changes-0-night": ["2026-05-08"], "night_changes-0-kind": ["moved"],
                 "night_changes-0-starts_at": ["0030"], "night_changes-0-reason": ["推迟开演"],
                 "night_changes-0-reason_en": [""], "night_changes-0-venue": [""], "night_changes-0-place": [""],
                 "night_changes-0-event": [str(show().pk)]})
    assert li.post(url, form).status_code == 302
    change = NightChange.objects.get()
    assert (change.kind, change.starts_at) == (NightChangeKind.MOVED, dt.time(0, 30))
    # A move that says nothing new is refused next to the field, and nothing is saved.
    url, form = open_form(li, show())
    set_field(form, "night_changes-0-starts_at", "20:00")
    response = li.post(url, form)
    assert response.status_code == 200
    assert zh("A move needs a new start time or a new place, different from the event's.") in response.content.decode()
    assert NightChange.objects.get().starts_at == dt.time(0, 30)


def test_rescheduling_keeps_the_first_night_and_time_from_before_the_save(li):
    url, form = open_form(li, show())
    set_field(form, "starts_at", "21:00")
    set_field(form, "whole_change-TOTAL_FORMS", "1")
    form.update({"whole_change-0-kind": ["rescheduled"], "whole_change-0-reason": ["场地调整"],
                 "whole_change-0-reason_en": [""], "whole_change-0-previous_first_night": [""],
                 "whole_change-0-previous_starts_at": [""], "whole_change-0-event": [str(show().pk)]})
    assert li.post(url, form).status_code == 302
    change = EventChange.objects.get()
    assert change.kind == EventChangeKind.RESCHEDULED
    assert (change.previous_first_night, change.previous_starts_at) == (None, dt.time(20, 0))
    assert show().starts_at == dt.time(21, 0)


def test_the_editors_group_may_change_changes_and_closures():
    user = editor("wang")
    assert all(user.has_perm(f"{app}.{action}_{model}") for app, model in
               [("events", "nightchange"), ("events", "eventchange"), ("venues", "venueclosure")]
               for action in ("add", "change", "delete", "view"))


def test_a_closure_is_added_on_the_venues_page(li):
    from venues.models import Venue, VenueClosure

    venue = Venue.objects.get(slug="suitang-luoyangcheng-yizhi-gongyuan")
    url, form = open_form(li, venue)
    set_field(form, "closures-TOTAL_FORMS", "1")
    form.update({"closures-0-first_night": ["2026-05-08"], "closures-0-last_night": ["2026-05-07"],
                 "closures-0-reason": ["设备检修"], "closures-0-reason_en": [""], "closures-0-place": [""],
                 "closures-0-venue": [str(venue.pk)]})
    response = li.post(url, form)
    assert response.status_code == 200 and not VenueClosure.objects.exists()
    form["closures-0-last_night"] = ["2026-05-09"]
    assert li.post(url, form).status_code == 302
    assert VenueClosure.objects.get().last_night == dt.date(2026, 5, 9)
