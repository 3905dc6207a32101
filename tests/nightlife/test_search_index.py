"""Search reads one document per venue and event (core.search, nightlife/search_index.py): an
edit of anything a document quotes (a route's name, a theme's name, a place, a highlight, a
tour line, an event's venue, which routes serve a venue, which themes a row has) makes the
listings findable by the new words at once and no longer by the old ones."""

import pytest
from django.db import transaction

from nightlife import search_index
from tests.factories import (make_event, make_place, make_route, make_serving, make_theme, make_tour_line,
                             make_venue)
from tests.reading import card_titles, page, section
from venues.models import Highlight

pytestmark = pytest.mark.django_db


def found(client, q):
    """(venue titles, event titles) on the search page for `q`; a page that found nothing of a
    kind has no list of it (and says so, or offers the themes)."""
    html = page(client, f"/search/?q={q}")
    return tuple(card_titles(section(html, f'id="{kind}-results"')) if f'id="{kind}-results"' in html else []
                 for kind in ("venue", "event"))


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_renamed_route_finds_the_venues_it_serves_by_its_new_number_only(client):
    route = make_route("88路", slug="r88", name_en="Route 88")
    venue = make_venue(name="甲街")
    make_serving(venue, route)
    assert found(client, "88路") == (["甲街"], [])
    route.name, route.name_en = "86路", "Route 86"
    route.save()
    assert found(client, "86路") == (["甲街"], [])
    assert found(client, "88路") == ([], [])
    # The venue list's `q` and the API's read the same document.
    assert card_titles(page(client, "/venues/?q=86路")) == ["甲街"]
    assert card_titles(page(client, "/venues/?q=88路")) == []
    assert [v["name"]["zh"] for v in client.get("/api/v1/venues/?q=Route 86").json()["results"]] == ["甲街"]
    assert client.get("/api/v1/venues/?q=Route 88").json()["results"] == []


def test_a_renamed_theme_finds_what_has_it_by_the_new_name_only(client):
    theme = make_theme(name="夜趣", name_en="Night fun")
    make_venue(name="乙街", themes=[theme])
    make_event(name="乙演出", venue=None, themes=[theme])
    assert found(client, "夜趣") == (["乙街"], ["乙演出"])
    theme.name, theme.name_en = "夜乐", "Night joy"
    theme.save()
    assert found(client, "夜乐") == (["乙街"], ["乙演出"])
    assert found(client, "night joy") == (["乙街"], ["乙演出"])
    assert found(client, "夜趣") == ([], [])
    assert found(client, "night fun") == ([], [])


def test_a_renamed_place_finds_its_venue_and_the_event_held_there_by_the_new_name_only(client):
    venue = make_venue(name="丙园")
    place = make_place(venue, name="望春亭", name_en="Spring Pavilion")
    make_event(name="丙演出", venue=venue, place=place)
    assert found(client, "望春亭") == (["丙园"], ["丙演出"])
    place.name, place.name_en = "听雨亭", "Rain Pavilion"
    place.save()
    assert found(client, "听雨亭") == (["丙园"], ["丙演出"])
    assert found(client, "rain pavilion") == (["丙园"], ["丙演出"])
    assert found(client, "望春亭") == ([], [])
    assert found(client, "spring pavilion") == ([], [])


def test_a_deleted_place_no_longer_finds_its_venue_or_event(client):
    venue = make_venue(name="丁园")
    place = make_place(venue, name="观星台")
    make_event(name="丁演出", venue=venue, place=place)
    place.delete()
    assert found(client, "观星台") == ([], [])
    assert found(client, "丁园") == (["丁园"], ["丁演出"])  # through the venue's name still


def test_highlights_and_tour_lines_are_found_as_edited(client):
    venue = make_venue(name="戊街")
    highlight = Highlight.objects.create(venue=venue, name="灯谜会", name_en="Lantern riddles")
    event = make_event(name="戊夜游", venue=None)
    line = make_tour_line(event, name="洛河夜航", name_en="Luo River cruise")
    assert found(client, "灯谜会") == (["戊街"], []) and found(client, "洛河夜航") == ([], ["戊夜游"])
    highlight.name = "诗词会"
    highlight.save()
    line.name_en = "Luo River by boat"
    line.save()
    assert found(client, "诗词会") == (["戊街"], []) and found(client, "灯谜会") == ([], [])
    assert found(client, "by boat") == ([], ["戊夜游"]) and found(client, "river cruise") == ([], [])
    line.delete()
    assert found(client, "洛河夜航") == ([], [])


