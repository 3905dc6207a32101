from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject
from django.views.generic import ListView

from core.addresses import around_slug
from core.filtering import CappedPaginator
from core.i18n import slugs_and_labels
from transit.models import Route, Serving


def route_index() -> list[tuple[str, str]]:
    """(address, name) of every route for the board's index. A big city has hundreds: one
    reverse() for them all and no model instance each (a reverse per route cost 5 ms a page)."""
    head, tail = around_slug("transit:detail")
    return [(f"{head}{slug}{tail}", label) for slug, label in slugs_and_labels(Route.objects.all())]


class TransitBoardView(ListView):
    """/transit/: tonight's published last runs, latest first (paginated, grouped per route and
    time on each page); on the first page, every route, each linking to the quarters it serves."""

    template_name = "transit/board.html"
    context_object_name = "last_runs"
    paginate_by = 40
    # Counts at most 1,000 runs: the same cost with 60,000 as with 12.
    paginator_class = CappedPaginator

    def get_queryset(self):
        return Serving.objects.public().for_board().select_related("route", "venue", "last_run_stop")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["page_obj"].number == 1:
            # Read only when the template's cached piece is missing (docs/caching.md).
            context["routes"] = SimpleLazyObject(route_index)
        return context


class RouteDetailView(ListView):
    """/transit/<slug>/: one route's runs at the venues it serves, in list order (paginated)."""

    template_name = "transit/route_detail.html"
    context_object_name = "venue_servings"
    paginate_by = 30
    paginator_class = CappedPaginator

    def get_queryset(self):
        self.route = get_object_or_404(Route, slug=self.kwargs["slug"])
        return (Serving.objects.public().filter(route=self.route).select_related("venue", "last_run_stop")
                .order_by("venue__position", "venue__slug"))

    def get_context_data(self, **kwargs):
        return super().get_context_data(route=self.route, **kwargs)
