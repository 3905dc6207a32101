"""Events in the editors' admin: an event's page also edits its tour lines, offers and
changes (a night cancelled or moved, an extra night, the whole event postponed, rescheduled or
cancelled); the list cancels tonight for the selected events, asking for the reason first."""

import reversion
import reversion.admin
from reversion.models import Version
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy as _

from events.models import (Event, EventChange, EventPhoto, NightChange, NightChangeKind, Offer, OfferState, TourLine,
                           changes_between)
from editors.admin_base import PUBLISHING, EditorAdmin, record_baseline
from editors.formfields import night_time_hint, without_related_links
from editors.forms import EditorInlineFormSet
from editors.summary import LIST_SEPARATOR
from photos.inline import PhotoAdminMixin, PhotoInline
from core.nighttime import format_clock, tonight

OFFER_FIELDS = ["name", "name_en", "status", "publish_from", "publish_until", "source", "first_day", "last_day",
                "price", "quantity", "channel", "channel_en", "description", "description_en",
                "availability", "availability_reason", "availability_reason_en"]
NIGHT_CHANGE_FIELDS = ["night", "kind", "starts_at", "venue", "place", "reason", "reason_en"]


class TourLineInline(admin.StackedInline):
    model = TourLine
    extra = 0
    fields = ["name", "name_en", "description", "description_en", "position"]


class OfferInline(admin.StackedInline):
    model = Offer
    extra = 0
    fields = OFFER_FIELDS
    formset = EditorInlineFormSet  # a new offer's facts are the editors'


class EventPhotoInline(PhotoInline):
    model = EventPhoto


class NightChangeInline(admin.StackedInline):
    """One night cancelled, moved or added; deleting the row undoes it. Newest nights first."""

    model = NightChange
    extra = 0
    fields = NIGHT_CHANGE_FIELDS
    autocomplete_fields = ["venue", "place"]
    ordering = ["-night"]
    verbose_name_plural = _("changes of one night (cancelled, moved, extra)")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        return night_time_hint(db_field, without_related_links(formfield))


