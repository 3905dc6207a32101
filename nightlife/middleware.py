"""Small middleware for serving in production, and the admin login lockout page."""

import logging
import math

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from nightlife.errors import database_unavailable, is_database_down

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


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login (AXES_LOCKOUT_CALLABLE): 429 with Retry-After,
    and templates/admin/lockout.html in the editor's language saying at what time to try again.

    Queries the database (the address's latest failure). The lockout ends LOGIN_COOLOFF_MINUTES
    after the last failure that counted, as axes counts them by address (AXES_LOCKOUT_PARAMETERS).
    """
    last_failure = (AccessAttempt.objects.filter(ip_address=client_ip(request))
                    .order_by("-attempt_time").values_list("attempt_time", flat=True).first())
    retry_at = (last_failure or timezone.now()) + get_cool_off(request)
    seconds = max(math.ceil((retry_at - timezone.now()).total_seconds()), 1)
    context = {**admin.site.each_context(request), "title": _("Too many failed logins"),
               "retry_at": timezone.localtime(retry_at), "minutes": math.ceil(seconds / 60)}
    response = render(request, "admin/lockout.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
