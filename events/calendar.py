"""iCalendar (RFC 5545) for events: one event's .ics, or a feed of a filtered event list.

What a calendar says follows what the plan publishes, nothing more:
- A nightly event repeats daily (RRULE:FREQ=DAILY) from its first night, or from tonight where
  the plan gives none, until its last night where one is published, otherwise with no end.
- It starts at its published time in Asia/Shanghai (a VTIMEZONE is included). Without a
  published end time it has no DTEND and no DURATION: RFC 5545 (3.6.1) reads a DATE-TIME DTSTART
  alone as an event that ends when it starts, so calendars show "20:00" without claiming how long
  it lasts. A published end time becomes DTEND (01:00 is the next morning).
- A nightly event without a published start time, a special without one, and an all-day special
  are all-day events (VALUE=DATE) on their nights; the description says the time is not published.
- An offer is an all-day event across its window (DTEND is the day after the last day: RFC 5545
  DATE ends are exclusive).
- DTSTAMP and LAST-MODIFIED are the row's last change: with no METHOD, RFC 5545 makes DTSTAMP
  the time the information was last revised, so the same listing gives the same bytes (and ETag).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.nighttime import format_clock, moment_on_night, tonight

PRODID = "-//Gudu Ye Badian//Luoyang night events//ZH"


def first_night_of(event, night: dt.date) -> dt.date:
    """The night a calendar starts an event from: its published first night, else `night`
    (tonight), but never after its published last night."""
    if event.first_night:
        return event.first_night
    if event.last_night and event.last_night < night:
        return event.last_night
    return night


def new_calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # Both are unknown to icalendar, which would write them raw: as TEXT, a line break in an
    # event's name is escaped like the SUMMARY's instead of ending the line (or the response).
    calendar.add("name", icalendar.vText(name))
    calendar.add("x-wr-calname", icalendar.vText(name))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _location(event) -> str:
    if event.venue is not None:
        place = f" · {event.place.label}" if event.place is not None else ""
        return f"{event.venue.label}{place}, {_('Luoyang')}"
    return event.tr("channel") if event.channel else ""


def _description(event) -> str:
    lines = [event.tr("description")] if event.description else []
    if event.channel:
        lines.append(_("On air: %(channel)s") % {"channel": event.tr("channel")} if event.is_broadcast
                     else _("Online: %(channel)s") % {"channel": event.tr("channel")})
    if not event.all_day and event.starts_at is None:
        lines.append(_("Start time not published."))
    elif event.starts_at is not None and event.ends_at is None:
        lines.append(_("Starts at %(time)s; end time not published.") % {"time": format_clock(event.starts_at)})
    return "\n\n".join(lines)


def event_component(event, *, night: dt.date, url: str, host: str) -> icalendar.Event:
    """The VEVENT of one event, repeating nightly where it does. `night` is tonight (the start of
    a nightly series with no published first night). No queries: venue and place are preloaded."""
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{host}")
    vevent.add("dtstamp", event.updated_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("summary", event.label)
    vevent.add("url", url)
    if location := _location(event):
        vevent.add("location", location)
    if description := _description(event):
        vevent.add("description", description)
    vevent.add("categories", [str(event.get_kind_display())])

    start_night = first_night_of(event, night) if event.is_nightly else event.first_night
    last_night = event.last_night
    if event.starts_at is not None and not event.all_day:
        vevent.add("dtstart", moment_on_night(start_night, event.starts_at))
        if event.ends_at is not None:
            vevent.add("dtend", moment_on_night(start_night, event.ends_at, end=True))
        if event.is_nightly or last_night != start_night:
            rule = {"freq": "daily"}
            if last_night is not None:
                rule["until"] = moment_on_night(last_night, event.starts_at).astimezone(dt.timezone.utc)
            vevent.add("rrule", rule)
    else:
        vevent.add("dtstart", start_night)
        if event.is_nightly:
            vevent.add("dtend", start_night + dt.timedelta(days=1))
            rule = {"freq": "daily"}
            if last_night is not None:
                rule["until"] = last_night
            vevent.add("rrule", rule)
        else:
            vevent.add("dtend", last_night + dt.timedelta(days=1))
    return vevent


def offer_component(offer, event, *, url: str, host: str) -> icalendar.Event:
    """An offer as one all-day VEVENT over its window (first day to last day, inclusive)."""
    vevent = icalendar.Event()
    vevent.add("uid", f"offer-{offer.pk}@{host}")
    vevent.add("dtstamp", offer.updated_at)
    vevent.add("last-modified", offer.updated_at)
    vevent.add("summary", f"{offer.label} · {event.label}")
    vevent.add("url", url)
    vevent.add("dtstart", offer.first_day)
    vevent.add("dtend", offer.last_day + dt.timedelta(days=1))
    vevent.add("transp", "TRANSPARENT")
    vevent.add("categories", [_("Offer")])
    details = []
    if offer.price is not None:
        details.append(_("¥%(price)s") % {"price": offer.price})
    if offer.quantity:
        details.append(ngettext("%(counter)s available", "%(counter)s available", offer.quantity)
                       % {"counter": offer.quantity})
    if offer.channel:
        details.append(offer.tr("channel"))
    lines = [" · ".join(details)] if details else []
    if offer.description:
        lines.append(offer.tr("description"))
    if lines:
        vevent.add("description", "\n\n".join(lines))
    return vevent


def events_calendar(events: Iterable, *, name: str, absolute_url: Callable[[str], str], host: str,
                    night: dt.date | None = None) -> icalendar.Calendar:
    """A calendar of `events` with their published offers (prefetched as `event.offers`), in the
    active language, with the Asia/Shanghai VTIMEZONE. `absolute_url` makes a page path absolute."""
    night = night or tonight()
    calendar = new_calendar(name)
    for event in events:
        url = absolute_url(event.get_absolute_url())
        calendar.add_component(event_component(event, night=night, url=url, host=host))
        for offer in event.offers.all():
            calendar.add_component(offer_component(offer, event, url=url, host=host))
    calendar.add_missing_timezones()
    return calendar
