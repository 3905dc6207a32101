"""The nginx in docs/deploy.md (and deploy/nginx-two-instances.conf) agrees with the app: it lets
through every body the app reads on purpose, serves /media/ with the app's own nosniff and CSP
headers, and closes requests for host names the site does not serve."""

import re

import pytest

from nightlife.limits import MAX_BODY_BYTES
from tests.production.conftest import ROOT

DOCS = (ROOT / "docs" / "deploy.md").read_text()
TWO_INSTANCES = (ROOT / "deploy" / "nginx-two-instances.conf").read_text()


def nginx_blocks(markdown: str) -> str:
    return "\n".join(re.findall(r"```nginx\n(.*?)```", markdown, re.S))


def block(config: str, opening: str) -> str:
    """The text of the first `opening {...}` block in `config`, braces balanced."""
    start = config.index(opening)
    depth, end = 0, start
    for end, char in enumerate(config[start:], start):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "}" and depth == 0:
            break
    return config[start:end + 1]


def policy(header: str) -> dict[str, set[str]]:
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: set(sources) for name, *sources in directives}


@pytest.mark.parametrize("config", [nginx_blocks(DOCS), TWO_INSTANCES], ids=["docs", "two-instances"])
def test_nginx_lets_through_every_body_the_app_itself_answers(config):
    """The app reads bodies up to MAX_BODY_BYTES, so that a 10.5 MB photo gets "over 10 MB" next
    to its field; nginx must not cut it off before with its own bare 413."""
    sizes = re.findall(r"client_max_body_size\s+(\d+)m;", config)
    assert sizes and {int(size) * 1024 * 1024 for size in sizes} == {MAX_BODY_BYTES}


@pytest.mark.django_db
def test_nginx_serves_media_with_the_apps_nosniff_and_csp(client):
    app = client.get("/robots.txt")
    media = block(nginx_blocks(DOCS), "location /media/")
    assert re.search(r'add_header X-Content-Type-Options "?nosniff"? always;', media)
    assert app["X-Content-Type-Options"] == "nosniff"
    [header] = re.findall(r'add_header Content-Security-Policy "([^"]+)" always;', media)
    assert policy(header) == policy(app["Content-Security-Policy"])


@pytest.mark.parametrize("config", [nginx_blocks(DOCS), TWO_INSTANCES], ids=["docs", "two-instances"])
def test_nginx_closes_requests_for_unknown_host_names(config):
    servers = [block(config[start:], "server {") for start in (m.start() for m in re.finditer(r"server \{", config))]
    [catch_all] = [server for server in servers if "default_server" in server]
    assert "return 444;" in catch_all
