"""What wraps every API request: its language and the per-address rate limit, on addresses
under /api/ only (the pages are left alone). Its answers are gzipped by
nightlife.middleware.CompressionMiddleware."""

import logging

from django.http import JsonResponse
from django.utils import translation
from rest_framework.exceptions import NotFound, Throttled
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

log = logging.getLogger(__name__)

PREFIX = "/api/"


def is_api(request) -> bool:
    return request.path_info.startswith(PREFIX)


class AddressRateThrottle(AnonRateThrottle):
    """DRF's AnonRateThrottle, counted in the shared cache per client address.

    The API has no accounts: every client is anonymous to it, a logged-in editor too. The
    address is REMOTE_ADDR, or behind the proxy the X-Forwarded-For it sets (NUM_PROXIES).
    The rate is read at each request (DEFAULT_THROTTLE_RATES["anon"], from API_RATE), not
    frozen at import as DRF's class attribute would be."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def _json(error) -> JsonResponse:
    """A DRF exception answered as DRF's views answer it: {"detail": ...} with its status."""
    return JsonResponse({"detail": str(error.detail)}, status=error.status_code, json_dumps_params={"ensure_ascii": False})


class ApiMiddleware:
    """For /api/: errors in the client's language (Accept-Language, else Chinese; public pages
    take theirs from the address, which the API's do not carry), then the rate limit: past
    API_RATE a client gets 429 with Retry-After, JSON as DRF words it. An address under /api/
    that names nothing is a 404 in JSON too, not the site's page.

    Placed before the page cache, so a cached answer counts against the limit too. A cache
    that cannot be reached (Redis down) lifts the limit rather than the API: requests are then
    answered, with one warning each in the log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request):
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        throttle = AddressRateThrottle()
        try:
            allowed = throttle.allow_request(request, None)
        except Exception as error:
            log.warning("rate limit not counted, the cache is unreachable: %s", error)
            allowed = True
        if not allowed:
            refusal = Throttled(throttle.wait())
            response = _json(refusal)
            response["Retry-After"] = str(refusal.wait or 1)
            return response
        response = self.get_response(request)
        if response.status_code == 404 and not response.get("Content-Type", "").startswith("application/json"):
            return _json(NotFound())
        return response
