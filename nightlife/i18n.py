"""Bilingual content: each name or text has a Chinese field and an `_en` twin."""

from django.utils.translation import get_language


def wants_english() -> bool:
    return (get_language() or "").startswith("en")


def slugs_and_labels(queryset) -> list[tuple[str, str]]:
    """(slug, name in the page's language) for each row of a Bilingual model, from one
    values_list query: for long lists (every bus route) where a model instance per row costs."""
    english = wants_english()
    return [(slug, (name_en or name) if english else name)
            for slug, name, name_en in queryset.values_list("slug", "name", "name_en")]


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
