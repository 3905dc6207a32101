"""Whole pages for anonymous visitors, answered at the front door, never a stale night.
(docs/caching.md says what is cached, keyed by what, and how it goes stale.)

The rules, in one place:

- A page is cached only for an anonymous GET (no session cookie) that answered 200, set no
  cookie, used no CSRF token and did not say `Cache-Control: private/no-store/no-cache`. It is
  stored as it left the site, every header final (CSP, ETag, Cache-Control, Vary,
  Content-Language, Content-Encoding), so a hit is answered before any other middleware runs.
- The key is the address (scheme, host, path) with only the query parameters the page reads,
  sorted, empty ones dropped (PARAMETERS): `?_r=123` or `?utm_source=x` is the same page and the
  same entry. The page itself is rendered from that same cleaned query, so a visitor's stray
  parameter never ends up in the links of the copy everybody gets. Compressed and plain copies
  are kept apart (Vary: Accept-Encoding).
- Every entry carries the site-wide *generation* it was rendered under: any save, delete or
  many-to-many change of a public model (nightlife.public.is_public) replaces it, so
  every process sees every page as old at once. The generation and the page come back in one
  round trip; an entry of another generation is a miss. The generation lives in the database,
  written in the transaction of the change, and the shared cache (Redis, or the database table)
  holds a copy trusted for a few seconds; never in one process's memory.
- The key also carries the current minute, and an entry lives at most until the next minute and
  never past the next publish_from/publish_until boundary. That covers the 06:00 change of
  night, offer states, and "last bus in 40 min" countdowns, all of which move by the minute.

The catch: QuerySet.update(), bulk_create() and raw SQL send no signals. Code that writes
public rows that way must call `bump()` itself.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
import hashlib
import logging
import re
import time
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.core.exceptions import DisallowedHost
from django.contrib import messages
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.db.models import Min, Value
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.cache import get_conditional_response, get_max_age, patch_cache_control, set_response_etag

from api.middleware import is_api
from core import freshness
from core.nighttime import NIGHT_STARTS, moment_on_night, night_of
from core.publishing import Publishable
from events.filters import EventFilter
from nightlife import db_router
from nightlife.limits import MAX_URL_LENGTH
from nightlife.public import is_public

log = logging.getLogger(__name__)

GENERATION_KEY = "nightlife:generation"
UNCACHEABLE_CACHE_CONTROL = ("private", "no-store", "no-cache")
ACCEPTS_GZIP = re.compile(r"\bgzip\b")  # as django.middleware.gzip reads Accept-Encoding


# --- The shared cache's client -----------------------------------------------------------------

class _ReusedClient(RedisCacheClient):
    """Django's client builds a new redis.Redis object on every call (about 0.14 ms, as much as
    the round trip itself); this one keeps one per connection pool (thread-safe)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_reused", {})
        if pool not in clients:
            clients[pool] = self._client(connection_pool=pool)
        return clients[pool]


