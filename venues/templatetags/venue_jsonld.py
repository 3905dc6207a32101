"""{% venue_jsonld %}: a venue page's schema.org JSON-LD (venues/structured_data.py)."""

from django import template

from core.jsonld import jsonld_script
from venues.structured_data import venue_data

register = template.Library()


@register.simple_tag(takes_context=True)
def venue_jsonld(context, venue):
    request = context["request"]
    return jsonld_script(venue_data(venue, url=request.build_absolute_uri(venue.get_absolute_url())))
