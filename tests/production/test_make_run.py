"""`make run` serves a browser without stalls: idle sockets (a browser's preconnects and kept-alive
connections) do not hold the workers while the next page waits."""

import socket
import subprocess
from urllib.parse import urlsplit

import pytest

from tests.production.conftest import ROOT, fetch, gunicorn, wait_for

pytestmark = pytest.mark.processes


def make_run_command() -> str:
    """The gunicorn command line `make run` ends with, as make prints it, on the port "{port}"."""
    printed = subprocess.run(["make", "-s", "-n", "run", "PORT={port}"], cwd=ROOT, capture_output=True,
                             text=True, check=True, stdin=subprocess.DEVNULL).stdout
    [line] = [line for line in printed.replace("\\\n", " ").splitlines() if "gunicorn nightlife.wsgi" in line]
    return line


def waiting_to_be_accepted(port: int) -> int:
    """Connections the kernel holds for the listening socket on `port` that no worker has accepted
    yet (a LISTEN socket's rx_queue in /proc/net/tcp is its accept queue)."""
    with open("/proc/net/tcp") as table:
        for line in table.read().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
                return int(fields[4].split(":")[1], 16)
    raise AssertionError(f"nothing listens on {port}")


def still_open(connection: socket.socket) -> bool:
    """True while the server keeps the connection (nothing to read yet); False once it closed it."""
    connection.setblocking(False)
    try:
        return connection.recv(1) != b""
    except BlockingIOError:
        return True
    except ConnectionResetError:
        return False


def test_make_run_answers_a_page_while_idle_sockets_are_open(site_db, tmp_path):
    log = tmp_path / "gunicorn.log"
    with gunicorn(site_db, command=["bash", "-c", make_run_command()], log_file=log) as url:
        port = urlsplit(url).port
        assert fetch(url + "/")[0] == 200
        idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        try:
            # The workers have taken the idle sockets and wait on them for a request line: a sync
            # worker would now be held until its timeout (the log then says WORKER TIMEOUT).
            wait_for(lambda: waiting_to_be_accepted(port) == 0, "the idle sockets to be accepted")
            status, _, body = fetch(url + "/venues/")
            # Served beside them, not after a worker gave up on one: every idle socket is still open.
            assert [still_open(connection) for connection in idle] == [True] * len(idle)
        finally:
            for connection in idle:
                connection.close()
    assert status == 200 and 'class="site-header"' in body
    assert "WORKER TIMEOUT" not in log.read_text()
