"""The calendar links of the event pages: the list's feed with its filters, and whether an
event's tonight.ics is offered (events/calendar.py)."""

from django import template
from django.urls import reverse

from core.nighttime import tonight
from events.calendar import taking_place, tonight_reminder

register = template.Library()


@register.simple_tag(takes_context=True)
def calendar_feed_url(context):
    """/events/feed.ics with the list's current filters (not its page): the same events."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return reverse("events:feed") + (f"?{encoded}" if encoded else "")


@register.simple_tag
def calendar_tonight(event):
    """{% calendar_tonight event as tonight %}: whether the event takes place tonight
    (`tonight.runs`; not when cancelled) and the last-bus reminder its tonight.ics carries
    (`tonight.reminder`, or None). Needs tonight's changes and the way back of its venue, or of
    the venue tonight moved to, preloaded (EventDetailView); no queries."""
    status = taking_place(event, tonight())
    return {"runs": status is not None, "reminder": tonight_reminder(status) if status else None,
            "venue": status.venue if status else None}
