"""Template helpers: night-time display, bilingual fields and this page in the other language."""

from django import template
from django.urls import translate_url

from core import nighttime

register = template.Library()


@register.filter
def clock(value):
    """23:00, or 凌晨1:00 / '1:00 after midnight' for the small hours (never 25:00)."""
    return nighttime.format_clock(value)


@register.filter
def tonight_at(value):
    """The moment of a time of night tonight (aware, Asia/Shanghai): 01:00 is tomorrow's date.
    For `<time datetime>`, from which a saved page recounts the time left (static/js/pocket.js)."""
    return None if value is None else nighttime.moment_on_night(nighttime.tonight(), value)


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
