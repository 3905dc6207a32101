import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests use a database file, not memory: a live server's request threads then open
    connections of their own instead of sharing the test thread's, which raced (and warned) when
    a browser closed an idle socket after its test had ended."""
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    # A live server's request threads end with their requests: a connection kept for the next
    # (CONN_MAX_AGE) would outlive its thread, still open when the test database is dropped.
    settings_dict["CONN_MAX_AGE"] = 0
    if connections["default"].vendor == "sqlite":
        settings_dict.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hasher():
    """MD5 for the accounts tests make (Django's "Speeding up the tests"): PBKDF2 costs 0.2 s a
    hash here, paid by every editor a test creates and every login. Processes started by tests
    (tests/production/) keep production's hashers."""
    from django.contrib.auth import hashers

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Chinese: a request under /en/ leaves English active in the thread,
    which would change what reverse() and get_absolute_url() give the next test."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests render templates without a collectstatic run, so no manifest of hashed names; and
    WhiteNoise, made anew with each test's client, does not scan a staticfiles/ folder that
    `make run` left (700 files stat-ed per client: a fresh clone has none, as CI)."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    settings.STATIC_ROOT = None


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings):
    """Each test starts with an empty cache of its own (pages are cached as in production; the
    shared backends are exercised across processes in tests/production/)."""
    import uuid

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"test-{uuid.uuid4().hex}"}}


# --- The plan, loaded once ----------------------------------------------------------------------
# Loading the plan costs far more than most tests that read it. It is loaded once, inside an
# outer transaction that every `plan` test's own transaction nests in (a savepoint, rolled back
# after each test), and the outer one is rolled back before the first test that commits
# (live servers): those load it themselves (`live_plan`). Tests are ordered so that those
# without the plan run before it is loaded: they see an empty database, as they expect.

_plan_transaction = {}


def _uses(item, name: str) -> bool:
    return name in getattr(item, "fixturenames", ())


def _order(item) -> int:
    """0: no database or an empty one; 1: reads the plan; 2: commits (transactional, live server)."""
    marker = item.get_closest_marker("django_db")
    if _uses(item, "transactional_db") or _uses(item, "live_server") or (
            marker is not None and marker.kwargs.get("transaction")):
        return 2
    return 1 if _uses(item, "plan") else 0


def pytest_itemcollected(item):
    """Marks what Chromium drives (`-m "not browser"` leaves it out; see `make test-fast`)."""
    if _uses(item, "page") or _uses(item, "context") or _uses(item, "browser"):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # Stable: each group keeps pytest-django's and the files' order. Among those that commit, the
    # browser's (the longest, 1-15 s) first, so that the quick ones even out the workers' ends.
    items.sort(key=lambda item: (_order(item), item.get_closest_marker("browser") is None))


def _end_plan_transaction():
    atomics = _plan_transaction.pop("atomics", None)
    if atomics:
        from django.db import transaction

        transaction.set_rollback(True)
        atomics.__exit__(None, None, None)
        _plan_transaction.pop("blocker").__exit__(None, None, None)


def pytest_runtest_setup(item):
    if _order(item) == 2:
        _end_plan_transaction()


@pytest.fixture(scope="session")
def _plan_loaded(django_db_setup, django_db_blocker):
    """The plan in the test database inside an open outer transaction, for the session's first
    half (see above)."""
    from django.db import transaction

    blocker = django_db_blocker.unblock()
    blocker.__enter__()
    atomics = transaction.atomic()
    atomics.__enter__()
    _plan_transaction.update(atomics=atomics, blocker=blocker)
    call_command("load_plan", str(settings.PLAN_FIXTURE), verbosity=0)
    yield
    _end_plan_transaction()


@pytest.fixture
def plan(_plan_loaded, db):
    """The shipped plan, loaded through the same command staff use (once per session; each
    test's changes are rolled back). A test that commits loads it itself."""
    if "atomics" not in _plan_transaction:
        call_command("load_plan", str(settings.PLAN_FIXTURE), verbosity=0)


_live_snapshot = {}


@pytest.fixture
def live_plan(transactional_db):
    """The shipped plan for browser tests, which need committed rows the server thread can see.

    Loaded by load_plan once per worker; the database as it then stands is kept and copied back
    for each later test, over what the last test's flush left (load_plan takes a second or
    more): on SQLite in memory (SQLite's backup API), on PostgreSQL in a schema of its own
    (TRUNCATE, then INSERT ... SELECT per table in one transaction)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    connection.ensure_connection()
    if "plan" in _live_snapshot:
        _restore_live_snapshot(connection)
        ContentType.objects.clear_cache()  # the flush made new rows; the copy has the old ones
        return
    call_command("load_plan", str(settings.PLAN_FIXTURE), verbosity=0)
    _live_snapshot["plan"] = _take_live_snapshot(connection)


def _take_live_snapshot(connection):
    if connection.vendor == "sqlite":
        import sqlite3

        snapshot = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(snapshot)
        return snapshot
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA IF EXISTS live_plan_snapshot CASCADE")
        cursor.execute("CREATE SCHEMA live_plan_snapshot")
        for table in tables:
            cursor.execute(f"CREATE TABLE live_plan_snapshot.{quote(table)} AS TABLE {quote(table)}")
    return tables


def _restore_live_snapshot(connection):
    snapshot = _live_snapshot["plan"]
    if connection.vendor == "sqlite":
        snapshot.backup(connection.connection)
        return
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import transaction

    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:  # foreign keys checked at the end
        cursor.execute(f"TRUNCATE {', '.join(quote(table) for table in snapshot)}")
        for table in snapshot:
            cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM live_plan_snapshot.{quote(table)}")
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True)):
            cursor.execute(statement)


@pytest.fixture
def li(client):
    """The test client, logged in as li, an editor (tests/admin/helpers.editor)."""
    from tests.admin.helpers import editor

    client.force_login(editor("li"))
    return client


@pytest.fixture
def tonight_2026(at):
    """An evening of May 2026: the plan's 2020 specials and offer have ended."""
    at("2026-05-08 19:30")


@pytest.fixture
def at(time_machine):
    """Freeze 'now' at a Luoyang wall-clock moment: at("2026-05-08 19:30")."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    def travel(moment: str):
        time_machine.move_to(dt.datetime.fromisoformat(moment).replace(tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)

    return travel


# --- Real browser: Debian's Chromium, driven by Playwright -----------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, playwright):
    # A phone set to Chinese, as a Luoyang visitor's or editor's is: public pages take their
    # language from the address, the admin from the browser (tests/admin/test_language.py).
    return {**browser_context_args, **playwright.devices["iPhone 13"], "locale": "zh-CN"}


@pytest.fixture(scope="session")
def screenshots():
    """Folder for phone-sized screenshots (ignored by git): test-artifacts/screenshots/."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- Nothing may be skipped -------------------------------------------------------------------

def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = terminalreporter.stats.get("skipped", [])
    if skipped:
        terminalreporter.write_line(f"FAIL: {len(skipped)} test(s) skipped; skips are failures here.", red=True)


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = 1
