"""``tlev scenario repo``: sell without selling, the same numbers as the game's repo response."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cli_helpers import run_cli
from treasury_leverage.errors import InputError
from treasury_leverage.presets import preset_value
from treasury_leverage.scenario.repo import fima_repo_cost_usd_bn, repo_scenario


def test_repo_scenario_equals_the_game_response() -> None:
    from treasury_leverage.game import leverage_game

    res = repo_scenario("japan", 300.0)
    game = leverage_game(
        "japan", tariff_pct=10.0, responses=["hold", "repo 300bn"], models=["beltran2013"], draws=0
    )
    a = next(x for x in game.assessments if x.response == "repo 300bn")
    np.testing.assert_allclose(a.holder_cost_usd_bn, res.cost_pv_usd_bn, rtol=1e-12)
    np.testing.assert_allclose(a.us_cost_usd_bn, 0.0, atol=1e-12)  # no market impact
    assert res.start == game.provenance["start"]
    assert res.market_impact_bp == 0.0 and res.us_cost_pv_usd_bn == 0.0
    spread = preset_value("fima_repo_spread_over_iorb_bp")
    assert res.spread_bp == spread
    assert res.cost_cash_usd_bn == pytest.approx(fima_repo_cost_usd_bn(300.0, horizon_years=10))
    assert 0 < res.cost_pv_usd_bn < res.cost_cash_usd_bn  # discounted
    assert any("60bn" in n for n in res.notes)  # beyond the facility's launch limit


def test_repo_scenario_months_and_errors() -> None:
    r24 = repo_scenario("japan", 100.0, 24)
    assert r24.months == 24 and r24.cost_cash_usd_bn == pytest.approx(
        100.0 * preset_value("fima_repo_spread_over_iorb_bp") / 1e4 * 2
    )
    with pytest.raises(InputError, match="amount_usd_bn"):
        repo_scenario("japan", 0.0)
    with pytest.raises(InputError, match="months"):
        repo_scenario("japan", 10.0, 0)


def test_cli_repo(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "scenario", "repo", "japan", "300", "--months", "12", "--format", "json")
    assert code == 0
    d = json.loads(out)
    want = repo_scenario("japan", 300.0, 12)
    assert d["holder_cost_pv_usd_bn"] == pytest.approx(want.cost_pv_usd_bn)
    assert d["market_impact_bp"] == 0.0 and d["spread_over_iorb_bp"] == want.spread_bp
    assert "fima_repo_spread_over_iorb_bp" in d["presets_used"] and "present value" in d["cost_basis"]
    code, out, _ = run_cli(capsys, "scenario", "repo", "japan", "300")
    assert code == 0 and "present value" in out and "FIMA repo" in out and "25 bp" in out
    code, out, err = run_cli(capsys, "scenario", "repo", "japan", "0")
    assert code != 0 and "amount_usd_bn" in err and "Traceback" not in err + out
