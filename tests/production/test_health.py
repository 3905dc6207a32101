"""/healthz, the 503 page while the database is unreachable, and JSON logs on stdout."""

import json
import random

import pytest
from django.utils import translation

from tests.production.conftest import base_env, fetch, gunicorn, manage


@pytest.mark.django_db
def test_healthz_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def heading(lang: str) -> str:
    """The 503 page's heading as the catalogue translates it (Chinese at /, English under /en/)."""
    with translation.override("en" if lang == "en" else "zh-hans"):
        return translation.gettext("Tonight's listings are back in a moment")


@pytest.mark.processes
@pytest.mark.parametrize("database_url", [
    "postgres://nightlife:wrong@127.0.0.1:9/nightlife",   # nothing listens there
    "sqlite:////nonexistent-folder/site.sqlite3",          # a database file that cannot be opened
])
def test_while_the_database_is_unreachable_pages_get_the_designed_503_page(database_url):
    env = base_env(DATABASE_URL=database_url, DB_CONNECT_TIMEOUT="2")
    with gunicorn(env) as url:
        status, _, body = fetch(url + "/healthz")
        assert (status, body) == (503, "database unavailable\n")

        for path, lang in [("/", "zh-Hans"), ("/venues/?theme=food", "zh-Hans"), ("/en/events/", "en")]:
            status, headers, body = fetch(url + path)
            assert status == 503, path
            assert headers["Retry-After"] == "30"
            assert f'<html lang="{lang}">' in body
            assert heading(lang) in body
            assert 'class="site-header"' in body  # the site's own design, not a bare error
            assert "Traceback" not in body and "OperationalError" not in body
            assert "Content-Security-Policy" in headers

        # An editor's session cookie makes the middleware look the user up first: still a 503.
        status, _, body = fetch(url + "/", headers={"Cookie": "sessionid=abc"})
        assert status == 503
        assert "Traceback" not in body


@pytest.mark.processes
def test_logs_are_one_json_object_per_line_on_stdout():
    env = base_env(DATABASE_URL="sqlite:////nonexistent-folder/site.sqlite3", LOG_LEVEL="INFO")
    result = manage(env, "shell", "-v0", "-c",
                    "import logging; logging.getLogger('nightlife').warning('festival %s', 'night')")
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert {"level": "WARNING", "logger": "nightlife", "message": "festival night"}.items() <= records[-1].items()
    assert records[-1]["time"]


@pytest.mark.processes
def test_a_database_file_turned_to_noise_gets_the_503_page_and_healthz_says_so(tmp_path):
    """A SQLite file overwritten with random bytes ("file is not a database"): the designed 503,
    and /healthz reads a real table, so it notices (SELECT 1 never opens the file's pages)."""
    damaged = tmp_path / "site.sqlite3"
    damaged.write_bytes(random.Random(8).randbytes(64 * 1024))
    with gunicorn(base_env(DATABASE_URL=f"sqlite:///{damaged}")) as url:
        status, _, body = fetch(url + "/healthz")
        assert (status, body) == (503, "database unavailable\n")
        for path, cookie in [("/", ""), ("/en/events/", ""), ("/", "sessionid=abc")]:
            status, headers, body = fetch(url + path, headers={"Cookie": cookie} if cookie else {})
            assert status == 503, path
            assert headers["Retry-After"] == "30"
            assert heading("en" if path.startswith("/en/") else "zh-Hans") in body
            assert "Traceback" not in body and "not a database" not in body
