"""Bilingual content: each name or text has a Chinese field and an `_en` twin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language

from core.validators import validate_single_line


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
    Every CharField of the model holds one line of text (see `clean_fields`).
    """

    def clean_fields(self, exclude=None):
        """Django's checks of each field, then every CharField (names, slogans, channels, notes)
        refused if it holds a line break or another control character: one line breaks calendars
        and headings. Done here rather than as field validators, which would be migrations;
        errors are keyed by field, so a form shows each next to its input. Multi-line texts are
        TextFields and are not checked."""
        try:
            super().clean_fields(exclude=exclude)
            errors = {}
        except ValidationError as error:
            errors = error.update_error_dict({})
        for field in self._meta.concrete_fields:
            if (isinstance(field, models.CharField) and field.name not in (exclude or ())
                    and field.name not in errors):
                try:
                    validate_single_line(field.value_from_object(self) or "")
                except ValidationError as error:
                    errors[field.name] = error.error_list
        if errors:
            raise ValidationError(errors)

    def tr(self, field: str) -> str:
        return pick(getattr(self, field), getattr(self, f"{field}_en", ""), wants_english())

    @property
    def label(self) -> str:
        return self.tr("name")
