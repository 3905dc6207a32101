"""Issue 20, "Proof of one answer": for every venue and event, of the plan and of generated data
with random changes (cancelled, moved, postponed, closures, sold out, edited last runs, edited
names), every surface gives the same answer at 19:30 on a night:

- a venue's last bus: its card on /venues/, its page's way back, `?bus_after=` membership, the
  API's list, detail and way back, the board (API and /transit/) and the home page's latest buses;
- an event's status that night: the home page, the events list's card, its page, the API's list,
  detail and tonight, and its tonight.ics (404 when it does not take place).

Through the test client, the page cache off; hypothesis draws the changes (25 examples)."""

import datetime as dt
import re
from html import unescape

import pytest
from django.core.cache import caches
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, given, settings as hypothesis_settings
from hypothesis import strategies as st

from core.nighttime import format_clock, sort_key
from events.models import Event, EventChangeKind, NightChangeKind, Offer, OfferAvailability
from tests.factories import (make_closure, make_event, make_event_change, make_night_change, make_offer, make_route,
                             make_serving, make_stop, make_venue)
from tests.reading import section, text
from transit.models import Serving
from venues.models import Venue

pytestmark = pytest.mark.django_db
NIGHT = dt.date(2026, 5, 8)
MOMENT = "2026-05-08 19:30"


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, f"{url}: {response.status_code}"
    return response


def html(client, url):
    return get(client, url).content.decode()


def zh_clock(value: str) -> str:
    with translation.override("zh-hans"):
        return format_clock(dt.time.fromisoformat(value))


def parse_zh_clock(shown: str) -> dt.time:
    """凌晨1:00 -> 01:00, 23:00 -> 23:00 (as format_clock writes them on Chinese pages)."""
    hours, minutes = shown.removeprefix("凌晨").split(":")
    return dt.time(int(hours), int(minutes))


def card(page, title):
    """The <article> whose title link reads `title`, or None."""
    marker = f">{title}</a></h3>"
    if marker not in page:
        return None
    start = page.rindex("<article", 0, page.index(marker))
    return page[start:page.index("</article>", start)]


def all_api(client, url):
    results = []
    while url:
        body = get(client, url).json()
        results += body["results"]
        url = body["next"]
    return results


# --- The venue's last bus --------------------------------------------------------------------------

def bus_of(last_bus):
    """(route name in Chinese, HH:MM) of an API last run, or None."""
    return None if last_bus is None else (last_bus["route"]["name"]["zh"], last_bus["last_run"])


def check_venues(client, only=None):
    venues_page = html(client, "/venues/")
    board = {(row["route"]["name"]["zh"], row["last_run"]) for row in all_api(client, "/api/v1/last-buses/?page_size=100")}
    listed = {venue["slug"]: venue for venue in all_api(client, "/api/v1/venues/?page_size=100")}
    for venue in Venue.objects.published():
        if only is not None and venue.pk not in only:
            continue
        expected = bus_of(listed[venue.slug]["last_bus"])
        # The API's detail and way back.
        assert bus_of(get(client, f"/api/v1/venues/{venue.slug}/").json()["last_bus"]) == expected, venue.slug
        back = get(client, f"/api/v1/venues/{venue.slug}/way-back").json()
        runs = back["runs"] + [run for departure in back["departures"] for run in departure["runs"]]
        latest = max(runs, key=lambda run: sort_key(dt.time.fromisoformat(run["last_run"])), default=None)
        assert (latest and latest["last_run"]) == (expected and expected[1]), venue.slug
        # The card on /venues/ (the plan's ten and at most two more: one page).
        shown = text(section(card(venues_page, venue.name), '<p class="card-bus">', "</p>"))
        if expected is None:
            assert "末班公交未公布" in shown, venue.slug
        else:
            assert shown.startswith(expected[0]) and zh_clock(expected[1]) in shown, (venue.slug, shown, expected)
        # Its page's way back: the latest time shown is the same.
        page = section(html(client, venue.get_absolute_url()), 'class="panel way-back"')
        times = [parse_zh_clock(shown) for shown in re.findall(r"<strong>((?:凌晨)?\d{1,2}:\d\d)</strong>", page)]
        page_latest = max(times, key=sort_key, default=None)
        assert (page_latest and page_latest.strftime("%H:%M")) == (expected and expected[1]), venue.slug
        # ?bus_after=: kept at its latest time, left out a minute later (and with none, at 06:00).
        if expected is None:
            assert venue.slug not in slugs(client, "/api/v1/venues/?bus_after=06:00&page_size=100")
        else:
            assert venue.slug in slugs(client, f"/api/v1/venues/?bus_after={expected[1]}&page_size=100")
            assert card(html(client, f"/venues/?bus_after={expected[1]}"), venue.name), venue.slug
            later = (dt.datetime.combine(NIGHT, dt.time.fromisoformat(expected[1])) + dt.timedelta(minutes=1)).time()
            if later != dt.time(6, 0):
                assert venue.slug not in slugs(client, f"/api/v1/venues/?bus_after={later:%H:%M}&page_size=100")
            # The board lists that run (under the venue whose route it is).
            assert expected in board, (venue.slug, expected)
    # The home page's latest buses are the board's first rows, on the page and in the API.
    home = section(html(client, "/"), 'id="buses-title"')
    home_rows = re.findall(r'class="route-badge" href="[^"]*">([^<]*)</a>.*?<strong class="time">([^<]*)</strong>',
                           home, flags=re.S)
    tonight_rows = get(client, "/api/v1/tonight/").json()["last_buses"]["results"]
    assert [(unescape(route), parse_zh_clock(time).strftime("%H:%M")) for route, time in home_rows] == [
        (row["route"]["name"]["zh"], row["last_run"]) for row in tonight_rows]


