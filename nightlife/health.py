"""/healthz for the proxy: the database answers a query, or 503."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)


@never_cache
def healthz(request):
    """200 "ok" when the database answers a query, else 503 "database unavailable".

    Queries the database on every call: one row of a real table (django_migrations), since
    SELECT 1 reads no table and says ok with a SQLite file that is not a database. No cache, no
    session, no template.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM django_migrations LIMIT 1")
            cursor.fetchone()
    except DatabaseError:
        log.warning("healthz: database unavailable", exc_info=True)
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
