"""The answer cache: repeats answered from it with the same bytes, new data or settings never
served old answers, errors never kept, and the LRU stays inside its bounds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from treasury_leverage.web import Limits, create_app
from treasury_leverage.web.cache import ResponseCache, encode_json, vintage_token
from treasury_leverage.web.routes_pages import _flows_start, default_view_requests

SPEC: dict[str, Any] = {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 100, "days": 20}}],
                        "models": ["beltran2013"], "draws": 50, "seed": 3}


@pytest.fixture(scope="module")
def cached() -> Iterator[TestClient]:
    app = create_app(limits=Limits(timeout_s=120.0))
    # each test gets its own TLEV_HOME (tests/conftest.py), hence another vintage token: trust the
    # first one here, or a request slower than the TTL would straddle two tests' tokens
    app.state.cache._ttl_s = 3600.0
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def uncached() -> Iterator[TestClient]:
    with TestClient(create_app(limits=Limits(timeout_s=120.0, cache_bytes=0))) as c:
        yield c


def test_lru_keeps_inside_its_byte_and_entry_bounds() -> None:
    cache = ResponseCache(max_bytes=10, max_entries=3, token=lambda: "v1")
    keys = [cache.key("r", i) for i in range(5)]
    assert len(set(keys)) == 5
    cache.put(keys[0], b"aaaa")
    cache.put(keys[1], b"bbbb")
    assert cache.get(keys[0]) == b"aaaa"  # now the most recently used
    cache.put(keys[2], b"cccc")  # 12 bytes > 10: the least recently used (keys[1]) goes
    assert cache.get(keys[1]) is None and cache.get(keys[0]) == b"aaaa" and cache.get(keys[2]) == b"cccc"
    assert cache.size_bytes == 8 and cache.stats.evicted == 1
    for k in keys[3:]:
        cache.put(k, b"d")
    assert len(cache) == 3 and cache.get(keys[0]) is None  # entry bound
    cache.put(keys[4], b"x" * 11)  # larger than the whole cache: not kept, nothing dropped for it
    assert cache.get(keys[4]) == b"d"
    off = ResponseCache(max_entries=0, token=lambda: "v1")
    off.put(off.key("r"), b"a")
    assert not off.enabled and len(off) == 0


def test_key_follows_the_vintage_token_and_rereads_it_after_the_ttl() -> None:
    calls = []
    token = iter(["v1", "v2"])

    def fn() -> str:
        calls.append(1)
        return next(token)

    cache = ResponseCache(token=fn, ttl_s=3600.0)
    k1 = cache.key("scenario", {"seed": 0})
    assert cache.key("scenario", {"seed": 0}) == k1 and len(calls) == 1  # trusted within the TTL
    assert cache.key("scenario", {"seed": 1}) != k1
    cache._ttl_s = 0.0  # expired: read again, and the new vintage gives new keys
    cache._token_at -= 1.0
    assert cache.key("scenario", {"seed": 0}) != k1 and len(calls) == 2


def test_vintage_token_changes_with_the_data_served(monkeypatch: pytest.MonkeyPatch) -> None:
    import treasury_leverage.data.api as api

    before = vintage_token()
    assert before == vintage_token()
    real = api.dataset_key

    def refreshed(name: str, **kwargs: Any) -> tuple[str, str, tuple[str, ...]]:
        ds, origin, files = real(name, **kwargs)
        if name == "holdings":
            return ds, "cache", (*files, "vintage-2027-01-01.parquet")
        return ds, origin, files

    monkeypatch.setattr(api, "dataset_key", refreshed)
    assert vintage_token() != before


def test_a_repeated_scenario_is_answered_from_the_cache_with_the_same_bytes(
        cached: TestClient, uncached: TestClient) -> None:
    first = cached.post("/api/scenario", json=SPEC)
    second = cached.post("/api/scenario", json=SPEC)
    assert first.status_code == second.status_code == 200
    assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
    assert first.content == second.content
    # the same answer as without the cache (the route's response model applied alike)
    plain = uncached.post("/api/scenario", json=SPEC)
    assert plain.headers["x-cache"] == "miss" and uncached.post("/api/scenario", json=SPEC).headers[
        "x-cache"] == "miss"
    assert json.loads(first.content) == plain.json()
    # another seed (or any other field) is another answer
    other = cached.post("/api/scenario", json={**SPEC, "seed": 4})
    assert other.headers["x-cache"] == "miss" and other.json()["spec_hash"] != first.json()["spec_hash"]
    # the same spec written differently (defaults spelled out) is the same answer
    spelled = {**SPEC, "actors": [{"holder": "japan", "sell": {"amount_usd_bn": 100.0, "days": 20}}]}
    assert cached.post("/api/scenario", json=spelled).headers["x-cache"] == "hit"


def test_errors_are_never_cached(cached: TestClient) -> None:
    cache: ResponseCache = cached.app.state.cache  # type: ignore[attr-defined]
    stored = cache.stats.stored
    bad = {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 1e9, "days": 20}}], "draws": 0}
    for _ in range(2):
        res = cached.post("/api/scenario", json=bad)
        assert res.status_code == 422 and "x-cache" not in res.headers
    assert cache.stats.stored == stored


def test_charts_and_flows_are_cached_per_arguments(cached: TestClient) -> None:
    for url in ("/api/charts/holders/Japan", "/api/flows/Japan?start=2024-01",
                "/api/charts/flows/Japan?start=2024-01"):
        a, b = cached.get(url), cached.get(url)
        assert (a.headers["x-cache"], b.headers["x-cache"]) == ("miss", "hit"), url
        assert a.content == b.content
    other = cached.get("/api/flows/Japan?start=2024-02")  # another window is another answer
    assert other.headers["x-cache"] == "miss" and other.json()["months"] != cached.get(
        "/api/flows/Japan?start=2024-01").json()["months"]


def test_the_dashboard_page_is_cached_with_its_security_policy(cached: TestClient) -> None:
    a, b = cached.get("/"), cached.get("/")
    assert (a.headers["x-cache"], b.headers["x-cache"]) == ("miss", "hit") and a.text == b.text
    assert b.headers["content-type"].startswith("text/html") and "default-src 'self'" in b.headers[
        "content-security-policy"]
    assert 'id="impact-chart"' in b.text


def test_encode_json_refuses_nan() -> None:
    assert encode_json({"a": [1, 2.5, None, "é"]}) == '{"a":[1,2.5,null,"é"]}'.encode()
    with pytest.raises(ValueError):
        encode_json({"a": float("nan")})


@pytest.mark.parametrize(("date", "months", "start"), [
    ("2025-12-31", 24, "2024-01"), ("2025-01-31", 24, "2023-02"), ("2025-06-30", 1, "2025-06"),
    ("2025-01-31", 13, "2024-01")])
def test_flows_start_is_the_pages_window(date: str, months: int, start: str) -> None:
    assert _flows_start(date, months) == start


def test_default_view_requests_are_the_pages_first_requests() -> None:
    context = {"features": {"scenario": True, "game": True, "holdings_charts": True},
               "holders": ["Japan", "China"], "default_draws": 2000,
               "latest": {"Japan": {"date": "2025-12-31", "holdings_usd_bn": 1200.0}},
               "defaults": {"flows_window_months": 24, "sale_days": 60, "sale_usd_bn": 300.0,
                            "tariff_pct": 10.0}}
    reqs = {(m, u): body for m, u, body in default_view_requests(context)}
    assert ("GET", "/api/charts/flows/Japan?start=2024-01") in reqs
    assert ("GET", "/api/flows/Japan?start=2024-01") in reqs
    assert ("GET", "/api/charts/holders/Japan") in reqs
    assert reqs[("POST", "/api/scenario?chart=true")] == {
        "actors": [{"holder": "Japan", "action": {"kind": "sell", "amount_usd_bn": 300.0, "days": 60}}],
        "draws": 2000, "seed": 0}
    game = [u for m, u in reqs if u.startswith("/api/game/Japan?")]
    assert game and "response=sell+300bn+60d" in game[0]
    assert "draws=1000" in game[0] and "tariff_pct=10" in game[0]
    assert not any(u.startswith("/api/game") for _, u, _ in default_view_requests(
        {**context, "features": {"scenario": True, "game": False}}))
