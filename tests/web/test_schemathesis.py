"""Property-based tests of the web API from its own OpenAPI schema (schemathesis).

For any input the schema accepts, no endpoint answers 5xx (a 503 of the limits would be
documented, but none may happen at these sizes), every status code is one the schema documents,
and every response body matches its documented model (200s their response models, errors the
422/404/413/503 shapes). Examples are few per operation so the module stays well under a minute;
the draws cap is low for the same reason.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from treasury_leverage.web import Limits, create_app

APP = create_app(limits=Limits(max_draws=500, timeout_s=60.0))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_for_any_schema_valid_input(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, case.query, response.text[:500])
    case.validate_response(response, checks=[not_a_server_error, status_code_conformance,
                                             content_type_conformance, response_schema_conformance])
    if response.status_code != 200:
        assert response.json()["detail"], "an error says what was wrong"
