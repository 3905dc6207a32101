"""PUT, PATCH and DELETE on public pages: 405 Method Not Allowed with an Allow header, not the
CSRF check's 403 (which says "forbidden" where the truth is "this address only reads")."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = ["/", "/en/venues/", "/events/", "/transit/", "/venues/xigong-xiaojie/"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_write_methods_on_public_pages_are_not_allowed(plan, method):
    client = Client(enforce_csrf_checks=True)
    for path in PAGES:
        response = getattr(client, method)(path, data="{}", content_type="application/json")
        assert response.status_code == 405, path
        assert response["Allow"] == "GET, HEAD, OPTIONS", path
    response = getattr(client, method)("/search/?q=night")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_the_pages_still_read(plan):
    assert Client(enforce_csrf_checks=True).get("/en/venues/").status_code == 200
