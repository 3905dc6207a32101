"""What the API says about each thing: both languages, slugs, absolute addresses, times of night.

Every serializer reads rows the view has already loaded (no queries) and, from its context,
`addresses` (api.addresses.Addresses), `now` and `night` (the night in progress at `now`), so one
response speaks of one moment. Editors' fields (status, publish window, source, plan keys,
search keys, positions) are never named here, so they never leave the server.
"""

from types import SimpleNamespace

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.nighttime import moment_on_night
from events.models import EventKind, Mark, OfferAvailability, OfferState
from transit import wayback
from transit.models import LastRunKind
from venues.models import VenueKind

CLOCK = {"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9]$", "example": "01:00",
         "description": "A clock time of the night (HH:MM); the night runs 06:00-05:59, so 01:00 is after 23:00."}
URI = {"type": "string", "format": "uri"}


# --- Building blocks ---------------------------------------------------------------------------

class Name(serializers.Serializer):
    zh = serializers.CharField(help_text="Chinese, as published.")
    en = serializers.CharField(allow_null=True, help_text="English; null where none is written yet (show zh).")


class Text(serializers.Serializer):
    zh = serializers.CharField(allow_null=True, help_text="Chinese; null where none is written.")
    en = serializers.CharField(allow_null=True, help_text="English; null where none is written yet (show zh).")


class PageAddresses(serializers.Serializer):
    zh = serializers.URLField(help_text="The public page in Chinese.")
    en = serializers.URLField(help_text="The public page in English (/en/...).")


