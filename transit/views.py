from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from nightlife.publishing import published_q
from transit.models import Route, Serving


def _public_servings():
    """Servings of venues visitors may see now."""
    return Serving.objects.filter(published_q("venue__"))


class TransitBoardView(ListView):
    """/transit/: tonight's published last buses, latest first, then every route."""

    template_name = "transit/board.html"
    context_object_name = "routes"

    def get_queryset(self):
        return Route.objects.prefetch_related(
            Prefetch("servings", queryset=_public_servings().select_related("venue").order_by("venue__position"),
                     to_attr="venue_servings"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["last_runs"] = (_public_servings().with_last_run().latest_first()
                                .select_related("route", "venue", "last_run_stop"))
        return context


class RouteDetailView(DetailView):
    model = Route
    template_name = "transit/route_detail.html"

    def get_queryset(self):
        return Route.objects.prefetch_related(
            Prefetch("servings", queryset=_public_servings().select_related("venue", "last_run_stop")
                     .order_by("venue__position"), to_attr="venue_servings"))
