"""Publishing from the admin in bulk: the change list's "Publish" and "Unpublish" actions, and
after a save that leaves drafts, the button that publishes them, each in one transaction and one
revision. A mixin of EditorAdmin (admin_base.py), whose `is_publishable`, `_target_of_post`,
`_touch` and `touch_parent` it uses."""

from __future__ import annotations

import reversion
from django.contrib import admin, messages
from django.db import transaction
from django.forms.models import _get_foreign_key
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, gettext_lazy as _, gettext_noop, ngettext
from reversion.admin import VersionAdmin

from editors import summary
from editors.summary import LIST_SEPARATOR
from core.publishing import Publishable, Status


class PublishingMixin:
    actions = ["publish", "unpublish"]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self.is_publishable:
            actions.pop("publish", None)
            actions.pop("unpublish", None)
        return actions

    @admin.action(description=_("Publish the selected listings"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Unpublish the selected listings (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status: str) -> None:
        """Sets `status` on each selected row in one transaction and one revision."""
        label = str(self.model._meta.get_field("status").verbose_name)
        with transaction.atomic():
            rows = [obj for obj in queryset.select_for_update(of=("self",)) if obj.status != status]
            with reversion.create_revision():  # joins the changelist's revision
                reversion.set_user(request.user)
                reversion.set_comment(summary.encode(note=gettext_noop("Status set to %(status)s in bulk."),
                                                     status=summary.choice(self.model, "status", status)))
                for obj in rows:
                    obj.status = status
                    obj.save(update_fields=["status", "updated_at"])
                    reversion.add_to_revision(obj)
                    self.touch_parent(obj)
                    super(VersionAdmin, self).log_change(request, obj, [{"changed": {"fields": [label]}}])
        if status == Status.PUBLISHED:
            message = ngettext("%(count)d listing published.", "%(count)d listings published.", len(rows))
        else:
            message = ngettext("%(count)d listing back to draft.", "%(count)d listings back to draft.", len(rows))
        self.message_user(request, message % {"count": len(rows)}, messages.SUCCESS)

    def _say_drafts(self, request, obj) -> None:
        """After a save that leaves drafts: say which, with a button that publishes them."""
        drafts = getattr(request, "drafts", [])
        if not drafts or not self.has_change_permission(request, obj):
            return
        url = reverse("admin:%s_%s_publish_drafts" % (self.opts.app_label, self.opts.model_name), args=[obj.pk])
        rows = format_html_join("", '<input type="hidden" name="rows" value="{}:{}">',
                                ((row._meta.label_lower, row.pk) for row in drafts))
        self.message_user(request, format_html(
            '{} <form method="post" action="{}" class="publish-drafts">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">{}'
            '<button type="submit" class="button">{}</button></form>',
            gettext("Saved as drafts, which visitors do not see: %(rows)s.") % {
                "rows": LIST_SEPARATOR.join(f"{row._meta.verbose_name} “{row}”" for row in drafts)},
            url, get_token(request), rows,
            ngettext("Publish it now", "Publish them now", len(drafts))), messages.WARNING)

    def publish_drafts_view(self, request, object_id):
        """POST rows=<model label>:<pk> ...: those of this listing and its inline rows that are
        drafts are published, in one transaction and one revision; anything else is ignored."""
        obj = self._target_of_post(request, object_id)
        if obj is None:
            return HttpResponseNotAllowed(["POST"])
        wanted = {}
        for item in request.POST.getlist("rows"):
            label, _, pk = item.rpartition(":")
            if pk.isdigit():
                wanted.setdefault(label, set()).add(int(pk))
        with transaction.atomic():
            published = []
            targets = [(type(obj), {"pk": obj.pk})]
            for inline in self.get_inline_instances(request, obj):
                if issubclass(inline.model, Publishable):
                    fk = _get_foreign_key(type(obj), inline.model, fk_name=inline.fk_name)
                    targets.append((inline.model, {fk.name: obj}))
            with reversion.create_revision():
                reversion.set_user(request.user)
                for model, belongs in targets:
                    ids = wanted.get(model._meta.label_lower, set())
                    for row in model._default_manager.select_for_update().filter(pk__in=ids, status=Status.DRAFT,
                                                                               **belongs):
                        row.status = Status.PUBLISHED
                        row.save(update_fields=["status", "updated_at"])
                        published.append(row)
                if published:
                    self._touch(obj)
                    reversion.add_to_revision(obj)
                    reversion.set_comment(summary.encode(note=gettext_noop("Published: %(rows)s."),
                                                         rows=", ".join(str(row) for row in published)))
                    super(VersionAdmin, self).log_change(request, obj, [{"changed": {"fields": [
                        str(self.model._meta.get_field("status").verbose_name)]}}])
        if published:
            self.message_user(request, gettext("Published: %(rows)s. Visitors see them now.") % {
                "rows": LIST_SEPARATOR.join(str(row) for row in published)}, messages.SUCCESS)
        else:
            self.message_user(request, gettext("Nothing to publish: they are published already."), messages.INFO)
        return HttpResponseRedirect(reverse("admin:%s_%s_change" % (self.opts.app_label, self.opts.model_name),
                                            args=[obj.pk]))
