"""Search documents kept on save: every venue's and event's search document (core.search) is
written when the row is saved, and again whenever a row it quotes changes: a place, a
highlight, a theme, a tour line, a bus route or the routes serving a venue, an event's venue.
Signal handlers, so every save path keeps them (the admin and its inlines, load_plan, the
editors' scheduled changes, the shell), inside the saving transaction: a search right after the
edit finds the new words and not the old ones, and a rolled-back save (a preview) leaves the
documents as they were.

The catch, as for the page cache (nightlife/cache.py): QuerySet.update(), bulk_create() and raw
SQL send no signal. Code that writes quoted rows that way calls rebuild() (benchmarks/generate).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from core.search import EVENT_READS, VENUE_READS, event_document, venue_document, write_documents
from events.models import Event, TourLine
from transit.models import Route, Serving
from venues.models import Highlight, Place, Theme, Venue


def write_venues(pks) -> int:
    """Write the documents of the venues `pks` (and only those that changed). Queries the database."""
    pks = {pk for pk in pks if pk is not None}
    return write_documents(Venue.objects.filter(pk__in=pks), venue_document, VENUE_READS) if pks else 0


def write_events(rows) -> int:
    """Write the documents of the events `rows` (a queryset). Queries the database."""
    return write_documents(rows, event_document, EVENT_READS)


def rebuild() -> tuple[int, int]:
    """Write every venue's and event's document; returns how many of each changed."""
    return (write_documents(Venue.objects.all(), venue_document, VENUE_READS),
            write_documents(Event.objects.all(), event_document, EVENT_READS))


# --- The rows themselves ----------------------------------------------------------------------

def _venue_saved(sender, instance, **kwargs):
    write_venues([instance.pk])
    write_events(Event.objects.filter(venue=instance))  # their documents quote the venue's names


def _event_saved(sender, instance, **kwargs):
    write_events(Event.objects.filter(pk=instance.pk))


# --- Rows a document quotes: each knows the parent(s) whose documents quote it ------------------

# A quoted row's parent before the save (an edit may move it to another parent: both change).
PARENT = {Place: "venue_id", Highlight: "venue_id", Serving: "venue_id", TourLine: "event_id"}


def _remember_parent(sender, instance, raw=False, **kwargs):
    field = PARENT[sender]
    instance._search_parent_before = (sender._base_manager.filter(pk=instance.pk).values_list(field, flat=True).first()
                                      if instance.pk is not None else None)


def _write_parents(sender, instance, **kwargs):
    parents = {getattr(instance, PARENT[sender]), getattr(instance, "_search_parent_before", None)}
    if sender is TourLine:
        write_events(Event.objects.filter(pk__in={pk for pk in parents if pk is not None}))
    else:
        write_venues(parents)
    if sender is Place:  # events held there name it
        write_events(Event.objects.filter(pk__in=getattr(instance, "_search_events", ())) | Event.objects.filter(place=instance))


def _remember_place_events(sender, instance, **kwargs):
    # Deleting a place empties its events' place before post_delete: remember them now.
    instance._search_events = list(Event.objects.filter(place=instance).values_list("pk", flat=True))


def _route_saved(sender, instance, **kwargs):
    write_venues(instance.servings.values_list("venue_id", flat=True))


def _remember_themed(sender, instance, **kwargs):
    instance._search_themed = (list(instance.venues.values_list("pk", flat=True)),
                               list(instance.events.values_list("pk", flat=True)))


def _theme_saved(sender, instance, **kwargs):
    write_venues(instance.venues.values_list("pk", flat=True))
    write_events(Event.objects.filter(themes=instance))


def _theme_deleted(sender, instance, **kwargs):
    venues, events = getattr(instance, "_search_themed", ((), ()))
    write_venues(venues)
    write_events(Event.objects.filter(pk__in=events))


def _themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A venue's or an event's themes set, added to or cleared; or a theme's venues or events."""
    model = Venue if sender is Venue.themes.through else Event
    if action == "pre_clear" and reverse:  # the rows are gone by post_clear: remember them
        instance._search_cleared = list(getattr(instance, model._meta.model_name + "s").values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        pks = [instance.pk]
    else:
        pks = pk_set if action != "post_clear" else getattr(instance, "_search_cleared", ())
    if model is Venue:
        write_venues(pks)
    else:
        write_events(Event.objects.filter(pk__in=pks))


def connect_signals() -> None:
    """Keep the documents on every save (nightlife.apps)."""
    uid = "nightlife.search_index."
    post_save.connect(_venue_saved, sender=Venue, dispatch_uid=uid + "venue")
    post_save.connect(_event_saved, sender=Event, dispatch_uid=uid + "event")
    for model in PARENT:
        name = model._meta.label_lower
        pre_save.connect(_remember_parent, sender=model, dispatch_uid=uid + "pre_save." + name)
        post_save.connect(_write_parents, sender=model, dispatch_uid=uid + "post_save." + name)
        post_delete.connect(_write_parents, sender=model, dispatch_uid=uid + "post_delete." + name)
    pre_delete.connect(_remember_place_events, sender=Place, dispatch_uid=uid + "pre_delete.place")
    post_save.connect(_route_saved, sender=Route, dispatch_uid=uid + "route")
    post_save.connect(_theme_saved, sender=Theme, dispatch_uid=uid + "theme")
    pre_delete.connect(_remember_themed, sender=Theme, dispatch_uid=uid + "pre_delete.theme")
    post_delete.connect(_theme_deleted, sender=Theme, dispatch_uid=uid + "post_delete.theme")
    for through in (Venue.themes.through, Event.themes.through):
        m2m_changed.connect(_themes_changed, sender=through, dispatch_uid=uid + "m2m." + through._meta.label_lower)
