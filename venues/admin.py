from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nightlife.nighttime import format_clock
from transit.models import Serving
from venues.models import Highlight, Place, Theme, Venue


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


class PlaceInline(admin.TabularInline):
    model = Place
    extra = 0


class HighlightInline(admin.StackedInline):
    model = Highlight
    extra = 0


class ServingInline(admin.TabularInline):
    """The routes serving this venue, with their last runs (composes transit into the venue page)."""

    model = Serving
    extra = 0
    autocomplete_fields = ["route", "last_run_stop"]
    fields = ["route", "position", "last_run", "last_run_kind", "last_run_stop"]
    verbose_name = _("bus route serving this venue")
    verbose_name_plural = _("bus routes serving this venue, with last runs")


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "is_quarter", "slogan", "theme_list", "hours", "position"]
    list_filter = ["kind", "is_quarter", "themes", "open_all_day"]
    search_fields = ["name", "name_en", "slug", "slogan", "slogan_en"]
    prepopulated_fields = {"slug": ["name_en"]}
    filter_horizontal = ["themes"]
    inlines = [PlaceInline, HighlightInline, ServingInline]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "kind", "is_quarter", "themes", "position"]}),
        (_("Slogan and description"), {"fields": ["slogan", "slogan_en", "description", "description_en"]}),
        (_("Opening hours (only where published)"),
         {"fields": ["open_all_day", "opens_at", "closes_at", "hours_note", "hours_note_en"]}),
        (_("Buses"), {"fields": ["routes_are_partial"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    @admin.display(description=_("themes"))
    def theme_list(self, venue):
        return "、".join(theme.name for theme in venue.themes.all())

    @admin.display(description=_("hours"))
    def hours(self, venue):
        if venue.open_all_day:
            return _("24 hours")
        if venue.opens_at:
            return f"{format_clock(venue.opens_at)} – {format_clock(venue.closes_at)}"
        return _("Not published")
