"""Long forms on a phone (issue 23, item 7): the summary at the top links to each field in
error, however far down, and the form has links to its parts."""

import re

import pytest

from tests.admin.helpers import open_form, serving_field, set_field, zh
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.usefixtures("plan")


def test_the_error_summary_links_to_a_bus_rows_field_far_down(li):
    serving = Serving.objects.select_related("venue").get(venue__slug="xigong-xiaojie", route__slug="9")
    url, data = open_form(li, serving.venue)
    field = serving_field(data, serving, "last_run")
    set_field(data, field, "23100")
    set_field(data, "name_en", "")  # fine: optional
    html = li.post(url, data).content.decode()
    summary = re.search(r'<nav class="error-summary".*?</nav>', html, re.S).group(0)
    assert f'href="#id_{field}"' in summary and 'id="id_' + field + '"' in html
    assert "23100" in summary


def test_a_main_field_in_error_is_linked_too(li):
    venue = Venue.objects.get(slug="xigong-xiaojie")
    url, data = open_form(li, venue)
    set_field(data, "name", "")
    html = li.post(url, data).content.decode()
    summary = re.search(r'<nav class="error-summary".*?</nav>', html, re.S).group(0)
    assert 'href="#id_name"' in summary and zh("This field is required.") in summary


def test_the_form_has_links_to_its_parts_and_none_to_errors_when_there_are_none(li):
    venue = Venue.objects.get(slug="xigong-xiaojie")
    html = li.get(open_form(li, venue)[0]).content.decode()
    parts = re.search(r'<nav class="form-parts".*?</nav>', html, re.S).group(0)
    for target in ("#fieldset-0-1-heading", "#servings-group", "#photos-group", "#form-save"):
        assert f'href="{target}"' in parts
        assert f'id="{target[1:]}"' in html
    assert 'class="error-summary"' not in html
