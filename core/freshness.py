"""The one freshness rule: every kept copy (a whole page, a piece of one, a night's changes) is
keyed by the *generation*, replaced by every save of a public row on any process
(nightlife.cache), and by the *release*, the templates and translations this process runs.
A copy of another generation or release is never read again (docs/caching.md).

The generation is worked out by the project (nightlife.cache registers its reader at start,
`provide`): the apps below it read it here without importing the project.
"""

import functools
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

_source: Callable[[], str | None] | None = None


def provide(source: Callable[[], str | None]) -> None:
    """Called once at start by the project with its reader of the current generation."""
    global _source
    _source = source


def generation() -> str | None:
    """The current generation (the project's reader: this request's, or this thread's own
    uncommitted one, or the shared cache's copy, or the database's); None when none is known
    (no reader registered, or neither the cache nor the database answered): then nothing may
    be kept. May make a cache round trip or one query (see nightlife.cache.current_generation)."""
    if _source is None:
        return None
    try:
        return _source()
    except Exception:  # an unreachable cache and database: keep nothing, compute afresh
        return None


# What a deploy changes that pages show without any row changing.
_RELEASED_SUFFIXES = (".html", ".txt", ".xml", ".ics", ".json", ".mo")


def release_of(folders) -> str:
    """A short hash of every template and compiled translation under `folders` (names and
    bytes), so any template or translation fix makes another release."""
    digest = hashlib.sha256()
    for folder in folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix in _RELEASED_SUFFIXES and path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def release() -> str:
    """This process's release, worked out once at its first use: $RELEASE if the deploy sets
    it (the git commit), joined to the hash of the templates and translations it serves
    (release_of): a deploy of a template or translation fix is visible at once, never behind
    pages and pieces kept by the release before."""
    from django.apps import apps
    from django.conf import settings

    folders = [*(Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", ())),
               *(Path(app.path) / "templates" for app in apps.get_app_configs()
                 if Path(app.path).parent == Path(settings.BASE_DIR)),
               *(Path(p) for p in settings.LOCALE_PATHS)]
    return "-".join(filter(None, [os.environ.get("RELEASE", "")[:12], release_of(folders)]))
