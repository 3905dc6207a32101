"""Two gunicorn processes share the database and the cache: a page one of them cached is served
by the other, an edit made in a third process makes both fresh at once, and a login lockout
earned on one holds on the other. Runs with the database cache table on SQLite always, with
Redis when REDIS_URL is set, and on PostgreSQL when DATABASE_URL names one (as in CI)."""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import re
import secrets
import shutil
import time
import urllib.parse
import urllib.request

import pytest

from tests.production.conftest import EDITOR_PASSWORD, base_env, fetch, gunicorn, manage, prepare_database

pytestmark = pytest.mark.processes

PAGE = "/venues/xigong-xiaojie/"
HOST = "night.test"  # behind nginx every process sees the same Host, hence the same cache keys


def variants():
    found = [pytest.param("sqlite", "", id="sqlite+database-cache")]
    if os.environ.get("REDIS_URL"):
        found.append(pytest.param("sqlite", os.environ["REDIS_URL"], id="sqlite+redis"))
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        found.append(pytest.param("postgres", os.environ.get("REDIS_URL", ""), id="postgres"))
    return found


@contextlib.contextmanager
def scratch_database(kind: str, tmp_path, prepared_site_db):
    """A database URL of our own, migrated with the plan loaded: a copy of the run's prepared SQLite
    file, or a new PostgreSQL database (migrated here) dropped afterwards."""
    if kind == "sqlite":
        shutil.copyfile(prepared_site_db, tmp_path / "shared.sqlite3")
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    import psycopg2

    server = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    name = f"nightlife_two_{secrets.token_hex(4)}"
    admin = psycopg2.connect(os.environ["DATABASE_URL"])
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield server._replace(path=f"/{name}").geturl()
    finally:
        # Not WITH (FORCE): that also asks to signal autovacuum, which our role may not do. The
        # test's processes have stopped; end any session of ours still closing, then a plain DROP
        # (which stops autovacuum itself).
        cursor = admin.cursor()
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                       " WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()", [name])
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()


def page(url):
    status, _, body = fetch(url + PAGE, headers={"Host": HOST})
    assert status == 200
    return re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S).group(1).strip()


def shell(env, code):
    manage(env, "shell", "-v0", "-c", code)


RENAME_WITHOUT_SIGNALS = """
from django.db import connection
from venues.models import Venue
with connection.cursor() as cursor:
    cursor.execute(f"UPDATE {{Venue._meta.db_table}} SET name = %s WHERE slug = 'xigong-xiaojie'", ['{name}'])
"""
EDIT_AS_AN_EDITOR = """
from venues.models import Venue
venue = Venue.objects.get(slug='xigong-xiaojie')
venue.name = '{name}'
venue.save()
"""


@pytest.mark.parametrize(("database", "redis_url"), variants())
def test_an_edit_in_one_process_makes_every_process_serve_the_fresh_page(tmp_path, prepared_site_db, database,
                                                                          redis_url):
    with scratch_database(database, tmp_path, prepared_site_db) as database_url:
        env = base_env(DATABASE_URL=database_url, REDIS_URL=redis_url, ALLOWED_HOSTS=f"{HOST},127.0.0.1")
        if database == "postgres":
            prepare_database(env)
        with gunicorn(env) as a, gunicorn(env) as b:
            # b serves what a cached: a copy b never rendered. (Pages live until the next
            # minute at most; if the minute turns mid-check, check again.)
            for attempt in range(3):
                minute = time.time() // 60
                name = f"后台改名{attempt}"
                first = page(a)
                shell(env, RENAME_WITHOUT_SIGNALS.format(name=name))
                from_b = page(b)
                if time.time() // 60 == minute:
                    break
            assert first != name
            assert from_b == first

            # An editor's save, in a third process, is on both at once.
            shell(env, EDIT_AS_AN_EDITOR.format(name="编辑改过的小街"))
            assert page(a) == "编辑改过的小街"
            assert page(b) == "编辑改过的小街"

            # Failed logins counted by a lock the address out on b too.
            for _ in range(4):
                assert log_in(a, "wrong") == 200
            assert log_in(a, "wrong") == 429  # the fifth failure locks the address
            assert log_in(b, EDITOR_PASSWORD) == 429


def log_in(base_url, password) -> int:
    """Status of one admin login through the form (with its CSRF cookie and token)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                         NoRedirect())
    with opener.open(base_url + "/admin/login/", timeout=30) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    data = urllib.parse.urlencode({"username": "editor", "password": password,
                                   "csrfmiddlewaretoken": token, "next": "/admin/"}).encode()
    request = urllib.request.Request(base_url + "/admin/login/", data=data,
                                     headers={"Referer": base_url + "/admin/login/"})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
