"""Tonight's changes are kept per process and in the shared cache (events/night_changes.py): a
change saved by another process is on the next page of every process, never behind the
snapshot a process kept (docs/caching.md)."""

import pytest

from tests.production.test_page_cache_processes import shell, shown, two  # noqa: F401 (the fixture)

pytestmark = pytest.mark.processes


def test_a_night_cancelled_by_a_third_process_is_on_the_next_home_page_of_both(two):  # noqa: F811
    env, a, b = two
    for base in (a, b):  # each process makes or reads tonight's changes and keeps them
        assert "change-cancelled-night" not in shown(base + "/en/")
    shell(env, "from core.nighttime import tonight\n"
               "from events.models import Event, EventKind, NightChange\n"
               "event = (Event.objects.published().nightly().on_night(tonight()).exclude(kind=EventKind.PROGRAMME)"
               ".order_by('starts_at', 'position').first())\n"
               "NightChange.objects.create(event=event, night=tonight(), reason='因雨取消')")
    for base in (a, b):
        assert "change-cancelled-night" in shown(base + "/en/")
