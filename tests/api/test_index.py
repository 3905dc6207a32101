"""/api/v1/ is an index of the API (issue 23, item 10): each endpoint with its address and what
it gives, and the schema and docs; it is in the schema."""

import pytest

pytestmark = pytest.mark.usefixtures("plan")


def test_the_index_lists_every_endpoint_with_an_address_that_answers(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    index = response.json()
    assert index["docs"] == "http://testserver/api/v1/docs/"
    assert index["schema"] == "http://testserver/api/v1/schema/"
    urls = {endpoint["name"]: endpoint["url"] for endpoint in index["endpoints"]}
    assert urls["venues"] == "http://testserver/api/v1/venues/"
    assert urls["event"] == "http://testserver/api/v1/events/{slug}/"
    assert all(endpoint["description"] for endpoint in index["endpoints"])
    slugs = {"venue": "xigong-xiaojie", "venue-way-back": "xigong-xiaojie", "event": "jiuzhouchi-chishang-fanhua",
             "event-way-back": "jiuzhouchi-chishang-fanhua", "route": "9"}
    for name, url in urls.items():
        path = url.removeprefix("http://testserver").replace("{slug}", slugs.get(name, ""))
        assert client.get(path).status_code == 200, path


def test_the_index_is_in_the_schema(client):
    document = client.get("/api/v1/schema/").json()
    operation = document["paths"]["/api/v1/"]["get"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(document["components"]["schemas"][ref]["properties"]) == {"version", "docs", "schema", "endpoints"}
