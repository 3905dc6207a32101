"""Schemathesis runs the whole schema against the Django WSGI app, on the plan: for every
operation, bounded generated requests; no 5xx, and every answer as the schema says."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import translation
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings as hypothesis_settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import positive_data_acceptance

from nightlife.wsgi import application


def served_schema() -> dict:
    """What /api/v1/schema/ serves (the last test checks they are the same), made without a
    request: schemathesis reads it when tests are collected, before there is a database."""
    with translation.override("en"):
        return SchemaGenerator().get_schema(request=None, public=True)


# What the API answers a request its schema calls invalid: a reason per parameter (400), no
# such address (404), or an address too long for the site (414, before any view).
CONFIG = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": ["400", "404", "414"]}}})
schema = schemathesis.openapi.from_dict(served_schema(), config=CONFIG)
schema.app = application


@pytest.fixture
def wsgi_in_test_transaction(plan, settings):
    """The WSGI app called in this thread, inside the test's transaction: a real WSGI server
    closes the database connection after each request (close_old_connections), which would end
    the transaction the plan lives in. The rate limit is tested on its own (test_http.py)."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1000000/minute"}}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(max_examples=15, deadline=None,
                     suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_operation_answers_as_its_schema_says(case, wsgi_in_test_transaction):
    # The in-process client does not undo gzip (test_http.py checks it): ask for plain JSON.
    # A theme slug or a cursor can match the schema and still name nothing: the documented
    # answer is a 400, so "valid data is accepted" cannot hold and is not checked.
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, excluded_checks=[positive_data_acceptance])


def test_the_schema_run_is_the_one_served(client, db):
    assert client.get("/api/v1/schema/").json() == schemathesis.openapi.from_dict(served_schema()).raw_schema
