"""What visitors see of an editor's change, wherever they look: the home page's tonight section
and banner, the lists and their counts, the event page, search engines and link previews.
The plan's 九洲池 show is cancelled for rain on the night of 8 May 2026."""

import datetime as dt

import pytest

from events.models import Event, EventChangeKind, NightChangeKind, Offer, OfferAvailability
from tests.factories import make_closure, make_event, make_event_change, make_night_change
from tests.html_parts import jsonld, og
from tests.reading import card_titles, page, section, text

pytestmark = pytest.mark.django_db
NIGHT = dt.date(2026, 5, 8)
SHOW = "九洲池“池上繁华”古装演艺"
SLUG = "jiuzhouchi-chishang-fanhua"


def show():
    return Event.objects.get(slug=SLUG)


def card_of(html, title):
    """The whole <article> of the card titled `title` (a Chinese page), or linking to `title`
    (a path, on any page)."""
    marker = f'{title}"' if title.startswith("/") else f">{title}</a>"
    start = html.rindex("<article", 0, html.index(marker))
    return html[start:html.index("</article>", start)]


@pytest.fixture
def rained_off(plan, at):
    """At 18:30 an editor cancels tonight's 九洲池 show for rain (English reason written)."""
    at("2026-05-08 18:30")
    change = make_night_change(show(), NIGHT, reason="因降雨取消", reason_en="Cancelled for rain")
    at("2026-05-08 19:30")
    return change


# --- Home page ----------------------------------------------------------------------------------

def test_home_keeps_the_cancelled_show_marked_and_counts_it(client, rained_off):
    html = page(client, "/")
    features = section(html, 'id="features-title"')
    assert SHOW in card_titles(features)
    assert "今晚取消" in card_of(features, SHOW)
    assert "今晚取消" not in card_of(features, "大北门“唐谣”演艺")
    assert "今晚有1项节目取消。" in text(features)


def test_home_banner_counts_changes_made_after_1700_tonight(client, rained_off):
    assert "今晚有变动：1项" in text(page(client, "/"))
    assert "Changes tonight: 1" in text(page(client, "/en/"))


def test_a_change_made_before_1700_is_marked_and_counted(client, plan, at):
    at("2026-05-08 16:00")
    make_night_change(show(), NIGHT)
    at("2026-05-08 19:30")
    html = page(client, "/")
    assert "今晚取消" in card_of(html, SHOW)
    assert "今晚有变动：1项" in text(html)


def test_home_without_changes_has_no_banner_and_no_mark(client, plan, tonight_2026):
    html = page(client, "/")
    assert "今晚有变动" not in html and "card-change" not in html and "cancelled-count" not in html
    assert "今晚一切照常" in text(html)


def test_after_midnight_tonights_cancellation_still_shows(client, rained_off, at):
    at("2026-05-09 00:40")
    assert "今晚取消" in card_of(page(client, "/"), SHOW)


def test_the_next_night_the_show_is_on_again(client, rained_off, at):
    at("2026-05-09 19:30")
    html = page(client, "/")
    assert "今晚取消" not in html and "今晚有变动" not in html
    assert "card-change" not in card_of(html, SHOW)


def test_a_sold_out_offer_says_sold_out_not_running(client, plan, at):
    at("2026-05-08 19:30")
    offer = Offer.objects.get(event__slug=SLUG)
    offer.first_day, offer.last_day = NIGHT, NIGHT
    offer.availability, offer.availability_reason = OfferAvailability.SOLD_OUT, "50张已售完"
    offer.full_clean()
    offer.save()
    specials = section(page(client, "/"), 'id="specials-title"')
    assert "已售罄" in specials and "state-running" not in specials
    offers = section(page(client, f"/en/events/{SLUG}/"), 'id="offers"')
    assert "Sold out" in offers and "Running" not in offers


def test_a_sold_out_offer_needs_its_reason():
    from django.core.exceptions import ValidationError

    offer = Offer(event=make_event(), name="优惠", first_day=NIGHT, last_day=NIGHT,
                  availability=OfferAvailability.WITHDRAWN)
    with pytest.raises(ValidationError) as caught:
        offer.full_clean()
    assert "availability_reason" in caught.value.message_dict


