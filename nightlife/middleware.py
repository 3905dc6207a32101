"""Small middleware for serving in production."""

import logging

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

from nightlife.health import database_unavailable, is_database_down

log = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers the designed 503 page with Retry-After, at once,
    with one warning line in the log instead of a traceback (PostgreSQL gives up connecting after
    DB_CONNECT_TIMEOUT seconds, so a dead host cannot hang the worker). An editor whose save
    waited too long for SQLite's write lock gets the admin's "Save again" page instead."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_down(exception):
            log.warning("database unavailable: %s %s: %s", request.method, request.path,
                        str(exception).strip().splitlines()[0] if str(exception).strip() else type(exception).__name__)
            return database_unavailable(request, exception)
        return None


class AdminLanguageMiddleware:
    """The admin follows its editor's language: the one they chose with the admin's language
    button (the language cookie), else their browser's, else Chinese.

    LocaleMiddleware gives every address outside /en/ Chinese (public pages take their language
    from the address alone), the admin included; this comes after it and corrects the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("admin:index")

    def __call__(self, request):
        if request.path_info.startswith(self.admin_prefix):
            language = translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


def client_ip(request) -> str:
    """The visitor's address for login throttling (django-axes): X-Real-IP when BEHIND_PROXY
    (nginx sets it to the address it saw, overwriting anything the client sent), else REMOTE_ADDR."""
    if settings.BEHIND_PROXY and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"].strip()
    return request.META.get("REMOTE_ADDR", "")
