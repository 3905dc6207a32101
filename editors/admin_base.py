"""EditorAdmin, the base of every editors' admin: a save merged three ways with what others
saved meanwhile, preview and scheduling, a row's save counted as its listing's, history that
includes the inline rows (django-reversion); and the change form's guide on a phone. Its parts
live beside it: history and restore (restore.py), publishing in bulk (bulk_publish.py), the form
(forms.py), locking (locking.py), the merge (merge.py), versions (versions.py), previews
(preview.py), schedules (schedule.py)."""

from __future__ import annotations

import reversion
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from editors import preview, schedule, summary
from editors.bulk_publish import PublishingMixin
from editors.formfields import explain_time_errors
from editors.forms import EditorForm
from editors.locking import opened_version, stored_token
from editors.merge import PENDING, Merged, merge
from editors.models import ScheduledChange
from editors.provenance import describe_plan, note_plan_edit
from editors.restore import HistoryMixin
from editors.summary import LIST_SEPARATOR
from editors.versions import opened
from core.publishing import Publishable, Source, Status

# --- Fieldsets and lists ------------------------------------------------------------------------

# The publishing fieldset every listing's form shows.
PUBLISHING = (_("Publishing"), {"fields": ["status", "publish_from", "publish_until", "source"],
                                "description": _("Times are Luoyang time (Asia/Shanghai).")})



# --- Admins -----------------------------------------------------------------------------------

