"""Events in the editors' admin: an event's page also edits its tour lines and offers."""


from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventPhoto, Offer, OfferState, TourLine
from editors.admin_base import PUBLISHING, EditorAdmin
from photos.inline import PhotoAdminMixin, PhotoInline
from core.nighttime import format_clock, tonight

OFFER_FIELDS = ["name", "name_en", "status", "publish_from", "publish_until", "source", "first_day", "last_day",
                "price", "quantity", "channel", "channel_en", "description", "description_en"]


class TourLineInline(admin.StackedInline):
    model = TourLine
    extra = 0
    fields = ["name", "name_en", "description", "description_en", "position"]


class OfferInline(admin.StackedInline):
    model = Offer
    extra = 0
    fields = OFFER_FIELDS


class EventPhotoInline(PhotoInline):
    model = EventPhoto


@admin.register(Event)
class EventAdmin(PhotoAdminMixin, EditorAdmin):
    list_display = ["name", "kind", "venue", "starts", "first_night", "last_night", "status", "is_live", "updated_at"]
    list_filter = ["status", "kind", "themes", "venue"]
    list_select_related = ["venue"]
    search_fields = ["search_key", "slug", "venue__search_key"]
    autocomplete_fields = ["venue", "place"]
    filter_horizontal = ["themes"]
    inlines = [EventPhotoInline, TourLineInline, OfferInline]
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
