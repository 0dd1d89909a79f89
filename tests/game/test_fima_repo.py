"""Sell without selling: the FIMA repo facility as a holder response (issue 13, item 6)."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.game.payoffs import engine_components, parse_response
from treasury_leverage.presets import preset_value
from treasury_leverage.scenario.repo import fima_repo_cost_usd_bn

MODELS = ["beltran2013", "duration_supply"]


def test_repo_cost_is_amount_times_spread_times_years() -> None:
    spread = preset_value("fima_repo_spread_over_iorb_bp")
    assert fima_repo_cost_usd_bn(300.0, 12, horizon_years=10) == pytest.approx(300.0 * spread / 1e4)
    # rolled beyond the horizon: only the horizon's months count
    assert fima_repo_cost_usd_bn(100.0, 120, horizon_years=1) == pytest.approx(100.0 * spread / 1e4)
    # present value: each month's payment discounted (flat 5% curve, continuous)
    pv = fima_repo_cost_usd_bn(100.0, 24, horizon_years=10, discount=lambda t: float(np.exp(-0.05 * t)))
    want = sum(100.0 * spread / 1e4 / 12 * np.exp(-0.05 * (k + 1) / 12) for k in range(24))
    assert pv == pytest.approx(want)
    default = fima_repo_cost_usd_bn(100.0, horizon_years=10)
    assert default == pytest.approx(100.0 * spread / 1e4 * preset_value("fima_repo_default_months") / 12)
    with pytest.raises(InputError, match="amount_usd_bn"):
        fima_repo_cost_usd_bn(-1.0, 12, horizon_years=10)
    with pytest.raises(InputError, match="months"):
        fima_repo_cost_usd_bn(1.0, 0, horizon_years=10)


def test_parse_repo_responses() -> None:
    r = parse_response("repo 300bn")
    assert (r.label, r.kind, r.action) == ("repo 300bn", "repo", {"amount_usd_bn": 300.0})
    r = parse_response("REPO 50bn 6m")
    assert (r.label, r.action) == ("repo 50bn 6m", {"amount_usd_bn": 50.0, "months": 6})
    with pytest.raises(InputError, match="repo 300bn"):
        parse_response("repo 25%")


def test_repo_cell_is_the_hold_cell_plus_the_facility_spread() -> None:
    """No market impact: the U.S. bill and the holder's market bill are those of holding, draw by
    draw; the holder pays the facility's spread in present value on top."""
    from treasury_leverage.scenario.engine import _basis

    comps, cells = engine_components("japan", tariffs_pct=[0.0, 10.0], responses=["hold", "repo 300bn"],
                                     models=MODELS, draws=8, seed=5)
    import datetime as dt

    basis = _basis(dt.date.fromisoformat(cells.start), {})
    cost = fima_repo_cost_usd_bn(300.0, horizon_years=basis.horizon_years, discount=basis.discount)
    assert cost > 0
    np.testing.assert_allclose(comps.holder_bill_usd_bn[:, :, 1], comps.holder_bill_usd_bn[:, :, 0] + cost)
    for f in ("us_interest_usd_bn", "us_mortgage_usd_bn", "tariff_revenue_usd_bn",
              "holder_export_loss_usd_bn"):
        np.testing.assert_array_equal(getattr(comps, f)[:, :, 1], getattr(comps, f)[:, :, 0])
    assert any("FIMA repo" in n for n in cells.notes)
    assert "fima_repo_spread_over_iorb_bp" in cells.presets_used


def test_brief_says_what_the_facility_does_to_must_sell() -> None:
    from treasury_leverage.assessment.scenarios import fima_repo_sentence as _fima_repo_sentence

    with pytest.MonkeyPatch.context() as mp:
        import treasury_leverage.presets as presets

        real = presets.preset_value
        mp.setattr(presets, "preset_value", lambda n, o=None: 10.0 if n == "fima_repo_spread_over_iorb_bp"
                   else real(n, o))
        text = _fima_repo_sentence()
    assert "FIMA repo" in text and "IORB + 10 bp" in text and "USD 0.10bn a year per USD 100bn" in text
    assert "need not sell" in text
