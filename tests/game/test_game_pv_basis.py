"""The game on one basis (issue 13): both players' money in present value over the cost horizon."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.game.payoffs import engine_components
from treasury_leverage.presets import preset_value

MODELS = ["beltran2013", "duration_supply"]


def test_pv_cells_are_the_engines_present_values() -> None:
    """Draw by draw: the holder's bill is the engine's total_pv_usd_bn, the U.S. interest its PV."""
    from treasury_leverage.scenario.engine import run

    assert preset_value("game_cost_basis_pv") == 1.0  # the default basis
    comps, cells = engine_components("japan", tariffs_pct=[0.0], responses=["hold", "sell 100bn"],
                                     models=MODELS, draws=20, seed=3)
    info = cells
    assert info.engine_index is not None and info.draw_method == "exact"
    assert any("present value over" in n for n in info.notes)
    sale = run({"actors": [{"holder": "Japan", "sell": {"amount_usd_bn": 100.0, "days": 60}}],
                "models": MODELS, "draws": info.engine_draws, "seed": 3})
    for d in range(20):
        model, k = MODELS[d % 2], int(info.engine_index[d])
        bd = sale.bill_draws(model)
        assert bd.us_pv_usd_bn is not None
        pv_bill = bd.holder_usd_bn["Japan"]["total_pv_usd_bn"][k]
        assert comps.holder_bill_usd_bn[d, 0, 1] == pytest.approx(pv_bill)
        assert comps.us_interest_usd_bn[d, 0, 1] == pytest.approx(bd.us_pv_usd_bn[k])
    # a sale raises yields in every draw: the U.S. pays more
    assert np.all(comps.us_interest_usd_bn[:, 0, 1] > 0)


def test_tariff_revenue_lowers_the_fiscal_cost_by_the_bills_machinery() -> None:
    """The fiscal view nets the revenue as the U.S. bill machinery prices that negative borrowing:
    the debt saved at the horizon, discounted to the start like the extra interest."""
    from treasury_leverage.game.payoffs import PayoffWeights
    from treasury_leverage.scenario.engine import _basis
    from treasury_leverage.scenario.trade import trade_shortfall
    from treasury_leverage.scenario.us_bill import borrowing_flow_debt_usd_bn

    comps, cells = engine_components("japan", tariffs_pct=[0.0, 10.0], responses=["hold"], models=MODELS,
                                     draws=8, seed=4)
    assert cells.engine_index is not None
    h = int(preset_value("cost_horizon_years"))
    tc = trade_shortfall("Japan", 10.0, months=min(12 * h, 120), draws=cells.engine_draws,
                         seed=np.random.default_rng([4, 3000]))
    sh = tc.purchase_shortfall_usd_bn
    flow = -tc.tariff_revenue_usd_bn[:, None] / 12.0 * sh / sh[:, -1:]
    import datetime as dt

    df = _basis(dt.date.fromisoformat(cells.start), {}).discount(float(h))
    want = -borrowing_flow_debt_usd_bn(flow, horizons_years=(h,))[:, 0] * df
    assert comps.tariff_revenue_usd_bn[:, 1, 0] == pytest.approx(want[cells.engine_index], rel=1e-10)
    assert np.all(comps.tariff_revenue_usd_bn[:, 1, 0] > 0)
    w = PayoffWeights.from_presets({"game_us_view": 0.0, "game_us_tariff_aims_usd_bn": 0.0})
    assert w.us_view == "fiscal"
    pay = comps.us_payoff_usd_bn(w)
    assert pay[:, 1, 0] == pytest.approx(-comps.us_interest_usd_bn[:, 1, 0] + want[cells.engine_index])
