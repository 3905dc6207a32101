"""The production settings plus one trivial view, so a benchmark can measure the framework's
ceiling on the same server, middleware included: DJANGO_SETTINGS_MODULE=benchmarks.settings."""

from nightlife.settings import *  # noqa: F401,F403

ROOT_URLCONF = "benchmarks.urls"
