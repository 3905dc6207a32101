"""Tonight in the pocket, as the server sends it: the service worker at /sw.js, the manifest of
each language with its icons, the offline page, and what every page carries for them (the
manifest link, the touch icon, the script with the countdown's words, the runs' moments)."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image

from tests.html_parts import parse, scripts
from tests.reading import page, run_for, section, text

pytestmark = pytest.mark.django_db

WORKER = Path(settings.BASE_DIR) / "static" / "js" / "sw.js"


def worker_settings(source: str) -> dict:
    """The `SITE` line the view puts above static/js/sw.js."""
    first, rest = source.split("\n", 1)
    assert first.startswith("const SITE = ") and first.endswith(";")
    return json.loads(first.removeprefix("const SITE = ").removesuffix(";"))


def test_the_worker_is_served_from_the_root_as_javascript_that_phones_revalidate(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "Service-Worker-Allowed" not in response  # at the root, its scope is "/" already
    source = response.content.decode()
    assert source.endswith(WORKER.read_text())
    site = worker_settings(source)
    assert site["offline"] == {"zh-hans": "/offline/", "en": "/en/offline/"}
    assert site["static"] == "/static/"
    assert {"/static/css/site.css", "/static/js/pocket.js", "/static/js/offline.js"} <= set(site["precache"])
    for url in site["precache"]:
        assert finders.find(url.removeprefix("/static/")), url
    # A phone asking again with the ETag gets a 304, not the file.
    again = client.get("/sw.js", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_the_worker_stays_small_and_runs_under_the_sites_policy(client):
    assert len(WORKER.read_text().splitlines()) < 150
    policy = client.get("/sw.js")["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_workers_version_follows_the_hashed_static_names(client, settings):
    plain = worker_settings(client.get("/sw.js").content.decode())
    settings.STATIC_URL = "/assets/"
    moved = worker_settings(client.get("/sw.js").content.decode())
    assert moved["static"] == "/assets/" and "/assets/css/site.css" in moved["precache"]
    assert moved["version"] != plain["version"]


@pytest.mark.parametrize("path, name, short_name, lang, start", [
    ("/manifest.webmanifest", "古都夜八点", "古都夜八点", "zh-Hans", "/"),
    ("/en/manifest.webmanifest", "Ancient Capital at 8 pm", "Luoyang 8 pm", "en", "/en/"),
])
def test_each_language_has_its_manifest_opening_on_its_home_page(client, path, name, short_name, lang, start):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert (manifest["name"], manifest["short_name"], manifest["lang"]) == (name, short_name, lang)
    assert (manifest["id"], manifest["start_url"], manifest["scope"]) == (start, start, "/")
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == manifest["background_color"] == "#141a33"
    assert manifest["description"]
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {("192x192", "any"), ("192x192", "maskable"), ("512x512", "any"), ("512x512", "maskable")}
    for (sizes, _), src in icons.items():
        with Image.open(finders.find(src.removeprefix("/static/"))) as image:
            assert (image.format, f"{image.width}x{image.height}") == ("PNG", sizes)


def test_the_icons_are_full_bleed_for_masking(client):
    """A maskable icon is cut to a circle or squircle: its corners must be the night blue, not
    transparent, and the brand mark must sit within the central safe zone."""
    with Image.open(finders.find("img/icon-512.png")) as image:
        rgb = image.convert("RGBA")
        assert rgb.getpixel((0, 0)) == rgb.getpixel((511, 511)) == (0x14, 0x1a, 0x33, 255)
        # Outside a circle of 40% of the size around the centre, only the background.
        assert rgb.getpixel((256 - 210, 256)) == (0x14, 0x1a, 0x33, 255)
        assert rgb.getpixel((256, 256 - 140)) == (0xf2, 0xc1, 0x4e, 255)  # the gold disc
    with Image.open(finders.find("img/apple-touch-icon.png")) as touch:
        assert (touch.format, touch.size, touch.mode) == ("PNG", (180, 180), "RGB")


@pytest.mark.parametrize("path, heading, other", [("/offline/", "您已离线", "You are offline"),
                                                   ("/en/offline/", "You are offline", "您已离线")])
def test_the_offline_page_says_so_in_its_language_without_inline_script(client, path, heading, other):
    html = page(client, path)
    assert f"<h1>{heading}</h1>" in html and other not in html
    code = [s for s in scripts(html) if s.get("type") != "application/ld+json"]
    assert code and all(s.get("src") and not s["text"].strip() for s in code)
    assert any(s["src"].endswith("/js/offline.js") for s in code)
    assert {"name": "robots", "content": "noindex"} in parse(html).metas
    # The worker keeps this page for later nights: nothing on it may name tonight's date.
    assert "Tonight is the night of" not in html and "今晚即" not in text(html)
    assert 'id="saved-pages" hidden' in html


def test_the_offline_list_carries_its_words_in_the_pages_language(client):
    chinese, english = page(client, "/offline/"), page(client, "/en/offline/")
    assert 'data-tonight="保存于 %(time)s"' in chinese
    assert 'data-earlier="保存于%(date)s %(time)s，属于往日的夜晚：离线时不显示"' in chinese
    assert 'data-tonight="saved at %(time)s"' in english


@pytest.mark.parametrize("prefix, manifest, words", [
    ("", "/manifest.webmanifest", {"saved": "您已离线：本页保存于 %(time)s。", "gone": "今晚已开过",
                                   "due-now": "末班车就在此刻", "minutes": "末班车还有%(minutes)s分钟",
                                   "hours": "末班车还有%(hours)s小时",
                                   "hours-minutes": "末班车还有%(hours)s小时%(minutes)s分钟"}),
    ("/en", "/en/manifest.webmanifest", {"saved": "You are offline: this page was saved at %(time)s.",
                                         "gone": "gone tonight", "due-now": "last bus due now",
                                         "minutes": "last bus in %(minutes)s min", "hours": "last bus in %(hours)s h",
                                         "hours-minutes": "last bus in %(hours)s h %(minutes)s min"}),
])
def test_every_page_links_its_manifest_and_gives_the_pocket_script_its_words(client, plan, prefix, manifest, words):
    for path in ["/", "/transit/", "/events/yeyou-longmen/", "/venues/xigong-xiaojie/", "/offline/"]:
        html = page(client, prefix + path)
        assert f'<link rel="manifest" href="{manifest}">' in html, path
        assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html
        assert '<meta name="theme-color" content="#141a33">' in html
        pocket = [s for s in scripts(html) if s.get("src", "").endswith("/js/pocket.js")]
        assert len(pocket) == 1 and "defer" in pocket[0] and not pocket[0]["text"].strip()
        assert {key: pocket[0][f"data-{key}"] for key in words} == words


def test_each_last_run_carries_its_moment_tonight_for_the_phone_to_count_down_to(client, plan, at):
    at("2026-05-08 23:30")
    html = page(client, "/en/transit/")
    # 01:00 belongs to the night of the 8th: the 9th at 01:00, Luoyang time.
    nine = run_for(html, "Route 9")
    assert re.search(r'<time class="left" datetime="2026-05-09T01:00:00\+08:00" data-last-run>'
                     r'last bus in 1 h 30 min</time>', nine)
    gone = re.findall(r'<time class="left left-gone" datetime="2026-05-08T(\d\d:\d\d):00\+08:00" data-last-run>'
                      r'gone tonight</time>', html)
    assert gone and all(clock < "23:30" for clock in gone)


def test_a_run_more_than_six_hours_away_carries_its_moment_but_no_words_yet(client, plan, at):
    at("2026-05-08 18:00")
    html = page(client, "/venues/xigong-xiaojie/")
    empty = re.findall(r'<time datetime="2026-05-09T01:00:00\+08:00" data-last-run></time>', html)
    assert len(empty) == 2  # routes 9 and 101: seven hours away, the published time says enough
    assert "末班车还有" not in section(html, 'way-back"')
