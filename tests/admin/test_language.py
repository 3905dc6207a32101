"""The admin follows its editor's language (their choice, else their browser's, else Chinese);
public pages keep the language of their address whatever the editor chose."""

import pytest

from tests.admin.helpers import editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


def admin_home(client, **headers):
    response = client.get("/admin/", **headers)
    assert response.status_code == 200
    return response


def test_by_default_the_admin_is_in_chinese(editor_client):
    response = admin_home(editor_client)
    html = response.content.decode()
    assert '<html lang="zh-hans"' in html and "站点管理" in html and "Site administration" not in html
    assert response["Content-Language"] == "zh-hans"


def test_an_editor_whose_browser_asks_for_english_gets_the_admin_in_english(editor_client):
    html = admin_home(editor_client, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert '<html lang="en"' in html and "Site administration" in html and "站点管理" not in html
    # Our own strings follow too.
    assert "Needs attention" in html


def test_the_language_button_switches_the_admin_and_leaves_public_pages_alone(editor_client):
    html = admin_home(editor_client).content.decode()
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in html
    response = editor_client.post("/i18n/setlang/", {"language": "en", "next": "/admin/venues/venue/"})
    assert response.status_code == 302 and response["Location"] == "/admin/venues/venue/"
    english = editor_client.get("/admin/venues/venue/").content.decode()
    assert '<html lang="en"' in english and 'value="zh-hans" lang="zh-Hans">中文</button>' in english
    # The chosen language wins over the browser's.
    assert '<html lang="en"' in admin_home(editor_client, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    # Public pages: Chinese at the root, English under /en/, whatever the cookie says.
    assert '<html lang="zh-Hans">' in editor_client.get("/venues/").content.decode()
    editor_client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/admin/"})
    assert '<html lang="en">' in editor_client.get("/en/venues/").content.decode()
    assert "站点管理" in admin_home(editor_client, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_login_page_follows_the_browser(client):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en"' in html
    assert '<html lang="zh-hans"' in client.get("/admin/login/").content.decode()
