"""Whole-page caching for anonymous visitors that never serves a stale night.

One rule, in one place:

- A page is cached only for an anonymous GET (no session cookie) that answered 200, set no
  cookie, used no CSRF token and did not say `Cache-Control: private/no-store/no-cache`.
- The cache key carries the site-wide *generation*: any save, delete or many-to-many change of
  a public model (every app but those in IGNORED_APPS) replaces it, so every process sees every
  page as new at once. The generation lives in the shared cache (Redis, or the database table),
  never in one process's memory.
- The key also carries the current minute, and an entry lives at most until the next minute and
  never past the next publish_from/publish_until boundary. That covers the 06:00 change of
  night, offer states, and "last bus in 40 min" countdowns, all of which move by the minute.

The catch: QuerySet.update(), bulk_create() and raw SQL send no signals. Code that writes
public rows that way must call `bump()` itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.cache import set_response_etag

log = logging.getLogger(__name__)

GENERATION_KEY = "nightlife:generation"
# Models in these apps are not shown on public pages; their writes (logins, sessions, admin
# history, failed-login records) must not empty the page cache.
IGNORED_APPS = {"admin", "auth", "contenttypes", "sessions", "axes", "reversion"}
UNCACHEABLE_CACHE_CONTROL = ("private", "no-store", "no-cache")


# --- The generation ----------------------------------------------------------------------------

def _new_generation() -> str:
    # Time first (read back by `generation_age`), then randomness: a generation lost to cache
    # eviction is replaced by a new one, never by an old value whose pages may still be cached.
    return f"{time.time():.3f}-{uuid.uuid4().hex[:12]}"


def generation() -> str:
    """The current generation token (one cache read; creates one if the cache lost it)."""
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, _new_generation(), timeout=None)
        token = cache.get(GENERATION_KEY) or _new_generation()
    return token


def generation_age(token: str) -> float:
    """Seconds since `token` was made (how long ago the last editor's save was)."""
    return time.time() - float(token.split("-", 1)[0])


def bump() -> None:
    """Make every cached page stale on every process: now, and again once the transaction commits.

    The second bump matters: between the first and the commit another process may render the old
    rows under the new generation.
    """
    _set_new_generation()
    transaction.on_commit(_set_new_generation)


def _set_new_generation() -> None:
    try:
        # A savepoint: with the database cache, a failed write (no cache table yet) must not
        # abort the caller's transaction on PostgreSQL, e.g. a first `migrate`.
        with transaction.atomic():
            cache.set(GENERATION_KEY, _new_generation(), timeout=None)
    except Exception as error:  # an unreachable cache must not fail an editor's save
        # e.g. during the first `migrate`, before `createcachetable`: nothing is cached yet.
        log.warning("could not bump the page cache generation: %s", error)


def _is_public(model) -> bool:
    return model._meta.app_label not in IGNORED_APPS


def _on_change(sender, **kwargs):
    if _is_public(sender):
        bump()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and _is_public(sender):
        bump()


def connect_signals() -> None:
    """Called once from NightlifeConfig.ready(), so every process (web, shell, commands) bumps."""
    post_save.connect(_on_change, dispatch_uid="nightlife.cache.post_save")
    post_delete.connect(_on_change, dispatch_uid="nightlife.cache.post_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="nightlife.cache.m2m_changed")


# --- How long a page may live --------------------------------------------------------------------

def _publishable_models():
    from core.publishing import Publishable

    return [m for m in apps.get_models() if issubclass(m, Publishable) and _is_public(m)]


def next_publish_boundary(gen: str, now: dt.datetime) -> dt.datetime | None:
    """The next publish_from/publish_until after `now` of any row, draft or not, or None.

    Queries the database (one aggregate per publishable model) once per generation: new
    boundaries only appear through a save, which makes a new generation.
    """
    key = f"nightlife:boundary:{gen}"
    stored = cache.get(key)
    if stored is not None:
        computed_at, boundary = stored
        if computed_at <= now and (boundary is None or boundary > now):
            return boundary
    candidates = []
    for model in _publishable_models():
        # Two ORDER BY ... LIMIT 1 subqueries in one statement: each walks its column's index,
        # where MIN(...) FILTER (...) would scan the whole table.
        rows = model._base_manager
        first = {f"next_{field}": Subquery(rows.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1])
                 for field in ("publish_from", "publish_until")}
        row = rows.order_by().values(**first).first() or {}
        candidates += [value for value in row.values() if value is not None]
    boundary = min(candidates, default=None)
    cache.set(key, (now, boundary), timeout=24 * 3600)
    return boundary


def page_timeout(gen: str, now: dt.datetime | None = None) -> int:
    """Seconds a page rendered now may be served: at most PAGE_CACHE_SECONDS, never past the next
    minute (clocks, countdowns, 06:00) nor the next publish boundary. 0 means do not cache."""
    now = now or timezone.now()
    to_next_minute = 60 - (now.second + now.microsecond / 1e6)
    seconds = min(settings.PAGE_CACHE_SECONDS, to_next_minute)
    boundary = next_publish_boundary(gen, now)
    if boundary is not None:
        seconds = min(seconds, (boundary - now).total_seconds())
    return int(seconds)


# --- The middleware ----------------------------------------------------------------------------

def _is_anonymous_read(request) -> bool:
    return request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _may_store(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in UNCACHEABLE_CACHE_CONTROL))


def page_key(request, gen: str, now: dt.datetime) -> str:
    """generation + minute + language + the absolute URL (host, path and query string)."""
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    minute = int(now.timestamp() // 60)
    return f"nightlife:page:{gen}:{minute}:{getattr(request, 'LANGUAGE_CODE', '')}:{url}"


class PageCacheMiddleware:
    """Serve and store whole anonymous pages (see the module docstring for the rules).

    Place it after LocaleMiddleware (the key uses the request's language) and inside the
    security, CSP, ETag and Cache-Control middleware (their headers are added to every hit,
    never stored, and a hit still answers If-None-Match with a 304). A cache
    that cannot be reached is skipped, not fatal: pages are then rendered each time.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_anonymous_read(request):
            return self.get_response(request)
        request.get_host()  # a Host not in ALLOWED_HOSTS raises here: a 400, not a cache failure
        now = timezone.now()
        enabled = settings.PAGE_CACHE_SECONDS > 0
        try:
            gen = generation()
            key = page_key(request, gen, now)
            cached = cache.get(key) if enabled else None
        except Exception as error:
            log.warning("page cache unreachable; rendering without it: %s", error)
            return self.get_response(request)
        if cached is not None:
            return cached
        # Let the replica serve this page only well after the last save (see db_router).
        from nightlife import db_router

        with db_router.replica_reads(generation_age(gen) > settings.DATABASE_REPLICA_LAG_SECONDS):
            response = self.get_response(request)
        if enabled and _may_store(request, response):
            try:
                timeout = page_timeout(gen, now)
                if timeout > 0:
                    # Stored with its ETag, so a hit is not hashed again on its way out.
                    set_response_etag(response)
                    cache.set(key, response, timeout)
            except Exception as error:
                log.warning("could not store a page in the cache: %s", error)
        return response
