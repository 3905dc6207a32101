"""Shared by the benchmark scripts: run gunicorn on loopback, drive it with wrk, read wrk's report.

Everything stays on 127.0.0.1 and stops by itself (bounded durations, processes killed on exit).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")


def database_url(scale: int) -> str:
    base = os.environ.get("BENCH_DATABASE_URL")
    if not base:
        sys.exit("Set BENCH_DATABASE_URL=postgres://user:pass@host:port (the script adds one database per scale).")
    return f"{base.rstrip('/')}/nightlife_bench_x{scale}"


def ensure_data(scale: int) -> None:
    """Create and fill the scale's database unless it is already filled."""
    import psycopg2

    url = database_url(scale)
    admin = psycopg2.connect(url.rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [url.rsplit("/", 1)[1]])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
    admin.close()
    env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "ERROR"}
    check = subprocess.run([PYTHON, "-c", (
        "import os,sys,django;sys.path.insert(0,'.');os.environ.setdefault('DJANGO_SETTINGS_MODULE','nightlife.settings');"
        "django.setup();from django.core.management import call_command;call_command('createcachetable');"
        "call_command('migrate',verbosity=0);from venues.models import Venue;print(Venue.objects.count())")],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    if int(check.stdout.strip().splitlines()[-1]) != 10 * scale:
        subprocess.run([PYTHON, "benchmarks/generate", "--scale", str(scale), "--reset"], cwd=ROOT, env=env,
                       check=True)


def manage(*args: str, env: dict) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def base_env(**overrides: str) -> dict:
    """The environment a production-like server runs with on loopback (plain HTTP). Static files
    are collected into a scratch folder of their own, not the work tree's staticfiles/ that
    tests and `make run` read."""
    env = {**os.environ, "DEBUG": "false", "HTTPS": "false", "LOG_LEVEL": "WARNING",
           "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-secret-key-" + "x" * 40),
           "ALLOWED_HOSTS": "127.0.0.1,localhost",
           "STATIC_ROOT": os.environ.get("BENCH_STATIC_ROOT", str(Path(tempfile.gettempdir()) / "nightlife-bench-static"))}
    env.update(overrides)
    return env


@contextmanager
def gunicorn(env: dict, *, port: int, workers: int, settings: str = "benchmarks.settings",
             app: str = "nightlife.wsgi", health: str | None = None):
    """A gunicorn (sync workers) serving `app` on 127.0.0.1:`port` until the block ends; the site
    by default, or another project (benchmarks/ceiling) with its settings and `health` path."""
    if app == "nightlife.wsgi":
        # Production pages name static files from collectstatic's manifest; a clean checkout has none.
        manage("collectstatic", "--noinput", "-v0", env=env)
    log = tempfile.NamedTemporaryFile(prefix="bench-gunicorn-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [GUNICORN, app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--no-control-socket", "--timeout", "30", "--access-logfile", "/dev/null"],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": settings}, stdout=log, stderr=log,
        start_new_session=True)
    if health is None:
        health = "/__trivial__" if settings == "benchmarks.settings" else "/healthz"
    try:
        wait_until_up(f"http://127.0.0.1:{port}{health}", process, log.name)
        yield process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def wait_until_up(url: str, process, log_path: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited: see {log_path}\n" + Path(log_path).read_text()[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer {url} within {timeout}s; see {log_path}")


def require_wrk() -> str:
    path = shutil.which("wrk")
    if not path:
        sys.exit("wrk is missing: apt-get install -y wrk")
    return path


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, *, connections: int, seconds: int, threads: int = 2, lua: str | None = None,
        headers: dict | None = None) -> dict:
    """Run wrk against `url`; returns requests/s, latency percentiles (ms), errors and non-2xx."""
    command = [require_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    script = None
    if lua:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(lua)
        script.close()
        command += ["-s", script.name]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if script:
        os.unlink(script.name)
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
              "requests": int(re.search(r"(\d+) requests in", output).group(1)),
              "non2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", output)) else 0,
              "errors": sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output)),
              "raw": output}
    for percentile in ("50", "90", "99"):
        match = re.search(rf"^\s+{percentile}%\s+(\S+)", output, re.M)
        result[f"p{percentile}"] = _ms(match.group(1)) if match else None
    return result


def replace_section(doc: Path, name: str, body: str) -> None:
    """Replace the text between <!-- name:start --> and <!-- name:end --> in `doc`."""
    text = doc.read_text(encoding="utf-8")
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start not in text:
        text += f"\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    doc.write_text(f"{before}{start}\n{body}\n{end}{after}", encoding="utf-8")


@contextmanager
def nginx(*, port: int, upstream: str, scratch: Path):
    """Debian's nginx on 127.0.0.1:`port` with deploy/nginx-two-instances.conf (the deploy's
    microcache and gzip) in front of `upstream` (host:port, as both of its instances), its pid,
    logs, temporary files and cache in `scratch`. Yields the base URL."""
    if not shutil.which("nginx"):
        sys.exit("nginx is missing: apt-get install -y nginx")
    shutil.rmtree(scratch, ignore_errors=True)
    for folder in ("logs", "tmp", "cache"):
        (scratch / folder).mkdir(parents=True)
    config = (ROOT / "deploy" / "nginx-two-instances.conf").read_text()
    for name, value in {"SCRATCH": scratch, "NGINX_PORT": port, "UPSTREAM_A": upstream, "UPSTREAM_B": upstream,
                        "STATIC": base_env()["STATIC_ROOT"]}.items():
        config = config.replace(f"@{name}@", str(value))
    (scratch / "nginx.conf").write_text(config)
    command = ["nginx", "-p", str(scratch), "-c", str(scratch / "nginx.conf")]
    subprocess.run([*command, "-t", "-q"], check=True)
    subprocess.run(command, check=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 10
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield url
    finally:
        subprocess.run([*command, "-s", "quit"], check=False)
