"""Settings for the 古都夜八点 portal, configured by environment variables (see README)."""

import datetime as dt
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from nightlife.logs import SITE_TIME_ZONE, stdout_logging

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything but the usual spellings is refused, not guessed."""

    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: use true or false")


def env_int(name: str, default: int) -> int:
    """Read a whole number; anything else is refused with the variable's name."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: use a whole number") from None


def env_list(name: str, default: str) -> list[str]:

    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def read_secret_key(debug: bool) -> str:
    """SECRET_KEY from the environment, else from SECRET_KEY_FILE (default .secret_key).

    `make run` writes that untracked file once. Without DEBUG there is no fallback: the
    process refuses to start rather than sign cookies with a known key.
    """

    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = Path(os.environ.get("SECRET_KEY_FILE", BASE_DIR / ".secret_key"))
    if key_file.is_file() and key_file.read_text().strip():
        return key_file.read_text().strip()
    if debug:
        return "django-insecure-development-only"
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Set the SECRET_KEY environment variable (or SECRET_KEY_FILE), "
        "or run `make secret` to write a local .secret_key."
    )


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = read_secret_key(DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# --- HTTPS and security headers (docs/deploy.md) -----------------------------------------------
# In production a proxy (nginx) terminates HTTPS and HTTPS=true. HTTPS=false, the default and
# what `make run` and `make serve` use, serves plain HTTP on loopback: no redirect to https, no
# HSTS, cookies without the Secure flag. `check --deploy` warns until HTTPS=true.
HTTPS = env_bool("HTTPS", False)
# Behind a proxy, trust the X-Forwarded-Proto and X-Real-IP it sets (and overwrites).
BEHIND_PROXY = env_bool("BEHIND_PROXY", HTTPS)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = HTTPS
# The proxy's health check talks plain HTTP to gunicorn directly.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS and env_bool("HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): our own files only, no inline script or style.
# <script type="application/ld+json"> data blocks are not scripts and are not blocked.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # The service worker (/sw.js) and the web app manifest, from this site only.
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "csp",
    "axes",  # failed admin logins, counted in the database every process shares
    "reversion",  # editors' history: a revision holds a listing and its inline rows
    "nightlife",  # the project: home, search, sitemaps, the plan loader, production plumbing
    "venues",
    "events",
    "transit",
    "api",  # the partners' read API under /api/v1/ (Django REST framework)
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI as our own static files
    "corsheaders",
    "editors",  # admin base classes, edit conflicts, history, the Editors group
    "photos",  # the photo base model, checks, renditions, admin inline
    "core",  # the ground: night time, bilingual names, publishing, filter bases
]

MIDDLEWARE = [
    # Outermost: HEAD answers keep every header of the full page and drop its body.
    "nightlife.middleware.HeadMiddleware",
    # The front door: whole anonymous pages from the shared cache, stored with every header the
    # middleware below adds, so a hit runs none of them (nightlife/cache.py, docs/caching.md).
    "nightlife.cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # CORS headers for /api/ (CORS_URLS_REGEX), also on answers other middleware gives.
    "corsheaders.middleware.CorsMiddleware",
    "nightlife.middleware.DatabaseUnavailableMiddleware",
    "nightlife.middleware.RequestLimitsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # gzip for /api/ always, for pages and JSON when COMPRESS_RESPONSES (no proxy compresses),
    # outside the ETag middleware.
    "nightlife.middleware.CompressionMiddleware",
    # ETag on every page and 304 for a matching If-None-Match; then Cache-Control by who asks
    # (nightlife/middleware.py). Both before the session, so they see its cookies and Vary.
    "django.middleware.http.ConditionalGetMiddleware",
    "nightlife.middleware.PublicCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "nightlife.middleware.AdminLanguageMiddleware",
    # /api/: the client's language and the per-address rate limit, then the API's answers from
    # the shared cache (keyed by that language), so that cached answers count too.
    "api.middleware.ApiMiddleware",
    "nightlife.cache.ApiCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    # PUT, PATCH, DELETE on a page that only reads: 405 with Allow, not the CSRF check's 403.
    "nightlife.middleware.MethodNotAllowedMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # An editor whose save could not reach the shared cache is told (nightlife/cache.py).
    "nightlife.cache.SaveNoticeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: answers a locked-out login with 429.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nightlife.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nightlife.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "nightlife.wsgi.application"

# SQLite by default so the first command just works; DATABASE_URL=postgres://... for production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# A read replica for anonymous pages (nightlife/db_router.py); everything else uses the primary.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60,
                                                 conn_health_checks=True)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["nightlife.db_router.PrimaryReplicaRouter"]
# Pages read from the primary for this long after an editor's save, so a lagging replica
# cannot put the old night back in the page cache.
DATABASE_REPLICA_LAG_SECONDS = env_int("DATABASE_REPLICA_LAG_SECONDS", 10)
# A database that does not answer fails fast (the 503 page) instead of hanging a worker.
for _db in DATABASES.values():
    if _db["ENGINE"].startswith("django.db.backends.postgresql"):
        _db.setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 3)
    elif _db["ENGINE"] == "django.db.backends.sqlite3":
        # SQLite has one write lock. Saves queue for it: a transaction takes it at BEGIN
        # (IMMEDIATE), where SQLite waits up to SQLITE_LOCK_TIMEOUT seconds. A transaction begun
        # the default way reads first and fails "database is locked" at once when it then
        # writes while another save holds the lock: no waiting is possible at that point.
        _db.setdefault("OPTIONS", {}).update(timeout=env_int("SQLITE_LOCK_TIMEOUT", 20),
                                             transaction_mode="IMMEDIATE")
        # Django's backend, except that only `migrate` creates a missing file, and a connection
        # whose file was replaced is opened again (nightlife/sqlite3/base.py).
        _db["ENGINE"] = "nightlife.sqlite3"

