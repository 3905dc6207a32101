"""Events: the plan's nightly 20:00 features, dated specials, tour lines and offers."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_lazy as _

from core.i18n import Bilingual
from photos.models import Photo
from core.provenance import PlanRecord
from core.publishing import Publishable, PublishableQuerySet, published_q
from core.search import document_matches, name_first, search_key
from events.night_changes import NightChanges, kept
from core.nighttime import NightTimeField, end_minutes, format_clock, minutes_now, night_of, to_minutes, tonight
from venues.models import Announcement, Place, Theme, Venue, VenueClosure


class EventKind(models.TextChoices):
    """The plan's 栏目 / 活动 / 演艺, and dated one-offs. Values are the URL values (?kind=)."""

    PROGRAMME = "programme", _("Programme")
    ACTIVITY = "activity", _("Activity")
    PERFORMANCE = "performance", _("Performance")
    SPECIAL = "special", _("Special")


def night_changes(night: dt.date) -> NightChanges:
    """The editors' changes as they stand for `night` (events.night_changes): kept per night,
    cache generation and release; made by _night_changes_made when missing."""
    return kept(night, _night_changes_made)


def _night_changes_made(night: dt.date) -> NightChanges:
    """Three queries: that night's changes, the closures in force, and the events they concern
    with every event that has a change of the whole event, each asked Event.status_on(night) and
    whether it is scheduled that night (Event.runs_on, or an extra night: scheduled_on's rule)."""
    by_event, by_venue = defaultdict(list), defaultdict(list)
    for change in NightChange.objects.filter(night=night).select_related("venue", "place").order_by("pk"):
        by_event[change.event_id].append(change)
    for closure in VenueClosure.objects.covering(night).select_related("place").order_by("pk"):
        by_venue[closure.venue_id].append(closure)
    concerned = Q(whole_change__isnull=False)
    if by_event:
        concerned |= Q(pk__in=list(by_event))
    if by_venue:
        concerned |= Q(venue_id__in=list(by_venue))
    off, changed, events = set(), set(), {}
    for event in Event.objects.filter(concerned).select_related("venue", "place", "whole_change").order_by():
        events[event.pk] = event
        event.night_change_list = by_event.get(event.pk, [])
        if event.venue is not None:
            event.venue.closure_list = by_venue.get(event.venue_id, [])
        if event.status_on(night).is_off:
            off.add(event.pk)
        if (event.pk in by_event or event.change_of_whole is not None
                or any(closure.concerns(event.venue_id, event.place_id) for closure in by_venue.get(event.venue_id, ()))):
            changed.add(event.pk)
    changes = [change for changes in by_event.values() for change in changes]
    extra = frozenset(change.event_id for change in changes if change.kind == NightChangeKind.EXTRA)
    return NightChanges(
        night=night, off=frozenset(off), changed=frozenset(changed), extra=extra, events=events,
        scheduled=frozenset(pk for pk, event in events.items() if event.runs_on(night) or pk in extra),
        starts={change.event_id: change.starts_at for change in changes
                if change.kind != NightChangeKind.CANCELLED and change.starts_at is not None},
        night_changes=dict(by_event), closures=dict(by_venue))


def changes_between(first: dt.date | None, last: dt.date | None) -> list[models.Prefetch]:
    """Prefetches of the changes an event's pages show for the nights `first` to `last` (None:
    no limit on that side): its night changes, with the venue and place a night moves to, as
    `night_change_list`, and the closures of its venue in force then as the venue's
    `closure_list`. Event.status_on reads them."""
    nights, closures = NightChange.objects.select_related("venue", "place"), VenueClosure.objects.select_related("place")
    if first is not None:
        nights, closures = nights.filter(night__gte=first), closures.filter(last_night__gte=first)
    if last is not None:
        nights, closures = nights.filter(night__lte=last), closures.filter(first_night__lte=last)
    return [models.Prefetch("night_changes", queryset=nights, to_attr="night_change_list"),
            models.Prefetch("venue__closures", queryset=closures, to_attr="closure_list")]


