"""Pieces of pages: a card or a row rendered once per object, language and cache generation by
Django's {% cache %} tag, and the one read that tells a list which of its pieces are missing, so
that it preloads related rows for those only (docs/caching.md).

A template keys a piece as {% cache <seconds> <name> obj.pk <vary...> request.LANGUAGE_CODE
request.cache_generation %}; `missing_pieces` builds the same keys. The front door
(nightlife.cache) sets request.cache_generation (and request.cache_minute) on anonymous pages
only: elsewhere every piece is missing, and rendered.
"""

from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.utils import make_template_fragment_key
from django.db.models import prefetch_related_objects


def _piece_cache():
    """The cache {% cache %} uses: "template_fragments" if configured, else "default"."""
    try:
        return caches["template_fragments"]
    except InvalidCacheBackendError:
        return caches["default"]


def read_pieces(request, name: str, varies: list[tuple]) -> list[bool]:
    """Read the pieces `name` keyed by each of `varies` (then the language and the generation),
    in one get_many; returns, for each, whether it is cached. {% cache %} then finds them
    without another round trip. The catch: the order and values must be the template's."""
    generation = getattr(request, "cache_generation", None)
    if generation is None or not varies:
        return [False] * len(varies)
    keys = [make_template_fragment_key(name, [*vary, request.LANGUAGE_CODE, generation]) for vary in varies]
    found = _piece_cache().get_many(keys)
    return [key in found for key in keys]


def missing_pieces(request, name: str, objects, *vary) -> list:
    """The objects among `objects` whose piece `name` (keyed by pk, `vary`, the language and the
    generation, in that order) is not cached: one get_many for them all."""
    objects = list(objects)
    cached = read_pieces(request, name, [(obj.pk, *vary) for obj in objects])
    return [obj for obj, is_cached in zip(objects, cached) if not is_cached]


def with_pieces(request, name: str, queryset, *vary, by_minute: bool = False, shown: int | None = None) -> list:
    """The rows of `queryset`, its prefetch_related lookups done only for the rows whose piece
    `name` is not cached: with every card cached, a list costs no preload query. `by_minute`:
    the piece is also keyed by the minute (after `vary`), as pieces that say what time it is.
    `shown`: only the first rows are shown (the others only tell whether there is more).
    Queries the database (the rows; the preloads when a piece is missing)."""
    lookups = queryset._prefetch_related_lookups
    rows = list(queryset.prefetch_related(None))
    if by_minute:
        vary = (*vary, getattr(request, "cache_minute", None))
    prefetch_related_objects(missing_pieces(request, name, rows[:shown], *vary), *lookups)
    return rows
