"""A time the admin cannot read is explained: what was typed, what works (issue 23, item 8)."""

import datetime as dt

import pytest

from tests.admin.helpers import open_form, serving_field, set_field, zh
from transit.models import Serving

pytestmark = pytest.mark.usefixtures("plan")


def xigong_9():
    return Serving.objects.select_related("venue").get(venue__slug="xigong-xiaojie", route__slug="9")


@pytest.mark.parametrize("typed, message", [
    ("25:99", zh("“%(value)s” is not a clock time. Type it as 2310 or 23:10 (00:00 to 23:59; 01:00 means "
                 "after midnight).", value="25:99")),
    ("23100", zh("“%(value)s” has %(digits)s digits, too many for a clock time: perhaps the cursor landed "
                 "inside the field. Type 2310 or 23:10.", value="23100", digits=5)),
])
def test_a_last_run_that_cannot_be_read_is_repeated_and_explained(li, typed, message):
    serving = xigong_9()
    url, data = open_form(li, serving.venue)
    set_field(data, serving_field(data, serving, "last_run"), typed)
    response = li.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert zh("Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30.") not in html
    assert Serving.objects.get(pk=serving.pk).last_run == dt.time(1, 0)


def test_an_events_start_time_is_explained_too(li):
    from events.models import Event

    event = Event.objects.get(slug="jiuzhouchi-chishang-fanhua")
    url, data = open_form(li, event)
    set_field(data, "starts_at", "20000")
    html = li.post(url, data).content.decode()
    assert zh("“%(value)s” has %(digits)s digits, too many for a clock time: perhaps the cursor landed "
              "inside the field. Type 2310 or 23:10.", value="20000", digits=5) in html


def test_public_filters_keep_their_short_message(client):
    html = client.get("/en/venues/?bus_after=25:99").content.decode()
    assert "Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30." in html
