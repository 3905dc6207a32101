"""An event's dates as a card or page words them: its state now (upcoming, running, ended) and
when it runs, worded for that state (Event.dated_state, Event.when_text)."""

from django import template

register = template.Library()


@register.filter
def state_now(event):
    """An event's upcoming/running/ended state now (an OfferState), or None without dates."""
    return event.dated_state()


@register.filter
def when(event, state):
    """{{ event|when:state }}: when it runs, worded for that state (Event.when_text)."""
    return event.when_text(state or None)
