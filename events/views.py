from django.db.models import Prefetch
from django.views.generic import DetailView

from core.filtering import StrictFilterView
from core.nighttime import tonight
from core.publishing import PreviewMixin
from events.filters import EventFilter
from events.models import Event, Offer
from transit.models import way_back


class EventListView(StrictFilterView):
    filterset_class = EventFilter
    paginate_by = 12
    template_name = "events/event_list.html"

    def get_queryset(self):
        return Event.objects.published().for_listing()


class EventDetailView(PreviewMixin, DetailView):
    model = Event
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().for_listing().prefetch_related(
            "tour_lines", Prefetch("offers", queryset=Offer.objects.published()),
            # The venue's routes, and departures from a stop named after it (53路 from 龙门石窟).
            *way_back("venue__"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        night = tonight()
        context["offers"] = [(offer, offer.state_on(night)) for offer in self.object.offers.all()]
        return context
