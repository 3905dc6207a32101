"""English that is English, as a tourist reads it on /en/: the filter forms' labels, the list
separator, clock times, card titles, and the offer of the English site on Chinese pages."""

import re

import pytest

from tests.reading import cards, page, section, text

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff]")
# "8 pm", "9:03 p.m.", "7:30am": the clock of one language only, never on a page.
TWELVE_HOUR = re.compile(r"\b\d{1,2}(:\d\d)?\s?([ap]\.?m\.?)(?![a-z])", re.I)


def filter_form(html):
    return section(html, '<form class="filters"', "</form>")


def main(html):
    return section(html, "<main", "</main>")


@pytest.mark.parametrize("url", ["/venues/", "/events/", "/venues/?theme=food", "/events/?theme=food"])
def test_every_label_of_an_english_filter_form_is_english(client, plan, url):
    form = filter_form(page(client, "/en" + url))
    assert CJK.findall(form) == []
    for theme in ["Night tours", "Night shopping", "Good food", "Night entertainment"]:
        assert f">\n {theme}</label>" in form
    # Time boxes show the format to type, not a time that looks filled in.
    assert re.findall(r'placeholder="([^"]*)"', form) == ["HH:MM", "HH:MM"]
    chinese = filter_form(page(client, url))
    assert ">\n 好味美食</label>" in chinese and "Good food" not in chinese


def test_chosen_themes_are_listed_with_an_english_comma(client, plan):
    html = page(client, "/en/venues/?theme=food&theme=shopping")
    assert "Theme: Night shopping, Good food" in text(section(html, 'class="result-count"', "</h2>"))
    assert "、" not in main(html)
    assert "主题: 时尚夜购、好味美食" in text(page(client, "/venues/?theme=food&theme=shopping"))


def test_english_pages_say_times_in_24_hours_and_separate_names_with_commas(client, plan, at):
    at("2026-05-08 19:30")
    for url in ["/en/", "/en/transit/", "/en/venues/xigong-xiaojie/", "/en/events/yeyou-longmen/", "/en/events/",
                "/en/search/?q=food"]:
        shown = text(main(page(client, url)))
        assert TWELVE_HOUR.findall(shown) == [], url
        assert "、" not in shown, url


def test_the_home_page_says_20_00_in_both_languages(client, plan, at):
    at("2026-05-08 19:30")
    assert "Every night at 20:00" in page(client, "/en/") and "Tonight's 20:00 features" in page(client, "/en/")
    assert "每晚20:00" in page(client, "/")


def test_last_updated_is_a_24_hour_time(client, plan, at):
    from venues.models import Venue

    at("2026-05-08 21:03")
    Venue.objects.get(slug="xigong-xiaojie").save()
    assert "Last updated: May 8, 2026, 21:03" in page(client, "/en/venues/xigong-xiaojie/")
    assert "最后更新：2026年5月8日 21:03" in page(client, "/venues/xigong-xiaojie/")


def test_english_cards_give_the_english_name_and_the_chinese_beside_it_not_the_pinyin(client, plan):
    html = page(client, "/en/venues/?theme=night-tour")
    titles = [title for _, title in cards(html)]
    assert "Sui-Tang Luoyang City National Heritage Park" in titles and "Longmen Grottoes" in titles
    assert not any("Suitang" in title or "Shiku" in title for title in titles)
    assert '<p class="card-zh" lang="zh-Hans">隋唐洛阳城国家遗址公园</p>' in html
    events = page(client, "/en/events/?kind=performance")
    assert "Splendour on the Pool costume show" in [title for _, title in cards(events)]
    assert "Sui-Tang Luoyang City National Heritage Park · Nine Continents Pool" in events
    # Chinese cards have one name.
    chinese = page(client, "/venues/?theme=night-tour")
    assert 'class="card-zh"' not in chinese
    assert "隋唐洛阳城国家遗址公园" in [title for _, title in cards(chinese)]


def test_a_card_has_one_link_its_title(client, plan):
    html = page(client, "/en/venues/?theme=food")
    for card in re.findall(r'<article class="card.*?</article>', html, re.S):
        assert card.count("<a ") == 1


def test_a_browser_asking_for_english_gets_the_chinese_page_with_a_hidden_offer_not_a_redirect(client, plan):
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    assert english.status_code == chinese.status_code == 200
    html = english.content.decode()
    # The same page for every browser (the page cache may keep it): a script decides to show it.
    assert html == chinese.content.decode()
    offer = section(html, '<p class="language-offer"', "</p>")
    assert 'id="language-offer" lang="en" hidden' in offer
    assert '<a href="/en/" hreflang="en">Read this page in English</a>' in offer
    assert 'aria-label="No, thanks"' in offer
    assert '<script src="/static/js/language-offer.js" defer></script>' in html
    assert "<script>" not in html  # nothing inline: the CSP forbids it


def test_an_offer_on_a_deeper_page_leads_to_the_same_page_in_english(client, plan):
    html = page(client, "/venues/?theme=food")
    assert '<a href="/en/venues/?theme=food" hreflang="en">Read this page in English</a>' in html
    assert 'id="language-offer"' not in page(client, "/en/venues/?theme=food")  # English pages make none
