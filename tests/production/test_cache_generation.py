"""The cache generation cannot be lost, culled or put back old (issue 24): it is kept in the
database with the change itself, and the shared cache's copy is trusted for a few seconds only.
An editor whose save could not reach the cache is told. Transactions rolled back on purpose (a
version opened in History, a scheduled change previewed) leave the cache alone."""

import datetime as dt
import uuid
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from nightlife.cache import GENERATION_CONFIRM_SECONDS
from tests.admin.helpers import editor, open_form, set_field
from venues.models import Venue

SLUG = "xigong-xiaojie"
OLD_SLOGAN = "Old broth, old ingredients, old flavours"
SHANGHAI = ZoneInfo("Asia/Shanghai")
# Nothing listens on port 1: every call fails at once, as with the network to Redis cut.
CUT = {"BACKEND": "nightlife.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/0",
       "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
PIECES = {"BACKEND": "nightlife.cache.PieceCache", "LOCATION": "default"}


def text(response) -> str:
    return response.content.decode()


def change_behind_djangos_back(slogan_en: str) -> None:
    """A change no signal hears: only a page or card rendered again can show it."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Venue._meta.db_table} SET slogan_en = %s WHERE slug = %s", [slogan_en, SLUG])


def logged_in(username: str) -> Client:
    client = Client()
    client.force_login(editor(username))
    return client


@pytest.fixture
def evening(time_machine):
    """20:00:05 in Luoyang, from before the plan is loaded: what the cache holds expires by it."""
    time_machine.move_to(dt.datetime(2026, 5, 8, 20, 0, 5, tzinfo=SHANGHAI), tick=False)


@pytest.mark.django_db(transaction=True)
def test_a_save_while_the_cache_is_cut_off_is_told_and_no_page_keeps_the_old_card(evening, live_plan, settings,
                                                                                  time_machine):
    working = settings.CACHES["default"]
    visitor = Client()
    for url in ("/en/venues/", "/en/venues/?q=xigong"):
        assert OLD_SLOGAN in text(visitor.get(url))  # pages and cards kept under this generation

    li = logged_in("li")
    url, form = open_form(li, Venue.objects.get(slug=SLUG))
    set_field(form, "slogan_en", "Broth since 1980")
    settings.CACHES = {"default": CUT, "template_fragments": PIECES}
    saved = li.post(url, form, follow=True)
    assert saved.status_code == 200 and Venue.objects.get(slug=SLUG).slogan_en == "Broth since 1980"
    notice = unescape(text(saved))
    assert "The site's cache did not answer" in notice or "网站的缓存没有响应" in notice
    assert str(GENERATION_CONFIRM_SECONDS) in notice

    # The cache is back, with everything it held before the save (as after a cut, or a Redis
    # restarted from its last save point): the old generation's copy, pages and cards.
    settings.CACHES = {"default": working, "template_fragments": PIECES}
    time_machine.move_to(dt.datetime(2026, 5, 8, 20, 0, 5 + GENERATION_CONFIRM_SECONDS + 1, tzinfo=SHANGHAI),
                         tick=False)
    for url in ("/en/venues/", "/en/venues/?q=xigong", f"/en/venues/{SLUG}/"):
        page = text(visitor.get(url))
        assert "Broth since 1980" in page and OLD_SLOGAN not in page, url


@pytest.mark.django_db(transaction=True)
def test_junk_searches_that_make_the_database_cache_cull_do_not_empty_it(evening, live_plan, settings):
    # The database cache as `make run` has it, culling at 60 entries instead of 5,000.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                   "LOCATION": "nightlife_cache", "KEY_PREFIX": f"t{uuid.uuid4().hex[:6]}",
                                   "OPTIONS": {"MAX_ENTRIES": 60}},
                       "template_fragments": PIECES}
    call_command("createcachetable")  # as `make run` does; the test database has no cache table
    visitor = Client()
    assert OLD_SLOGAN in text(visitor.get("/en/venues/"))  # every card kept
    change_behind_djangos_back("Changed behind the cache")
    for number in range(90):  # searches nobody made before: each a page of its own
        assert visitor.get(f"/en/search/?q=junk{number}").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM nightlife_cache")
        assert cursor.fetchone()[0] <= 61  # Django did cull
    # Another address of the same list: its page is new, its cards are the kept ones.
    page = text(visitor.get("/en/venues/?page=1"))
    assert OLD_SLOGAN in page and "Changed behind the cache" not in page


@pytest.mark.django_db
def test_opening_a_version_in_history_leaves_the_page_cache_alone(plan, at):
    at("2026-05-08 20:00:05")
    li = logged_in("li")
    url, form = open_form(li, Venue.objects.get(slug=SLUG))
    set_field(form, "slogan", "老汤新味")  # a version to open in History
    assert li.post(url, form).status_code == 302
    visitor = Client()
    assert OLD_SLOGAN in text(visitor.get(f"/en/venues/{SLUG}/"))
    change_behind_djangos_back("Changed behind the cache")

    venue = Venue.objects.get(slug=SLUG)
    version = Version.objects.get_for_object(venue).last()  # the oldest: the plan's state
    revision = li.get(reverse("admin:venues_venue_revision", args=[venue.pk, version.pk]))
    assert revision.status_code == 200 and OLD_SLOGAN in text(revision)

    page = text(visitor.get(f"/en/venues/{SLUG}/"))
    assert OLD_SLOGAN in page and "Changed behind the cache" not in page


@pytest.mark.django_db
def test_previewing_a_scheduled_change_leaves_the_page_cache_alone(plan, at):
    at("2026-05-08 20:00:05")
    li = logged_in("li")
    url, form = open_form(li, Venue.objects.get(slug=SLUG))
    set_field(form, "slogan_en", "Lanterns all summer")
    form.update({"_schedule": ["1"], "schedule_date": ["2027-06-01"], "schedule_time": ["06:00"]})
    assert li.post(url, form).status_code == 302
    visitor = Client()
    assert OLD_SLOGAN in text(visitor.get(f"/en/venues/{SLUG}/"))
    change_behind_djangos_back("Changed behind the cache")

    from editors.models import ScheduledChange

    venue = Venue.objects.get(slug=SLUG)
    preview = li.get(reverse("admin:venues_venue_preview", args=[venue.pk])
                     + f"?scheduled={ScheduledChange.objects.get().pk}&language=en")
    assert "Lanterns all summer" in text(preview)

    page = text(visitor.get(f"/en/venues/{SLUG}/"))
    assert OLD_SLOGAN in page and "Changed behind the cache" not in page
