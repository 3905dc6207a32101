"""Template tags for sharing: Open Graph values, JSON-LD blocks, map directions and calendars.

JSON-LD is rendered as a data block (<script type="application/ld+json">), which browsers never
execute, so a strict CSP without 'unsafe-inline' leaves it alone. Its JSON is escaped the way
Django's `json_script` does (<, > and & as \\u escapes), so no text from the database can close
the element.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.nighttime import tonight
from events.calendar import taking_place, tonight_reminder
from events.structured_data import event_data
from venues.directions import directions_for
from venues.structured_data import venue_data

register = template.Library()

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script(data: dict) -> str:
    """`data` as a <script type="application/ld+json"> element, safely escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(_JSON_ESCAPES)))


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


@register.simple_tag(takes_context=True)
def venue_jsonld(context, venue):
    request = context["request"]
    return jsonld_script(venue_data(venue, url=request.build_absolute_uri(venue.get_absolute_url())))


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    """The absolute URL of a static file (Open Graph images must be absolute); relative where
    there is no request (the 500 page is rendered without one)."""
    request = context.get("request")
    return request.build_absolute_uri(static(path)) if request else static(path)


@register.simple_tag(takes_context=True)
def calendar_feed_url(context):
    """/events/feed.ics with the list's current filters (not its page): the same events."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return reverse("events:feed") + (f"?{encoded}" if encoded else "")


@register.inclusion_tag("includes/_directions.html")
def directions(venue, place=None, servings=()):
    """{% directions event.venue event.place servings %}: the Directions row of a facts panel
    (nothing without a venue); `servings`, the venue's routes, for last runs leaving elsewhere."""
    return {"directions": directions_for(venue, place, servings)}


@register.simple_tag
def calendar_tonight(event):
    """{% calendar_tonight event as tonight %}: whether the event takes place tonight
    (`tonight.runs`; not when cancelled) and the last-bus reminder its tonight.ics carries
    (`tonight.reminder`, or None). Needs tonight's changes and the way back of its venue, or of
    the venue tonight moved to, preloaded (EventDetailView); no queries."""
    status = taking_place(event, tonight())
    return {"runs": status is not None, "reminder": tonight_reminder(status) if status else None,
            "venue": status.venue if status else None}
