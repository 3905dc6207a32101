"""The Content-Security-Policy in a real browser: the editors' admin (inlines, date and time
shortcuts, autocomplete) raises no violation, and an injected inline script is refused while a
JSON-LD data block is read. Public pages are checked on their walk (tests/browser/test_page_walk.py)."""

import re

import pytest
from playwright.sync_api import expect

from venues.models import Venue

pytestmark = pytest.mark.usefixtures("live_plan")


def csp_errors(page) -> list[str]:
    """Collects the browser's Content-Security-Policy complaints on `page` from now on."""
    errors = []
    page.on("console", lambda message: errors.append(message.text)
            if "Content Security Policy" in message.text else None)
    return errors


def test_an_inline_script_is_refused_under_the_sites_policy_while_a_data_block_is_not(page, live_server):
    policy = page.goto(live_server.url + "/").headers["content-security-policy"]
    probe = (
        '<!doctype html><html><head><title>probe</title>'
        '<script type="application/ld+json">{"@type": "Event", "name": "probe"}</script>'
        "<script>document.title = 'injected'</script></head><body><p>probe</p></body></html>"
    )
    page.route(live_server.url + "/csp-probe", lambda route: route.fulfill(
        status=200, body=probe, headers={"Content-Type": "text/html", "Content-Security-Policy": policy}))
    errors = csp_errors(page)
    page.goto(live_server.url + "/csp-probe")
    assert page.title() == "probe"
    assert len(errors) == 1 and "inline script" in errors[0]
    data = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert data == {"@type": "Event", "name": "probe"}


def test_the_admin_works_under_the_policy(page, live_server, django_user_model, screenshots):
    django_user_model.objects.create_superuser("boss", password="a long pass phrase")
    errors = csp_errors(page)
    page.goto(live_server.url + "/admin/login/")
    page.locator("#id_username").fill("boss")
    page.locator("#id_password").fill("a long pass phrase")
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    venue = Venue.objects.get(slug="xigong-xiaojie")
    page.goto(f"{live_server.url}/admin/venues/venue/{venue.pk}/change/")
    # Inlines: "Add another" (admin/js/inlines.js) adds an empty row.
    places = page.locator("#places-group tbody tr.form-row:not(.empty-form)")
    before = places.count()
    page.locator("#places-group .add-row a").click()
    expect(places).to_have_count(before + 1)
    # Date and time shortcuts (admin/js/admin/DateTimeShortcuts.js) fill the publish window.
    page.locator("#id_publish_from_0 ~ .datetimeshortcuts a", has_text=re.compile(".")).first.click()
    expect(page.locator("#id_publish_from_0")).not_to_have_value("")
    # Autocomplete (select2) for a route serving the venue.
    page.locator("#servings-group .select2-selection").first.click()
    expect(page.locator(".select2-results__option").first).to_be_visible()
    page.screenshot(path=screenshots / "admin-under-csp.png", full_page=True, scale="css")
    assert errors == []
