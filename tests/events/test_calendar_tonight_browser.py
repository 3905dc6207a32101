"""On a phone (390 px, Chromium): the event page's calendar choice and directions row, in both
languages, with the venue and the place inside it pinned by an editor. Screenshots go to
test-artifacts/screenshots/event-calendar-directions-{zh,en}.png."""

import icalendar
import pytest
from playwright.sync_api import expect

from venues.models import Place, Venue

pytestmark = pytest.mark.usefixtures("live_plan")


def pin(obj, latitude, longitude):
    obj.latitude, obj.longitude = latitude, longitude
    obj.full_clean()
    obj.save()


@pytest.mark.parametrize("prefix, language, links, tonight, every_night, reminder, far_stop", [
    ("", "zh", ["高德地图", "百度地图", "Apple 地图", "其他地图应用"], "加入今晚（.ics）", "加入每晚（.ics）",
     "“加入今晚”会在22:40提醒您", "7路末班车从东花坛站发车，不在本场所门口。"),
    ("/en", "en", ["Amap (in Chinese)", "Baidu Maps (in Chinese)", "Apple Maps", "Other map app"], "Add tonight (.ics)",
     "Add every night (.ics)", "“Add tonight” reminds you at 22:40",
     "Route 7's last run leaves from the East Flower Terrace 东花坛 stop, not at the venue."),
])
def test_a_visitor_sees_both_calendar_choices_and_four_map_routes_on_a_phone(
        page, live_server, screenshots, at, prefix, language, links, tonight, every_night, reminder, far_stop):
    at("2026-05-08 19:30")
    venue = Venue.objects.get(slug="luoyi-gucheng")
    pin(venue, "34.677000", "112.488000")  # a test pin: the plan publishes none
    pin(Place.objects.get(venue=venue, name="文峰塔"), "34.678000", "112.489000")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}{prefix}/events/luoyi-luoshui-jinghong/")

    facts = page.locator("dl.facts")
    directions = facts.locator("dd.directions").first
    expect(directions.get_by_role("link")).to_have_text(links)
    for link in directions.get_by_role("link").all():
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", "noopener")
        expect(link).to_be_visible()
    expect(directions).to_contain_text(far_stop)
    choice = facts.locator("dd.calendar-choice")
    expect(choice.get_by_role("link")).to_have_text([tonight, every_night])
    expect(choice).to_contain_text(reminder)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"scrolls sideways by {overflow}px"
    facts.screenshot(path=screenshots / f"event-calendar-directions-{language}.png", scale="css")

    # The button's calendar is tonight's one show, with the reminder.
    href = choice.get_by_role("link", name=tonight).get_attribute("href")
    body = page.request.get(f"{live_server.url}{href}").body()
    calendar = icalendar.Calendar.from_ical(body)
    assert len(calendar.walk("VEVENT")) == 1 and len(calendar.walk("VALARM")) == 1
