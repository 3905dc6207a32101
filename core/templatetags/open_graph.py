"""Open Graph values for link previews (templates/includes/_og.html)."""

from django import template
from django.templatetags.static import static

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_static(context, path):
    """The absolute URL of a static file (Open Graph images must be absolute); relative where
    there is no request (the 500 page is rendered without one)."""
    request = context.get("request")
    return request.build_absolute_uri(static(path)) if request else static(path)
