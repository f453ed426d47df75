"""schemathesis calls every operation of /api/v1/openapi.json in-process with a valid token:
no answer is a server error, and every answer matches the schema.

One test walks every operation over the same records, a few examples each, so the run stays
well under a minute."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from repattern.wsgi import application
from tests.api.conftest import token_for

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]
EXAMPLES = 6


@pytest.fixture
def connection_kept():
    """Django's own test client keeps the test's database connection open across requests;
    called straight through WSGI, the app would close it after each one."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_every_operation_keeps_to_the_schema_with_a_valid_token(
    record, alice, northside, settings, connection_kept
):
    settings.API_REQUESTS_PER_MINUTE = 100_000
    headers = {"Authorization": f"Bearer {token_for(alice, northside, 'write')}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 18

    for operation in operations:

        @given(case=operation.as_strategy())
        @examples(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_the_schema(case: schemathesis.Case) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        keeps_to_the_schema()
