"""schema.org JSON-LD pieces both the venue and the event pages use, and the element that
carries it.

JSON-LD is rendered as a data block (<script type="application/ld+json">), which browsers never
execute, so a strict CSP without 'unsafe-inline' leaves it alone. Its JSON is escaped the way
Django's `json_script` does (<, > and & as \\u escapes), so no text from the database can close
the element.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

SCHEMA = "https://schema.org"
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def jsonld_script(data: dict) -> str:
    """`data` as a <script type="application/ld+json"> element, safely escaped."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text.translate(_JSON_ESCAPES)))


def clock(value) -> str:
    """A time as schema.org writes it (HH:MM); the night is carried by the date beside it."""
    return value.strftime("%H:%M")


def names(obj) -> dict:
    """name in the page's language; alternateName the other one, where both exist."""
    data = {"name": obj.label}
    other = obj.name if obj.label != obj.name else obj.name_en
    if other and other != obj.label:
        data["alternateName"] = other
    return data


def city_address() -> dict:
    return {"@type": "PostalAddress", "addressLocality": _("Luoyang"), "addressCountry": "CN"}
