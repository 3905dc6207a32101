"""The 500 page is rendered without the request (a broken context must not break it): it leaves
out the absolute links it cannot write, rather than print ':///'."""

import pytest
from django.test import Client, override_settings


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.crashing_urls")
def test_the_500_page_has_no_hreflang_links_without_a_host():
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'class="site-header"' in html and "error-page" in html
    assert ":///" not in html
    assert 'rel="alternate"' not in html


@pytest.mark.django_db
def test_other_pages_keep_their_absolute_hreflang_links(client):
    html = client.get("/en/venues/").content.decode()
    assert '<link rel="alternate" hreflang="zh-Hans" href="http://testserver/venues/">' in html
