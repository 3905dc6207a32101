"""The one JSON log format (python-json-logger), shared by Django's LOGGING and gunicorn's
config so application and access logs read alike. Imports nothing from Django: gunicorn loads
it before any app code."""

import datetime as dt
from zoneinfo import ZoneInfo

from pythonjsonlogger.json import JsonFormatter

# The site's time zone: settings.TIME_ZONE is this one.
SITE_TIME_ZONE = "Asia/Shanghai"


class SiteTimeJsonFormatter(JsonFormatter):
    """JSON lines whose "time" is ISO 8601 in SITE_TIME_ZONE with its offset
    (2026-05-08T21:30:00.123+08:00), whatever the process's own TZ: gunicorn's master never
    loads Django, which sets TZ in the workers, so local times would mix UTC and +08:00."""

    def formatTime(self, record, datefmt=None):
        return dt.datetime.fromtimestamp(record.created, ZoneInfo(SITE_TIME_ZONE)).isoformat(timespec="milliseconds")


JSON_FORMATTER = {
    "()": "nightlife.logs.SiteTimeJsonFormatter",
    "fmt": ["asctime", "levelname", "name", "message"],
    "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
}


def stdout_logging(level: str, loggers: dict | None = None) -> dict:
    """A dictConfig writing one JSON object per line to stdout at `level`."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": JSON_FORMATTER},
        "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            # A Host header not in ALLOWED_HOSTS is a scanner's, answered with a plain 400
            # (nightlife/errors.py): not an ERROR for whoever reads the log. nginx's catch-all
            # server closes such requests before they reach us (docs/deploy.md).
            "django.security.DisallowedHost": {"level": "CRITICAL"},
            **(loggers or {}),
        },
    }
