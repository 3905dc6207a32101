"""Editors see who changed a listing, when, and what, including its inline rows."""

import pytest
from django.urls import reverse

from events.models import Event
from tests.admin.helpers import open_form, serving_field, set_field, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")


def history_of(client, obj) -> str:
    opts = obj._meta
    html = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])).content.decode()
    start = html.index('id="change-history"')
    return html[start:html.index("</table>", start)]


def test_a_last_run_edited_on_the_venue_page_shows_in_the_venues_history(li):
    serving = Serving.objects.get(venue__slug="xigong-xiaojie", route__slug="9")
    url, form = open_form(li, serving.venue)
    set_field(form, serving_field(form, serving, "last_run"), "00:30")
    assert li.post(url, form).status_code == 302
    history = history_of(li, serving.venue)
    assert "<strong>9路 → 西工小街</strong>" in history
    assert "01:00 (" in history and "→ 00:30 (" in history  # before and after, as clock times
    assert "<td>li</td>" in history
    assert "101路" not in history  # an inline row that did not change is not listed


def test_a_last_run_edited_on_its_own_page_also_shows_in_the_venues_history(li):
    serving = Serving.objects.get(venue__slug="luoyi-gucheng", route__slug="3")
    url, form = open_form(li, serving)
    set_field(form, "last_run", "23:20")
    assert li.post(url, form).status_code == 302
    history = history_of(li, serving.venue)
    assert "23:00 → 23:20" in history and "<td>li</td>" in history


def test_field_changes_name_the_field_and_both_values(li):
    venue = Venue.objects.get(slug="longmen-gujie")
    url, form = open_form(li, venue)
    set_field(form, "slogan_en", "Lanterns by the river")
    li.post(url, form)
    history = history_of(li, venue)
    field = zh(str(Venue._meta.get_field("slogan_en").verbose_name)).capitalize()
    assert f"{field}: " in history and "→ Lanterns by the river" in history
    # The state before the first edit is kept, linked under the table rather than listed.
    assert zh("The listing as it was before the first edit in this admin") in li.get(
        reverse("admin:venues_venue_history", args=[venue.pk])).content.decode()


def test_an_offer_edited_inline_shows_in_the_events_history_and_so_do_bulk_actions(li):
    event = Event.objects.get(slug="jiuzhouchi-chishang-fanhua")
    offer = event.offers.get()
    url, form = open_form(li, event)
    prefix = next(k[:-len("id")] for k, v in form.items() if k.startswith("offers-") and k.endswith("-id") and v == [str(offer.pk)])
    set_field(form, prefix + "quantity", "2500")
    assert li.post(url, form).status_code == 302
    li.post("/admin/events/event/", {"action": "unpublish", "_selected_action": [event.pk]})
    history = history_of(li, event)
    assert f"<strong>{offer.name}</strong>" in history and "→ 2500" in history
    assert zh("Status set to %(status)s in bulk.", status=zh("Draft")) in history


def test_a_listing_never_edited_in_the_admin_says_history_starts_with_the_first_edit(li):
    venue = Venue.objects.get(slug="longmen-shiku")
    html = li.get(reverse("admin:venues_venue_history", args=[venue.pk])).content.decode()
    assert zh("No recorded changes yet: history starts with the first edit in this admin.") in html
