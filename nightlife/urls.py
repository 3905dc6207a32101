from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from nightlife import health, views
from photos.media import media_urlpatterns
from nightlife.admin_attention import attention_view
from nightlife.admin_plan import export_view, load_view
from editors.history import changes_view
from nightlife.sitemaps import SITEMAPS, robots_txt

urlpatterns = [
    path("admin/attention/", admin.site.admin_view(attention_view), name="editors-attention"),
    path("admin/changes/", admin.site.admin_view(changes_view), name="editors-changes"),
    path("admin/plan/load/", admin.site.admin_view(load_view), name="plan-load"),
    path("admin/plan/export/<str:fmt>", admin.site.admin_view(export_view), name="plan-export"),
    path("admin/", admin.site.urls),
    # The admin's language button posts here (sets the language cookie the admin follows).
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", views.favicon),
    # The service worker, from the root so that it may serve every page (scope "/").
    path("sw.js", views.service_worker, name="service-worker"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    # Uploaded photos, when no web server serves them (DEBUG or SERVE_MEDIA; photos/media.py).
    *media_urlpatterns(),
    # The partners' read API: one address for both languages (docs/api.md).
    path("api/v1/", include("api.urls")),
]

# Chinese at the root, English under /en/ with the same paths and query parameters.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="search-suggest"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("offline/", views.OfflineView.as_view(), name="offline"),
    path("venues/", include("venues.urls")),
    path("events/", include("events.urls")),
    path("transit/", include("transit.urls")),
    prefix_default_language=False,
)

admin.site.site_header = "古都夜八点"
admin.site.site_title = "古都夜八点"

# A lost database gets the 503 page wherever it was noticed (nightlife/errors.py).
handler500 = "nightlife.errors.handler500"
# An unknown Host header: a plain 400, not a page with links to that host.
handler400 = "nightlife.errors.handler400"
# A list's page past its end says how many pages there are.
handler404 = "nightlife.errors.handler404"
