"""A new offer row is the editors' (not the plan's), and a save that leaves something as a
draft says so, with a one-tap publish (issue 23, item 5)."""

import re
from html import unescape

import pytest

from core.publishing import Source, Status
from events.models import Event, Offer
from tests.admin.helpers import open_form, set_field, zh

pytestmark = pytest.mark.usefixtures("plan")
SLUG = "jiuzhouchi-chishang-fanhua"


@pytest.fixture
def li(li, at):  # li (tests/conftest.py) at 18:30 on the plan's night
    at("2026-05-08 18:30")
    return li


def show():
    return Event.objects.get(slug=SLUG)


def selected(html: str, name: str) -> str:
    select = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="([^"]*)" selected>', select).group(1)


def add_offer(li, **values):
    url, form = open_form(li, show())
    total = int(form["offers-TOTAL_FORMS"][0])
    prefix = f"offers-{total}-"
    html = li.get(url).content.decode()
    assert selected(html, "offers-__prefix__-source") == Source.EDITORS  # the row the page adds
    set_field(form, "offers-TOTAL_FORMS", str(total + 1))
    row = {"name": "夜游套票", "name_en": "", "status": Status.DRAFT, "publish_from": "", "publish_until": "",
           "source": Source.EDITORS, "first_day": "2026-05-08", "last_day": "2026-05-31", "price": "68",
           "quantity": "", "channel": "", "channel_en": "", "description": "", "description_en": "",
           "availability": "on_sale", "availability_reason": "", "availability_reason_en": "", "id": "",
           "event": str(show().pk), **values}
    form.update({prefix + key: [value] for key, value in row.items()})
    return li.post(url, form, follow=True)


def test_a_new_offer_row_starts_as_the_editors_and_plan_rows_stay_the_plans(li):
    html = li.get(open_form(li, show())[0]).content.decode()
    assert selected(html, "offers-__prefix__-source") == Source.EDITORS
    assert selected(html, "offers-0-source") == Source.PLAN  # the plan's own offer


def test_a_save_leaving_a_draft_says_so_and_one_tap_publishes_it(li, client):
    response = add_offer(li)
    html = response.content.decode()
    offer = Offer.objects.get(name="夜游套票")
    assert (offer.status, offer.source) == (Status.DRAFT, Source.EDITORS)
    assert zh("Saved as drafts, which visitors do not see: %(rows)s.", rows="优惠 “夜游套票”") in html
    form = re.search(r'<form method="post" action="([^"]+)" class="publish-drafts">(.*?)</form>', html, re.S)
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form.group(2)))
    assert fields["rows"] == f"events.offer:{offer.pk}"
    response = li.post(unescape(form.group(1)), {"rows": fields["rows"]}, follow=True)
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.status == Status.PUBLISHED and offer.is_live
    assert zh("Published: %(rows)s. Visitors see them now.", rows="夜游套票") in response.content.decode()


def test_a_published_new_row_needs_no_word(li):
    html = add_offer(li, status=Status.PUBLISHED).content.decode()
    assert 'class="publish-drafts"' not in html


def test_publishing_ignores_rows_of_other_listings(li):
    other = Event.objects.exclude(slug=SLUG).first()
    stray = Offer.objects.create(event=other, name="别家优惠", status=Status.DRAFT, first_day="2026-05-08",
                                 last_day="2026-05-09")
    from django.urls import reverse
    url = reverse("admin:events_event_publish_drafts", args=[show().pk])
    li.post(url, {"rows": [f"events.offer:{stray.pk}"]})
    assert Offer.objects.get(pk=stray.pk).status == Status.DRAFT
