"""Draft or published, with an optional window: what visitors may see, and when."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Source(models.TextChoices):
    """Where a listing's facts come from, said on its public page."""

    PLAN = "plan", _("The published plan (its page names the edition)")
    EDITORS = "editors", _("Our editors")


def published_q(prefix: str = "", now: dt.datetime | None = None) -> Q:
    """Q for rows visitors may see now; `prefix` reaches a related row ("venue__")."""
    now = now or timezone.now()
    return (Q(**{f"{prefix}status": Status.PUBLISHED})
            & (Q(**{f"{prefix}publish_from__isnull": True}) | Q(**{f"{prefix}publish_from__lte": now}))
            & (Q(**{f"{prefix}publish_until__isnull": True}) | Q(**{f"{prefix}publish_until__gt": now})))


class PublishableQuerySet(models.QuerySet):
    def published(self, now: dt.datetime | None = None):
        """Rows that are published and inside their publish window at `now` (default: now)."""
        return self.filter(published_q(now=now))


class Publishable(models.Model):
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT,
                              help_text=_("Visitors see only published listings."))
    # Indexed: the page cache asks for the next publish boundary (MIN(...) WHERE ... > now).
    publish_from = models.DateTimeField(_("publish from"), null=True, blank=True, db_index=True,
                                        help_text=_("Optional: hidden from visitors before this moment."))
    publish_until = models.DateTimeField(_("publish until"), null=True, blank=True, db_index=True,
                                         help_text=_("Optional: hidden from visitors from this moment on."))
    # Default "plan": rows the plan loader creates come from the plan; the admin's add form
    # proposes "editors" instead.
    source = models.CharField(_("facts from"), max_length=10, choices=Source.choices, default=Source.PLAN,
                              help_text=_("Said on the public page. Choose 'Our editors' for facts the plan does not give."))
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.publish_from and self.publish_until and self.publish_until <= self.publish_from:
            raise ValidationError({"publish_until": _("The end of publication must come after its start.")})

    def is_published_at(self, now: dt.datetime) -> bool:
        return (self.status == Status.PUBLISHED
                and (self.publish_from is None or self.publish_from <= now)
                and (self.publish_until is None or now < self.publish_until))

    @property
    def from_plan(self) -> bool:
        """The facts come from the published plan (said on the public page)."""
        return self.source == Source.PLAN

    @property
    def is_live(self) -> bool:
        """Visible to visitors right now."""
        return self.is_published_at(timezone.now())


class PreviewMixin:
    """For detail views: visitors get published rows only (a draft is a 404); an editor allowed
    to change the model previews drafts, and the page says so (`is_preview`)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset if self.can_preview() else queryset.published()

    def can_preview(self) -> bool:
        user, opts = self.request.user, self.model._meta
        return user.is_active and user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(is_preview=not self.object.is_live, **kwargs)
