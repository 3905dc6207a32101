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
- An ended offer is left out: a calendar is for what is still to come.
- DTSTAMP and LAST-MODIFIED are the row's last change: with no METHOD, RFC 5545 makes DTSTAMP
  the time the information was last revised, so the same listing gives the same bytes (and ETag).
- Editors' changes (events.models.NightChange, EventChange, venues' closures): a night cancelled,
  or stopped by a closure, is an overriding instance of the series (same UID, RECURRENCE-ID of
  that night's start) with STATUS:CANCELLED; a night moved to another time or place is one with
  the new DTSTART or LOCATION and a higher SEQUENCE. An event cancelled or postponed for good is
  STATUS:CANCELLED itself; a rescheduled one starts at its new first night and time with
  SEQUENCE:1. An extra night is an event of its own UID. A series of one night takes the change
  itself, without an override.

"Add tonight" is one occurrence, on tonight's night at tonight's times and place (the editors'
changes applied), under a UID of its own (a calendar keeps it beside the series); there is none
for a night the event does not take place. Where the plan publishes a last run from that night's
venue, it carries a reminder REMINDER_MINUTES before the latest one (a VALARM with an absolute
trigger), naming the route; where none is published there is no alarm, and the page says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.nighttime import format_clock, moment_on_night, tonight
from events.models import Mark, NightChangeKind, OfferState
from transit.wayback import way_back

PRODID = "-//Gudu Ye Badian//Luoyang night events//ZH"
# How long before the last bus "add tonight" reminds: time to finish up and walk to the stop.
REMINDER_MINUTES = 20


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


def _location(event, venue=None, place=None) -> str:
    """Where: the event's venue and place, or `venue` and `place` (a night moved there); in an
    English calendar with the Chinese beside each name, as a driver or a map app needs it."""
    venue, place = (venue, place) if venue is not None else (event.venue, event.place)
    if venue is not None:
        place = f" · {place.sign_label}" if place is not None else ""
        return f"{venue.sign_label}{place}, {_('Luoyang')}"
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


def event_component(event, *, night: dt.date, url: str, host: str, only_tonight: bool = False) -> icalendar.Event:
    """The VEVENT of one event, repeating nightly where it does. `night` is tonight (the start of
    a nightly series with no published first night). With `only_tonight`, the one occurrence on
    `night` (the caller checks that the event runs then). No queries: venue and place are preloaded."""
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}-{night:%Y%m%d}@{host}" if only_tonight else f"event-{event.pk}@{host}")
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
    if only_tonight:
        start_night = last_night = night
    repeats = event.is_nightly and not only_tonight
    if event.starts_at is not None and not event.all_day:
        vevent.add("dtstart", moment_on_night(start_night, event.starts_at))
        if event.ends_at is not None:
            vevent.add("dtend", moment_on_night(start_night, event.ends_at, end=True))
        if repeats or last_night != start_night:
            rule = {"freq": "daily"}
            if last_night is not None:
                rule["until"] = moment_on_night(last_night, event.starts_at).astimezone(dt.timezone.utc)
            vevent.add("rrule", rule)
    else:
        vevent.add("dtstart", start_night)
        if repeats:
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


def _replace(vevent: icalendar.Event, name: str, value) -> None:
    vevent.pop(name.upper(), None)
    vevent.add(name, value)


def _changed(vevent: icalendar.Event, status, *, sequence: int) -> None:
    """Say `status` (an events.NightStatus with a notice) in `vevent`: cancelled, or its new
    start and place; why, and what it replaced, first in the description."""
    event = status.event
    stamp = status.notice.updated_at
    if "DTSTAMP" in vevent:
        stamp = max(stamp, vevent.decoded("DTSTAMP"))
    _replace(vevent, "dtstamp", stamp)
    _replace(vevent, "last-modified", stamp)
    _replace(vevent, "sequence", sequence)
    lines = [status.headline, *([_("Was: %(plan)s") % {"plan": status.was}] if status.was else []),
             *([_("Now: %(plan)s") % {"plan": status.now}] if status.now else [])]
    description = str(vevent.get("DESCRIPTION", ""))
    _replace(vevent, "description", "\n".join(lines) + (f"\n\n{description}" if description else ""))
    if status.is_off:
        _replace(vevent, "status", "CANCELLED")
        return
    if status.moved_place:
        _replace(vevent, "location", _location(event, status.venue, status.place))
    if status.moved_time and status.starts_at is not None and not event.all_day:
        vevent.pop("DTEND", None)
        _replace(vevent, "dtstart", moment_on_night(status.night, status.starts_at))
        if status.ends_at is not None:
            vevent.add("dtend", moment_on_night(status.night, status.ends_at, end=True))