# --- Lists --------------------------------------------------------------------------------------

def test_a_night_filter_keeps_the_cancelled_show_marked_as_the_home_page_does(client, rained_off):
    # One answer (issue 20): the night's list, like the home page and the API's tonight, keeps a
    # show cancelled that night, marked.
    html = page(client, "/events/?date=2026-05-08")
    assert SHOW in card_titles(html) and len(card_titles(html)) == 8
    assert "今晚取消" in card_of(html, SHOW) and "今晚取消" not in card_of(html, "大北门“唐谣”演艺")
    html = page(client, "/en/events/?date=2026-05-08")
    assert "Cancelled tonight" in card_of(html, f"/en/events/{SLUG}/")
    assert "Not counted" not in html
    # The night after, it is on again, unmarked.
    html = page(client, "/events/?date=2026-05-09")
    assert SHOW in card_titles(html) and "今晚取消" not in html and "未计入" not in html


def test_starts_after_tonight_leaves_the_cancelled_show_out(client, rained_off):
    html = page(client, "/events/?starts_after=19:00&theme=entertainment")
    assert SHOW not in card_titles(html)
    assert "未计入：2026年5月8日有1项活动取消。" in text(html)


def test_starts_after_reads_a_night_moved_to_0030_as_later_than_2300(client, plan, at):
    at("2026-05-08 19:30")
    make_night_change(show(), NIGHT, NightChangeKind.MOVED, starts_at=dt.time(0, 30))
    assert card_titles(page(client, "/events/?starts_after=23:00")) == [SHOW]
    card = card_of(page(client, "/en/events/?starts_after=23:00"), f"/en/events/{SLUG}/")
    assert "New time tonight" in card and "<del>20:00</del>" in card and "0:30 after midnight" in card


def test_the_unfiltered_list_keeps_the_show_marked(client, rained_off):
    html = page(client, "/events/")
    assert SHOW in card_titles(html) and "今晚取消" in card_of(html, SHOW)
    assert "未计入" not in html


def test_search_and_the_venue_page_mark_it_too(client, rained_off):
    assert "今晚取消" in card_of(page(client, "/search/?q=九洲池"), SHOW)
    assert "今晚取消" in card_of(page(client, "/venues/suitang-luoyangcheng-yizhi-gongyuan/"), SHOW)


# --- The event page -----------------------------------------------------------------------------

def test_the_page_says_what_changed_when_and_crosses_out_the_plan(client, rained_off):
    changes = section(page(client, f"/events/{SLUG}/"), 'class="panel changes"')
    assert "今晚取消" in changes
    assert "<del>2026年5月8日 · 20:00</del>" in changes
    assert "原因：因降雨取消" in text(changes)
    assert "公布于2026年5月8日 18:30" in text(changes)


def test_the_english_page_shows_the_english_reason(client, rained_off):
    changes = text(section(page(client, f"/en/events/{SLUG}/"), 'class="panel changes"'))
    assert "Cancelled tonight" in changes and "Reason: Cancelled for rain" in changes
    assert "in Chinese only" not in changes


def test_a_reason_without_english_is_marked_chinese_only_on_english_pages(client, plan, at):
    at("2026-05-08 19:30")
    make_night_change(show(), NIGHT, reason="因降雨取消", reason_en="")
    changes = text(section(page(client, f"/en/events/{SLUG}/"), 'class="panel changes"'))
    assert "Reason: 因降雨取消 (in Chinese only)" in changes
    assert "仅有中文" not in page(client, f"/events/{SLUG}/")


def test_no_bus_is_offered_for_a_cancelled_night(client, rained_off):
    html = page(client, f"/events/{SLUG}/")
    way_back = section(html, 'class="panel way-back"')
    assert "今晚取消：本页今晚不再推荐公交。" in text(way_back)
    assert 'class="route-badge"' not in way_back and "class=\"run" not in way_back


