import pytest

pytestmark = pytest.mark.usefixtures("plan")


def results(client, q, lang=""):
    response = client.get(f"{lang}/search/", {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("q", ["九洲池", "jiuzhouchi", "Jiuzhou Chi", "JIUZHOUCHI", "jiu zhou chi", "Splendour on the Pool"])
def test_it_finds_an_event_by_chinese_english_or_pinyin(client, q):
    assert "九洲池“池上繁华”古装演艺" in results(client, q)


@pytest.mark.parametrize("q", ["西工小街", "xigongxiaojie", "Xigong Xiaojie", "xigong lane", "老汤"])
def test_it_finds_a_venue_by_any_of_its_names_or_its_slogan(client, q):
    assert "西工小街" in results(client, q)


def test_it_finds_events_through_their_venue(client):
    html = results(client, "longmen shiku")
    assert "“夜游龙门”" in html


def test_what_does_not_match_is_not_listed(client):
    html = results(client, "jiuzhouchi")
    assert "西工小街" not in html and "大北门“唐谣”演艺" not in html


def test_an_over_long_query_is_a_400_with_the_reason(client):
    response = client.get("/en/search/", {"q": "x" * 101})
    assert response.status_code == 400
    assert "at most 100 characters" in response.content.decode()
