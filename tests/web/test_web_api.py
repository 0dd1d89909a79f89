"""The web API returns the Python API's records, maps errors to 4xx/503 naming the field, and
keeps its limits. (Named test_web_api.py: tests/data/test_api.py already holds the name.)"""

from __future__ import annotations

import math
import time
from typing import Any

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

import treasury_leverage.web as web
from treasury_leverage.web import Limits, create_app
from treasury_leverage.web._common import compute
from treasury_leverage.web.limits import BodySizeLimit


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and (b is None or (isinstance(b, float) and math.isnan(b)))
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)


def test_public_names() -> None:
    assert set(web.__all__) == {"Limits", "create_app", "features"}


def test_status_lists_every_dataset(client: TestClient) -> None:
    import treasury_leverage.data as tld

    body = client.get("/api/status").json()
    assert [d["dataset"] for d in body["datasets"]] == list(tld.status()["dataset"])
    holdings = next(d for d in body["datasets"] if d["dataset"] == "holdings")
    assert holdings["unit"] == "USD bn" and holdings["origin"] in ("snapshot", "cache")


def test_ranking_equals_python_api(client: TestClient) -> None:
    from treasury_leverage.holdings import ranking

    body = client.get("/api/holders", params={"date": "2025-06", "top": 5}).json()
    table = ranking("2025-06", top=5)
    assert body["date"] == table.attrs["date"] == "2025-06-30"
    assert [h["holder"] for h in body["holders"]] == list(table["holder"])
    assert [h["rank"] for h in body["holders"]] == [1, 2, 3, 4, 5]
    for row, (_, ref) in zip(body["holders"], table.iterrows(), strict=True):
        assert _close(row["holdings_usd_bn"], ref["holdings_usd_bn"])
        assert _close(row["share_of_foreign_pct"], ref["share_of_foreign_pct"])
    assert _close(body["grand_total_usd_bn"], table.attrs["grand_total_usd_bn"])


def test_holder_history_profile_and_runoff(client: TestClient) -> None:
    from treasury_leverage.holdings import holder_history, runoff_schedule

    body = client.get("/api/holders/japan", params={"start": "2024-01"}).json()
    hist = holder_history("japan", "2024-01")
    assert body["holder"] == "Japan"
    assert [r["date"] for r in body["history"]] == [f"{d:%Y-%m-%d}" for d in hist.index]
    assert all(_close(r["holdings_usd_bn"], v) for r, v in zip(body["history"], hist["holdings_usd_bn"],
                                                                  strict=True))
    buckets = body["maturity_profile"]["buckets"]
    assert math.isclose(sum(b["share_of_holdings_pct"] for b in buckets), 100.0, rel_tol=1e-9)
    runoff = runoff_schedule("Japan")
    assert [y["year"] for y in body["runoff"]["years"]] == list(range(1, 11))
    assert _close(body["runoff"]["years"][-1]["cumulative_usd_bn"], runoff["cumulative_usd_bn"].iloc[-1])


def test_flows_verdict_and_months(client: TestClient) -> None:
    from treasury_leverage.holdings import flows

    body = client.get("/api/flows/japan", params={"start": "2024-01", "end": "2024-12"}).json()
    frame = flows("japan", "2024-01", "2024-12")
    assert body["verdict"] == frame.attrs["verdict"]
    assert len(body["months"]) == 12
    assert all(_close(m["net_purchases_usd_bn"], v)
               for m, v in zip(body["months"], frame["net_purchases_usd_bn"], strict=True))


def test_curve_par_equals_published_row(client: TestClient) -> None:
    import treasury_leverage.data as tld

    body = client.get("/api/curves/2025-04-09").json()
    row = tld.par_curve().loc["2025-04-09"].dropna()
    assert body["date"] == "2025-04-09" and body["kind"] == "par"
    published = {str(k): float(v) for k, v in row.items()}
    assert {p["tenor"]: p["par_yield_pct"] for p in body["points"]} == published
    # a weekend asks for the Friday before
    sat = client.get("/api/curves/2025-04-12", params={"kind": "zero"}).json()
    assert sat["date"] == "2025-04-11" and sat["requested_date"] == "2025-04-12"
    assert all(p["zero_yield_pct"] is not None for p in sat["points"])


