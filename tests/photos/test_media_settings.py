"""Media settings come from the environment: where files live, where pages link them, and a CSP
that lets the pages load them from there."""

import json

import pytest

from tests.production.conftest import base_env, manage

pytestmark = pytest.mark.processes

SHOW = ("import json; from django.conf import settings; print(json.dumps({'root': str(settings.MEDIA_ROOT), "
        "'url': settings.MEDIA_URL, 'serve': settings.SERVE_MEDIA, "
        "'img': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))")


def media_settings(**env) -> dict:
    output = manage(base_env(**env), "shell", "-c", SHOW).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_by_default_photos_are_under_media_served_by_a_web_server_from_this_site(tmp_path):
    found = media_settings(MEDIA_ROOT="", MEDIA_URL="", SERVE_MEDIA="")
    assert found["root"].endswith("/media") and found["url"] == "/media/" and found["serve"] is False
    assert found["img"] == ["'self'"]


def test_a_media_host_is_allowed_by_the_csp_and_nothing_else_is(tmp_path):
    found = media_settings(MEDIA_ROOT=str(tmp_path), MEDIA_URL="https://photos.example.cn/night/", SERVE_MEDIA="true")
    assert found["root"] == str(tmp_path) and found["url"] == "https://photos.example.cn/night/" and found["serve"]
    assert found["img"] == ["'self'", "https://photos.example.cn"]
