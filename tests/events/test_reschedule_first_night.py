"""Postponing a nightly event to a first night, when the plan gave it none (issue 23, item 1):
one save, and a message that is true when something is missing."""

import datetime as dt

import pytest

from events.models import Event, EventChange, EventChangeKind
from tests.admin.helpers import open_form, set_field, zh

pytestmark = pytest.mark.usefixtures("plan")
SLUG = "jiuzhouchi-chishang-fanhua"


@pytest.fixture
def li(li, at):  # li (tests/conftest.py) at 18:30 on the plan's night
    at("2026-05-08 18:30")
    return li


def reschedule(form, event):
    set_field(form, "whole_change-TOTAL_FORMS", "1")
    form.update({"whole_change-0-kind": ["rescheduled"], "whole_change-0-reason": ["场地调整"],
                 "whole_change-0-reason_en": [""], "whole_change-0-previous_first_night": [""],
                 "whole_change-0-previous_starts_at": [""], "whole_change-0-event": [str(event.pk)]})


def test_a_nightly_event_without_a_first_night_is_rescheduled_to_one_in_one_save(li):
    event = Event.objects.get(slug=SLUG)
    assert event.first_night is None  # the plan's nightly events have none
    url, form = open_form(li, event)
    set_field(form, "first_night", "2026-12-20")
    reschedule(form, event)
    response = li.post(url, form)
    assert response.status_code == 302, __import__("re").findall(r"errorlist[^>]*>(.*?)</ul>", response.content.decode(), __import__("re").S)
    change = EventChange.objects.get()
    assert change.kind == EventChangeKind.RESCHEDULED
    assert Event.objects.get(slug=SLUG).first_night == dt.date(2026, 12, 20)
    page = li.get(f"/events/{SLUG}/").content.decode()
    assert "改期" in page and "2026年12月20日" in page
    # A later save of the event (its description) is not refused by the change already made.
    url, form = open_form(li, event)
    set_field(form, "description_en", "A later edit.")
    assert li.post(url, form).status_code == 302
    assert Event.objects.get(slug=SLUG).description_en == "A later edit."


def test_rescheduling_without_a_new_date_or_time_says_so(li):
    event = Event.objects.get(slug=SLUG)
    url, form = open_form(li, event)
    reschedule(form, event)
    response = li.post(url, form)
    assert response.status_code == 200
    assert zh("A rescheduled event needs a new first night or start time: change it above, or give the "
              "earlier one here.") in response.content.decode()
    assert not EventChange.objects.exists()
