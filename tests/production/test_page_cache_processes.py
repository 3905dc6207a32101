"""Two gunicorn processes on one shared cache (Redis when REDIS_URL is set, else the database
table) and one database: whatever makes a page change reaches the next request on either
process, though both serve pages from the front door: an edit through the admin of one, a
load_plan run. What only the clock changes (a publish window opening, a last bus passing, the
06:00 change of night) sets how long a stored page lives, whichever process stored it: decided
in-process with a moved clock (tests/production/test_page_cache.py), not by waiting here."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import time
import urllib.parse
import urllib.request

import pytest

from tests.admin.helpers import form_data
from tests.production.conftest import EDITOR_PASSWORD, ROOT, fetch, gunicorn, manage

pytestmark = pytest.mark.processes

VENUE = "/en/venues/xigong-xiaojie/"


@pytest.fixture
def two(site_db):
    """(env, base URL of process a, of process b): one database, one shared cache."""
    env = {**site_db, "REDIS_URL": os.environ.get("REDIS_URL", "")}
    with gunicorn(env) as a, gunicorn(env) as b:
        yield env, a, b


def shown(url: str) -> str:
    # Behind nginx every process sees the same Host, hence the same cache keys.
    status, _, body = fetch(url, headers={"Host": "localhost", "Accept-Encoding": "identity"})
    assert status == 200, url
    return body


def title(url: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", shown(url), re.S).group(1).strip()


def countdowns(url: str) -> list[str]:
    """What the page says is left of each last run ("last bus in 40 min", "gone tonight")."""
    return re.findall(r"data-last-run>([^<]*)</time>", shown(url))


def shell(env, code: str) -> str:
    return manage(env, "shell", "-v0", "-c", code).stdout


def rename_behind_djangos_back(env, name: str) -> None:
    shell(env, "from django.db import connection\n"
               "connection.cursor().execute(\"UPDATE venues_venue SET name_en = %s WHERE slug = 'xigong-xiaojie'\", "
               f"[{name!r}])")


class _Page:
    def __init__(self, body: bytes):
        self.content = body


def test_an_edit_through_the_admin_of_one_process_is_on_the_next_page_of_both(two):
    env, a, b = two  # the prepared database has the superuser `editor`
    # Both serve the copy b stored. (Pages live until the next minute at most: if the minute
    # turned between the two requests, a rendered its own; check again.)
    for attempt in range(3):
        minute = time.time() // 60
        before = title(b + VENUE)
        rename_behind_djangos_back(env, f"Nobody knows this name {attempt}")
        from_a = title(a + VENUE)
        if time.time() // 60 == minute:
            break
    assert from_a == before

    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def page(path, data=None):
        request = urllib.request.Request(a + path, data=data, headers={"Referer": a + path})
        with browser.open(request, timeout=60) as response:
            return _Page(response.read())

    login = form_data(page("/admin/login/"), "login-form")
    login.update(username=["editor"], password=[EDITOR_PASSWORD], next=["/admin/"])
    page("/admin/login/", urllib.parse.urlencode(login, doseq=True).encode())
    pk = shell(env, "from venues.models import Venue; print(Venue.objects.get(slug='xigong-xiaojie').pk)").strip()
    change = f"/admin/venues/venue/{pk}/change/"
    data = form_data(page(change), "venue_form")
    data["name_en"] = ["Xigong Lane, as the editor wrote it"]
    page(change, urllib.parse.urlencode(data, doseq=True).encode())

    assert title(b + VENUE).startswith("Xigong Lane, as the editor wrote it")
    assert title(a + VENUE).startswith("Xigong Lane, as the editor wrote it")


def test_a_load_plan_run_is_on_the_next_page_of_both(two, tmp_path):
    env, a, b = two
    assert "The lane, as the new plan names it" not in shown(b + VENUE)
    assert "The lane, as the new plan names it" not in shown(a + VENUE)
    plan = json.loads((ROOT / "fixtures" / "plan.json").read_text(encoding="utf-8"))
    [venue] = [v for v in plan["venues"] if v["slug"] == "xigong-xiaojie"]
    venue["name_en"] = "The lane, as the new plan names it"
    (tmp_path / "plan.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    manage(env, "load_plan", str(tmp_path / "plan.json"), "--overwrite", "-v0")
    assert "The lane, as the new plan names it" in shown(b + VENUE)
    assert "The lane, as the new plan names it" in shown(a + VENUE)
