"""Tariff revenue lowers Treasury borrowing through the U.S. bill's machinery (issue 13, item 3)."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.scenario.us_bill import borrowing_flow_debt_usd_bn, us_interest_bill

NO_DEFICITS = {"cbo2025_deficit_2026_usd_bn": 0.0, "cbo2025_cumulative_deficit_2026_35_usd_bn": 0.0}


def test_flow_debt_is_the_bills_debt_service_machinery() -> None:
    """An FRN-only debt under a constant shift pays a constant monthly extra interest x; the bill
    (with debt service) must equal the debt that flow x accumulates in borrowing_flow_debt_usd_bn."""
    stock, shift_bp, rate = 1_000.0, 25.0, 4.0
    over = {**NO_DEFICITS, "us_debt_avg_interest_rate_pct": rate}
    mats = np.array([0.25, 10.0])
    bill = us_interest_bill(np.full((1, 120, 2), shift_bp), mats, horizons_years=(1, 5, 10),
                            overrides=over, debt_usd_bn={"frn": stock})
    x = stock * shift_bp * 1e-4 / 12.0
    debt = borrowing_flow_debt_usd_bn(np.full(120, x), horizons_years=(1, 5, 10), overrides=over)
    assert debt == pytest.approx(bill.extra_interest_usd_bn[0], rel=1e-12)
    # closed form of an annuity at the monthly rate
    rho = rate / 1200.0
    assert debt[-1] == pytest.approx(x * ((1 + rho) ** 120 - 1) / rho, rel=1e-12)


def test_negative_flow_saves_revenue_plus_interest() -> None:
    over = {"us_debt_avg_interest_rate_pct": 3.0}
    saved = -borrowing_flow_debt_usd_bn(-np.ones((2, 12)), horizons_years=(1, 10), overrides=over)
    assert saved.shape == (2, 2)
    assert saved[0, 0] > 12.0 and saved[0, 1] > 120.0  # held at its last month to year 10
    flat = -borrowing_flow_debt_usd_bn(-np.ones((2, 12)), horizons_years=(1, 10),
                                       overrides={"us_debt_avg_interest_rate_pct": 0.0})
    assert flat[0] == pytest.approx([12.0, 120.0])
    with pytest.raises(InputError, match="horizons_years"):
        borrowing_flow_debt_usd_bn(np.ones(12), horizons_years=(0,))
    with pytest.raises(InputError, match="flow_monthly_usd_bn"):
        borrowing_flow_debt_usd_bn(np.full(12, np.nan))
