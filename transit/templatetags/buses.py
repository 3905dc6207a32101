"""The buses home at the moment of rendering (transit.wayback): the way back, the last-bus
board's rows, a last run seen from now, and the phone's countdown rules.

Each tag computes from rows the view has already loaded (no queries) and the real now, so a
page is right when it is rendered; the templates only display the result.
"""

from django import template
from django.utils.html import format_html

from core.nighttime import phone_shifts
from transit import wayback

register = template.Library()


@register.simple_tag
def way_back(servings, stops=None, ends_at=None):
    """{% way_back servings stops=stops ends_at=event.ends_at as back %}: a wayback.WayBack.

    A variable missing from the context arrives as '' and means "none"."""
    return wayback.way_back(servings or [], stops=stops or (), ends_at=ends_at or None)


@register.simple_tag
def last_bus_board(servings):
    """{% last_bus_board last_runs as rows %}: wayback.BoardRow list, latest first."""
    return wayback.board(servings)


@register.filter
def run_now(serving):
    """A serving's last run seen from now (a wayback.Run): {% with run=serving|run_now %}."""
    return wayback.Run(serving, wayback.minutes_left(serving.last_run)) if serving.last_run else None


@register.filter
def time_left_class(run):
    """{{ run|time_left_class }}: the class attribute of a last run's time-left element, ' class="left"'
    with left-gone or left-walk added; '' while the run is too far off for words."""
    if not run.left_text:
        return ""
    return format_html(' class="left{}"', " left-gone" if run.gone else " left-walk" if run.walk_to else "")


@register.simple_tag
def phone_rules():
    """{% phone_rules %}: data-* attributes for a script on the phone (static/js/pocket.js,
    offline.js): the shifts of the site's clock and night (core.nighttime.phone_shifts) and how
    close a last run must be for a countdown (wayback.COUNTDOWN_MINUTES), so the scripts keep no
    second copy of the 06:00 rule or of the six hours."""
    shifts = phone_shifts()
    return format_html('data-clock-shift="{}" data-night-shift="{}" data-countdown-minutes="{}"',
                       shifts["clock"], shifts["night"], wayback.COUNTDOWN_MINUTES)
