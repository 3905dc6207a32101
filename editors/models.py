"""A change to a listing prepared now and published at a chosen moment (editors/schedule.py)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScheduledChangeQuerySet(models.QuerySet):
    def pending(self):
        """Not applied yet: waiting for their moment."""
        return self.filter(state=ScheduledChange.State.SCHEDULED)

    def due(self, now):
        """Waiting, and their moment has come (`now` or before)."""
        return self.pending().filter(publish_at__lte=now)

    def shown_for(self, obj):
        """The ones waiting, or refused, for listing `obj` (its history shows them)."""
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk),
                           state__in=[ScheduledChange.State.SCHEDULED, ScheduledChange.State.NOT_APPLIED])


class ScheduledChange(models.Model):
    """The change form of a listing as an editor submitted it, saved at `publish_at` instead of
    at once, merged with what others saved meanwhile. A change that clashes with a later edit
    is not applied (NOT_APPLIED, `problem` says why) and shows under "needs attention"."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        APPLIED = "applied", _("applied")
        NOT_APPLIED = "not_applied", _("not applied")
        CANCELLED = "cancelled", _("cancelled")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    listing = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("listing"), max_length=200)
    # The form as posted: {field name: [values]}, files left out.
    data = models.JSONField()
    # The listing and its inline rows when it was scheduled, serialized as django-reversion's
    # versions: the base of the three-way merge when it is applied (editors/versions.py snapshot()).
    base = models.JSONField()
    # What it changes, as a language-neutral summary (editors/summary.py).
    summary = models.TextField()
    publish_at = models.DateTimeField(_("publish at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.SCHEDULED)
    applied_at = models.DateTimeField(null=True, blank=True)
    # Why it was not applied: {"conflicts": [[model, field, row], ...]} or {"errors": [text, ...]}.
    problem = models.JSONField(default=dict, blank=True)

    objects = ScheduledChangeQuerySet.as_manager()

    class Meta:
        ordering = ["publish_at", "pk"]
        verbose_name = _("scheduled change")
        verbose_name_plural = _("scheduled changes")
        # apply_scheduled_changes each minute: the due ones (state, publish_at).
        indexes = [models.Index(fields=["state", "publish_at"])]

    def __str__(self):
        return f"{self.object_repr} @ {self.publish_at:%Y-%m-%d %H:%M}"
