"""The one home of night time: a night runs from 06:00 to 05:59 the next morning.

A clock time before 06:00 belongs to the end of the night, so 01:00 is later than 23:00.
Everything that compares, sorts, stores, parses or displays a time of night goes through here.

Storage: a time of night is kept in the database as minutes into the night (06:00 -> 0,
23:00 -> 1020, 01:00 -> 1140), so plain SQL ordering and comparison follow the night.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext

NIGHT_STARTS = dt.time(6, 0)
_START_MINUTE = NIGHT_STARTS.hour * 60
_DAY = 24 * 60
# What people type for a clock time once full-width digits and separators are made ASCII:
# 21:00 or 21.00, or digits alone from a phone keypad (2100, 930). [0-9], not \d, which would
# take the digits of every script (٢٣:٣٠).
_CLOCK = re.compile(r"([0-9]{1,2})[:.]?([0-9]{2})")
# A Chinese keyboard types full-width digits, colon and full stop (０-９, ：, ．, 。).
# The small hours as pages write them (format_clock): 凌晨1:00, "1:00 after midnight".
_SMALL_HOURS_ZH, _SMALL_HOURS_EN = "凌晨", "after midnight"
_TO_ASCII = str.maketrans({**{chr(ord("０") + n): str(n) for n in range(10)}, "：": ":", "．": ".", "。": "."})


def to_minutes(clock: dt.time) -> int:
    """Minutes into the night for a clock time: 06:00 is 0, 23:00 is 1020, 01:00 is 1140."""
    return (clock.hour * 60 + clock.minute - _START_MINUTE) % _DAY


def end_minutes(clock: dt.time) -> int:
    """Minutes into the night for a closing or ending time: 06:00 ends the night (1440), it does
    not start it. Use for comparing an end with a start."""
    return to_minutes(clock) or _DAY


def from_minutes(minutes: int) -> dt.time:
    """The clock time `minutes` into the night (inverse of `to_minutes`)."""
    if not 0 <= minutes < _DAY:
        raise ValueError(f"{minutes} is not a minute of the night (0-1439)")
    total = (minutes + _START_MINUTE) % _DAY
    return dt.time(total // 60, total % 60)


def sort_key(clock: dt.time | None) -> int:
    """Key that orders clock times through the night; None (not published) sorts first."""
    return -1 if clock is None else to_minutes(clock)


def ends_after(field: str, clock: dt.time) -> Q:
    """Q for rows whose end time `field` comes after `clock` in the night: an end at 06:00
    closes the night, so it is after every clock time (stored as 0, it must be asked for)."""
    return Q(**{f"{field}__gt": clock}) | Q(**{field: NIGHT_STARTS})


def is_after_midnight(clock: dt.time) -> bool:
    """True for 00:00-05:59: the small hours that end the night."""
    return clock < NIGHT_STARTS


def parse_clock(text: str) -> dt.time:
    """Parse a clock time (00:00-23:59) as people type it: 21:00, 21.00, 21：00, 2100, 930 (09:30),
    in ASCII or full-width digits, and the small hours as pages write them (凌晨1:00, 1:00 after
    midnight, 00:00-05:59 only). Raises ValueError with a reason, also for digits of any other
    script (٢٣:٣٠) and for 2400."""
    text = text.strip().translate(_TO_ASCII)
    small_hours = text.startswith(_SMALL_HOURS_ZH) or text.lower().endswith(_SMALL_HOURS_EN)
    if small_hours:
        text = text.removeprefix(_SMALL_HOURS_ZH).strip()
        text = text[:-len(_SMALL_HOURS_EN)].strip() if text.lower().endswith(_SMALL_HOURS_EN) else text
    match = _CLOCK.fullmatch(text)
    if not match:
        raise ValueError("not a clock time such as 21:00 or 2100")
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 23 or minute > 59:
        raise ValueError("no such clock time")
    if small_hours and hour >= NIGHT_STARTS.hour:
        raise ValueError("the small hours (凌晨) run from 0:00 to 5:59")
    return dt.time(hour, minute)


def format_clock(clock: dt.time | None) -> str:
    """A clock time for people: '23:00', or '凌晨1:00' / '1:00 after midnight' for the small hours.

    Never 25:00. Returns '' for None; callers say "not published" in their own words.
    """
    if clock is None:
        return ""
    if is_after_midnight(clock):
        # Translators: a clock time in the small hours of the night, e.g. 凌晨1:00.
        return gettext("%(time)s after midnight") % {"time": f"{clock.hour}:{clock.minute:02d}"}
    return f"{clock.hour}:{clock.minute:02d}"


def night_of(moment: dt.datetime) -> dt.date:
    """The night a moment belongs to, in the site's time zone: 00:40 on the 9th is the night of the 8th."""
    local = timezone.localtime(moment)
    day = local.date()
    return day - dt.timedelta(days=1) if local.time() < NIGHT_STARTS else day