class BilingualField(serializers.Field):
    """{"zh": ..., "en": ...} from a Bilingual model's field and its `_en` twin; an unwritten
    side is null, and so is the whole object with `allow_null` when neither is written."""

    def __init__(self, base: str | None = None, **kwargs):
        self.base = base
        super().__init__(source="*", read_only=True, **kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.base = self.base or field_name

    def to_representation(self, obj):
        zh, en = getattr(obj, self.base) or None, getattr(obj, f"{self.base}_en", "") or None
        if zh is None and en is None and self.allow_null:
            return None
        return {"zh": zh, "en": en}


@extend_schema_field(Name)
class NameField(BilingualField):
    pass


@extend_schema_field(Text)
class TextField(BilingualField):
    def __init__(self, base: str | None = None, **kwargs):
        super().__init__(base, allow_null=True, **kwargs)


@extend_schema_field(CLOCK)
class ClockField(serializers.Field):
    """A time of night as the plan gives it, "01:00" (never 25:00); null where not published."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value.strftime("%H:%M")


@extend_schema_field(PageAddresses)
class PagesField(serializers.Field):
    """The absolute addresses of an object's public page in both languages (from its slug)."""

    def __init__(self, viewname: str, **kwargs):
        self.viewname = viewname
        super().__init__(source="slug", read_only=True, **kwargs)

    def to_representation(self, slug):
        return self.context["addresses"].pages(self.viewname, slug)


@extend_schema_field(URI)
class ApiAddressField(serializers.Field):
    """The absolute address of an API resource named by the object's slug."""

    def __init__(self, viewname: str, **kwargs):
        self.viewname = viewname
        super().__init__(source="slug", read_only=True, **kwargs)

    def to_representation(self, slug):
        return self.context["addresses"].api(self.viewname, slug)


def tonight_moment(context, clock, *, end: bool = False) -> str | None:
    """`clock` on the response's night as an ISO 8601 moment in Asia/Shanghai: 01:00 on the
    night of 1 December is 2026-12-02T01:00:00+08:00 (core.nighttime.moment_on_night)."""
    if clock is None:
        return None
    return moment_on_night(context["night"], clock, end=end).isoformat()


# --- References ----------------------------------------------------------------------------------

class ThemeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = NameField()


class RouteRefSerializer(serializers.Serializer):
    slug = serializers.SlugField(help_text="The route number as used in addresses: 9, v8.")
    name = NameField()
    url = PagesField("transit:detail")
    api_url = ApiAddressField("route")


class RouteSerializer(RouteRefSerializer):
    venues_url = serializers.SerializerMethodField()

    @extend_schema_field(URI)
    def get_venues_url(self, route) -> str:
        """The venues it serves, each with its last runs: the venue list filtered by route."""
        return self.context["addresses"].named("api:venues", route=route.slug)


class StopSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = NameField()


class VenueRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = NameField()
    url = PagesField("venues:detail")
    api_url = ApiAddressField("venue")


class EventRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = NameField()
    kind = serializers.ChoiceField(choices=EventKind.choices)
    url = PagesField("events:detail")
    api_url = ApiAddressField("event")


class PlaceSerializer(serializers.Serializer):
    name = NameField()


class HighlightSerializer(serializers.Serializer):
    name = NameField()
    description = TextField()


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    webp = serializers.SerializerMethodField()
    jpeg = serializers.SerializerMethodField()

    @extend_schema_field(URI)
    def get_webp(self, rendition) -> str:
        return self.context["addresses"].media(rendition["webp"])

    @extend_schema_field(URI)
    def get_jpeg(self, rendition) -> str:
        return self.context["addresses"].media(rendition["jpeg"])


class PhotoSerializer(serializers.Serializer):
    alt = NameField(help_text="What the photo shows, for people who cannot see it.")
    credit = serializers.CharField(allow_null=True, help_text="Photographer or source; null where not given.")
    renditions = RenditionSerializer(many=True, help_text="Narrowest first (480, 640, 960 px wide, or fewer "
                                                          "for a smaller photo), each in WebP and JPEG.")

    def to_representation(self, photo):
        data = super().to_representation(photo)
        data["credit"] = data["credit"] or None
        return data


class ProvenanceSerializer(serializers.Serializer):
    """Where a value comes from (core.provenance.PlanRecord.provenance), as pages mark it."""

    origin = serializers.ChoiceField(choices=["plan", "updated", "editors"],
                                     help_text="plan: as the plan gives it; updated: an editor changed it "
                                               "since (pages mark it); editors: added by the site's editors.")
    updated_on = serializers.DateField(allow_null=True, help_text="The day of the editor's change; null otherwise.")


class LastRunSerializer(serializers.Serializer):
    """A route serving a venue with its published last run, as the plan gives it or as an editor
    updated it (`provenance`)."""

    route = RouteRefSerializer()
    last_run = ClockField(help_text="The last run of the night; null where the plan publishes none.")
    kind = serializers.ChoiceField(source="last_run_kind", choices=LastRunKind.choices, allow_null=True,
                                   help_text="passes: the latest a bus passes here; departs: the last "
                                             "departure from `stop`. Null without a last run.")
    stop = StopSerializer(source="last_run_stop", allow_null=True)
    provenance = ProvenanceSerializer()

    def to_representation(self, serving):
        data = super().to_representation(serving)
        data["kind"] = data["kind"] or None
        return data


class LastBusSerializer(LastRunSerializer):
    """The latest published bus of a venue's way back (transit.wayback.WayBack.latest): a route
    passing here, or a departure from a stop (one bearing the venue's name, or one a walk away)."""

    serves = VenueRefSerializer(source="venue", help_text="The venue the plan lists this run for.")
    walk_to_stop = serializers.BooleanField(
        help_text="True: it leaves from `stop`, a stop not at this venue (walk there first).")

    def to_representation(self, run):
        data = LastRunSerializer(run.serving, context=self.context).data
        data["serves"] = VenueRefSerializer(run.serving.venue, context=self.context).data
        data["walk_to_stop"] = run.walk_to is not None
        return data


@extend_schema_field(LastBusSerializer(allow_null=True))
class LastBusField(serializers.Field):
    """A venue's latest published bus, loaded by transit.models.way_back(); null where none."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, venue):
        latest = wayback.way_back(venue.routes_latest_first, stops=venue.stops.all(), now=self.context["now"]).latest
        return None if latest is None else LastBusSerializer(latest, context=self.context).data


# --- Venues ------------------------------------------------------------------------------------

class HoursSerializer(serializers.Serializer):
    published = serializers.BooleanField(source="has_published_hours",
                                         help_text="False: the plan publishes no hours for this venue.")
    open_all_day = serializers.BooleanField()
    opens_at = ClockField()
    closes_at = ClockField(help_text="May be after midnight (02:00); 06:00 closes the night.")
    note = TextField("hours_note")


class VenueSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = NameField()
    kind = serializers.ChoiceField(choices=VenueKind.choices)
    is_quarter = serializers.BooleanField(help_text="One of the plan's eight night quarters.")
    slogan = TextField()
    description = TextField()
    themes = ThemeSerializer(many=True, source="themes.all")
    hours = HoursSerializer(source="*")
    last_runs = serializers.SerializerMethodField()
    last_bus = LastBusField(help_text="The latest published bus of the way back: a route serving it or "
                                      "a departure from a stop bearing its name; null where the plan "
                                      "publishes none. The same as the page's card and `bus_after`.")
    photos = PhotoSerializer(many=True, source="photo_list")
    url = PagesField("venues:detail")
    api_url = ApiAddressField("venue")
    way_back_url = ApiAddressField("venue-way-back")
    updated_at = serializers.DateTimeField()
    provenance = ProvenanceSerializer(help_text="Where its facts come from: the plan, the plan with an "
                                                "editor's change since (the page lists which), or the "
                                                "site's editors.")

    @extend_schema_field(LastRunSerializer(many=True))
    def get_last_runs(self, venue):
        """Published last runs of the routes serving it, latest first through the night."""
        runs = [serving for serving in venue.routes_latest_first if serving.last_run is not None]
        return LastRunSerializer(runs, many=True, context=self.context).data


class PlanEditionSerializer(serializers.Serializer):
    """The edition of the published plan a listing's facts come from."""

    name = NameField(help_text="The edition, as the plan names it: 2020年5月 / May 2020.")
    published = serializers.CharField(help_text="YYYY-MM-DD, or YYYY-MM where only the month is known.")
    publication = TextField(help_text="The newspaper it was published in.")
    page = serializers.CharField(allow_null=True, help_text="The newspaper's page; null where not known.")

    def to_representation(self, edition):
        data = super().to_representation(edition)
        data["page"] = data["page"] or None
        return data


@extend_schema_field(PlanEditionSerializer(allow_null=True))
class PlanSourceField(serializers.Field):
    """The plan edition a listing's facts come from; null for facts our editors gathered (its
    page then says so). A fact an editor changed since is not the edition's (see the page)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, allow_null=True, **kwargs)

    def to_representation(self, listing):
        if not listing.from_plan or listing.plan_edition is None:
            return None
        return PlanEditionSerializer(listing.plan_edition, context=self.context).data


class VenueDetailSerializer(VenueSerializer):
    last_runs = None
    plan_edition = PlanSourceField()
    routes_are_partial = serializers.BooleanField(
        help_text="The plan's route list ends with 等 (and others): more routes may serve it.")
    routes = LastRunSerializer(many=True, source="routes_latest_first",
                               help_text="Every listed route, latest published last run first, "
                                         "then those without one.")
    places = PlaceSerializer(many=True, source="places.all")
    highlights = HighlightSerializer(many=True, source="highlights.all")
    events = EventRefSerializer(many=True, source="events.all")


# --- Events ------------------------------------------------------------------------------------

class OfferSerializer(serializers.Serializer):
    name = NameField()
    description = TextField()
    price = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True,
                                     help_text="In yuan, as a decimal string; null where not published.")
    quantity = serializers.IntegerField(allow_null=True, help_text="Number available; null where not published.")
    channel = TextField(help_text="Where it is sold.")
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    state = serializers.SerializerMethodField()
    availability = serializers.ChoiceField(choices=OfferAvailability.choices,
                                           help_text="Sold out or withdrawn where an editor says so.")
    availability_reason = TextField(help_text="Why it is sold out or withdrawn; null while on sale.")

    def to_representation(self, offer):
        data = super().to_representation(offer)
        if offer.availability == OfferAvailability.ON_SALE:
            data["availability_reason"] = None  # a reason left from an earlier sell-out says nothing now
        return data

    @extend_schema_field(serializers.ChoiceField(choices=OfferState.choices))
    def get_state(self, offer) -> str:
        """Upcoming, running or ended on the response's night (by its days; see availability)."""
        return offer.state_on(self.context["night"])


class TonightOfferSerializer(OfferSerializer):
    event = EventRefSerializer()


class EventVenueSerializer(serializers.Serializer):
    """The schema of an event's venue: a draft venue has only its name."""

    slug = serializers.SlugField(allow_null=True, help_text="Null while the venue is not public.")
    name = NameField()
    url = PageAddresses(allow_null=True)
    api_url = serializers.URLField(allow_null=True)


@extend_schema_field(EventVenueSerializer(allow_null=True))
class VisibleVenueField(serializers.Field):
    """An event's venue. One that visitors cannot see (a draft) is named without its slug and
    addresses, as the event's page names it without a link. Null for broadcast programmes."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, venue):
        if venue.is_published_at(self.context["now"]):
            return VenueRefSerializer(venue, context=self.context).data
        return {"slug": None, "name": NameField("name").to_representation(venue), "url": None, "api_url": None}


class ReplacedSerializer(serializers.Serializer):
    starts_at = ClockField(help_text="The plan's start time.")
    venue = serializers.SlugField(allow_null=True, help_text="The plan's venue (its slug); null where none "
                                                             "or not public.")


class NightStatusSerializer(serializers.Serializer):
    """An event on the response's night, as every page shows it (events.models.Event.status_on)."""

    night = serializers.DateField(help_text="The night (06:00-05:59) this speaks of.")
    happens = serializers.BooleanField(help_text="False: cancelled, postponed or its venue closed that night.")
    mark = serializers.ChoiceField(choices=Mark.choices, allow_null=True,
                                   help_text="Null as planned; else cancelled-night, closed, cancelled, "
                                             "postponed, moved, new-time, extra or rescheduled.")
    reason = Text(allow_null=True, help_text="Why, as announced; null as planned.")
    starts_at = ClockField(help_text="That night's start (a moved start); null where not published.")
    replaced = ReplacedSerializer(allow_null=True, help_text="What the plan said, where a change replaced "
                                                             "it; null as planned.")


@extend_schema_field(NightStatusSerializer)
class NightStatusField(serializers.Field):
    """The event's status on the response's night; rows preloaded by for_listing(night), no query."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, event):
        status = event.status_on(self.context["night"])
        venue = event.venue
        replaced = None
        if status.mark:
            shown = venue is not None and venue.is_published_at(self.context["now"])
            replaced = {"starts_at": ClockField().to_representation(event.starts_at) if event.starts_at else None,
                        "venue": venue.slug if shown else None}
        return {"night": status.night.isoformat(), "happens": not status.is_off, "mark": status.mark or None,
                "reason": TextField("reason").to_representation(status.notice) if status.notice else None,
                "starts_at": status.starts_at.strftime("%H:%M") if status.starts_at else None,
                "replaced": replaced}


class EventSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = NameField()
    kind = serializers.ChoiceField(choices=EventKind.choices)
    description = TextField()
    channel = TextField(help_text="Where a programme is broadcast, or an online platform.")
    venue = VisibleVenueField()
    place = PlaceSerializer(allow_null=True)
    themes = ThemeSerializer(many=True, source="themes.all")
    starts_at = ClockField()
    ends_at = ClockField(help_text="May be after midnight; null where not published.")
    all_day = serializers.BooleanField()
    first_night = serializers.DateField(allow_null=True, help_text="Null: running since before the site existed.")
    last_night = serializers.DateField(allow_null=True, help_text="Null: every night, no published end.")
    state = serializers.SerializerMethodField()
    tonight = NightStatusField(help_text="Its status on the response's night, as the pages show it: "
                                         "a feature cancelled tonight stays listed, marked.")
    photos = PhotoSerializer(many=True, source="photo_list")
    url = PagesField("events:detail")
    ics = serializers.SerializerMethodField()
    api_url = ApiAddressField("event")
    way_back_url = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()
    provenance = ProvenanceSerializer(help_text="Where its facts come from: the plan, the plan with an "
                                                "editor's change since (the page lists which), or the "
                                                "site's editors.")

    @extend_schema_field(serializers.ChoiceField(choices=OfferState.choices, allow_null=True))
    def get_state(self, event):
        """Event.dated_state at the response's moment; null for an event without dates."""
        state = event.dated_state(self.context["now"])
        return None if state is None else state.value

    @extend_schema_field(URI)
    def get_ics(self, event) -> str:
        return self.context["addresses"].url("events:ics", event.slug)

    @extend_schema_field({**URI, "nullable": True})
    def get_way_back_url(self, event):
        return self.context["addresses"].api("event-way-back", event.slug) if event.venue_id else None


class EventDetailSerializer(EventSerializer):
    plan_edition = PlanSourceField()
    tour_lines = HighlightSerializer(many=True, source="tour_lines.all")
    offers = OfferSerializer(many=True, source="offers.all")


class ChangeSerializer(serializers.Serializer):
    """What an editor changed of tonight (events.models.NightStatus), where it is not as planned."""

    mark = serializers.ChoiceField(choices=Mark.choices, help_text="cancelled-night, closed, cancelled, postponed, "
                                                                   "moved, new-time, extra or rescheduled.")
    reason = serializers.SerializerMethodField()
    announced_at = serializers.DateTimeField(source="notice.announced_at", allow_null=True)
    venue = VisibleVenueField(help_text="Tonight's venue (where a move changed it).")
    place = PlaceSerializer(allow_null=True, help_text="Tonight's place in it.")

    @extend_schema_field(Text(allow_null=True))
    def get_reason(self, status):
        """Why, as announced."""
        return TextField("reason").to_representation(status.notice) if status.notice else None


class TonightEventSerializer(EventSerializer):
    """An event running tonight, with the editors' changes of tonight (Event.status_on): its
    moments tonight follow a moved start."""

    starts = serializers.SerializerMethodField()
    ends = serializers.SerializerMethodField()
    change = serializers.SerializerMethodField()

    def to_representation(self, event):
        self.status = event.status_on(self.context["night"])  # no query: for_listing(night) preloads
        return super().to_representation(event)

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True,
                          "example": "2026-12-01T20:00:00+08:00"})
    def get_starts(self, event):
        """Tonight's start as a moment; null for all-day events and where no time is published."""
        return tonight_moment(self.context, self.status.starts_at)

    @extend_schema_field({"type": "string", "format": "date-time", "nullable": True})
    def get_ends(self, event):
        """Tonight's end as a moment; null where none is published (or a move passed it)."""
        return tonight_moment(self.context, self.status.ends_at, end=True)

    @extend_schema_field(ChangeSerializer(allow_null=True))
    def get_change(self, event):
        """Null as planned."""
        return ChangeSerializer(self.status, context=self.context).data if self.status.mark else None


