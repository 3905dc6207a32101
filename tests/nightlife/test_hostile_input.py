"""Random and hostile values at every query parameter of every public URL, in both languages:
never a 5xx; a 400 that says why where a value is invalid; over-long URLs and bodies get a 4xx.

The number of examples is bounded so CI stays within minutes; raise HYPOTHESIS_EXAMPLES locally.
"""

import os
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nightlife.limits import MAX_BODY_BYTES, MAX_URL_LENGTH

pytestmark = pytest.mark.usefixtures("plan")

PAGES = ["/", "/events/", "/venues/", "/transit/", "/search/", "/venues/xigong-xiaojie/",
         "/events/yeyou-longmen/", "/transit/9/", "/transit/v9/"]
KNOWN = ["q", "theme", "kind", "date", "starts_after", "starts_before", "open_at", "bus_after", "route", "hours",
         "page"]
NASTY = ["25:99", "24:00", "-1", "0", "99999999999999999999", "2020-02-30", "yesterday", "food\x00", "' OR 1=1 --",
         "<script>alert(1)</script>", "%00", "..%2f..%2f", "\u202e", "😀", "night-tour", "01:00", "2026-05-08", "v8",
         "9", " ", "", "NaN", "1e309", "\ud7ff", "x" * 101, "九洲池"]
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "60"))

values = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), st.text(alphabet=st.characters(codec="utf-8"),
                                                                           max_size=120))
names = st.one_of(st.sampled_from(KNOWN), st.text(min_size=1, max_size=12))
queries = st.lists(st.tuples(names, values), max_size=6)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.sampled_from(PAGES), lang=st.sampled_from(["", "/en"]), query=queries)
def test_no_query_string_makes_a_public_page_fail(client, page, lang, query):
    response = client.get(f"{lang}{page}?{urlencode(query)}")
    assert response.status_code < 500, (page, query)
    if response.status_code == 400:
        html = response.content.decode()
        assert 'class="field-error"' in html, f"a 400 must say which value is wrong: {page}?{urlencode(query)}"


@settings(max_examples=EXAMPLES // 2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(segment=st.text(min_size=1, max_size=60).filter(lambda s: "/" not in s and "?" not in s and "#" not in s))
def test_unknown_slugs_are_404_pages_not_errors(client, segment):
    for base in ["/venues/", "/events/", "/transit/", "/en/venues/"]:
        assert client.get(f"{base}zz-{segment}/").status_code == 404  # zz-: no real slug starts so


def test_an_over_long_url_is_refused_with_414(client):
    response = client.get("/venues/", {"q": "x", "pad": "y" * MAX_URL_LENGTH})
    assert response.status_code == 414


def test_an_oversized_body_is_refused_with_413_before_it_is_read(client):
    response = client.generic("POST", "/search/", b"", CONTENT_LENGTH=str(MAX_BODY_BYTES + 1))
    assert response.status_code == 413


def test_posting_to_a_public_page_is_a_405(client):
    assert client.post("/venues/", {"q": "x"}).status_code == 405
