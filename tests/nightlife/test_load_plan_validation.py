"""A plan file with one invalid value loads nothing, even where the database already has the plan."""

import copy
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from events.models import Event, Offer
from nightlife.models import LoadedPlanKey
from nightlife.plan import read_plan
from transit.models import Route, Serving
from venues.models import Highlight, Place, Venue

pytestmark = pytest.mark.usefixtures("plan")

NEW_ROUTE = {"plan_key": "999", "slug": "999", "name": "999路", "name_en": "Route 999"}


@pytest.fixture
def plan_data():
    data = read_plan(settings.PLAN_FIXTURE)
    data["routes"].append(dict(NEW_ROUTE))  # a new record the broken file must not save either
    return data


def load_file(data, tmp_path, *args):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("load_plan", str(path), *args)


def snapshot():
    return {
        "events": list(Event.objects.values_list("slug", "kind", "name", "last_night")),
        "places": list(Place.objects.values_list("name", flat=True)),
        "highlights": list(Highlight.objects.values_list("name", "description")),
        "servings": list(Serving.objects.values_list("plan_key", "last_run", "last_run_kind")),
        "offers": list(Offer.objects.values_list("name", "last_day")),
        "routes": Route.objects.count(),
        "loaded": LoadedPlanKey.objects.count(),
    }


@pytest.mark.parametrize("overwrite", [[], ["--overwrite"]])
def test_an_invalid_kind_on_a_loaded_event_fails_the_whole_file(plan_data, tmp_path, overwrite):
    plan_data["events"][2]["kind"] = "castle"
    before = snapshot()
    with pytest.raises(CommandError) as error:
        load_file(plan_data, tmp_path, *overwrite)
    message = str(error.value)
    assert "events[2] (yeyou-longmen).kind" in message and "castle" in message
    assert "differs" not in message
    assert snapshot() == before
    assert not Route.objects.filter(slug="999").exists()


@pytest.mark.parametrize("change, where", [
    (lambda d: d["venues"][6]["places"][0].update(name="明" * 81), "venues[6] (suitang-luoyangcheng-yizhi-gongyuan).places[0] (" + "明" * 81 + ").name"),
    (lambda d: d["venues"][5]["highlights"][1].update(name=""), "venues[5] (luoyi-gucheng).highlights[1].name"),
    (lambda d: d["servings"][4].update(last_run="25:00"), "servings[4] (9 at xigong-xiaojie).last_run"),
    (lambda d: d["servings"][4].update(last_run_kind="walks"), "servings[4] (9 at xigong-xiaojie).last_run_kind"),
    (lambda d: d["servings"][4].update(last_run_kind=""), "servings[4] (9 at xigong-xiaojie).last_run_kind"),
    (lambda d: d["servings"][4].update(route="999x"), "servings[4] (999x at xigong-xiaojie).route"),
    (lambda d: d["stops"][1].update(venue="no-such-venue"), "stops[1] (longmen-shiku).venue"),
    (lambda d: d["events"][5]["offers"][0].update(last_day="2020-05-01"), "offers[0] (九洲池“1元秒杀”门票).last_day"),
    (lambda d: d["events"][8].update(last_night=None), "events[8] (qidong-yishi).first_night"),
    (lambda d: d["events"][4].update(ends_at="19:00"), "events[4] (yingtianmen-gucheng-yeyun).ends_at"),
    (lambda d: d["venues"][0].pop("plan_key"), "venues[0] (xigong-xiaojie).plan_key"),
    (lambda d: d["venues"][1].update(plan_key="xigong-xiaojie"), "venues[1] (laocheng-shizijie).plan_key"),
])
def test_each_invalid_value_on_a_loaded_record_names_itself_and_nothing_is_written(plan_data, tmp_path, change, where):
    change(plan_data)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        load_file(plan_data, tmp_path)
    assert where in str(error.value)
    assert snapshot() == before
    assert not Route.objects.filter(slug="999").exists()


def test_a_valid_file_with_a_new_route_loads_it(plan_data, tmp_path):
    load_file(plan_data, tmp_path)
    assert Route.objects.get(slug="999").name == "999路"
    assert Venue.objects.filter(slug="xigong-xiaojie").count() == 1


def test_an_invalid_value_fails_even_on_a_record_an_editor_deleted(plan_data, tmp_path):
    Offer.objects.all().delete()
    call_command("load_plan", verbosity=0)  # remembered as deleted
    plan_data["events"][5]["offers"][0]["quantity"] = -50
    with pytest.raises(CommandError, match=r"events\[5\].*offers\[0\].*quantity.*-50"):
        load_file(plan_data, tmp_path)
    assert not Offer.objects.exists() and not Route.objects.filter(slug="999").exists()
