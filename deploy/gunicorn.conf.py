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

accesslog = "-"
access_log_format = '%(h)s %({x-real-ip}i)s %(r)s %(s)s %(b)s %(M)sms "%(a)s"'
logconfig_dict = stdout_logging("INFO", loggers={
    name: {"handlers": ["stdout"], "level": "INFO", "propagate": False}
    for name in ("gunicorn.error", "gunicorn.access")
})
