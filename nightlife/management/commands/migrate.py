"""Django's `migrate`, the one command that may create a new SQLite database file
(nightlife/sqlite3/base.py: every other command and request opens an existing file only)."""

from django.core.management.commands import migrate

from nightlife.sqlite3.base import may_create


class Command(migrate.Command):
    def execute(self, *args, **options):
        with may_create():
            return super().execute(*args, **options)
