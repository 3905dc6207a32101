"""Anonymous pages come from the shared cache, and never outlive an edit, a minute, the 06:00
change of night or a publish boundary. (Across processes: test_two_processes.py.)"""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from events.models import Event
from nightlife.cache import generation, page_timeout
from core.publishing import Status
from tests.factories import make_event, make_theme, make_venue
from venues.models import Theme, Venue

pytestmark = pytest.mark.django_db

PAGE = "/venues/xigong-xiaojie/"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def rename_behind_djangos_back(slug, name):
    """Change a row with plain SQL, which sends no signal: only a re-render can show it."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Venue._meta.db_table} SET name = %s WHERE slug = %s", [name, slug])


def text(response):
    return response.content.decode()


def test_a_visitor_gets_the_cached_page_until_an_editor_saves(client, plan, at):
    at("2026-05-08 20:00:05")
    assert "西工小街" in text(client.get(PAGE))
    rename_behind_djangos_back("xigong-xiaojie", "改名小街")
    cached = text(client.get(PAGE))
    assert "西工小街" in cached and "改名小街" not in cached

    venue = Venue.objects.get(slug="xigong-xiaojie")
    venue.name = "编辑小街"
    venue.save()
    fresh = text(client.get(PAGE))
    assert "编辑小街" in fresh and "西工小街" not in fresh


def test_a_change_to_a_related_row_or_a_theme_link_makes_the_lists_fresh(client, plan, at):
    at("2026-05-08 20:00:05")
    theme = make_theme(slug="lanterns", name="灯会", name_en="Lanterns")
    assert "西工小街" not in text(client.get("/venues/?theme=lanterns"))
    Venue.objects.get(slug="xigong-xiaojie").themes.add(theme)
    assert "西工小街" in text(client.get("/venues/?theme=lanterns"))
    Theme.objects.filter(slug="lanterns").get().delete()
    assert client.get("/venues/?theme=lanterns").status_code == 400  # an unknown theme again


def test_an_editor_never_gets_a_cached_page_and_never_fills_the_cache(client, plan, at, django_user_model):
    at("2026-05-08 20:00:05")
    client.get(PAGE)
    rename_behind_djangos_back("xigong-xiaojie", "改名小街")
    editor = django_user_model.objects.create_superuser("editor", password="x")
    client.force_login(editor)
    assert "改名小街" in text(client.get(PAGE))
    rename_behind_djangos_back("xigong-xiaojie", "再改小街")
    assert "再改小街" in text(client.get(PAGE))
    client.logout()
    assert "西工小街" in text(client.get(PAGE))  # the visitors' copy, untouched by the editor


def test_error_pages_and_posts_are_never_cached(client, plan, at):
    at("2026-05-08 20:00:05")
    assert client.get("/venues/nowhere/").status_code == 404
    make_venue(slug="nowhere")
    rename_behind_djangos_back("nowhere", "新地方")
    assert client.get("/venues/nowhere/").status_code == 200
    assert client.get("/venues/?bus_after=25:99").status_code == 400
    assert client.post("/venues/").status_code == 405


def test_the_0600_change_of_night_shows_at_once_without_any_edit(client, plan, at):
    at("2026-05-09 05:59:50")
    assert "Tonight is the night of May 8, 2026" in text(client.get("/en/"))
    at("2026-05-09 06:00:01")
    page = text(client.get("/en/"))
    assert "Tonight is the night of May 9, 2026" in page
    assert "May 8, 2026" not in page


def test_an_event_appears_the_second_its_publish_window_opens(client, plan, at):
    opens = dt.datetime(2026, 5, 8, 20, 0, 30, tzinfo=SHANGHAI)
    make_event(slug="lantern-parade", name="灯会巡游", name_en="Lantern parade", publish_from=opens,
               status=Status.PUBLISHED)
    at("2026-05-08 20:00:10")
    assert "Lantern parade" not in text(client.get("/en/events/"))
    at("2026-05-08 20:00:31")  # the same minute: only the boundary can expire the copy
    assert "Lantern parade" in text(client.get("/en/events/"))


def test_an_event_disappears_the_second_its_publish_window_closes(client, plan, at):
    closes = dt.datetime(2026, 5, 8, 20, 0, 30, tzinfo=SHANGHAI)
    make_event(slug="lantern-parade", name="灯会巡游", name_en="Lantern parade", publish_until=closes,
               status=Status.PUBLISHED)
    at("2026-05-08 20:00:10")
    assert "Lantern parade" in text(client.get("/en/events/"))
    at("2026-05-08 20:00:30")
    assert "Lantern parade" not in text(client.get("/en/events/"))


def test_a_page_lives_until_the_next_minute_or_the_next_publish_boundary_whichever_is_first(plan, at):
    at("2026-05-08 20:00:10")
    assert page_timeout(generation()) == 50
    make_event(slug="soon", publish_from=dt.datetime(2026, 5, 8, 20, 0, 25, tzinfo=SHANGHAI))
    assert page_timeout(generation()) == 15
    Event.objects.filter(slug="soon").delete()
    assert page_timeout(generation()) == 50


@pytest.mark.django_db(transaction=True)
def test_a_missing_cache_table_does_not_break_the_save_that_bumps_it(settings):
    """A fresh database migrated before `createcachetable`: saves still commit (PostgreSQL
    aborts a whole transaction on one failed statement unless it is in a savepoint)."""
    from django.db import transaction

    from tests.factories import make_venue
    from venues.models import Venue

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                   "LOCATION": "no_such_cache_table"}}
    with transaction.atomic():
        make_venue(name="迁移中的场所")
        assert Venue.objects.filter(name="迁移中的场所").exists()
    assert Venue.objects.filter(name="迁移中的场所").exists()


def test_one_redis_client_object_serves_every_call_of_a_process(settings):
    """Django's RedisCache builds a client object per call (about 0.14 ms, as much as a round
    trip); the site's keeps one. Making a client connects to nothing, so no Redis is needed here;
    reading and writing through it is tested across processes (test_two_processes.py, CI's Redis)."""
    from django.core.cache import caches

    settings.CACHES = {"default": {"BACKEND": "nightlife.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                                   "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}}
    backend = caches["default"]
    assert backend._cache.get_client() is backend._cache.get_client(write=True)
    assert backend._cache.get_client("page") is backend._cache.get_client("other")
