"""History without noise (issue 23, item 9): no row by "—" for the state before the first edit
(it stays reachable, as a link), and no row for a save that changed nothing."""

import pytest
from django.urls import reverse

from tests.admin.helpers import open_form, set_field, zh
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")


def history_table(client, venue) -> str:
    html = client.get(reverse("admin:venues_venue_history", args=[venue.pk])).content.decode()
    start = html.index('id="change-history"')
    return html[start:html.index("</table>", start)], html


def test_the_history_lists_only_saves_that_changed_something(li):
    venue = Venue.objects.get(slug="longmen-gujie")
    url, form = open_form(li, venue)
    assert li.post(url, form).status_code == 302  # a save that changes nothing
    url, form = open_form(li, venue)
    set_field(form, "slogan_en", "Lanterns by the river")
    assert li.post(url, form).status_code == 302
    table, page = history_table(li, venue)
    assert table.count("<tr>") == 2  # the header and the one real change
    assert "→ Lanterns by the river" in table
    assert "<td>—</td>" not in table
    assert zh("State before the first edit in the admin.") not in table
    assert zh("No field changed.") not in table
    # The state before the first edit can still be opened and restored.
    assert zh("The listing as it was before the first edit in this admin") in page


def test_the_changes_page_has_no_row_for_the_state_before_a_first_edit(li):
    venue = Venue.objects.get(slug="longmen-gujie")
    url, form = open_form(li, venue)
    set_field(form, "slogan_en", "Lanterns by the river")
    li.post(url, form)
    html = li.get("/admin/changes/").content.decode()
    assert zh("State before the first edit in the admin.") not in html
    assert "<td>li</td>" in html