class EventChangeInline(admin.StackedInline):
    """Postponed, rescheduled or cancelled for good; deleting the row undoes it."""

    model = EventChange
    extra = 0
    max_num = 1
    fields = ["kind", "reason", "reason_en", "previous_first_night", "previous_starts_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return night_time_hint(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))


class CancelNightForm(forms.Form):
    """The night and the reason, for cancelling a night of several events at once."""

    # A date input reads and writes only YYYY-MM-DD, whatever the admin's language.
    night = forms.DateField(label=_("Night"), initial=tonight, input_formats=["%Y-%m-%d"],
                            widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
                            help_text=_("Tonight unless you choose another night. After midnight it is still "
                                        "the night before."))
    reason = forms.CharField(label=NightChange._meta.get_field("reason").verbose_name, max_length=200,
                             help_text=NightChange._meta.get_field("reason").help_text)
    reason_en = forms.CharField(label=NightChange._meta.get_field("reason_en").verbose_name, max_length=300,
                                required=False, help_text=NightChange._meta.get_field("reason_en").help_text)


class TonightChangeList(ChangeList):
    """The event list, with tonight's changes preloaded for its 'Tonight' column."""

    def get_queryset(self, request, exclude_parameters=None):
        night = tonight()
        return super().get_queryset(request, exclude_parameters).prefetch_related(*changes_between(night, night))


@admin.register(Event)
class EventAdmin(PhotoAdminMixin, EditorAdmin):
    list_display = ["name", "tonight_change", "kind", "venue", "starts", "first_night", "last_night", "status", "is_live",
                    "updated_at"]
    list_filter = ["status", "kind", "themes", "venue"]
    list_select_related = ["venue", "place", "whole_change"]
    search_fields = ["search_key", "slug", "venue__search_key"]
    autocomplete_fields = ["venue", "place"]
    filter_horizontal = ["themes"]
    # Changes first: on a phone, an editor cancelling tonight should not scroll past photos.
    inlines = [NightChangeInline, EventChangeInline, EventPhotoInline, TourLineInline, OfferInline]
    actions = [*EditorAdmin.actions, "cancel_tonight"]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "kind", "themes", "position"]}),
        PUBLISHING,
        (_("Where"), {"fields": ["venue", "place", "channel", "channel_en"]}),
        (_("When"), {"fields": ["starts_at", "ends_at", "all_day", "first_night", "last_night"]}),
        (_("Description"), {"fields": ["description", "description_en"]}),
    ]

    @admin.display(description=_("starts at"), ordering="starts_at")
    def starts(self, event):
        return format_clock(event.starts_at) or "—"

    @admin.display(description=_("visible now"), boolean=True)
    def is_live(self, event):
        return event.is_live

    @admin.display(description=_("tonight"))
    def tonight_change(self, event):
        """Tonight's change, or a one-tap link to cancel tonight (the reason is asked next)."""
        night = tonight()
        status = event.status_on(night)
        if status.mark:
            return format_html('<span class="change change-{}">{}</span>', status.mark, status.label)
        if not event.runs_on(night):
            return "—"
        return format_html('<a class="button cancel-tonight" href="{}">{}</a>', self._cancel_url([event.pk]),
                           gettext("Cancel tonight"))

    # --- Cancelling a night of several events -------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return TonightChangeList

    def get_urls(self):
        return [path("cancel-night/", self.admin_site.admin_view(self.cancel_night_view),
                     name="events_event_cancel_night"), *super().get_urls()]

    def _cancel_url(self, ids) -> str:
        return f"{reverse('admin:events_event_cancel_night')}?{urlencode([('ids', pk) for pk in ids])}"

    def has_cancel_permission(self, request) -> bool:
        return self.has_change_permission(request) and request.user.has_perm("events.add_nightchange")

    @admin.action(description=_("Cancel tonight (asks for the reason)"), permissions=["cancel"])
    def cancel_tonight(self, request, queryset):
        return redirect(self._cancel_url(queryset.values_list("pk", flat=True)))

    def cancel_night_view(self, request):
        """GET: the selected events and a form for the night and the reason. POST: every one of
        them cancelled that night, in one transaction and one history entry each; if any cannot
        be (it does not run that night), nothing is saved and the form says why (status 400)."""
        if not self.has_cancel_permission(request):
            raise PermissionDenied
        ids = [pk for pk in request.POST.getlist("ids") or request.GET.getlist("ids") if pk.isdigit()]
        events = list(self.get_queryset(request).filter(pk__in=ids).select_related("venue", "place"))
        if not events:
            self.message_user(request, gettext("Choose the events to cancel first."), messages.WARNING)
            return redirect("admin:events_event_changelist")
        form = CancelNightForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                changes = self._cancel(request, events, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self._say_cancelled(request, changes)
                return redirect("admin:events_event_changelist")
        context = {**self.admin_site.each_context(request), "title": gettext("Cancel a night"), "form": form,
                   "events": events, "opts": self.opts, "media": self.media + form.media}
        return TemplateResponse(request, "admin/events/cancel_night.html", context,
                                status=400 if form.is_bound else 200)

    def _cancel(self, request, events, *, night, reason, reason_en) -> list[NightChange]:
        """Each event's night cancelled (a move of that night becomes the cancellation), all or
        none: raises ValidationError naming each event that cannot be, having saved nothing.
        The changes already there are read inside the transaction that writes (locked where the
        database can): a colleague's cancellation of the same night a moment earlier is then
        updated, not inserted twice; if one still slips in between, the editor is told."""
        try:
            with transaction.atomic():
                return self._cancel_in_transaction(request, events, night=night, reason=reason, reason_en=reason_en)
        except IntegrityError:
            raise ValidationError(gettext("Another editor changed this night at the same moment. Nothing was "
                                          "saved: look at the event list, then try again.")) from None

    def _cancel_in_transaction(self, request, events, *, night, reason, reason_en) -> list[NightChange]:
        existing = {change.event_id: change
                    for change in NightChange.objects.select_for_update().filter(event__in=events, night=night)}
        changes, problems = [], []
        for event in events:
            change = existing.get(event.pk) or NightChange(event=event, night=night)
            change.event = event
            change.kind, change.starts_at, change.venue, change.place = NightChangeKind.CANCELLED, None, None, None
            change.reason, change.reason_en = reason, reason_en
            try:
                change.full_clean()
            except ValidationError as error:
                problems.append(f"{event.name}: {' '.join(error.messages)}")
            changes.append(change)
        if problems:
            raise ValidationError(problems)
        for event in events:
            record_baseline(event)
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(gettext("Cancelled on %(night)s: %(reason)s") % {
                "night": date_format(night, "DATE_FORMAT"), "reason": reason})
            for change in changes:
                change.save()
                self._touch(change.event)
                # Past VersionAdmin's log_change, which would replace the revision's comment.
                super(reversion.admin.VersionAdmin, self).log_change(request, change.event, [{"added": {
                    "name": str(NightChange._meta.verbose_name), "object": str(change)}}])
        return changes

    def _say_cancelled(self, request, changes) -> None:
        undo = format_html_join(LIST_SEPARATOR, gettext("{event} (<a href=\"{url}\">undo</a>)"), (
            {"event": change.event.name, "url": reverse("admin:events_nightchange_undo", args=[change.pk])}
            for change in changes))
        self.message_user(request, format_html(gettext("Cancelled on {night}: {events}"),
                                               night=date_format(changes[0].night, "DATE_FORMAT"), events=undo),
                          messages.SUCCESS)


@admin.register(NightChange)
class NightChangeAdmin(EditorAdmin):
    """Every changed night, newest first: where an editor checks tonight's changes and undoes
    one (delete it; the event's history keeps it)."""

    list_display = ["night", "event", "kind", "starts", "venue", "place", "reason", "announced_at", "undo"]
    list_filter = ["kind", "night"]
    list_select_related = ["event", "venue", "place"]
    search_fields = ["event__search_key", "reason", "reason_en"]
    autocomplete_fields = ["event", "venue", "place"]
    date_hierarchy = "night"
    ordering = ["-night", "-pk"]
    parent_field = "event"
    fields = ["event", *NIGHT_CHANGE_FIELDS]

    def view_on_site(self, change):
        return change.event.get_absolute_url()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return night_time_hint(db_field, super().formfield_for_dbfield(db_field, request, **kwargs))

    def delete_model(self, request, obj):
        # Undone as a revision of its own, so the event's history shows the night back as planned.
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(gettext("Deleted: %(change)s") % {"change": obj})
            super().delete_model(request, obj)

    # --- Undo: a question in plain words and one tap ------------------------------------------

    def get_urls(self):
        return [path("<int:change_id>/undo/", self.admin_site.admin_view(self.undo_view),
                     name="events_nightchange_undo"), *super().get_urls()]

    def undo_view(self, request, change_id):
        """GET: what undoing this change gives visitors, as a question ("Restore tonight's
        show?") with one button. POST: the change deleted, as a revision of the event's history;
        unless someone changed it after this page was opened (its `updated_at`, posted back as
        `seen`): then nothing is deleted and the page asks again with the change as it is now
        (status 409). Queries: the change, locked, and the delete."""
        change = NightChange.objects.select_related("event", "venue", "place").filter(pk=change_id).first()
        if change is None:
            self.message_user(request, gettext("That change was already undone."), messages.INFO)
            return redirect("admin:events_event_changelist")
        if not self.has_delete_permission(request, change):
            raise PermissionDenied
        changed_by = ""
        if request.method == "POST":
            with transaction.atomic():
                change = (NightChange.objects.select_for_update(of=("self",)).select_related("event", "venue", "place")
                          .filter(pk=change_id).first())
                if change is None:
                    self.message_user(request, gettext("That change was already undone."), messages.INFO)
                    return redirect("admin:events_event_changelist")
                if request.POST.get("seen") == change.updated_at.isoformat():
                    event, night = change.event, change.night
                    self._record_baselines([change])
                    self.log_deletions(request, [change])  # before the row goes, as Django's delete view
                    self.delete_model(request, change)
                    self.message_user(request, format_html(
                        gettext("Undone: {event} on {night} is as planned again."), event=event.name,
                        night=date_format(night, "DATE_FORMAT")), messages.SUCCESS)
                    return redirect("admin:events_event_changelist")
            changed_by = _last_editor(change) or gettext("someone else")
        question = undo_question(change)
        context = {**self.admin_site.each_context(request), "opts": self.opts, "event_opts": Event._meta,
                   "change": change, "question": question, "status": change.event.status_on(change.night),
                   "planned": change.event.when_text(), "changed_by": changed_by, "title": question}
        return TemplateResponse(request, "admin/events/undo_night_change.html", context,
                                status=409 if changed_by else 200)

    @admin.display(description=_("new start time"), ordering="starts_at")
    def starts(self, change):
        return format_clock(change.starts_at) or "—"

    @admin.display(description=_("undo"))
    def undo(self, change):
        return format_html('<a class="button" href="{}">{}</a>', reverse("admin:events_nightchange_undo",
                                                                         args=[change.pk]), gettext("Undo"))


def undo_question(change: NightChange) -> str:
    """What undoing `change` does, asked in plain words: 'Restore tonight's show?'."""
    day = {"day": date_format(change.night, "DATE_FORMAT")}
    is_tonight = change.night == tonight()
    if change.kind == NightChangeKind.CANCELLED:
        return gettext("Restore tonight's show?") if is_tonight else gettext("Restore the show on %(day)s?") % day
    if change.kind == NightChangeKind.EXTRA:
        return gettext("Remove tonight's extra show?") if is_tonight else gettext(
            "Remove the extra show on %(day)s?") % day
    return (gettext("Put tonight's show back to its planned time and place?") if is_tonight
            else gettext("Put the show on %(day)s back to its planned time and place?") % day)


def _last_editor(change: NightChange) -> str:
    """Who saved `change` last, from its history ('' when unknown). Queries once."""
    version = Version.objects.get_for_object(change).select_related("revision__user").first()
    user = version.revision.user if version else None
    return user.get_username() if user else ""


class OfferStateFilter(admin.SimpleListFilter):
    """Upcoming, running or ended tonight (the night follows nighttime.tonight())."""

    title = _("state tonight")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return OfferState.choices

    def queryset(self, request, queryset):
        if self.value() in OfferState.values:
            return queryset.in_state(OfferState(self.value()), tonight())
        return queryset


@admin.register(Offer)
class OfferAdmin(EditorAdmin):
    list_display = ["name", "event", "price", "quantity", "first_day", "last_day", "state", "status", "is_live"]
    list_filter = ["status", OfferStateFilter, "event"]
    list_select_related = ["event"]
    search_fields = ["name", "name_en", "event__search_key"]
    autocomplete_fields = ["event"]
    date_hierarchy = "first_day"
    parent_field = "event"
    fields = ["event", *OFFER_FIELDS]

    def view_on_site(self, offer):
        return offer.event.get_absolute_url()

    @admin.display(description=_("state tonight"))
    def state(self, offer):
        return offer.state_on(tonight()).label

    @admin.display(description=_("visible now"), boolean=True)
    def is_live(self, offer):
        return offer.is_live