def test_a_night_moved_to_another_venue_shows_that_venues_buses(client, plan, at):
    from venues.models import Venue

    at("2026-05-08 19:30")
    xigong = Venue.objects.get(slug="xigong-xiaojie")
    make_night_change(show(), NIGHT, NightChangeKind.MOVED, venue=xigong, reason="移至室内")
    html = page(client, f"/events/{SLUG}/")
    assert "今晚改地点" in section(html, 'class="panel changes"')
    way_back = section(html, 'class="panel way-back"')
    own = page(client, "/venues/xigong-xiaojie/")
    assert [title for title in way_back.split('class="route-badge"')[1:3]] == \
        [title for title in section(own, 'class="panel way-back"').split('class="route-badge"')[1:3]]


def test_link_previews_and_search_engines_say_cancelled_tonight(client, rained_off):
    html = page(client, f"/en/events/{SLUG}/")
    assert og(html)["og:description"].startswith("Cancelled tonight: Cancelled for rain")
    assert 'name="description" content="Cancelled tonight: Cancelled for rain' in html
    data = next(block for block in jsonld(html) if block.get("@type") == "Event")
    assert "eventStatus" not in data  # the series goes on
    assert data["subEvent"] == [{"@type": "Event", "name": data["name"],
                                 "eventStatus": "https://schema.org/EventCancelled",
                                 "startDate": "2026-05-08T20:00:00+08:00"}]


def test_json_ld_of_a_moved_time_gives_the_previous_start(client, plan, at):
    at("2026-05-08 19:30")
    make_night_change(show(), NIGHT, NightChangeKind.MOVED, starts_at=dt.time(0, 30))
    data = next(block for block in jsonld(page(client, f"/events/{SLUG}/")) if block.get("@type") == "Event")
    assert data["subEvent"][0]["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["subEvent"][0]["startDate"] == "2026-05-09T00:30:00+08:00"
    assert data["subEvent"][0]["previousStartDate"] == "2026-05-08T20:00:00+08:00"


def test_a_whole_event_cancelled_is_cancelled_everywhere(client, plan, at):
    at("2026-05-08 19:30")
    make_event_change(show(), EventChangeKind.CANCELLED, reason="演出季结束")
    html = page(client, f"/events/{SLUG}/")
    changes = section(html, 'class="panel changes"')
    assert "已取消" in changes and "<del>每晚 20:00</del>" in changes
    data = next(block for block in jsonld(html) if block.get("@type") == "Event")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "已取消" in card_of(page(client, "/"), SHOW)
    # Any night's list keeps it, marked cancelled, as the home page does (issue 20).
    assert "已取消" in card_of(page(client, "/events/?date=2026-05-09"), SHOW)


def test_a_rescheduled_special_gives_its_previous_start(client, at):
    at("2026-05-08 19:30")
    special = make_event(slug="gala", kind="special", first_night=dt.date(2026, 6, 1), last_night=dt.date(2026, 6, 1),
                         starts_at=dt.time(21, 0))
    make_event_change(special, EventChangeKind.RESCHEDULED, previous_first_night=dt.date(2026, 5, 20),
                      previous_starts_at=dt.time(20, 0))
    html = page(client, "/en/events/gala/")
    data = next(block for block in jsonld(html) if block.get("@type") == "Event")
    assert data["eventStatus"] == "https://schema.org/EventRescheduled"
    assert data["previousStartDate"] == "2026-05-20T20:00:00+08:00"
    assert data["startDate"] == "2026-06-01T21:00:00+08:00"
    changes = text(section(html, 'class="panel changes"'))
    assert "Rescheduled May 20, 2026 · 20:00 June 1, 2026 · 21:00" in changes


def test_a_closed_place_cancels_its_events_with_the_reason(client, plan, at):
    from venues.models import Place

    at("2026-05-08 19:30")
    pool = Place.objects.get(name="九洲池")
    make_closure(pool.venue, NIGHT, dt.date(2026, 5, 10), place=pool, reason="水池检修")
    html = page(client, f"/events/{SLUG}/")
    assert "九洲池于2026年5月8日至2026年5月10日关闭：水池检修" in text(section(html, 'class="panel changes"'))
    home = page(client, "/")
    assert "今晚取消" in card_of(home, SHOW)
    assert "今晚取消" not in card_of(home, "应天门“古城夜韵”灯光秀")
