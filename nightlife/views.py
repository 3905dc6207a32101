"""Pages that span the apps: tonight's home page and the one search box."""

import hashlib
import json
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.db.models import Case, When
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from events.models import Event, EventKind, Offer, night_changes
from core.filtering import CappedPaginator, capped_count
from core.nighttime import phone_shifts, tonight
from core.pieces import with_pieces
from core.search import MAX_QUERY, did_you_mean, key_matches, route_q, search_words, vocabulary
from transit.wayback import board
from transit.models import Route, Serving, way_back
from venues.models import Theme, Venue


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search venues and events"), max_length=MAX_QUERY, required=False,
                        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 九洲池, food, Longmen"),
                                                      # static/js/suggest.js asks here while the visitor types
                                                      "data-suggest": reverse_lazy("search-suggest")}))


FEATURES_ON_HOME = 12
SPECIALS_ON_HOME = 6
# As many as a list page shows; the list (same q) pages through the rest.
RESULTS_PER_KIND = 12


def features_on(night, count: int | None = None):
    """The nightly features scheduled on `night`, ready for cards: those a visitor can go to
    first, earliest first, then the TV and radio programmes (broadcasts); cancelled ones stay,
    and their cards say so. With `count`, the first `count` only, chosen by a subquery that
    sorts their ids: at x1000 sorting whole rows of every nightly event spilled to disk."""
    order = (Case(When(kind=EventKind.PROGRAMME, then=1), default=0), "starts_at", "position")
    features = Event.objects.published().nightly().scheduled_on(night).order_by(*order)
    if count is not None:
        features = Event.objects.filter(pk__in=features.values("pk")[:count]).order_by(*order)
    return features.for_listing(night)