def test_curve_move_equals_decomposition(client: TestClient) -> None:
    import treasury_leverage.data as tld
    from treasury_leverage.curves import decompose_move, par_curve_on

    body = client.get("/api/curves/move", params={"start": "2025-04-01", "end": "2025-04-30"}).json()
    par = tld.par_curve()
    ref = decompose_move(par_curve_on(par, "2025-04-01"), par_curve_on(par, "2025-04-30"))
    assert _close(body["level_bp"], ref.level_bp) and _close(body["slope_bp"], ref.slope_bp)
    parts = body["zero"][0]
    assert math.isclose(parts["level_bp"] + parts["slope_bp"] + parts["curvature_bp"] + parts["residual_bp"],
                        parts["change_bp"], abs_tol=1e-9)


def test_termpremium_and_episode_equal_python_api(client: TestClient) -> None:
    from treasury_leverage.termpremium import decompose, term_premium_series

    body = client.get("/api/termpremium", params={"maturity": 10, "start": "2024-01-01"}).json()
    frame = term_premium_series(10, start="2024-01-01")
    assert len(body["points"]) == len(frame)
    last = body["points"][-1]
    assert _close(last["term_premium_pct"], frame["term_premium_pct"].iloc[-1])
    assert math.isclose(last["fitted_yield_pct"], last["risk_neutral_yield_pct"] + last["term_premium_pct"],
                        abs_tol=1e-9)
    ep = client.get("/api/episode", params={"start": "2025-04-01", "end": "2025-04-30"}).json()
    assert ep == decompose("2025-04-01", "2025-04-30").to_dict()


def test_impact_equals_python_api_and_compare_runs_every_model(client: TestClient) -> None:
    from treasury_leverage.impact.base import SalesPath
    from treasury_leverage.impact.registry import MODELS, get_model

    params = {"sell": 300, "maturity": "10y", "model": "habitat", "days": 60, "draws": 2000, "seed": 3}
    body = client.get("/api/impact", params=params).json()
    path = SalesPath.even(300, "10y", periods=60, period="day")
    ref = get_model("habitat").impact(path, draws=2000, seed=3)
    ten = next(r for r in body["results"][0]["impacts"] if r["maturity_years"] == 10)
    assert _close(ten["end_impact_bp"], ref.end_bp("10y"))
    assert _close(ten["end_p95_bp"], ref.band("10y")["p95"])
    assert ten["end_p5_bp"] <= ten["end_p50_bp"] <= ten["end_p95_bp"]
    both = client.get("/api/impact", params={**params, "compare": True}).json()
    assert [r["model"] for r in both["results"]] == list(MODELS)
    # a bigger sale moves yields more, a zero sale not at all
    big = client.get("/api/impact", params={**params, "sell": 600}).json()
    ten_big = big["results"][0]["impacts"][5]
    assert ten_big["maturity_years"] == 10 and ten_big["end_impact_bp"] > ten["end_impact_bp"]
    zero = client.get("/api/impact", params={**params, "sell": 0}).json()
    assert all(r["end_impact_bp"] == 0 for r in zero["results"][0]["impacts"])


@pytest.mark.parametrize(
    ("url", "params", "loc"),
    [
        ("/api/impact", {"sell": -1}, ["query", "sell"]),
        ("/api/impact", {"sell": 10, "model": "belltran"}, ["query", "model"]),
        ("/api/impact", {"sell": 10, "maturity": "forever"}, ["query", "maturity"]),
        ("/api/impact", {"sell": 10, "draws": 20_001}, ["query", "draws"]),
        ("/api/holders", {"date": "2099-01"}, ["query", "date"]),
        ("/api/holders", {"top": 0}, ["query", "top"]),
        ("/api/holders/japan", {"start": "2030-01"}, ["query", "start"]),
        ("/api/flows/japan", {"start": "2025-13"}, ["query", "start"]),
        ("/api/curves/1900-01-02", {}, ["path", "date"]),
        ("/api/curves/not-a-date", {}, ["path", "date"]),
        ("/api/curves/move", {"start": "2025-04-30", "end": "2025-04-01"}, ["query", "end"]),
        ("/api/termpremium", {"maturity": 30}, ["query", "maturity"]),
        ("/api/episode", {"start": "2025-04-30"}, ["query", "end"]),
    ],
)
def test_invalid_input_is_422_naming_the_field(client: TestClient, url: str, params: dict[str, Any],
                                               loc: list[str]) -> None:
    res = client.get(url, params=params)
    assert res.status_code == 422, res.text
    detail = res.json()["detail"]
    assert any(d["loc"] == loc for d in detail), detail
    assert all(d["msg"] for d in detail)


