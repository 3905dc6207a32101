"""Filter plumbing shared by the list pages."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django_filters import Filter, ModelChoiceFilter, ModelMultipleChoiceFilter
from django_filters.fields import ModelChoiceField, ModelMultipleChoiceField
from django_filters.views import FilterView

from core.nighttime import NightTimeFormField
from core.pieces import read_pieces
from core.widgets import BilingualNameIterator, Select


class NightTimeFilter(Filter):
    """An HH:MM parameter compared through the night (01:00 is after 23:30)."""

    field_class = NightTimeFormField


class BilingualChoiceField(ModelChoiceField):
    iterator = BilingualNameIterator
    widget = Select


class BilingualChoiceFilter(ModelChoiceFilter):
    """One of a Bilingual model's rows by slug (?route=1lu), offered in the page's language;
    cheap with hundreds of rows (core/widgets.py)."""

    field_class = BilingualChoiceField


class BilingualMultipleChoiceField(ModelMultipleChoiceField):
    iterator = BilingualNameIterator


class BilingualMultipleChoiceFilter(ModelMultipleChoiceFilter):
    """Any of a Bilingual model's rows by slug (?theme=food&theme=shopping), each offered in
    the page's language: the English page's checkboxes say "Good food", not 好味美食."""

    field_class = BilingualMultipleChoiceField


def capped_count(queryset: QuerySet, cap: int) -> int:
    """The number of rows, counted up to cap + 1 and no further: the same cost at any size.
    Unordered, so PostgreSQL may stop at the cap instead of sorting every match first."""
    return queryset.order_by()[: cap + 1].count()


class CappedPaginator(Paginator):
    """Counts at most CAP + 1 rows, so a list page costs the same at any size; beyond the cap
    the page says "more than 1,000" and visitors narrow their filters rather than page on."""

    CAP = 1000

    @cached_property
    def count(self) -> int:
        return capped_count(self.object_list, self.CAP)

    @property
    def is_capped(self) -> bool:
        return self.count > self.CAP


class StrictFilterView(FilterView):
    """A FilterView that answers bad filter values with the form's reasons and status 400.

    django-filter alone answers 200 with an empty list, which reads as "nothing on" rather than
    "we did not understand". Unknown parameters are still ignored.
    """

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            response.status_code = 400
        return response

    paginator_class = CappedPaginator

    def get_paginate_by(self, queryset):
        # With unreadable filters there are no results, so no page 2 to 404 on: the 400 stands.
        if self.filterset.is_bound and not self.filterset.is_valid():
            return None
        return super().get_paginate_by(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The form's lists of options are pieces (includes/_filters.html): one round trip for all.
        read_pieces(self.request, "filter-options", [(field.name, field.value(), "invalid" if field.errors else "")
                                                     for field in self.filterset.form])
        context["active_filters"] = self.active_filters()
        paginator = context.get("paginator")
        context["result_count"] = paginator.count if paginator else len(self.object_list)
        context["result_count_capped"] = bool(paginator and paginator.is_capped)
        return context

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, value) for each filter the visitor set, in the form's order, for display."""
        form = self.filterset.form
        if not self.filterset.is_bound or not self.filterset.is_valid():
            return []
        active = []
        for name, value in form.cleaned_data.items():
            if isinstance(value, (list, tuple, QuerySet)):
                shown = gettext(", ").join(item.label for item in value)
            elif value in (None, ""):
                continue
            elif hasattr(value, "label"):
                shown = value.label
            elif getattr(form.fields[name], "choices", None):
                shown = str(dict(form.fields[name].choices).get(value, value))
            else:
                shown = form[name].value()
            if shown:
                active.append((form.fields[name].label, shown))
        return active
