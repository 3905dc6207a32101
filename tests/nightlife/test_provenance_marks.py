"""Issue 20, finding 3: a value an editor changed is marked the same way on every surface that
shows it (venue page, home page's latest buses, the board, the venue card, the API), no heading
claims all its times are the plan's, descriptions (the site's own words) are never listed as
changes to the plan's facts, and a listing the editors added does not contradict the footer."""

import datetime as dt

import pytest

from tests.factories import make_event
from tests.reading import page, run_for, section, text
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.django_db
MARK = "本站于 2026年12月1日 更新"


@pytest.fixture
def edited_75(plan, at):
    """At 19:00 on 1 December 2026 an editor moves 75路's last run at 环开元湖购物商圈 from 22:40 to 23:10."""
    at("2026-12-01 19:00")
    serving = Serving.objects.get(venue__slug="huan-kaiyuanhu-shangquan", route__slug="75")
    before = {"last_run": serving.last_run}
    serving.last_run = dt.time(23, 10)
    serving.note_edit(before)
    serving.save()
    at("2026-12-01 19:30")
    return serving


def test_home_and_the_board_mark_the_edited_run_as_the_venue_page_does(client, edited_75):
    assert MARK in text(run_for(section(page(client, "/venues/huan-kaiyuanhu-shangquan/"), 'class="panel way-back"'), "75路"))
    home = section(page(client, "/"), 'id="buses-title"')
    assert "23:10" in text(run_for(home, "75路")) and MARK in text(run_for(home, "75路"))
    board = page(client, "/transit/")
    assert MARK in text(run_for(board, "75路"))
    assert "updated by the portal on Dec. 1, 2026" in text(run_for(page(client, "/en/transit/"), "Route 75"))
    # An unedited run is not marked.
    assert "本站于" not in text(run_for(board, "9路"))


def test_no_heading_claims_every_time_is_the_plans(client, edited_75):
    board = text(page(client, "/transit/"))
    assert "方案公布的末班时间，最晚的在前" not in board
    way_back = text(section(page(client, "/venues/huan-kaiyuanhu-shangquan/"), 'class="panel way-back"'))
    assert "附公布的末班时间" not in way_back


def test_the_card_and_the_api_say_the_same(client, edited_75):
    venues = page(client, "/venues/")
    start = venues.rindex("<article", 0, venues.index(">环开元湖购物商圈</a>"))
    card = text(venues[start:venues.index("</article>", start)])
    assert "23:10" in card and MARK in card
    detail = client.get("/api/v1/venues/huan-kaiyuanhu-shangquan/").json()
    [route_75] = [run for run in detail["routes"] if run["route"]["slug"] == "75"]
    assert route_75["provenance"] == {"origin": "updated", "updated_on": "2026-12-01"}
    [route_other] = [run for run in detail["routes"] if run["route"]["slug"] != "75"][:1]
    assert route_other["provenance"] == {"origin": "plan", "updated_on": None}
    board = client.get("/api/v1/last-buses/?page_size=100").json()["results"]
    [row] = [row for row in board if row["route"]["slug"] == "75"]
    assert row["provenance"] == {"origin": "updated", "updated_on": "2026-12-01"}


def test_an_edited_description_is_not_a_change_to_the_plans_facts(client, plan, at):
    at("2026-12-01 19:00")
    venue = Venue.objects.get(slug="xigong-xiaojie")
    before = {"description_en": venue.description_en}
    venue.description_en = "Our own words about Xigong Lane."
    venue.note_edit(before)
    venue.save()
    assert venue.plan_changes == {}
    html = text(page(client, "/en/venues/xigong-xiaojie/"))
    assert "Our own words about Xigong Lane." in html
    assert "except what the portal updated since" not in html


def test_a_listing_the_editors_added_and_the_footer_agree(client, plan, at):
    at("2026-12-01 19:00")
    make_event(slug="ours", name="本站新增活动", source="editors")
    assert client.get("/api/v1/events/ours/").json()["provenance"] == {"origin": "editors", "updated_on": None}
    assert client.get("/api/v1/events/yeyou-longmen/").json()["provenance"] == {"origin": "plan", "updated_on": None}
    make_event(slug="ours-too", name="本站另一活动")  # not a record of the plan (no plan key)
    assert client.get("/api/v1/events/ours-too/").json()["provenance"]["origin"] == "editors"
    html = text(page(client, "/en/events/ours/"))
    assert "Facts gathered by our editors." in html
    footer = html[html.rindex("Names, times"):]
    assert "listings our editors added" in footer
