"""gunicorn settings for production and `make serve`: `gunicorn nightlife.wsgi -c deploy/gunicorn.conf.py`.

Everything is read from the environment, like the Django settings. Logs, the access log
included, go to stdout as one JSON object per line (python-json-logger), each time in Luoyang
time with its offset, the master's lines too (nightlife/logs.py).
"""

import os

from nightlife.logs import stdout_logging  # gunicorn runs from the repository root

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two or three workers per core; each keeps one database connection open (CONN_MAX_AGE).
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A worker stuck longer than this is replaced; the database gives up after DB_CONNECT_TIMEOUT.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then so a slow leak cannot grow all evening.
max_requests = 2000
max_requests_jitter = 200
# No control socket in the home folder (gunicorn 25+).
control_socket_disable = True
# The proxy in front keeps connections to us short.
keepalive = 5
# A request line gunicorn refuses itself (a bare 400). Kept above the app's MAX_URL_LENGTH
# (nightlife/limits.py), so that an address too long for the site gets the app's plain 414 with
# its reason; only a line longer than any browser sends is cut off here, before Python reads it.
limit_request_line = 4094

accesslog = "-"
access_log_format = '%(h)s %({x-real-ip}i)s %(r)s %(s)s %(b)s %(M)sms "%(a)s"'
logconfig_dict = stdout_logging("INFO", loggers={
    name: {"handlers": ["stdout"], "level": "INFO", "propagate": False}
    for name in ("gunicorn.error", "gunicorn.access")
})

# --- Scheduled changes -------------------------------------------------------------------------
# With APPLY_SCHEDULED_EVERY=<seconds> (`make run` and `make serve` set 30), the master starts
# `manage.py apply_scheduled_changes --every <seconds>` beside the workers and stops it on exit;
# a process, not a thread, since the master forks workers. Production leaves it unset and runs
# the command from a timer instead (docs/deploy.md); running both is safe, a change is applied
# once.
APPLY_SCHEDULED_EVERY = os.environ.get("APPLY_SCHEDULED_EVERY", "")
_scheduler = None


def _start_scheduler(server) -> None:
    import subprocess
    import sys

    global _scheduler
    if not APPLY_SCHEDULED_EVERY or (_scheduler is not None and _scheduler.poll() is None):
        return
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    _scheduler = subprocess.Popen([sys.executable, os.path.join(root, "manage.py"), "apply_scheduled_changes",
                                   "--every", APPLY_SCHEDULED_EVERY], cwd=root, stdin=subprocess.DEVNULL)
    server.log.info("Scheduled changes: applied every %s s by process %s", APPLY_SCHEDULED_EVERY, _scheduler.pid)


def when_ready(server):
    _start_scheduler(server)


def pre_fork(server, worker):
    _start_scheduler(server)  # started again if it died (a worker is forked on every recycle)


def on_exit(server):
    if _scheduler is not None and _scheduler.poll() is None:
        _scheduler.terminate()
        try:
            _scheduler.wait(timeout=10)
        except Exception:
            _scheduler.kill()
