"""Django's `createcachetable`, which `make run` runs before `migrate` on a new checkout: it too
may create the SQLite database file (nightlife/sqlite3/base.py)."""

from django.core.management.commands import createcachetable

from nightlife.sqlite3.base import may_create


class Command(createcachetable.Command):
    def execute(self, *args, **options):
        with may_create():
            return super().execute(*args, **options)
