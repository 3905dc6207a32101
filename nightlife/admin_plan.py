"""The plan staff's admin pages: "Load a plan edition" (/admin/plan/load/: upload, review three
ways, choose, apply) and "Export the listings as a plan file" (/admin/plan/export/).

Nothing is written before the person applies: the review is the loader's dry run, and the file
read at upload travels with the review form, signed (django.core.signing), to be applied as
reviewed. Applying re-reads the database: a conflict that appeared meanwhile is shown again for a
choice. The apply is one transaction and one revision of the site-wide history ("Loaded plan
<edition>.", by whom)."""

from __future__ import annotations

import copy

import reversion
from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy as _

from core.publishing import Publishable
from editors import summary
from editors.merge import CHOICE, PENDING, THEIRS
from editors.versions import EMPTY, shown
from nightlife import plan_files
from nightlife.plan import (BRING_BACK, CONFLICT, CREATE, DELETED, DIFFERS, KEEP, LEFT, OUTCOMES, UNPUBLISH,
                                UPDATE, PlanError, PlanReport, load_plan)
from photos.media import with_refused

SALT = "nightlife.admin_plan.review"
LEFT_CHOICE, BACK_CHOICE = "left-", "back-"  # + Review.key: keep or unpublish; keep deleted or bring back
PERMISSION = "venues.add_planedition"

GROUPS = {
    CONFLICT: (_("Changed by both the site and the new edition"),
               _("Choose, field by field, the new edition's value or the site's.")),
    CREATE: (_("New in this edition"), _("Created when you apply.")),
    UPDATE: (_("Changed by the new edition only"), _("Applied: no editor had changed these fields.")),
    LEFT: (_("No longer in the plan"), _("Kept as they are unless you unpublish them. Nothing is deleted.")),
    DELETED: (_("Deleted by editors"), _("They stay deleted unless you bring them back.")),
    DIFFERS: (_("Changed by the site only"), _("Kept: the edition did not change these fields.")),
}


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Plan file"), help_text=_("JSON, or a spreadsheet (XLSX) as Export makes it."))


def _check(request) -> None:
    if not (request.user.is_active and request.user.is_staff and request.user.has_perm(PERMISSION)):
        raise PermissionDenied


def _shown(model_label: str, name: str, value) -> str:
    """A value of the review (JSON as the loader keeps it) as people read it."""
    try:
        model_field = apps.get_model(model_label)._meta.get_field(name)
    except (LookupError, FieldDoesNotExist):
        return shown(value)
    if value in (None, "", []):
        return EMPTY
    if model_field.is_relation:
        return shown(value)  # plan keys: the loader's names for the rows
    choices = {str(k): v for k, v in model_field.flatchoices} if model_field.choices else None
    try:
        value = model_field.to_python(value)
    except Exception:  # noqa: BLE001 (shown as stored)
        pass
    return shown(value, choices)


def _label(model_label: str, name: str) -> str:
    try:
        return capfirst(apps.get_model(model_label)._meta.get_field(name).verbose_name)
    except (LookupError, FieldDoesNotExist):
        return name


def _kind(model_label: str) -> str:
    try:
        return capfirst(apps.get_model(model_label)._meta.verbose_name)
    except LookupError:
        return model_label


def describe(report: PlanReport, choices: dict[str, str]) -> dict:
    """The review as the page shows it: groups by outcome, each record with its fields' values
    in the last edition, on the site now and in the new edition."""
    groups = []
    for outcome in OUTCOMES:
        rows = []
        for review in report.of(outcome):
            model = apps.get_model(review.model)
            fields = [{"label": _label(review.model, c.name), "base": _shown(review.model, c.name, c.base),
                       "ours": _shown(review.model, c.name, c.ours), "theirs": _shown(review.model, c.name, c.theirs)}
                      for c in review.applied + review.kept]
            conflicts = [{"key": review.field_key(c), "row": f"{_kind(review.model)} · {review.name}",
                          "field": _label(review.model, c.name), "base": _shown(review.model, c.name, c.base),
                          "theirs": _shown(review.model, c.name, c.theirs), "mine": _shown(review.model, c.name, c.ours),
                          "chosen": choices.get(review.field_key(c), "")}
                         for c in review.conflicts]
            rows.append({"review": review, "kind": _kind(review.model), "fields": fields, "conflicts": conflicts,
                         "choice": review.choice, "can_unpublish": issubclass(model, Publishable)})
        if rows:
            title, help_text = GROUPS[outcome]
            groups.append({"outcome": outcome, "title": title, "help": help_text, "rows": rows,
                           "conflicts": [c for row in rows for c in row["conflicts"]]})
    return {"groups": groups, "unchanged": report.unchanged, "edition": report.edition,
            "new_edition": report.new_edition, "nothing_to_do": report.nothing_to_do}


