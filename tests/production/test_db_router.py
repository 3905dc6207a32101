"""With DATABASE_REPLICA_URL, anonymous pages read public rows from the replica; editors,
sessions, the cache and login records always use the primary; so do pages right after a save."""

import contextlib
import http.cookiejar
import re
import shutil
import sqlite3
import urllib.parse
import urllib.request

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session

from events.models import Event
from nightlife.db_router import PrimaryReplicaRouter, replica_reads
from tests.production.conftest import EDITOR_PASSWORD, base_env, gunicorn
from transit.models import Serving
from venues.models import Venue

router = PrimaryReplicaRouter()


def test_public_reads_go_to_the_replica_only_inside_an_anonymous_page():
    assert router.db_for_read(Venue) == "default"
    with replica_reads():
        assert [router.db_for_read(m) for m in (Venue, Event, Serving)] == ["replica"] * 3
        assert [router.db_for_read(m) for m in (User, Session, AccessAttempt)] == ["default"] * 3
        assert router.db_for_write(Venue) == "default"
    with replica_reads(allowed=False):
        assert router.db_for_read(Venue) == "default"
    assert router.db_for_read(Venue) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "venues")
    assert not router.allow_migrate("replica", "venues")


def heading(opener, url):
    with opener.open(url + "/venues/xigong-xiaojie/", timeout=30) as response:
        return re.search(r"<h1[^>]*>(.*?)</h1>", response.read().decode(), re.S).group(1).strip()


def logged_in_opener(url):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(url + "/admin/login/", timeout=30) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
    data = urllib.parse.urlencode({"username": "editor", "password": EDITOR_PASSWORD,
                                   "csrfmiddlewaretoken": token, "next": "/admin/"}).encode()
    opener.open(urllib.request.Request(url + "/admin/login/", data=data,
                                       headers={"Referer": url + "/admin/login/"}), timeout=30).close()
    assert any(cookie.name == "sessionid" for cookie in jar)
    return opener


@pytest.mark.processes
@pytest.mark.parametrize(("lag", "visitor_reads"), [("0", "replica"), ("3600", "primary")])
def test_served_pages_read_the_replica_except_for_editors_and_just_after_a_save(prepared_site_db, tmp_path, lag,
                                                                                visitor_reads):
    primary, replica = tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3"
    shutil.copy(prepared_site_db, primary)
    env = base_env(DATABASE_URL=f"sqlite:///{primary}", PAGE_CACHE_SECONDS="0")
    shutil.copy(primary, replica)
    # Tell the copies apart: the replica's row carries another name.
    with contextlib.closing(sqlite3.connect(replica)) as db, db:
        db.execute("UPDATE venues_venue SET name = '副本小街' WHERE slug = 'xigong-xiaojie'")

    env.update(DATABASE_REPLICA_URL=f"sqlite:///{replica}", DATABASE_REPLICA_LAG_SECONDS=lag)
    with gunicorn(env) as url:
        visitor = heading(urllib.request.build_opener(), url)
        assert visitor == {"replica": "副本小街", "primary": "西工小街"}[visitor_reads]
        assert heading(logged_in_opener(url), url) == "西工小街"
