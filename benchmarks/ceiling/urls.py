from django.shortcuts import render
from django.urls import path

ITEMS = [{"name": f"Item {n}", "time": f"{18 + n}:30", "note": "A short line of text about the item."} for n in range(6)]


def page(request):
    """A 1 KB page from a template and a six-item loop: the least a real page does."""
    return render(request, "page.html", {"title": "Ceiling", "items": ITEMS})


urlpatterns = [path("", page)]