# --- Tonight's buses -----------------------------------------------------------------------------

class RunSerializer(serializers.Serializer):
    """A published last run seen from the response's moment (transit.wayback.Run)."""

    route = RouteRefSerializer(source="serving.route")
    last_run = ClockField(source="serving.last_run")
    night = serializers.SerializerMethodField()
    last_run_at = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(source="serving.last_run_kind", choices=LastRunKind.choices)
    stop = StopSerializer(source="serving.last_run_stop", allow_null=True)
    minutes_left = serializers.IntegerField(allow_null=True, min_value=0,
                                            help_text="Minutes until it runs; 0: due now; null: gone tonight.")
    gone = serializers.BooleanField()
    provenance = ProvenanceSerializer(source="serving.provenance")

    @extend_schema_field({"type": "string", "format": "date", "example": "2026-12-01"})
    def get_night(self, run) -> str:
        """The night (06:00-05:59) this run belongs to."""
        return self.context["night"].isoformat()

    @extend_schema_field({"type": "string", "format": "date-time", "example": "2026-12-02T01:00:00+08:00"})
    def get_last_run_at(self, run) -> str:
        """The last run on the response's night as a moment: 01:00 is the next calendar day."""
        return tonight_moment(self.context, run.serving.last_run)


class DepartureRunSerializer(RunSerializer):
    venue = VenueRefSerializer(source="serving.venue", help_text="The venue this route serves from that stop.")


