from django.urls import path

from events import feeds, views

app_name = "events"
# feed.ics before <slug>.ics (a slug could be "feed"), and all before <slug>/.
urlpatterns = [
    path("", views.EventListView.as_view(), name="list"),
    path("feed.ics", feeds.event_feed, name="feed"),
    path("<slug:slug>.ics", feeds.event_ics, name="ics"),
    path("<slug:slug>/tonight.ics", feeds.event_tonight_ics, name="tonight_ics"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]