class EventQuerySet(PublishableQuerySet):
    # The night whose kept changes (events.night_changes) are attached to each event fetched
    # (for_listing): Event.status_on(night) then costs no query.
    _changes_night: dt.date | None = None

    def _clone(self):
        clone = super()._clone()
        clone._changes_night = self._changes_night
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is None
        super()._fetch_all()
        if fetched and self._changes_night is not None and self._iterable_class is models.query.ModelIterable:
            night_changes(self._changes_night).attach(self._result_cache)

    def scheduled_on(self, night: dt.date):
        """Events the plan puts on `night`, and those an editor gave an extra night then,
        cancelled ones included (pages show them, marked). Nightly events run within their
        optional first/last nights (empty: no limit on that side), specials on their dates."""
        planned = ((Q(first_night__isnull=True) | Q(first_night__lte=night))
                   & (Q(last_night__isnull=True) | Q(last_night__gte=night)))
        if extra := night_changes(night).extra:
            planned |= Q(pk__in=extra)
        return self.filter(planned)

    def on_night(self, night: dt.date):
        """Events that happen on `night`: scheduled then (see scheduled_on) and not cancelled,
        postponed or at a closed venue (primary keys from the night's kept changes)."""
        return self.scheduled_on(night).not_cancelled_on(night)

    def cancelled_on(self, night: dt.date):
        """Events scheduled on `night` that do not happen then (what on_night leaves out)."""
        off = night_changes(night).off
        return self.scheduled_on(night).filter(pk__in=off) if off else self.none()

    def not_cancelled_on(self, night: dt.date):
        """Less the events cancelled on `night`, whatever their nights (a filter on start times
        reads the night in progress)."""
        off = night_changes(night).off
        return self.exclude(pk__in=off) if off else self

    def with_start_on(self, night: dt.date):
        """Each event with `start_that_night`: its start time on `night`, the new one where an
        editor moved that night or gave an extra night its own time (a move from 20:00 to 00:30
        is later that night, as stored). From the night's kept changes: one CASE over the
        events whose start changed that night."""
        starts = night_changes(night).starts
        if not starts:
            return self.annotate(start_that_night=F("starts_at"))
        return self.annotate(start_that_night=Case(
            *(When(pk=pk, then=Value(start, output_field=NightTimeField())) for pk, start in sorted(starts.items())),
            default=F("starts_at"), output_field=NightTimeField()))

    def nightly(self):
        return self.exclude(kind=EventKind.SPECIAL)

    def specials(self):
        return self.filter(kind=EventKind.SPECIAL)

    def specials_on(self, night: dt.date):
        """Specials dated `night` or given an extra night then, cancelled ones included (cards
        mark them). Every special has both dates (Event.clean), so the dated ones come from the
        index special_nights, not every special of past years; extra nights from the night's kept
        changes."""
        dated = Q(first_night__lte=night, last_night__gte=night)
        if extra := night_changes(night).extra:
            dated |= Q(pk__in=extra)
        return self.specials().filter(dated)

    def search(self, text: str):
        """Events whose Chinese, English or pinyin name holds the query, first; then those at a
        venue whose name or slogan does; then those whose description, channel, place, tour
        lines or themes hold it; a phrase also finds the events that hold each of its words
        somewhere, their venue's names included (core.search.phrase_words). SYNONYMS count as
        the query; a query naming a route number ('9路') matches names only. One query on the
        event's own row: its search document (core.search), kept up to date on save."""
        return self.filter(document_matches(text)).order_by(name_first(text, venue_next=True),
                                                            *self.model._meta.ordering)

    def for_listing(self, night: dt.date | None = None, *, onwards: bool = False):
        """With venue, place, change of the whole event, themes and photos (as `photo_list`,
        less any whose files are missing) preloaded, and the changes of `night` (default
        tonight), attached from the night's kept changes (events.night_changes, no query; with
        `onwards`, those of that night and every later one, two prefetches): cards cost no
        query, and Event.status_on(night) none either."""
        night = night or tonight()
        rows = self.select_related("venue", "place", "whole_change").prefetch_related(
            "themes", models.Prefetch("photos", queryset=EventPhoto.objects.with_files(), to_attr="photo_list"))
        if onwards:
            return rows.prefetch_related(*changes_between(night, None))
        rows._changes_night = night
        return rows

    def for_calendar(self):
        """With venue, place and every change preloaded (night changes, the whole event's, its
        venue's closures): a calendar costs the same few queries for any number of events."""
        return self.select_related("venue", "place", "whole_change").prefetch_related(*changes_between(None, None))


