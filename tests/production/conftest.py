"""Real processes for production tests: manage.py and gunicorn in subprocesses, with the
environment production uses (a database file every process shares, Redis when REDIS_URL is set)."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def base_env(**overrides) -> dict[str, str]:
    """The environment of a production process on loopback, without this test run's settings."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "DATABASE_REPLICA_URL", "DEBUG", "HTTPS", "BEHIND_PROXY",
                          "PAGE_CACHE_SECONDS", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE",
                          "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL"}}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), DEBUG="false", HTTPS="false",
               ALLOWED_HOSTS="127.0.0.1,localhost,testserver", LOG_LEVEL="WARNING",
               CACHE_KEY_PREFIX=f"test-{secrets.token_hex(6)}")
    if "NIGHTLIFE_TEST_STATIC_ROOT" in os.environ:
        env["STATIC_ROOT"] = os.environ["NIGHTLIFE_TEST_STATIC_ROOT"]
    env.update(overrides)
    return env


@pytest.fixture(autouse=True)
def _static_for_processes(request):
    """Tests marked `processes` start manage.py or gunicorn, which need the collected files."""
    if request.node.get_closest_marker("processes"):
        request.getfixturevalue("collected_static")


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Production pages name static files by their hashed names from collectstatic's manifest.
    Collect once into a scratch folder, so these tests need no `make run` before them (a clean
    checkout has no staticfiles/); base_env() points every process at it."""
    root = tmp_path_factory.mktemp("staticfiles")
    os.environ["NIGHTLIFE_TEST_STATIC_ROOT"] = str(root)
    manage(base_env(DATABASE_URL=f"sqlite:///{root / 'unused.sqlite3'}"), "collectstatic", "--noinput", "-v0")
    assert (root / "staticfiles.json").exists(), "collectstatic wrote no manifest"
    yield root
    del os.environ["NIGHTLIFE_TEST_STATIC_ROOT"]


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} exited {result.returncode}:\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


EDITOR_PASSWORD = "a long pass phrase"


def prepare_database(env: dict[str, str]) -> None:
    """What production runs on a new database (migrate, createcachetable, load_plan), plus a
    superuser `editor`: in one process, since each start of Django costs a second."""
    manage(env, "shell", "-v0", "-c", f"""
from django.contrib.auth.models import User
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable")
call_command("load_plan", verbosity=0)
User.objects.create_superuser("editor", password="{EDITOR_PASSWORD}")
""")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int = 1, *, log_file: Path | None = None,
             command: list[str] | None = None):
    """A gunicorn serving the site on a free loopback port; yields its base URL.

    `command` replaces the default command line; "{port}" in it is the free port. Its output
    goes to `log_file` (a temporary file by default), never to a pipe nobody reads: a full pipe
    blocks gunicorn's master and workers mid-log, and the test would wait on them forever."""
    port = free_port()
    log = open(log_file, "w+") if log_file else tempfile.NamedTemporaryFile("w+", prefix="gunicorn-", suffix=".log")
    args = [arg.replace("{port}", str(port)) for arg in command] if command else [
        GUNICORN, "nightlife.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--no-control-socket", "--timeout", "60"]
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                               stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"

    def output() -> str:
        log.flush()
        log.seek(0)
        return log.read()[-20_000:]

    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError(f"gunicorn exited {process.returncode}:\n{output()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not start within 60 s:\n{output()}")
            time.sleep(0.1)
        try:
            yield url
        except BaseException:
            # Whatever failed, gunicorn's side of the story goes with it.
            print(f"--- gunicorn on {url} ---\n{output()}")
            raise
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def wait_for(condition, what: str, seconds: float = 30) -> None:
    """Polls `condition()` until it holds; fails naming `what` after `seconds` (a deadline for a
    hang, not a measure of speed)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.05)


def fetch(url: str, data: bytes | None = None, headers: dict | None = None):
    """(status, headers, body text) of one request; 4xx and 5xx are returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture(scope="session")
def prepared_site_db(collected_static, tmp_path_factory) -> Path:
    """A migrated SQLite file with the cache table, the plan and an editor, made once per run (and
    per xdist worker); its tests copy it (`site_db`)."""
    path = tmp_path_factory.mktemp("prepared") / "site.sqlite3"
    prepare_database(base_env(DATABASE_URL=f"sqlite:///{path}"))
    return path


@pytest.fixture
def site_db(prepared_site_db, tmp_path):
    """A database file of this test's own (a copy of the prepared one) that its processes share,
    and their environment (a cache key prefix of its own, so tests never share pages)."""
    path = tmp_path / "site.sqlite3"
    shutil.copyfile(prepared_site_db, path)
    return base_env(DATABASE_URL=f"sqlite:///{path}")
