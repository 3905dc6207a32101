"""What a page says about the facts its editors changed since the published plan."""

import re

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

register = template.Library()

# "name (Chinese)" and "name (English)" are one fact to a visitor: "name".
_LANGUAGE_PART = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _fact(row, name: str) -> str:
    return _LANGUAGE_PART.sub("", str(row._meta.get_field(name).verbose_name))


@register.simple_tag
def plan_updates(listing, *rows_shown) -> str:
    """The facts of `listing` and of the rows shown with it (its routes, highlights and places;
    tour lines, offers) that an editor changed since the plan, each with the day, latest first:
    "opens at (1 December 2026), Route 75 (30 November 2026)". A row is named, a listing's own
    facts by their field. "" when none. No query: reads the rows the page loaded."""
    items = {}
    for name, day in listing.plan_updated_facts.items():
        fact = _fact(listing, name)
        items[fact] = max(day, items.get(fact, day))
    for rows in rows_shown:
        for row in rows:
            if row.plan_updated_on:
                items[getattr(row, "label", None) or str(row)] = row.plan_updated_on
    latest_first = sorted(items.items(), key=lambda item: item[1], reverse=True)
    return pgettext("between the items of a list", ", ").join(
        gettext("%(fact)s (%(day)s)") % {"fact": fact, "day": date_format(day, "DATE_FORMAT")}
        for fact, day in latest_first)
