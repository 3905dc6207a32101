"""Small middleware for serving in production."""

import logging

from django.conf import settings

from nightlife.health import DATABASE_DOWN, unavailable

log = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers the designed 503 page with Retry-After, at once,
    with one warning line in the log instead of a traceback (PostgreSQL gives up connecting after
    DB_CONNECT_TIMEOUT seconds, so a dead host cannot hang the worker)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            log.warning("database unavailable: %s %s: %s", request.method, request.path,
                        str(exception).strip().splitlines()[0] if str(exception).strip() else type(exception).__name__)
            return unavailable(request)
        return None


def client_ip(request) -> str:
    """The visitor's address for login throttling (django-axes): X-Real-IP when BEHIND_PROXY
    (nginx sets it to the address it saw, overwriting anything the client sent), else REMOTE_ADDR."""
    if settings.BEHIND_PROXY and request.META.get("HTTP_X_REAL_IP"):
        return request.META["HTTP_X_REAL_IP"].strip()
    return request.META.get("REMOTE_ADDR", "")
