"""Undo of a night's change is a question in plain words and one tap (issue 23, item 2), and it
never deletes a change someone made after the page was opened (issue 24, defect 6)."""

import datetime as dt
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from events.models import Event, NightChange, NightChangeKind
from tests.admin.helpers import editor, open_form, set_field, zh

pytestmark = pytest.mark.usefixtures("plan")
NIGHT = dt.date(2026, 5, 8)
SLUG = "jiuzhouchi-chishang-fanhua"
CANCEL = "/admin/events/event/cancel-night/"


def logged_in(username):
    client = Client()
    client.force_login(editor(username))
    return client


@pytest.fixture
def li(at):
    at("2026-05-08 18:30")
    return logged_in("li")


def show():
    return Event.objects.get(slug=SLUG)


def cancel_tonight(client) -> str:
    """Cancels tonight's show from the list; returns the undo link the message gives."""
    response = client.post(CANCEL, {"ids": [show().pk], "night": "2026-05-08", "reason": "因降雨取消",
                                    "reason_en": "Cancelled for rain"}, follow=True)
    return unescape(re.search(r'<a href="(/admin/events/nightchange/[^"]+)">', response.content.decode()).group(1))


def test_the_undo_link_asks_in_plain_words_and_one_tap_restores_the_show(li):
    link = cancel_tonight(li)
    change = NightChange.objects.get()
    assert link == reverse("admin:events_nightchange_undo", args=[change.pk])
    page = li.get(link)
    html = page.content.decode()
    assert page.status_code == 200
    assert zh("Restore tonight's show?") in html and "因降雨取消" in html
    assert zh("Yes, restore the show") in html
    # Not Django's delete page, with its objects and summary.
    assert "delete_confirmation" not in html and "deleted-objects" not in html
    response = li.post(link, {"seen": re.search(r'name="seen" value="([^"]+)"', html).group(1)})
    assert response.status_code == 302
    assert not NightChange.objects.exists()
    assert show().status_on(NIGHT).mark == ""
    # The event's history: before the first edit, cancelled, undone by li.
    from reversion.models import Version
    versions = Version.objects.get_for_object(show()).select_related("revision__user")
    assert versions.count() == 3 and versions[0].revision.user.username == "li"
    public = li.get(f"/events/{SLUG}/").content.decode()
    assert zh("Cancelled tonight") not in public


def test_undo_of_a_change_made_newer_meanwhile_shows_it_and_asks_again(li, at):
    link = cancel_tonight(li)
    page = li.get(link)  # B opens the undo page of the cancellation
    seen = re.search(r'name="seen" value="([^"]+)"', page.content.decode()).group(1)
    # A turns it into a move to 21:30, with a new reason.
    at("2026-05-08 18:35")
    wang = logged_in("wang")
    url, form = open_form(wang, show())
    set_field(form, "night_changes-0-kind", "moved")
    set_field(form, "night_changes-0-starts_at", "21:30")
    set_field(form, "night_changes-0-reason", "改到九点半")
    assert wang.post(url, form).status_code == 302
    assert NightChange.objects.get().kind == NightChangeKind.MOVED
    # B confirms: nothing is deleted; the page shows the move and who made it, and asks again.
    response = li.post(link, {"seen": seen})
    html = response.content.decode()
    assert response.status_code == 409
    assert NightChange.objects.get().starts_at == dt.time(21, 30)
    assert "改到九点半" in html and "wang" in html and "21:30" in html
    assert zh("Put tonight's show back to its planned time and place?") in html
    # Asked again, with the change as it is now, B's tap undoes it.
    seen = re.search(r'name="seen" value="([^"]+)"', html).group(1)
    assert li.post(link, {"seen": seen}).status_code == 302
    assert not NightChange.objects.exists()


def test_an_undo_already_done_says_so(li):
    link = cancel_tonight(li)
    seen = NightChange.objects.get().updated_at.isoformat()
    assert li.post(link, {"seen": seen}).status_code == 302
    response = li.post(link, {"seen": seen}, follow=True)
    assert response.status_code == 200 and zh("That change was already undone.") in response.content.decode()
