import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Event, EventKind
from core.filtering import NightTimeFilter
from core.nighttime import tonight
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
    # On that night (?date=, else tonight): a night moved to another time counts at its new time.
    starts_after = NightTimeFilter(label=_("Starts at or after"), field_name="start_that_night", lookup_expr="gte",
                                   help_text=_("HH:MM; 01:00 counts as after 23:00."))
    starts_before = NightTimeFilter(label=_("Starts at or before"), field_name="start_that_night", lookup_expr="lte",
                                    help_text=_("HH:MM; 01:00 counts as after 23:00."))

    class Meta:
        model = Event
        fields = ["q", "theme", "kind", "date", "starts_after", "starts_before"]

    NIGHT_FILTERS = ("date", "starts_after", "starts_before")

    def filter_date(self, queryset, name, value):
        return queryset.scheduled_on(value)

    @property
    def night(self):
        """The night the filters are about: ?date=, else tonight (also for unreadable input)."""
        return (self.form.cleaned_data.get("date") if self.is_valid() else None) or tonight()

    @property
    def concerns_a_night(self) -> bool:
        """A date or a start time is asked for: cards and start times are that night's."""
        return self.is_valid() and any(self.form.cleaned_data.get(name) is not None for name in self.NIGHT_FILTERS)

    @property
    def leaves_out_cancelled(self) -> bool:
        """A start time is asked for: an event that does not happen that night starts at no time,
        so it is left out (the list says how many). A date alone keeps it, marked cancelled, as
        the home page and the API's tonight do (issue 20: one answer)."""
        return self.is_valid() and any(self.form.cleaned_data.get(name) is not None
                                       for name in ("starts_after", "starts_before"))

    def _matching(self, queryset):
        if self.concerns_a_night:
            queryset = queryset.with_start_on(self.night)
        return super().filter_queryset(queryset)

    def filter_queryset(self, queryset):
        """The events the filters keep; with a start time, less those that do not happen that
        night (cancelled, postponed, at a closed venue)."""
        rows = self._matching(queryset)
        return rows.not_cancelled_on(self.night) if self.leaves_out_cancelled else rows

    def cancelled(self):
        """What the filters would keep but for being cancelled that night (a list says how many)."""
        return self._matching(self.queryset).cancelled_on(self.night)
