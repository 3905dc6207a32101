"""The partners' read API under /api/v1/: what the public pages show, as JSON.

Thin views over the pages' querysets, FilterSets and rules: VenueFilter and EventFilter (a
filter added to a page is in the API too), published() and ServingQuerySet.public() for what
visitors may see, transit.wayback for the way back and the board, Event.dated_state and
Offer.state_on for states, core.nighttime for times of night. Each endpoint costs the same
queries at any size (tests/api/test_query_counts.py).
"""

from types import SimpleNamespace

from csp.decorators import csp_update
from django import forms
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.views.generic import TemplateView
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.renderers import (OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer,
                                       OpenApiYamlRenderer2)
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from api import schema, serializers
from api.addresses import Addresses
from api.pagination import KeysetPagination
from core.nighttime import NightTimeFormField, moment_on_night, night_of
from events.filters import EventFilter
from events.models import Event, Offer
from transit import wayback
from transit.models import Route, Serving, way_back
from venues.filters import VenueFilter
from venues.models import Theme, Venue, photo_list

# Each list of /tonight/ holds at most as many as a page of a list.
TONIGHT_LIMIT = KeysetPagination.max_page_size
# The home page's latest buses: the board's first rows, made from the latest runs.
TONIGHT_BUS_ROWS, TONIGHT_BUS_RUNS = 3, 40


class ApiMixin:
    """One moment per response: `now`, and `night`, the night in progress then."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.now = timezone.now()

    def context(self, *, night=None) -> dict:
        return {"request": self.request, "view": self, "addresses": Addresses(self.request), "now": self.now,
                "night": night or night_of(self.now)}

    def get_serializer_context(self):
        return self.context()


class ListView(ApiMixin, generics.ListAPIView):
    pagination_class = KeysetPagination


class DetailView(ApiMixin, generics.RetrieveAPIView):
    lookup_field = "slug"


# --- Venues and events ---------------------------------------------------------------------------

@schema.listing(serializers.VenueSerializer)
class VenueList(ListView):
    """Venues visitors may see, in the /venues/ page's order, with its filters (AND across
    parameters, OR within a repeated theme). Each venue comes with its published last runs."""

    serializer_class = serializers.VenueSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = VenueFilter
    ordering = ("position", "slug")

    def get_queryset(self):
        return Venue.objects.published().for_listing().prefetch_related(*way_back())


@schema.detail(serializers.VenueDetailSerializer)
class VenueDetail(DetailView):
    """One venue: hours, places inside, highlights, events, and every route serving it with its
    published last run (latest first through the night; then those without one)."""

    serializer_class = serializers.VenueDetailSerializer

    def get_queryset(self):
        return Venue.objects.published().select_related("plan_edition").prefetch_related(
            "themes", "places", "highlights", photo_list(),
            Prefetch("events", queryset=Event.objects.published()), *way_back())


@schema.listing(serializers.EventSerializer)
class EventList(ListView):
    """Events visitors may see, in the /events/ page's order, with its filters."""

    serializer_class = serializers.EventSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = EventFilter
    ordering = ("position", "slug")

    def get_queryset(self):
        return Event.objects.published().for_listing()


@schema.detail(serializers.EventDetailSerializer)
class EventDetail(DetailView):
    """One event: when and where, tour lines, and its offers with their state tonight."""

    serializer_class = serializers.EventDetailSerializer

    def get_queryset(self):
        return Event.objects.published().for_listing().select_related("plan_edition").prefetch_related(
            "tour_lines", Prefetch("offers", queryset=Offer.objects.published()))


# --- Routes and tonight's buses ------------------------------------------------------------------

@schema.listing(serializers.RouteSerializer)
class RouteList(ListView):
    """Every bus route, by number (2 before 17, V8 after 106)."""

    serializer_class = serializers.RouteSerializer
    ordering = ("sort_group", "sort_number", "name", "slug")
    queryset = Route.objects.all()