class DepartureSerializer(serializers.Serializer):
    stop = StopSerializer()
    runs = DepartureRunSerializer(many=True)


class BoardRowSerializer(RunSerializer):
    """One line of the last-bus board (transit.wayback.BoardRow): a route's last run and the
    venues it applies to at that time."""

    venues = VenueRefSerializer(many=True)

    def to_representation(self, row):
        run = row.run
        data = super().to_representation(SimpleNamespace(serving=run.serving, minutes_left=run.minutes_left,
                                                          gone=run.gone, venues=row.venues))
        if row.updated_on:  # any of the row's runs an editor changed, as the board marks it
            data["provenance"] = {"origin": "updated", "updated_on": row.updated_on.isoformat()}
        return data


class WayBackSerializer(serializers.Serializer):
    """transit.wayback.WayBack seen from `at`, on its night."""

    night = serializers.DateField(help_text="The night (06:00-05:59) of `at`.")
    at = serializers.DateTimeField(help_text="The moment the way back is seen from.")
    routes_are_partial = serializers.BooleanField(
        help_text="The plan's route list ends with 等 (and others): more routes may serve it.")
    runs = RunSerializer(many=True, help_text="Published last runs of the routes serving here, latest first.")
    unknown = RouteRefSerializer(many=True, help_text="Routes serving here whose last run is not published.")
    departures = DepartureSerializer(many=True, help_text="Departures from stops named after the venue.")
    all_gone = serializers.BooleanField(help_text="There were published runs and every one has gone.")
    changes_at = serializers.DateTimeField(help_text="When what this says next changes.")


class VenueWayBackSerializer(WayBackSerializer):
    venue = VenueRefSerializer()


class EventWayBackSerializer(WayBackSerializer):
    event = EventRefSerializer()
    venue = VisibleVenueField()
    ends_at = ClockField(help_text="The event's published end; null where none is published.")
    after_end = RunSerializer(many=True, help_text="Runs leaving after the event's published end.")
