"""Issue 20, finding 5: "which apps are public" has one definition (nightlife.public), read by the
database router (replica reads) and the page cache (a write makes cached pages old): for every
model they agree."""

from django.apps import apps

from events.models import Event
from nightlife import cache
from nightlife.db_router import REPLICA, PrimaryReplicaRouter, replica_reads
from transit.models import Serving
from venues.models import Venue


def test_the_router_and_the_page_cache_agree_on_every_model():
    router = PrimaryReplicaRouter()
    with replica_reads():
        disagree = [model._meta.label for model in apps.get_models()
                    if (router.db_for_read(model) == REPLICA) != cache._is_public(model)]
    assert disagree == []


def test_listings_are_public_and_the_sites_own_records_are_not():
    assert all(cache._is_public(model) for model in (Venue, Event, Serving, Venue.themes.through))
    private = {model._meta.label for model in apps.get_models() if not cache._is_public(model)}
    assert {"auth.User", "sessions.Session", "editors.ScheduledChange", "reversion.Version"} <= private
