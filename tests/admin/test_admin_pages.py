import pytest
from django.urls import reverse

from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("model", ["venues/venue", "events/event", "events/offer", "transit/route",
                                   "transit/stop", "transit/serving", "venues/theme"])
def test_each_admin_list_opens(staff_client, model):
    response = staff_client.get(f"/admin/{model}/")
    assert response.status_code == 200


def test_a_venue_edits_its_routes_and_last_runs_inline(staff_client):
    venue = Venue.objects.get(slug="xigong-xiaojie")
    response = staff_client.get(reverse("admin:venues_venue_change", args=[venue.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="servings-0-last_run"' in html
    assert "01:00" in html  # 9路's last run, shown as the clock time typed


def test_the_admin_refuses_25_99_as_a_last_run_with_a_reason(staff_client):
    serving = Serving.objects.select_related("route", "venue").filter(last_run__isnull=False).first()
    url = reverse("admin:transit_serving_change", args=[serving.pk])
    response = staff_client.post(url, {"venue": serving.venue.pk, "route": serving.route.pk, "position": 1,
                                       "last_run": "25:99", "last_run_kind": "passes"})
    assert response.status_code == 200
    assert "HH:MM" in response.content.decode()
    serving.refresh_from_db()
    assert serving.last_run.strftime("%H:%M") != "25:99"