class RedisCache(DjangoRedisCache):
    """django.core.cache.backends.redis.RedisCache with one client object per process (see
    _ReusedClient): settings' CACHES use it when REDIS_URL is set."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient


# --- Pieces: the template fragments' cache ---------------------------------------------------------

class _Pieces:
    """One anonymous page's pieces: those read (found, or None), and those rendered, kept in
    one round trip per timeout once the page is done (`keep_rendered_pieces`)."""

    def __init__(self):
        self.known: dict = {}
        self.rendered: dict = {}  # (cache alias, timeout): {key: piece}


# None outside a page the front door takes (editors, previews, the admin, the API): there no
# piece is read or kept.
_pieces: contextvars.ContextVar[_Pieces | None] = contextvars.ContextVar("nightlife_pieces", default=None)


class PieceCache(BaseCache):
    """The cache behind Django's {% cache %} tag (the "template_fragments" alias): the shared
    cache (LOCATION names its alias), for anonymous pages only.

    - The pieces a view asked for in one get_many (core.pieces) are answered from memory for the
      rest of that request: a page's cards cost one round trip, not one each; the pieces it
      rendered are kept together after the page is done.
    - Outside an anonymous page (an editor's, a preview of unsaved changes, a page rendered
      without a request) nothing is read or stored: such a page renders every piece itself.
    - A cache that cannot be reached reads as empty and keeps nothing, with a warning: pages
      render all their pieces, as without a cache.
    """

    def __init__(self, location, params):
        super().__init__(params)
        self.alias = location or "default"

    def get_many(self, keys, version=None):
        pieces = _pieces.get()
        if pieces is None:
            return {}
        try:
            found = caches[self.alias].get_many(keys, version=version)
        except Exception as error:
            log.warning("pieces unreachable; rendering them: %s", error)
            found = {}
        pieces.known.update({key: found.get(key) for key in keys})
        return found

    def get(self, key, default=None, version=None):
        pieces = _pieces.get()
        if pieces is None:
            return default
        if key not in pieces.known:
            self.get_many([key], version=version)
        value = pieces.known.get(key)
        return default if value is None else value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        pieces = _pieces.get()
        if pieces is not None:
            pieces.known[key] = value
            pieces.rendered.setdefault((self.alias, timeout), {})[key] = value


def keep_rendered_pieces(pieces: _Pieces) -> None:
    """Store the pieces a page rendered: one set_many (one round trip) per cache and timeout."""
    for (alias, timeout), rendered in pieces.rendered.items():
        try:
            caches[alias].set_many(rendered, timeout)
        except Exception as error:
            log.warning("could not keep %s pieces: %s", len(rendered), error)


# --- The generation ----------------------------------------------------------------------------
# The source of truth is the database (nightlife.models.CacheGeneration), written inside the
# transaction of the change itself: a save and its new generation commit, or roll back,
# together. The shared cache keeps a copy that readers trust for GENERATION_CONFIRM_SECONDS;
# the copy is replaced once the change commits. So a copy that could not be replaced (the
# cache cut off during the save), one culled or evicted, or an old one brought back by a
# restarted Redis is read again from the database within those seconds, and pages and pieces
# of an older generation are never read again.

GENERATION_CONFIRM_SECONDS = 5
# A cache that does not answer is asked again this many times before the editor is told.
PUBLISH_ATTEMPTS = 3


def _new_generation() -> str:
    # Time first (read back by `generation_age`), then randomness: never an old value whose pages
    # may still be cached.
    return f"{time.time():.3f}-{uuid.uuid4().hex[:12]}"


class _Publish:
    """The on-commit step of a transaction's bumps (one per transaction): copy its latest
    generation to the shared cache. Until then it is the generation this thread's own reads
    use (`_pending`), since only this connection sees the uncommitted rows."""

    def __init__(self, token: str):
        self.token = token

    def __call__(self) -> None:
        _publish(self.token)


# The saves of the current request whose new generation could not reach the shared cache
# (SaveNoticeMiddleware tells the editor); None outside a request.
_unpublished: contextvars.ContextVar[list | None] = contextvars.ContextVar("nightlife_unpublished", default=None)


def _publish(token: str) -> bool:
    error, failures = None, _unpublished.get()
    # Once this request has found the cache not answering, its other copies are tried once.
    for _ in range(1 if failures else PUBLISH_ATTEMPTS):
        try:
            cache.set(GENERATION_KEY, token, GENERATION_CONFIRM_SECONDS)
            return True
        except Exception as failure:  # an unreachable cache must not fail an editor's save
            error = failure
    log.warning("could not bump the page cache generation (%s attempts): %s; pages follow the database's "
                "within %s s", PUBLISH_ATTEMPTS, error, GENERATION_CONFIRM_SECONDS)
    if failures is not None:
        failures.append(token)
    global _copy_outdated
    _copy_outdated = True
    return False


# True after this process could not replace the cache's copy of the generation: the next time
# it reaches the cache it removes the copy (readers then take the database's), so a cache that
# comes back (after a cut, or restarted with its saved data) does not wait out the copy's seconds.
_copy_outdated = False


def _forget_outdated_copy() -> None:
    global _copy_outdated
    if _copy_outdated:
        try:
            cache.delete(GENERATION_KEY)
            _copy_outdated = False
        except Exception as error:
            log.warning("page cache still unreachable: %s", error)


def _pending() -> str | None:
    """The generation this thread's open transaction has made and not yet committed, or None."""
    connection = connections[DEFAULT_DB_ALIAS]
    if not connection.in_atomic_block:
        return None
    publishes = [func for _, func, _ in connection.run_on_commit if isinstance(func, _Publish)]
    return publishes[-1].token if publishes else None


