"""Bootstrapping CMT par curves: exact repricing, known answers, synthetic truth, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from treasury_leverage.curves.bootstrap import bootstrap_par_curve
from treasury_leverage.curves.curve import Curve, convert_rate
from treasury_leverage.curves.panel import tenor_years, zero_curve_panel
from treasury_leverage.errors import InputError

CMT_TENORS = np.array([1 / 12, 1.5 / 12, 2 / 12, 3 / 12, 4 / 12, 0.5, 1, 2, 3, 5, 7, 10, 20, 30])


@pytest.fixture(scope="module")
def par() -> pd.DataFrame:
    import treasury_leverage.data as tld

    return tld.par_curve()


def test_two_period_known_answer() -> None:
    # 6M par 4%, 1Y par 5%: D(0.5) = 1/1.02, D(1) = (1 - 0.025 D(0.5)) / 1.025.
    curve = bootstrap_par_curve([0.5, 1.0], [4.0, 5.0])
    d05 = 1 / 1.02
    np.testing.assert_allclose(curve.discount_factor([0.5, 1.0]), [d05, (1 - 0.025 * d05) / 1.025],
                               rtol=1e-15)
    # A 3-month bill at 4% bond-equivalent: D = 1 / (1 + 0.04 * 0.25).
    bill = bootstrap_par_curve([0.25, 0.5], [4.0, 4.0])
    assert bill.discount_factor(0.25) == pytest.approx(1 / 1.01, rel=1e-15)


@pytest.mark.parametrize("interpolation", ["pchip", "linear"])
def test_bootstrap_reprices_real_treasury_curves_exactly(par: pd.DataFrame, interpolation: str) -> None:
    rng = np.random.default_rng(7)
    days = par.index[np.sort(rng.choice(len(par), 60, replace=False))]
    tenors = np.array([tenor_years(c) for c in par.columns])
    worst = 0.0
    for day in days:
        row = par.loc[day].to_numpy()
        curve = bootstrap_par_curve(tenors, row, interpolation=interpolation)  # type: ignore[arg-type]
        ok = np.isfinite(row)
        worst = max(worst, float(np.max(np.abs(curve.par_yield(tenors[ok]) - row[ok]))))
    assert worst < 1e-10


def test_bootstrap_reprices_the_days_with_missing_tenors(par: pd.DataFrame) -> None:
    # No 30Y (2002-2006), no 3M (Dec 2008), 1990 without 1M/20Y, FRED-extended days (no 2M/4M/3Y).
    tenors = np.array([tenor_years(c) for c in par.columns])
    for day in ("2004-06-15", "2008-12-10", "1990-01-02", par.index[-1]):
        row = par.loc[day].to_numpy()
        ok = np.isfinite(row)
        assert not ok.all()
        curve = bootstrap_par_curve(tenors, row)
        np.testing.assert_allclose(curve.par_yield(tenors[ok]), row[ok], atol=1e-10, rtol=0)


def test_full_grid_recovers_the_true_discount_factors() -> None:
    # Par yields of a known Svensson curve at every coupon date need no interpolation: the
    # bootstrap must return the true discount factors there.
    truth = Curve.from_svensson(4.2, -1.0, 2.5, -1.0, 1.5, 9.0)
    grid = np.arange(1, 61) / 2
    curve = bootstrap_par_curve(grid, truth.par_yield(grid))
    np.testing.assert_allclose(curve.discount_factor(grid), truth.discount_factor(grid), rtol=1e-13)


def test_flat_par_curve_gives_flat_semiannual_zeros() -> None:
    curve = bootstrap_par_curve(CMT_TENORS[5:], np.full(9, 4.5))
    grid = np.arange(1, 61) / 2
    np.testing.assert_allclose(curve.zero_rate(grid, compounding="semiannual"), 4.5, atol=1e-12)
    np.testing.assert_allclose(curve.zero_rate(grid),
                               convert_rate(4.5, from_compounding="semiannual", to_compounding="continuous"),
                               atol=1e-12)


def test_inputs_are_checked() -> None:
    with pytest.raises(InputError, match=r"multiples of 0\.5"):
        bootstrap_par_curve([0.5, 1.25, 2.0], [4, 4, 4])
    with pytest.raises(InputError, match="all NaN"):
        bootstrap_par_curve([0.5, 1.0], [np.nan, np.nan])
    with pytest.raises(InputError, match="6 months or more"):
        bootstrap_par_curve([0.25], [4.0])
    with pytest.raises(InputError, match="same length"):
        bootstrap_par_curve([0.5, 1.0], [4.0])
    with pytest.raises(InputError, match="interpolation"):
        bootstrap_par_curve([0.5, 1.0, 2.0], [4, 4, 4], interpolation="cubic")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="not positive"):
        bootstrap_par_curve([0.5, 1.0, 30.0], [4.0, 4.0, 400.0])


def test_bootstrap_panel_matches_the_one_day_bootstrap(par: pd.DataFrame) -> None:
    window = par.loc["2004-06-01":"2004-06-30"]  # no 30Y in 2004: NaN beyond 20 years
    months = [1, 3, 6, 18, 60, 120, 240, 241, 360]
    panel = zero_curve_panel(window, maturities_months=months, method="bootstrap")
    assert list(panel.columns) == months and panel.index.equals(window.index)
    tenors = np.array([tenor_years(c) for c in par.columns])
    for day in window.index[::5]:
        curve = bootstrap_par_curve(tenors, window.loc[day].to_numpy())
        np.testing.assert_allclose(panel.loc[day, months[:7]].to_numpy(),
                                   curve.zero_rate(np.array(months[:7]) / 12), rtol=1e-13)
    assert panel[[241, 360]].isna().all().all()
