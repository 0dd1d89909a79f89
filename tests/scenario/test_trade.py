"""The trade channel: zero tariff, monotonicity, hand-computed truths, names and draws."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.presets import get_preset
from treasury_leverage.scenario.trade import trade_shortfall


def test_zero_tariff_means_no_shortfall_and_no_costs() -> None:
    res = trade_shortfall("japan", 0.0, months=12)
    assert res.purchase_shortfall_usd_bn.shape == (1, 12)
    assert np.all(res.purchase_shortfall_usd_bn == 0.0)
    assert res.export_loss_usd_bn[0] == 0.0
    assert res.tariff_revenue_usd_bn[0] == 0.0
    assert res.us_consumer_cost_usd_bn[0] == 0.0


def test_japan_uses_the_2024_census_facts_and_the_formula() -> None:
    res = trade_shortfall("Japan", 25.0, months=24)
    assert res.holder == "Japan"
    assert res.us_imports_usd_bn == pytest.approx(148.2)
    assert res.us_exports_usd_bn == pytest.approx(79.7)
    eps = get_preset("import_demand_elasticity").value
    rho = get_preset("tariff_passthrough_to_us_prices").value
    share = get_preset("trade_treasury_recycling_share").value
    h = get_preset("trade_adjustment_half_life_months").value
    price = 1 + rho * 0.25
    earnings = 148.2 * price ** (-eps) * price / 1.25
    assert res.export_loss_usd_bn[0] == pytest.approx(148.2 - earnings)
    assert res.tariff_revenue_usd_bn[0] == pytest.approx(0.25 * earnings)
    # the shortfall converges to share x annual loss / 12 per month; half of it after h months
    path = res.purchase_shortfall_usd_bn[0]
    full = share * (148.2 - earnings) / 12
    assert path[int(h) - 1] == pytest.approx(0.5 * full)
    assert np.all(np.diff(path) > 0) and path[-1] < full


def test_full_pass_through_puts_the_whole_tariff_on_us_buyers() -> None:
    over = {"tariff_passthrough_to_us_prices": 1.0, "import_demand_elasticity": 0.0}
    res = trade_shortfall("china", 10.0, months=6, overrides=over)
    assert res.holder == "China, Mainland"
    # inelastic demand, full pass-through: volumes and the exporter's receipts are unchanged,
    # U.S. buyers pay the tariff, and the Treasury collects it
    assert res.export_loss_usd_bn[0] == pytest.approx(0.0, abs=1e-9)
    assert res.tariff_revenue_usd_bn[0] == pytest.approx(43.89)
    assert res.us_consumer_cost_usd_bn[0] == pytest.approx(43.89)


@settings(max_examples=60, deadline=None)
@given(low=st.floats(0.0, 150.0), step=st.floats(0.01, 100.0),
       eps=st.floats(0.0, 5.0), rho=st.floats(0.0, 1.0))
def test_shortfall_and_costs_grow_with_the_tariff(low: float, step: float, eps: float, rho: float) -> None:
    over = {"import_demand_elasticity": eps, "tariff_passthrough_to_us_prices": rho}
    a = trade_shortfall("japan", low, months=12, overrides=over)
    b = trade_shortfall("japan", low + step, months=12, overrides=over)
    assert np.all(b.purchase_shortfall_usd_bn >= a.purchase_shortfall_usd_bn - 1e-12)
    assert b.export_loss_usd_bn[0] >= a.export_loss_usd_bn[0] - 1e-12
    assert b.us_consumer_cost_usd_bn[0] >= a.us_consumer_cost_usd_bn[0] - 1e-12
    assert np.all(a.purchase_shortfall_usd_bn >= 0.0)


def test_unknown_holder_lists_close_names() -> None:
    with pytest.raises(UnknownNameError, match="Japan"):
        trade_shortfall("Japn", 10.0, months=12)


def test_other_holders_are_off_unless_their_trade_is_given() -> None:
    res = trade_shortfall("United Kingdom", 20.0, months=12)
    assert np.all(res.purchase_shortfall_usd_bn == 0.0)
    assert "No bilateral trade facts" in res.notes[0]
    set_ = trade_shortfall("United Kingdom", 20.0, months=12,
                           overrides={"trade_default_us_imports_usd_bn": 68.0})
    assert set_.export_loss_usd_bn[0] > 0 and set_.us_imports_usd_bn == 68.0


def test_draws_are_seeded_and_bracket_the_central_value() -> None:
    a = trade_shortfall("japan", 25.0, months=12, draws=2000, seed=5)
    b = trade_shortfall("japan", 25.0, months=12, draws=2000, seed=5)
    c = trade_shortfall("japan", 25.0, months=12, draws=2000, seed=6)
    central = trade_shortfall("japan", 25.0, months=12)
    assert a.purchase_shortfall_usd_bn.shape == (2000, 12)
    assert np.array_equal(a.purchase_shortfall_usd_bn, b.purchase_shortfall_usd_bn)
    assert not np.array_equal(a.purchase_shortfall_usd_bn, c.purchase_shortfall_usd_bn)
    lo, hi = np.percentile(a.cumulative_shortfall_usd_bn, [5, 95])
    assert lo < central.cumulative_shortfall_usd_bn[0] < hi
    d = a.to_dict()
    assert d["holder"] == "Japan" and set(d["export_loss_usd_bn"]) == {"p5", "p50", "p95"}


@pytest.mark.parametrize("kwargs", [
    {"tariff_pct": -1.0, "months": 12},
    {"tariff_pct": float("nan"), "months": 12},
    {"tariff_pct": 10.0, "months": 0},
    {"tariff_pct": 10.0, "months": 12, "draws": -1},
])
def test_bad_inputs_are_named(kwargs: dict) -> None:
    tariff = kwargs.pop("tariff_pct")
    with pytest.raises(InputError):
        trade_shortfall("japan", tariff, **kwargs)
