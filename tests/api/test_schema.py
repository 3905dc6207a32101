"""The OpenAPI schema and its Swagger UI page: valid, complete, ours, and under the site's CSP."""

import re

from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

from events.filters import EventFilter
from venues.filters import VenueFilter

PATHS = {"/api/v1/venues/", "/api/v1/venues/{slug}/", "/api/v1/venues/{slug}/way-back", "/api/v1/events/",
         "/api/v1/events/{slug}/", "/api/v1/events/{slug}/way-back", "/api/v1/routes/", "/api/v1/routes/{slug}/",
         "/api/v1/tonight/", "/api/v1/last-buses/", "/api/v1/"}


def schema(client, **headers):
    response = client.get("/api/v1/schema/", **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oai.openapi+json"
    return response.json()


def parameters(document, path):
    return {parameter["name"] for parameter in document["paths"][path]["get"]["parameters"]}


def test_the_schema_is_valid_openapi_3_and_describes_every_endpoint(client, db):
    document = schema(client)
    validate(document)
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == PATHS
    assert all(set(operation) == {"get"} for operation in document["paths"].values())


def test_the_lists_take_exactly_the_pages_filters(client, db):
    document = schema(client)
    assert parameters(document, "/api/v1/venues/") == set(VenueFilter.base_filters) | {"cursor", "page_size"}
    assert parameters(document, "/api/v1/events/") == set(EventFilter.base_filters) | {"cursor", "page_size"}
    assert parameters(document, "/api/v1/venues/{slug}/way-back") == {"slug", "at"}


def test_the_schema_says_how_errors_and_the_rate_limit_answer(client, db):
    document = schema(client)
    for path, item in document["paths"].items():
        assert {"200", "429"} <= set(item["get"]["responses"]), path
    assert "404" in document["paths"]["/api/v1/venues/{slug}/"]["get"]["responses"]
    assert "400" in document["paths"]["/api/v1/events/"]["get"]["responses"]


def test_descriptions_are_english_whatever_the_clients_language_and_chinese_on_request(client, db):
    kind = "Programme"
    assert kind in str(schema(client, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "栏目" in str(client.get("/api/v1/schema/?lang=zh-hans").json())
    assert client.get("/api/v1/schema/?lang=xx").status_code == 200


def test_yaml_on_request(client, db):
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200 and response.content.startswith(b"openapi: 3.")


def test_the_docs_page_is_swagger_ui_from_our_own_files_with_no_inline_script(client, db):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "img-src 'self' data:" in policy  # Swagger UI's icons, on this page alone
    assert "data:" not in client.get("/api/v1/venues/")["Content-Security-Policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all('src="' in attributes and not body.strip() for attributes, body in scripts)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert all(asset.startswith("/") for asset in assets)  # no CDN, no other site
    for asset in assets:
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset
    assert 'data-schema-url="/api/v1/schema/"' in html
    assert "<noscript>" in html