def _from_database() -> str:
    """The committed generation (one query; creates the row on a database that has none)."""
    from nightlife.models import CacheGeneration

    rows = CacheGeneration.objects.using(DEFAULT_DB_ALIAS)
    token = rows.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        token = _new_generation()
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            rows.get_or_create(pk=1, defaults={"token": token})
        token = rows.filter(pk=1).values_list("token", flat=True).first()
    return token


_UNREAD = object()


def generation(cached=_UNREAD) -> str:
    """The current generation: this thread's uncommitted one, else `cached` (the shared cache's
    copy, when the caller has read it already, None if missing), else the cache's copy, else the database's, then
    copied to the cache for GENERATION_CONFIRM_SECONDS. Queries the database when the copy is
    missing; raises when neither the cache nor the database answers."""
    if token := _pending():
        return token
    if cached is _UNREAD:
        cached = None
        try:
            cached = cache.get(GENERATION_KEY)
        except Exception as error:
            log.warning("page cache unreachable; reading the generation from the database: %s", error)
    if cached is not None:
        return cached
    token = _from_database()
    try:
        # add, not set: a save committed since the read above has already put the newer one there.
        cache.add(GENERATION_KEY, token, GENERATION_CONFIRM_SECONDS)
    except Exception as error:
        log.warning("could not keep the generation in the cache: %s", error)
    return token


# The generation of the page being rendered (set by the front door for its request), so that
# what is read below the project (core.freshness: a night's changes) costs no round trip.
_request_generation: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "nightlife_request_generation", default=None)


def current_generation() -> str:
    """The generation the code below the project keys what it keeps by (core.freshness): this
    thread's uncommitted one, else the one the front door read for this request, else
    generation() (a cache round trip, or a query)."""
    if token := _pending():
        return token
    return _request_generation.get() or generation()


def generation_age(token: str) -> float:
    """Seconds since `token` was made (how long ago the last editor's save was)."""
    return time.time() - float(token.split("-", 1)[0])


def bump() -> None:
    """Make every cached page and piece stale on every process once the current transaction
    commits (at once outside one): the new generation is written to the database inside the
    transaction, and copied to the shared cache on commit. A transaction rolled back (a preview,
    a version opened in History) leaves the cache alone. Until the commit, this thread's own
    reads use the new generation (it alone sees the new rows)."""
    from nightlife.models import CacheGeneration

    token = _new_generation()
    try:
        # A savepoint: before `migrate` has made the table, a failed write must not abort the
        # caller's transaction (PostgreSQL).
        with transaction.atomic(using=DEFAULT_DB_ALIAS):
            rows = CacheGeneration.objects.using(DEFAULT_DB_ALIAS)
            if not rows.filter(pk=1).update(token=token):
                rows.create(pk=1, token=token)
    except DatabaseError as error:
        log.warning("could not record the page cache generation: %s", error)
    connection = connections[DEFAULT_DB_ALIAS]
    publishes = [(sids, func) for sids, func, _ in connection.run_on_commit if isinstance(func, _Publish)]
    if connection.in_atomic_block and publishes and publishes[-1][0] == set(connection.savepoint_ids):
        # One copy to the cache per transaction and savepoint, of its latest generation (a
        # savepoint rolled back takes its own away, and leaves the outer one as it was).
        publishes[-1][1].token = token
    else:
        transaction.on_commit(_Publish(token), using=DEFAULT_DB_ALIAS)


