from django.db.models import Prefetch
from django.views.generic import DetailView

from core.filtering import StrictFilterView, capped_count
from core.pieces import with_pieces
from core.publishing import PreviewMixin
from events.models import Event
from transit.models import nearest_with_buses, way_back
from venues.filters import HoursChoice, VenueFilter
from venues.models import Venue, photo_list


class VenueListView(StrictFilterView):
    filterset_class = VenueFilter
    paginate_by = 12
    template_name = "venues/venue_list.html"
    # "More than 100 venues are left out ..." says all a visitor needs, at a tenth of the cost
    # of counting to the lists' cap.
    hours_unknown_cap = 100

    def get_queryset(self):
        return Venue.objects.published().for_listing().prefetch_related(*way_back())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object_list"] = with_pieces(self.request, "venue-card", context["object_list"])
        form = self.filterset.form
        if self.filterset.is_valid() and form.cleaned_data.get("open_at"):
            # Say how many venues the hours filter hides because we do not know their hours.
            query = self.request.GET.copy()
            query.pop("open_at", None)
            query.pop("page", None)
            query["hours"] = HoursChoice.UNPUBLISHED
            unknown = VenueFilter(query, queryset=Venue.objects.published())
            # Counted up to a cap, like the list itself: the same cost at any size.
            cap = self.hours_unknown_cap
            context["hours_unknown_count"] = capped_count(unknown.qs, cap)
            context["hours_unknown_capped"] = context["hours_unknown_count"] > cap
            context["hours_unknown_cap"] = cap
            context["hours_unknown_query"] = query.urlencode()
        return context


class VenueDetailView(PreviewMixin, DetailView):
    model = Venue
    template_name = "venues/venue_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("plan_edition").prefetch_related(
            "themes", "places", "highlights", photo_list(),
            Prefetch("events", queryset=Event.objects.published().for_listing()),
            *way_back(),
        )

    def get_context_data(self, **kwargs):
        # Without buses, the nearest quarter with one, where editors pinned both (one query then).
        venue = self.object
        return super().get_context_data(nearest_with_buses=nearest_with_buses(venue), **kwargs)
