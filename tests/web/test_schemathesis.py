"""Property-based tests of the web API from its own OpenAPI schema (schemathesis).

For any input the schema accepts, no endpoint answers 5xx other than the documented 503s of the
limits, and every 200 matches its response model. Examples are few per operation so the module
stays well under a minute; the draws cap is low for the same reason.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings

from treasury_leverage.web import Limits, create_app

APP = create_app(limits=Limits(max_draws=500, timeout_s=60.0))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_error_for_any_schema_valid_input(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, case.query, response.text[:500])
    if response.status_code == 200:
        case.validate_response(response)
    else:
        body = response.json()
        assert body["detail"], "an error names what was wrong"
