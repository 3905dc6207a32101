"""Trigram indexes for `contains` searches on PostgreSQL (pg_trgm); nothing on other databases.

Search keys are matched with LIKE '%text%', which a B-tree cannot serve; a GIN trigram index
can, so search stays fast as listings grow. SQLite (development) scans, which is fine there.
"""

from django.db import migrations


def trigram_index(table: str, column: str, name: str) -> migrations.RunPython:
    """A migration operation creating (and on reverse dropping) a GIN trigram index."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)')

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(create, drop)
