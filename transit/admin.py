"""Bus routes, stops and last runs in the editors' admin. Last runs are usually edited on the
venue's page (venues/admin.py ServingInline); this list is for looking across venues."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editors.admin_base import EditorAdmin
from editors.forms import EditorForm
from core.nighttime import format_clock
from transit.models import Route, Serving, Stop


class RouteForm(EditorForm):
    def slug_texts(self, cleaned):
        # "V8路" -> "v8", "9路" -> "9": the route number is the address.
        return [(cleaned.get("name") or "").replace("路", ""), cleaned.get("name_en", "")]


@admin.register(Route)
class RouteAdmin(EditorAdmin):
    form = RouteForm
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "slug"]
    view_on_site = True


@admin.register(Stop)
class StopAdmin(EditorAdmin):
    list_display = ["name", "name_en", "venue"]
    list_select_related = ["venue"]
    search_fields = ["name", "name_en", "slug", "venue__search_key"]
    autocomplete_fields = ["venue"]


@admin.register(Serving)
class ServingAdmin(EditorAdmin):
    list_display = ["route", "venue", "last_run_display", "last_run_kind", "last_run_stop"]
    list_filter = ["last_run_kind", "venue"]
    list_select_related = ["route", "venue", "last_run_stop"]
    search_fields = ["route__name", "venue__search_key"]
    autocomplete_fields = ["route", "venue", "last_run_stop"]
    ordering = ["venue__position", "position"]
    parent_field = "venue"

    def view_on_site(self, serving):
        return serving.venue.get_absolute_url()

    @admin.display(description=_("last run"), ordering="last_run")
    def last_run_display(self, serving):
        return format_clock(serving.last_run) or _("Not published")
