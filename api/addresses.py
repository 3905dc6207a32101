"""Absolute addresses for API responses: public pages in both languages, API objects, files."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from core.addresses import around_slug

LANGUAGES = {"zh": settings.LANGUAGE_CODE, "en": "en"}


class Addresses:
    """The absolute addresses one response names. Each URL pattern is reversed once per
    language and filled in per object: a reverse() per row would cost milliseconds on a list.

    Page addresses carry the language prefix (/en/...) whatever language the request is in."""

    def __init__(self, request):
        self.request = request
        self._patterns: dict[tuple[str, str], tuple[str, str]] = {}

    def _pattern(self, viewname: str, language: str) -> tuple[str, str]:
        key = (viewname, language)
        if key not in self._patterns:
            with translation.override(language):
                head, tail = around_slug(viewname)
            self._patterns[key] = (self.request.build_absolute_uri(head), tail)
        return self._patterns[key]

    def url(self, viewname: str, slug: str, language: str = settings.LANGUAGE_CODE) -> str:
        head, tail = self._pattern(viewname, language)
        return f"{head}{slug}{tail}"

    def pages(self, viewname: str, slug: str) -> dict[str, str]:
        """{"zh": ..., "en": ...}: the public page of `slug` in each language."""
        return {key: self.url(viewname, slug, language) for key, language in LANGUAGES.items()}

    def api(self, viewname: str, slug: str) -> str:
        return self.url(f"api:{viewname}", slug)

    def named(self, viewname: str, **query) -> str:
        """The absolute address of a URL without arguments (a list), with `query` if given."""
        key = (viewname, "")
        if key not in self._patterns:
            self._patterns[key] = (self.request.build_absolute_uri(reverse(viewname)), "")
        address = self._patterns[key][0]
        return f"{address}?{urlencode(query, doseq=True)}" if query else address

    def media(self, name: str) -> str:
        """A stored file's address (object storage gives absolute ones already)."""
        return self.request.build_absolute_uri(default_storage.url(name))
