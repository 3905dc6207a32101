"""What pages tell machines: Open Graph, JSON-LD matching the page, sitemap.xml and robots.txt."""

import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest

from core.publishing import Status
from tests.factories import make_event, make_offer, make_venue
from tests.html_parts import jsonld, og, scripts

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/events/", "/venues/", "/transit/", "/transit/9/", "/search/?q=%E9%BE%99%E9%97%A8", "/venues/xigong-xiaojie/",
                "/events/yeyou-longmen/", "/events/?theme=food", "/venues/?theme=food"]


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def h1(html):
    return unescape(re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)).strip()


def only_jsonld(html):
    blocks = jsonld(html)
    assert len(blocks) == 1, blocks
    return blocks[0]


# --- Open Graph -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("prefix, locale", [("", "zh_CN"), ("/en", "en_US")])
def test_every_public_page_has_open_graph_tags(client, plan, at, path, prefix, locale):
    at("2026-05-08 19:30")
    url = prefix + path
    tags = og(html_of(client, url))
    assert tags["og:title"] and tags["og:description"] and tags["og:site_name"]
    assert tags["og:type"] == "website"
    assert tags["og:url"] == f"http://testserver{url}"
    assert tags["og:image"] == "http://testserver/static/img/og-card.png"
    assert tags["og:locale"] == locale
    assert tags["og:locale:alternate"] == ("en_US" if locale == "zh_CN" else "zh_CN")


def test_detail_pages_share_their_own_name_and_description(client, plan):
    html = html_of(client, "/en/events/yeyou-longmen/")
    tags = og(html)
    assert tags["og:title"] == "Longmen by Night" == h1(html)
    assert tags["og:description"].startswith(only_jsonld(html)["description"][:40])
    tags = og(html_of(client, "/venues/xigong-xiaojie/"))
    assert tags["og:title"] == "西工小街"
    assert tags["og:site_name"] != tags["og:title"]


def test_list_pages_share_the_site_defaults(client, plan):
    tags = og(html_of(client, "/en/venues/"))
    assert tags["og:title"] == "Ancient Capital at 8 pm"
    assert tags["og:description"] == "What is on tonight in Luoyang's night quarters, and the last bus home."


# --- JSON-LD: venues --------------------------------------------------------------------------

def test_a_venue_is_a_place_named_as_on_the_page(client, plan):
    html = html_of(client, "/en/venues/xigong-xiaojie/")
    data = only_jsonld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Place"
    assert data["name"] == h1(html) == "Xigong Xiaojie (Xigong Lane)"
    assert data["alternateName"] == "西工小街"
    assert data["url"] == "http://testserver/en/venues/xigong-xiaojie/"
    assert data["address"] == {"@type": "PostalAddress", "addressLocality": "Luoyang", "addressCountry": "CN"}
    assert data["slogan"] == "Old broth, old ingredients, old flavours"
    assert [p["alternateName"] for p in data["containsPlace"]] == ["小街锅贴", "小街天府", "丹珍汤圆", "西工饭庄"]


def test_the_24_hour_aim_is_given_with_the_plans_caveat(client, plan):
    data = only_jsonld(html_of(client, "/en/venues/xigong-xiaojie/"))
    [hours] = data["openingHoursSpecification"]
    assert (hours["opens"], hours["closes"]) == ("00:00", "23:59")
    assert len(hours["dayOfWeek"]) == 7
    assert "not a statement of any individual shop's opening hours" in hours["description"]


def test_unpublished_hours_and_coordinates_are_left_out(client, plan):
    html = html_of(client, "/venues/longmen-shiku/")
    data = only_jsonld(html)
    assert "openingHoursSpecification" not in data
    text = html[html.index('type="application/ld+json"'):]
    for invented in ("geo", "latitude", "longitude", "openingHours\"", "telephone", "streetAddress"):
        assert invented not in text.split("</script>")[0], invented


# --- JSON-LD: events --------------------------------------------------------------------------

def test_a_nightly_performance_is_an_event_scheduled_daily_at_8pm_shanghai_with_no_end(client, plan):
    html = html_of(client, "/en/events/dabeimen-tangyao/")
    data = only_jsonld(html)
    assert data["@type"] == "Event"
    assert data["name"] == h1(html)
    assert data["eventSchedule"] == {"@type": "Schedule", "repeatFrequency": "P1D", "startTime": "20:00",
                                     "scheduleTimezone": "Asia/Shanghai"}
    assert "endDate" not in data and "startDate" not in data
    assert "Not published" in html  # the page's "Ends", which the data must not contradict
    assert data["location"]["name"] == "Dabeimen Wenhua Gongyuan (Great North Gate Culture Park)"
    assert data["location"]["url"] == "http://testserver/en/venues/dabeimen-wenhua-gongyuan/"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_an_event_at_a_place_inside_a_venue_names_both(client, plan):
    data = only_jsonld(html_of(client, "/events/jiuzhouchi-chishang-fanhua/"))
    assert data["location"]["name"] == "九洲池"
    assert data["location"]["containedInPlace"]["name"] == "隋唐洛阳城国家遗址公园"


