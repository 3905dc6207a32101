from django.db.models import Prefetch
from django.views.generic import DetailView

from core.filtering import CappedPaginator, StrictFilterView, capped_count
from core.nighttime import tonight
from core.pieces import with_pieces
from core.publishing import PreviewMixin
from events.filters import EventFilter
from events.models import Event, Offer
from transit.models import nearest_with_buses, way_back


class EventListView(StrictFilterView):
    filterset_class = EventFilter
    paginate_by = 12
    template_name = "events/event_list.html"

    def get_queryset(self):
        return Event.objects.published()

    def get_context_data(self, *, object_list, **kwargs):
        """Cards show the changes of the night the filters are about (?date=, else tonight);
        with a start time, the count of events left out as cancelled that night (one query)."""
        night = self.filterset.night
        context = super().get_context_data(object_list=object_list.for_listing(night), night=night, **kwargs)
        context["object_list"] = with_pieces(self.request, "event-card", context["object_list"], night, by_minute=True)
        if self.filterset.leaves_out_cancelled:
            context["cancelled_count"] = capped_count(self.filterset.cancelled(), CappedPaginator.CAP)
        return context


class EventDetailView(PreviewMixin, DetailView):
    model = Event
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().for_listing(tonight(), onwards=True).select_related("plan_edition").prefetch_related(
            "tour_lines", Prefetch("offers", queryset=Offer.objects.published()),
            # The venue's routes, and departures from a stop named after it (53路 from 龙门石窟);
            # the same for a venue a night moved to (only where one did: no query otherwise).
            *way_back("venue__"), *way_back("night_change_list__venue__"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        night = tonight()
        event = self.object
        status = event.status_on(night)
        description = event.tr("description")
        context.update(
            offers=[(offer, offer.shown_state(night)) for offer in event.offers.all()],
            status=status, changes=event.changes_from(night),
            # What a search result or a shared link's preview says first: "Cancelled tonight: ...".
            page_description=f"{status.headline} · {description}" if status.headline and description
            else status.headline or description,
            # Without buses, the nearest quarter with one, where editors pinned both (one query then).
            nearest_with_buses=nearest_with_buses(status.venue))
        return context
