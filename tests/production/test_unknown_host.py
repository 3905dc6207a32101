"""An unknown Host header through gunicorn: a 400 on every URL and no ERROR line in the log."""

import http.client
from urllib.parse import urlsplit

from tests.production.conftest import gunicorn


def test_gunicorn_answers_an_unknown_host_with_400_and_logs_no_error(site_db, tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn({**site_db, "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "INFO"}, log_file=log) as url:
        for path in ["/", "/healthz", "/admin/login/", "/sitemap.xml"]:
            connection = http.client.HTTPConnection("127.0.0.1", urlsplit(url).port, timeout=10)
            connection.request("GET", path, headers={"Host": "evil.example"})
            response = connection.getresponse()
            body = response.read().decode()
            connection.close()
            assert response.status == 400, (path, body)
            assert "evil.example" not in body
    lines = log.read_text().splitlines()
    assert [line for line in lines if '"level": "ERROR"' in line or "Traceback" in line] == []
