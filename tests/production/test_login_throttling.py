"""Admin login attempts are limited per address, with the count kept in the shared database."""

import pytest
from axes.models import AccessAttempt

pytestmark = pytest.mark.django_db

PASSWORD = "a long pass phrase"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", password=PASSWORD)


def log_in(client, password, address="203.0.113.7"):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password},
                       REMOTE_ADDR=address)


def test_after_five_wrong_passwords_even_the_right_one_is_refused(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "wrong")
        assert response.status_code == 200  # the form again, with its error
    assert log_in(client, "wrong").status_code == 429
    locked = log_in(client, PASSWORD)
    assert locked.status_code == 429
    assert "sessionid" not in locked.cookies
    assert AccessAttempt.objects.get(ip_address="203.0.113.7").failures_since_start >= settings.AXES_FAILURE_LIMIT


def test_another_address_can_still_log_in(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    response = log_in(client, PASSWORD, address="198.51.100.2")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_successful_login_clears_earlier_failures(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, "wrong").status_code == 200


def test_behind_the_proxy_the_address_nginx_saw_is_counted_not_the_proxy(client, editor, settings):
    settings.BEHIND_PROXY = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.9")
    assert AccessAttempt.objects.filter(ip_address="203.0.113.9").exists()
    # Another visitor behind the same proxy is not locked out.
    response = client.post("/admin/login/?next=/admin/", {"username": "editor", "password": PASSWORD},
                           REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.4")
    assert response.status_code == 302


def test_the_lockout_is_a_page_in_the_editors_language_saying_when_to_try_again(client, editor, settings, at):
    at("2026-05-08 21:30")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    locked = log_in(client, PASSWORD)
    assert locked.status_code == 429
    assert locked["Retry-After"] == "900"  # LOGIN_COOLOFF_MINUTES after the last failure
    html = locked.content.decode()
    assert '<html lang="zh-hans"' in html and 'id="site-name"' in html  # the Chinese admin's design
    assert "请于 21:45（15 分钟后）再试。" in html
    assert "Account locked" not in html and "too many failed login attempts" not in html


def test_an_english_speaking_editor_reads_the_lockout_in_english(client, editor, settings, at):
    at("2026-05-08 23:55")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "wrong")
    at("2026-05-09 00:01")  # six minutes after the last failure
    locked = client.post("/admin/login/", {"username": "editor", "password": PASSWORD},
                         REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="en")
    assert locked.status_code == 429
    assert locked["Retry-After"] == str(9 * 60)
    assert "Please try again at 00:10 (in 9 minutes)." in locked.content.decode()


def test_a_login_whose_next_leads_off_the_site_lands_on_the_admin_home(client, editor):
    for bad in ["//evil.example/", "https://evil.example/admin/", ""]:
        response = client.post(f"/admin/login/?next={bad}", {"username": "editor", "password": PASSWORD},
                               REMOTE_ADDR="198.51.100.9")
        assert response.status_code == 302
        assert response["Location"] == "/admin/", bad
        client.logout()
