"""One time zone in the logs: gunicorn's master (which never loads Django, so never takes its
TIME_ZONE), its workers, the access log and Django's own lines all write Luoyang time with its
offset, whatever the machine's time zone."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from tests.production.conftest import GUNICORN, fetch, gunicorn

pytestmark = pytest.mark.processes


def test_every_log_line_of_gunicorn_and_django_is_in_luoyang_time_with_its_offset(site_db, tmp_path):
    log = tmp_path / "gunicorn.log"
    command = [GUNICORN, "nightlife.wsgi", "-c", "deploy/gunicorn.conf.py", "--bind", "127.0.0.1:{port}", "--workers", "1"]
    env = {**site_db, "TZ": "UTC", "LOG_LEVEL": "INFO"}  # a machine on UTC, as servers often are
    with gunicorn(env, command=command, log_file=log) as url:
        fetch(url + "/no-such-page/")  # a 404: an access line and a Django warning
    records = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    loggers = {record["logger"] for record in records}
    assert {"gunicorn.error", "gunicorn.access", "django.request"} <= loggers
    now = dt.datetime.now(ZoneInfo("Asia/Shanghai"))
    for record in records:
        time = dt.datetime.fromisoformat(record["time"])
        assert time.utcoffset() == dt.timedelta(hours=8), record
        assert abs(time - now) < dt.timedelta(minutes=5), record
