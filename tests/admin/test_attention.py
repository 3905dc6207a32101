"""The "needs attention" page lists the gaps, and only the gaps."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.publishing import Status
from tests.admin.helpers import zh
from tests.factories import make_event, make_offer, make_place, make_route, make_serving, make_venue

pytestmark = pytest.mark.django_db


def section(html: str, title: str) -> str:
    start = html.index(zh(title))
    end = html.find('<div class="module">', start)
    return html[start:end if end > 0 else None]


def test_the_admin_index_links_to_it(li):
    assert 'href="/admin/attention/"' in li.get("/admin/").content.decode()


def test_it_lists_the_gaps_and_leaves_out_what_is_complete(li, at):
    at("2026-05-20 21:00")
    make_venue(name="无末班街区", name_en="No Bus Quarter")
    covered = make_venue(name="有末班街区", name_en="Bus Quarter", open_all_day=True)
    make_serving(covered, make_route(), last_run=dt.time(1, 0))
    make_venue(name="有时间街区", name_en="Hours Quarter", opens_at=dt.time(18, 0), closes_at=dt.time(2, 0))
    untranslated = make_venue(name="无英文街区", name_en="", open_all_day=True)
    make_place(untranslated, name="无英文地点", name_en="")
    event = make_event(name="活动甲", name_en="Event A")
    make_offer(event, name="已结束优惠", name_en="Ended offer", last_day=dt.date(2026, 5, 15))
    make_offer(event, name="进行中优惠", name_en="Running offer", first_day=dt.date(2026, 5, 15),
               last_day=dt.date(2026, 5, 30))
    make_offer(event, name="已撤下优惠", name_en="Withdrawn offer", status=Status.DRAFT, last_day=dt.date(2026, 5, 15))

    html = li.get("/admin/attention/").content.decode()
    no_bus = section(html, "Night quarters with no published last run")
    assert "无末班街区" in no_bus and "有末班街区" not in no_bus
    no_hours = section(html, "Venues with no opening hours")
    assert "无末班街区" in no_hours and "有时间街区" not in no_hours and "有末班街区" not in no_hours
    english = section(html, "Items with no English text")
    assert "无英文街区" in english and "无英文地点" in english and "有时间街区" not in english
    ended = section(html, "Published offers that have ended")
    assert "已结束优惠" in ended and "进行中优惠" not in ended and "已撤下优惠" not in ended
    assert f'href="/admin/venues/venue/{untranslated.pk}/change/"' in english  # the place is edited there


def test_it_costs_the_same_queries_at_any_size(li):
    def grow(n):
        for _ in range(n):
            venue = make_venue(name_en="")
            make_place(venue, name_en="")
            make_offer(make_event(venue=venue, name_en=""), last_day=dt.date(2020, 5, 15))

    grow(2)
    with CaptureQueriesContext(connection) as small:
        assert li.get("/admin/attention/").status_code == 200
    grow(20)
    with CaptureQueriesContext(connection) as large:
        assert li.get("/admin/attention/").status_code == 200
    assert len(large) == len(small), "\n".join(q["sql"] for q in large.captured_queries)