def slugs(client, url):
    return {venue["slug"] for venue in all_api(client, url)}


# --- An event's status on the night ------------------------------------------------------------------

def marked(event_card, label):
    """The card says the night's mark (`label`), or, as planned (no label), says no change."""
    return label in text(event_card) if label else "card-change" not in event_card


def check_events(client, only=None):
    home = html(client, "/")
    events_page = html(client, "/events/")
    night_page = html(client, f"/events/?date={NIGHT.isoformat()}")
    api_tonight = get(client, "/api/v1/tonight/").json()
    on_tonight = {event["slug"]: event for key in ("features", "specials") for event in api_tonight[key]["results"]}
    listed = {event["slug"]: event for event in all_api(client, "/api/v1/events/?page_size=100")}
    scheduled = set(Event.objects.published().scheduled_on(NIGHT).values_list("slug", flat=True))
    for event in Event.objects.published().for_listing(NIGHT):
        if only is not None and event.pk not in only:
            continue
        status = event.status_on(NIGHT)
        detail = get(client, f"/api/v1/events/{event.slug}/").json()["tonight"]
        assert detail["mark"] == (status.mark or None), event.slug
        assert detail["happens"] is (not status.is_off), event.slug
        assert listed[event.slug]["tonight"] == detail, event.slug
        with translation.override("zh-hans"):
            label = status.label
        # Its card on /events/ (one page: the plan's ten and at most two more) and its page.
        listed_card = card(events_page, event.name)
        assert listed_card is not None, event.slug
        assert marked(listed_card, label), (event.slug, label)
        assert (f"change-{status.mark}" in html(client, event.get_absolute_url())) is bool(status.mark), event.slug
        # The night's list (?date=): the events scheduled that night, each marked as it is.
        night_card = card(night_page, event.name)
        assert (night_card is not None) is (event.slug in scheduled), event.slug
        assert night_card is None or marked(night_card, label), event.slug
        # Tonight: the home page and the API keep a scheduled event, marked as it is.
        if event.slug in scheduled and event.is_nightly:
            home_card = card(home, event.name)  # a feature, or a broadcast in its own section
            assert home_card is not None, event.slug
            assert marked(home_card, label), (event.slug, label)
            assert (on_tonight[event.slug]["change"] or {}).get("mark") == (status.mark or None), event.slug
        # Its calendar for tonight: none when it does not take place.
        ics = client.get(f"/events/{event.slug}/tonight.ics")
        if status.is_off:
            assert ics.status_code == 404, event.slug
        if ics.status_code == 200:
            assert not status.is_off


def check_offers(client):
    for offer in Offer.objects.visible().select_related("event"):
        if offer.shown_state(NIGHT) == OfferAvailability.SOLD_OUT:
            offers = section(html(client, offer.event.get_absolute_url()), 'id="offers"')
            assert "已售罄" in offers and offer.availability_reason in offers
            [api] = [item for item in get(client, f"/api/v1/events/{offer.event.slug}/").json()["offers"]
                     if item["name"]["zh"] == offer.name]
            assert api["availability_reason"]["zh"] == offer.availability_reason


