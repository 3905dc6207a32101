"""Editors get exactly the rights they need; nobody else edits anything."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client

from editors.accounts import ACTIONS, EDITOR_MODELS, GROUP
from tests.admin.helpers import editor, open_form, set_field
from venues.models import Venue

pytestmark = pytest.mark.django_db


def test_the_migration_gives_editors_exactly_the_editing_rights():
    group = Group.objects.get(name=GROUP)
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert granted == {(app, f"{action}_{model}") for app, model in EDITOR_MODELS for action in ACTIONS}
    assert ("transit", "change_serving") in granted  # last runs
    assert not {app for app, _ in granted} & {"auth", "sessions", "admin", "contenttypes", "reversion"}


@pytest.mark.parametrize("url", ["/admin/", "/admin/venues/venue/", "/admin/attention/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/admin/login/?next={url}")


def test_a_staff_account_outside_the_group_sees_nothing_to_edit(client):
    client.force_login(User.objects.create_user("clerk", password="x", is_staff=True))
    index = client.get("/admin/").content.decode()
    assert "/admin/venues/venue/" not in index and "/admin/attention/" not in index
    assert client.get("/admin/venues/venue/").status_code == 403
    assert client.get("/admin/attention/").status_code == 403


def test_an_editor_edits_a_venue_and_cannot_open_user_admin(client, plan):
    client.force_login(editor())
    venue = Venue.objects.get(slug="xigong-xiaojie")
    url, data = open_form(client, venue)
    set_field(data, "slogan_en", "Luoyang snacks, round the clock")
    assert client.post(url, data).status_code == 302
    venue.refresh_from_db()
    assert venue.slogan_en == "Luoyang snacks, round the clock"
    for page in ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"]:
        assert client.get(page).status_code == 403, page
    assert "/admin/auth/user/" not in client.get("/admin/").content.decode()


def test_create_editor_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "night-editor-2026")
    call_command("create_editor", "wang", "--email", "wang@example.cn", "--no-input")
    user = User.objects.get(username="wang")
    assert user.is_staff and not user.is_superuser and user.email == "wang@example.cn"
    assert user.check_password("night-editor-2026")
    assert list(user.groups.values_list("name", flat=True)) == [GROUP]
    assert user.has_perm("transit.change_serving") and not user.has_perm("auth.view_user")


def test_create_editor_prompts_twice_for_the_password(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    answers = iter(["night-editor-2026", "night-editor-2026"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("create_editor", "zhao", "--email", "zhao@example.cn")
    assert User.objects.get(username="zhao").check_password("night-editor-2026")


def test_create_editor_refuses_a_weak_password_a_taken_name_and_no_password(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "123")
    with pytest.raises(CommandError, match="Password refused"):
        call_command("create_editor", "sun", "--email", "sun@example.cn")
    assert not User.objects.filter(username="sun").exists()
    editor("li")
    monkeypatch.setenv("EDITOR_PASSWORD", "night-editor-2026")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "li", "--email", "li@example.cn")
    monkeypatch.delenv("EDITOR_PASSWORD")
    with pytest.raises(CommandError, match="EDITOR_PASSWORD"):
        call_command("create_editor", "zhou", "--email", "zhou@example.cn", "--no-input")


def test_an_editor_logs_in_with_the_password_create_editor_set(plan):
    editor("li")
    browser = Client()
    response = browser.post("/admin/login/?next=/admin/venues/venue/",
                            {"username": "li", "password": "night-editor-2026", "next": "/admin/venues/venue/"})
    assert response.status_code == 302 and response.headers["Location"] == "/admin/venues/venue/"
    assert browser.get("/admin/venues/venue/").status_code == 200
