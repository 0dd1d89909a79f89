"""Issue 15's acceptance: one seeded question, identical numbers through every face.

Japan, the standard scenarios and game, small draws: ``treasury_leverage.assess()``,
``tlev scenario ... --format json``, ``tlev game --format json`` (its default question),
``tlev brief --format json``, and the web API give the same numbers (the dashboard's are read
in a real browser in ``tests/web/test_dashboard_browser.py``).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from cli_helpers import run_cli
from treasury_leverage.assessment import Assessment
from treasury_leverage.web import Limits, create_app

DRAWS, SEED = 200, 7


@pytest.fixture(scope="module")
def answer() -> Assessment:
    import treasury_leverage

    return treasury_leverage.assess("japan", draws=DRAWS, seed=SEED)


@pytest.fixture(scope="module")
def client() -> Any:
    with TestClient(create_app(limits=Limits(max_draws=20_000, timeout_s=300.0))) as c:
        yield c


def _scenario_numbers(d: dict[str, Any]) -> tuple[float, float, float, float]:
    """(10y impact p50, holder PV cost p50, U.S. PV cost p50, 10y permanent p50) of a scenario's JSON."""
    row = next(r for r in d["seller_bill"] if r["model"] == "pooled" and r["holder"] == "Japan"
               and r["item"] == "total_pv_usd_bn")
    us = d["us_bill"]["pooled"]["pv_extra_interest_bands_usd_bn"][1]
    pooled = next(m for m in d["models"] if m["model"] == "pooled")
    return (float(pooled["end_shift_bands_bp"]["10y"]["p50"]), float(row["p50"]), float(us),
            float(d["pooled"]["permanent_10y_p50_bp"]))


def _row_numbers(answer: Assessment, case: str) -> tuple[float | None, ...]:
    r = answer.scenario.row(case)
    return (r.impact_10y_bp, r.holder_cost_usd_bn, r.us_cost_usd_bn, r.impact_10y_permanent_bp)


def _flat(values: Any) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def _threats(d: dict[str, Any]) -> list[Any]:
    """Per threat of a GameResult's JSON: name, credible share, both costs (p50), leverage ratio (p50)."""
    return [(a["response"], _flat((a["credible_share_of_draws"], a["holder_cost_usd_bn"]["p50"],
                                   a["us_cost_usd_bn"]["p50"], a["leverage_ratio"]["p50"])))
            for a in d["credibility"]]


def _same_threats(shown: list[Any], answer: Assessment) -> None:
    want = [(r.response, _flat((r.credible_share_of_draws, r.holder_cost_usd_bn, r.us_cost_usd_bn,
                                 r.leverage_ratio))) for r in answer.game.rows]
    assert [name for name, _ in shown] == [name for name, _ in want]
    for (_, got), (name, expected) in zip(shown, want, strict=True):
        assert got == pytest.approx(expected, rel=1e-12, nan_ok=True), name


@pytest.mark.parametrize(("case", "argv"), [
    ("sell_300bn_60d", ["sell", "japan", "300", "--days", "60"]),
    ("pause_12m", ["pause", "japan", "--months", "12"]),
    ("runoff_24m", ["runoff", "japan", "--months", "24"]),
])
def test_tlev_scenario_answers_as_the_assessment(answer: Assessment, capsys: pytest.CaptureFixture[str],
                                                 case: str, argv: list[str]) -> None:
    code, out, err = run_cli(capsys, "scenario", *argv, "--draws", str(DRAWS), "--seed", str(SEED),
                             "--format", "json")
    assert code == 0, err
    assert _scenario_numbers(json.loads(out)) == pytest.approx(_row_numbers(answer, case), rel=1e-12)


def test_tlev_game_default_question_answers_as_the_assessment(answer: Assessment,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "game", "japan", "--draws", str(DRAWS), "--seed", str(SEED),
                             "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    _same_threats(_threats(data), answer)
    assert data["headline"] == answer.game.headline and data["verdicts"] == list(answer.game.statements)


def test_tlev_brief_json_is_the_assessment(answer: Assessment, capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "brief", "japan", "--format", "json", "--draws", str(DRAWS), "--seed",
                           str(SEED), "-o", str(tmp_path / "b"))
    assert code == 0, err
    brief = json.loads((tmp_path / "b" / "brief.json").read_text())
    mine = answer.to_dict()
    for part in ("holdings", "flows", "backdrop", "scenario", "game"):
        shown = {k: v for k, v in brief[part].items() if k not in ("charts", "title")}
        assert shown == mine[part], part
    assert brief["provenance"]["presets"] == mine["provenance"]["presets"]


def test_web_api_answers_as_the_assessment(answer: Assessment, client: Any) -> None:
    resp = client.get("/api/game/japan", params={"draws": DRAWS, "seed": SEED})  # the default question
    assert resp.status_code == 200, resp.text
    _same_threats(_threats(resp.json()), answer)
    resp = client.post("/api/scenario", json={"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300,
                                                                                     "days": 60}}],
                                              "draws": DRAWS, "seed": SEED})
    assert resp.status_code == 200, resp.text
    assert _scenario_numbers(resp.json()) == pytest.approx(_row_numbers(answer, "sell_300bn_60d"), rel=1e-12)
