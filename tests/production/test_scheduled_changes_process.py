"""`make run` applies scheduled changes on time (issue 23, item 3): gunicorn's master starts
`apply_scheduled_changes --every 30` beside the workers, and stops it on exit."""

import os
import re
import time

import pytest

from tests.production.conftest import fetch, gunicorn, manage
from tests.production.test_make_run import make_run_command

pytestmark = pytest.mark.processes

SCHEDULE = """
import datetime as dt
from django.test import Client
from django.utils import timezone
from editors.models import ScheduledChange
from tests.admin.helpers import editor, open_form, set_field
from venues.models import Venue

client = Client()
client.force_login(editor("li"))
url, form = open_form(client, Venue.objects.get(slug="longmen-gujie"))
set_field(form, "slogan_en", "Summer nights at the old street")
soon = timezone.localtime() + dt.timedelta(minutes=5)
form.update({"_schedule": ["1"], "schedule_date": [f"{soon:%Y-%m-%d}"], "schedule_time": [f"{soon:%H:%M}"]})
assert client.post(url, form).status_code == 302
assert ScheduledChange.objects.pending().count() == 1
# Its minute has come (the clock moved on): due now.
ScheduledChange.objects.update(publish_at=timezone.now() - dt.timedelta(seconds=1))
"""


def test_make_run_applies_a_due_change_and_stops_its_scheduler_on_exit(site_db, tmp_path):
    manage(site_db, "shell", "-c", SCHEDULE)
    log = tmp_path / "gunicorn.log"
    page = "/en/venues/longmen-gujie/"
    with gunicorn(site_db, command=["bash", "-c", make_run_command()], log_file=log) as url:
        deadline = time.monotonic() + 30  # the scheduler's first run is at its start
        while "Summer nights at the old street" not in fetch(url + page)[2]:
            assert time.monotonic() < deadline, f"not applied; the log:\n{log.read_text()[-3000:]}"
            time.sleep(0.2)
        pid = int(re.search(r"applied every 30 s by process (\d+)", log.read_text()).group(1))
        os.kill(pid, 0)  # running beside the workers
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pass
    else:
        raise AssertionError(f"the scheduler {pid} outlived gunicorn")
    states = manage(site_db, "shell", "-c", "from editors.models import ScheduledChange as C; "
                    "print(list(C.objects.values_list('state', flat=True)))").stdout
    assert states.strip().endswith("['applied']")