# The cache every process shares: Redis when REDIS_URL is set, else a table in the database
# (`manage.py createcachetable`). Never per-process memory: see nightlife/cache.py.
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "nightlife")
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {
        # Django's RedisCache, reusing one client object (nightlife/cache.py).
        "BACKEND": "nightlife.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        # A Redis that does not answer is skipped within a second, not waited for.
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    }}
else:
    CACHES = {"default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "nightlife_cache",
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }}
# Pieces of pages ({% cache %}: cards, bus rows, filter options) in that same cache, read many at
# a time and only for anonymous pages (nightlife.cache.PieceCache, docs/caching.md).
CACHES["template_fragments"] = {"BACKEND": "nightlife.cache.PieceCache", "LOCATION": "default"}
# Anonymous pages are cached at most this long, and never past the next minute or publish
# boundary (nightlife/cache.py). 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
# Pages, JSON and calendars leave gzipped by the app itself (nightlife.middleware.CompressionMiddleware);
# false behind nginx, whose gzip does it (docs/deploy.md).
COMPRESS_RESPONSES = env_bool("COMPRESS_RESPONSES", True)

# Admin login throttling (django-axes, database handler): after LOGIN_FAILURE_LIMIT failures
# from one address, logins from it are refused with 429 for LOGIN_COOLOFF_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "nightlife.lockout.client_ip"
AXES_VERBOSE = False
# The lockout is a page in the editor's language saying when to try again, with Retry-After;
# trying before then does not move that time (axes would otherwise restart the wait).
AXES_LOCKOUT_CALLABLE = "nightlife.lockout.lockout"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# After logging in: the admin, also when ?next= is missing or leads off the site.
LOGIN_REDIRECT_URL = "admin:index"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first; English for international visitors under /en/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = SITE_TIME_ZONE  # the logs write their times in it too (nightlife/logs.py)
USE_I18N = True
USE_TZ = True

# Uploaded files: on a folder every host shares (NFS) or object storage; nginx serves /media/.
# The default media/ folder (git-ignored) is for `make run` and `make dev` only.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = os.environ.get("MEDIA_URL") or "/media/"
# Django serves MEDIA_URL itself only with DEBUG or SERVE_MEDIA=true (`make run`, on loopback);
# in production nginx or object storage does (photos/media.py).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
if MEDIA_URL.startswith(("https://", "http://", "//")):
    # Photos from another host (object storage): the CSP must allow that origin for images.
    from urllib.parse import urlsplit

    _media = urlsplit(MEDIA_URL if not MEDIA_URL.startswith("//") else f"https:{MEDIA_URL}")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(f"{_media.scheme}://{_media.netloc}")
# Photo uploads: the first handler drops a file past 10 MB while it arrives (photos/media.py).
FILE_UPLOAD_HANDLERS = [
    "photos.media.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

STATIC_URL = "static/"
# collectstatic's output, which production serves (hashed, compressed names) through WhiteNoise.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- The partners' API (api/, docs/api.md) ------------------------------------------------------
# Requests per client address, e.g. 120/minute or 5000/day, counted in the shared cache; "off"
# when something in front (nginx's limit_req) limits instead.
API_RATE = os.environ.get("API_RATE", "120/minute").strip()
if API_RATE != "off" and not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", API_RATE):
    raise ImproperlyConfigured(f"API_RATE={API_RATE!r}: use a number of requests per second, minute, hour "
                               "or day, e.g. 120/minute, or off")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # No accounts: every client is anonymous, and sees what visitors see.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # The rate limit is api.middleware.ApiMiddleware's (before the page cache), at this rate.
    "DEFAULT_THROTTLE_RATES": {"anon": None if API_RATE == "off" else API_RATE},
    # nginx sets X-Forwarded-For to the address it saw: the throttle counts per that address.
    "NUM_PROXIES": 1 if BEHIND_PROXY else 0,
    # ?format= is an unknown parameter like any other: ignored.
    "URL_FORMAT_OVERRIDE": None,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # A 404 in the client's language, naming no model (api/errors.py).
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "古都夜八点 · Ancient Capital at 8 pm: partner API",
    "DESCRIPTION": "Read-only: venues, events, bus routes, tonight and the last buses of Luoyang's night "
                   "programme, in Chinese and English. See docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.site_rules"],
    "ENUM_NAME_OVERRIDES": {
        "VenueKind": "venues.models.VenueKind",
        "EventKind": "events.models.EventKind",
        "LastRunKind": "transit.models.LastRunKind",
        "State": "events.models.OfferState",
    },
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# Where the published plan lives as data (loaded by `manage.py load_plan`).
PLAN_FIXTURE = BASE_DIR / "fixtures" / "plan.json"

# One JSON object per line on stdout (python-json-logger), for whatever collects the logs.
LOGGING = stdout_logging(os.environ.get("LOG_LEVEL", "INFO").upper())