def test_routes_and_themes_added_or_taken_away_are_found_at_once(client):
    route, theme = make_route("77路", slug="r77"), make_theme(name="夜读")
    venue = make_venue(name="己街")
    event = make_event(name="己演出", venue=None)
    assert found(client, "77路") == ([], []) and found(client, "夜读") == ([], [])
    serving = make_serving(venue, route)
    venue.themes.add(theme)
    theme.events.add(event)  # from the theme's side too
    assert found(client, "77路") == (["己街"], []) and found(client, "夜读") == (["己街"], ["己演出"])
    serving.delete()
    venue.themes.remove(theme)
    theme.events.clear()
    assert found(client, "77路") == ([], []) and found(client, "夜读") == ([], [])


def test_an_event_is_found_by_its_venues_new_name_not_the_old_one(client):
    venue = make_venue(name="庚街", name_en="Geng Street")
    make_event(name="夜演出", venue=venue)
    venue.name, venue.name_en = "新庚街", "New Geng Street"
    venue.save()
    assert found(client, "新庚街") == (["新庚街"], ["夜演出"])
    assert found(client, "庚街") == (["新庚街"], ["夜演出"])  # still in the new name
    venue.name, venue.name_en = "辛街", "Xin Street"
    venue.save()
    assert found(client, "庚街") == ([], [])
    assert found(client, "geng street") == ([], [])


def test_a_deleted_theme_no_longer_finds_what_had_it(client):
    theme = make_theme(name="夜宴")
    make_venue(name="壬街", themes=[theme])
    make_event(name="壬演出", venue=None, themes=[theme])
    theme.delete()
    assert found(client, "夜宴") == ([], [])


def test_an_edit_rolled_back_leaves_the_documents_as_they_were(client):
    route = make_route("55路", slug="r55")
    make_serving(make_venue(name="癸街"), route)
    with pytest.raises(RuntimeError), transaction.atomic():
        route.name = "56路"
        route.save()
        raise RuntimeError
    assert found(client, "55路") == (["癸街"], []) and found(client, "56路") == ([], [])


def test_the_loaded_plan_has_every_document_written(plan):
    # load_plan saves rows one by one: the documents are already what a rebuild would write.
    assert search_index.rebuild() == (0, 0)


def test_an_editor_renaming_a_place_in_the_admin_makes_it_findable_by_the_new_name_at_once(client, plan):
    from django.test import Client

    from tests.admin.helpers import editor, open_form, set_field
    from venues.models import Venue

    assert found(client, "文峰塔") == (["洛邑古城"], ["洛邑古城“洛水惊鸿”演艺"])
    editor_client = Client()
    editor_client.force_login(editor())
    url, data = open_form(editor_client, Venue.objects.get(name="洛邑古城"))
    [field] = [name for name, values in data.items() if name.startswith("places-") and values == ["文峰塔"]]
    set_field(data, field, "凌云塔")
    set_field(data, field + "_en", "Lingyun Pagoda")
    assert editor_client.post(url, data).status_code == 302
    assert found(client, "凌云塔") == (["洛邑古城"], ["洛邑古城“洛水惊鸿”演艺"])
    assert found(client, "lingyun pagoda") == (["洛邑古城"], ["洛邑古城“洛水惊鸿”演艺"])
    # The venue no longer; the event only by its own description, which still names the pagoda.
    assert found(client, "文峰塔") == ([], ["洛邑古城“洛水惊鸿”演艺"])
    assert found(client, "wenfeng ta")[0] == []


def test_the_exported_plan_carries_no_search_document(plan):
    # A derived column, like the key: not one of the plan's facts, not in a plan file.
    import json

    from core.provenance import is_plan_fact
    from nightlife.plan_export import current_plan

    exported = json.dumps(current_plan(), default=str, ensure_ascii=False)
    assert "search_document" not in exported and "\x1f" not in exported
    assert not is_plan_fact("search_document")


def test_rebuild_search_index_rewrites_documents_written_without_signals(client, settings):
    from django.core.management import call_command

    from venues.models import Venue

    settings.PAGE_CACHE_SECONDS = 0
    venue = make_venue(name="子街")
    make_place(venue, name="望月楼")
    Venue.objects.filter(pk=venue.pk).update(search_document="")  # as a raw import leaves it
    assert found(client, "望月楼") == ([], [])
    assert call_command("rebuild_search_index") == "search documents rewritten: 1 venues, 0 events"
    assert found(client, "望月楼") == (["子街"], [])
    assert call_command("rebuild_search_index") == "search documents rewritten: 0 venues, 0 events"
