import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.crashing_urls")
def test_a_crash_gets_the_designed_500_page_without_a_traceback():
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'class="site-header"' in html and "error-page" in html
    assert "Traceback" not in html and "boom" not in html


@pytest.mark.django_db
def test_an_unknown_page_is_a_404_in_the_site_design(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html and 'class="site-header"' in html
