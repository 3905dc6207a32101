from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from events.models import Event, Offer, TourLine
from nightlife.nighttime import format_clock


class TourLineInline(admin.StackedInline):
    model = TourLine
    extra = 0


class OfferInline(admin.StackedInline):
    model = Offer
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "venue", "place", "starts", "first_night", "last_night"]
    list_filter = ["kind", "themes", "venue"]
    list_select_related = ["venue", "place"]
    search_fields = ["name", "name_en", "slug", "venue__name", "venue__name_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["venue"]
    filter_horizontal = ["themes"]
    inlines = [TourLineInline, OfferInline]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "kind", "themes", "position"]}),
        (_("Where"), {"fields": ["venue", "place", "channel", "channel_en"]}),
        (_("When"), {"fields": ["starts_at", "ends_at", "all_day", "first_night", "last_night"]}),
        (_("Description"), {"fields": ["description", "description_en"]}),
    ]

    @admin.display(description=_("starts at"), ordering="starts_at")
    def starts(self, event):
        return format_clock(event.starts_at) or "—"


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["name", "event", "price", "quantity", "first_day", "last_day"]
    list_select_related = ["event"]
    search_fields = ["name", "name_en", "event__name"]
    autocomplete_fields = ["event"]
    date_hierarchy = "first_day"
