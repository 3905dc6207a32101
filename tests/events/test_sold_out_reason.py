"""Issue 20, finding 4: the reason an editor gives for a sold-out (or withdrawn) offer, which the
admin says visitors see, is shown wherever the offer is: the event page, the home page's offer
card and the API, in both languages."""

import datetime as dt

import pytest

from events.models import Offer, OfferAvailability
from tests.reading import page, section, text

pytestmark = pytest.mark.django_db
NIGHT = dt.date(2026, 5, 8)
SLUG = "jiuzhouchi-chishang-fanhua"


@pytest.fixture
def sold_out(plan, at):
    at("2026-05-08 19:30")
    offer = Offer.objects.get(event__slug=SLUG)
    offer.first_day, offer.last_day = NIGHT, NIGHT
    offer.availability = OfferAvailability.SOLD_OUT
    offer.availability_reason, offer.availability_reason_en = "50张已售完", "All 50 tickets have gone"
    offer.full_clean()
    offer.save()
    return offer


def test_the_event_page_gives_the_reason_in_both_languages(client, sold_out):
    chinese = text(section(page(client, f"/events/{SLUG}/"), 'id="offers"'))
    assert "已售罄" in chinese and "50张已售完" in chinese
    english = text(section(page(client, f"/en/events/{SLUG}/"), 'id="offers"'))
    assert "Sold out" in english and "All 50 tickets have gone" in english and "50张已售完" not in english


def test_the_home_pages_offer_card_gives_the_reason(client, sold_out):
    assert "50张已售完" in text(section(page(client, "/"), 'id="specials-title"'))
    assert "All 50 tickets have gone" in text(section(page(client, "/en/"), 'id="specials-title"'))


def test_the_api_gives_the_same_reason(client, sold_out):
    [offer] = client.get(f"/api/v1/events/{SLUG}/").json()["offers"]
    assert (offer["availability"], offer["availability_reason"]) == (
        "sold_out", {"zh": "50张已售完", "en": "All 50 tickets have gone"})


def test_an_offer_on_sale_gives_no_reason(client, plan, at):
    at("2026-05-08 19:30")
    offer = Offer.objects.get(event__slug=SLUG)
    offer.availability_reason = "旧的说明"  # left from an earlier sell-out: not shown while on sale
    offer.save()
    assert "旧的说明" not in page(client, f"/events/{SLUG}/")
    assert client.get(f"/api/v1/events/{SLUG}/").json()["offers"][0]["availability_reason"] is None
