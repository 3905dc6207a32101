"""The error pages that must not fail themselves: the 503 pages while the database cannot be
reached or is busy (visitors' and the admin's "Save again"), and the 400, 404 and 500 handlers."""

import copy
import sys

from django.contrib import admin
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotFound
from django.template import loader
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.views.defaults import bad_request, server_error


def is_database_down(error: BaseException) -> bool:
    """True for a database that cannot be reached or read: no connection (OperationalError,
    InterfaceError), or a damaged file ("file is not a database", "database disk image is
    malformed": SQLite's plain DatabaseError). Not for IntegrityError, ProgrammingError and the
    other subclasses: those are our bugs, and get the 500 page."""
    return isinstance(error, (OperationalError, InterfaceError)) or type(error) is DatabaseError


def is_locked(error: BaseException) -> bool:
    """True for SQLite's "database is locked": another save kept the write lock longer than
    SQLITE_LOCK_TIMEOUT (settings.py)."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


def database_unavailable(request, error: BaseException) -> HttpResponse:
    """The 503 for a database that failed this request: an admin request that lost to SQLite's
    write lock gets the admin's page to send the same form again (editor_busy); everything else
    the visitors' page (unavailable)."""
    if is_locked(error) and request.path_info.startswith(reverse("admin:index")):
        return editor_busy(request)
    return unavailable(request)


def editor_busy(request, retry_after: int = 5) -> HttpResponse:
    """templates/admin/database_busy.html, 503 with Retry-After: nothing was saved, and a posted
    form comes back as hidden fields with a "Save again" button, so the editor loses nothing but
    chosen files (a browser cannot be handed a file back). Queries nothing."""
    posted = None
    if request.method == "POST":
        posted = [(name, value) for name, values in request.POST.lists() for value in values]
    context = {"site_header": admin.site.site_header, "site_title": admin.site.site_title,
               "title": _("Your changes are not saved yet"), "posted": posted,
               "lost_files": bool(posted and request.FILES)}
    response = HttpResponse(loader.render_to_string("admin/database_busy.html", context, request=request),
                            status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


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


def handler404(request, exception):
    """The designed 404 page. For a list asked for a page it does not have (?page=7 of 2, ?page=0,
    ?page=abc) the page says so: "No page 7: the list has 2 pages", with a link to the first.

    Queries the database for that: the list's view runs again on its first page to count its
    pages (its queries, not its template)."""
    context = {}
    number = request.GET.get("page")
    pages = list_page_count(request) if number is not None else None
    if pages is not None and not (number.isdigit() and 1 <= int(number) <= pages):
        query = request.GET.copy()
        del query["page"]
        context = {"missing_page": number, "page_count": pages,
                   "first_page": request.path + (f"?{query.urlencode()}" if query else "")}
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request=request))


def list_page_count(request) -> int | None:
    """How many pages the paginated list at this address has, or None for any other address.

    Runs the address's view again with ?page=1 and reads the paginator from its unrendered
    TemplateResponse: any list view works, class-based or not, as long as it puts `paginator`
    in its context. Public pages only: an admin view run again could leave a message behind."""
    if request.method not in ("GET", "HEAD") or request.path_info.startswith(reverse("admin:index")):
        return None
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    first = copy.copy(request)
    first.GET = request.GET.copy()
    first.GET["page"] = "1"
    try:
        response = match.func(first, *match.args, **match.kwargs)
    except Http404:
        return None
    paginator = (getattr(response, "context_data", None) or {}).get("paginator")
    return paginator.num_pages if paginator is not None else None


def handler500(request, *args, **kwargs):
    """Django's 500 page, except that a lost database gets the 503 page instead.

    Catches what DatabaseUnavailableMiddleware cannot: errors raised in other middleware.
    """
    error = sys.exc_info()[1]
    if is_database_down(error):
        return database_unavailable(request, error)
    return server_error(request, *args, **kwargs)
