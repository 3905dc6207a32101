"""The listings as a plan: the records the plan loader knows (rows with a plan key), in the
plan file's form, so that next year's edition starts from this year's and loading the export
back finds nothing to do. Rows editors added (no plan key) are not the plan's and are left out."""

from __future__ import annotations

from typing import Any

from core.provenance import NOT_FACTS, _plain
from events.models import Event, Offer, TourLine
from nightlife.plan import EDITION_FIELDS
from transit.models import Route, Serving, Stop
from venues.models import Highlight, Place, PlanEdition, Theme, Venue

# The fields a plan file gives for each kind (the loader's), in the file's order.
SKIP = (NOT_FACTS - {"slug", "position", "status", "source"}) | {"id", "search_key", "updated_at", "latitude",
                                                                   "longitude", "coordinate_system", "plan_edition"}


def _values(row, *, drop=()) -> dict[str, Any]:
    values = {"plan_key": row.plan_key}
    for model_field in row._meta.concrete_fields:
        name = model_field.name
        if name in SKIP or name in drop or model_field.is_relation or name == "plan_key":
            continue
        values[name] = _plain(getattr(row, name))
        if values[name] is not None and name in ("last_run", "starts_at", "ends_at", "opens_at", "closes_at"):
            values[name] = values[name][:5]  # "01:00", as people write it
    return values


def current_plan() -> dict[str, Any]:
    """The plan records in the database as a plan file's data. Queries once per kind."""
    latest = PlanEdition.objects.order_by("-loaded_at", "-pk").first()
    source = {key: getattr(latest, name) for key, name in EDITION_FIELDS.items()} if latest else {}
    source = {key: value for key, value in source.items() if value}
    keyed = lambda model: model.objects.filter(plan_key__isnull=False)  # noqa: E731
    themes = list(keyed(Theme).order_by("position", "pk"))
    slug = {("theme", t.pk): t.slug for t in themes}
    venues = list(keyed(Venue).prefetch_related("themes").order_by("position", "pk"))
    places = {}
    for place in keyed(Place).order_by("venue", "position", "pk"):
        places.setdefault(place.venue_id, []).append(place)
    highlights = {}
    for highlight in keyed(Highlight).order_by("venue", "position", "pk"):
        highlights.setdefault(highlight.venue_id, []).append(highlight)
    venue_slug = {v.pk: v.slug for v in venues}
    data = {"source": source, "themes": [_values(t) for t in themes], "venues": []}
    for venue in venues:
        values = _values(venue, drop=("status", "source", "publish_from", "publish_until"))
        values["themes"] = [slug.get(("theme", t.pk)) for t in venue.themes.all() if t.plan_key]
        values["places"] = [_values(p) for p in places.get(venue.pk, [])]
        values["highlights"] = [_values(h) for h in highlights.get(venue.pk, [])]
        data["venues"].append(values)
    routes = list(keyed(Route).order_by("sort_group", "sort_number", "name"))
    route_slug = {r.pk: r.slug for r in routes}
    data["routes"] = [_values(r, drop=("sort_group", "sort_number")) for r in routes]
    stops = list(keyed(Stop).order_by("slug"))
    stop_slug = {s.pk: s.slug for s in stops}
    data["stops"] = [{**_values(s), "venue": venue_slug.get(s.venue_id)} for s in stops]
    data["servings"] = [{**_values(s), "venue": venue_slug.get(s.venue_id), "route": route_slug.get(s.route_id),
                         "last_run_stop": stop_slug.get(s.last_run_stop_id)}
                        for s in keyed(Serving).order_by("venue__position", "position", "pk")]
    place_name = {p.pk: p.name for rows in places.values() for p in rows}
    tour_lines, offers = {}, {}
    for line in keyed(TourLine).order_by("event", "position", "pk"):
        tour_lines.setdefault(line.event_id, []).append(line)
    for offer in keyed(Offer).order_by("event", "pk"):
        offers.setdefault(offer.event_id, []).append(offer)
    data["events"] = []
    for event in keyed(Event).prefetch_related("themes").order_by("position", "pk"):
        values = _values(event, drop=("status", "source", "publish_from", "publish_until"))
        values.update(venue=venue_slug.get(event.venue_id), place=place_name.get(event.place_id),
                      themes=[slug.get(("theme", t.pk)) for t in event.themes.all() if t.plan_key])
        values["tour_lines"] = [_values(t) for t in tour_lines.get(event.pk, [])]
        values["offers"] = [_values(o, drop=("status", "source", "publish_from", "publish_until"))
                            for o in offers.get(event.pk, [])]
        data["events"].append(values)
    return data
