"""The seller's bill: ladder repricing, sale allocation, concession kernels, FX rule."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from treasury_leverage.curves.bonds import bond_price
from treasury_leverage.errors import ScenarioError
from treasury_leverage.holdings.profile import DEFAULT_LT_WEIGHTS, MaturityProfile
from treasury_leverage.impact.base import Separable
from treasury_leverage.scenario.seller import (
    allocate_sale,
    build_ladder,
    concession_usd_bn,
    fx_loss_usd_bn,
    interpolation_matrix,
)
from treasury_leverage.scenario.spec import MATURITIES_YEARS

PAR = pd.Series({"1M": 4.3, "3M": 4.25, "6M": 4.2, "1Y": 4.0, "2Y": 3.9, "5Y": 4.0, "10Y": 4.4, "30Y": 4.9},
                name=pd.Timestamp("2025-06-02"))
PROFILE = MaturityProfile("Testland", 0.2, DEFAULT_LT_WEIGHTS, "test", "test")


@pytest.fixture(scope="module")
def ladder():  # type: ignore[no-untyped-def]
    return build_ladder("Testland", 1000.0, PROFILE, PAR, settle=dt.date(2025, 6, 2))


def test_ladder_matches_profile_and_prices_at_par(ladder) -> None:  # type: ignore[no-untyped-def]
    assert ladder.total_usd_bn == pytest.approx(1000.0)
    assert ladder.holdings_usd_bn[0] == pytest.approx(200.0)  # bills share
    assert ladder.holdings_usd_bn[-1] == pytest.approx(800.0 * DEFAULT_LT_WEIGHTS[-1])
    assert np.allclose(ladder.price_ratio(np.zeros(13)), 1.0)
    # coupons are the par curve interpolated at the bucket midpoints (25y between 10y and 30y)
    assert ladder.coupon_pct[-1] == pytest.approx(4.4 + 0.5 * 15 / 20)
    # a par bond's duration grows with maturity
    assert np.all(np.diff(ladder.modified_duration) > 0)


def test_loss_is_a_direct_repricing(ladder) -> None:  # type: ignore[no-untyped-def]
    shift = np.linspace(10, 60, 13)
    loss = ladder.loss_usd_bn(ladder.holdings_usd_bn, shift)
    p0 = bond_price(np.datetime64("2025-06-02"), ladder.maturity_dates, ladder.coupon_pct, ladder.coupon_pct)
    p1 = bond_price(np.datetime64("2025-06-02"), ladder.maturity_dates, ladder.coupon_pct,
                    ladder.coupon_pct + shift / 100)
    assert loss == pytest.approx(float(ladder.holdings_usd_bn @ (1 - p1 / p0)), rel=1e-12)
    # first order: duration x shift x holdings
    approx = float(ladder.holdings_usd_bn @ (ladder.modified_duration * shift * 1e-4))
    assert loss == pytest.approx(approx, rel=0.05) and loss < approx  # convexity helps the holder


def test_tabulated_repricing_for_many_draws_matches_direct(ladder) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(0)
    shifts = rng.uniform(-50, 400, size=(3000, 13))  # 39,000 cells: goes through the table
    fast = ladder.price_ratio(shifts)
    direct = np.vstack([ladder.price_ratio(s) for s in shifts[:50]])
    assert np.abs(fast[:50] - direct).max() < 1e-6
    rising = ladder.loss_usd_bn(ladder.holdings_usd_bn, np.outer(np.arange(10), np.ones(13)))
    assert np.all(np.diff(rising) > 0)


def test_allocations(ladder) -> None:  # type: ignore[no-untyped-def]
    pro = allocate_sale(ladder, 100.0, "pro-rata")
    assert pro.sum() == pytest.approx(100.0) and np.allclose(pro, ladder.holdings_usd_bn / 10)
    bills = allocate_sale(ladder, 250.0, "bills-first")
    assert bills[0] == pytest.approx(200.0) and bills[1] == pytest.approx(50.0) and bills[2:].sum() == 0
    longest = allocate_sale(ladder, 100.0, "longest-first")
    assert longest[-1] == pytest.approx(72.0) and longest[-2] == pytest.approx(28.0)
    explicit = allocate_sale(ladder, 10.0, "buckets", buckets={"6m": 0.5, "10y": 0.5})
    assert explicit[0] == pytest.approx(5.0) and explicit[10] == pytest.approx(5.0)  # 10y sits in 9-10y
    with pytest.raises(ScenarioError, match=r"actors\[0\]\.action\.buckets: .* 20-30y bucket"):
        allocate_sale(ladder, 500.0, "buckets", buckets={"30y": 1.0}, field="actors[0].action")
    with pytest.raises(ScenarioError, match="exceeds Testland's holdings"):
        allocate_sale(ladder, 1001.0, "pro-rata")


def test_interpolation_matrix_is_linear_and_flat_beyond() -> None:
    w = interpolation_matrix(MATURITIES_YEARS, [0.25, 1.5, 15.0, 25.0, 30.0])
    values = np.array([10.0, 20.0, 30.0, 50.0, 70.0, 100.0, 200.0, 300.0])
    assert np.allclose(values @ w, [10.0, 15.0, 150.0, 250.0, 300.0])


def _loop_concession(shifts: np.ndarray, q: np.ndarray, d: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Reference: a Python loop over draws, days and buckets."""
    n, _, b = shifts.shape
    out = np.zeros(n)
    for k in range(n):
        prev = np.zeros(b)
        for t in range(q.shape[0]):
            x = 0.5 * (prev + shifts[k, t]) * 1e-4
            out[k] += float(np.sum(q[t] * (d * x - 0.5 * c * x * x)))
            prev = shifts[k, t]
    return out


def test_concession_kernels_agree_with_a_loop(ladder) -> None:  # type: ignore[no-untyped-def]
    rng = np.random.default_rng(1)
    n, days = 7, 5
    w = interpolation_matrix(MATURITIES_YEARS, ladder.maturities_years)
    q = rng.uniform(0, 3, size=(days, 13))
    by_draw = rng.uniform(0, 80, size=(n, days + 1))
    fixed = rng.uniform(0.5, 1.5, size=len(MATURITIES_YEARS))
    sep = Separable(by_draw, fixed, "period")
    full = sep.values()
    ref = _loop_concession(full @ w, q, ladder.modified_duration, ladder.convexity)
    assert np.allclose(concession_usd_bn(sep, q, ladder, w), ref, rtol=1e-12)
    assert np.allclose(concession_usd_bn(full, q, ladder, w), ref, rtol=1e-12)
    sep_m = Separable(rng.uniform(0, 50, size=(n, len(MATURITIES_YEARS))), np.linspace(0.2, 1, days + 1),
                      "maturity")
    ref_m = _loop_concession(sep_m.values() @ w, q, ladder.modified_duration, ladder.convexity)
    assert np.allclose(concession_usd_bn(sep_m, q, ladder, w), ref_m, rtol=1e-12)


def test_fx_rule() -> None:
    params = {"fx_intervention_jpy_per_100bn": np.array([10.0, 5.0]),
              "fx_intervention_reference_jpy_per_usd": np.array([150.0, 150.0]),
              "fx_effect_persistence_share": np.array([0.5, 1.0])}
    # 200bn converted -> 20 (10) yen, half (all) of it lasts -> 10/150 (10/150) of 900bn
    assert np.allclose(fx_loss_usd_bn(200.0, 900.0, params), [60.0, 60.0])
    assert np.allclose(fx_loss_usd_bn(0.0, 900.0, params), 0.0)
