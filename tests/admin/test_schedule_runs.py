"""Scheduling on a phone and applying on time (issue 23, items 3 and 11; issue 24: two runs at
once): a date input and a time input, the schedule applied by the process `make run` starts
(one run of its loop here, the clock moved), and a change another run took reported by neither
as not applied."""

import pytest
from django.core.management import call_command

from editors import schedule as scheduling
from editors.management.commands.apply_scheduled_changes import Command
from editors.models import ScheduledChange
from tests.admin.helpers import editor, open_form, set_field
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")
GUJIE = "longmen-gujie"


@pytest.fixture
def li(client, at):
    at("2026-05-08 20:00")
    client.force_login(editor("li"))
    return client


def schedule(client, day: str, clock: str, slogan="Summer nights at the old street"):
    url, form = open_form(client, Venue.objects.get(slug=GUJIE))
    set_field(form, "slogan_en", slogan)
    form.update({"_schedule": ["1"], "schedule_date": [day], "schedule_time": [clock]})
    return client.post(url, form)


def test_the_form_asks_a_date_and_a_time_in_two_inputs_a_phone_fills_with_its_pickers(li):
    url, _ = open_form(li, Venue.objects.get(slug=GUJIE))
    html = li.get(url).content.decode()
    assert 'type="date" name="schedule_date"' in html and 'max="2099-12-31"' in html
    assert 'type="time" name="schedule_time"' in html
    assert "datetime-local" not in html


def test_a_time_typed_as_2310_is_read_and_the_loop_applies_it_at_its_minute(li, at, client):
    assert schedule(li, "2026-05-08", "2310").status_code == 302
    change = ScheduledChange.objects.get()
    assert f"{change.publish_at.astimezone(scheduling.timezone.get_default_timezone()):%Y-%m-%d %H:%M}" == (
        "2026-05-08 23:10")
    at("2026-05-08 23:09:59")
    Command().tick()  # one run of `apply_scheduled_changes --every 30`
    assert "Summer nights" not in client.get(f"/en/venues/{GUJIE}/").content.decode()
    at("2026-05-08 23:10:00")
    Command().tick()
    assert "Summer nights at the old street" in client.get(f"/en/venues/{GUJIE}/").content.decode()
    assert ScheduledChange.objects.get().state == ScheduledChange.State.APPLIED


def test_a_change_another_run_applied_is_not_reported_as_not_applied(li, at):
    assert schedule(li, "2026-05-08", "21:00").status_code == 302
    at("2026-05-08 21:00")
    seen_by_the_second_run = list(ScheduledChange.objects.due(scheduling.timezone.now()))
    assert call_command("apply_scheduled_changes") == (
        "1 scheduled change(s) applied, 0 not applied (see Needs attention).")
    # The second run listed it before the first applied it: it finds it taken, not refused.
    assert scheduling.apply(seen_by_the_second_run[0]) is None
    change = ScheduledChange.objects.get()
    assert (change.state, change.problem) == (ScheduledChange.State.APPLIED, {})


def test_every_refuses_a_nonsense_interval():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("apply_scheduled_changes", every=-5)
