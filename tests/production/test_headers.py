"""Security headers on every response; HTTPS rules behind the proxy only when HTTPS=true."""

import pytest

pytestmark = pytest.mark.django_db

PAGES = ["/", "/en/", "/venues/", "/events/", "/transit/", "/venues/xigong-xiaojie/", "/search/?q=九洲池",
         "/venues/?bus_after=25:99", "/no-such-page/", "/admin/login/", "/healthz"]


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, plan, url):
    response = client.get(url)
    csp = directives(response)
    assert csp["script-src"] == "script-src 'self'"
    assert csp["style-src"] == "style-src 'self'"
    assert csp["default-src"] == "default-src 'self'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["object-src"] == "object-src 'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_a_page_served_from_the_cache_carries_the_same_headers(client, plan):
    first, second = client.get("/venues/"), client.get("/venues/")
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert second[name] == first[name]


def test_on_plain_http_loopback_nothing_redirects_and_no_hsts_is_sent(client, plan):
    response = client.get("/")
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response


@pytest.fixture
def https(settings):
    """What HTTPS=true sets (nightlife/settings.py), applied to this test's client."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True


def test_behind_the_https_proxy_pages_send_hsts(client, plan, https):
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_a_plain_http_request_through_the_proxy_is_redirected_to_https(client, plan, https):
    response = client.get("/venues/?theme=food", HTTP_X_FORWARDED_PROTO="http")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/venues/?theme=food"
    assert "Strict-Transport-Security" not in response


def test_the_proxy_health_check_on_plain_http_is_not_redirected(client, https):
    response = client.get("/healthz")
    assert response.status_code == 200


def test_session_and_csrf_cookies_are_secure_over_https(client, https, django_user_model):
    django_user_model.objects.create_superuser("boss", password="a long pass phrase")
    login = client.get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")
    assert login.cookies["csrftoken"]["secure"] is True
    response = client.post("/admin/login/?next=/admin/", {
        "username": "boss", "password": "a long pass phrase",
        "csrfmiddlewaretoken": login.cookies["csrftoken"].value,
    }, HTTP_X_FORWARDED_PROTO="https", HTTP_REFERER="https://testserver/admin/login/")
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] is True
    assert response.cookies["sessionid"]["httponly"] is True


def test_a_rendered_head_carries_the_gets_etag_and_no_body(client, plan, settings):
    settings.PAGE_CACHE_SECONDS = 0  # rendered each time, never from the page cache
    head = client.head("/venues/")
    get = client.get("/venues/")
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and get.content
    assert head["ETag"] == get["ETag"]
    assert int(head["Content-Length"]) == len(get.content)
