"""HTTP semantics around the pages: HEAD without a body, 405 for methods a page does not take,
and cache headers.

Cache headers so that a reload on a weak signal costs a 304, never an editor's page in a cache.

Django's ConditionalGetMiddleware (outside this one) adds an ETag to every full response and
answers a matching If-None-Match with 304 Not Modified. This middleware adds Cache-Control:
- `public, max-age=60` on successful GET/HEAD pages for anonymous visitors: a phone may reuse
  the page for a minute and then revalidate with its ETag. Short, because pages say "last bus in
  40 min"; shorter before 06:00 and a publish boundary (nightlife.cache.cap_browser_lifetime).
  `Vary: Cookie` keeps a logged-in editor from getting a cached anonymous copy.
- `private, no-cache` whenever an editor is logged in or the page is a draft preview, whatever
  the status: shared caches must not keep it and the browser must revalidate.
Responses that already say how to cache (the admin's never_cache) or set a cookie are left alone.
The language is in the path (/en/...), so each language is its own cache entry.
"""

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponseNotAllowed
from django.middleware.gzip import GZipMiddleware
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import cached_property

from nightlife.cache import cap_browser_lifetime

PUBLIC_MAX_AGE = 60


def is_private(request, response) -> bool:
    """True for a logged-in user's response or a draft preview (the page's `is_preview`)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    context = getattr(response, "context_data", None) or {}
    return bool(context.get("is_preview"))


class PublicCacheMiddleware:
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


# What is worth compressing: pages, JSON, calendars, feeds and sitemaps, scripts. Not photos,
# which are compressed already (uploaded files pass through Django under `make run`).
COMPRESSED_TYPES = ("text/", "application/json", "application/manifest+json", "application/javascript",
                    "application/xml", "application/rss+xml", "application/atom+xml")


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware for text answers, when COMPRESS_RESPONSES is true (the default:
    `make run` and `make serve` have no proxy in front). Behind nginx, which compresses itself,
    COMPRESS_RESPONSES=false removes it. Outside ConditionalGetMiddleware: the ETag is of the
    plain page, made weak once compressed, and still matches If-None-Match. Static files are
    served compressed by WhiteNoise before this runs."""

    def __init__(self, get_response):
        if not settings.COMPRESS_RESPONSES:
            raise MiddlewareNotUsed
        super().__init__(get_response)

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