@schema.detail(serializers.RouteSerializer)
class RouteDetail(DetailView):
    """One bus route; `venues_url` lists the venues it serves, each with its last runs."""

    serializer_class = serializers.RouteSerializer
    queryset = Route.objects.all()


@schema.listing(serializers.BoardRowSerializer)
class LastBuses(ListView):
    """Tonight's board: the published last runs of public venues, latest first through the
    night. A page reads up to page_size runs and groups them per route and time
    (transit.wayback.board); a group cut by the page's end goes on at the top of the next."""

    serializer_class = serializers.BoardRowSerializer
    ordering = ("-last_run", "route_id", "id")

    def get_queryset(self):
        return Serving.objects.public().for_board().select_related("route", "venue", "last_run_stop")

    def list(self, request, *args, **kwargs):
        runs = self.paginate_queryset(self.get_queryset())
        rows = wayback.board(runs, now=self.now)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


# The index of /api/v1/: (URL name, its name there, what it gives). Slugged ones show {slug}.
ENDPOINTS = [
    ("api:tonight", "tonight",
     "What the home page shows tonight: features, specials, offers, the latest buses, themes."),
    ("api:venues", "venues", "Venues visitors may see, with the /venues/ page's filters; paginated."),
    ("api:venue", "venue", "One venue: hours, places, events, the routes serving it with their last runs."),
    ("api:venue-way-back", "venue-way-back", "The way back from a venue by bus at a time of tonight (?at=23:10)."),
    ("api:events", "events", "Events visitors may see, with the /events/ page's filters; paginated."),
    ("api:event", "event", "One event: when, where, themes, tour lines, offers, tonight's changes."),
    ("api:event-way-back", "event-way-back", "The way back from an event's venue by bus after it ends tonight."),
    ("api:routes", "routes", "Bus routes serving the quarters; paginated."),
    ("api:route", "route", "One bus route and the quarters it serves, with last runs."),
    ("api:last-buses", "last-buses", "Tonight's published last buses, latest first (the board); paginated."),
]


@schema.index
class Index(APIView):
    """GET /api/v1/: each endpoint with its address and what it gives, and where the schema and
    the docs are. No query."""

    def get(self, request):
        def address(name: str) -> str:
            try:
                return request.build_absolute_uri(reverse(name))
            except NoReverseMatch:  # a slugged endpoint: {slug} in its place
                return request.build_absolute_uri(reverse(name, args=["SLUG"])).replace("SLUG", "{slug}")

        return Response({"version": "v1", "docs": address("api:docs"), "schema": address("api:schema"),
                         "endpoints": [{"name": label, "url": address(name), "description": text}
                                       for name, label, text in ENDPOINTS]})


@schema.tonight
class Tonight(ApiMixin, APIView):
    """What the home page shows tonight: the nightly features, the specials and offers running
    tonight, the latest buses, and the themes."""

    def get(self, request):
        context = self.context()
        night, addresses = context["night"], context["addresses"]
        events = Event.objects.published().for_listing(night)
        # As the home page: the features scheduled tonight, cancelled ones kept and marked.
        features = events.nightly().scheduled_on(night).order_by("starts_at", "position")
        specials = events.specials_on(night)
        offers = Offer.objects.visible().running_on(night).select_related("event")
        runs = (Serving.objects.public().for_board()
                .select_related("route", "venue", "last_run_stop")[:TONIGHT_BUS_RUNS])

        def section(rows, serializer, all_url=None):
            rows = list(rows[:TONIGHT_LIMIT + 1])
            return {"results": serializer(rows[:TONIGHT_LIMIT], many=True, context=context).data,
                    "more": len(rows) > TONIGHT_LIMIT, "all_url": all_url}

        day = night.isoformat()
        return Response({
            "night": night,
            "now": timezone.localtime(self.now).isoformat(),
            "features": section(features, serializers.TonightEventSerializer,
                                addresses.named("api:events", date=day)),
            "specials": section(specials, serializers.TonightEventSerializer,
                                addresses.named("api:events", kind="special", date=day)),
            "offers": section(offers, serializers.TonightOfferSerializer),
            "last_buses": {
                "results": serializers.BoardRowSerializer(
                    wayback.board(runs, now=self.now)[:TONIGHT_BUS_ROWS], many=True, context=context).data,
                "all_url": addresses.named("api:last-buses"),
            },
            "themes": serializers.ThemeSerializer(Theme.objects.all(), many=True, context=context).data,
        })