class EditorAdmin(PublishingMixin, HistoryMixin, VersionAdmin):
    """Base for every editors' admin: history with inline rows, conflicts, slugs, publishing.

    `parent_field` names the listing this row belongs to ("venue" for a route serving it): a
    save here then also counts as a change of that listing (its history, its "last updated",
    and the conflict check of anyone editing it)."""

    form = EditorForm
    change_form_template = "admin/editors/change_form.html"
    object_history_template = "admin/editors/object_history.html"
    revision_form_template = "admin/editors/revision_form.html"
    parent_field: str | None = None

    @property
    def is_publishable(self) -> bool:
        return issubclass(self.model, Publishable)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.is_publishable and "edit_token" not in flatten_fieldsets(fieldsets):
            title, options = fieldsets[0]
            fieldsets = [(title, {**options, "fields": [*options["fields"], "edit_token"]}), *fieldsets[1:]]
        return fieldsets

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path("preview/", view(self.preview_view), name="%s_%s_preview_add" % info),
            path("<path:object_id>/preview/", view(self.preview_view), name="%s_%s_preview" % info),
            path("<path:object_id>/scheduled/<int:change_id>/cancel/", view(self.cancel_scheduled_view),
                 name="%s_%s_cancel_scheduled" % info),
            path("<path:object_id>/publish-drafts/", view(self.publish_drafts_view),
                 name="%s_%s_publish_drafts" % info),
            *super().get_urls(),
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return explain_time_errors(super().formfield_for_dbfield(db_field, request, **kwargs))

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if self.is_publishable:
            initial.setdefault("source", Source.EDITORS)
        return initial

    # VersionAdmin wraps these views in one revision; a baseline must be its own revision, so
    # it is recorded before they start. A save is merged with what others saved meanwhile and
    # stored in the same transaction.
    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "POST":
            return super().change_view(request, object_id, form_url, extra_context)
        with transaction.atomic():
            obj = self.get_object(request, unquote(object_id))
            self._record_baselines([obj])
            if isinstance(obj, Publishable) and self.has_change_permission(request, obj):
                self._merge(request, obj)
            return super().change_view(request, object_id, form_url, extra_context)

    def _merge(self, request, obj: Publishable) -> None:
        """If someone saved `obj` after the editor opened it, puts their POST through a three-way
        merge with it (editors/merge.py), against the version they opened. Locks the row
        first. Queries: the forms' rows, the versions."""
        token, stored = request.POST.get("edit_token", ""), stored_token(obj)
        if token == stored and PENDING not in request.POST:
            return
        obj = self.get_object(request, str(obj.pk))  # as stored now, under the lock
        version, savers = opened_version(obj, token)
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        form = self.get_form(request, obj, change=True, fields=fields)(request.POST, request.FILES, instance=obj)
        formsets = self._create_formsets(request, obj, change=True)[0]  # the forms the admin will bind
        merged = merge(form, formsets, request.FILES, opened(obj, version) if version else None)
        merged["edit_token"] = stored
        merged.by = LIST_SEPARATOR.join(savers)
        request.POST = merged
        refused = getattr(request, "too_large_uploads", None)  # photos/media.py: by field name
        if refused:
            request.too_large_uploads = {merged.rename(name): file for name, file in refused.items()}

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(request.POST, Merged):
            kwargs["files"] = request.POST.files  # renumbered with the merged inline rows
        return kwargs

    def response_change(self, request, obj):
        if schedule.is_scheduling(request):
            scheduled = getattr(request, "scheduled", None)
            if scheduled is None:
                self.message_user(request, gettext("Nothing was scheduled: the form changes nothing."), messages.WARNING)
            else:
                self.message_user(request, gettext(
                    "Scheduled for %(when)s. Visitors see the current version until then; the listing's history "
                    "shows the change.") % {"when": summary.at_seconds(scheduled.publish_at)}, messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        self._say_drafts(request, obj)
        merged = request.POST
        if isinstance(merged, Merged) and merged.taken:
            self.message_user(request, gettext(
                "Merged with what %(who)s saved while you were editing: %(changes)s. Their changes and "
                "yours are both saved.") % {"who": merged.by or gettext("someone else"),
                                            "changes": LIST_SEPARATOR.join(merged.taken)}, messages.INFO)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        self._say_drafts(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method == "POST":
            self._record_baselines([self.get_object(request, object_id)])
        return super().delete_view(request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST" and request.POST.get("action") in ("publish", "unpublish"):
            rows = self.get_queryset(request)
            if request.POST.get("select_across") != "1":
                rows = rows.filter(pk__in=request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
            self._record_baselines(rows)
        return super().changelist_view(request, extra_context)

    def _record_baselines(self, objects) -> None:
        for obj in objects:
            if obj is not None:
                record_baseline(obj)
                if self.parent_of(obj) is not None:
                    record_baseline(self.parent_of(obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        merged = context["adminform"].form.data
        if isinstance(merged, Merged) and (merged.conflicts or merged.taken):
            context["edit_conflict"] = {
                "merged": merged, "theirs": merged.by or gettext("someone else"),
                "mine": request.user.get_username(), "taken": LIST_SEPARATOR.join(merged.taken)}
        context.update(self._preview_and_schedule(request, obj))
        context.update(form_guide(context))
        if getattr(request, "restore_token", None):
            form = context["adminform"].form
            form.initial["edit_token"] = form.fields["edit_token"].initial = request.restore_token
        describe_plan(context["adminform"].form)
        for inline in context.get("inline_admin_formsets", []):
            for row in inline.formset.forms:
                describe_plan(row)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _preview_and_schedule(self, request, obj) -> dict:
        """The change form's Preview buttons (one per language) and "Schedule this change"."""
        context = {}
        if self.view_on_site and (callable(self.view_on_site) or hasattr(self.model, "get_absolute_url")):
            info = self.opts.app_label, self.opts.model_name
            url = (reverse("admin:%s_%s_preview" % info, args=[obj.pk]) if obj is not None
                   else reverse("admin:%s_%s_preview_add" % info))
            context["editor_previews"] = [(f"{url}?{preview.LANGUAGE}={code}", name) for code, name in (
                ("zh-hans", gettext("Preview in Chinese")), ("en", gettext("Preview in English")))]
        if obj is not None and self.is_publishable and self.has_change_permission(request, obj):
            context["schedule"] = {"date": request.POST.get(schedule.SCHEDULE_DATE, ""),
                                   "time": request.POST.get(schedule.SCHEDULE_TIME, ""),
                                   "pending": self._scheduled(obj)}
        return context

    def _scheduled(self, obj) -> list[dict]:
        """The changes scheduled for `obj` and those refused, with what each changes. Queries once."""
        info = self.opts.app_label, self.opts.model_name
        preview_url = reverse("admin:%s_%s_preview" % info, args=[obj.pk])
        return [{"change": change, "summary": summary.render(change.summary),
                 "problem": schedule.problem_text(change) if change.problem else "",
                 "previews": [(f"{preview_url}?scheduled={change.pk}&{preview.LANGUAGE}={code}", name) for code, name in (
                     ("zh-hans", gettext("Preview in Chinese")), ("en", gettext("Preview in English")))],
                 "cancel": reverse("admin:%s_%s_cancel_scheduled" % info, args=[obj.pk, change.pk])}
                for change in ScheduledChange.objects.shown_for(obj).select_related("created_by")]

    def construct_change_message(self, request, form, formsets, add=False):
        # Field names, not labels: shown in each reader's language (editors/summary.py).
        return summary.change_items(form, formsets, add)

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active() and isinstance(message, list):
            reversion.set_comment(summary.encode(message))
        return entry

    def log_change(self, request, obj, message):
        if schedule.is_scheduling(request):
            return None  # logged when it is applied
        entry = super().log_change(request, obj, message)
        if reversion.is_active() and isinstance(message, list):
            reversion.set_comment(summary.encode(message))
        return entry

    def save_model(self, request, obj, form, change):
        if schedule.is_scheduling(request):
            return  # stored by save_related, saved at its moment
        note_plan_edit(form)
        super().save_model(request, obj, form, change)
        self.touch_parent(obj)

    def save_formset(self, request, form, formset, change):
        for row in formset.forms:
            note_plan_edit(row)
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        if schedule.is_scheduling(request):
            request.scheduled = schedule.create(request, form.instance, form, formsets, form.publish_at)
            return
        super().save_related(request, form, formsets, change)
        # What this save leaves unseen by visitors: the listing, or rows it added or changed.
        rows = [form.instance] if form.has_changed() or not change else []
        rows += [row.instance for formset in formsets for row in formset.forms
                 if row.has_changed() and row.instance.pk is not None and row not in formset.deleted_forms]
        request.drafts = [row for row in rows if isinstance(row, Publishable) and row.status == Status.DRAFT]

    def _target_of_post(self, request, object_id):
        """The listing a POST-only action acts on: Http404 if there is none, PermissionDenied
        without the right to change it, None for a method other than POST."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj if request.method == "POST" else None

    def preview_view(self, request, object_id=None):
        """POST the change form here: the public page with its values, nothing saved
        (editors/preview.py). GET with ?scheduled=<id>: a scheduled change's values."""
        obj = None
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is None:
                raise Http404
        if not (self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)):
            raise PermissionDenied
        if request.method == "POST":
            return preview.preview(self, request, obj, request.POST)
        scheduled = request.GET.get("scheduled", "")
        if obj is None or not scheduled.isdigit():
            return HttpResponseNotAllowed(["POST"])
        change = get_object_or_404(ScheduledChange.objects.shown_for(obj), pk=int(scheduled))
        return preview.preview(self, request, obj, schedule.as_post(change))

    def cancel_scheduled_view(self, request, object_id, change_id):
        """POST: a scheduled change of this listing is not to be applied."""
        obj = self._target_of_post(request, object_id)
        if obj is None:
            return HttpResponseNotAllowed(["POST"])
        change = get_object_or_404(ScheduledChange.objects.shown_for(obj), pk=change_id)
        change.state = ScheduledChange.State.CANCELLED
        change.save(update_fields=["state"])
        self.message_user(request, gettext("The scheduled change was cancelled: it will not be published."),
                          messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:%s_%s_history" % (self.opts.app_label, self.opts.model_name),
                                            args=[obj.pk]))

    def delete_model(self, request, obj):
        parent = self.parent_of(obj)
        super().delete_model(request, obj)
        if parent is not None:
            self._touch(parent)

    def parent_of(self, obj):
        return getattr(obj, self.parent_field) if self.parent_field else None

    def touch_parent(self, obj) -> None:
        parent = self.parent_of(obj)
        if parent is not None:
            self._touch(parent)

    def _touch(self, parent) -> None:
        if isinstance(parent, Publishable):
            # In memory too: the version recorded below must hold the token editors now open.
            parent.updated_at = timezone.now()
            type(parent)._default_manager.filter(pk=parent.pk).update(updated_at=parent.updated_at)
        if reversion.is_active():
            reversion.add_to_revision(parent)

def form_guide(context) -> dict:
    """What a long form needs on a phone: `error_links`, each error with the field it belongs to
    (a link to its input, however far down), and `form_parts`, links to each named fieldset and
    inline group. No query."""
    form = context["adminform"].form
    links = []
    for name, errors in form.errors.items():
        if name in form.fields and not form.fields[name].widget.is_hidden:
            links.append({"href": f"#{form[name].id_for_label}", "where": form.fields[name].label,
                          "message": " ".join(errors)})
    parts = [{"href": f"#fieldset-0-{index}-heading", "name": fieldset.name}
             for index, fieldset in enumerate(context["adminform"]) if fieldset.name]
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        name = inline.opts.verbose_name_plural
        parts.append({"href": f"#{formset.prefix}-group", "name": name})
        if formset.non_form_errors():
            links.append({"href": f"#{formset.prefix}-group", "where": name,
                          "message": " ".join(formset.non_form_errors())})
        for number, row in enumerate(formset.forms, start=1):
            for field, errors in row.errors.items():
                target = f"#{row[field].id_for_label}" if field in row.fields else f"#{formset.prefix}-group"
                label = row.fields[field].label if field in row.fields else ""
                links.append({"href": target, "where": f"{inline.opts.verbose_name} {number} · {label}".rstrip(" ·"),
                              "message": " ".join(errors)})
    return {"error_links": links, "form_parts": parts}


def record_baseline(obj: models.Model) -> None:
    """Keep the state before a listing's first admin edit as a revision, so its history shows
    what that edit changed (the plan loader does not write history). Queries."""
    if Version.objects.get_for_object(obj).exists():
        return
    with reversion.create_revision():
        reversion.set_comment(summary.BASELINE)
        reversion.add_to_revision(obj)
