"""HEAD answers with the GET's headers and no body, from the page cache too: gunicorn has no body
bytes to drop (it logged "WSGI app sent body bytes on a no-body response" for every `curl -I`)."""

import http.client
from urllib.parse import urlsplit

import pytest

from tests.production.conftest import gunicorn

pytestmark = pytest.mark.processes


def request(url: str, method: str, path: str) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", urlsplit(url).port, timeout=30)
    connection.request(method, path)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def test_head_sends_no_body_rendered_cached_or_static(site_db, tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn({**site_db, "LOG_LEVEL": "INFO"}, log_file=log) as url:
        status, head, body = request(url, "HEAD", "/venues/")  # rendered: not cached yet
        assert (status, body) == (200, b"")
        assert head["ETag"]  # as the GET's: a rendered HEAD once had none
        status, _, page = request(url, "GET", "/venues/")  # rendered and stored
        assert status == 200
        status, cached, body = request(url, "HEAD", "/venues/")  # from the page cache
        assert (status, body) == (200, b"")
        assert int(cached["Content-Length"]) == len(page)  # the GET's length, as RFC 9110 allows
        assert cached["ETag"]
        for path in ["/en/events/", "/healthz", "/no-such-page/", "/static/css/site.css"]:
            assert request(url, "HEAD", path)[2] == b"", path
    assert "no-body response" not in log.read_text()