def check_everything(client, venues=None, events=None):
    """Every surface, for every venue and event (or only those given: the ones changes touched)."""
    check_venues(client, venues)
    check_events(client, events)
    check_offers(client)


@pytest.fixture
def one_moment(plan, at, settings):
    settings.PAGE_CACHE_SECONDS = 0
    at(MOMENT)


def test_every_surface_gives_the_plans_answers(client, one_moment):
    check_everything(client)


# --- Generated data with random changes -----------------------------------------------------------

TIMES = st.sampled_from([dt.time(21, 10), dt.time(22, 40), dt.time(23, 0), dt.time(23, 30), dt.time(0, 30),
                         dt.time(1, 0), dt.time(5, 59), dt.time(6, 0), dt.time(19, 0)])
CHANGES = st.sampled_from(["none", "cancel", "move", "postpone", "closure"])


def edit_last_run(serving, last_run):
    """As the admin saves it: the plan's value kept, the day of the change recorded."""
    before = {"last_run": serving.last_run}
    serving.last_run = last_run
    serving.note_edit(before)
    serving.save()


def change_event(event, change, night):
    if change == "cancel":
        make_night_change(event, night, reason="临时取消", reason_en="Called off")
    elif change == "move":
        make_night_change(event, night, NightChangeKind.MOVED, starts_at=dt.time(0, 30), reason="改时", reason_en="")
    elif change == "postpone":
        make_event_change(event, EventChangeKind.POSTPONED)
    elif change == "closure" and event.venue is not None:
        make_closure(event.venue, night)


@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_surface_gives_one_answer_after_random_changes(client, one_moment, data):
    caches["default"].clear()
    with transaction.atomic():
        # Up to two more venues, each with routes (a run passing or leaving from a stop, or none),
        # one of them with a stop bearing its name that another's route leaves from.
        venues = [make_venue(name=f"新场所{i}", name_en=f"New venue {i}")
                  for i in range(data.draw(st.integers(1, 2), label="venues"))]
        stop = make_stop(name="新场所0", name_en="New Venue Zero", venue=venues[0]) \
            if data.draw(st.booleans(), label="stop at venue 0") else None
        for venue in venues:
            for _ in range(data.draw(st.integers(0, 2), label="routes")):
                last_run = data.draw(st.none() | TIMES, label="last run")
                departs = last_run is not None and stop is not None and venue is not venues[0] \
                    and data.draw(st.booleans(), label="departs")
                make_serving(venue, make_route(), last_run=last_run, stop=stop if departs else None)
        touched_venues, touched_events = {venue.pk for venue in venues}, set()
        # Edited last runs and names of the plan's rows, as editors make them.
        for serving in data.draw(st.lists(st.sampled_from(list(Serving.objects.filter(last_run__isnull=False)
                                                               .order_by("pk"))), max_size=2, unique=True),
                                 label="edited runs"):
            edit_last_run(serving, data.draw(TIMES, label="edited to"))
            touched_venues.add(serving.venue_id)
            if serving.last_run_stop and serving.last_run_stop.venue_id:
                touched_venues.add(serving.last_run_stop.venue_id)
        if data.draw(st.booleans(), label="rename"):
            venue = Venue.objects.get(slug="luoyi-gucheng")
            venue.name = "洛邑古城（新名）"
            venue.save()
            touched_venues.add(venue.pk)
        # A new event at a new venue, and random changes of the night to the plan's and it.
        touched_events.add(make_event(slug="new-show", name="新演出", venue=venues[-1]).pk)
        events = list(Event.objects.published().nightly().order_by("pk"))
        for event in data.draw(st.lists(st.sampled_from(events), max_size=3, unique=True), label="changed"):
            change_event(event, data.draw(CHANGES, label="change"), NIGHT)
            touched_events.add(event.pk)
            if event.venue_id:  # a closure reaches every event there
                touched_events.update(Event.objects.filter(venue=event.venue_id).values_list("pk", flat=True))
        if data.draw(st.booleans(), label="sold out"):
            make_offer(Event.objects.get(slug="jiuzhouchi-chishang-fanhua"), first_day=NIGHT, last_day=NIGHT,
                       availability=OfferAvailability.SOLD_OUT, availability_reason="已抢光", name="新优惠")
        check_everything(client, touched_venues, touched_events)
        transaction.set_rollback(True)
