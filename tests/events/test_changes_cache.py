"""A change is on every page at once: saving or deleting one replaces the page cache's shared
generation (the model counts as public), so no cached page outlives it; and loading the plan
never touches what editors said changed."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.management import call_command

from events.models import Event, EventChange, EventChangeKind, NightChange, Offer, OfferAvailability
from nightlife.cache import generation
from tests.factories import make_closure, make_event_change, make_night_change
from venues.models import Venue, VenueClosure

pytestmark = pytest.mark.django_db
NIGHT = dt.date(2026, 5, 8)
SLUG = "jiuzhouchi-chishang-fanhua"
PAGES = ["/", f"/events/{SLUG}/", f"/events/{SLUG}.ics", "/events/?date=2026-05-08"]


def body(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_cancellation_is_on_every_cached_page_at_once_and_so_is_its_undoing(client, plan, at):
    at("2026-05-08 19:30:05")
    before = {url: body(client, url) for url in PAGES}
    assert {url: body(client, url) for url in PAGES} == before  # served from the cache
    change = make_night_change(Event.objects.get(slug=SLUG), NIGHT, reason="因降雨取消")
    after = {url: body(client, url) for url in PAGES}
    assert "今晚取消" in after["/"] and "今晚取消" in after[f"/events/{SLUG}/"]
    assert "STATUS:CANCELLED" in after[f"/events/{SLUG}.ics"]
    assert "今晚取消" in after["/events/?date=2026-05-08"]  # kept, marked (issue 20)
    change.delete()
    assert {url: body(client, url) for url in PAGES} == before


@pytest.mark.parametrize("write", [
    lambda: make_night_change(Event.objects.get(slug=SLUG), NIGHT),
    lambda: make_event_change(Event.objects.get(slug=SLUG), EventChangeKind.POSTPONED),
    lambda: make_closure(Venue.objects.get(slug="xigong-xiaojie"), NIGHT),
], ids=["night", "whole event", "closure"])
def test_saving_or_deleting_any_change_starts_a_new_generation(plan, write):
    first = generation()
    row = write()
    second = generation()
    row.delete()
    assert len({first, second, generation()}) == 3


def test_loading_the_plan_again_keeps_every_change_even_with_overwrite(plan, at):
    at("2026-05-08 18:30")
    event = Event.objects.get(slug=SLUG)
    make_night_change(event, NIGHT, reason="因降雨取消")
    make_event_change(event, EventChangeKind.POSTPONED, reason="待定")
    make_closure(event.venue, NIGHT, place=event.place)
    offer = Offer.objects.get(event=event)
    Offer.objects.filter(pk=offer.pk).update(availability=OfferAvailability.SOLD_OUT, availability_reason="售完")
    for options in ({}, {"overwrite": True}):
        call_command("load_plan", str(settings.PLAN_FIXTURE), verbosity=0, **options)
        assert list(NightChange.objects.values_list("event__slug", "night", "reason")) == [(SLUG, NIGHT, "因降雨取消")]
        assert list(EventChange.objects.values_list("event__slug", "kind")) == [(SLUG, "postponed")]
        assert VenueClosure.objects.get().place == event.place
        assert Offer.objects.get(pk=offer.pk).availability == OfferAvailability.SOLD_OUT
