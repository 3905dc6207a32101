"""Issue 20, finding 5: the phone's scripts keep no second copy of the 06:00 night rule, the
site's clock or the six hours before a countdown shows: the pages hand them over (data-*
attributes, the worker's SITE), from core.nighttime and transit.wayback."""

import json
import re

import pytest
from django.conf import settings

from tests.reading import page

pytestmark = pytest.mark.django_db
SHIFTS = 'data-clock-shift="28800000" data-night-shift="7200000" data-countdown-minutes="360"'


def test_pages_give_the_scripts_the_clock_the_night_and_the_countdown(client):
    assert SHIFTS in page(client, "/")  # pocket.js's tag, on every page
    assert SHIFTS in page(client, "/en/transit/")
    offline = page(client, "/offline/")
    assert re.search(r'<div id="saved-pages" hidden ' + re.escape(SHIFTS), offline)
    worker = client.get("/sw.js").content.decode()
    site = json.loads(worker.split("\n", 1)[0].removeprefix("const SITE = ").removesuffix(";"))
    assert site["nightShift"] == 2 * 3600 * 1000


@pytest.mark.parametrize("name", ["sw.js", "offline.js", "pocket.js"])
def test_the_scripts_carry_no_copy_of_the_rules(name):
    source = (settings.BASE_DIR / "static" / "js" / name).read_text(encoding="utf-8")
    code = "\n".join(line.split("//")[0] for line in source.splitlines())  # comments may name the rule
    assert not re.search(r"\b[268]\s*\*\s*(3600|60)\b", code), name