class SaveNoticeMiddleware:
    """After MessageMiddleware: an editor whose save committed but whose new generation could
    not reach the shared cache is told so (a warning on the next page), instead of the save
    passing as done everywhere when for a few seconds it is not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        failures = []
        token = _unpublished.set(failures)
        try:
            response = self.get_response(request)
        finally:
            _unpublished.reset(token)
        if failures and hasattr(request, "_messages"):
            messages.warning(request, gettext(
                "Saved. The site's cache did not answer, so visitors may see the previous version for up to "
                "%(seconds)s more seconds.") % {"seconds": GENERATION_CONFIRM_SECONDS})
        return response


def _is_public(model) -> bool:
    # Logins, sessions, admin history, failed logins and the generation itself are not shown
    # on public pages: their writes must not empty the page cache.
    return is_public(model)


def _on_change(sender, **kwargs):
    if _is_public(sender):
        bump()


def _on_m2m_change(sender, action, **kwargs):
    if action.startswith("post_") and _is_public(sender):
        bump()


def connect_signals() -> None:
    """Called once from NightlifeConfig.ready(), so every process (web, shell, commands) bumps,
    and the apps read the generation (core.freshness)."""
    freshness.provide(current_generation)
    post_save.connect(_on_change, dispatch_uid="nightlife.cache.post_save")
    post_delete.connect(_on_change, dispatch_uid="nightlife.cache.post_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="nightlife.cache.m2m_changed")


# --- How long a page may live --------------------------------------------------------------------

# The last boundary this process looked up: (generation, looked up at, boundary).
_boundary: tuple[str, dt.datetime, dt.datetime | None] | None = None


def next_publish_boundary(gen: str | None, now: dt.datetime) -> dt.datetime | None:
    """The next publish_from/publish_until after `now` of any row, draft or not, or None
    (`gen` None: the generation is unknown, looked up afresh).

    One query (a UNION ALL of one MIN per column and publishable model, each answered from its
    column's index), once per generation and process: new boundaries only appear through a
    save, which makes a new generation. The catch: a row written without signals (see bump)
    is seen at the next generation.
    """
    global _boundary
    if _boundary is not None and gen is not None:
        known_gen, looked_up_at, boundary = _boundary
        if known_gen == gen and looked_up_at <= now and (boundary is None or boundary > now):
            return boundary
    parts = [model._base_manager.filter(**{f"{field}__gt": now}).order_by()
             # Grouped by a constant: one MIN over the matching rows, no GROUP BY.
             .annotate(one=Value(1)).values("one").annotate(next=Min(field)).values_list("next", flat=True)
             for model in apps.get_models() if issubclass(model, Publishable) and _is_public(model)
             for field in ("publish_from", "publish_until")]
    boundary = min(filter(None, parts[0].union(*parts[1:], all=True)), default=None) if parts else None
    _boundary = (gen, now, boundary)
    return boundary


def page_timeout(gen: str, now: dt.datetime | None = None) -> int:
    """Seconds a page rendered now may be served: at most PAGE_CACHE_SECONDS, never past the next
    minute (clocks, countdowns, 06:00) nor the next publish boundary. 0 means do not cache.
    Queries the database once per generation (next_publish_boundary)."""
    now = now or timezone.now()
    to_next_minute = 60 - (now.second + now.microsecond / 1e6)
    seconds = min(settings.PAGE_CACHE_SECONDS, to_next_minute)
    boundary = next_publish_boundary(gen, now)
    if boundary is not None:
        seconds = min(seconds, (boundary - now).total_seconds())
    return int(seconds)


# The next 06:00 this process worked out (core.nighttime), reused until it passes.
_change_of_night: dt.datetime | None = None


def _next_change_of_night(now: dt.datetime) -> dt.datetime:
    global _change_of_night
    known = _change_of_night
    if known is None or not known - dt.timedelta(days=1) <= now < known:
        known = _change_of_night = moment_on_night(night_of(now) + dt.timedelta(days=1), NIGHT_STARTS)
    return known


def cap_browser_lifetime(response, gen: str, now: dt.datetime | None = None):
    """A public answer's max-age cut so that a browser keeps it neither past the next change of
    night (06:00, core.nighttime) nor past the next publish boundary: a copy the browser reuses
    without asking is then never of another night or another state of a listing. Applied when a
    page is rendered and again on every hit (time has passed since it was stored). Queries the
    database once per generation (next_publish_boundary)."""
    cache_control = response.get("Cache-Control", "")
    if "public" not in cache_control or "max-age" not in cache_control or "immutable" in cache_control:
        return response  # not public, or a file whose name changes with its content
    now = now or timezone.now()
    ends = [_next_change_of_night(now)]
    if (boundary := next_publish_boundary(gen, now)) is not None:
        ends.append(boundary)
    seconds = max(0, int(min((end - now).total_seconds() for end in ends)))
    if seconds < (get_max_age(response) or 0):
        patch_cache_control(response, max_age=seconds)  # keeps the smaller of the two
    return response


# --- Which query parameters a page reads ----------------------------------------------------------

# Function views that read parameters, by URL name. Class-based lists read their FilterSet's
# parameters, and "page" when they paginate (_parameters below); every other page reads none.
PARAMETERS = {
    "search": {"q"},
    "search-suggest": {"q"},
    "events:feed": set(EventFilter.base_filters),
    "sitemap": {"p"},  # django.contrib.sitemaps' page number
}


@functools.lru_cache(maxsize=2048)
def _view_at(urlconf: str, path: str) -> tuple[str | None, type | None]:
    """(URL name, view class) of the page at `path`, remembered per process: resolving costs
    more than the rest of a hit."""
    # Resolving /en/... needs English active (i18n_patterns); this runs before LocaleMiddleware.
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        try:
            match = resolve(path, urlconf)
        except Resolver404:
            return None, None
    return match.view_name, getattr(match.func, "view_class", None)


def page_parameters(path: str) -> set[str]:
    """The query parameters the page at `path` reads."""
    name, view = _view_at(settings.ROOT_URLCONF, path)
    names = set(PARAMETERS.get(name, ()))
    if filterset := getattr(view, "filterset_class", None):
        names |= set(filterset.base_filters)
    if getattr(view, "paginate_by", None):
        names.add(view.page_kwarg)
    return names


def clean_query(request) -> str:
    """The query string reduced to the parameters the page reads, sorted by name (each name's
    values in their order), empty values dropped; still percent-encoded as sent (read as text,
    not parsed: this runs on every hit). When something was dropped the request is changed to
    it, so the page is rendered from exactly what its key says."""
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return ""
    names = page_parameters(request.path_info)
    pairs = [pair.partition("=") for pair in query.split("&") if pair]
    kept = sorted(((name, value) for name, _, value in pairs if name in names and value), key=lambda pair: pair[0])
    cleaned = "&".join(f"{name}={value}" for name, value in kept)
    if len(kept) < len(pairs):
        request.META["QUERY_STRING"] = cleaned
        request.__dict__.pop("GET", None)  # read again from the cleaned query
    return cleaned


# --- Serving and storing pages -------------------------------------------------------------------

def _may_store(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (request.method == "GET"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not any(word in cache_control for word in UNCACHEABLE_CACHE_CONTROL))


def _page_key(address: str, now: dt.datetime) -> str:
    """The minute, the release (a deploy's templates and translations: core.freshness) and the
    address."""
    return (f"nightlife:page:{int(now.timestamp() // 60)}:{freshness.release()}:"
            f"{hashlib.sha256(address.encode()).hexdigest()}")


class _PageCache:
    """Serve a stored page for an anonymous GET or HEAD, else render it and store it.

    A cache that cannot be reached is skipped, not fatal: pages are then rendered each time.
    Subclasses say which requests they take (`takes`) and what besides the URL tells their pages
    apart (`address`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def takes(self, request) -> bool:
        raise NotImplementedError

    def address(self, request) -> str:
        raise NotImplementedError

    def final(self, response):
        """The response as stored (a hit is this, from the cache)."""
        return response

    def __call__(self, request):
        if (request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES
                or not self.takes(request)):
            return self.get_response(request)
        now = timezone.now()
        enabled = settings.PAGE_CACHE_SECONDS > 0
        key = _page_key(self.address(request), now)
        _forget_outdated_copy()
        try:
            found = cache.get_many([GENERATION_KEY, key] if enabled else [GENERATION_KEY])
            gen = generation(found.get(GENERATION_KEY))
        except Exception as error:
            log.warning("page cache unreachable; rendering without it: %s", error)
            response = self.get_response(request)
            with contextlib.suppress(DatabaseError):
                cap_browser_lifetime(response, None, now)
            return response
        # What pieces are keyed by (templates' {% cache %}, core.pieces): the generation and the
        # release; also the key under which this process remembers the next publish boundary
        # (cap_browser_lifetime here and in PublicCacheMiddleware).
        request.cache_generation = kept_under = f"{gen}:{freshness.release()}"
        entry = found.get(key)
        if entry is not None and entry[0] == gen:
            response = cap_browser_lifetime(entry[1], kept_under, now)
            if "HTTP_IF_NONE_MATCH" in request.META:
                return get_conditional_response(request, etag=response.get("ETag"), response=response)
            return response
        # Pieces that say what time it is are keyed by the minute too (request.cache_minute).
        request.cache_minute = int(now.timestamp() // 60)
        pieces = _Pieces()
        token, generation_token = _pieces.set(pieces), _request_generation.set(gen)
        try:
            # Let the replica serve this page only well after the last save (see db_router).
            with db_router.replica_reads(generation_age(gen) > settings.DATABASE_REPLICA_LAG_SECONDS):
                response = self.get_response(request)
        finally:
            _pieces.reset(token)
            _request_generation.reset(generation_token)
        keep_rendered_pieces(pieces)
        cap_browser_lifetime(response, kept_under, now)
        if enabled and _may_store(request, response):
            try:
                timeout = page_timeout(kept_under, now)
                if timeout > 0:
                    cache.set(key, (gen, self.final(response)), timeout)
            except Exception as error:
                log.warning("could not store a page in the cache: %s", error)
        return response


class PageCacheMiddleware(_PageCache):
    """The front door: first in MIDDLEWARE after HeadMiddleware. A hit costs one cache round trip
    (the generation and the page together) and no session, locale, CSRF, auth, messages or CSP
    work: the stored page already has every header. Not for /api/ (ApiCacheMiddleware), static
    files, over-long addresses (the 414 inside), an unknown Host (the 400 inside), nor plain HTTP
    when HTTPS is required (the redirect inside)."""

    def takes(self, request) -> bool:
        if len(request.META.get("PATH_INFO", "")) + len(request.META.get("QUERY_STRING", "")) >= MAX_URL_LENGTH:
            return False
        if request.path_info.startswith(f"/{settings.STATIC_URL.lstrip('/')}") or is_api(request):
            return False
        if settings.SECURE_SSL_REDIRECT and not request.is_secure():
            return False
        try:
            request.get_host()
        except DisallowedHost:
            return False
        return True

    def address(self, request) -> str:
        encoding = "gzip" if settings.COMPRESS_RESPONSES and ACCEPTS_GZIP.search(
            request.META.get("HTTP_ACCEPT_ENCODING", "")) else ""
        return f"{request.scheme}://{request.get_host()}{request.path}?{clean_query(request)} {encoding}"


class ApiCacheMiddleware(_PageCache):
    """The same cache for the partners' API (/api/), inside the stack: after ApiMiddleware, which
    sets the client's language (Accept-Language, part of the key) and counts the rate limit for
    cached answers too. Its answers are stored before the outer middleware, which add their
    headers (and compress) on every hit; the ETag is stored, so a hit is not hashed again.
    The key holds everything an answer varies on: the language and the Accept header (JSON or
    YAML for the schema, JSON's `indent`); Origin and Accept-Encoding are the outer
    middleware's, applied on every hit."""

    def takes(self, request) -> bool:
        return is_api(request)

    def address(self, request) -> str:
        accept = request.META.get("HTTP_ACCEPT", "")
        return f"{request.LANGUAGE_CODE} {accept!r} {request.build_absolute_uri()}"

    def final(self, response):
        set_response_etag(response)
        return response
