"""Preview before saving: a listing's public page with the change form's unsaved values.

The form is validated as a save would validate it, saved inside a transaction that is then
rolled back, and the public page is rendered in between by calling its view directly (no
request goes out, no cache is involved). Nothing is kept, and visitors never see it.
The catch: photo files chosen in the form are not previewed (writing them is not undone by
a rollback), and the saves' signals still make the page cache start anew.
"""

from __future__ import annotations

import copy

from django.conf import settings
from django.contrib.admin.utils import flatten_fieldsets
from django.db import transaction
from django.forms.formsets import all_valid
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext, gettext_lazy as _

from core.publishing import Publishable

LANGUAGE = "language"  # the preview's query parameter: one of settings.LANGUAGES


def internal_request(request: HttpRequest, *, post: QueryDict | None = None, path: str | None = None) -> HttpRequest:
    """A copy of `request` (same user and session) that posts `post` with no files, or, with
    `path`, that GETs that page with no query."""
    inner = copy.copy(request)
    inner.META = dict(request.META)
    try:
        inner.FILES = MultiValueDict()
    except AttributeError:  # a WSGIRequest reads them from _files
        inner._files = MultiValueDict()
    if post is not None:
        inner.method = inner.META["REQUEST_METHOD"] = "POST"
        inner.POST = post
    if path is not None:
        inner.method = inner.META["REQUEST_METHOD"] = "GET"
        inner.GET, inner.POST = QueryDict(), QueryDict()
        inner.path = inner.path_info = inner.META["PATH_INFO"] = path
        inner.META["QUERY_STRING"] = ""
    return inner


def preview_language(request: HttpRequest) -> str:
    """The language asked for (?language=en), else the active one."""
    wanted = request.GET.get(LANGUAGE, "")
    return wanted if wanted in dict(settings.LANGUAGES) else translation.get_language()


def public_url(model_admin, obj) -> str | None:
    """The public page of `obj` (its own, or its listing's for a row edited on its own page,
    as the admin's "View on site" gives it), or None when it has none."""
    if callable(model_admin.view_on_site):
        return model_admin.view_on_site(obj)
    if model_admin.view_on_site and hasattr(obj, "get_absolute_url"):
        return obj.get_absolute_url()
    return None


def render_public(request: HttpRequest, obj, model_admin, language: str) -> HttpResponse | None:
    """The public page of `obj` in `language` as `request`'s user gets it, from the database as
    it is now (call it inside the transaction holding the unsaved values). None when the page
    is not one of ours. Queries as the page does."""
    with translation.override(language):
        url = public_url(model_admin, obj)
        try:
            match = resolve(url) if url else None
        except Resolver404:
            match = None
        if match is None:
            return None
        inner = internal_request(request, path=url)
        inner.LANGUAGE_CODE, inner.resolver_match = language, match
        inner.editor_preview = True  # templates/base.html says it is a preview of unsaved values
        response = match.func(inner, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    return response


def bound_forms(model_admin, request: HttpRequest, obj):
    """The change form and inline formsets bound to `request`'s POST, as a save binds them."""
    change = obj is not None
    fields = flatten_fieldsets(model_admin.get_fieldsets(request, obj))
    form = model_admin.get_form(request, obj, change=change, fields=fields)(request.POST, request.FILES, instance=obj)
    formsets = model_admin._create_formsets(request, form.instance, change=change)[0]
    return form, formsets


def errors_of(form, formsets) -> list[str]:
    """Every error of `form` and its formsets, each as 'label: message'."""
    errors = []
    for bound_form in [form, *(f for formset in formsets for f in formset.forms)]:
        for name, messages in bound_form.errors.items():
            label = bound_form.fields[name].label if name in bound_form.fields else ""
            errors.extend(f"{label}: {message}" if label else message for message in messages)
    for formset in formsets:
        errors.extend(formset.non_form_errors())
    return errors


def preview(model_admin, request: HttpRequest, obj, data: QueryDict) -> HttpResponse:
    """`obj`'s public page with `data` (a change form as posted) in it, in the language asked
    for, rendered inside a transaction that is rolled back; or the admin's page listing what
    must be corrected first (400). `obj` is None for a listing not saved yet."""
    language = preview_language(request)
    inner = internal_request(request, post=data)
    with transaction.atomic():
        if isinstance(obj, Publishable):
            model_admin._merge(inner, obj)  # with what others saved since the form was opened
        form, formsets = bound_forms(model_admin, inner, obj)
        response = errors = None
        if form.is_valid() and all_valid(formsets):
            new = model_admin.save_form(inner, form, change=obj is not None)
            model_admin.save_model(inner, new, form, obj is not None)
            model_admin.save_related(inner, form, formsets, obj is not None)
            response = render_public(inner, new, model_admin, language)
        else:
            errors = errors_of(form, formsets)
        transaction.set_rollback(True)
    if response is not None:
        page = HttpResponse(response.content, status=response.status_code, content_type=response["Content-Type"])
        page["X-Robots-Tag"] = "noindex"
        return page
    context = {**model_admin.admin_site.each_context(request), "title": _("The preview could not be made"),
               "opts": model_admin.model._meta, "errors": errors or [gettext("This listing has no public page.")],
               "files_left_out": bool(request.FILES)}
    return TemplateResponse(request, "admin/editors/preview_error.html", context, status=400)
