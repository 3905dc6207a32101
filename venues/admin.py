"""Venues in the editors' admin. A venue's page also edits its places, highlights and the bus
routes serving it with their last runs (composing transit into the venue page)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from editors.admin_base import PUBLISHING, EditorAdmin
from editors.formfields import night_time_hint, without_related_links
from photos.inline import PhotoAdminMixin, PhotoInline
from transit.models import Serving
from venues.models import Highlight, Place, PlanEdition, Theme, Venue, VenueClosure, VenuePhoto

@admin.register(Theme)
class ThemeAdmin(EditorAdmin):
    list_display = ["name", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en", "slug"]


class PlaceInline(admin.TabularInline):
    model = Place
    extra = 0
    fields = ["name", "name_en", "position", "latitude", "longitude", "coordinate_system"]


class HighlightInline(admin.StackedInline):
    model = Highlight
    extra = 0
    fields = ["name", "name_en", "description", "description_en", "position"]


class ServingInline(admin.TabularInline):
    """The routes serving this venue, with their last runs (composes transit into the venue page)."""

    model = Serving
    extra = 0
    autocomplete_fields = ["route", "last_run_stop"]
    fields = ["route", "position", "last_run", "last_run_kind", "last_run_stop"]
    verbose_name = _("bus route serving this venue")
    verbose_name_plural = _("bus routes serving this venue, with last runs")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("route", "last_run_stop", "venue")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        return night_time_hint(db_field, without_related_links(formfield))


class VenuePhotoInline(PhotoInline):
    model = VenuePhoto


class VenueClosureInline(admin.StackedInline):
    """The venue, or a place in it, closed for a night or several: its events there show as
    cancelled on those nights. Deleting the row undoes it."""

    model = VenueClosure
    extra = 0
    fields = ["place", "first_night", "last_night", "reason", "reason_en"]
    autocomplete_fields = ["place"]
    ordering = ["-first_night"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return without_related_links(super().formfield_for_dbfield(db_field, request, **kwargs))


@admin.register(Venue)
class VenueAdmin(PhotoAdminMixin, EditorAdmin):
    list_display = ["name", "name_en", "kind", "is_quarter", "status", "is_live", "theme_list", "hours", "updated_at"]
    list_filter = ["status", "kind", "is_quarter", "themes", "open_all_day"]
    # search_key holds the Chinese, English and pinyin names and the slogans (core/search.py).
    search_fields = ["search_key", "slug"]
    filter_horizontal = ["themes"]
    inlines = [VenueClosureInline, VenuePhotoInline, PlaceInline, HighlightInline, ServingInline]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["name", "name_en", "slug", "kind", "is_quarter", "themes", "position"]}),
        PUBLISHING,
        (_("Slogan and description"), {"fields": ["slogan", "slogan_en", "description", "description_en"]}),
        (_("Opening hours (only where published)"),
         {"fields": ["open_all_day", "opens_at", "closes_at", "hours_note", "hours_note_en"]}),
        (_("Buses"), {"fields": ["routes_are_partial"]}),
        (_("Pin for directions"), {"fields": ["latitude", "longitude", "coordinate_system"], "description": _(
            "Optional. With a pin, the map buttons plan a route by public transport to it; without one, "
            "they search by name.")}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    @admin.display(description=_("visible now"), boolean=True)
    def is_live(self, venue):
        return venue.is_live

    @admin.display(description=_("themes"))
    def theme_list(self, venue):
        return "、".join(theme.name for theme in venue.themes.all())

    @admin.display(description=_("hours"))
    def hours(self, venue):
        return venue.hours_text or _("Not published")


@admin.register(Place)
class PlaceAdmin(EditorAdmin):
    """Also the source of the event page's place autocomplete."""

    list_display = ["name", "name_en", "venue"]
    list_filter = ["venue"]
    list_select_related = ["venue"]
    search_fields = ["name", "name_en", "venue__search_key"]
    autocomplete_fields = ["venue"]
    parent_field = "venue"


@admin.register(PlanEdition)
class PlanEditionAdmin(VersionAdmin):
    """The plan's editions as staff loaded them, read-only: an edition is added by loading it
    ("Load a plan edition", nightlife/admin_plan.py), never typed in."""

    list_display = ["name", "name_en", "published", "publication", "page", "file_name", "loaded_at", "loaded_by"]
    list_select_related = ["loaded_by"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
