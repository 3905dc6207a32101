from django.urls import path

from api import views

app_name = "api"
# The way back has no trailing slash: /api/v1/venues/<slug>/way-back?at=23:10.
urlpatterns = [
    path("", views.Index.as_view(), name="index"),
    path("venues/", views.VenueList.as_view(), name="venues"),
    path("venues/<slug:slug>/", views.VenueDetail.as_view(), name="venue"),
    path("venues/<slug:slug>/way-back", views.VenueWayBack.as_view(), name="venue-way-back"),
    path("events/", views.EventList.as_view(), name="events"),
    path("events/<slug:slug>/", views.EventDetail.as_view(), name="event"),
    path("events/<slug:slug>/way-back", views.EventWayBack.as_view(), name="event-way-back"),
    path("routes/", views.RouteList.as_view(), name="routes"),
    path("routes/<slug:slug>/", views.RouteDetail.as_view(), name="route"),
    path("tonight/", views.Tonight.as_view(), name="tonight"),
    path("last-buses/", views.LastBuses.as_view(), name="last-buses"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
]
