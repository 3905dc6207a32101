"""Bilingual content: each name or text has a Chinese field and an `_en` twin."""

from django.utils.translation import get_language


def wants_english() -> bool:
    return (get_language() or "").startswith("en")


class Bilingual:
    """Mixin for models with `x` (Chinese) and `x_en` fields: `obj.tr("name")` picks one.

    English falls back to Chinese where an editor has not written it yet, never to nothing.
    """

    def tr(self, field: str) -> str:
        if wants_english():
            english = getattr(self, f"{field}_en", "")
            if english:
                return english
        return getattr(self, field)

    @property
    def label(self) -> str:
        return self.tr("name")
