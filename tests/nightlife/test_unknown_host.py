"""A request for a host name the site does not serve: a plain 400, never a 500, no ERROR line."""

import logging

import pytest
from django.test import Client

PATHS = ["/", "/healthz", "/admin/login/", "/sitemap.xml", "/en/venues/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PATHS)
def test_an_unknown_host_gets_a_plain_400_without_an_error_in_the_log(settings, caplog, path):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["night.example.cn"]
    with caplog.at_level(logging.INFO):
        response = Client(raise_request_exception=False).get(path, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert "evil.example" not in response.content.decode()
    assert [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR] == []


@pytest.mark.django_db
def test_the_site_own_host_still_gets_its_pages(settings):
    settings.ALLOWED_HOSTS = ["night.example.cn"]
    response = Client().get("/en/venues/", HTTP_HOST="night.example.cn")
    assert response.status_code == 200
    assert 'href="http://night.example.cn/en/venues/"' in response.content.decode()

