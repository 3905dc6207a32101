"""Template access to the editors' changes: an event's status on a night, an offer's state.

Both compute from rows the view has already loaded (EventQuerySet.for_listing preloads the
changes), so a card costs no query.
"""

from django import template

from core.nighttime import tonight

register = template.Library()


@register.simple_tag(takes_context=True)
def night_status(context, event):
    """{% night_status event as status %}: an events.NightStatus on the page's `night`, or
    tonight on pages without one (search, a venue's page)."""
    return event.status_on(context.get("night") or tonight())


@register.filter
def offer_state(offer, night):
    """{{ offer|offer_state:night }}: upcoming, running, ended, or sold out or withdrawn."""
    return offer.shown_state(night or tonight())


@register.filter
def offer_reason(offer, night):
    """{{ offer|offer_reason:night }}: why it is sold out or withdrawn, where the page says so."""
    return offer.shown_reason(night or tonight())
