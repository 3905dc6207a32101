"""Editing that a non-programmer gets right: lists, search, slugs, night-time input, rules."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from events.models import Event, Offer
from core.publishing import Source, Status
from tests.admin.helpers import editor, form_data, open_form, serving_field, set_field, zh
from tests.factories import make_event, make_offer
from transit.models import Route, Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")


@pytest.fixture
def editor_client(client):
    client.force_login(editor())
    return client


def xigong_9():
    return Serving.objects.get(venue__slug="xigong-xiaojie", route__slug="9")


@pytest.mark.parametrize("model", ["venues/venue", "venues/place", "venues/theme", "events/event", "events/offer",
                                   "transit/route", "transit/stop", "transit/serving"])
def test_each_list_and_add_page_opens_for_an_editor(editor_client, model):
    assert editor_client.get(f"/admin/{model}/").status_code == 200
    assert editor_client.get(f"/admin/{model}/add/").status_code == 200


@pytest.mark.parametrize("query", ["西工", "Xigong Lane", "xigongxiaojie", "XI GONG"])
def test_venue_search_finds_chinese_english_and_pinyin(editor_client, query):
    html = editor_client.get("/admin/venues/venue/", {"q": query}).content.decode()
    assert reverse("admin:venues_venue_change", args=[Venue.objects.get(slug="xigong-xiaojie").pk]) in html
    assert "龙门石窟" not in html


def test_event_search_finds_an_event_by_its_venue_in_pinyin(editor_client):
    html = editor_client.get("/admin/events/event/", {"q": "longmen shiku"}).content.decode()
    assert "夜游龙门" in html and "九洲池" not in html


def test_list_filters_by_published_state(editor_client):
    Venue.objects.filter(slug="longmen-shiku").update(status=Status.DRAFT)
    html = editor_client.get("/admin/venues/venue/", {"status__exact": "draft"}).content.decode()
    assert "龙门石窟" in html and "西工小街" not in html


def test_an_empty_slug_is_filled_from_the_pinyin_and_kept_unique(editor_client):
    for expected in ["ye-shi-jie", "ye-shi-jie-2"]:
        data = form_data(editor_client.get("/admin/venues/venue/add/"), "venue_form")
        set_field(data, "name", "夜市街")
        set_field(data, "kind", "street")
        assert editor_client.post("/admin/venues/venue/add/", data).status_code == 302
        venue = Venue.objects.get(slug=expected)
        assert venue.name == "夜市街" and venue.status == Status.DRAFT
        assert venue.source == Source.EDITORS  # added in the admin, not from the plan


def test_a_route_slug_is_its_number(editor_client):
    data = form_data(editor_client.get("/admin/transit/route/add/"), "route_form")
    set_field(data, "name", "V10路")
    assert editor_client.post("/admin/transit/route/add/", data).status_code == 302
    assert Route.objects.get(name="V10路").slug == "v10"


def test_the_venue_page_says_01_00_is_after_midnight_next_to_the_last_run(editor_client):
    html = editor_client.get(reverse("admin:venues_venue_change", args=[xigong_9().venue_id])).content.decode()
    assert zh("01:00 means after midnight of the same night.") in html
    assert 'value="01:00"' in html


def test_a_last_run_of_25_99_is_refused_with_a_reason_and_nothing_is_saved(editor_client):
    serving = xigong_9()
    url, data = open_form(editor_client, serving.venue)
    set_field(data, serving_field(data, serving, "last_run"), "25:99")
    set_field(data, "slogan_en", "Changed along with a bad time")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert zh("“%(value)s” is not a clock time. Type it as 2310 or 23:10 (00:00 to 23:59; 01:00 means "
              "after midnight).", value="25:99") in response.content.decode()
    serving.refresh_from_db()
    assert serving.last_run == dt.time(1, 0)
    assert Venue.objects.get(pk=serving.venue_id).slogan_en != "Changed along with a bad time"


def test_a_closing_time_before_opening_is_refused_but_across_midnight_is_fine(editor_client):
    venue = Venue.objects.get(slug="laocheng-shizijie")
    url, data = open_form(editor_client, venue)
    set_field(data, "opens_at", "18:00")
    set_field(data, "closes_at", "17:00")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert zh("The closing time must come after the opening time in the same night "
              "(02:00 is after 18:00; the night ends at 06:00).") in response.content.decode()
    url, data = open_form(editor_client, venue)
    set_field(data, "opens_at", "18:00")
    set_field(data, "closes_at", "02:00")
    assert editor_client.post(url, data).status_code == 302
    venue.refresh_from_db()
    assert (venue.opens_at, venue.closes_at) == (dt.time(18, 0), dt.time(2, 0))


def test_an_event_ending_before_it_starts_is_refused(editor_client):
    event = Event.objects.get(slug="yeyou-longmen")
    url, data = open_form(editor_client, event)
    set_field(data, "ends_at", "19:00")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert zh("The end time must come after the start in the same night (01:00 is after 23:00).") in response.content.decode()
    assert Event.objects.get(pk=event.pk).ends_at is None


def test_an_offer_must_fall_inside_the_event_nights(editor_client):
    event = make_event(first_night=dt.date(2026, 5, 1), last_night=dt.date(2026, 5, 31))
    offer = make_offer(event, first_day=dt.date(2026, 5, 8), last_day=dt.date(2026, 5, 15))
    url, data = open_form(editor_client, event)
    prefix = next(k[:-len("id")] for k, v in data.items() if k.startswith("offers-") and k.endswith("-id") and v == [str(offer.pk)])
    set_field(data, prefix + "last_day", "2026-06-02")
    response = editor_client.post(url, data)
    assert response.status_code == 200
    with translation.override("zh-hans"):
        night = date_format(dt.date(2026, 5, 31), "DATE_FORMAT")
    assert zh("The offer cannot run past the event's last night (%(night)s).", night=night) in response.content.decode()
    offer.refresh_from_db()
    assert offer.last_day == dt.date(2026, 5, 15)
    # Moving the event's last night out to cover the offer makes the same offer acceptable.
    set_field(data, "last_night", "2026-06-30")
    assert editor_client.post(url, data).status_code == 302
    offer.refresh_from_db()
    assert offer.last_day == dt.date(2026, 6, 2)


def test_publish_times_show_in_luoyang_time(editor_client):
    venue = Venue.objects.get(slug="luoyi-gucheng")
    venue.publish_from = dt.datetime(2026, 5, 8, 12, 0, tzinfo=dt.timezone.utc)  # 20:00 in Luoyang
    venue.save()
    html = editor_client.get(reverse("admin:venues_venue_change", args=[venue.pk])).content.decode()
    assert 'name="publish_from_0" value="2026/05/08"' in html
    assert 'name="publish_from_1" value="20:00"' in html


def test_the_venue_page_links_to_the_public_page(editor_client):
    venue = Venue.objects.get(slug="luoyi-gucheng")
    html = editor_client.get(reverse("admin:venues_venue_change", args=[venue.pk])).content.decode()
    link = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Venue).pk, venue.pk])
    assert f'href="{link}"' in html
    assert editor_client.get(link).headers["Location"].endswith("/venues/luoyi-gucheng/")


def test_bulk_publish_and_unpublish(editor_client):
    drafts = list(Venue.objects.filter(slug__in=["longmen-shiku", "luoyi-gucheng"]))
    Venue.objects.filter(pk__in=[v.pk for v in drafts]).update(status=Status.DRAFT)
    visitor = Client()
    assert visitor.get("/venues/luoyi-gucheng/").status_code == 404
    response = editor_client.post("/admin/venues/venue/", {"action": "publish", "_selected_action": [v.pk for v in drafts]})
    assert response.status_code == 302
    assert set(Venue.objects.filter(pk__in=[v.pk for v in drafts]).values_list("status", flat=True)) == {Status.PUBLISHED}
    assert visitor.get("/venues/luoyi-gucheng/").status_code == 200
    editor_client.post("/admin/venues/venue/", {"action": "unpublish", "_selected_action": [drafts[0].pk]})
    assert Venue.objects.get(pk=drafts[0].pk).status == Status.DRAFT
    assert Venue.objects.get(pk=drafts[1].pk).status == Status.PUBLISHED
    assert visitor.get(drafts[0].get_absolute_url()).status_code == 404


def test_bulk_unpublish_of_ended_offers(editor_client):
    offer = Offer.objects.get()
    response = editor_client.get("/admin/events/offer/", {"state": "ended"})
    assert offer.name in response.content.decode()
    editor_client.post("/admin/events/offer/", {"action": "unpublish", "_selected_action": [offer.pk]})
    offer.refresh_from_db()
    assert offer.status == Status.DRAFT


def test_a_save_changes_the_public_page_at_once(editor_client):
    visitor = Client()
    assert "Luoyang snacks, round the clock" not in visitor.get("/en/venues/xigong-xiaojie/").content.decode()
    url, data = open_form(editor_client, Venue.objects.get(slug="xigong-xiaojie"))
    set_field(data, "slogan_en", "Luoyang snacks, round the clock")
    assert editor_client.post(url, data).status_code == 302
    assert "Luoyang snacks, round the clock" in visitor.get("/en/venues/xigong-xiaojie/").content.decode()
