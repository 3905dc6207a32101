"""A reload on a weak signal costs a 304; an editor's pages are never cached as public."""

import pytest
from django.contrib.auth.models import Permission, User
from django.utils.cache import get_max_age

from core.publishing import Status
from tests.factories import make_venue
from venues.models import Venue

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/en/", "/venues/", "/en/venues/?theme=food", "/events/", "/venues/xigong-xiaojie/",
          "/en/events/yeyou-longmen/", "/transit/", "/events/yeyou-longmen.ics", "/events/feed.ics?theme=food",
          "/sitemap.xml", "/robots.txt"]


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def vary(response) -> set[str]:
    return {part.strip().lower() for part in response.get("Vary", "").split(",")}


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_venue", "change_event"]))
    client.force_login(user)
    return user


@pytest.mark.parametrize("url", PUBLIC)
def test_a_second_request_with_the_etag_gets_304_and_no_body(client, plan, at, url):
    at("2026-05-08 19:30")
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"]
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304
    assert second.content == b""
    assert second["ETag"] == first["ETag"]


@pytest.mark.parametrize("url", PUBLIC)
def test_anonymous_pages_may_be_kept_for_a_minute_but_not_across_a_login(client, plan, at, url):
    at("2026-05-08 19:30")
    response = client.get(url)
    assert "public" in cache_control(response)
    assert get_max_age(response) == 60
    assert "cookie" in vary(response)
    assert not response.cookies


def test_a_stale_etag_gets_the_changed_page(client, plan, at):
    at("2026-05-08 19:30")
    first = client.get("/en/venues/xigong-xiaojie/")
    venue = Venue.objects.get(slug="xigong-xiaojie")
    venue.name_en = "Xigong Lane, renamed"
    venue.save()  # as an editor does
    second = client.get("/en/venues/xigong-xiaojie/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert "Xigong Lane, renamed" in second.content.decode()
    assert second["ETag"] != first["ETag"]


def test_the_two_languages_are_different_pages_with_different_etags(client, plan, at):
    at("2026-05-08 19:30")
    zh, en = client.get("/venues/xigong-xiaojie/"), client.get("/en/venues/xigong-xiaojie/")
    assert zh["ETag"] != en["ETag"]
    assert client.get("/en/venues/xigong-xiaojie/", HTTP_IF_NONE_MATCH=zh["ETag"]).status_code == 200


def test_a_logged_in_editors_pages_are_private_and_revalidated(client, plan, editor):
    for url in ("/", "/venues/xigong-xiaojie/", "/events/feed.ics"):
        response = client.get(url)
        assert response.status_code == 200
        assert {"private", "no-cache"} <= cache_control(response), url
        assert "public" not in cache_control(response), url
        assert get_max_age(response) is None, url


def test_a_draft_preview_is_never_public(client, editor):
    make_venue(slug="draft", status=Status.DRAFT)
    response = client.get("/venues/draft/")
    assert response.status_code == 200
    assert "draft-banner" in response.content.decode()
    assert "private" in cache_control(response)
    assert "public" not in cache_control(response)


def test_errors_are_not_cached_as_public(client, plan):
    for url, status in (("/venues/?bus_after=25:99", 400), ("/events/feed.ics?date=yesterday", 400),
                        ("/venues/no-such-venue/", 404)):
        response = client.get(url)
        assert response.status_code == status, url
        assert "public" not in cache_control(response), url


def test_the_admin_keeps_its_own_no_store(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "no-store" in cache_control(response)
    assert "public" not in cache_control(response)
