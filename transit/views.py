from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from transit.models import Route, Serving


class TransitBoardView(ListView):
    """/transit/: tonight's published last buses, latest first, then every route."""

    template_name = "transit/board.html"
    context_object_name = "routes"

    def get_queryset(self):
        return Route.objects.prefetch_related(
            Prefetch("servings", queryset=Serving.objects.select_related("venue").order_by("venue__position"),
                     to_attr="venue_servings"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["last_runs"] = (Serving.objects.with_last_run().latest_first()
                                .select_related("route", "venue", "last_run_stop"))
        return context


class RouteDetailView(DetailView):
    model = Route
    template_name = "transit/route_detail.html"

    def get_queryset(self):
        return Route.objects.prefetch_related(
            Prefetch("servings", queryset=Serving.objects.select_related("venue", "last_run_stop")
                     .order_by("venue__position"), to_attr="venue_servings"))
