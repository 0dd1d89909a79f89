"""One basis for both sides (issue 13): the holder's horizon items and the U.S. bill in present value."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.scenario.seller import Ladder, default_convert_share, discount_factors, horizon_items

CURVE_YEARS = np.array([0.25, 1.0, 2.0, 5.0, 10.0, 30.0])
CURVE_PCT = np.array([4.3, 4.0, 3.8, 3.9, 4.3, 4.9])


def _ladder(mats: list[float], amounts: list[float]) -> Ladder:
    m = np.array(mats)
    coupon = np.interp(m, CURVE_YEARS, CURVE_PCT)
    return Ladder(holder="Test", settle=np.datetime64("2026-01-02"),
                  labels=tuple(f"b{i}" for i in range(len(m))),
                  maturities_years=m, holdings_usd_bn=np.array(amounts), coupon_pct=coupon,
                  modified_duration=np.ones_like(m), convexity=np.zeros_like(m),
                  maturity_dates=np.array(["2026-07-02"] * len(m), dtype="datetime64[D]"))


def _df(t: float) -> float:
    y = float(np.interp(t, CURVE_YEARS, CURVE_PCT))
    return (1.0 + y / 200.0) ** (-2.0 * t)


def _bond_cash_flows(start: float, end: float, coupon_pct: float) -> list[tuple[float, float]]:
    """(time, amount per 1 of face) of a bond bought at ``start`` maturing at ``end``, semiannual."""
    n = round(2 * (end - start))
    return [(start + 0.5 * (i + 1), coupon_pct / 200.0 + (1.0 if i == n - 1 else 0.0)) for i in range(n)]


def _price(coupon_pct: float, yield_pct: float, years: float) -> float:
    v = 1.0 / (1.0 + yield_pct / 200.0)
    n = round(2 * years)
    return sum(coupon_pct / 200.0 * v ** (i + 1) for i in range(n)) + v**n


def test_present_values_equal_a_bond_by_bond_computation() -> None:
    h = 10.0
    ladder = _ladder([0.5, 3.5, 15.0], [40.0, 60.0, 25.0])
    s_in = np.array([[12.0, 20.0, 0.0], [-5.0, 3.0, 0.0]])  # bp: shift when each bucket matures
    s_out = np.array([[0.0, 0.0, 30.0], [0.0, 0.0, -8.0]])  # bp: shift at the horizon
    kept, when, sp = 50.0, 1.0, np.array([15.0, 2.0])
    got = horizon_items(ladder, ladder.holdings_usd_bn, horizon_years=h, reinvest_shift_bp=s_in,
                        terminal_shift_bp=s_out, curve_years=CURVE_YEARS, curve_pct=CURVE_PCT,
                        proceeds_usd_bn=kept, proceeds_years=when, proceeds_shift_bp=sp)
    for d in range(2):
        carry_pv = carry_cash = 0.0
        # reinvested to the horizon at the shifted yield against the baseline yield: whole cash flows
        for amount, start, shift in ((40.0, 0.5, s_in[d, 0]), (60.0, 3.5, s_in[d, 1]), (kept, when, sp[d])):
            y0 = float(np.interp(h - start, CURVE_YEARS, CURVE_PCT))
            new = _bond_cash_flows(start, h, y0 + shift / 100.0)
            old = _bond_cash_flows(start, h, y0)
            for (t, a), (_, b) in zip(new, old, strict=True):
                carry_pv -= amount * (a - b) * _df(t)
                carry_cash -= amount * (a - b)
        # the 15-year bond is still held at the horizon: 5 years left, repriced at the shift then
        y5 = float(np.interp(5.0, CURVE_YEARS, CURVE_PCT))
        c = float(ladder.coupon_pct[2])
        loss = 25.0 * (1.0 - _price(c, y5 + s_out[d, 2] / 100.0, 5.0) / _price(c, y5, 5.0))
        assert got["carry_usd_bn"][d] == pytest.approx(carry_pv, rel=1e-10)
        assert got["carry_cash_usd_bn"][d] == pytest.approx(carry_cash, rel=1e-10)
        assert got["horizon_mark_to_market_usd_bn"][d] == pytest.approx(loss * _df(h), rel=1e-10)
        assert got["horizon_mark_to_market_cash_usd_bn"][d] == pytest.approx(loss, rel=1e-10)
    # higher yields: the holder earns carry (a negative cost) and loses on the long bond
    assert got["carry_usd_bn"][0] < 0 < got["horizon_mark_to_market_usd_bn"][0]
    assert discount_factors([0.0], CURVE_YEARS, CURVE_PCT)[0] == 1.0


def test_interest_received_is_the_holders_share_of_the_us_bill() -> None:
    """A holder of bills only, in a debt of bills only, a flat shift held for ten years, no deficits."""
    from treasury_leverage.scenario.us_bill import us_interest_bill

    debt, held, s, h = 6000.0, 600.0, 25.0, 10
    shift = np.full((1, 12 * h, 2), s)
    bill = us_interest_bill(shift, [1.0, 30.0], horizons_years=(h,), debt_usd_bn={"bills": debt},
                            overrides={"cbo2025_deficit_2026_usd_bn": 0.0,
                                       "cbo2025_cumulative_deficit_2026_35_usd_bn": 0.0,
                                       "us_debt_avg_interest_rate_pct": 0.0})
    us = float(bill.extra_interest_usd_bn[0, 0])
    ladder = _ladder([0.25], [held])
    got = horizon_items(ladder, [held], horizon_years=h, reinvest_shift_bp=[[s]], terminal_shift_bp=[[0.0]],
                        curve_years=CURVE_YEARS, curve_pct=CURVE_PCT)
    # the U.S. pays s on every bill once it rolls (within months); the holder gets s from its
    # bills' maturity (3 months) on: both are its share of the same extra interest
    assert -float(got["carry_cash_usd_bn"][0]) == pytest.approx(held / debt * us, rel=0.03)


def test_official_sellers_convert_by_default_private_ones_do_not() -> None:
    share, why = default_convert_share("Japan")
    assert share == 1.0 and "official" in why and "Ministry of Finance" in why
    assert default_convert_share("United Kingdom")[0] == 0.0
    assert default_convert_share("Japan", {"official_sale_convert_share": 0.5})[0] == 0.5


def test_engine_reports_both_sides_on_one_basis() -> None:
    from treasury_leverage.scenario.engine import run

    res = run({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 60}}],
               "models": ["beltran2013"]})
    h = res.holders[0]
    assert h["convert_share"] == 1.0 and "official" in h["convert_basis"]
    assert h["cost_horizon_years"] == 10 and "present value" in h["cost_basis"]

    def c(item: str) -> float:
        return res.cost("beltran2013", "Japan", item)

    assert c("fx_usd_bn") > 0  # converted by default
    assert c("total_pv_usd_bn") == pytest.approx(
        c("concession_usd_bn") + c("carry_usd_bn") + c("horizon_mark_to_market_usd_bn") + c("fx_usd_bn"))
    assert c("total_usd_bn") == pytest.approx(
        c("concession_usd_bn") + c("mark_to_market_usd_bn") + c("fx_usd_bn"))
    assert c("carry_usd_bn") < 0  # yields rise: reinvestment earns more
    us = res.us_bill["beltran2013"]
    ten = us["extra_interest_usd_bn"][us["horizons_years"].index(10)]
    assert 0 < us["pv_extra_interest_usd_bn"] < ten  # discounted
    # the holder's share of the U.S. interest and its carry are the same order (a cross-check)
    assert h["us_interest_share_pv_usd_bn"] == pytest.approx(
        h["marketable_debt_share"] * us["pv_extra_interest_usd_bn"])
    assert 0.2 < -c("carry_usd_bn") / h["us_interest_share_pv_usd_bn"] < 5.0
    private = run({"actors": [{"holder": "united kingdom", "sell": {"amount_usd_bn": 50, "days": 20}}],
                   "models": ["beltran2013"]})
    assert private.holders[0]["convert_share"] == 0.0
    assert private.cost("beltran2013", "United Kingdom", "fx_usd_bn") == 0.0
