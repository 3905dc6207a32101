"""Search that forgives what a tourist types: a typo, the pinyin of a synonym, an English phrase
for a place, a bus route by its number; and suggestions while typing, in the page's language."""

import json

import pytest

from tests.reading import card_titles, page, section, text

pytestmark = pytest.mark.django_db


def venues_found(html):
    return set(card_titles(section(html, 'id="venue-results"')))


def events_found(html):
    return set(card_titles(section(html, 'id="event-results"')))


LINK = '<a href="?q=%E9%BE%99%E9%97%A8">龙门</a>'  # the corrected search, one tap away


@pytest.mark.parametrize(("url", "said"), [("/search/?q=longmenn", f"没有与“longmenn”匹配的结果。您是不是要找：{LINK}？以下是它的结果。"),
                                           ("/en/search/?q=longmenn", f"Nothing matches “longmenn”. Did you mean {LINK}? Here is what it finds."),
                                           ("/search/?q=龙们", f"您是不是要找：{LINK}？")])
def test_a_typo_gets_did_you_mean_and_its_results(client, plan, url, said):
    html = page(client, url)
    assert said in html
    assert venues_found(html) >= {"龙门古街", "龙门石窟"} or venues_found(html) >= {"Longmen Ancient Street", "Longmen Grottoes"}


def test_a_search_that_finds_nothing_close_suggests_no_word(client, plan):
    html = page(client, "/search/?q=zzzzqx")
    assert "您是不是要找" not in html and "没有与“zzzzqx”匹配的结果。" not in text(html)
    assert 'id="try-themes"' in html  # the themes instead, as before


def test_a_name_found_as_typed_is_not_corrected(client, plan):
    html = page(client, "/search/?q=longmen")
    assert "您是不是要找" not in html
    assert venues_found(html) == {"龙门古街", "龙门石窟"}


@pytest.mark.parametrize("query", ["yeshi", "ye shi", "YeShi"])
def test_the_pinyin_of_a_synonym_finds_what_the_synonym_finds(client, plan, query):
    chinese = page(client, "/search/?q=夜市")
    typed = page(client, f"/search/?q={query}")
    assert venues_found(typed) == venues_found(chinese) != set()
    assert "西工小街" in venues_found(typed)


def test_english_phrases_for_places_find_them(client, plan):
    old_town = page(client, "/en/search/?q=Luoyi old town")
    assert "Luoyi Ancient Town" in venues_found(old_town)
    assert "Longmen Grottoes" not in venues_found(old_town)
    night_tour = page(client, "/en/search/?q=Longmen Grottoes night tour")
    assert "Longmen Grottoes" in venues_found(night_tour)
    assert "Longmen by Night" in events_found(night_tour)
    assert "Xigong Lane" not in venues_found(night_tour)


@pytest.mark.parametrize(("url", "label", "href"), [("/search/?q=9路", "9路", "/transit/9/"),
                                                     ("/search/?q=9", "9路", "/transit/9/"),
                                                     ("/en/search/?q=Route 9", "Route 9", "/en/transit/9/")])
def test_a_route_number_lists_the_route_linking_to_its_page(client, plan, url, label, href):
    html = page(client, url)
    routes = section(html, 'id="route-results"')
    assert f'<a class="route-badge" href="{href}">{label}</a>' in routes
    assert "19路" not in routes and "/transit/90" not in routes  # the route named, not every 9
    assert "西工小街" in venues_found(html) or "Xigong Lane" in venues_found(html)  # the venues it serves still


def test_a_search_not_naming_a_route_lists_no_routes(client, plan):
    assert 'id="route-results"' not in page(client, "/search/?q=九洲池")


def suggestions(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return json.loads(response.content)["suggestions"]


def test_suggestions_are_names_in_the_pages_language_with_their_addresses(client, plan):
    chinese = suggestions(client, "/search/suggest/?q=longmen")
    assert {(s["label"], s["kind"], s["url"]) for s in chinese} >= {
        ("龙门石窟", "场所", "/venues/longmen-shiku/"), ("“夜游龙门”", "活动", "/events/yeyou-longmen/")}
    english = suggestions(client, "/en/search/suggest/?q=longmen")
    assert {(s["label"], s["kind"], s["url"]) for s in english} >= {
        ("Longmen Grottoes", "Venue", "/en/venues/longmen-shiku/"), ("Longmen by Night", "Event", "/en/events/yeyou-longmen/")}
    assert ("Route 9", "Bus route", "/en/transit/9/") in {(s["label"], s["kind"], s["url"]) for s in
                                                          suggestions(client, "/en/search/suggest/?q=9路")}
    assert suggestions(client, "/search/suggest/?q=") == []


def test_suggestions_refuse_an_overlong_query_with_the_reason(client, plan):
    response = client.get("/en/search/suggest/?q=" + "x" * 101)
    assert response.status_code == 400
    assert "100" in json.loads(response.content)["error"]


def test_suggestions_cost_three_queries_however_much_matches(client, plan, django_assert_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0
    for query in ("longmen", "9路", "a"):
        with django_assert_num_queries(3):
            client.get(f"/search/suggest/?q={query}")


def test_the_search_box_works_without_scripts_and_names_its_suggestions(client, plan):
    for url, suggest in (("/", "/search/suggest/"), ("/en/search/", "/en/search/suggest/")):
        html = page(client, url)
        assert 'name="q"' in html and 'role="search"' in html
        assert f'data-suggest="{suggest}"' in html
        assert "js/suggest.js" in html
        assert "<script>" not in html  # no inline script (CSP)


def test_a_long_query_is_matched_as_a_whole_not_word_by_word():
    from core.search import PHRASE_WORDS, phrase_words

    assert [alternatives[0] for alternatives in phrase_words("Luoyi old town")] == ["luoyi", "old", "town"]
    assert phrase_words(" ".join(["night"] * (PHRASE_WORDS + 1))) == []
    assert phrase_words("longmen") == []


def test_a_long_many_word_search_is_answered(client, plan):
    html = page(client, "/en/search/?q=" + " ".join(["lamp"] * 20))  # 99 characters, 20 words
    assert "Nothing matches" in html


def test_did_you_mean_escapes_what_was_typed(client, plan):
    html = page(client, "/en/search/?q=<b>x</b> longmenn")
    assert "Did you mean" in html
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt; 龙门</a>" in html
