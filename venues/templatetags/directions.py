"""{% directions %}: the Directions row of a venue's or an event's facts panel (venues/directions.py)."""

from django import template

from venues.directions import directions_for

register = template.Library()


@register.inclusion_tag("includes/_directions.html")
def directions(venue, place=None, servings=()):
    """{% directions event.venue event.place servings %}: the Directions row of a facts panel
    (nothing without a venue); `servings`, the venue's routes, for last runs leaving elsewhere."""
    return {"directions": directions_for(venue, place, servings)}
