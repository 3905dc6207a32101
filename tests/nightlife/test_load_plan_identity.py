"""load_plan knows the plan's records by their plan keys: editors' renames and deletions stay."""

import importlib
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import Client

from events.models import Event, Offer, TourLine
from nightlife.models import LoadedPlanKey
from tests.admin.helpers import editor, open_form, set_field
from transit.models import Route, Serving, Stop
from venues.models import Highlight, Place, Theme, Venue

pytestmark = pytest.mark.usefixtures("plan")

MODELS = [Theme, Venue, Place, Highlight, Route, Stop, Serving, Event, TourLine, Offer]
SUITANG = "suitang-luoyangcheng-yizhi-gongyuan"


def load(*args) -> str:
    out = StringIO()
    summary = call_command("load_plan", *args, stdout=out)
    return out.getvalue() + summary


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def section(html: str, heading_id: str) -> str:
    match = re.search(rf'id="{heading_id}".*?</section>', html, re.S)
    return match.group(0) if match else ""


def places_listed(slug: str) -> list[str]:
    """The places the public venue page lists, in order."""
    html = Client().get(f"/venues/{slug}/").content.decode()
    return re.findall(r"<li>(.*?)</li>", section(html, "places"))


def highlights_listed(slug: str) -> list[str]:
    html = Client().get(f"/venues/{slug}/").content.decode()
    return re.findall(r"<strong>(.*?)</strong>", section(html, "whats-on"))


def inline_field(data: dict, prefix: str, obj, name: str) -> str:
    """The POST name of `name` in the admin inline row `prefix` that edits `obj`."""
    for key, value in data.items():
        if key.startswith(f"{prefix}-") and key.endswith("-id") and value == [str(obj.pk)]:
            return key[:-len("id")] + name
    raise AssertionError(f"no inline row for {obj}")


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(editor())
    return client


def edit_venue_places(client, change):
    """Submit Sui-Tang park's admin page after `change(data, mingtang)` edits its form."""
    venue = Venue.objects.get(slug=SUITANG)
    url, data = open_form(client, venue)
    change(data, Place.objects.get(venue=venue, name="明堂"))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_place_renamed_in_the_admin_stays_renamed_and_the_page_lists_it_once(editor_client):
    edit_venue_places(editor_client, lambda data, mingtang: set_field(
        data, inline_field(data, "places", mingtang, "name"), "明堂景区"))
    before = counts()
    output = load()
    assert "kept 1 edited record" in output and "places[0] (明堂): name" in output
    assert counts() == before
    assert places_listed(SUITANG) == ["明堂景区", "天堂", "九洲池", "应天门"]
    assert "明堂" not in places_listed(SUITANG)


@pytest.mark.parametrize("model, lookup, new_name", [
    (Highlight, {"name": "达人秀"}, "洛邑达人秀"),
    (TourLine, {"name": "伊水禅意游"}, "伊水禅意夜游"),
    (Offer, {"name": "九洲池“1元秒杀”门票"}, "九洲池1元票"),
    (Venue, {"slug": "luoyi-gucheng"}, "洛邑古城景区"),
    (Event, {"slug": "yeyou-longmen"}, "夜游龙门石窟"),
    (Route, {"slug": "v9"}, "V9路"),
])
def test_a_rename_of_any_plan_record_is_kept_and_not_loaded_again(model, lookup, new_name):
    model.objects.filter(**lookup).update(name=new_name)
    before = counts()
    output = load()
    assert "kept 1 edited record" in output and "created 0" in output
    assert counts() == before
    assert model.objects.filter(name=new_name).count() == 1


def test_a_new_slug_is_kept_and_the_venue_is_not_loaded_again():
    Venue.objects.filter(slug="luoyi-gucheng").update(slug="luoyi")
    before = counts()
    output = load()
    assert "created 0" in output and "slug" in output
    assert counts() == before and not Venue.objects.filter(slug="luoyi-gucheng").exists()


def test_renamed_highlights_are_not_listed_twice_on_the_venue_page():
    Highlight.objects.filter(name="达人秀").update(name="洛邑达人秀")
    load()
    listed = highlights_listed("luoyi-gucheng")
    assert listed.count("洛邑达人秀") == 1 and "达人秀" not in listed


def test_a_place_deleted_in_the_admin_stays_deleted_until_overwrite(editor_client):
    # The unticked box is not in the form's data; ticking it sends it.
    edit_venue_places(editor_client, lambda data, mingtang: data.update(
        {inline_field(data, "places", mingtang, "DELETE"): ["on"]}))
    output = load()
    assert "created 0" in output and "kept 1 record(s) editors deleted" in output
    assert "deleted by an editor" in output and "places[0] (明堂)" in output
    assert places_listed(SUITANG) == ["天堂", "九洲池", "应天门"]
    assert "created 0" in load(), "loading again changes nothing"

    output = load("--overwrite")
    assert "created 1" in output
    assert places_listed(SUITANG) == ["明堂", "天堂", "九洲池", "应天门"]


def test_an_ended_offer_an_editor_deleted_does_not_come_back(editor_client, tonight_2026):
    offer = Offer.objects.get()
    response = editor_client.post(f"/admin/events/offer/{offer.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    load()
    assert not Offer.objects.exists()
    html = Client().get("/events/jiuzhouchi-chishang-fanhua/").content.decode()
    assert "1元秒杀" not in html


def test_a_deleted_event_takes_its_tour_lines_and_nothing_comes_back(editor_client):
    event = Event.objects.get(slug="yeyou-longmen")
    assert editor_client.post(f"/admin/events/event/{event.pk}/delete/", {"post": "yes"}).status_code == 302
    before = counts()
    output = load()
    assert "kept 4 record(s) editors deleted" in output  # the event and its three tour lines
    assert counts() == before
    assert not Event.objects.filter(name="“夜游龙门”").exists()


def test_a_deleted_place_leaves_its_event_without_a_place_until_overwrite():
    Place.objects.filter(name="应天门").delete()  # the light show's place is set to none
    load()
    assert Event.objects.get(slug="yingtianmen-gucheng-yeyun").place is None
    load("--overwrite")
    assert Event.objects.get(slug="yingtianmen-gucheng-yeyun").place.name == "应天门"


def test_loading_twice_after_edits_changes_nothing():
    Highlight.objects.filter(name="达人秀").update(name="洛邑达人秀")
    Place.objects.filter(name="天堂").delete()
    first = load()
    second = load()
    assert first == second
    assert "created 0, updated 0" in second


def test_a_database_loaded_before_plan_keys_migrates_and_reloads_without_copies():
    """As the previous loader left it: every plan row, no keys, nothing remembered."""
    keys = {model: dict(model.objects.values_list("pk", "plan_key")) for model in MODELS}
    for model in MODELS:
        model.objects.update(plan_key=None)
    LoadedPlanKey.objects.all().delete()
    for app, migration in [("venues", "0006_plan_keys"), ("events", "0006_plan_keys"), ("transit", "0004_plan_keys")]:
        importlib.import_module(f"{app}.migrations.{migration}").fill_plan_keys(apps, None)

    assert {model: dict(model.objects.values_list("pk", "plan_key")) for model in MODELS} == keys
    before = counts()
    output = load()
    assert "created 0, updated 0, kept 0" in output
    assert counts() == before
    assert places_listed(SUITANG) == ["明堂", "天堂", "九洲池", "应天门"]
    Place.objects.filter(name="明堂").delete()
    assert "kept 1 record(s) editors deleted" in load(), "the reload remembered what it found"