def test_unknown_holder_is_404_with_suggestions(client: TestClient) -> None:
    res = client.get("/api/holders/japn")
    assert res.status_code == 404
    assert "Japan" in res.json()["detail"]
    assert client.get("/api/flows/narnia").status_code == 404


def test_nothing_in_a_request_reaches_the_file_system(client: TestClient) -> None:
    for url in ("/api/holders/..%2F..%2F..%2Fetc%2Fpasswd", "/api/curves/..%2Fpyproject.toml",
                "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2Fapp.py"):
        res = client.get(url)
        assert res.status_code in (404, 422), url
        assert "root:" not in res.text and "create_app" not in res.text


def test_data_unavailable_is_503(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from treasury_leverage.data import api
    from treasury_leverage.errors import DataUnavailable

    def missing(*args: Any, **kwargs: Any) -> Any:
        raise DataUnavailable("dataset 'holdings' is not in the store or the snapshot")

    monkeypatch.setattr(api, "holdings", missing)
    res = client.get("/api/holders")
    assert res.status_code == 503
    assert "holdings" in res.json()["detail"]


def test_cors_is_off_by_default_and_on_when_asked(client: TestClient) -> None:
    headers = {"Origin": "http://evil.example"}
    assert "access-control-allow-origin" not in client.get("/api/status", headers=headers).headers
    app = create_app(cors_origins=("http://ok.example",))
    with TestClient(app) as other:
        res = other.get("/api/status", headers={"Origin": "http://ok.example"})
        assert res.headers["access-control-allow-origin"] == "http://ok.example"


def test_request_timeout_is_503_and_abandoned_work_is_bounded() -> None:
    app = create_app(limits=Limits(timeout_s=0.2, max_concurrent=1))

    @app.get("/sleep/{seconds}")
    async def sleep(request: Request, seconds: float) -> Any:
        await compute(request, time.sleep, seconds)
        return {"slept_s": seconds}

    with TestClient(app) as c:
        res = c.get("/sleep/1.5")
        assert res.status_code == 503 and "0.2 s" in res.json()["detail"]
        assert c.get("/sleep/1.5").status_code == 503  # the first still runs, abandoned: 2 running
        busy = c.get("/sleep/0")
        assert busy.status_code == 503 and "busy" in busy.json()["detail"]
        assert app.state.pool.running == 2
        deadline = time.monotonic() + 10
        while app.state.pool.running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert app.state.pool.running == 0
        assert c.get("/sleep/0").json() == {"slept_s": 0.0}


def _echo_app(limit: int) -> Starlette:
    async def echo(request: Any) -> JSONResponse:
        return JSONResponse({"n": len(await request.body())})

    app = Starlette(routes=[Route("/echo", echo, methods=["POST"])])
    app.add_middleware(BodySizeLimit, max_bytes=limit)
    return app


def test_body_size_limit_declared_and_streamed() -> None:
    with TestClient(_echo_app(100)) as c:
        assert c.post("/echo", content=b"x" * 100).json() == {"n": 100}
        assert c.post("/echo", content=b"x" * 101).status_code == 413

        def chunks() -> Any:  # no Content-Length: counted as it arrives
            for _ in range(5):
                yield b"x" * 40

        res = c.post("/echo", content=chunks())
        assert res.status_code == 413
        assert "100 bytes" in res.text
    with TestClient(create_app(limits=Limits(max_body_bytes=1000))) as c:
        assert c.post("/api/status", content=b"{" * 5000).status_code == 413


def test_limits_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="max_draws"):
        Limits(max_draws=0)
    with pytest.raises(ValueError, match="timeout_s"):
        Limits(timeout_s=0)


def test_openapi_schema_carries_units_and_bounds(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/status", "/api/holders", "/api/holders/{holder}", "/api/flows/{holder}",
                 "/api/curves/{date}", "/api/curves/move", "/api/termpremium", "/api/episode", "/api/impact"):
        assert path in paths
    draws = next(p for p in paths["/api/impact"]["get"]["parameters"] if p["name"] == "draws")
    assert draws["schema"]["maximum"] == 20_000
    ranking = schema["components"]["schemas"]["RankingRow"]["properties"]
    assert "holdings_usd_bn" in ranking and "share_of_foreign_pct" in ranking


