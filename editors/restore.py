"""A listing's history in the admin and restoring an old version of it, all of it or the fields
an editor ticks, merged with what others saved meanwhile as any save is. A mixin of EditorAdmin
(admin_base.py), whose `change_view` and `_scheduled` it uses."""

from __future__ import annotations

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.db import transaction
from reversion.models import Version

from editors import summary
from editors.locking import edit_token, stored_token
from editors.merge import PENDING, as_data, data_keys
from editors.versions import history, restore_changes
from core.publishing import Publishable

# The restore page's boxes: the listing's fields it offers to bring back, and those ticked.
RESTORE_OFFERED, RESTORE_CHOSEN = "restore_offered", "restore_field"


class HistoryMixin:
    def history_view(self, request, object_id, extra_context=None):
        """The listing's saves, newest first, without noise: the state before the first edit
        (by nobody) is a link under the table, not a row, and a save that changed nothing is
        left out."""
        obj = self.get_object(request, object_id)
        rows, baseline = [], None
        for row in history(obj) if obj is not None else []:
            if summary.is_baseline(row["revision"]):
                baseline = row["version"]
            elif row["changes"] or row["first"]:
                row["summary"] = summary.render(row["revision"].get_comment())
                rows.append(row)
        scheduled = self._scheduled(obj) if obj is not None and self.is_publishable else []
        return super().history_view(request, object_id, {**(extra_context or {}), "history_rows": rows,
                                                         "baseline": baseline, "scheduled": scheduled})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """An old version, to restore all or some of its fields. GET: the form holds the old
        version's values and the edit token of the listing as it is now; above it, what
        restoring would change, each of the listing's own fields with a box to bring it back or
        not. POST: fields left unticked keep their current values; then, if nobody saved the
        listing since the page was opened, the version is put back as django-reversion does,
        else the restore is merged with their save as any save is (change_view): what they
        changed is kept, a value both changed is asked."""
        obj = self.get_object(request, unquote(object_id))
        version = Version.objects.filter(pk=version_id, object_id=unquote(object_id)).select_related("revision").first()
        if obj is None or version is None or not isinstance(obj, Publishable):
            return super().revision_view(request, object_id, version_id, extra_context)
        if request.method != "POST":
            request.restore_token = edit_token(obj)  # the merge base, should someone save meanwhile
            return super().revision_view(request, object_id, version_id,
                                         {**(extra_context or {}), "restore_changes": restore_changes(obj, version)})
        request.POST = self._keep_unchosen(request, obj)
        with transaction.atomic():
            if request.POST.get("edit_token", "") != stored_token(obj) or PENDING in request.POST:
                return self.change_view(request, object_id, "", extra_context)
            post = request.POST.copy()
            saved_at = version.field_dict.get("updated_at")
            post["edit_token"] = saved_at.isoformat() if saved_at else ""  # the token of the row put back
            request.POST = post
            return super().revision_view(request, object_id, version_id, extra_context)

    def _keep_unchosen(self, request, obj):
        """The restore form's POST with each offered field the editor unticked set back to its
        current value (as the form would post it)."""
        post = request.POST.copy()
        unchosen = set(post.getlist(RESTORE_OFFERED)) - set(post.getlist(RESTORE_CHOSEN))
        if not unchosen:
            return post
        fields = flatten_fieldsets(self.get_fieldsets(request, obj))
        current = self.get_form(request, obj, change=True, fields=fields)(instance=obj)
        for name in unchosen & set(current.fields):
            widget = current.fields[name].widget
            for key in data_keys(widget, name):
                post.pop(key, None)
            for key, values in as_data(widget, name, current[name].value()).items():
                post.setlist(key, values)
        return post
