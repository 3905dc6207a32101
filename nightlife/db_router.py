"""Primary and read replica: enabled in settings when DATABASE_REPLICA_URL is set.

Only anonymous page renders read public rows from the replica, and only well after the last
editor's save (nightlife.cache.PageCacheMiddleware opens `replica_reads`). Everything else uses
the primary ("default"): every write, the admin and editors' previews, sessions, the cache
table, failed-login records, management commands. So an editor always reads what they just
wrote, and a lagging replica cannot refill the page cache with the old night.
"""

from __future__ import annotations

import contextlib
import contextvars

from nightlife.public import is_public

REPLICA = "replica"

_replica_allowed = contextvars.ContextVar("nightlife_replica_allowed", default=False)


@contextlib.contextmanager
def replica_reads(allowed: bool = True):
    """Within this block, reads of public models may go to the replica (if `allowed`)."""
    token = _replica_allowed.set(allowed)
    try:
        yield
    finally:
        _replica_allowed.reset(token)


class PrimaryReplicaRouter:
    """Returns "replica" for public reads inside `replica_reads()`, else "default"."""

    def db_for_read(self, model, **hints):
        # Only public content; anything else (sessions, the cache generation) never goes there.
        if _replica_allowed.get() and is_public(model):
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both databases hold the same rows: the replica is a copy of the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Migrations run on the primary; the replica receives them by replication.
        return db == "default"
