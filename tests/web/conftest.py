"""Fixtures of the web tests: one app and one test client per module (the app is stateless)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from treasury_leverage.web import Limits, create_app


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    app = create_app(limits=Limits(max_draws=20_000, timeout_s=120.0))
    with TestClient(app) as c:
        yield c
