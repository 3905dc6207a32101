"""Django's SQLite backend (settings use it for every SQLite database), with two rules:

- The database file is never created by opening it: only `migrate` and `createcachetable`
  (`may_create`) make a new one. Anything else opens it read-write only ("mode=rw"), so a file
  gone missing is an OperationalError (the 503 page), never a new empty database that the site
  then answers from and writes into.
- A kept connection (CONN_MAX_AGE) whose file was replaced or removed since it opened is not
  usable (checked at each request, CONN_HEALTH_CHECKS): the next request opens the file now at
  that path, so a database put back is served at once, and nothing is written into a deleted one.
"""

import contextlib
import os
from pathlib import Path

from django.db.backends.sqlite3 import base

_creating = False


@contextlib.contextmanager
def may_create():
    """Inside: opening a database file that does not exist creates it (`migrate`)."""
    global _creating
    before, _creating = _creating, True
    try:
        yield
    finally:
        _creating = before


def _identity(path: str) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class DatabaseWrapper(base.DatabaseWrapper):
    def _file(self) -> str | None:
        name = str(self.settings_dict["NAME"])
        return None if self.is_in_memory_db() or name.startswith("file:") else name

    def get_connection_params(self):
        params = super().get_connection_params()
        path = self._file()
        if path is not None and not _creating:
            # Django always opens SQLite with uri=True.
            params["database"] = f"{Path(path).absolute().as_uri()}?mode=rw"
        return params

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        path = self._file()
        self.opened_file = _identity(path) if path is not None else None
        return connection

    def is_usable(self):
        path = self._file()
        return path is None or _identity(path) == getattr(self, "opened_file", None)
