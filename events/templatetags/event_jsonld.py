"""{% event_jsonld %}: an event page's schema.org JSON-LD (events/structured_data.py)."""

from django import template

from core.jsonld import jsonld_script
from events.structured_data import event_data

register = template.Library()


@register.simple_tag(takes_context=True)
def event_jsonld(context, event, offers=None):
    """{% event_jsonld event offers %}: the event page's JSON-LD (offers: what the page lists,
    as Offer rows or (offer, state) pairs)."""
    request = context["request"]
    rows = [item[0] if isinstance(item, tuple) else item for item in (offers or ())]
    venue_url = (request.build_absolute_uri(event.venue.get_absolute_url())
                 if event.venue is not None and event.venue.is_live else None)
    return jsonld_script(event_data(event, url=request.build_absolute_uri(event.get_absolute_url()),
                                    venue_url=venue_url, offers=rows))
