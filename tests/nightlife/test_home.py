"""Tonight's home page."""

import re

import pytest

from tests.plan_facts import FESTIVAL, LAUNCH, NIGHTLY_FEATURES
from tests.reading import (
    card_titles,
    page,
    runs,
    section,
)

pytestmark = pytest.mark.django_db


def test_home_lists_the_eight_nightly_features(client, plan, tonight_2026):
    html = page(client, "/")
    features = section(html, 'id="features-title"')
    assert sorted(card_titles(features)) == sorted(NIGHTLY_FEATURES)


def test_home_does_not_show_the_2020_specials_or_the_ended_offer_as_running_in_2026(client, plan, tonight_2026):
    html = page(client, "/")
    assert LAUNCH not in html
    assert FESTIVAL not in html
    assert "1元秒杀" not in html
    assert "state-running" not in html
    assert card_titles(section(html, 'id="specials-title"')) == []


def test_home_shows_the_2020_launch_ceremony_and_offer_on_their_night(client, plan, at):
    at("2020-05-08 21:00")
    specials = section(page(client, "/"), 'id="specials-title"')
    assert card_titles(specials) == [LAUNCH, "九洲池“1元秒杀”门票"]
    assert FESTIVAL not in specials


def test_at_half_past_midnight_home_still_shows_the_previous_nights_special(client, plan, at):
    at("2020-05-09 00:30")
    assert LAUNCH in card_titles(section(page(client, "/"), 'id="specials-title"'))


def test_at_six_in_the_morning_the_previous_nights_special_is_gone(client, plan, at):
    at("2020-05-09 06:00")
    assert LAUNCH not in page(client, "/")


def test_a_special_running_over_several_nights_shows_on_each_but_not_after(client, db, at):
    import datetime as dt

    from tests.factories import make_special

    make_special(dt.date(2026, 5, 7), last_night=dt.date(2026, 5, 9), name="三夜灯会")
    make_special(dt.date(2026, 5, 10), name="明晚市集")
    for moment, shown in [("2026-05-08 21:00", ["三夜灯会"]), ("2026-05-10 01:00", ["三夜灯会"]),
                          ("2026-05-10 20:00", ["明晚市集"]), ("2026-05-11 20:00", [])]:
        at(moment)
        assert card_titles(section(page(client, "/"), 'id="specials-title"')) == shown, moment


def test_home_shows_twelve_features_and_links_to_all_of_tonights(client, db, at, settings, monkeypatch):
    from core.filtering import CappedPaginator
    from tests.factories import make_event

    settings.PAGE_CACHE_SECONDS = 0
    at("2026-05-08 19:30")
    for _ in range(14):
        make_event()
    features = section(page(client, "/en/"), 'id="features-title"')
    assert len(card_titles(features)) == 12
    assert '<a class="more" href="/en/events/?date=2026-05-08">All 14 events tonight</a>' in features
    monkeypatch.setattr(CappedPaginator, "CAP", 13)
    assert "More than 13 events tonight</a>" in section(page(client, "/en/"), 'id="features-title"')


def test_home_has_the_search_form_and_the_four_theme_links(client, plan, tonight_2026):
    html = page(client, "/")
    assert '<form class="search" method="get" action="/search/"' in html
    assert 'name="q"' in html
    themes = section(html, 'id="themes-title"')
    assert re.findall(r'href="/venues/\?theme=([a-z-]+)"', themes) == ["night-tour", "shopping", "food",
                                                                      "entertainment"]
    for name in ("魅力夜游", "时尚夜购", "好味美食", "活力夜娱"):
        assert name in themes


def test_the_latest_buses_on_home_are_one_row_per_route_and_time(client, plan, tonight_2026):
    buses = section(page(client, "/"), 'id="buses-title"')
    rows = runs(buses)
    assert len(rows) == 3
    assert "9路" in rows[0] and "1:00" in rows[0] and "西工小街" in rows[0] and "老城十字街" in rows[0]
    assert "101路" in rows[1] and "1:00" in rows[1] and "东方文创园" in rows[1]
    assert "23:00" in rows[2]
    assert "22:40" not in buses and "21:10" not in buses
