"""/events/ as a visitor filters it."""


import pytest

from tests.plan_facts import FESTIVAL, LAUNCH, NIGHTLY_FEATURES, PERFORMANCES
from tests.reading import card_titles, page

pytestmark = pytest.mark.django_db


def test_entertainment_events_starting_after_1900_are_the_four_performances(client, plan):
    html = page(client, "/events/?theme=entertainment&starts_after=19:00")
    assert sorted(card_titles(html)) == sorted(PERFORMANCES)
    assert "夜游龙门" not in html
    assert "电视栏目" not in html and "广播节目" not in html


def test_special_events_are_the_two_specials(client, plan):
    assert sorted(card_titles(page(client, "/events/?kind=special"))) == sorted([LAUNCH, FESTIVAL])


def test_events_on_8_may_2020_are_the_launch_ceremony_and_the_nightly_features(client, plan):
    html = page(client, "/events/?date=2020-05-08")
    assert sorted(card_titles(html)) == sorted(NIGHTLY_FEATURES + [LAUNCH])
    assert FESTIVAL not in html
