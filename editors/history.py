"""The admin's site-wide history (/admin/changes/): every change by every editor, newest
first, by day, editor and kind of listing, each linking to the listing's own history. Built on
django-reversion's revisions, one row per save."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Revision, Version
from reversion.revisions import _get_options

from editors import summary
from editors.models import ScheduledChange

PER_PAGE = 50


def _visible_models(request) -> list:
    """The versioned models this user may view in the admin, in the admin's order."""
    return sorted((model for model, model_admin in admin.site._registry.items()
                   if isinstance(model_admin, VersionAdmin) and model_admin.has_view_or_change_permission(request)),
                  key=lambda model: str(model._meta.verbose_name_plural))


class ChangesFilter(forms.Form):
    day = forms.DateField(label=_("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    editor = forms.TypedChoiceField(label=_("Editor"), required=False, coerce=int, empty_value=None)
    kind = forms.TypedChoiceField(label=_("Kind of listing"), required=False, coerce=int, empty_value=None)

    def __init__(self, data, *, editors, kinds):
        super().__init__(data)
        self.fields["editor"].choices = [("", _("Everyone")), *((user.pk, user.get_username()) for user in editors)]
        self.fields["kind"].choices = [("", _("Every kind")),
                                       *((ct.pk, str(ct.model_class()._meta.verbose_name_plural).capitalize())
                                         for ct in kinds)]


def _listings(revision, children: dict) -> list:
    """The versions in `revision` that are listings, not inline rows following another one
    there (a serving saved on the venue's page is the venue's change)."""
    versions = list(revision.version_set.all())
    present = {version._model for version in versions}
    followed = {child for model in present for child in children.get(model, ())}
    return [version for version in versions if version._model not in followed]


def _history_url(version, allowed: set) -> str:
    if version._model not in allowed:
        return ""
    opts = version._model._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[version.object_id])
    except NoReverseMatch:
        return ""


def changes_view(request):
    """GET /admin/changes/: the newest revisions of the listings this user may view, 50 a
    page, filtered by ?day=YYYY-MM-DD, ?editor=<user id>, ?kind=<content type id>; bad
    filters are a 400 with the reason, a page past the end a 404. Eight queries at any size."""
    models = _visible_models(request)
    kinds = list(ContentType.objects.filter(_content_type_query(models)))
    kinds.sort(key=lambda ct: models.index(ct.model_class()) if ct.model_class() in models else len(models))
    editors = get_user_model().objects.filter(pk__in=Revision.objects.values("user")).order_by("username")
    form = ChangesFilter(request.GET, editors=editors, kinds=kinds)
    # The state before a listing's first edit is kept for History, not listed as a change.
    revisions = Revision.objects.filter(version__content_type__in=kinds).exclude(user=None, comment=summary.BASELINE)
    valid = form.is_valid()
    if valid:
        if form.cleaned_data["day"]:
            revisions = revisions.filter(date_created__date=form.cleaned_data["day"])
        if form.cleaned_data["editor"]:
            revisions = revisions.filter(user=form.cleaned_data["editor"])
        if form.cleaned_data["kind"]:
            revisions = revisions.filter(version__content_type=form.cleaned_data["kind"])
    versions = Version.objects.select_related("content_type").defer("serialized_data").order_by("pk")
    revisions = (revisions.distinct().select_related("user").order_by("-date_created", "-pk")
                 .prefetch_related(Prefetch("version_set", queryset=versions)))
    page = None
    if valid:
        try:
            page = Paginator(revisions, PER_PAGE).page(request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404(_("There is no such page of changes.")) from None
    children = {model: [relation.related_model for name in _get_options(model).follow
                        if (relation := model._meta.get_field(name)).one_to_many]
                for model in models}
    allowed = set(models)
    rows = [{"revision": revision, "summary": summary.render(revision.get_comment()),
             "listings": [(version.object_repr, str(version._model._meta.verbose_name), _history_url(version, allowed))
                          for version in _listings(revision, children)]}
            for revision in (page.object_list if page else [])]
    scheduled = (ScheduledChange.objects.filter(content_type__in=kinds)
                 .filter(state__in=[ScheduledChange.State.SCHEDULED, ScheduledChange.State.NOT_APPLIED])
                 .select_related("created_by", "content_type"))
    context = {
        **admin.site.each_context(request), "title": _("Changes by every editor"), "form": form, "page": page,
        "rows": rows, "query": _without_page(request),
        "scheduled": [{"change": change, "summary": summary.render(change.summary),
                       "url": _history_url_of(change, allowed)} for change in scheduled],
    }
    return TemplateResponse(request, "admin/editors/changes.html", context, status=200 if valid else 400)


def _content_type_query(models) -> Q:
    query = Q(pk__in=[])
    for model in models:
        query |= Q(app_label=model._meta.app_label, model=model._meta.model_name)
    return query


def _history_url_of(change: ScheduledChange, allowed: set) -> str:
    model = change.content_type.model_class()
    if model not in allowed:
        return ""
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[change.object_id])


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
