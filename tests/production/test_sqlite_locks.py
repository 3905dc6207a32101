"""Two saves at once on SQLite: the second waits for the first instead of failing, and an editor
whose save could not get the lock at all keeps what they typed, never the visitors' 503 page."""

from __future__ import annotations

import contextlib
import http.cookiejar
import re
import sqlite3
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from types import SimpleNamespace

import pytest

from tests.admin.helpers import form_data
from tests.production.conftest import EDITOR_PASSWORD, gunicorn, manage

pytestmark = pytest.mark.processes



class Editor:
    """A logged-in admin session over HTTP: cookies, CSRF token, forms posted as rendered."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        _, body = self.get("/admin/login/")
        self.post("/admin/login/", {"username": ["editor"], "password": [EDITOR_PASSWORD], "next": ["/admin/"],
                                    "csrfmiddlewaretoken": [csrf_token(body)]})

    def get(self, path: str) -> tuple[int, str]:
        return self.open(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: dict[str, list[str]]) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self.open(urllib.request.Request(self.base_url + path, data=body,
                                                headers={"Referer": self.base_url + path}))

    def open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def fields(html: str, form_id: str) -> dict[str, list[str]]:
    return form_data(SimpleNamespace(content=html.encode()), form_id)


@contextlib.contextmanager
def another_save_in_progress(database: str, seconds: float | None = None):
    """Another writer holding SQLite's write lock, as a slow save or a plan load does, from a
    thread of this process: for `seconds`, or (None) until the block ends."""
    locked, done = threading.Event(), threading.Event()

    def hold():
        connection = sqlite3.connect(database, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE venues_venue SET name_en = name_en WHERE slug = 'xigong-xiaojie'")
        locked.set()
        done.wait(seconds)
        connection.execute("COMMIT")
        connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    locked.wait(10)
    try:
        yield
    finally:
        done.set()
        holder.join()


def prepared(site_db) -> tuple[str, list[str]]:
    """(database file, the change pages of the first two venues, xigong-xiaojie first)."""
    database = site_db["DATABASE_URL"].removeprefix("sqlite:///")
    with contextlib.closing(sqlite3.connect(database)) as connection:
        venues = connection.execute("SELECT id, slug FROM venues_venue ORDER BY id LIMIT 2").fetchall()
    assert venues[0][1] == "xigong-xiaojie"
    return database, [f"/admin/venues/venue/{pk}/change/" for pk, _ in venues]


def saved_name(site_db) -> str:
    return manage(site_db, "shell", "-v0", "-c",
                  "from venues.models import Venue; print(Venue.objects.get(slug='xigong-xiaojie').name)").stdout.strip()


def test_a_save_while_another_is_being_written_waits_for_it_and_is_saved(site_db):
    database, (change_page, _) = prepared(site_db)
    with gunicorn(site_db, workers=2) as url:
        editor = Editor(url)
        status, html = editor.get(change_page)
        assert status == 200
        data = fields(html, "venue_form")
        data["name"] = ["西工小街（改）"]
        with another_save_in_progress(database, seconds=1.5):
            status, html = editor.post(change_page, data)
        assert status == 200, html[:2000]  # the change list after the redirect
        assert "西工小街（改）" in html
    assert saved_name(site_db) == "西工小街（改）"


def test_two_editors_saving_at_the_same_moment_both_save(site_db):
    database, change_pages = prepared(site_db)
    with gunicorn(site_db, workers=2) as url:
        editors = [Editor(url), Editor(url)]
        forms = []
        for number, editor in enumerate(editors):
            data = fields(editor.get(change_pages[number])[1], "venue_form")
            data["slogan"] = [f"第{number}位编辑的口号"]
            forms.append(data)
        results = [None, None]
        start = threading.Barrier(2)

        def save(number):
            start.wait()
            results[number] = editors[number].post(change_pages[number], forms[number])

        threads = [threading.Thread(target=save, args=(number,)) for number in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert [status for status, _ in results] == [200, 200]  # each on the change list after saving
    assert all('<li class="success">' in html and "errornote" not in html for _, html in results)


def test_an_editor_whose_save_never_got_the_lock_can_send_it_again_as_typed(site_db):
    database, (change_page, _) = prepared(site_db)
    env = {**site_db, "SQLITE_LOCK_TIMEOUT": "1"}
    with gunicorn(env, workers=2) as url:
        editor = Editor(url)
        data = fields(editor.get(change_page)[1], "venue_form")
        data["name"] = ["西工小街·夜"]
        with another_save_in_progress(database):  # held until the editor has the answer
            status, html = editor.post(change_page, data)
        assert status == 503
        assert "Tonight's listings are back in a moment" not in html and "今晚的活动信息马上回来" not in html
        assert 'id="site-name"' in html  # the admin's own design
        assert "保存" in html  # in the editor's language (Chinese)
        again = fields(html, "save-again")
        assert again["name"] == ["西工小街·夜"]  # what they typed, ready to send again
        status, html = editor.post(change_page, again)
        assert status == 200 and "西工小街·夜" in html
    assert saved_name(site_db) == "西工小街·夜"
