"""Template helpers: night-time display and query strings that keep the visitor's filters."""

from django import template
from django.urls import translate_url

from nightlife import nighttime

register = template.Library()


@register.filter
def clock(value):
    """23:00, or 凌晨1:00 / '1:00 after midnight' for the small hours (never 25:00)."""
    return nighttime.format_clock(value)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None drops one): keeps filters."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value not in (None, ""):
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def page_in_language(context, language):
    """This page (path and filters) in another language."""
    request = context.get("request")
    if request is None:
        return "/" if language == "zh-hans" else f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.filter
def tr(obj, field):
    """The Chinese field or its English twin, by the active language: {{ venue|tr:"slogan" }}."""
    return obj.tr(field)


@register.filter
def without_last_run(servings):
    """The servings whose last run is not published (already loaded; no query)."""
    return [serving for serving in servings if serving.last_run is None]