class HomeView(TemplateView):
    """Tonight: the nightly features, offers and specials of this night, search, themes."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        night = tonight()
        features = with_pieces(self.request, "event-card", features_on(night, FEATURES_ON_HOME), night, by_minute=True)
        # Tonight's changes (the banner; "no changes tonight" when none): features that do not
        # happen, and events whose plan for tonight an editor changed, whenever the change was
        # made, among those published and scheduled tonight: from the kept changes
        # (events.night_changes), no query.
        kept = night_changes(night)
        shown = kept.shown(timezone.now())
        changes = {"cancelled": sum(event.pk in kept.off and event.is_nightly for event in shown),
                   "changed": sum(event.pk in kept.changed for event in shown)}
        # Counted up to the lists' cap, like the lists: the same cost however much is on.
        feature_count = capped_count(Event.objects.published().nightly().on_night(night), CappedPaginator.CAP)
        return super().get_context_data(
            night=night,
            # Bounded lists keep the page light however much is on; the rest is one link away.
            features=[event for event in features if not event.is_broadcast],
            broadcasts=[event for event in features if event.is_broadcast],
            feature_count=feature_count,
            feature_cap=CappedPaginator.CAP,
            cancelled_count=changes["cancelled"],
            change_count=changes["changed"],
            more_features=feature_count + changes["cancelled"] > len(features),
            specials=with_pieces(self.request, "event-card",
                                 Event.objects.published().specials_on(night).for_listing(night)[:SPECIALS_ON_HOME],
                                 night, by_minute=True),
            offers=Offer.objects.visible().running_on(night).select_related("event")[:SPECIALS_ON_HOME],
            themes=Theme.objects.all(),
            # The board's first rows: the latest runs, each with the quarters it serves. Reading
            # a bounded number of the latest servings keeps the page's cost flat as data grows.
            latest_buses=board(Serving.objects.public().for_board()
                               .select_related("route", "venue", "last_run_stop")[:40])[:3],
            search_form=SearchForm(),
            **kwargs,
        )


def _found(request, text: str) -> tuple[list, list, list]:
    """(venues, events, routes) matching `text`: one more venue and event than shown, to know
    whether "more" has anything behind it (with_pieces preloads only the cards not cached)."""
    # The first matches of each kind; the list pages (same q) page through the rest.
    venues = Venue.objects.published().search(text).for_listing().prefetch_related(*way_back())[:RESULTS_PER_KIND + 1]
    events = Event.objects.published().search(text).for_listing()[:RESULTS_PER_KIND + 1]
    return (with_pieces(request, "venue-card", venues, shown=RESULTS_PER_KIND),
            with_pieces(request, "event-card", events, tonight(), by_minute=True, shown=RESULTS_PER_KIND),
            list(Route.objects.filter(route_q(text, partial=True))[:RESULTS_PER_KIND]))


def search(request):
    """/search/?q=: bus routes, then venues and events, names matches first, in one list each
    (see VenueQuerySet.search). With no match, the query read against the names of what is
    listed ("did you mean 龙门", two queries) and that query's results; failing that, the
    themes and tonight's features instead of a blank (four more queries, only then). Bad input
    is a 400."""
    form = SearchForm(request.GET or None)
    venues = events = routes = corrected = None
    if form.is_valid() and form.cleaned_data["q"].strip():
        text = form.cleaned_data["q"]
        venues, events, routes = _found(request, text)
        if not (venues or events or routes):
            names = [*Venue.objects.published().values_list("name", "name_en"),
                     *Event.objects.published().values_list("name", "name_en")]
            if corrected := did_you_mean(text, vocabulary(names)):
                venues, events, routes = _found(request, corrected)
    status = 400 if form.is_bound and not form.is_valid() else 200
    more = {"more_venues": venues is not None and len(venues) > RESULTS_PER_KIND,
            "more_events": events is not None and len(events) > RESULTS_PER_KIND}
    context = {"form": form, "corrected": corrected, "routes": routes, **more}
    if corrected:
        # A link inside one translated sentence ("您是不是要找：龙门？"), escaped here.
        context["corrected_link"] = format_html('<a href="?{}">{}</a>', urlencode({"q": corrected}), corrected)
    if venues is not None:
        venues, events = venues[:RESULTS_PER_KIND], events[:RESULTS_PER_KIND]
        if not (venues or events or routes):
            context.update(themes=Theme.objects.all(), features=features_on(tonight())[:FEATURES_ON_HOME])
    return render(request, "search.html", {**context, "venues": venues, "events": events}, status=status)


# Suggestions while typing: a few of each kind, by name only (the search page finds the rest).
SUGGESTIONS_PER_KIND = 4


def suggest(request):
    """/search/suggest/?q=: JSON suggestions for the search box, in the page's language:
    {"suggestions": [{"label", "kind", "url"}]}, bus routes, venues, then events, whose names
    hold the query. Three queries whatever is listed; a query the search page would refuse
    is a 400 with the reason."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["q"])}, status=400)
    text = form.cleaned_data["q"].strip()
    suggestions = []
    if text:
        named = key_matches(search_words(text))
        # Routes by their label (9路, Route 9), the others as their cards name them.
        found = [(gettext("Bus route"), "label", Route.objects.filter(route_q(text, partial=True))),
                 (gettext("Venue"), "short_label", Venue.objects.published().filter(named).only("slug", "name", "name_en")),
                 (gettext("Event"), "short_label", Event.objects.published().filter(named).only("slug", "name", "name_en"))]
        for kind, label, rows in found:
            suggestions += [{"label": getattr(row, label), "kind": kind, "url": row.get_absolute_url()}
                            for row in rows[:SUGGESTIONS_PER_KIND]]
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; send them to the hashed static file."""
    return redirect(static("favicon.ico"))


# --- Tonight in the pocket: the site as an app, and its service worker (docs/pages.md) ----------

# What the worker keeps ahead besides the offline pages: the files they and saved pages need.
POCKET_FILES = ("css/site.css", "js/pocket.js", "js/offline.js", "favicon.ico")
SERVICE_WORKER = settings.BASE_DIR / "static" / "js" / "sw.js"
NIGHT_BLUE = "#141a33"  # the header's colour, as base.html's theme-color


def service_worker(request):
    """/sw.js: static/js/sw.js under one line telling it the offline page of each language,
    tonight's home page and board of each, and the hashed names of the files it keeps ahead. From the root, so its scope is the whole site;
    `no-cache`, so phones ask each time (a 304 by ETag) and pick up a new version. The catch:
    those hashed names are in its bytes, so a changed stylesheet makes browsers update it."""
    precache = [static(name) for name in POCKET_FILES]
    offline, kept = {}, {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            offline[language] = reverse("offline")
            # Tonight's home page and board, kept as soon as a page of this language tells the
            # worker where it landed.
            kept[language] = [reverse("home"), reverse("transit:board")]
    site = {"offline": offline, "tonight": kept, "precache": precache, "static": settings.STATIC_URL,
            "version": hashlib.sha256(json.dumps(precache).encode()).hexdigest()[:12],
            # The night's date from a moment, without a copy of the 06:00 rule in the worker.
            "nightShift": phone_shifts()["night"]}
    source = f"const SITE = {json.dumps(site)};\n{SERVICE_WORKER.read_text(encoding='utf-8')}"
    response = HttpResponse(source, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


def manifest(request):
    """The web app manifest in the active language (/manifest.webmanifest, /en/manifest.webmanifest):
    the app opens on tonight's page in that language; its scope is the whole site, so the language
    switch stays inside the app."""
    home = reverse("home")
    icons = [{"src": static(f"img/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png",
              "purpose": purpose} for size in (192, 512) for purpose in ("any", "maskable")]
    data = {
        "id": home,
        "start_url": home,
        "scope": "/",
        "name": gettext("Ancient Capital at 8 pm"),
        "short_name": pgettext("app name on a phone's home screen", "Luoyang 8 pm"),
        "description": gettext("What is on tonight in Luoyang's night quarters, and the last bus home."),
        "lang": "en" if translation.get_language() == "en" else "zh-Hans",
        "dir": "ltr",
        "display": "standalone",
        "background_color": NIGHT_BLUE,
        "theme_color": NIGHT_BLUE,
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


class OfflineView(TemplateView):
    """/offline/ and /en/offline/: what the service worker shows for a page it cannot get
    (static/js/offline.js lists the saved ones). Kept ahead by the worker, so it says nothing
    about a particular night."""

    template_name = "offline.html"
