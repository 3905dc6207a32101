"""schema.org JSON-LD pieces both the venue and the event pages use."""

from __future__ import annotations

from django.utils.translation import gettext as _

SCHEMA = "https://schema.org"


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
