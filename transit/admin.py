from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from nightlife.nighttime import format_clock
from transit.models import Route, Serving, Stop


@admin.register(Route)
class RouteAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    view_on_site = True


@admin.register(Stop)
class StopAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "venue"]
    list_select_related = ["venue"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["venue"]


@admin.register(Serving)
class ServingAdmin(admin.ModelAdmin):
    list_display = ["route", "venue", "last_run_display", "last_run_kind", "last_run_stop"]
    list_filter = ["last_run_kind", "venue"]
    list_select_related = ["route", "venue", "last_run_stop"]
    search_fields = ["route__name", "venue__name", "venue__name_en"]
    autocomplete_fields = ["route", "venue", "last_run_stop"]
    ordering = ["venue__position", "position"]

    @admin.display(description=_("last run"), ordering="last_run")
    def last_run_display(self, serving):
        return format_clock(serving.last_run) or _("Not published")
