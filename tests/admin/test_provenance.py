"""Honest provenance: a fact an editor changed since the published plan says so where visitors
read it, the admin keeps the plan's value in view, help meant for the plan's own rows stays off
rows the editors created, and a renamed plan record is flagged in "needs attention"."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event
from tests.admin.helpers import editor, form_data, open_form, serving_field, set_field, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")

PLAN_LINE = "Facts from the published plan (Luoyang Daily, May 2020)."


@pytest.fixture
def editor_client(client, at):
    at("2026-12-01 19:50")
    client.force_login(editor())
    return client


def kaiyuanhu_75():
    return Serving.objects.select_related("venue").get(venue__slug="huan-kaiyuanhu-shangquan", route__slug="75")


def change_last_run(client, serving, typed: str) -> None:
    url, data = open_form(client, serving.venue)
    set_field(data, serving_field(data, serving, "last_run"), typed)
    assert client.post(url, data).status_code == 302


def public(client, obj) -> str:
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_changed_last_run_says_by_whom_and_when_and_the_admin_keeps_the_plans_value(editor_client):
    serving = kaiyuanhu_75()
    page = public(editor_client, serving.venue)
    assert "本站于" not in page and zh(PLAN_LINE) in page

    change_last_run(editor_client, serving, "2310")

    serving.refresh_from_db()
    assert serving.last_run == dt.time(23, 10)
    assert serving.plan_changes == {"last_run": {"plan": "22:40:00", "on": "2026-12-01"}}
    page = public(editor_client, serving.venue)
    assert "23:10" in page and "本站于 2026年12月1日 更新" in page
    assert zh(PLAN_LINE) not in page  # the listing no longer claims every fact is the plan's
    assert "以下内容本站此后有更新：75路（2026年12月1日）。" in page
    english = editor_client.get("/en" + serving.venue.get_absolute_url()).content.decode()
    assert "updated by the portal on Dec. 1, 2026" in english and "Route 75 (Dec. 1, 2026)" in english

    admin = editor_client.get(open_form(editor_client, serving.venue)[0]).content.decode()
    assert admin.count('<div class="help plan-note">方案原文：22:40</div>') == 1  # in the 75路 row only


def test_typing_the_plans_value_again_removes_the_mark(editor_client):
    serving = kaiyuanhu_75()
    change_last_run(editor_client, serving, "23:10")
    change_last_run(editor_client, serving, "22:40")
    serving.refresh_from_db()
    assert serving.plan_changes == {}
    page = public(editor_client, serving.venue)
    assert "本站于" not in page and zh(PLAN_LINE) in page


def test_the_venue_page_costs_no_extra_query_for_its_marks(editor_client):
    serving = kaiyuanhu_75()
    editor_client.get(serving.venue.get_absolute_url())  # warm whatever is cached per process
    with CaptureQueriesContext(connection) as plain:
        public(editor_client, serving.venue)
    change_last_run(editor_client, serving, "23:10")
    Venue.objects.filter(pk=serving.venue_id).update(opens_at=dt.time(10, 0))  # outside the admin: no mark
    # The edit made a new generation: tonight's kept changes are made again once (three
    # queries, events/night_changes.py), by whichever page comes first.
    public(editor_client, serving.venue)
    with CaptureQueriesContext(connection) as marked:
        assert "本站于" in public(editor_client, serving.venue)
    assert len(marked) == len(plain)


def test_a_listings_own_changed_fact_is_named_on_its_page_and_its_plan_value_under_the_field(editor_client):
    event = Event.objects.get(slug="yeyou-longmen")
    url, data = open_form(editor_client, event)
    set_field(data, "starts_at", "20:30")
    assert editor_client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert set(event.plan_changes) == {"starts_at"}
    page = public(editor_client, event)
    assert f"以下内容本站此后有更新：{zh('starts at')}（2026年12月1日）。" in page
    admin = editor_client.get(url).content.decode()
    assert "方案原文：" in admin


def test_the_exactly_as_published_help_is_only_on_the_plans_own_events(editor_client):
    published = editor_client.get(open_form(editor_client, Event.objects.get(slug="yeyou-longmen"))[0]).content.decode()
    assert zh("Exactly as published.") in published
    added = editor_client.get(reverse("admin:events_event_add")).content.decode()
    assert zh("Exactly as published.") not in added
    ours = Event.objects.get(slug="yeyou-longmen")
    ours.pk, ours.slug, ours.plan_key, ours.name = None, "our-own", None, "本站自办活动"
    ours.save()
    assert zh("Exactly as published.") not in editor_client.get(open_form(editor_client, ours)[0]).content.decode()


def test_a_renamed_plan_record_needs_attention_and_an_editors_own_row_does_not(editor_client):
    attention = reverse("editors-attention")
    assert "夜游龙门之旅" not in editor_client.get(attention).content.decode()
    event = Event.objects.get(slug="yeyou-longmen")
    url, data = open_form(editor_client, event)
    set_field(data, "name", "夜游龙门之旅")
    assert editor_client.post(url, data).status_code == 302
    html = editor_client.get(attention).content.decode()
    assert zh("Renamed records of the plan") + " (1)" in html
    assert "夜游龙门之旅" in html and "方案原文：“夜游龙门” · 2026年12月1日" in html


def test_loading_the_plan_with_overwrite_puts_its_value_back_and_the_mark_goes(editor_client):
    serving = kaiyuanhu_75()
    change_last_run(editor_client, serving, "23:10")
    call_command("load_plan", str(settings.PLAN_FIXTURE), verbosity=0)  # an editor's change is kept
    serving.refresh_from_db()
    assert serving.last_run == dt.time(23, 10) and "last_run" in serving.plan_changes
    call_command("load_plan", str(settings.PLAN_FIXTURE), "--overwrite", verbosity=0)
    serving.refresh_from_db()
    assert serving.last_run == dt.time(22, 40) and serving.plan_changes == {}


def test_a_row_the_editors_added_is_never_marked(editor_client):
    venue = Venue.objects.get(slug="huan-kaiyuanhu-shangquan")
    url, data = open_form(editor_client, venue)
    data = form_data(editor_client.get(url), "venue_form")
    set_field(data, "name_en", "Kaiyuan Lake Shopping Quarter")
    assert editor_client.post(url, data).status_code == 302
    venue.refresh_from_db()
    assert set(venue.plan_changes) == {"name_en"}
    ours = Venue.objects.create(slug="our-venue", name="本站场所", kind=venue.kind, source="editors")
    ours.name_en = "Ours"
    ours.note_edit({"name_en": ""})
    assert ours.plan_changes == {}


def test_the_plans_value_stays_under_the_field_when_a_save_is_refused(editor_client):
    event = Event.objects.get(slug="yeyou-longmen")
    url, data = open_form(editor_client, event)
    set_field(data, "starts_at", "20:30")
    assert editor_client.post(url, data).status_code == 302
    url, data = open_form(editor_client, event)
    set_field(data, "ends_at", "25:99")
    refused = editor_client.post(url, data)
    assert refused.status_code == 200 and "25:99" in refused.content.decode()
    assert "方案原文：" in refused.content.decode()
