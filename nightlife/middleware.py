"""The project's own middleware, each doing what Django, gunicorn and nginx do not (the page
cache's are in nightlife/cache.py, the API's language and rate limit in api/middleware.py;
settings.MIDDLEWARE gives the order and why):

- HeadMiddleware: a HEAD answered as its GET, headers and ETag included, without the body.
- DatabaseUnavailableMiddleware: the designed 503 when the database is lost.
- RequestLimitsMiddleware: a plain 414 or 413 before any view (gunicorn and nginx refuse only
  beyond these, with bare pages of their own).
- CompressionMiddleware: gzip for the API, and for pages when no proxy compresses.
- PublicCacheMiddleware: Cache-Control by who asks.
- AdminLanguageMiddleware: the admin in its editor's language.
- MethodNotAllowedMiddleware: 405 for writes to a page that only reads, before the CSRF check.
"""

import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from api.middleware import is_api
from nightlife.cache import cap_browser_lifetime
from nightlife.errors import database_unavailable, is_database_down
from nightlife.limits import MAX_BODY_BYTES, MAX_URL_LENGTH

log = logging.getLogger(__name__)


class HeadMiddleware:
    """A HEAD request gets the GET's status and headers (Content-Length and ETag included) and no
    body, as RFC 9110 says; Django leaves that to the server, and gunicorn logs a warning for every
    HEAD whose body it has to drop. Outermost in MIDDLEWARE, so every header still comes from the
    full page, whether rendered, from the page cache or a static file."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        # Inside, a HEAD is the GET it stands for: Django's ConditionalGetMiddleware, for one,
        # gives an ETag to GETs only, which left rendered HEADs without one.
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []
        else:
            response.content = b""
        return response


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


# What is worth compressing: pages, JSON, calendars, feeds and sitemaps, scripts. Not photos,
# which are compressed already (uploaded files pass through Django under `make run`).
COMPRESSED_TYPES = ("text/", "application/json", "application/manifest+json", "application/javascript",
                    "application/xml", "application/rss+xml", "application/atom+xml")


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for the API's answers always, and for text answers (pages, JSON,
    calendars, feeds, sitemaps) when COMPRESS_RESPONSES is true (the default: `make run` and
    `make serve` have no proxy in front); behind nginx, which compresses itself,
    COMPRESS_RESPONSES=false leaves pages to it. Outside ConditionalGetMiddleware: the ETag is
    of the plain answer, made weak once compressed, and still matches If-None-Match. Static
    files are served compressed by WhiteNoise before this runs."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.compress_pages = settings.COMPRESS_RESPONSES

    def process_response(self, request, response):
        if is_api(request) or (self.compress_pages
                               and response.get("Content-Type", "").startswith(COMPRESSED_TYPES)):
            return super().process_response(request, response)
        return response


PUBLIC_MAX_AGE = 60


def is_private(request, response) -> bool:
    """True for a logged-in user's response or a draft preview (the page's `is_preview`)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    context = getattr(response, "context_data", None) or {}
    return bool(context.get("is_preview"))


class PublicCacheMiddleware:
    """Cache headers so that a reload on a weak signal costs a 304, never an editor's page in a cache.

    Django's ConditionalGetMiddleware (outside this one) adds an ETag to every full response and
    answers a matching If-None-Match with 304 Not Modified. This middleware adds Cache-Control:
    - `public, max-age=60` on successful GET/HEAD pages for anonymous visitors: a phone may reuse
      the page for a minute and then revalidate with its ETag. Short, because pages say "last bus in
      40 min"; shorter before 06:00 and a publish boundary (nightlife.cache.cap_browser_lifetime).
      `Vary: Cookie` keeps a logged-in editor from getting a cached anonymous copy.
    - `private, no-cache` whenever an editor is logged in or the page is a draft preview, whatever
      the status: shared caches must not keep it and the browser must revalidate.
    Responses that already say how to cache (the admin's never_cache) or set a cookie are left alone.
    The language is in the path (/en/...), so each language is its own cache entry."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        if is_private(request, response):
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ("Cookie",))
        elif response.status_code == 200 and not response.cookies and not response.streaming:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            patch_vary_headers(response, ("Cookie",))
            # Never past 06:00 nor a publish boundary (the API's answers: the page cache caps pages
            # on every hit too).
            cap_browser_lifetime(response, getattr(request, "cache_generation", None))
        return response


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


class MethodNotAllowedMiddleware:
    """PUT, PATCH and DELETE on an address that does not take them: 405 with Allow, before the
    CSRF check would refuse them with a 403. A class-based view names its own methods; the
    function views outside the admin and the language button only read (GET, HEAD). Nothing on
    this site takes these methods; a view that does is let through. Place before CsrfViewMiddleware."""

    WRITES = ("PUT", "PATCH", "DELETE")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @cached_property
    def form_prefixes(self) -> tuple[str, ...]:
        return reverse("admin:index"), reverse("set_language")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in self.WRITES or getattr(view_func, "csrf_exempt", False):
            return None  # csrf_exempt views (the API) answer such methods themselves
        view_class = getattr(view_func, "view_class", None)
        if view_class is not None:
            if hasattr(view_class, request.method.lower()):
                return None
            view = view_class(**view_func.view_initkwargs)
            view.setup(request, *view_args, **view_kwargs)  # adds HEAD where there is GET
            return HttpResponseNotAllowed(view._allowed_methods())
        if request.path_info.startswith(self.form_prefixes):
            return None
        return HttpResponseNotAllowed(["GET", "HEAD"])
