"""Each public listing says where its facts come from and when it was last updated."""

import pytest

from core.publishing import Source
from tests.admin.helpers import zh
from tests.factories import make_event, make_venue
from venues.models import PlanEdition

pytestmark = pytest.mark.django_db


def test_a_listing_from_the_plan_says_so_with_its_last_update_in_luoyang_time(client, at):
    at("2026-05-08 21:03")
    edition = PlanEdition.objects.create(name="2020年5月", name_en="May 2020", published="2020-05",
                                         publication="洛阳日报", publication_en="Luoyang Daily")
    venue = make_venue(plan_edition=edition)
    html = client.get("/en" + venue.get_absolute_url()).content.decode()
    assert "Facts from the published plan (Luoyang Daily, May 2020)." in html
    assert "Last updated: May 8, 2026, 21:03" in html
    assert "Facts gathered by our editors." not in html


def test_a_listing_written_by_editors_says_so(client):
    event = make_event(source=Source.EDITORS)
    html = client.get(event.get_absolute_url()).content.decode()
    assert zh("Facts gathered by our editors.") in html
    assert zh("Facts from the published plan (Luoyang Daily, May 2020).") not in html
