"""Visitors see only what is published now; editors preview drafts."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission, User

from core.publishing import Status
from tests.factories import make_event, make_offer, make_route, make_serving, make_venue

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["change_venue", "change_event"]))
    client.force_login(user)
    return client


def test_a_draft_venue_is_a_404_and_absent_from_lists_for_visitors(client):
    draft = make_venue(name="草稿街区", status=Status.DRAFT)
    make_venue(name="公开街区")
    assert client.get(draft.get_absolute_url()).status_code == 404
    listing = client.get("/venues/").content.decode()
    assert "公开街区" in listing and "草稿街区" not in listing
    assert "草稿街区" not in client.get("/search/?q=草稿").content.decode()


def test_an_editor_previews_a_draft_with_a_banner(editor):
    draft = make_venue(name="草稿街区", status=Status.DRAFT)
    response = editor.get("/en" + draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()


def test_a_published_page_has_no_draft_banner_for_an_editor(editor):
    venue = make_venue()
    assert "Draft preview" not in editor.get("/en" + venue.get_absolute_url()).content.decode()


def test_the_publish_window_opens_and_closes(client, at):
    luoyang = ZoneInfo("Asia/Shanghai")
    soon = make_event(name="即将上线", publish_from=dt.datetime(2026, 5, 8, 20, 0, tzinfo=luoyang))
    gone = make_event(name="已下线", publish_until=dt.datetime(2026, 5, 8, 20, 0, tzinfo=luoyang))
    at("2026-05-08 19:59")
    listing = client.get("/events/").content.decode()
    assert "即将上线" not in listing and "已下线" in listing
    assert client.get(soon.get_absolute_url()).status_code == 404
    at("2026-05-08 20:00")
    listing = client.get("/events/").content.decode()
    assert "即将上线" in listing and "已下线" not in listing
    assert client.get(soon.get_absolute_url()).status_code == 200
    assert client.get(gone.get_absolute_url()).status_code == 404


def test_an_event_at_an_unpublished_venue_shows_without_a_link_to_it(client):
    venue = make_venue(name="草稿街区", status=Status.DRAFT)
    event = make_event(venue=venue)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "草稿街区" in html
    assert venue.get_absolute_url() not in html


def test_a_draft_offer_and_the_buses_of_a_draft_venue_stay_hidden(client):
    event = make_event()
    make_offer(event, name="草稿优惠", status=Status.DRAFT)
    assert "草稿优惠" not in client.get(event.get_absolute_url()).content.decode()
    make_serving(make_venue(name="草稿街区", status=Status.DRAFT), make_route(), last_run=dt.time(1, 0))
    assert "草稿街区" not in client.get("/transit/").content.decode()
