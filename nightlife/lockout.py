"""The admin's login throttling (django-axes): the client address it counts by, and the page a
locked-out login gets."""

import math

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _


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