def test_docs_page_is_offline_and_lists_the_endpoints(client: TestClient) -> None:
    res = client.get("/docs")
    assert res.status_code == 200
    assert "/api/impact" in res.text and "/api/holders/{holder}" in res.text
    # the models are listed down to the rows, units in the field names
    assert 'id="model-RankingRow"' in res.text and "<code>holdings_usd_bn</code>" in res.text
    assert "cdn" not in res.text.lower() and "https://" not in res.text
    assert client.get("/redoc").status_code == 404


def test_dashboard_page_and_local_vega_bundle(client: TestClient) -> None:
    from treasury_leverage.holdings import ranking

    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert "https://" not in page.text and "http://" not in page.text
    top = ranking(top=3)["holder"].tolist()
    assert all(f'<option value="{h}"' in page.text for h in top)
    for label in ('for="holder"', 'for="action"', 'for="size"', 'for="horizon"', 'for="model"'):
        assert label in page.text
    bundle = client.get("/vendor/vega-bundle.js")
    assert bundle.status_code == 200 and bundle.headers["content-type"].startswith("text/javascript")
    assert "window.vegaEmbed" in bundle.text
    assert client.get("/static/dashboard.js").status_code == 200


def test_layers_can_be_disabled_and_the_page_falls_back_to_impact_only() -> None:
    with TestClient(create_app(disable=("scenario", "game", "brief"))) as c:
        paths = c.get("/openapi.json").json()["paths"]
        assert "/api/scenario" not in paths and "/api/game/{holder}" not in paths
        page = c.get("/").text
        assert 'for="maturity"' in page and "needs the scenario engine" in page
    with pytest.raises(ValueError, match="unknown layers"):
        create_app(disable=("everything",))


def test_chart_routes_return_vega_lite(client: TestClient) -> None:
    spec = client.get("/api/charts/impact", params={"sell": 300, "days": 60, "draws": 200}).json()
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert spec["title"].startswith("Selling USD 300bn of 10y")
    tp = client.get("/api/charts/termpremium", params={"start": "2020-01-01"}).json()
    assert "$schema" in tp
    ep = client.get("/api/charts/episode", params={"start": "2025-04-01", "end": "2025-04-30"}).json()
    assert ep["title"]["text"].startswith("Treasury yields 2025-04-01 -> 2025-04-30")
    curve = client.get("/api/charts/curves/2025-04-09", params={"kind": "zero"}).json()
    assert "zero curve, 2025-04-09" in curve["title"]
    assert client.get("/api/charts/curves/1900-01-01").json()["detail"][0]["loc"] == ["path", "date"]
    if web.features()["holdings_charts"]:
        for url in ("/api/charts/holders/japan", "/api/charts/flows/japan?start=2024-01",
                    "/api/charts/ranking"):
            assert "$schema" in client.get(url).json()
        assert client.get("/api/charts/holders/narnia").status_code == 404


needs_engine = pytest.mark.skipif(not web.features()["scenario"], reason="scenario engine not installed")
needs_game = pytest.mark.skipif(not web.features()["game"], reason="leverage game not installed")
needs_brief = pytest.mark.skipif(not web.features()["brief"], reason="brief not installed")


@needs_engine
def test_scenario_equals_the_engine(client: TestClient) -> None:
    from treasury_leverage.scenario.engine import run
    from treasury_leverage.web.routes_scenario import jsonable

    spec = {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 60}}],
            "models": ["beltran2013", "habitat"], "draws": 500, "seed": 1}
    body = client.post("/api/scenario", json=spec).json()
    ref = jsonable(run(spec).to_dict(full_paths=False))
    assert body["spec_hash"] == ref["spec_hash"]
    assert body["models"] == ref["models"]
    assert body["seller_bill"] == ref["seller_bill"]
    assert body["us_bill"] == ref["us_bill"]
    ten = body["models"][0]["end_shift_bands_bp"]["10y"]
    assert ten["p5"] <= body["models"][0]["end_shift_bp"]["10y"] <= ten["p95"]
    assert "daily_shift_bp" not in body["models"][0]
    central = {**spec, "draws": 0}
    assert client.post("/api/scenario", json=central).json()["seller_bill"] == jsonable(
        run(central).to_dict(full_paths=False))["seller_bill"]  # no band keys invented without draws
    full = client.post("/api/scenario", params={"full_paths": True}, json=spec).json()
    assert len(full["models"][0]["monthly_shift_bp"]) == full["n_months"] == 121


