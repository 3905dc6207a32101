"""The project's URLs plus one that crashes, to see the 500 page a visitor gets."""

from django.urls import path

from nightlife.urls import handler500, urlpatterns as site  # noqa: F401  (Django looks handler500 up here)


def crash(request):
    raise RuntimeError("boom")


urlpatterns = [path("crash/", crash), *site]
