"""The API's cached answers are kept per what they vary on (issue 24): one client's Accept
header never decides what the next client gets, and a 404 speaks the client's language."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_client_asking_for_yaml_does_not_give_json_clients_yaml(client, plan, at):
    at("2026-05-08 19:30")
    yaml = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert yaml.status_code == 200 and yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    json = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert json["Content-Type"].startswith("application/json")
    assert json.json()["openapi"].startswith("3.")
    # and the other way round, inside the same minute
    assert client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")["Content-Type"].startswith(
        "application/vnd.oai.openapi")


def test_one_clients_indented_json_is_not_everybodys(client, plan, at):
    at("2026-05-08 19:30")
    indented = client.get("/api/v1/routes/", HTTP_ACCEPT="application/json; indent=5")
    assert indented.status_code == 200 and b'\n     "count"' in indented.content
    plain = client.get("/api/v1/routes/")
    assert b"\n" not in plain.content.strip()
    assert plain.json() == indented.json()


@pytest.mark.parametrize("url", ["/api/v1/events/no-such-event/", "/api/v1/venues/no-such-venue/",
                                 "/api/v1/routes/no-such-route/", "/api/v1/venues/no-such-venue/way-back"])
def test_a_404_is_in_the_clients_language_and_names_no_model(client, plan, url):
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").json()["detail"]
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    assert english == "Not found."
    assert chinese != english and "matches the given query" not in chinese
    assert all(model not in chinese + english for model in ("Event", "Venue", "Route"))
