"""Bilingual content: each name or text has a Chinese field and an `_en` twin."""

from django.utils.translation import get_language


def wants_english() -> bool:
    return (get_language() or "").startswith("en")


def pick(chinese: str, english: str, english_page: bool) -> str:
    """The text for the page: English on an English page where an editor has written it,
    otherwise Chinese, never nothing."""
    return english if english_page and english else chinese


def slugs_and_labels(queryset) -> list[tuple[str, str]]:
    """(slug, name in the page's language) for each row of a Bilingual model, from one
    values_list query: for long lists (every bus route) where a model instance per row costs."""
    english_page = wants_english()
    return [(slug, pick(name, name_en, english_page))
            for slug, name, name_en in queryset.values_list("slug", "name", "name_en")]


class Bilingual:
    """Mixin for models with `x` (Chinese) and `x_en` fields: `obj.tr("name")` picks one.

    English falls back to Chinese where an editor has not written it yet, never to nothing.
    """

    def tr(self, field: str) -> str:
        return pick(getattr(self, field), getattr(self, f"{field}_en", ""), wants_english())

    @property
    def label(self) -> str:
        return self.tr("name")
