"""The same promise with a real Redis of the test's own (issue 24, 1): Redis stopped while an
editor saves, then started again with the data of its last save point (the old generation's
copy, pages and cards): the editor is told, and no page or card of before the save is served
once Redis is back."""

import contextlib
import datetime as dt
import shutil
import socket
import subprocess
import time
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import redis
from django.test import Client

from tests.admin.helpers import editor, open_form, set_field
from tests.production.conftest import free_port
from venues.models import Venue

SLUG = "xigong-xiaojie"
OLD_SLOGAN = "Old broth, old ingredients, old flavours"
PIECES = {"BACKEND": "nightlife.cache.PieceCache", "LOCATION": "default"}


@contextlib.contextmanager
def redis_server(port: int, folder):
    """A redis-server on loopback, keeping its data in `folder` across restarts (as Debian's does)."""
    process = subprocess.Popen([shutil.which("redis-server"), "--bind", "127.0.0.1", "--port", str(port),
                                "--dir", str(folder), "--save", "", "--appendonly", "no"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            assert process.poll() is None and time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        yield
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture
def evening(time_machine):
    time_machine.move_to(dt.datetime(2026, 5, 8, 20, 0, 5, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


@pytest.mark.processes
@pytest.mark.django_db(transaction=True)
def test_redis_stopped_during_a_save_then_started_again(evening, live_plan, settings, tmp_path):
    port = free_port()
    settings.CACHES = {"default": {"BACKEND": "nightlife.cache.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/0",
                                   "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
                       "template_fragments": PIECES}
    visitor = Client()
    li = Client()
    li.force_login(editor("li"))
    with redis_server(port, tmp_path):
        for url in ("/en/venues/", "/en/venues/?q=xigong"):
            assert OLD_SLOGAN in visitor.get(url).content.decode()
        url, form = open_form(li, Venue.objects.get(slug=SLUG))
        redis.Redis(port=port).save()  # the save point a restart comes back to
    set_field(form, "slogan_en", "Broth since 1980")
    saved = li.post(url, form, follow=True)  # Redis is down
    notice = unescape(saved.content.decode())
    assert "The site's cache did not answer" in notice or "网站的缓存没有响应" in notice
    with redis_server(port, tmp_path):
        for url in ("/en/venues/", "/en/venues/?q=xigong", f"/en/venues/{SLUG}/"):
            page = visitor.get(url).content.decode()
            assert "Broth since 1980" in page and OLD_SLOGAN not in page, url
