"""Two languages: Chinese at the root, English under /en/, the same pages, filters and content.

Every name, slogan and description of the shipped plan has an English form; the language
switch keeps the page and its filters both ways; hreflang alternates and <html lang> are right.
"""

import re
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.apps import apps

from core.i18n import Bilingual

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
PROPER_NAME = re.compile(r"^[A-Z][A-Za-z' -]+ \(.+\)$")  # "Xigong Xiaojie (Xigong Lane)"

FILTERED = [
    "/venues/?theme=food",
    "/venues/?theme=food&theme=shopping&bus_after=23:30",
    "/venues/?open_at=21:00&route=9",
    "/events/?theme=entertainment&starts_after=19:00&kind=performance",
    "/events/?date=2020-05-08",
    "/search/?q=%E4%B9%9D%E6%B4%B2%E6%B1%A0",  # 九洲池, percent-encoded as a browser sends it
    "/venues/?bus_after=25:99",   # a 400 keeps its bad value, so the other language explains it too
]
PAGES = ["/", "/events/", "/venues/", "/transit/", "/transit/9/", "/venues/xigong-xiaojie/",
         "/events/yeyou-longmen/", *FILTERED]


def get(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400), f"{url}: {response.status_code}"
    return response, response.content.decode()


def switch_href(html):
    return unescape(re.search(r'<a class="lang-switch" href="([^"]*)"', html).group(1))


def alternates(html):
    return {lang: unescape(href) for lang, href in
            re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]*)"', html)}


def same_address(a, b):
    """Same path and the same query parameters (order within a repeated one kept)."""
    a, b = urlsplit(a), urlsplit(b)
    return a.path == b.path and parse_qsl(a.query) == parse_qsl(b.query)


def card_links(html):
    return re.findall(r'<h3 class="card-title"><a href="([^"]*)">', html)


# --- content: every name, slogan and description has an English form -------------------------

def bilingual_fields():
    """(model, field) for every Chinese field with an `_en` twin, on every bilingual model."""
    for model in apps.get_models():
        if issubclass(model, Bilingual):
            names = {f.name for f in model._meta.get_fields()}
            for name in sorted(names):
                if f"{name}_en" in names:
                    yield model, name


def test_the_bilingual_models_are_all_checked():
    checked = {model.__name__ for model, _ in bilingual_fields()}
    assert checked >= {"Theme", "Venue", "Place", "Highlight", "Route", "Stop", "Event", "TourLine", "Offer"}


def test_every_name_slogan_and_description_of_the_plan_has_an_english_form(plan):
    missing, chinese_in_english = [], []
    checked = 0
    for model, field in bilingual_fields():
        for row in model.objects.all():
            chinese, english = getattr(row, field), getattr(row, f"{field}_en")
            if not chinese:
                continue
            checked += 1
            if not english.strip():
                missing.append(f"{model.__name__} {row.pk} {field}: {chinese}")
            elif CJK.search(english):
                chinese_in_english.append(f"{model.__name__} {row.pk} {field}_en: {english}")
    assert checked > 100
    assert missing == []
    assert chinese_in_english == []


def test_english_descriptions_are_written_not_copied(plan):
    copied = [(model.__name__, row.pk) for model, field in bilingual_fields() if field == "description"
              for row in model.objects.exclude(description="") if row.description_en == row.description]
    assert copied == []


@pytest.mark.parametrize("model_label", ["venues.Venue", "transit.Stop"])
def test_proper_names_are_pinyin_plus_a_translation(plan, model_label):
    names = list(apps.get_model(model_label).objects.values_list("name_en", flat=True))
    assert names and [name for name in names if not PROPER_NAME.match(name)] == []


def test_event_names_give_pinyin_and_a_translation(plan):
    from events.models import Event
    assert [name for name in Event.objects.values_list("name_en", flat=True) if "(" not in name] == []


def test_english_pages_show_the_english_names_and_not_the_chinese_ones(client, plan):
    _, html = get(client, "/en/venues/xigong-xiaojie/")
    assert "Xigong Xiaojie (Xigong Lane)" in html
    assert "Old broth, old ingredients, old flavours" in html
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    slogan = re.search(r'<p class="slogan">(.*?)</p>', html, re.S).group(1)
    lead = re.search(r'<p class="lead">(.*?)</p>', html, re.S).group(1)
    assert [part for part in (heading, slogan, lead) if CJK.search(part)] == []


# --- addresses: the same page in the other language ----------------------------------------------

@pytest.mark.parametrize("url", PAGES)
def test_the_switch_from_chinese_leads_to_the_same_page_and_filters_in_english(client, plan, url):
    _, html = get(client, url)
    english = switch_href(html)
    assert english.startswith("/en/")
    assert same_address(english, "/en" + url), english


@pytest.mark.parametrize("url", PAGES)
def test_the_switch_from_english_leads_back_to_the_same_page_and_filters_in_chinese(client, plan, url):
    _, html = get(client, "/en" + url)
    chinese = switch_href(html)
    assert not chinese.startswith("/en/")
    assert same_address(chinese, url), chinese


@pytest.mark.parametrize("url", PAGES)
def test_hreflang_alternates_name_both_languages_of_this_page(client, plan, url):
    for shown in (url, "/en" + url):
        _, html = get(client, shown)
        links = alternates(html)
        assert set(links) == {"zh-Hans", "en", "x-default"}
        assert all(href.startswith("http://testserver/") for href in links.values()), links  # absolute
        assert links["x-default"] == links["zh-Hans"]
        assert same_address(urlsplit(links["zh-Hans"])._replace(scheme="", netloc="").geturl(), url)
        assert same_address(urlsplit(links["en"])._replace(scheme="", netloc="").geturl(), "/en" + url)


@pytest.mark.parametrize("url", PAGES)
def test_html_lang_follows_the_address(client, plan, url):
    assert '<html lang="zh-Hans">' in get(client, url)[1]
    assert '<html lang="en">' in get(client, "/en" + url)[1]


@pytest.mark.parametrize("url", FILTERED)
def test_a_filtered_list_in_english_lists_the_same_items_with_the_same_status(client, plan, url):
    chinese_response, chinese = get(client, url)
    english_response, english = get(client, "/en" + url)
    assert english_response.status_code == chinese_response.status_code
    assert [link.removeprefix("/en") for link in card_links(english)] == card_links(chinese)
    assert all(link.startswith("/en/") for link in card_links(english))


def test_english_venues_by_food_are_the_four_food_quarters_with_english_names(client, plan):
    _, html = get(client, "/en/venues/?theme=food")
    titles = re.findall(r'<h3 class="card-title"><a href="[^"]*">([^<]*)</a>', html)
    # Cards name a venue by the translation in its English name (the Chinese name follows).
    assert sorted(titles) == sorted(["Xigong Lane", "Old Town Crossroads Street",
                                     "Dongfang Cultural and Creative Park", "Longmen Ancient Street"])


def test_a_bad_filter_in_english_is_explained_in_english(client, plan):
    response, html = get(client, "/en/venues/?theme=food&bus_after=25:99")
    assert response.status_code == 400
    assert "HH:MM" in html
    assert 'value="25:99"' in html


def test_links_on_english_pages_stay_in_english(client, plan):
    _, html = get(client, "/en/venues/?theme=food")
    main = html[html.index("<main"):html.index("</main>")]
    inner = [href for href in re.findall(r'href="(/[^"]*)"', main) if not href.startswith("/static/")]
    assert inner and [href for href in inner if not href.startswith("/en/") and not href.startswith("?")] == []


def test_the_english_404_page_is_in_english(client, plan):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()