def moment_on_night(night: dt.date, clock: dt.time, *, end: bool = False) -> dt.datetime:
    """The aware local moment of `clock` on the night `night`: 01:00 on the night of the 8th is
    the 9th at 01:00. With `end`, 06:00 is the close of the night (the next morning)."""
    after_midnight = is_after_midnight(clock) or (end and clock == NIGHT_STARTS)
    day = night + dt.timedelta(days=1) if after_midnight else night
    return dt.datetime.combine(day, clock, tzinfo=timezone.get_default_timezone())


def tonight(now: dt.datetime | None = None) -> dt.date:
    """The date of the night in progress now (Asia/Shanghai): before 06:00 it is still last night."""
    return night_of(now or timezone.now())


def minutes_now(now: dt.datetime | None = None) -> int:
    """Minutes into the current night, for 'last bus in 40 min'."""
    return to_minutes(timezone.localtime(now or timezone.now()).time())


def phone_shifts(now: dt.datetime | None = None) -> dict[str, int]:
    """This rule for a phone's script, which then carries no copy of it: milliseconds to add to
    a moment (ms since 1970) so that UTC's clock reads the site's clock (`clock`: the zone's
    offset, 8 h for Asia/Shanghai) and UTC's date reads the night's date (`night`: the offset
    less the night's start, 06:00: 2 h). Pages hand them over in data-* attributes."""
    offset = timezone.localtime(now or timezone.now()).utcoffset()
    clock = int(offset.total_seconds() * 1000)
    return {"clock": clock, "night": clock - _START_MINUTE * 60 * 1000}


# --- Forms and models -------------------------------------------------------------------------

HELP_TEXT = _(
    "A clock time as HH:MM. The night runs from 06:00 to 05:59: 01:00 means after midnight "
    "of the same night, and sorts after 23:00."
)


class NightTimeFormField(forms.TimeField):
    """A clock-time input read as a time of night (see `parse_clock` for what may be typed: 2100
    and 21：00 too), shown back as HH:MM. 25:99, 'late' or ٢٣:٣٠ are refused with a reason.

    The input keeps inputmode="numeric": a phone then offers its digit pad, which has no colon,
    and 2100 is read as 21:00."""

    # Messages may name what was typed (%(value)s) and, for too many digits, how many (%(digits)s).
    default_error_messages = {
        "invalid": _("Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30."),
        "too_many_digits": _("Enter a clock time as HH:MM between 00:00 and 23:59, e.g. 23:30."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%H:%M", "%H:%M:%S"])
        # A placeholder like "23:30" reads as a value already filled in.
        kwargs.setdefault("widget", forms.TimeInput(format="%H:%M", attrs={"inputmode": "numeric",
                                                                              "placeholder": "HH:MM"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and value.strip():
            try:
                return parse_clock(value)
            except ValueError:
                digits = sum(char.isdigit() for char in value)
                code = "too_many_digits" if digits > 4 else "invalid"
                raise ValidationError(self.error_messages[code], code=code,
                                      params={"value": value.strip(), "digits": digits}) from None
        return super().to_python(value)

    def bound_data(self, data, initial):
        """What a submitted form shows back: 2100 as 21:00; unreadable input as it was typed."""
        data = super().bound_data(data, initial)
        try:
            return parse_clock(data).strftime("%H:%M") if isinstance(data, str) else data
        except ValueError:
            return data


class NightTimeField(models.Field):
    """A clock time stored as minutes into the night, so the database sorts 01:00 after 23:00.

    In Python the value is a `datetime.time`; lookups (`__gte`, `__lt`, ordering) compare
    through the night. The column is a small integer 0-1439.
    """

    description = _("Time of night")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", HELP_TEXT)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        # The help text is for editors, not the schema: rewording it must not make migrations.
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("help_text") == HELP_TEXT:
            del kwargs["help_text"]
        return name, path, args, kwargs

    def get_internal_type(self):
        return "PositiveSmallIntegerField"

    def from_db_value(self, value, expression, connection):
        return None if value is None else from_minutes(value)

    def to_python(self, value):
        if value is None or isinstance(value, dt.time):
            return value
        if isinstance(value, int):
            return from_minutes(value)
        try:
            return parse_clock(str(value))
        except ValueError:
            pass
        try:
            # Serializers (dumpdata, django-reversion) write times as HH:MM:SS.
            return dt.time.fromisoformat(str(value)).replace(second=0, microsecond=0)
        except ValueError:
            raise ValidationError(NightTimeFormField.default_error_messages["invalid"],
                                  code="invalid") from None

    def get_prep_value(self, value):
        value = self.to_python(super().get_prep_value(value))
        return None if value is None else to_minutes(value)

    def value_to_string(self, obj):
        value = self.value_from_object(obj)
        return "" if value is None else value.strftime("%H:%M")

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": NightTimeFormField, **kwargs})
