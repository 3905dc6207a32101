import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind
from core.filtering import NightTimeFilter
from core.widgets import Select
from venues.filters import ThemedListFilter


class EventFilter(ThemedListFilter):
    """/events/: AND across parameters, OR within a repeated theme."""

    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EventKind.choices, empty_label=_("Any kind"),
                                       widget=Select)
    date = django_filters.DateFilter(
        label=_("Night of"), method="filter_date", input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("YYYY-MM-DD: what runs that night, with that night's specials."))
    starts_after = NightTimeFilter(label=_("Starts at or after"), field_name="starts_at", lookup_expr="gte",
                                   help_text=_("HH:MM; 01:00 counts as after 23:00."))
    starts_before = NightTimeFilter(label=_("Starts at or before"), field_name="starts_at", lookup_expr="lte",
                                    help_text=_("HH:MM; 01:00 counts as after 23:00."))

    class Meta:
        model = Event
        fields = ["q", "theme", "kind", "date", "starts_after", "starts_before"]

    def filter_date(self, queryset, name, value):
        return queryset.on_night(value)
