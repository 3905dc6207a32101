"""/healthz for the proxy, the 503 page while the database cannot be reached, and the error
handlers that must not fail themselves."""

import logging
import sys

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseBadRequest
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.defaults import bad_request, server_error

log = logging.getLogger(__name__)

def is_database_down(error: BaseException) -> bool:
    """True for a database that cannot be reached or read: no connection (OperationalError,
    InterfaceError), or a damaged file ("file is not a database", "database disk image is
    malformed": SQLite's plain DatabaseError). Not for IntegrityError, ProgrammingError and the
    other subclasses: those are our bugs, and get the 500 page."""
    return isinstance(error, (OperationalError, InterfaceError)) or type(error) is DatabaseError


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


def unavailable(request, retry_after: int = 30) -> HttpResponse:
    """The designed 503 page with Retry-After. Renders templates/503.html without touching the
    database; if even that fails, a plain-text 503."""
    try:
        body = loader.render_to_string("503.html", request=request)
        response = HttpResponse(body, status=503)
    except Exception:
        response = HttpResponse("Service temporarily unavailable. Please try again in a moment.\n",
                                status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def handler400(request, exception):
    """Django's 400 page, except for a Host header not in ALLOWED_HOSTS: a plain-text 400.

    The designed page writes absolute links with the request's host, which would raise the
    same DisallowedHost again and turn the 400 into a 500."""
    if isinstance(exception, DisallowedHost):
        return HttpResponseBadRequest(_("This site does not answer to that host name."),
                                      content_type="text/plain; charset=utf-8")
    return bad_request(request, exception)


def handler500(request, *args, **kwargs):
    """Django's 500 page, except that a lost database gets the 503 page instead.

    Catches what DatabaseUnavailableMiddleware cannot: errors raised in other middleware.
    """
    if is_database_down(sys.exc_info()[1]):
        return unavailable(request)
    return server_error(request, *args, **kwargs)
