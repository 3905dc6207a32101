"""Refuse requests too large to be honest before any view reads them."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

# Real URLs here are short (the longest filter URL is under 300 characters).
MAX_URL_LENGTH = 2048
# Larger than any form needs; photo uploads (at most 10 MB) fit.
MAX_BODY_BYTES = 12 * 1024 * 1024


class RequestLimitsMiddleware:
    """414 for an over-long URL, 413 for an oversized body, with a plain reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if len(request.get_full_path()) > MAX_URL_LENGTH:
            return HttpResponse(_("This address is too long."), status=414, content_type="text/plain; charset=utf-8")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse(_("The request's Content-Length is not a number."), status=400,
                                content_type="text/plain; charset=utf-8")
        if length > MAX_BODY_BYTES:
            return HttpResponse(_("The request is too large."), status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
