import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.filtering import BilingualChoiceFilter, BilingualMultipleChoiceFilter, NightTimeFilter
from core.search import MAX_QUERY
from core.widgets import Select
from transit.models import Route, reachable_after_q
from venues.models import Theme, Venue


class HoursChoice(models.TextChoices):
    PUBLISHED = "published", _("Published")
    UNPUBLISHED = "unpublished", _("Not published")


class ThemedListFilter(django_filters.FilterSet):
    """`q` and `theme`, shared by the venue and event lists (models with `themes` and `search`)."""

    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=MAX_QUERY)
    theme = BilingualMultipleChoiceFilter(
        label=_("Theme"), to_field_name="slug", queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple, method="filter_theme")

    def filter_q(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_theme(self, queryset, name, themes):
        """Any of the themes (OR), as a subquery: no join, so no DISTINCT, and the list's
        ordering index stays usable."""
        if not themes:
            return queryset
        model = queryset.model
        tagged = model.themes.through.objects.filter(theme__in=themes)
        return queryset.filter(pk__in=tagged.values(f"{model._meta.model_name}_id"))


class VenueFilter(ThemedListFilter):
    """/venues/: AND across parameters, OR within a repeated one (?theme=food&theme=shopping)."""

    open_at = NightTimeFilter(label=_("Open at"), method="filter_open_at",
                              help_text=_("HH:MM. Venues whose hours are not published are left out."))
    bus_after = NightTimeFilter(label=_("Last bus at or after"), method="filter_bus_after",
                                help_text=_("HH:MM. 01:00 counts as later than 23:30."))
    route = BilingualChoiceFilter(
        label=_("Bus route"), to_field_name="slug", queryset=Route.objects.all(), empty_label=_("Any route"),
        method="filter_route")
    hours = django_filters.ChoiceFilter(label=_("Opening hours"), choices=HoursChoice.choices,
                                        method="filter_hours", empty_label=_("Any"), widget=Select)

    class Meta:
        model = Venue
        fields = ["q", "theme", "open_at", "bus_after", "route", "hours"]

    def filter_route(self, queryset, name, route):
        return queryset.filter(pk__in=route.servings.values("venue_id"))

    def filter_open_at(self, queryset, name, value):
        return queryset.open_at(value)

    def filter_bus_after(self, queryset, name, value):
        return queryset.filter(reachable_after_q(value))

    def filter_hours(self, queryset, name, value):
        if value == HoursChoice.PUBLISHED:
            return queryset.with_published_hours()
        return queryset.without_published_hours()