# --- The way back ------------------------------------------------------------------------------

class WayBackForm(forms.Form):
    at = NightTimeFormField(required=False)


class WayBackView(ApiMixin, APIView):
    """The way back from a place at `?at=HH:MM` on tonight's night (default: now), through
    transit.wayback.way_back. A bad `at` is a 400 with the reason, as the pages' filters."""

    def seen_from(self):
        """(night, moment): `at` on the night in progress, or now."""
        form = WayBackForm(self.request.query_params)
        if not form.is_valid():
            raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
        night, at = night_of(self.now), form.cleaned_data["at"]
        return (night, moment_on_night(night, at)) if at else (night, self.now)

    def answer(self, serializer, place, moment, night, *, ends_at=None, **fields):
        """The way back from `place` (a venue with the way_back() prefetches, or None)."""
        servings = place.routes_latest_first if place else []
        stops = place.stops.all() if place else ()
        back = wayback.way_back(servings, stops=stops, now=moment, ends_at=ends_at)
        data = SimpleNamespace(
            night=night, at=moment, routes_are_partial=bool(place and place.routes_are_partial),
            runs=back.runs, unknown=[serving.route for serving in back.unknown],
            departures=[SimpleNamespace(stop=stop, runs=runs) for stop, runs in back.departures],
            all_gone=back.all_gone, changes_at=back.changes_at, ends_at=back.ends_at, after_end=back.after_end,
            **fields)
        return Response(serializer(data, context=self.context(night=night)).data)


@schema.way_back(serializers.VenueWayBackSerializer)
class VenueWayBack(WayBackView):
    """The way back by bus from a venue, seen from `at` tonight (default: now): each published
    last run with the minutes left, routes without a published one, and departures from stops
    named after the venue."""

    def get(self, request, slug):
        night, moment = self.seen_from()
        venue = get_object_or_404(Venue.objects.published().prefetch_related(*way_back()), slug=slug)
        return self.answer(serializers.VenueWayBackSerializer, venue, moment, night, venue=venue)


@schema.way_back(serializers.EventWayBackSerializer)
class EventWayBack(WayBackView):
    """The way back from an event's venue, seen from `at` tonight (default: now), and which runs
    still leave after the event's published end. Empty for broadcast programmes."""

    def get(self, request, slug):
        night, moment = self.seen_from()
        event = get_object_or_404(Event.objects.published().select_related("venue")
                                  .prefetch_related(*way_back("venue__")), slug=slug)
        return self.answer(serializers.EventWayBackSerializer, event.venue, moment, night,
                           ends_at=event.ends_at, event=event, venue=event.venue)


# --- The schema and its docs ------------------------------------------------------------------

class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema, JSON unless YAML is asked for (Accept). Descriptions are in
    English; ?lang=zh-hans gives the Chinese of the labels our catalogue translates."""

    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        with translation.override("en"):  # ?lang= overrides it inside
            response = super().get(request, *args, **kwargs)
        # It would name a file after the Chinese title, which a header cannot carry as is.
        del response["Content-Disposition"]
        return response


@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class DocsView(TemplateView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), started by an external
    script (api/static/api/docs.js), so the page keeps the site's CSP: no inline script. Its
    stylesheet draws its icons as data: images, which this page alone allows."""

    template_name = "api/docs.html"
