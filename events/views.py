from django.db.models import Prefetch
from django.views.generic import DetailView

from events.filters import EventFilter
from events.models import Event, Offer
from nightlife.filtering import StrictFilterView
from nightlife.publishing import PreviewMixin, published_q
from nightlife.nighttime import tonight
from transit.models import Serving, Stop


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
            Prefetch("venue__servings", queryset=Serving.objects.select_related("route", "last_run_stop").latest_first(),
                     to_attr="routes_latest_first"),
            # Departures from a stop named after the venue (53路 from 龙门石窟 for 夜游龙门).
            Prefetch("venue__stops", queryset=Stop.objects.prefetch_related(Prefetch(
                "departures", queryset=Serving.objects.filter(published_q("venue__"))
                .select_related("route", "last_run_stop", "venue").latest_first(),
                to_attr="departures_latest_first"))))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        night = tonight()
        context["offers"] = [(offer, offer.state_on(night)) for offer in self.object.offers.all()]
        return context
