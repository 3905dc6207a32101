"""`make run` serves a browser without stalls: idle sockets (a browser's preconnects and kept-alive
connections) do not hold the workers while the next page waits."""

import socket
import subprocess
import time
from urllib.parse import urlsplit

from tests.production.conftest import ROOT, fetch, gunicorn


def make_run_command() -> str:
    """The gunicorn command line `make run` ends with, as make prints it, on the port "{port}"."""
    printed = subprocess.run(["make", "-s", "-n", "run", "PORT={port}"], cwd=ROOT, capture_output=True,
                             text=True, check=True, stdin=subprocess.DEVNULL).stdout
    [line] = [line for line in printed.replace("\\\n", " ").splitlines() if "gunicorn nightlife.wsgi" in line]
    return line


def test_make_run_answers_a_page_while_idle_sockets_are_open(site_db, tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn(site_db, command=["bash", "-c", make_run_command()], log_file=log) as url:
        assert fetch(url + "/")[0] == 200  # workers up, the page cache warm or not: either way fast
        idle = [socket.create_connection(("127.0.0.1", urlsplit(url).port)) for _ in range(3)]
        try:
            time.sleep(0.5)  # the workers have accepted them and wait for a request line
            started = time.monotonic()
            status, _, body = fetch(url + "/venues/")
            elapsed = time.monotonic() - started
        finally:
            for connection in idle:
                connection.close()
    assert status == 200 and 'class="site-header"' in body
    assert elapsed < 2, f"the page took {elapsed:.1f} s behind 3 idle sockets"
    assert "WORKER TIMEOUT" not in log.read_text()
