"""The United States' interest bill: zero, linearity, CBO's rule of thumb, rollover truths."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.presets import get_preset
from treasury_leverage.scenario.us_bill import (
    TENOR_MIX,
    cbo_rule_of_thumb_check,
    debt_profile,
    us_interest_bill,
)

MATS = np.array([1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0])
#: No new borrowing and no debt service: the bill is then the repricing of the stock alone.
STOCK_ONLY = {
    "cbo2025_deficit_2026_usd_bn": 0.0,
    "cbo2025_cumulative_deficit_2026_35_usd_bn": 0.0,
    "us_debt_avg_interest_rate_pct": 0.0,
}


def uniform(bp: float, months: int = 121, draws: int = 1) -> np.ndarray:
    return np.full((draws, months, len(MATS)), bp)


def test_zero_shift_costs_nothing() -> None:
    bill = us_interest_bill(uniform(0.0), MATS)
    assert bill.extra_interest_usd_bn.shape == (1, 3)
    assert np.all(bill.extra_interest_usd_bn == 0.0)
    assert np.all(bill.pct_gdp == 0.0)
    assert np.all(bill.mortgage_rate_shift_bp == 0.0)


def test_bill_is_linear_in_the_shift() -> None:
    rng = np.random.default_rng(3)
    a = rng.normal(0.0, 20.0, (2, 121, len(MATS)))
    b = rng.normal(5.0, 10.0, (2, 121, len(MATS)))
    combo = us_interest_bill(2.0 * a - 0.5 * b, MATS).extra_interest_usd_bn
    parts = (2.0 * us_interest_bill(a, MATS).extra_interest_usd_bn
             - 0.5 * us_interest_bill(b, MATS).extra_interest_usd_bn)
    np.testing.assert_allclose(combo, parts, rtol=1e-10, atol=1e-9)


def test_plus_10bp_for_a_decade_lands_in_cbos_range() -> None:
    check = cbo_rule_of_thumb_check()
    low, high = get_preset("cbo2025_rates_plus_10bp_usd_bn").range
    assert (low, high) == (184.0, 388.0)
    assert low <= check.ours_usd_bn <= high
    assert check.within_cbo_range
    # the gap to CBO's ~351bn is documented, and the sources add up to our total
    assert check.ratio_to_cbo == pytest.approx(check.ours_usd_bn / 351.0)
    assert sum(check.contributions_usd_bn.values()) == pytest.approx(check.ours_usd_bn, rel=1e-9)
    assert any("Rollover lag" in line for line in check.explanation)
    # costs rise year by year as debt reprices and grows (literature 6.2: ~10bn in year 1)
    annual = np.array(check.annual_usd_bn)
    assert np.all(np.diff(annual) > 0)
    assert 5.0 < annual[0] < 15.0


def test_bills_reprice_fully_within_a_year() -> None:
    bills = 5000.0
    bill = us_interest_bill(uniform(25.0), MATS, horizons_years=(1, 2, 3),
                            overrides=STOCK_ONLY, debt_usd_bn={"bills": bills})
    annual = bill.annual_extra_interest_usd_bn[0]
    full_year = bills * 25.0e-4
    assert annual[0] < full_year          # year 1: bills mature through the year
    assert annual[0] > 0.5 * full_year    # ... but most within a few months
    np.testing.assert_allclose(annual[1:], full_year, rtol=1e-12)


def test_a_30y_shift_costs_nothing_without_30y_debt_rolling() -> None:
    shift = np.zeros((1, 121, len(MATS)))
    shift[:, :, -1] = 50.0  # only the 30-year point moves; 20y and shorter do not
    no_long = us_interest_bill(shift, MATS, overrides=STOCK_ONLY,
                               debt_usd_bn={"bills": 6000.0, "notes": 16000.0, "frn": 700.0})
    assert np.all(no_long.extra_interest_usd_bn == 0.0)


def test_a_30y_shift_in_year_one_costs_exactly_the_30y_bonds_maturing() -> None:
    # Synthetic truth: bonds only, no growth (uniform remaining maturities), no deficits.
    bonds = 3000.0
    shift = np.zeros((1, 121, len(MATS)))
    shift[:, :, -1] = 50.0
    bill = us_interest_bill(shift, MATS, horizons_years=(1,), overrides=STOCK_ONLY,
                            debt_usd_bn={"bonds": bonds})
    (t20, f20), (t30, f30) = TENOR_MIX["bonds"]
    stock_30 = bonds * f30 * t30 / (f20 * t20 + f30 * t30)
    monthly_maturing = stock_30 / t30
    # a bond maturing in month j is refinanced then and pays the higher coupon for 12 - j months
    expected = sum(monthly_maturing * 50.0e-4 * (12 - j) / 12 for j in range(12))
    assert bill.extra_interest_usd_bn[0, 0] == pytest.approx(expected, rel=1e-12)


def test_profile_matches_the_mspd_and_the_published_wam() -> None:
    prof = debt_profile()
    from treasury_leverage.data import mspd

    last = mspd("public").iloc[-1]
    assert prof["stock_usd_bn"].sum() == pytest.approx(
        sum(last[c] for c in ("bills", "notes", "bonds", "tips", "frn")), rel=1e-12)
    for cls, total in prof.groupby("security_class")["stock_usd_bn"].sum().items():
        assert total == pytest.approx(last[cls], rel=1e-12)
    # every bill matures within a year; no 30-year bond before year 1 is all of its stock
    bills = prof[prof.security_class == "bills"]
    assert np.allclose(bills.maturing_first_year_usd_bn, bills.stock_usd_bn)
    wam = prof.attrs["implied_wam_months"]
    published = get_preset("us_debt_wam_months")
    assert published.low <= wam <= published.high


def test_pct_gdp_and_mortgage_follow_their_presets() -> None:
    bill = us_interest_bill(uniform(10.0), MATS, overrides={"mortgage_treasury_passthrough": 1.2})
    gdp0 = get_preset("nominal_gdp_usd_bn").value
    g = get_preset("us_nominal_gdp_growth_pct").value / 100.0
    gdp = gdp0 * (1 + g) ** np.arange(1, 11)
    expected = 100.0 * bill.extra_interest_usd_bn[0] / np.cumsum(gdp)[[0, 4, 9]]
    np.testing.assert_allclose(bill.pct_gdp[0], expected)
    np.testing.assert_allclose(bill.mortgage_rate_shift_bp, 12.0)


def test_short_paths_are_held_and_draws_are_reproducible() -> None:
    short = us_interest_bill(uniform(10.0, months=12), MATS).extra_interest_usd_bn
    long = us_interest_bill(uniform(10.0, months=121), MATS).extra_interest_usd_bn
    np.testing.assert_allclose(short, long)
    shift = uniform(10.0, draws=50)
    a = us_interest_bill(shift, MATS, seed=1).extra_interest_usd_bn
    b = us_interest_bill(shift, MATS, seed=1).extra_interest_usd_bn
    c = us_interest_bill(shift, MATS, seed=2).extra_interest_usd_bn
    central = us_interest_bill(shift, MATS).extra_interest_usd_bn
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert np.ptp(a[:, -1]) > 0 and np.ptp(central[:, -1]) == 0
    # deficit draws change the new-borrowing part only: years 1 costs stay close
    assert np.ptp(a[:, 0]) < 0.2 * a[:, 0].mean()


def test_bad_inputs_are_named() -> None:
    with pytest.raises(InputError, match="shift_bp"):
        us_interest_bill(np.zeros((1, 10, 3)), MATS)
    with pytest.raises(InputError, match="horizons_years"):
        us_interest_bill(uniform(1.0), MATS, horizons_years=(0, 5))
    with pytest.raises(InputError, match="horizons_years"):
        us_interest_bill(uniform(1.0), MATS, horizons_years=(31,))
    with pytest.raises(InputError, match="maturities_years"):
        us_interest_bill(uniform(1.0), MATS[::-1])
    with pytest.raises(UnknownNameError, match="bills"):
        us_interest_bill(uniform(1.0), MATS, debt_usd_bn={"bill": 1.0})


@settings(max_examples=25, deadline=None)
@given(level=st.floats(0.0, 200.0), extra=st.floats(0.1, 100.0), start=st.integers(0, 119),
       node=st.integers(0, len(MATS) - 1))
def test_higher_yields_never_cost_less(level: float, extra: float, start: int, node: int) -> None:
    base = uniform(level)
    more = base.copy()
    more[:, start:, node] += extra  # yields higher at one maturity from some month on
    a = us_interest_bill(base, MATS).extra_interest_usd_bn
    b = us_interest_bill(more, MATS).extra_interest_usd_bn
    assert np.all(a >= 0.0)
    assert np.all(b >= a - 1e-9)
    assert b[0, -1] > a[0, -1]  # something at that maturity is issued within ten years


def test_summary_and_dict_are_json_ready() -> None:
    import json

    bill = us_interest_bill(uniform(10.0, draws=20), MATS, seed=0)
    payload = json.loads(json.dumps(bill.to_dict()))
    ten = payload["cost_usd_bn_10y"]
    assert ten["p5"] <= ten["p50"] <= ten["p95"]
    frame = bill.summary_frame()
    assert list(frame.index) == [1, 5, 10]
    assert frame.loc[10, "cost_usd_bn_p50"] == pytest.approx(ten["p50"])
    assert json.loads(json.dumps(cbo_rule_of_thumb_check().to_dict()))["within_cbo_range"] is True
