"""City buses: routes, stops, and which routes serve which venue, with published last runs."""

import datetime as dt
import math
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _

from core.i18n import Bilingual, wants_english
from core.nighttime import NightTimeField
from core.provenance import PlanRecord
from core.publishing import published_q
from core.search import english_part
from venues.models import Venue

_NUMBERED = re.compile(r"^(\d+)路?$")
_LETTERED = re.compile(r"^([A-Za-z]+)\s*(\d+)路?$")
_NUMBER = re.compile(r"^([A-Za-z]*)\s*(\d+)路?$")


def route_sort_key(name: str) -> tuple[int, int]:
    """(group, number): numbered routes by number (1, 2 ... 106), then V8, V9, then named lines."""
    if match := _NUMBERED.match(name.strip()):
        return 0, int(match.group(1))
    if match := _LETTERED.match(name.strip()):
        return 1, int(match.group(2))
    return 2, 0


class Route(Bilingual, PlanRecord, models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("The route number in the address: 9, v8."))
    name = models.CharField(_("name (Chinese)"), max_length=60, help_text=_("As published: 9路, V8路, V9."))
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    # Derived from the name on save, so lists sort 2 before 17 and V8 after 106.
    sort_group = models.PositiveSmallIntegerField(editable=False, default=0)
    sort_number = models.PositiveIntegerField(editable=False, default=0)
    # The record's identity in the published plan, kept through renames; NULL: not from the plan.

    class Meta:
        ordering = ["sort_group", "sort_number", "name"]
        verbose_name = _("bus route")
        verbose_name_plural = _("bus routes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("transit:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.sort_group, self.sort_number = route_sort_key(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def label_of(cls, name: str, name_en: str) -> str:
        """How pages name a route; the name stays as published. A route number, whether or not
        the plan wrote 路 after it (it wrote V8路 but V9), reads 9路 / V9路 in Chinese and
        Route 9 / Route V9 in English; a named line reads as published in Chinese and by the
        translation in its English name in English ('Big Data Industrial Park Line')."""
        if match := _NUMBER.match(name.strip()):
            # Translators: a bus route by its number, 9路.
            return gettext("Route %(number)s") % {"number": match.group(1).upper() + match.group(2)}
        return english_part(name, name_en) if wants_english() and name_en else name


class Stop(Bilingual, PlanRecord, models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    venue = models.ForeignKey(Venue, on_delete=models.SET_NULL, null=True, blank=True, related_name="stops",
                              verbose_name=_("venue of the same name"),
                              help_text=_("Where the stop bears a venue's name (龙门石窟), that venue shows its departures."))

    class Meta:
        ordering = ["slug"]
        verbose_name = _("bus stop")
        verbose_name_plural = _("bus stops")

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """The stop's name as pages, calendars and alarms give it: as its sign reads, in English
        with the Chinese beside it (Bilingual.sign_label)."""
        return self.sign_label

    short_label = label


class LastRunKind(models.TextChoices):
    """How the plan gives a last run: 途经此区域的最晚时间, or 某站最晚发车时间."""

    PASSES = "passes", _("Passes here at the latest")
    DEPARTS = "departs", _("Last departure from a stop")


class ServingQuerySet(models.QuerySet):
    def public(self):
        """Servings of venues visitors may see now (published, inside their window)."""
        return self.filter(published_q("venue__"))

    def with_last_run(self):
        return self.filter(last_run__isnull=False)

    def for_pages(self):
        """Latest first, with the route and departure stop each line on a page names."""
        return self.select_related("route", "last_run_stop").latest_first()

    def latest_first(self):
        """Published last runs latest first through the night (01:00 before 23:00), then the
        servings with none, each group by route number."""
        return self.order_by(F("last_run").desc(nulls_last=True), "route__sort_group",
                             "route__sort_number", "route__name")

    def for_board(self):
        """Published last runs latest first, for long lists (the board, the home page): within a
        time by route id, not route number, so the index serving_board_order answers
        ORDER BY ... LIMIT without sorting every run. Callers group a page by route number."""
        return self.with_last_run().order_by("-last_run", "route_id")

    def reachable_after(self, clock):
        """Servings with a published last run at or after `clock` (01:00 is after 23:30)."""
        return self.filter(last_run__gte=clock)


class Serving(PlanRecord, models.Model):
    """A route listed as serving a venue (途经公交线路), with its last run where published."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="servings", verbose_name=_("venue"))
    route = models.ForeignKey(Route, on_delete=models.PROTECT, related_name="servings", verbose_name=_("route"))
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order in the plan's list."))
    # Indexed: /venues/?bus_after=23:30 and /transit/ filter and sort on it.
    last_run = NightTimeField(_("last run"), null=True, blank=True, db_index=True)
    last_run_kind = models.CharField(_("how the last run is given"), max_length=10, blank=True,
                                     choices=LastRunKind.choices)
    last_run_stop = models.ForeignKey(Stop, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="departures", verbose_name=_("departs from stop"))

    objects = ServingQuerySet.as_manager()

    class Meta:
        ordering = ["venue", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["venue", "route"], name="unique_route_per_venue")]
        # /transit/ and the home page: the latest runs first (ServingQuerySet.for_board).
        indexes = [
            models.Index(F("last_run").desc(), "route", name="serving_board_order"),
            # ?bus_after=: a venue's runs are checked in the index alone, in venue order.
            models.Index(fields=["venue", "last_run"], name="serving_venue_last_run"),
        ]
        verbose_name = _("route serving a venue")
        verbose_name_plural = _("routes serving venues")

    def __str__(self):
        return f"{self.route.name} → {self.venue.name}"

    @property
    def label(self) -> str:
        """The route's name as pages give it (9路 / Route 9)."""
        return self.route.label

    @property
    def departs(self) -> bool:
        """The plan gives this last run as a departure from a named stop (东花坛最晚发车 21:10),
        not as the latest time a bus passes the venue."""
        return self.last_run_kind == LastRunKind.DEPARTS

    def clean(self):
        errors = {}
        if self.last_run is None:
            if self.last_run_kind or self.last_run_stop_id:
                errors["last_run"] = _("Give the last run time, or clear how it is given and the stop.")
        elif not self.last_run_kind:
            errors["last_run_kind"] = _("Say how the last run is given: passing here, or departing from a stop.")
        elif self.last_run_kind == LastRunKind.DEPARTS and not self.last_run_stop_id:
            errors["last_run_stop"] = _("A last departure needs the stop it leaves from.")
        elif self.last_run_kind == LastRunKind.PASSES and self.last_run_stop_id:
            errors["last_run_stop"] = _("A route passing here has no departure stop.")
        if errors:
            raise ValidationError(errors)


def way_back(venue: str = "") -> list[Prefetch]:
    """What a venue's way back needs (transit.wayback.way_back), for the venue at `venue` ("" on
    a venue, "venue__" on an event): its routes latest first (`routes_latest_first`) and the
    departures from stops bearing its name (`departures_latest_first`, of public venues only).
    Cards, detail pages, calendars and the API all load this, so they give one answer."""
    departures = Serving.objects.public().for_pages().select_related("venue")
    return [
        Prefetch(f"{venue}servings", queryset=Serving.objects.for_pages(), to_attr="routes_latest_first"),
        Prefetch(f"{venue}stops", queryset=Stop.objects.prefetch_related(
            Prefetch("departures", queryset=departures, to_attr="departures_latest_first"))),
    ]


def reachable_after_q(clock) -> Q:
    """Venues (a filter on Venue) whose way back has a published run at or after `clock`
    (01:00 is after 23:30): a route serving them, or a departure from a stop bearing their
    name, of a public venue, as way_back() loads it. Subqueries: no extra query."""
    runs = Serving.objects.reachable_after(clock)
    from_their_stop = runs.public().filter(last_run_stop__venue__isnull=False).values("last_run_stop__venue_id")
    return Q(pk__in=runs.values("venue_id")) | Q(pk__in=from_their_stop)


def has_no_buses(venue) -> bool:
    """Whether `venue` (with the way_back() prefetches) has no route and no departure from a
    stop bearing its name: its way back says so (大北门). No query."""
    return not venue.routes_latest_first and not any(
        getattr(stop, "departures_latest_first", None) for stop in venue.stops.all())


def nearest_with_buses(venue) -> Venue | None:
    """The public night quarter nearest `venue` that has a published last bus, where editors
    pinned both (the plan gives no coordinates, and none are invented: None otherwise). One
    query, and only for a pinned venue without buses (has_no_buses); None for any other."""
    pin = venue.pin if venue is not None and has_no_buses(venue) else None
    if pin is None:
        return None
    quarters = (Venue.objects.published().filter(is_quarter=True, latitude__isnull=False, longitude__isnull=False)
                .exclude(pk=venue.pk).filter(reachable_after_q(dt.time(6, 0))))

    def distance(other) -> float:
        # Equirectangular: exact enough to order places within one city.
        (lat1, lon1), (lat2, lon2) = pin.wgs84, other.pin.wgs84
        x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
        return math.hypot(x, math.radians(lat2 - lat1))

    return min(quarters, key=distance, default=None)
