"""Bilingual content: each name or text has a Chinese field and an `_en` twin."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language

from core.search import english_part
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
    label_of = queryset.model.label_of
    return [(slug, label_of(name, name_en)) for slug, name, name_en in queryset.values_list("slug", "name", "name_en")]


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

    @classmethod
    def label_of(cls, name: str, name_en: str) -> str:
        """The name in the page's language from the two fields, for an instance (`label`) or a
        values_list row (`slugs_and_labels`); a model may name its rows its own way (Route)."""
        return pick(name, name_en, wants_english())

    @property
    def label(self) -> str:
        return self.label_of(self.name, self.name_en)

    @property
    def short_label(self) -> str:
        """The name on a card or a line of a list. On an English page, the translation in the
        English name ('Xigong Lane' of 'Xigong Xiaojie (Xigong Lane)', see english_part), or
        the English name whole where it has none (only pinyin); otherwise the Chinese name."""
        if wants_english() and self.name_en:
            return english_part(self.name, self.name_en)
        return self.name

    @property
    def sign_label(self) -> str:
        """The name as a visitor must match it on a sign, to a driver or in a map app: on an
        English page the translation with the Chinese beside it ('East Flower Terrace 东花坛'),
        otherwise the Chinese name. For bus stops and calendar locations."""
        if wants_english() and self.name_en:
            return f"{english_part(self.name, self.name_en)} {self.name}"
        return self.name
