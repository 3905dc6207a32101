"""A calendar stays whole whatever an event is called: names with line breaks that reached the
database without validation (a QuerySet.update(), a shell) are escaped, never a 500 and never a
new content line. Read back by two independent parsers: icalendar and vobject."""

import icalendar
import pytest
import vobject

from events.models import Event
from tests.factories import make_event, make_venue

pytestmark = pytest.mark.django_db

INJECTED = "X-INJECTED:1"


def saved_without_validation(event, **fields):
    Event.objects.filter(pk=event.pk).update(**fields)


def ics(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content


def content_lines(body: bytes) -> list[str]:
    """The physical lines as RFC 5545 delimits them (CRLF), asserting no CR or LF stands alone."""
    text = body.decode()
    lines = text.split("\r\n")
    assert lines[-1] == ""
    assert not any("\r" in line or "\n" in line for line in lines), [line for line in lines if "\r" in line or "\n" in line]
    return lines[:-1]


@pytest.mark.parametrize("name_en", ["Lantern show\nsecond line", "Lantern show\r\nX-INJECTED:1",
                                     "Lantern show\rX-INJECTED:1", "Lantern show\nX-INJECTED:1"])
def test_a_line_break_in_an_event_name_is_escaped_in_every_calendar_name(client, at, name_en):
    at("2026-05-08 19:30")
    event = make_event(slug="lanterns", name_en="Lantern show")
    saved_without_validation(event, name_en=name_en)
    body = ics(client, "/en/events/lanterns.ics")

    lines = content_lines(body)
    assert not any(line.startswith(INJECTED) for line in lines)
    assert not any(line.startswith("second line") for line in lines)

    cal = icalendar.Calendar.from_ical(body)
    assert INJECTED.split(":")[0] not in cal
    one_line = name_en.replace("\r\n", "\n").replace("\r", "\n")
    assert str(cal.walk("VEVENT")[0]["SUMMARY"]) == one_line
    assert all(INJECTED.split(":")[0] not in component for component in cal.walk())

    second = vobject.readOne(body.decode())
    assert "x-injected" not in second.contents
    assert [child.name for child in second.getChildren()].count("X-INJECTED") == 0
    assert second.vevent.summary.value == one_line
    assert second.contents["x-wr-calname"][0].value.startswith(one_line)
    assert second.contents["name"][0].value.startswith(one_line)


def test_a_venue_name_with_a_line_break_stays_inside_the_location(client, at):
    at("2026-05-08 19:30")
    venue = make_venue(name="公园")
    make_event(slug="show", venue=venue)
    venue.__class__.objects.filter(pk=venue.pk).update(name="公园\rX-INJECTED:1")
    body = ics(client, "/events/show.ics")
    assert not any(line.startswith(INJECTED) for line in content_lines(body))
    assert "x-injected" not in vobject.readOne(body.decode()).vevent.contents