@needs_engine
@pytest.mark.parametrize(
    ("spec", "loc"),
    [
        ({"actors": [{"holder": "narnia", "sell": {"amount_usd_bn": 300}}]}, ["body", "actors", 0, "holder"]),
        ({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 30_000}}]},
         ["body", "actors", 0, "action", "amount_usd_bn"]),
        ({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": -3}}]},
         ["body", "actors", 0, "action", "sell", "amount_usd_bn"]),
        ({"actors": [{"holder": "japan", "pause": {"months": 12}}], "draws": 20_001}, ["body", "draws"]),
        ({"actors": [{"holder": "japan", "pause": {"months": 12}}], "models": ["nope"]}, ["body", "models"]),
        ({"surprise": 1}, ["body", "surprise"]),
    ],
)
def test_scenario_errors_name_the_field(client: TestClient, spec: dict[str, Any], loc: list[Any]) -> None:
    res = client.post("/api/scenario", json=spec)
    assert res.status_code == 422, res.text
    assert any(d["loc"] == loc for d in res.json()["detail"]), res.json()


@needs_game
def test_game_equals_python_api(client: TestClient) -> None:
    from treasury_leverage.game import leverage_game

    body = client.get("/api/game/japan", params={"response": "sell 300bn", "draws": 100, "seed": 2}).json()
    ref = leverage_game("japan", tariff_pct=[10.0], responses=["sell 300bn"], draws=100, seed=2).to_dict()
    assert body["verdicts"] == ref["verdicts"]
    assert body["holder_actions"] == ["hold", "sell 300bn"]
    cred = body["credibility"][0]
    assert cred["leverage_ratio"] == ref["credibility"][0]["leverage_ratio"]
    for bad in ("sell lots", "sell 99999bn", "pause 0m"):
        res = client.get("/api/game/japan", params={"response": bad})
        assert res.status_code == 422 and res.json()["detail"][0]["loc"] == ["query", "response"], res.text
    assert client.get("/api/game/narnia").status_code == 404


@needs_brief
def test_brief_is_self_contained_html(client: TestClient) -> None:
    res = client.get("/api/brief/japan", params={"draws": 0})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/html")
    assert "Japan" in res.text and "<script src=\"http" not in res.text
    assert client.get("/api/brief/narnia").status_code == 404


def test_warm_up_fills_caches_and_never_raises(monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    from treasury_leverage.web import app as app_module
    from treasury_leverage.web import routes_pages

    app_module.warm_up({"scenario": False})
    assert routes_pages._bundle is not None and "vegaEmbed" in routes_pages._bundle

    import treasury_leverage.holdings as holdings

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("no data today")

    monkeypatch.setattr(holdings, "ranking", broken)
    with caplog.at_level("WARNING", logger="treasury_leverage.web"):
        app_module.warm_up({"scenario": True})
    assert "warm-up of data and flows failed: no data today" in caplog.text
    assert "warm-up of scenario engine failed" in caplog.text
    with TestClient(create_app(warm=True)) as c:  # the server answers while it warms up
        assert c.get("/api/status").status_code == 200


def test_schemas_declare_every_key_the_library_gives(client: TestClient) -> None:
    """The U.S. bill's and the game's JSON keys (present values, deterrence curve...) are declared
    in web/schemas.py with their units, not passed through as undeclared extras."""
    from treasury_leverage.web.schemas import GameResponse, USBill

    body = client.post("/api/scenario", json={"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 100}}],
                                              "models": ["beltran2013"], "draws": 20, "seed": 1}).json()
    for bill in body["us_bill"].values():
        assert set(bill) <= set(USBill.model_fields), set(bill) - set(USBill.model_fields)
    game = client.get("/api/game/japan", params={"response": "sell 300bn", "draws": 10, "seed": 1,
                                                 "model": "beltran2013"}).json()
    assert set(game) <= set(GameResponse.model_fields), set(game) - set(GameResponse.model_fields)
    props = client.get("/openapi.json").json()["components"]["schemas"]["USBill"]["properties"]
    assert {"pv_extra_interest_usd_bn", "pv_horizon_years", "pv_extra_interest_bands_usd_bn"} <= set(props)