@pytest.mark.parametrize("slug, channel", [("gudu-ye-badian-tv", "Luoyang Radio and Television, Culture and Tourism Channel"),
                                           ("gudu-ye-badian-radio", "Luoyang Traffic Radio")])
def test_the_tv_and_radio_programmes_are_broadcast_events_on_their_channel(client, plan, slug, channel):
    data = only_jsonld(html_of(client, f"/en/events/{slug}/"))
    assert data["@type"] == "BroadcastEvent"
    assert data["publishedOn"] == {"@type": "BroadcastService", "name": channel}
    assert data["eventSchedule"]["startTime"] == "20:00"
    assert "location" not in data


def test_offers_carry_their_price_and_window(client, plan):
    data = only_jsonld(html_of(client, "/en/events/jiuzhouchi-chishang-fanhua/"))
    [offer] = data["offers"]
    assert offer["@type"] == "Offer"
    assert offer["name"] == "Jiuzhouchi one-yuan flash-sale tickets"
    assert (offer["price"], offer["priceCurrency"]) == ("1.00", "CNY")
    assert (offer["availabilityStarts"], offer["availabilityEnds"]) == ("2020-05-08", "2020-05-15")
    assert offer["inventoryLevel"]["value"] == 50


def test_an_offer_without_a_price_says_no_price_and_a_draft_offer_is_absent(client):
    event = make_event(slug="show")
    make_offer(event, name="免费", name_en="Free entry?")
    make_offer(event, name="草稿", name_en="Draft offer", status=Status.DRAFT)
    data = only_jsonld(html_of(client, "/en/events/show/"))
    assert [o["name"] for o in data["offers"]] == ["Free entry?"]
    assert "price" not in data["offers"][0] and "priceCurrency" not in data["offers"][0]


def test_a_special_has_its_date_and_no_schedule(client, plan):
    data = only_jsonld(html_of(client, "/events/qidong-yishi/"))
    assert (data["startDate"], data["endDate"]) == ("2020-05-08", "2020-05-08")
    assert "eventSchedule" not in data


def test_an_online_special_is_at_a_virtual_location(client, plan):
    data = only_jsonld(html_of(client, "/en/events/wuyiliu-woyaogou/"))
    assert data["location"]["@type"] == "VirtualLocation"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"


def test_json_ld_is_data_that_no_description_can_break_out_of(client):
    evil = '</script><script>alert(1)</script> & <!-- "quotes"'
    make_event(slug="evil", description=evil, name="坏<b>名字</b>")
    html = html_of(client, "/events/evil/")
    assert "<script>alert(1)" not in html
    data = only_jsonld(html)
    assert data["description"] == evil
    assert data["name"] == "坏<b>名字</b>"


def test_pages_have_no_inline_executable_script(client, plan):
    for url in ("/events/jiuzhouchi-chishang-fanhua/", "/venues/xigong-xiaojie/", "/"):
        for script in scripts(html_of(client, url)):
            assert script.get("src") or script.get("type") == "application/ld+json", (url, script)


def test_list_pages_have_no_json_ld(client, plan):
    assert jsonld(html_of(client, "/events/")) == []


# --- sitemap.xml and robots.txt ---------------------------------------------------------------

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {url.findtext("s:loc", namespaces=NS): {link.get("hreflang"): link.get("href")
                                                   for link in url.findall("x:link", NS)}
            for url in root.findall("s:url", NS)}


def test_sitemap_lists_every_public_page_in_both_languages_with_alternates(client, plan):
    urls = sitemap(client)
    for path in ("/", "/events/", "/venues/", "/transit/", "/venues/xigong-xiaojie/", "/events/yeyou-longmen/",
                 "/transit/9/", "/transit/v8/"):
        zh, en = f"http://testserver{path}", f"http://testserver/en{path}"
        assert zh in urls and en in urls, path
        assert urls[zh] == urls[en] == {"zh-hans": zh, "en": en, "x-default": zh}
    venue_pages = [u for u in urls if re.search(r"/venues/[a-z-]+/$", u)]
    assert len(venue_pages) == 2 * 10  # the plan's ten venues, each in two languages


def test_sitemap_leaves_out_drafts_and_the_admin(client):
    make_venue(slug="shown")
    hidden = make_venue(slug="hidden", status=Status.DRAFT)
    make_event(slug="draft-event", status=Status.DRAFT, venue=hidden)
    urls = sitemap(client)
    assert "http://testserver/venues/shown/" in urls
    assert not [u for u in urls if "hidden" in u or "draft-event" in u or "/admin" in u]


def test_robots_txt_keeps_crawlers_out_of_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /" not in lines
