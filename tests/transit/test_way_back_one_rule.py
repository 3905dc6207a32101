"""Issue 20, finding 1: a venue's way back is one rule (the routes that serve it and the
departures from a stop bearing its name, latest first), and every surface reads it. 龙门石窟 has
no route of its own in the plan; 53路's last departure from the 龙门石窟 stop is at 23:00."""

import pytest

from tests.reading import card_titles, page, text

pytestmark = pytest.mark.django_db
LONGMEN = "龙门石窟"


def card_of(html, title):
    start = html.rindex("<article", 0, html.index(f">{title}</a>"))
    return html[start:html.index("</article>", start)]


def test_the_card_on_venues_gives_the_departure_the_page_gives(client, plan, tonight_2026):
    card = text(card_of(page(client, "/venues/"), LONGMEN))
    assert "53路" in card and "23:00" in card
    assert "末班公交未公布" not in card
    detail = text(page(client, "/venues/longmen-shiku/"))
    assert "53路" in detail and "23:00" in detail


def test_bus_after_keeps_a_venue_reached_by_a_departure_from_its_stop(client, plan, tonight_2026):
    assert LONGMEN in card_titles(page(client, "/venues/?bus_after=22:00"))
    assert LONGMEN in card_titles(page(client, "/venues/?bus_after=23:00"))
    assert LONGMEN not in card_titles(page(client, "/venues/?bus_after=23:30"))


def test_the_api_gives_the_same_last_bus_on_the_list_and_the_detail(client, plan, tonight_2026):
    listed = next(venue for venue in client.get("/api/v1/venues/?page_size=100").json()["results"]
                  if venue["slug"] == "longmen-shiku")
    assert (listed["last_bus"]["route"]["slug"], listed["last_bus"]["last_run"]) == ("53", "23:00")
    assert listed["last_bus"]["stop"]["slug"] == "longmen-shiku"
    detail = client.get("/api/v1/venues/longmen-shiku/").json()
    assert detail["last_bus"] == listed["last_bus"]
    filtered = client.get("/api/v1/venues/?bus_after=22:00&page_size=100").json()["results"]
    assert "longmen-shiku" in [venue["slug"] for venue in filtered]


def test_a_venue_without_buses_says_so_plainly_in_both_languages(client, plan, tonight_2026):
    chinese = text(page(client, "/venues/dabeimen-wenhua-gongyuan/"))
    assert "此处没有公布的公交。" in chinese and "末班" in chinese
    english = text(page(client, "/en/events/dabeimen-tangyao/"))
    assert "No bus is published for here." in english and "Plan your way back before you go" in english
    # No stop, route or time is invented for it.
    assert "last bus in" not in english


def test_a_venue_without_buses_names_the_nearest_quarter_with_one_only_from_editors_pins(client, plan, tonight_2026):
    from venues.models import Venue

    assert "最近的有公布末班车的集聚地" not in page(client, "/venues/dabeimen-wenhua-gongyuan/")  # no pins: nothing invented
    for slug, latitude, longitude in (("dabeimen-wenhua-gongyuan", "34.6830", "112.4700"),
                                      ("laocheng-shizijie", "34.6850", "112.4720"),   # close by
                                      ("xigong-xiaojie", "34.6700", "112.4300")):     # farther
        venue = Venue.objects.get(slug=slug)
        venue.latitude, venue.longitude = latitude, longitude
        venue.save()  # as an editor pins it in the admin
    nearest = text(page(client, "/en/events/dabeimen-tangyao/"))
    assert ("The nearest night quarter with a published last bus, by the spots our editors pinned: "
            "Laocheng Shizijie (Old Town Crossroads Street)") in nearest
    assert "最近的有公布末班车的集聚地： 老城十字街" in text(page(client, "/venues/dabeimen-wenhua-gongyuan/"))
