from django.urls import path

from transit import views

app_name = "transit"
urlpatterns = [
    path("", views.TransitBoardView.as_view(), name="board"),
    path("<slug:slug>/", views.RouteDetailView.as_view(), name="detail"),
]