class Event(Bilingual, Publishable, PlanRecord, models.Model):
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
    # What /search/ and every `q` read (core.search.search_document), kept by nightlife/search_index.py.
    search_document = models.TextField(editable=False, blank=True)
    # The record's identity in the published plan, kept through renames; NULL: not from the plan.

    objects = EventQuerySet.as_manager()
    plan_only_help = ("name",)

    class Meta:
        ordering = ["position", "slug"]
        indexes = [
            # /events/ pages through events in this order (ORDER BY position, slug LIMIT 12).
            models.Index(fields=["position", "slug"], name="event_list_order"),
            # The home page's first features tonight (ORDER BY starts_at, position LIMIT 12).
            models.Index(fields=["starts_at", "position"], name="event_start_order"),
            # The home page's first features tonight, the ones to go to before the broadcasts
            # (nightlife.views.features_on: ORDER BY CASE kind = 'programme', starts_at, position
            # LIMIT 12): read in order, not every nightly event sorted (20 ms at x1000, 2 ms so).
            models.Index(Case(When(kind="programme", then=Value(1)), default=Value(0)), F("starts_at"), F("position"),
                         condition=~Q(kind="special"), name="feature_order"),
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

    def runs_on(self, night: dt.date) -> bool:
        """On the plan's nights: within its first and last nights where set (extra nights and
        cancellations are changes: see status_on)."""
        return (self.first_night is None or self.first_night <= night) and (
            self.last_night is None or night <= self.last_night)

    @property
    def change_of_whole(self) -> "EventChange | None":
        """The change of the whole event (postponed, rescheduled, cancelled), or None. Preloaded
        by for_listing and for_calendar; queries otherwise."""
        try:
            return self.whole_change
        except EventChange.DoesNotExist:
            return None

    def night_change_on(self, night: dt.date) -> "NightChange | None":
        """This event's change of `night`, from the preloaded `night_change_list` (for_listing,
        for_calendar); queries without it."""
        if hasattr(self, "night_change_list"):
            return next((change for change in self.night_change_list if change.night == night), None)
        return self.night_changes.select_related("venue", "place").filter(night=night).first()

    def closure_on(self, night: dt.date) -> VenueClosure | None:
        """A closure of its venue (or of its place there) in force on `night`, from the venue's
        preloaded `closure_list` (for_listing, for_calendar); queries without it."""
        if self.venue is None:
            return None
        closures = (self.venue.closure_list if hasattr(self.venue, "closure_list")
                    else VenueClosure.objects.filter(venue=self.venue).covering(night).select_related("place"))
        return next((closure for closure in closures if closure.closes(self.venue_id, self.place_id, night)), None)

    def whole_status(self, night: dt.date) -> "NightStatus | None":
        """The change of the whole event as seen on `night` (cancelled, postponed, rescheduled),
        or None. No query where it is preloaded (for_listing, for_calendar)."""
        whole = self.change_of_whole
        if whole is None:
            return None
        return NightStatus(event=self, night=night, mark=whole.kind if whole.kind in STOPPED else Mark.RESCHEDULED,
                           notice=whole, starts_at=self.starts_at, venue=self.venue, place=self.place)

    def changes_from(self, night: dt.date) -> list["NightStatus"]:
        """The changes visitors should know of from `night` on, as NightStatus: the whole
        event's first, then each changed night (a night change, or the first night of a closure
        still to come) in order. No queries where the changes are preloaded
        (for_listing(night, onwards=True))."""
        whole = self.whole_status(night)
        if whole is not None and whole.is_off:
            return [whole]
        nights = {change.night for change in self.night_change_list if change.night >= night}
        if self.venue is not None:
            nights |= {max(closure.first_night, night) for closure in self.venue.closure_list
                       if closure.last_night >= night and closure.concerns(self.venue_id, self.place_id)}
        statuses = [self.status_on(day) for day in sorted(nights)]
        return ([whole] if whole else []) + [status for status in statuses
                                             if status.mark and status.mark != Mark.RESCHEDULED]

    def status_on(self, night: dt.date) -> "NightStatus":
        """What holds for this event on `night` with the editors' changes applied: as planned,
        or cancelled (the whole event, that night, or its venue or place closed), postponed,
        moved, at a new time, on an extra night, or rescheduled. A closure stops the nights
        planned at the closed place, not a night an editor moved elsewhere. What it says of a
        night is kept for every list and count (events.models.night_changes). No queries where the changes are preloaded (for_listing(night),
        for_calendar)."""
        whole = self.whole_status(night)
        change = self.night_change_on(night)
        planned = NightStatus(event=self, night=night, mark="", notice=None, starts_at=self.starts_at,
                              venue=self.venue, place=self.place)
        if whole is not None and whole.is_off:
            return whole
        if change is not None and change.kind == NightChangeKind.CANCELLED:
            return planned.but(mark=Mark.CANCELLED_NIGHT, notice=change)
        elsewhere = change is not None and change.moves_elsewhere
        if not elsewhere and (change is not None or self.runs_on(night)):
            if (closure := self.closure_on(night)) is not None:
                return planned.but(mark=Mark.CLOSED, notice=closure)
        if change is None:
            return whole or planned
        status = planned.but(notice=change, starts_at=change.starts_at or self.starts_at)
        if elsewhere:
            status = status.but(venue=change.venue or self.venue, place=change.place)
        if change.kind == NightChangeKind.EXTRA:
            return status.but(mark=Mark.EXTRA)
        return status.but(mark=Mark.MOVED if elsewhere else Mark.NEW_TIME)


class TourLine(Bilingual, PlanRecord, models.Model):
    """A themed tour line of an event (夜游龙门's 伊水禅意游 ...). Not a bus route."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tour_lines", verbose_name=_("event"))
    name = models.CharField(_("name (Chinese)"), max_length=80)
    name_en = models.CharField(_("name (English)"), max_length=160, blank=True)
    description = models.TextField(_("description (Chinese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

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


class OfferAvailability(models.TextChoices):
    ON_SALE = "on_sale", _("On sale as published")
    SOLD_OUT = "sold_out", _("Sold out")
    WITHDRAWN = "withdrawn", _("Withdrawn")


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


class Offer(Bilingual, Publishable, PlanRecord, models.Model):
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
    availability = models.CharField(
        _("availability"), max_length=10, choices=OfferAvailability.choices, default=OfferAvailability.ON_SALE,
        help_text=_("Sold out or withdrawn: pages say so instead of 'Running'."))
    availability_reason = models.CharField(_("why (Chinese)"), max_length=200, blank=True,
                                           help_text=_("Required when sold out or withdrawn."))
    availability_reason_en = models.CharField(_("why (English)"), max_length=300, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        ordering = ["first_day", "pk"]
        verbose_name = _("offer")
        verbose_name_plural = _("offers")

    def __str__(self):
        return self.name

    def clean(self):
        """Window rules: last day not before the first, and inside the event's first and last
        nights where those are set (an offer that has ended may start before the first night). Reads the event in memory (the admin's unsaved values)."""
        super().clean()
        errors = {}
        if self.first_day and self.last_day and self.last_day < self.first_day:
            errors["last_day"] = _("The last day cannot be before the first day.")
        event = self.event if Offer.event.is_cached(self) or self.event_id else None
        # An offer that has ended is history: rescheduling its event to a later first night
        # does not move it.
        ended = self.last_day is not None and self.last_day < tonight()
        if event and event.first_night and self.first_day and self.first_day < event.first_night and not ended:
            errors["first_day"] = _("The offer cannot start before the event's first night (%(night)s).") % {
                "night": date_format(event.first_night, "DATE_FORMAT")}
        if event and event.last_night and self.last_day and self.last_day > event.last_night:
            errors["last_day"] = _("The offer cannot run past the event's last night (%(night)s).") % {
                "night": date_format(event.last_night, "DATE_FORMAT")}
        if self.availability != OfferAvailability.ON_SALE and not self.availability_reason:
            errors["availability_reason"] = _("Say why in Chinese: visitors see it.")
        if errors:
            raise ValidationError(errors)

    def state_on(self, day: dt.date) -> OfferState:
        """Upcoming, running or ended on the night `day` (pass nighttime.tonight())."""
        if day < self.first_day:
            return OfferState.UPCOMING
        if day > self.last_day:
            return OfferState.ENDED
        return OfferState.RUNNING

    def shown_state(self, day: dt.date) -> "OfferState | OfferAvailability":
        """What a page says of the offer on the night `day`: ended once ended; else sold out or
        withdrawn where an editor said so, never 'running'; else upcoming or running."""
        state = self.state_on(day)
        if state != OfferState.ENDED and self.availability != OfferAvailability.ON_SALE:
            return OfferAvailability(self.availability)
        return state

    def shown_reason(self, day: dt.date) -> str:
        """Why it is sold out or withdrawn, in the active language, wherever a page says so on
        the night `day` (shown_state); '' otherwise (a reason left from an earlier sell-out is
        not shown while on sale)."""
        if isinstance(self.shown_state(day), OfferAvailability):
            return self.tr("availability_reason")
        return ""


class EventPhoto(Photo):
    """A photo of an event, shown on its page in `position` order (the first on its card)."""

    folder = "photos/events"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="photos", verbose_name=_("event"))

    class Meta:
        ordering = ["event", "position", "pk"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")


# --- Changes to the plan: one night, the whole event ---------------------------------------------

class NightChangeKind(models.TextChoices):
    CANCELLED = "cancelled", _("Cancelled that night")
    MOVED = "moved", _("Another time or place that night")
    EXTRA = "extra", _("An extra night")


class NightChange(Announcement):
    """One night of an event changed by an editor: cancelled, moved to another time or place, or
    added. The rest of the series is untouched (in calendars: an overriding instance with
    RECURRENCE-ID, or an RDATE for an extra night). Deleting the row undoes the change."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="night_changes", verbose_name=_("event"))
    night = models.DateField(_("night"), default=tonight, help_text=_(
        "The night it concerns. A night runs from 06:00 to 05:59: 00:30 still belongs to the night before."))
    kind = models.CharField(_("change"), max_length=10, choices=NightChangeKind.choices,
                            default=NightChangeKind.CANCELLED)
    starts_at = NightTimeField(_("new start time"), null=True, blank=True)
    venue = models.ForeignKey(Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("new venue"),
                              help_text=_("Only when it moves to another venue that night."))
    place = models.ForeignKey(Place, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("new place"),
                              help_text=_("A place inside the new venue, or inside the event's own."))

    class Meta:
        ordering = ["night", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["event", "night"], name="one_change_per_event_night",
            violation_error_message=_("This event already has a change for that night: edit that one."))]
        indexes = [
            # A night's changes across events: extra nights of specials (WHERE night = ... AND
            # kind = 'extra'). Per event, the unique constraint's index serves NOT EXISTS.
            models.Index(fields=["night", "kind"], name="night_change_night"),
        ]
        verbose_name = _("change of one night")
        verbose_name_plural = _("changes of one night")

    def __str__(self):
        return f"{self.event.name} · {self.night:%Y-%m-%d} · {self.get_kind_display()}"

    @property
    def moves_elsewhere(self) -> bool:
        """That night is at another venue or place than the event's (clean() empties a new
        venue or place that is the event's own)."""
        return self.kind != NightChangeKind.CANCELLED and (self.venue_id is not None or self.place_id is not None)

    def clean(self):
        """A cancelled or moved night is one of the event's nights, an extra night is not; a
        move says what changes (a time or a place); a cancellation has no new time or place; a
        new place is inside the venue of that night. A new venue or place that is the event's
        own is emptied, so a change names only what differs. Reads the event in memory (the
        admin's unsaved values)."""
        super().clean()
        errors = {}
        event = self.event if NightChange.event.is_cached(self) or self.event_id else None
        if event is not None and self.kind != NightChangeKind.CANCELLED:
            if self.venue_id is not None and self.venue_id == event.venue_id:
                self.venue = None
            if self.place_id is not None and self.place_id == event.place_id and self.venue_id is None:
                self.place = None
        is_new = {"starts_at": self.starts_at is not None, "venue": self.venue_id is not None,
                  "place": self.place_id is not None}
        if self.kind == NightChangeKind.CANCELLED:
            for name in [name for name, given in is_new.items() if given]:
                errors[name] = _("A cancelled night has no new time or place: leave this empty.")
        if event is not None and self.night:
            if self.kind == NightChangeKind.EXTRA and event.runs_on(self.night):
                errors["night"] = _("The event already runs that night: choose another kind of change.")
            elif self.kind != NightChangeKind.EXTRA and not event.runs_on(self.night):
                errors["night"] = _("The event does not run that night (%(nights)s).") % {
                    "nights": event.when_text()}
            if self.kind == NightChangeKind.MOVED and not (
                    (is_new["starts_at"] and self.starts_at != event.starts_at) or self.moves_elsewhere):
                errors["kind"] = _("A move needs a new start time or a new place, different from the event's.")
            if event.all_day and is_new["starts_at"]:
                errors["starts_at"] = _("An all-day event has no start time.")
            venue_id = self.venue_id or event.venue_id
            if is_new["place"] and self.place.venue_id != venue_id:
                errors["place"] = _("The place must be inside the venue of that night.")
        if errors:
            raise ValidationError(errors)


class EventChangeKind(models.TextChoices):
    POSTPONED = "postponed", _("Postponed: new dates not yet known")
    RESCHEDULED = "rescheduled", _("Rescheduled: new first night or start time")
    CANCELLED = "cancelled", _("Cancelled for good")


# The changes of the whole event after which it happens on none of its nights.
STOPPED = (EventChangeKind.POSTPONED, EventChangeKind.CANCELLED)


class EventChange(Announcement):
    """A change of the whole event. A rescheduled event carries its new first night or time
    itself; this row keeps the earlier ones, so pages can say what changed (schema.org
    previousStartDate). Deleting the row undoes the change."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="whole_change",
                                 verbose_name=_("event"))
    kind = models.CharField(_("change"), max_length=12, choices=EventChangeKind.choices)
    previous_first_night = models.DateField(
        _("first night before"), null=True, blank=True,
        help_text=_("Rescheduled: the first night as it was. Left empty, it is taken from the event as it was "
                    "before this save, if you changed it above."))
    previous_starts_at = NightTimeField(
        _("start time before"), null=True, blank=True,
        help_text=_("Rescheduled: the start time as it was. Left empty, it is taken from the event as it was "
                    "before this save, if you changed it above."))

    class Meta:
        verbose_name = _("change of the whole event")
        verbose_name_plural = _("changes of the whole event")

    def __str__(self):
        return f"{self.event.name} · {self.get_kind_display()}"

    def clean(self):
        """Only a rescheduled event keeps earlier dates; a new reschedule changes the first night
        or start time in the same save (from none, for a nightly event of the plan) or keeps an
        earlier one that differs. Left empty, they are filled from the stored event where the
        event being saved changes them (two queries at most)."""
        super().clean()
        event = self.event if EventChange.event.is_cached(self) or self.event_id else None
        if self.kind != EventChangeKind.RESCHEDULED:
            if self.previous_first_night or self.previous_starts_at:
                raise ValidationError({"kind": _("Only a rescheduled event keeps its earlier first night or time.")})
            return
        if event is None:
            return
        # A nightly event of the plan has no first night: moving it to one is a change from
        # "no first night", which leaves nothing to keep as the earlier one.
        changed_now = False
        if self.previous_first_night is None and self.previous_starts_at is None and event.pk:
            stored = Event.objects.filter(pk=event.pk).values("first_night", "starts_at").first() or {}
            if stored and stored.get("first_night") != event.first_night:
                self.previous_first_night, changed_now = stored.get("first_night"), True
            if stored and stored.get("starts_at") != event.starts_at:
                self.previous_starts_at, changed_now = stored.get("starts_at"), True
        moved_night = self.previous_first_night is not None and self.previous_first_night != event.first_night
        moved_time = self.previous_starts_at is not None and self.previous_starts_at != event.starts_at
        # A reschedule saved before stays valid on later saves of the event.
        if not (changed_now or moved_night or moved_time) and not (
                self.pk is not None and EventChange.objects.filter(pk=self.pk, kind=EventChangeKind.RESCHEDULED).exists()):
            raise ValidationError({"kind": _(
                "A rescheduled event needs a new first night or start time: change it above, or give the "
                "earlier one here.")})


class Mark(models.TextChoices):
    """How a page marks an event on a night (css: change-<value>); labels by NightStatus.label."""

    CANCELLED_NIGHT = "cancelled-night"
    CLOSED = "closed"
    MOVED = "moved"
    NEW_TIME = "new-time"
    EXTRA = "extra"
    RESCHEDULED = "rescheduled"
    POSTPONED = EventChangeKind.POSTPONED.value
    CANCELLED = EventChangeKind.CANCELLED.value


def _parts(*parts) -> str:
    return " · ".join(part for part in parts if part)


def _where(venue, place) -> str:
    return _parts(venue and venue.short_label, place and place.short_label)


@dataclass(frozen=True)
class NightStatus:
    """An event on one night as visitors should see it (Event.status_on): `mark` ('' as
    planned), the change or closure that says why (`notice`: reason, announced_at), and the
    start time, venue and place of that night."""

    event: Event
    night: dt.date
    mark: str
    notice: Announcement | None
    starts_at: dt.time | None
    venue: Venue | None
    place: Place | None

    def but(self, **changes) -> "NightStatus":
        return replace(self, **changes)

    @property
    def is_off(self) -> bool:
        """It does not happen that night (cancelled, postponed, venue closed)."""
        return self.mark in (Mark.CANCELLED_NIGHT, Mark.CLOSED, Mark.CANCELLED, Mark.POSTPONED)

    @property
    def ends_at(self) -> dt.time | None:
        """The published end, where it still comes after that night's start (a show moved past
        its published end has no known end)."""
        end = self.event.ends_at
        if end is None or self.starts_at is None or end_minutes(end) > to_minutes(self.starts_at):
            return end
        return None

    @property
    def label(self) -> str:
        """The mark in words, in the active language: 'Cancelled tonight', 'Moved on 9 May 2026',
        'Rescheduled' ...; '' as planned."""
        if not self.mark:
            return ""
        fixed = {Mark.CANCELLED: gettext("Cancelled"), Mark.POSTPONED: gettext("Postponed"),
                 Mark.RESCHEDULED: gettext("Rescheduled")}
        if self.mark in fixed:
            return fixed[self.mark]
        if self.night == tonight():
            return {Mark.CANCELLED_NIGHT: gettext("Cancelled tonight"), Mark.CLOSED: gettext("Cancelled tonight"),
                    Mark.MOVED: gettext("Moved tonight"), Mark.NEW_TIME: gettext("New time tonight"),
                    Mark.EXTRA: gettext("Extra night tonight")}[self.mark]
        day = {"day": date_format(self.night, "DATE_FORMAT")}
        return {Mark.CANCELLED_NIGHT: gettext("Cancelled on %(day)s"), Mark.CLOSED: gettext("Cancelled on %(day)s"),
                Mark.MOVED: gettext("Moved on %(day)s"), Mark.NEW_TIME: gettext("New time on %(day)s"),
                Mark.EXTRA: gettext("Extra night on %(day)s")}[self.mark] % day

    @property
    def moved_time(self) -> bool:
        return self.starts_at != self.event.starts_at

    @property
    def moved_place(self) -> bool:
        return self.venue != self.event.venue or self.place != self.event.place

    @property
    def was(self) -> str:
        """What the plan said and no longer holds, for a page to cross out: the whole event's
        nights once cancelled or postponed, the first night and time before a reschedule, that
        night's date and time once cancelled, and the time or place a move replaced."""
        event = self.event
        if self.mark in (Mark.CANCELLED, Mark.POSTPONED):
            return event.when_text()
        if self.mark == Mark.RESCHEDULED:
            return _parts(self.notice.previous_first_night and date_format(self.notice.previous_first_night, "DATE_FORMAT"),
                          format_clock(self.notice.previous_starts_at))
        if self.is_off:
            return _parts(date_format(self.night, "DATE_FORMAT"), format_clock(event.starts_at))
        return _parts(self.moved_time and format_clock(event.starts_at),
                      self.moved_place and _where(event.venue, event.place)) if self.mark != Mark.EXTRA else ""

    @property
    def now(self) -> str:
        """What holds instead: a moved night's new time or place, an extra night's date, time and
        place, a rescheduled event's first night and time; '' otherwise."""
        if self.mark == Mark.RESCHEDULED:
            return _parts(self.event.first_night and date_format(self.event.first_night, "DATE_FORMAT"),
                          format_clock(self.event.starts_at))
        if self.mark == Mark.EXTRA:
            return _parts(date_format(self.night, "DATE_FORMAT"), format_clock(self.starts_at),
                          _where(self.venue, self.place))
        if self.mark in (Mark.MOVED, Mark.NEW_TIME):
            return _parts(self.moved_time and format_clock(self.starts_at),
                          self.moved_place and _where(self.venue, self.place))
        return ""

    @property
    def reason(self) -> str:
        """Why, in the page's language where written ('九洲池 closed: 设备检修' for a closure)."""
        if self.notice is None:
            return ""
        if isinstance(self.notice, VenueClosure):
            closure = self.notice
            values = {"place": (closure.place if closure.place_id else self.event.venue).short_label,
                      "reason": closure.tr("reason"), "first": date_format(closure.first_night, "DATE_FORMAT"),
                      "last": date_format(closure.last_night, "DATE_FORMAT")}
            if closure.first_night == closure.last_night:
                return gettext("%(place)s closed: %(reason)s") % values
            return gettext("%(place)s closed %(first)s – %(last)s: %(reason)s") % values
        return self.notice.tr("reason")

    @property
    def headline(self) -> str:
        """'Cancelled tonight: 因降雨取消' for a page's description and link previews; '' as planned."""
        if not self.mark:
            return ""
        return gettext("%(change)s: %(reason)s") % {"change": self.label, "reason": self.reason} if self.reason else self.label

