"""Venues: the plan's night quarters and the other places its events happen, with themes."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy as _

from core.i18n import Bilingual, wants_english
from photos.models import Photo
from core.provenance import PlanRecord
from core.publishing import Publishable, PublishableQuerySet
from core.search import document_matches, name_first, search_key
from core.nighttime import NightTimeField, end_minutes, ends_after, format_clock, to_minutes, tonight
from venues.geo import CHINA, GCJ02, WGS84, Pin, in_china


class Theme(Bilingual, PlanRecord, models.Model):
    """One of the plan's four consumption formats (魅力夜游, 时尚夜购, 好味美食, 活力夜娱)."""

    slug = models.SlugField(_("slug"), unique=True, help_text=_("ASCII, used in URLs: ?theme=food"))
    name = models.CharField(_("name (Chinese)"), max_length=40)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # The record's identity in the published plan, kept through renames; NULL: not from the plan.

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('venues:list')}?theme={self.slug}"


class VenueKind(models.TextChoices):
    STREET = "street", _("Food and culture street")
    SHOPPING = "shopping", _("Shopping district")
    PARK = "park", _("Culture park")
    HERITAGE = "heritage", _("Heritage site")


# Hours a visitor can rely on: open all day, or both an opening and a closing time.
PUBLISHED_HOURS = Q(open_all_day=True) | Q(opens_at__isnull=False, closes_at__isnull=False)


class VenueQuerySet(PublishableQuerySet):
    def for_listing(self):
        """With themes and photos (as `photo_list`) preloaded. A card also shows the last runs:
        callers add transit.models.way_back(), so cards cost no query."""
        return self.prefetch_related("themes", photo_list())

    def with_published_hours(self):
        return self.filter(PUBLISHED_HOURS)

    def without_published_hours(self):
        return self.exclude(PUBLISHED_HOURS)

    def open_at(self, clock: dt.time):
        """Venues open at `clock` (opening included, closing excluded), through the night; a
        06:00 closing time ends the night. Venues with no published hours are left out: we do
        not know, so we do not say."""
        closes_later = ends_after("closes_at", clock)
        # with_published_hours() first: its condition is the partial index venue_hours_order's,
        # so PostgreSQL reads only venues with hours, in list order.
        return self.with_published_hours().filter(Q(open_all_day=True) | (Q(opens_at__lte=clock) & closes_later))

    def search(self, text: str):
        """Venues whose Chinese, English or pinyin name or slogan holds the query (any case,
        spaces optional), first; then those whose description, places, highlights or themes
        hold it, or that the bus route it names serves (by number, with or without 路, or by
        its whole name); a phrase also finds the venues that hold each of its words somewhere
        (core.search.phrase_words). SYNONYMS count as the query; a query naming a route number
        ('9路') matches names and routes only. One query on the venue's own row: its search
        document (core.search), kept up to date on save."""
        return self.filter(document_matches(text, routes=True)).order_by(name_first(text), *self.model._meta.ordering)


class CoordinateSystem(models.TextChoices):
    """What a pin's numbers are in (venues.geo): pages convert to what each map app wants."""

    GCJ02 = GCJ02, _("GCJ-02 (Amap, maps in China)")
    WGS84 = WGS84, _("WGS-84 (GPS)")


class Pinned(models.Model):
    """A spot an editor has pinned on a map, for directions. Never invented: the plan publishes
    no coordinates, and without a pin pages search by name."""

    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True,
        help_text=_("Degrees north, e.g. 34.619717. Only a spot checked on the map; leave empty to have the "
                    "map buttons search by name. Copy it from Amap's coordinate picker "
                    "(lbs.amap.com/tools/picker), which gives longitude first: 112.453926,34.619717."))
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True,
                                    help_text=_("Degrees east, e.g. 112.453926."))
    coordinate_system = models.CharField(
        _("coordinate system"), max_length=5, choices=CoordinateSystem.choices, default=CoordinateSystem.GCJ02,
        help_text=_("GCJ-02 is what Amap, Baidu and Tencent maps use in China, and what Amap's picker gives; "
                    "WGS-84 is what GPS, Apple Maps and geo: links use. Pages convert between them."))

    class Meta:
        abstract = True

    def clean(self):
        """Both numbers or neither, inside China (venues.geo.CHINA), not swapped."""
        super().clean()
        latitude, longitude = self.latitude, self.longitude
        if (latitude is None) != (longitude is None):
            raise ValidationError({"longitude" if longitude is None else "latitude": _(
                "Give both the latitude and the longitude, or neither.")})
        if latitude is None or in_china(float(latitude), float(longitude)):
            return
        if in_china(float(longitude), float(latitude)):
            raise ValidationError({"latitude": _(
                "Latitude and longitude look swapped: Amap's coordinate picker gives longitude first "
                "(in Luoyang about 112.4, 34.6).")})
        south, north, west, east = CHINA
        raise ValidationError({"latitude": _(
            "This spot is outside China (latitude %(south)s to %(north)s, longitude %(west)s to %(east)s), "
            "where the venues are and where GCJ-02 is defined.") % {
                "south": south, "north": north, "west": west, "east": east}})

    @property
    def pin(self) -> Pin | None:
        """The pin in both systems, or None where none is given (pages then search by name)."""
        if self.latitude is None or self.longitude is None:
            return None
        return Pin.of(float(self.latitude), float(self.longitude), self.coordinate_system)


class Venue(Bilingual, Publishable, Pinned, PlanRecord, models.Model):
    """A night quarter (集聚地) or another venue named by the plan."""

    slug = models.SlugField(_("slug"), unique=True, help_text=_("ASCII (pinyin), used in the address: /venues/xigong-xiaojie/"))
    name = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True,
                               help_text=_("Pinyin plus a translation, e.g. Xigong Xiaojie (Xigong Lane)"))
    kind = models.CharField(_("kind"), max_length=20, choices=VenueKind.choices)
    is_quarter = models.BooleanField(
        _("night quarter"), default=False,
        help_text=_("One of the plan's eight night quarters (夜间文旅消费集聚地)."))
    slogan = models.CharField(_("slogan (Chinese)"), max_length=80, blank=True,
                              help_text=_("The plan's 主题 for this quarter, exactly as published."))
    slogan_en = models.CharField(_("slogan (English)"), max_length=160, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="venues", verbose_name=_("themes"))
    open_all_day = models.BooleanField(
        _("open 24 hours"), default=False,
        help_text=_("Only where published. Leave hours empty when they are not published."))
    opens_at = NightTimeField(_("opens at"), null=True, blank=True)
    closes_at = NightTimeField(_("closes at"), null=True, blank=True)
    hours_note = models.CharField(_("note on hours (Chinese)"), max_length=200, blank=True)
    hours_note_en = models.CharField(_("note on hours (English)"), max_length=300, blank=True)
    routes_are_partial = models.BooleanField(
        _("route list is partial"), default=True,
        help_text=_("The plan ends most route lists with 等 (and others): pages then say 'including'."))
    position = models.PositiveSmallIntegerField(_("position"), default=0, help_text=_("Order on lists."))
    search_key = models.TextField(editable=False, blank=True)  # derived on save; see core.search
    # What /search/ and every `q` read (core.search.search_document), kept by nightlife/search_index.py.
    search_document = models.TextField(editable=False, blank=True)

    objects = VenueQuerySet.as_manager()
    plan_only_help = ("slogan",)

    class Meta:
        ordering = ["position", "slug"]
        # /venues/ pages through venues in this order: the index serves ORDER BY ... LIMIT.
        indexes = [
            models.Index(fields=["position", "slug"], name="venue_list_order"),
            # ?open_at=: only venues with published hours, in list order.
            models.Index(fields=["position", "slug"], condition=PUBLISHED_HOURS, name="venue_hours_order"),
        ]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("venues:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.search_key = search_key(names=[self.name, self.name_en], others=[self.slogan, self.slogan_en])
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.open_all_day and (self.opens_at or self.closes_at):
            raise ValidationError(_("A venue open 24 hours has no opening or closing time."))
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValidationError(_("Give both the opening and the closing time, or neither."))
        if self.opens_at and self.closes_at and end_minutes(self.closes_at) <= to_minutes(self.opens_at):
            raise ValidationError({"closes_at": _(
                "The closing time must come after the opening time in the same night "
                "(02:00 is after 18:00; the night ends at 06:00).")})

    @property
    def has_published_hours(self) -> bool:
        """Hours a visitor can rely on (the rule PUBLISHED_HOURS asks the database)."""
        return self.open_all_day or (self.opens_at is not None and self.closes_at is not None)

    @property
    def hours_text(self) -> str:
        """'24 hours', '18:00 – 凌晨2:00', or '' when the hours are not published (pages then say so)."""
        if self.open_all_day:
            return gettext("24 hours")
        if self.has_published_hours:
            return f"{format_clock(self.opens_at)} – {format_clock(self.closes_at)}"
        return ""


class Place(Bilingual, Pinned, PlanRecord, models.Model):
    """A named place inside a venue (应天门, 九洲池, a restaurant of the street)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="places", verbose_name=_("venue"))
    name = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["venue", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["venue", "name"], name="unique_place_per_venue")]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self):
        return f"{self.venue.name} · {self.name}"


class Highlight(Bilingual, PlanRecord, models.Model):
    """What goes on at a venue, as the plan names it (十大美食 selection, 1元夜读, 达人秀)."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="highlights", verbose_name=_("venue"))
    name = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["venue", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["venue", "name"], name="unique_highlight_per_venue")]
        verbose_name = _("highlight")
        verbose_name_plural = _("highlights")

    def __str__(self):
        return f"{self.venue.name} · {self.name}"


class PlanEdition(Bilingual, models.Model):
    """One published edition of the plan (2020年5月, the next year's...) as staff loaded it. Rows
    loaded from it cite it (PlanRecord.plan_edition); the latest loaded is the base of the next
    load's three-way merge (nightlife/plan.py)."""

    name = models.CharField(_("edition (Chinese)"), max_length=40, unique=True,
                            help_text=_("As the plan names its edition, e.g. 2020年5月."))
    name_en = models.CharField(_("edition (English)"), max_length=80, blank=True)
    published = models.CharField(_("published"), max_length=10,
                                 help_text=_("The day (YYYY-MM-DD) or month (YYYY-MM) the plan was published."))
    publication = models.CharField(_("published in (Chinese)"), max_length=80, blank=True)
    publication_en = models.CharField(_("published in (English)"), max_length=120, blank=True)
    page = models.CharField(_("page"), max_length=40, blank=True, help_text=_("The newspaper's page, where known."))
    file_name = models.CharField(_("loaded from"), max_length=200, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("loaded by"))

    class Meta:
        ordering = ["loaded_at", "pk"]
        verbose_name = _("plan edition")
        verbose_name_plural = _("plan editions")

    def __str__(self):
        return self.name

    @property
    def label(self) -> str:
        """Where and when this edition was published, in the page's language: "洛阳日报，2020年5月",
        "Luoyang Daily, May 2020" (the page after the newspaper where known)."""
        where = " ".join(part for part in (self.tr("publication"), self.page) if part)
        return ("，" if not wants_english() else ", ").join(part for part in (where, self.tr("name")) if part)


class VenuePhoto(Photo):
    """A photo of a venue, shown on its page in `position` order (the first on its card)."""

    folder = "photos/venues"

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="photos", verbose_name=_("venue"))

    class Meta:
        ordering = ["venue", "position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


def photo_list() -> models.Prefetch:
    """A venue's photos in order, as `photo_list` (cards show the first, pages all), less any
    whose files are missing (Photo.with_files)."""
    return models.Prefetch("photos", queryset=VenuePhoto.objects.with_files(), to_attr="photo_list")


# --- Changes to the plan ------------------------------------------------------------------------

class Announcement(Bilingual, models.Model):
    """What every change to the plan says: why (in Chinese, and in English where written) and
    when it was announced. Changes (closures here, an event's cancelled or moved nights) are
    rows of their own, never edits of the plan's rows: deleting one undoes it."""

    reason = models.CharField(_("reason (Chinese)"), max_length=200,
                              help_text=_("Shown to visitors, e.g. 因降雨取消."))
    reason_en = models.CharField(_("reason (English)"), max_length=300, blank=True,
                                 help_text=_("Optional: without it, English pages show the Chinese reason, "
                                             "marked 'in Chinese only'."))
    announced_at = models.DateTimeField(_("announced at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def reason_is_chinese_only(self) -> bool:
        """An English page shows the Chinese reason, as no English one was written."""
        return wants_english() and not self.reason_en


class VenueClosureQuerySet(models.QuerySet):
    def covering(self, night: dt.date):
        """Closures in force on the night `night` (first and last nights included)."""
        return self.filter(first_night__lte=night, last_night__gte=night)


class VenueClosure(Announcement):
    """A venue, or one place inside it, closed for a night or a span of nights: its events
    there show as cancelled on those nights, and do not count as on."""

    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="closures", verbose_name=_("venue"))
    place = models.ForeignKey(Place, on_delete=models.CASCADE, null=True, blank=True, related_name="closures",
                              verbose_name=_("place within the venue"),
                              help_text=_("Empty: the whole venue is closed."))
    first_night = models.DateField(_("first night closed"), default=tonight)
    last_night = models.DateField(_("last night closed"), default=tonight,
                                  help_text=_("The same as the first night for one night."))

    objects = VenueClosureQuerySet.as_manager()

    class Meta:
        ordering = ["first_night", "pk"]
        indexes = [
            # Events on a night leave out those at a closed venue (NOT EXISTS ... WHERE venue_id =
            # ... AND last_night >= night AND first_night <= night).
            models.Index(fields=["venue", "last_night", "first_night"], name="closure_venue_nights"),
        ]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")

    def __str__(self):
        where = self.place.name if self.place_id else self.venue.name
        return f"{where} · {self.first_night:%Y-%m-%d}–{self.last_night:%Y-%m-%d}"

    def clean(self):
        super().clean()
        errors = {}
        if self.first_night and self.last_night and self.last_night < self.first_night:
            errors["last_night"] = _("The last night cannot be before the first night.")
        if self.place_id and self.venue_id and self.place.venue_id != self.venue_id:
            errors["place"] = _("The place must be inside this venue.")
        if errors:
            raise ValidationError(errors)

    def covers(self, night: dt.date) -> bool:
        return self.first_night <= night <= self.last_night

    def concerns(self, venue_id, place_id) -> bool:
        """Whether this closure stops events at `venue_id` (and `place_id`): a closure of the
        whole venue stops every event there, one of a place only those there."""
        return self.venue_id == venue_id and (self.place_id is None or self.place_id == place_id)

    def closes(self, venue_id, place_id, night: dt.date) -> bool:
        """Whether this closure stops an event at `venue_id` (and `place_id`) on `night`."""
        return self.covers(night) and self.concerns(venue_id, place_id)
