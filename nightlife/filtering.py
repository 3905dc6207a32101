"""Filter plumbing shared by the list pages."""

from django.db.models import QuerySet
from django_filters import Filter
from django_filters.views import FilterView

from nightlife.nighttime import NightTimeFormField


class NightTimeFilter(Filter):
    """An HH:MM parameter compared through the night (01:00 is after 23:30)."""

    field_class = NightTimeFormField


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

    def get_paginate_by(self, queryset):
        # With unreadable filters there are no results, so no page 2 to 404 on: the 400 stands.
        if self.filterset.is_bound and not self.filterset.is_valid():
            return None
        return super().get_paginate_by(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["active_filters"] = self.active_filters()
        context["result_count"] = context["paginator"].count if context.get("paginator") else len(self.object_list)
        return context

    def active_filters(self) -> list[tuple[str, str]]:
        """(label, value) for each filter the visitor set, in the form's order, for display."""
        form = self.filterset.form
        if not self.filterset.is_bound or not self.filterset.is_valid():
            return []
        active = []
        for name, value in form.cleaned_data.items():
            if isinstance(value, (list, tuple, QuerySet)):
                shown = "、".join(item.label for item in value)
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