def _override(master: icalendar.Event, status, *, url: str) -> icalendar.Event:
    """The overriding instance of `master`'s series on `status.night` (RFC 5545 RECURRENCE-ID:
    the start that night had in the series)."""
    event, night = status.event, status.night
    vevent = icalendar.Event()
    vevent.add("uid", str(master["UID"]))
    timed = event.starts_at is not None and not event.all_day
    original = moment_on_night(night, event.starts_at) if timed else night
    vevent.add("recurrence-id", original)
    vevent.add("summary", event.label)
    vevent.add("url", url)
    if location := _location(event):
        vevent.add("location", location)
    vevent.add("dtstart", original)
    if timed and event.ends_at is not None:
        vevent.add("dtend", moment_on_night(night, event.ends_at, end=True))
    elif not timed:
        vevent.add("dtend", night + dt.timedelta(days=1))
    _changed(vevent, status, sequence=int(master.get("SEQUENCE", 0)) + 1)
    return vevent


def _extra_night(event, night: dt.date, *, url: str, host: str) -> icalendar.Event:
    """An extra night as an event of its own (UID event-<id>-<night>, as "add tonight" names a
    night), at that night's time and place."""
    status = event.status_on(night)
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}-{night:%Y%m%d}@{host}")
    vevent.add("summary", event.label)
    vevent.add("url", url)
    vevent.add("categories", [str(event.get_kind_display())])
    if location := _location(event, status.venue, status.place):
        vevent.add("location", location)
    if description := _description(event):
        vevent.add("description", description)
    if status.starts_at is not None and not event.all_day:
        vevent.add("dtstart", moment_on_night(night, status.starts_at))
        if status.ends_at is not None:
            vevent.add("dtend", moment_on_night(night, status.ends_at, end=True))
    else:
        vevent.add("dtstart", night)
        vevent.add("dtend", night + dt.timedelta(days=1))
    _changed(vevent, status, sequence=0)
    return vevent


def _changed_nights(event, first: dt.date, last: dt.date | None) -> list[dt.date]:
    """The nights from `first` to `last` (None: no end) that a change of one night or a closure
    of the event's venue or place concerns, from the preloaded changes (for_calendar)."""
    nights = {change.night for change in event.night_change_list if change.kind != NightChangeKind.EXTRA}
    for closure in event.venue.closure_list if event.venue is not None else ():
        if closure.concerns(event.venue_id, event.place_id):
            day = max(closure.first_night, first)
            while day <= closure.last_night and (last is None or day <= last):
                nights.add(day)
                day += dt.timedelta(days=1)
    return sorted(day for day in nights if first <= day and (last is None or day <= last))


def change_components(event, master: icalendar.Event, *, night: dt.date, url: str, host: str) -> list[icalendar.Event]:
    """Apply the editors' changes of `event` to `master`, its series from event_component(night),
    and return the VEVENTs they add: an overriding instance for each changed night of the
    series, an event for each extra night. No queries: the changes are preloaded
    (EventQuerySet.for_calendar)."""
    whole = event.whole_status(night)
    if whole is not None:
        _changed(master, whole, sequence=1)
        if whole.is_off:
            return []
    first = first_night_of(event, night) if event.is_nightly else event.first_night
    last = event.last_night
    if "RRULE" not in master and last is not None and last != first:
        # An all-day special of several nights is one span: its nights become a series, so
        # that one of them can change alone.
        _replace(master, "dtend", first + dt.timedelta(days=1))
        master.add("rrule", {"freq": "daily", "until": last})
    added = []
    for changed_night in _changed_nights(event, first, last):
        status = event.status_on(changed_night)
        if not status.mark or status.mark == Mark.RESCHEDULED:
            continue
        if "RRULE" in master:
            added.append(_override(master, status, url=url))
        else:
            _changed(master, status, sequence=int(master.get("SEQUENCE", 0)) + 1)
    added += [_extra_night(event, change.night, url=url, host=host)
              for change in event.night_change_list if change.kind == NightChangeKind.EXTRA]
    return added