def _choices(post) -> dict[str, str]:
    choices = {}
    for key, value in post.items():
        if key.startswith(CHOICE):
            choices[key.removeprefix(CHOICE)] = value
        elif key.startswith(LEFT_CHOICE) and value in (KEEP, UNPUBLISH):
            choices[key.removeprefix(LEFT_CHOICE)] = value
        elif key.startswith(BACK_CHOICE) and value in (KEEP, BRING_BACK):
            choices[key.removeprefix(BACK_CHOICE)] = value
    return choices


def _render(request, *, form=None, review=None, token="", file_name="", error="", status=200):
    context = {**admin.site.each_context(request), "title": _("Load a plan edition"), "form": form or UploadForm(),
               "review": review, "token": token, "file_name": file_name, "error": error,
               "pending_name": PENDING, "max_mb": plan_files.MAX_BYTES // (1024 * 1024)}
    return TemplateResponse(request, "admin/nightlife/load_plan.html", context, status=status)


def load_view(request):
    """GET: the upload form. POST a file: its review (nothing written). POST the reviewed
    plan with the choices: the load, in one transaction. A bad file is a 400 with the reason."""
    _check(request)
    if request.method == "POST" and "plan" in request.POST:
        return _apply(request)
    if request.method != "POST":
        return _render(request)
    files = with_refused(request, request.FILES)
    form = UploadForm(request.POST, files)
    if getattr(request, "too_large_uploads", None):
        return _render(request, form=UploadForm(), status=400, error=gettext(
            "The file is larger than %(mb)s MB: a plan file is far smaller. Is it the right file?")
            % {"mb": plan_files.MAX_BYTES // (1024 * 1024)})
    if not form.is_valid():
        return _render(request, form=form, status=400)
    upload = form.cleaned_data["file"]
    try:
        data = plan_files.read_upload(upload.name, upload)
        report = load_plan(data=copy.deepcopy(data), dry_run=True)
    except PlanError as exc:
        return _render(request, form=form, status=400, error=plan_files.message(exc))
    token = signing.dumps({"data": data, "file": upload.name}, salt=SALT, compress=True)
    return _render(request, review=describe(report, {}), token=token, file_name=upload.name)


def _apply(request):
    try:
        payload = signing.loads(request.POST["plan"], salt=SALT, max_age=24 * 3600)
    except signing.BadSignature:
        return _render(request, status=400, error=gettext(
            "The reviewed file could not be read back (older than a day, or changed). Upload it again."))
    data, file_name = payload["data"], payload["file"]
    choices = _choices(request.POST)
    try:
        report = load_plan(data=copy.deepcopy(data), dry_run=True, choices=choices)
    except PlanError as exc:
        return _render(request, status=400, error=plan_files.message(exc))
    unchosen = [review.field_key(c) for review in report.of(CONFLICT) for c in review.conflicts
                if review.field_key(c) not in choices]
    if unchosen:
        token = request.POST["plan"]
        return _render(request, review=describe(report, choices), token=token, file_name=file_name, status=400,
                       error=gettext("Choose one side for each field both changed, then apply again."))
    with reversion.create_revision():
        report = load_plan(data=data, choices=choices, file_name=file_name, user=request.user)
        reversion.set_user(request.user)
        reversion.set_comment(summary.encode(note="Loaded plan %(edition)s.", edition=report.edition.name))
        reversion.add_to_revision(report.edition)
    messages.success(request, gettext("Loaded plan %(edition)s: %(created)s created, %(updated)s changed, "
                                      "%(kept)s kept as the site has them.") % {
        "edition": report.edition.name, "created": len(report.created), "updated": len(report.of(UPDATE))
        + sum(1 for r in report.of(CONFLICT) if any(choices.get(r.field_key(c)) == THEIRS for c in r.conflicts)),
        "kept": len(report.of(DIFFERS)) + len(report.deleted) + len(report.of(LEFT))})
    return redirect("admin:venues_planedition_changelist")


def export_view(request, fmt: str):
    """GET /admin/plan/export/<json|xlsx>: the listings as a plan file, for the next edition."""
    if not (request.user.is_active and request.user.is_staff and request.user.has_perm("venues.view_planedition")):
        raise PermissionDenied
    content, content_type, name = plan_files.export(fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
