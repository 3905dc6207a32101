import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


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
    """Tests render templates without a collectstatic run, so no manifest of hashed names."""
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture(autouse=True)
def _fresh_page_cache(settings):
    """Each test starts with an empty cache of its own (pages are cached as in production; the
    shared backends are exercised across processes in tests/production/)."""
    import uuid

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"test-{uuid.uuid4().hex}"}}


@pytest.fixture
def plan(db):
    """The shipped plan, loaded through the same command staff use."""
    call_command("load_plan", str(settings.PLAN_FIXTURE), verbosity=0)


@pytest.fixture
def live_plan(transactional_db):
    """The shipped plan for browser tests, which need committed rows the server thread can see."""
    call_command("load_plan", str(settings.PLAN_FIXTURE), verbosity=0)


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