def events_calendar(events: Iterable, *, name: str, absolute_url: Callable[[str], str], host: str,
                    night: dt.date | None = None) -> icalendar.Calendar:
    """A calendar of `events` with their published offers (prefetched as `event.offers`) that
    have not ended by `night`, in the active language, with the Asia/Shanghai VTIMEZONE.
    `absolute_url` makes a page path absolute."""
    night = night or tonight()
    calendar = new_calendar(name)
    for event in events:
        url = absolute_url(event.get_absolute_url())
        master = event_component(event, night=night, url=url, host=host)
        changes = change_components(event, master, night=night, url=url, host=host)
        for component in [master, *changes]:
            calendar.add_component(component)
        for offer in event.offers.all():
            if offer.state_on(night) != OfferState.ENDED:
                calendar.add_component(offer_component(offer, event, url=url, host=host))
    calendar.add_missing_timezones()
    return calendar


def taking_place(event, night: dt.date):
    """What holds for `event` on `night` (an events.NightStatus: as planned, moved, at a new time,
    an extra night) when it takes place then; None when it does not (not one of its nights, or
    cancelled, postponed, its venue closed). No queries where the changes are preloaded."""
    status = event.status_on(night)
    if status.is_off or not (event.runs_on(night) or status.mark == Mark.EXTRA):
        return None
    return status


@dataclass(frozen=True)
class Reminder:
    """"Add tonight"'s reminder: `at` (aware, local) is REMINDER_MINUTES before `serving`'s last run
    on the night; `serving` has its route, stop and venue loaded."""

    serving: object
    at: dt.datetime
    minutes: int = REMINDER_MINUTES

    @property
    def clock(self) -> dt.time:
        return self.at.time()

    @property
    def text(self) -> str:
        """What the alarm says, in the active language, naming the route and the time."""
        serving = self.serving
        values = {"minutes": self.minutes, "route": serving.route.label, "time": format_clock(serving.last_run)}
        if serving.departs:
            return _("Last bus in %(minutes)s minutes: %(route)s leaves the %(stop)s stop at %(time)s.") % {
                **values, "stop": serving.last_run_stop.label}
        return _("Last bus in %(minutes)s minutes: %(route)s passes %(venue)s until %(time)s.") % {
            **values, "venue": serving.venue.label}

    @property
    def note(self) -> str:
        """What the event page says of the reminder beside "Add tonight", in the active language."""
        serving = self.serving
        values = {"at": format_clock(self.clock), "minutes": self.minutes, "route": serving.route.label,
                  "time": format_clock(serving.last_run)}
        if serving.departs:
            return _("“Add tonight” reminds you at %(at)s, %(minutes)s minutes before the last bus: "
                     "%(route)s, last departure from %(stop)s at %(time)s.") % {**values, "stop": serving.last_run_stop.label}
        return _("“Add tonight” reminds you at %(at)s, %(minutes)s minutes before the last bus: "
                 "%(route)s, passing here until %(time)s.") % values


def tonight_reminder(status) -> Reminder | None:
    """The reminder before the latest published last run from the venue of `status` (taking_place)
    on its night: the venue's routes' runs and the departures from a stop bearing its name
    (transit.wayback.way_back, on rows preloaded by transit.models.way_back; no queries). None
    without a venue or where the plan publishes no last run for it: we do not guess a time."""
    venue = status.venue
    if venue is None:
        return None
    latest = way_back(venue.routes_latest_first, stops=venue.stops.all()).latest
    if latest is None:
        return None
    moment = moment_on_night(status.night, latest.serving.last_run) - dt.timedelta(minutes=REMINDER_MINUTES)
    return Reminder(serving=latest.serving, at=moment)


def alarm_component(reminder: Reminder) -> icalendar.Alarm:
    """A display VALARM at the reminder's moment: an absolute trigger, which RFC 5545 (3.8.6.3)
    wants in UTC and marked VALUE=DATE-TIME."""
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", reminder.text)
    alarm.add("trigger", reminder.at.astimezone(dt.timezone.utc), parameters={"VALUE": "DATE-TIME"})
    return alarm


def tonight_calendar(status, *, name: str, url: str, host: str) -> icalendar.Calendar:
    """A calendar of the one occurrence that `status` (taking_place) describes, at that night's
    time and place, with the last-bus reminder where the plan publishes a last run (the
    preloads of tonight_reminder). Offers are left to the page."""
    calendar = new_calendar(name)
    vevent = event_component(status.event, night=status.night, url=url, host=host, only_tonight=True)
    if status.mark:
        _changed(vevent, status, sequence=1)
    if reminder := tonight_reminder(status):
        vevent.add_component(alarm_component(reminder))
    calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar
