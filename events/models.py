"""Events: the plan's nightly 20:00 features, dated specials, tour lines and offers."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy as _

from core.i18n import Bilingual
from photos.models import Photo
from core.publishing import Publishable, PublishableQuerySet, published_q
from core.search import key_matches, route_number, search_key, search_words, text_matches
from core.nighttime import NightTimeField, end_minutes, format_clock, minutes_now, night_of, to_minutes
from venues.models import Place, Theme, Venue


class EventKind(models.TextChoices):
    """The plan's 栏目 / 活动 / 演艺, and dated one-offs. Values are the URL values (?kind=)."""

    PROGRAMME = "programme", _("Programme")
    ACTIVITY = "activity", _("Activity")
    PERFORMANCE = "performance", _("Performance")
    SPECIAL = "special", _("Special")


class EventQuerySet(PublishableQuerySet):
    def on_night(self, night: dt.date):
        """Events running on `night`: nightly ones within their optional first/last nights,
        specials dated that night. Empty first/last night means no limit on that side."""
        return self.filter(Q(first_night__isnull=True) | Q(first_night__lte=night),
                           Q(last_night__isnull=True) | Q(last_night__gte=night))

    def nightly(self):
        return self.exclude(kind=EventKind.SPECIAL)

    def specials(self):
        return self.filter(kind=EventKind.SPECIAL)

    def specials_on(self, night: dt.date):
        """Specials dated `night`. Every special has both dates (Event.clean), so this reads the
        index special_nights, not every special of past years."""
        return self.specials().filter(first_night__lte=night, last_night__gte=night)

    def search(self, text: str):
        """Events whose Chinese, English or pinyin name holds the query, first; then those at a
        venue whose name or slogan does; then those whose description, channel, place, tour
        lines or themes hold it. SYNONYMS count as the query; a query naming a route number
        ('9路') matches names only. One query: related rows are EXISTS subqueries."""
        words = search_words(text)
        named, at_venue = key_matches(words), key_matches(words, "venue__search_key")
        found = named | at_venue
        if route_number(text) is None:
            found |= (text_matches(words, "description", "description_en", "channel", "channel_en",
                                   "place__name", "place__name_en")
                      | Exists(TourLine.objects.filter(
                          text_matches(words, "name", "name_en", "description", "description_en"), event=OuterRef("pk")))
                      | Exists(Theme.objects.filter(text_matches(words, "name", "name_en"), events=OuterRef("pk"))))
        return self.filter(found).order_by(Case(When(named, then=0), When(at_venue, then=1), default=2),
                                           *self.model._meta.ordering)

    def for_listing(self):
        """With venue, place, themes and photos (as `photo_list`, less any whose files are
        missing) preloaded: cards cost no query."""
        return self.select_related("venue", "place").prefetch_related(
            "themes", models.Prefetch("photos", queryset=EventPhoto.objects.with_files(), to_attr="photo_list"))


class Event(Bilingual, Publishable, models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("ASCII (pinyin or English), used in the address."))
    name = models.CharField(_("name (Chinese)"), max_length=120, help_text=_("Exactly as published."))
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="events",
                              verbose_name=_("venue"), help_text=_("Empty for broadcast programmes."))
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                              verbose_name=_("place within the venue"))
    channel = models.CharField(_("channel (Chinese)"), max_length=120, blank=True,
                               help_text=_("Where a programme is broadcast, or an online platform."))
    channel_en = models.CharField(_("channel (English)"), max_length=200, blank=True)
    starts_at = NightTimeField(_("starts at"), null=True, blank=True)
    ends_at = NightTimeField(_("ends at"), null=True, blank=True)
    all_day = models.BooleanField(_("all day"), default=False)
    first_night = models.DateField(_("first night"), null=True, blank=True,
                                   help_text=_("Empty: running since before the site existed. Required for specials."))
    last_night = models.DateField(_("last night"), null=True, blank=True,
                                  help_text=_("Empty: every night, with no published end. Required for specials."))
    themes = models.ManyToManyField(Theme, blank=True, related_name="events", verbose_name=_("themes"))
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    search_key = models.TextField(editable=False, blank=True)  # derived on save; see core.search
    # The record's identity in the published plan, kept through renames; NULL: not from the plan.
    plan_key = models.CharField(_("plan key"), max_length=120, unique=True, null=True, blank=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["position", "slug"]
        indexes = [
            # /events/ pages through events in this order (ORDER BY position, slug LIMIT 12).
            models.Index(fields=["position", "slug"], name="event_list_order"),
            # The home page's first features tonight (ORDER BY starts_at, position LIMIT 12).
            models.Index(fields=["starts_at", "position"], name="event_start_order"),
            # The home page's specials tonight: among years of dated specials, the few running now.
            models.Index(fields=["last_night", "first_night"], condition=models.Q(kind="special"),
                         name="special_nights"),
        ]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs):
        self.search_key = search_key(names=[self.name, self.name_en])
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == EventKind.SPECIAL and not (self.first_night and self.last_night):
            errors["first_night"] = _("A special needs its first and last night (the same date for one night).")
        if self.first_night and self.last_night and self.last_night < self.first_night:
            errors["last_night"] = _("The last night cannot be before the first night.")
        if self.place_id and self.place.venue_id != self.venue_id:
            errors["place"] = _("The place must be inside the event's venue.")
        if self.all_day and (self.starts_at or self.ends_at):
            errors["all_day"] = _("An all-day event has no start or end time.")
        if self.ends_at and not self.starts_at:
            errors["ends_at"] = _("Give the start time before an end time.")
        if self.ends_at and self.starts_at and end_minutes(self.ends_at) <= to_minutes(self.starts_at):
            errors["ends_at"] = _("The end time must come after the start in the same night (01:00 is after 23:00).")
        if errors:
            raise ValidationError(errors)

    @property
    def is_nightly(self) -> bool:
        return self.kind != EventKind.SPECIAL

    @property
    def is_broadcast(self) -> bool:
        """A TV or radio programme: it has a channel, no venue and no way back."""
        return self.kind == EventKind.PROGRAMME

    def when_text(self, state: "OfferState | None" = None) -> str:
        """When it runs, in the active language, as a card and a page say it: "Every night at
        20:00", "… · from 8 May 2027" while `state` is upcoming, "… · until …" once ended; for a
        special its dates and "all day", its start, or "time not published"."""
        if self.is_nightly:
            text = (gettext("Every night at %(time)s") % {"time": format_clock(self.starts_at)} if self.starts_at
                    else gettext("Every night, time not published"))
            if state == OfferState.UPCOMING:
                text += " · " + gettext("from %(day)s") % {"day": date_format(self.first_night, "DATE_FORMAT")}
            elif state == OfferState.ENDED:
                text += " · " + gettext("until %(day)s") % {"day": date_format(self.last_night, "DATE_FORMAT")}
            return text
        first, last = (date_format(day, "DATE_FORMAT") for day in (self.first_night, self.last_night))
        text = first if first == last else f"{first} – {last}"
        if self.all_day:
            return text + " · " + gettext("all day")
        if self.starts_at:
            return text + " · " + format_clock(self.starts_at)
        return text + " · " + gettext("time not published")

    def dated_state(self, now: dt.datetime | None = None) -> "OfferState | None":
        """The state at the moment of viewing: upcoming, running or ended; None for an event
        with neither a first nor a last night (every night, no dates to be in or out of).

        Nights decide first (a special of May 2020 has ended). On its first night it is upcoming
        until its published start time; on its last night it has ended after its published end.
        Without a published time the whole night counts, so nothing is said to have started or
        ended at a time the plan does not give."""
        first, last = self.first_night, self.last_night
        if first is None and last is None:
            return None
        now = now or timezone.now()
        night, minute = night_of(now), minutes_now(now)
        if first is not None and night < first:
            return OfferState.UPCOMING
        if last is not None and night > last:
            return OfferState.ENDED
        if night == first and self.starts_at is not None and minute < to_minutes(self.starts_at):
            return OfferState.UPCOMING
        if night == last and self.ends_at is not None and minute >= end_minutes(self.ends_at):
            return OfferState.ENDED
        return OfferState.RUNNING


class TourLine(Bilingual, models.Model):
    """A themed tour line of an event (夜游龙门's 伊水禅意游 ...). Not a bus route."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tour_lines", verbose_name=_("event"))
    name = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    plan_key = models.CharField(_("plan key"), max_length=120, unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["event", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="unique_tour_line_per_event")]
        verbose_name = _("tour line")
        verbose_name_plural = _("tour lines")

    def __str__(self):
        return self.name


class OfferState(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")


class OfferQuerySet(PublishableQuerySet):
    """Offer states on a night, as rows (Offer.state_on says the same of one offer)."""

    def upcoming_on(self, day: dt.date):
        return self.filter(first_day__gt=day)

    def running_on(self, day: dt.date):
        return self.filter(first_day__lte=day, last_day__gte=day)

    def ended_on(self, day: dt.date):
        return self.filter(last_day__lt=day)

    def in_state(self, state: "OfferState", day: dt.date):
        """The offers in `state` (upcoming, running, ended) on the night `day`."""
        return {OfferState.UPCOMING: self.upcoming_on, OfferState.RUNNING: self.running_on,
                OfferState.ENDED: self.ended_on}[state](day)

    def visible(self):
        """Published offers on published events: what visitors may see now."""
        return self.published().filter(published_q("event__"))


class Offer(Bilingual, Publishable, models.Model):
    """A dated offer on an event (九洲池's 1-yuan tickets), with price, count and window."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="offers", verbose_name=_("event"))
    name = models.CharField(_("name (Chinese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    price = models.DecimalField(_("price (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True)
    quantity = models.PositiveIntegerField(_("number available"), null=True, blank=True)
    channel = models.CharField(_("sold through (Chinese)"), max_length=120, blank=True)
    channel_en = models.CharField(_("sold through (English)"), max_length=200, blank=True)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    plan_key = models.CharField(_("plan key"), max_length=120, unique=True, null=True, blank=True, editable=False)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["first_day", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self):
        return self.name

    def clean(self):
        """Window rules: last day not before the first, and inside the event's first and last
        nights where those are set. Reads the event in memory (the admin's unsaved values)."""
        super().clean()
        errors = {}
        if self.first_day and self.last_day and self.last_day < self.first_day:
            errors["last_day"] = _("The last day cannot be before the first day.")
        event = self.event if Offer.event.is_cached(self) or self.event_id else None
        if event and event.first_night and self.first_day and self.first_day < event.first_night:
            errors["first_day"] = _("The offer cannot start before the event's first night (%(night)s).") % {
                "night": date_format(event.first_night, "DATE_FORMAT")}
        if event and event.last_night and self.last_day and self.last_day > event.last_night:
            errors["last_day"] = _("The offer cannot run past the event's last night (%(night)s).") % {
                "night": date_format(event.last_night, "DATE_FORMAT")}
        if errors:
            raise ValidationError(errors)

    def state_on(self, day: dt.date) -> OfferState:
        """Upcoming, running or ended on the night `day` (pass nighttime.tonight())."""
        if day < self.first_day:
            return OfferState.UPCOMING
        if day > self.last_day:
            return OfferState.ENDED
        return OfferState.RUNNING


class EventPhoto(Photo):
    """A photo of an event, shown on its page in `position` order (the first on its card)."""

    folder = "photos/events"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("event"))

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
