"""Reading the API as a partner does: JSON bodies, and every key they hold."""

import pytest

# What editors see in the admin and visitors never do: it must never leave the server.
EDITORS_ONLY = {"status", "publish_from", "publish_until", "source", "plan_key", "search_key", "position",
                "sort_group", "sort_number", "image", "id", "pk", "hours_note_en", "name_en", "slogan_en"}


def keys(data) -> set[str]:
    """Every key of a JSON body, at any depth."""
    if isinstance(data, dict):
        return set(data).union(*(keys(value) for value in data.values()))
    if isinstance(data, list):
        return set().union(*(keys(value) for value in data))
    return set()


def zh_names(items) -> list[str]:
    return [item["name"]["zh"] for item in items]


@pytest.fixture
def api(client):
    """api(url, status=200, **headers): the JSON body of a GET, after checking its status."""

    def get(url, status=200, **headers):
        response = client.get(url, **headers)
        assert response.status_code == status, f"{url}: {response.status_code} {response.content[:300]!r}"
        assert response["Content-Type"].startswith("application/json")
        return response.json()

    return get
