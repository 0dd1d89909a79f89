"""One seeded question, the same numbers on every face (issue 13, item 7).

Python API, ``tlev scenario`` / ``tlev game`` JSON, the web API and ``tlev brief --format json``
for Japan and China: the 10-year pooled permanent impact, both sides' present-value costs and
the threats' credibility shares.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cli_helpers import run_cli
from treasury_leverage.web import Limits, create_app

DRAWS, SEED = 40, 7
HOLDERS = {"japan": "Japan", "china": "China, Mainland"}


def _pv_costs(d: dict[str, Any], holder: str) -> tuple[float, float, float]:
    """(holder PV cost p50, U.S. PV cost p50, 10y permanent p50) from a scenario result's JSON."""
    row = next(r for r in d["seller_bill"] if r["model"] == "pooled" and r["holder"] == holder
               and r["item"] == "total_pv_usd_bn")
    us = d["us_bill"]["pooled"]["pv_extra_interest_bands_usd_bn"][1]
    return float(row["p50"]), float(us), float(d["pooled"]["permanent_10y_p50_bp"])


def _threats(d: dict[str, Any]) -> list[float]:
    """Per threat (sorted): credible share, holder PV cost p50, U.S. PV cost p50."""
    return [float(v) for a in sorted(d["credibility"], key=lambda a: a["response"])
            for v in (a["credible_share_of_draws"], a["holder_cost_usd_bn"]["p50"],
                      a["us_cost_usd_bn"]["p50"])]


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app(limits=Limits(max_draws=20_000, timeout_s=120.0))) as c:
        yield c


@pytest.mark.parametrize("holder", sorted(HOLDERS))
def test_one_question_one_answer(holder: str, client: Any, capsys: pytest.CaptureFixture[str],
                                 tmp_path: Path) -> None:
    from treasury_leverage._json import to_jsonable
    from treasury_leverage.game import leverage_game
    from treasury_leverage.scenario import run, sell_spec

    name = HOLDERS[holder]
    # the scenario: sell $300bn over 60 business days
    api = json.loads(json.dumps(to_jsonable(
        run(sell_spec(holder, 300.0, days=60, draws=DRAWS, seed=SEED)).to_dict())))
    want = _pv_costs(api, name)
    code, out, _ = run_cli(capsys, "scenario", "sell", holder, "300", "--days", "60", "--draws", str(DRAWS),
                           "--seed", str(SEED), "--format", "json")
    assert code == 0
    assert _pv_costs(json.loads(out), name) == pytest.approx(want, rel=1e-9)
    resp = client.post("/api/scenario", json={"actors": [{"holder": holder, "sell": {"amount_usd_bn": 300,
                                                                                     "days": 60}}],
                                              "draws": DRAWS, "seed": SEED})
    assert resp.status_code == 200, resp.text
    assert _pv_costs(resp.json(), name) == pytest.approx(want, rel=1e-9)
    code, _, _ = run_cli(capsys, "brief", holder, "--format", "json", "--draws", str(DRAWS), "--seed",
                         str(SEED), "-o", str(tmp_path / "b"))
    assert code == 0
    brief = json.loads((tmp_path / "b" / "brief.json").read_text())
    row = next(r for r in brief["scenario"]["rows"] if r["case"] == "sell_300bn_60d")
    assert (row["holder_cost_usd_bn"], row["us_cost_usd_bn"], row["impact_10y_permanent_bp"]) == \
        pytest.approx(want, rel=1e-9)

    # the game: a 10% tariff against the brief's responses
    responses = ["hold", *(r["response"] for r in brief["game"]["rows"])]
    game = json.loads(json.dumps(to_jsonable(
        leverage_game(holder, tariff_pct=10.0, responses=responses, draws=DRAWS, seed=SEED).to_dict())))
    threats = _threats(game)
    assert len(threats) == 3 * (len(responses) - 1) and all(0.0 <= v <= 1.0 for v in threats[::3])
    args = [a for r in responses for a in ("--response", r)]
    code, out, _ = run_cli(capsys, "game", holder, "--tariff", "10", *args, "--draws", str(DRAWS), "--seed",
                           str(SEED), "--format", "json")
    assert code == 0
    assert _threats(json.loads(out)) == pytest.approx(threats, rel=1e-9)
    resp = client.get(f"/api/game/{holder}", params={"tariff_pct": 10, "response": responses,
                                                      "draws": DRAWS, "seed": SEED})
    assert resp.status_code == 200, resp.text
    assert _threats(resp.json()) == pytest.approx(threats, rel=1e-9)
    rows = [float(v) for r in sorted(brief["game"]["rows"], key=lambda r: r["response"])
            for v in (r["credible_share_of_draws"], r["holder_cost_usd_bn"], r["us_cost_usd_bn"])]
    assert rows == pytest.approx(threats, rel=1e-9)


def test_default_draws_are_the_presets_on_every_face(client: Any) -> None:
    """`tlev game` and the brief take the preset's draws when none are given; so does the web API."""
    from treasury_leverage._defaults import BRIEF_DRAWS
    from treasury_leverage.presets import preset_value

    game_draws = int(preset_value("default_draws"))
    assert game_draws == BRIEF_DRAWS
    params = client.get("/openapi.json").json()["paths"]["/api/game/{holder}"]["get"]["parameters"]
    draws = next(p for p in params if p["name"] == "draws")
    assert draws["schema"]["default"] == game_draws
