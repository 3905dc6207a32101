"""sitemap.xml (every public page in both languages, with hreflang alternates) and robots.txt."""

from django.contrib.sitemaps import Sitemap
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from events.models import Event
from core.publishing import published_q
from transit.models import Route
from venues.models import Venue


class BilingualSitemap(Sitemap):
    """Each item once per language (/x/ and /en/x/), each listing both as
    <xhtml:link rel="alternate" hreflang>, plus x-default (the Chinese page)."""

    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(BilingualSitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["home", "events:list", "venues:list", "transit:board"]

    def location(self, item):
        return reverse(item)


class VenueSitemap(BilingualSitemap):
    def items(self):
        """Published venues (queries the database)."""
        return Venue.objects.published().order_by("position", "slug")

    def lastmod(self, venue):
        return venue.updated_at


class EventSitemap(BilingualSitemap):
    def items(self):
        """Published events (queries the database)."""
        return Event.objects.published().order_by("position", "slug")

    def lastmod(self, event):
        return event.updated_at


class RouteSitemap(BilingualSitemap):
    def items(self):
        """Routes serving at least one venue visitors may see (queries the database)."""
        return Route.objects.filter(published_q("servings__venue__")).distinct().order_by(
            "sort_group", "sort_number", "name")


SITEMAPS = {"pages": PagesSitemap, "venues": VenueSitemap, "events": EventSitemap, "routes": RouteSitemap}


@require_GET
def robots_txt(request):
    """Everything public may be crawled but the editors' admin; says where the sitemap is."""
    lines = ["User-agent: *", "Disallow: /admin/",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
