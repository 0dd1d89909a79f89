"""Treasury note/bond math against QuantLib, textbook identities and properties."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treasury_leverage.curves import bonds as bonds_mod
from treasury_leverage.curves.bonds import (
    BondAnalytics,
    BondRisk,
    accrued_interest,
    bond_analytics,
    bond_cashflows,
    bond_price,
    bond_risk,
    bond_yield,
)
from treasury_leverage.curves.daycount import act_360, act_act_icma, days_between
from treasury_leverage.curves.schedule import (
    coupon_date_before_maturity,
    coupon_period,
    coupon_schedule,
    is_end_of_month,
)
from treasury_leverage.errors import InputError

ql = pytest.importorskip("QuantLib")


# -- QuantLib reference ---------------------------------------------------------------------


def _qd(d: np.datetime64) -> ql.Date:
    return ql.DateParser.parseISO(str(np.datetime64(d, "D")))


def _ql_bond(settle: np.datetime64, maturity: np.datetime64, coupon_pct: float):
    """A Treasury as QuantLib FixedRateBond: unadjusted EOM semiannual schedule, Act/Act Bond.

    The effective date is QuantLib's own backward EOM date a few periods before settlement, so
    every period is regular and nothing in it comes from the code under test.
    """
    s, m = _qd(settle), _qd(maturity)
    ql.Settings.instance().evaluationDate = s
    periods = 2 * (m.year() - s.year()) + 4
    eff = ql.NullCalendar().advance(m, -6 * periods, ql.Months, ql.Unadjusted, True)
    sched = ql.Schedule(eff, m, ql.Period(ql.Semiannual), ql.NullCalendar(), ql.Unadjusted,
                        ql.Unadjusted, ql.DateGeneration.Backward, True)
    dc = ql.ActualActual(ql.ActualActual.Bond, sched)
    bond = ql.FixedRateBond(0, 100.0, sched, [coupon_pct / 100.0], dc)
    return bond, dc, s


def _ql_numbers(settle, maturity, coupon_pct, yield_pct) -> dict[str, float]:
    bond, dc, s = _ql_bond(settle, maturity, coupon_pct)
    rate = ql.InterestRate(yield_pct / 100.0, dc, ql.Compounded, ql.Semiannual)
    clean = ql.BondFunctions.cleanPrice(bond, rate, s)
    ql_yield = ql.BondFunctions.bondYield(bond, ql.BondPrice(clean, ql.BondPrice.Clean), dc,
                                          ql.Compounded, ql.Semiannual, s, 1e-14, 200, 0.05)
    return {
        "clean": clean,
        "dirty": ql.CashFlows.npv(bond.cashflows(), rate, False, s, s),
        "accrued": ql.BondFunctions.accruedAmount(bond, s),
        "ql_yield": 100.0 * ql_yield,
        "modified": ql.BondFunctions.duration(bond, rate, ql.Duration.Modified, s),
        "macaulay": ql.BondFunctions.duration(bond, rate, ql.Duration.Macaulay, s),
        "convexity": ql.BondFunctions.convexity(bond, rate, s),
        "bpv": ql.BondFunctions.basisPointValue(bond, rate, s),
        "previous": str(ql.BondFunctions.previousCashFlowDate(bond, s).ISO()),
        "next": str(ql.BondFunctions.nextCashFlowDate(bond, s).ISO()),
    }


def _random_treasuries(n: int, seed: int) -> dict[str, np.ndarray]:
    """Treasury-style bonds: 15th or end-of-month maturities (Feb-28/29, May-31, Aug-31, Nov-30...),
    a few odd days, settlement on and between coupon dates, coupons on a 1/8 grid."""
    rng = np.random.default_rng(seed)
    settle0 = np.datetime64("2024-01-02") + rng.integers(0, 3 * 365, n)
    years = rng.integers(1, 31, n)
    month = rng.integers(0, 12, n)
    first_of_month = (settle0.astype("datetime64[Y]") + years).astype("datetime64[M]") + month
    kind = rng.choice(["15th", "eom", "other"], n, p=[0.45, 0.4, 0.15])
    month_end = (first_of_month + 1).astype("datetime64[D]") - 1
    day = np.where(kind == "15th", 15, rng.integers(1, 31, n))
    dim = (month_end - first_of_month.astype("datetime64[D]")).astype(int) + 1
    maturity = np.where(kind == "eom", month_end,
                        first_of_month.astype("datetime64[D]") + np.minimum(day, dim) - 1)
    # A fifth of settlements fall exactly on a coupon date.
    on_coupon = rng.random(n) < 0.2
    k = rng.integers(1, 2 * years)
    settle = np.where(on_coupon, coupon_date_before_maturity(maturity, k), settle0)
    settle = np.minimum(settle, maturity - 1)
    coupon = rng.integers(1, 65, n) / 8.0  # 0.125% to 8%
    yld = rng.uniform(0.0, 10.0, n)
    yld[:5] = [0.0, 1e-9, -0.25, 10.0, 4.0]
    return {"settle": settle, "maturity": maturity, "coupon": coupon, "yield": yld}


N_RANDOM = 400


@pytest.fixture(scope="module")
def sample() -> dict[str, np.ndarray]:
    bonds = _random_treasuries(N_RANDOM, seed=20250411)
    # Make sure the awkward end-of-month maturities are there whatever the draw.
    extra = np.array(["2035-02-28", "2032-02-29", "2030-08-31", "2032-08-31", "2031-05-31",
                      "2031-11-30", "2029-04-30", "2030-08-30", "2028-02-28", "2035-02-15"],
                     dtype="datetime64[D]")
    bonds["maturity"][: extra.size] = extra
    bonds["settle"][: extra.size] = np.array(
        ["2025-04-11", "2025-08-31", "2025-02-28", "2025-03-01", "2025-11-30",
         "2025-05-30", "2025-10-31", "2025-02-28", "2027-08-28", "2025-02-15"],
        dtype="datetime64[D]")
    ref = [
        _ql_numbers(s, m, c, y)
        for s, m, c, y in zip(bonds["settle"], bonds["maturity"], bonds["coupon"], bonds["yield"],
                              strict=True)
    ]
    bonds.update({key: np.array([r[key] for r in ref]) for key in ref[0]})
    return bonds


def test_sample_covers_treasury_cases(sample) -> None:
    mat = sample["maturity"]
    assert is_end_of_month(mat).sum() > 100
    month_day = np.datetime_as_string(mat)
    for suffix in ("-02-28", "-02-29", "-08-31", "-05-31", "-11-30"):
        assert any(s.endswith(suffix) for s in month_day), suffix
    on_coupon = sample["settle"] == coupon_period(sample["settle"], mat).previous_coupon
    assert 40 < on_coupon.sum() < 200
    years = (mat - sample["settle"]).astype(int) / 365.25
    assert years.min() < 1.5 and years.max() > 25


def test_coupon_dates_match_quantlib(sample) -> None:
    period = coupon_period(sample["settle"], sample["maturity"])
    assert np.array_equal(np.datetime_as_string(period.previous_coupon), sample["previous"])
    assert np.array_equal(np.datetime_as_string(period.next_coupon), sample["next"])


def test_clean_and_dirty_price_match_quantlib(sample) -> None:
    args = (sample["settle"], sample["maturity"], sample["coupon"], sample["yield"])
    np.testing.assert_allclose(bond_price(*args), sample["clean"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(bond_price(*args, clean=False), sample["dirty"], rtol=0, atol=1e-9)
    acc = accrued_interest(*args[:3])
    np.testing.assert_allclose(acc, sample["accrued"], rtol=0, atol=1e-12)


def test_yield_matches_quantlib_and_inverts_price(sample) -> None:
    args = (sample["settle"], sample["maturity"], sample["coupon"])
    y = bond_yield(*args, sample["clean"])
    np.testing.assert_allclose(y, sample["ql_yield"], rtol=0, atol=1e-9)
    np.testing.assert_allclose(y, sample["yield"], rtol=0, atol=1e-9)
    y_dirty = bond_yield(*args, sample["dirty"], clean=False)
    np.testing.assert_allclose(y_dirty, sample["yield"], rtol=0, atol=1e-9)


def test_risk_matches_quantlib(sample) -> None:
    risk = bond_risk(sample["settle"], sample["maturity"], sample["coupon"], sample["yield"])
    assert isinstance(risk, BondRisk)
    np.testing.assert_allclose(risk.modified_duration, sample["modified"], rtol=1e-8)
    np.testing.assert_allclose(risk.macaulay_duration, sample["macaulay"], rtol=1e-8)
    np.testing.assert_allclose(risk.convexity, sample["convexity"], rtol=1e-8)
    # DV01 is the first-order dirty-price change for 1bp; QuantLib's basisPointValue is
    # -D*P*1bp + 0.5*C*P*1bp^2 (second-order, opposite sign).
    np.testing.assert_allclose(risk.dv01, sample["modified"] * sample["dirty"] * 1e-4, rtol=1e-8)
    ql_first_order = -sample["bpv"] + 0.5 * sample["convexity"] * sample["dirty"] * 1e-8
    np.testing.assert_allclose(risk.dv01, ql_first_order, rtol=1e-8)


def test_dv01_and_convexity_are_price_derivatives(sample) -> None:
    args = (sample["settle"], sample["maturity"], sample["coupon"])
    y = sample["yield"]
    risk = bond_risk(*args, y)
    bump = 0.01  # 1 bp, in percent
    up = bond_price(*args, y + bump, clean=False)
    mid = bond_price(*args, y, clean=False)
    down = bond_price(*args, y - bump, clean=False)
    np.testing.assert_allclose(risk.dv01, (down - up) / 2, rtol=1e-5)
    second = (up - 2 * mid + down) / (bump / 100) ** 2 / mid
    np.testing.assert_allclose(risk.convexity, second, rtol=1e-4)


def test_analytics_bundle_agrees_with_single_functions(sample) -> None:
    args = (sample["settle"], sample["maturity"], sample["coupon"])
    res = bond_analytics(*args, yield_pct=sample["yield"])
    assert isinstance(res, BondAnalytics)
    np.testing.assert_allclose(res.clean_price_per_100, sample["clean"], atol=1e-9, rtol=0)
    np.testing.assert_allclose(res.modified_duration_years, sample["modified"], rtol=1e-8)
    as_dict = bond_analytics(*(a[:3] for a in args), yield_pct=sample["yield"][:3]).to_dict()
    assert as_dict["maturity"] == list(np.datetime_as_string(sample["maturity"][:3]))
    assert as_dict["dv01_per_100"] == pytest.approx(list(res.dv01_per_100[:3]), rel=1e-15)
    one = bond_analytics("2025-04-11", "2035-02-15", 4.625, yield_pct=4.48).to_dict()
    assert one["settle"] == "2025-04-11" and isinstance(one["convexity"], float)
    from_price = bond_analytics(*args, price=sample["clean"])
    np.testing.assert_allclose(from_price.yield_pct, sample["yield"], atol=1e-9, rtol=0)
    np.testing.assert_allclose(from_price.convexity, sample["convexity"], rtol=1e-8)


# -- schedules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("maturity", "expected_previous"),
    [
        ("2035-02-28", ["2034-02-28", "2034-08-31"]),
        ("2032-02-29", ["2031-02-28", "2031-08-31"]),
        ("2030-08-31", ["2029-08-31", "2030-02-28"]),
        ("2032-08-31", ["2031-08-31", "2032-02-29"]),
        ("2031-05-31", ["2030-05-31", "2030-11-30"]),
        ("2031-11-30", ["2030-11-30", "2031-05-31"]),
        ("2029-04-30", ["2028-04-30", "2028-10-31"]),
        # Not end of month: clipped to Feb-28, but the August dates stay on the 30th.
        ("2030-08-30", ["2029-08-30", "2030-02-28"]),
        ("2028-02-28", ["2027-02-28", "2027-08-28"]),
        ("2035-02-15", ["2034-02-15", "2034-08-15"]),
    ],
)
def test_end_of_month_rule(maturity: str, expected_previous: list[str]) -> None:
    cf = bond_cashflows("2020-01-01", maturity, 4.0)
    dates = list(np.datetime_as_string(cf.dates))
    assert dates[-3:] == [*expected_previous, maturity]
    bond, _, _ = _ql_bond(np.datetime64("2020-01-01"), np.datetime64(maturity), 4.0)
    ql_dates = [c.date().ISO() for c in bond.cashflows() if c.date() > ql.Date(1, 1, 2020)]
    assert dates == sorted(set(ql_dates))
    assert np.array_equal(coupon_schedule("2020-01-01", maturity), cf.dates)


def test_calendar_arithmetic_matches_numpy() -> None:
    # Every day the bond math accepts: end-of-month flags and the coupon date six months
    # earlier, against numpy's own calendar.
    days = np.arange(np.datetime64("1800-01-01"), np.datetime64("2300-01-01"))
    months = days.astype("datetime64[M]")
    eom = (days + 1).astype("datetime64[M]") != months
    np.testing.assert_array_equal(is_end_of_month(days), eom)
    prev_month = months - 6
    last_day = (prev_month + 1).astype("datetime64[D]") - 1
    day = (days - months.astype("datetime64[D]")).astype(int)
    expected = np.where(eom, last_day,
                        np.minimum(prev_month.astype("datetime64[D]") + day, last_day))
    np.testing.assert_array_equal(coupon_date_before_maturity(days, 1), expected)


def test_dates_outside_supported_range() -> None:
    with pytest.raises(InputError, match="settle: date 0202-04-11 is outside"):
        bond_price("0202-04-11", "2035-02-15", 4.0, 4.0)
    with pytest.raises(InputError, match="maturity: date 2525-02-15 is outside"):
        bond_price("2025-04-11", "2525-02-15", 4.0, 4.0)


def test_cashflows_of_one_bond() -> None:
    cf = bond_cashflows("2025-04-11", "2027-02-15", 4.625)
    assert list(np.datetime_as_string(cf.dates)) == ["2025-08-15", "2026-02-15", "2026-08-15",
                                                     "2027-02-15"]
    np.testing.assert_array_equal(cf.amounts_per_100, [2.3125, 2.3125, 2.3125, 102.3125])
    # A coupon paid on the settlement date belongs to the seller.
    on_date = bond_cashflows("2025-08-15", "2027-02-15", 4.625)
    assert str(on_date.dates[0]) == "2026-02-15"
    with pytest.raises(InputError, match="one bond"):
        bond_cashflows(["2025-04-11", "2025-04-12"], "2027-02-15", 4.625)


def test_day_counts() -> None:
    assert days_between("2025-02-15", "2025-08-15") == 181
    # 55 of 181 days into a 4.625% note's period: accrued = 2.3125 * 55 / 181.
    frac = act_act_icma("2025-02-15", "2025-04-11", "2025-02-15", "2025-08-15")
    assert frac == pytest.approx(55 / 181 / 2, abs=1e-15)
    assert accrued_interest("2025-04-11", "2035-02-15", 4.625) == pytest.approx(
        2.3125 * 55 / 181, abs=1e-14)
    assert act_360("2025-01-01", "2025-04-02") == pytest.approx(91 / 360)
    with pytest.raises(ValueError, match="frequency"):
        act_act_icma("2025-02-15", "2025-04-11", "2025-02-15", "2025-08-15", frequency=0)


# -- textbook identities ----------------------------------------------------------------------


@pytest.mark.parametrize("years", [1, 2, 5, 10, 30])
@pytest.mark.parametrize("coupon", [0.125, 2.5, 4.625, 8.0])
def test_par_bond_on_coupon_date(years: int, coupon: float) -> None:
    maturity = np.datetime64("2035-02-28")
    settle = coupon_date_before_maturity(maturity, 2 * years)
    assert bond_price(settle, maturity, coupon, coupon) == pytest.approx(100.0, abs=1e-10)
    assert accrued_interest(settle, maturity, coupon) == 0.0
    assert bond_yield(settle, maturity, coupon, 100.0) == pytest.approx(coupon, abs=1e-10)
    # Modified duration of a par bond on a coupon date: (1 - (1 + y/2)^-2T) / y.
    y = coupon / 100
    risk = bond_risk(settle, maturity, coupon, coupon)
    assert risk.modified_duration == pytest.approx((1 - (1 + y / 2) ** (-2 * years)) / y,
                                                   rel=1e-12)


@pytest.mark.parametrize("periods", [1, 7, 60])
@pytest.mark.parametrize("yield_pct", [0.0, 3.0, 9.5])
def test_zero_coupon_on_coupon_date(periods: int, yield_pct: float) -> None:
    maturity = np.datetime64("2040-11-30")
    settle = coupon_date_before_maturity(maturity, periods)
    h = yield_pct / 200
    price = bond_price(settle, maturity, 0.0, yield_pct)
    assert price == pytest.approx(100 / (1 + h) ** periods, rel=1e-13)
    risk = bond_risk(settle, maturity, 0.0, yield_pct)
    # A zero's Macaulay duration is its maturity; convexity t (t + 1/2) / (1 + y/2)^2.
    t = periods / 2
    assert risk.macaulay_duration == pytest.approx(t, rel=1e-13)
    assert risk.convexity == pytest.approx(t * (t + 0.5) / (1 + h) ** 2, rel=1e-12)


def test_zero_coupon_between_coupon_dates() -> None:
    # 2025-04-11 is 55 days into the 181-day period 2025-02-15 -> 2025-08-15.
    w = (181 - 55) / 181
    price = bond_price("2025-04-11", "2035-02-15", 0.0, 4.0)
    assert price == pytest.approx(100 / 1.02 ** (w + 19), rel=1e-13)


def test_quoted_example_against_quantlib() -> None:
    # The 4.625% note due 2035-02-15 settling 2025-04-11 at 4.48% (the CLI example).
    ref = _ql_numbers(np.datetime64("2025-04-11"), np.datetime64("2035-02-15"), 4.625, 4.48)
    res = bond_analytics("2025-04-11", "2035-02-15", 4.625, yield_pct=4.48)
    assert res.clean_price_per_100 == pytest.approx(ref["clean"], abs=1e-9)
    assert res.accrued_per_100 == pytest.approx(2.3125 * 55 / 181, abs=1e-12)
    assert 101.0 < res.clean_price_per_100 < 101.3  # a 4.625% coupon above a 4.48% yield
    assert res.macaulay_duration_years == pytest.approx(ref["macaulay"], rel=1e-10)


# -- solver ---------------------------------------------------------------------------------


@pytest.mark.parametrize("guess", [9.99, -0.99, 0.0])
def test_yield_solver_falls_back_to_bisection(monkeypatch, sample, guess: float) -> None:
    # Start Newton from a hopeless point: the safeguard must still reach the root.
    monkeypatch.setattr(bonds_mod, "_approximate_yield",
                        lambda bonds, clean: np.full(clean.shape, guess))
    idx = slice(0, 60)
    y = bond_yield(sample["settle"][idx], sample["maturity"][idx], sample["coupon"][idx],
                   sample["clean"][idx])
    np.testing.assert_allclose(y, sample["yield"][idx], rtol=0, atol=1e-9)


def test_yield_edge_cases() -> None:
    # One day before maturity: tiny sensitivity, still solved to the tolerance.
    p = bond_price("2035-02-14", "2035-02-15", 4.0, 5.0)
    assert bond_yield("2035-02-14", "2035-02-15", 4.0, p) == pytest.approx(5.0, abs=1e-7)
    # A deep discount and a premium implying a negative yield.
    assert bond_yield("2025-02-15", "2055-02-15", 0.0, 5.0) == pytest.approx(
        200 * (20 ** (1 / 60) - 1), abs=1e-10)
    assert bond_yield("2025-02-15", "2035-02-15", 1.0, 115.0) < 0
    with pytest.raises(InputError, match="implies a yield outside"):
        bond_yield("2025-04-11", "2025-04-12", 4.0, 50.0)


# -- shapes and inputs ----------------------------------------------------------------------


def test_scalars_give_floats_and_arrays_broadcast() -> None:
    p = bond_price(dt.date(2025, 4, 11), np.datetime64("2035-02-15"), 4.625, 4.48)
    assert isinstance(p, float)
    assert isinstance(bond_risk("2025-04-11", "2035-02-15", 4.625, 4.48).convexity, float)
    grid = bond_price("2025-04-11", "2035-02-15", np.array([[4.0], [5.0]]), [4.0, 4.5, 5.0])
    assert isinstance(grid, np.ndarray) and grid.shape == (2, 3)
    assert grid[0, 0] == pytest.approx(bond_price("2025-04-11", "2035-02-15", 4.0, 4.0))
    listed = bond_price(["2025-04-11", "2026-01-02"], "2035-02-15", 4.625, 4.48)
    assert listed.shape == (2,)
    with pytest.raises(InputError, match="broadcast"):
        bond_price("2025-04-11", "2035-02-15", [4.0, 5.0], [4.0, 4.5, 5.0])


def test_vectorized_equals_one_by_one(sample) -> None:
    # Bonds are sorted internally by coupons remaining; results must come back in input order.
    idx = np.arange(0, N_RANDOM, 7)
    args = (sample["settle"][idx], sample["maturity"][idx], sample["coupon"][idx],
            sample["yield"][idx])
    vec = bond_risk(*args)
    for j in range(idx.size):
        one = bond_risk(*(a[j] for a in args))
        assert one.convexity == pytest.approx(vec.convexity[j], rel=1e-14)
        assert bond_price(*(a[j] for a in args)) == pytest.approx(bond_price(*args)[j], rel=1e-14)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"settle": "2035-02-15"}, "maturity .* must be after settle"),
        ({"settle": "2036-01-01"}, "maturity .* must be after settle"),
        ({"settle": "2025-13-45"}, "settle: could not read"),
        ({"maturity": "soon"}, "maturity: could not read"),
        ({"settle": np.datetime64("NaT")}, "settle: missing date"),
        ({"settle": 20250411}, "settle: expected a date"),
        ({"coupon_pct": float("nan")}, "coupon_pct: expected"),
        ({"coupon_pct": -1.0}, "coupon_pct: expected a number >= 0"),
        ({"yield_pct": float("nan")}, "yield_pct: expected"),
        ({"yield_pct": -250.0}, "yield_pct: expected a number > -200"),
        ({"yield_pct": "high"}, "yield_pct: expected a number"),
    ],
)
def test_bad_inputs_name_the_argument(kwargs: dict, match: str) -> None:
    args = {"settle": "2025-04-11", "maturity": "2035-02-15", "coupon_pct": 4.625,
            "yield_pct": 4.48} | kwargs
    with pytest.raises(InputError, match=match):
        bond_price(args["settle"], args["maturity"], args["coupon_pct"], args["yield_pct"])


@pytest.mark.parametrize("price", [0.0, -3.0, float("nan"), float("inf")])
def test_bad_price(price: float) -> None:
    with pytest.raises(InputError, match="price: expected a number > 0"):
        bond_yield("2025-04-11", "2035-02-15", 4.625, price)


def test_bad_array_input_reports_position() -> None:
    with pytest.raises(InputError, match="position 1"):
        bond_price("2025-04-11", ["2035-02-15", "2020-02-15"], 4.625, 4.48)
    with pytest.raises(InputError, match="exactly one"):
        bond_analytics("2025-04-11", "2035-02-15", 4.625)
    with pytest.raises(InputError, match="exactly one"):
        bond_analytics("2025-04-11", "2035-02-15", 4.625, yield_pct=4.0, price=100.0)


# -- properties -----------------------------------------------------------------------------

_settles = st.dates(dt.date(2000, 1, 1), dt.date(2060, 12, 31))
_terms = st.integers(1, 30 * 366)
_coupons = st.floats(0.0, 12.0)
_yields = st.floats(-1.0, 20.0)


@settings(max_examples=150, deadline=None)
@given(_settles, _terms, _coupons, _yields, st.floats(0.001, 5.0))
def test_price_falls_as_yield_rises(settle, term, coupon, y, dy) -> None:
    maturity = settle + dt.timedelta(days=term)
    lo, hi = bond_price(settle, maturity, coupon, [y, y + dy])
    assert lo > hi
    risk = bond_risk(settle, maturity, coupon, y)
    assert risk.modified_duration > 0 and risk.dv01 > 0 and risk.convexity > 0
    # Act/Act (ICMA) years can be as short as two 181-day periods.
    assert risk.macaulay_duration <= term / 362 + 1e-12


@settings(max_examples=150, deadline=None)
@given(_settles, _terms, _coupons, _yields)
def test_yield_round_trip(settle, term, coupon, y) -> None:
    maturity = settle + dt.timedelta(days=term)
    price = bond_price(settle, maturity, coupon, y)
    # Very short bonds carry little yield information in the price: a price rounding error of
    # ~1e-13 per 100 moves the yield by 1e-13 / DV01 bp (1e-15 / DV01 percent); allow 100x.
    tol = max(1e-9, 1e-13 / bond_risk(settle, maturity, coupon, y).dv01)
    assert bond_yield(settle, maturity, coupon, price) == pytest.approx(y, abs=tol)


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(2030, 1, 1), dt.date(2060, 12, 31)), st.integers(1, 60),
       st.floats(0.01, 12.0))
def test_par_bond_property(maturity, periods, coupon) -> None:
    settle = coupon_date_before_maturity(np.datetime64(maturity), periods)
    assert bond_price(settle, maturity, coupon, coupon) == pytest.approx(100.0, abs=1e-9)


def test_public_names() -> None:
    from treasury_leverage.curves import bills, daycount, schedule

    assert set(bonds_mod.__all__) == {
        "YIELD_TOLERANCE", "BondAnalytics", "BondCashflows", "BondRisk", "accrued_interest",
        "bond_analytics", "bond_cashflows", "bond_price", "bond_risk", "bond_yield"}
    assert set(bills.__all__) == {
        "bill_bond_equivalent_yield", "bill_discount_yield", "bill_price_from_bey",
        "bill_price_from_discount", "bill_year_basis"}
    assert set(daycount.__all__) == {"act_360", "act_act_icma", "days_between"}
    assert set(schedule.__all__) == {
        "COUPONS_PER_YEAR", "DATE_RANGE", "CouponPeriod", "as_dates",
        "coupon_date_before_maturity", "coupon_period", "coupon_schedule", "is_end_of_month"}
    for module in (bonds_mod, bills, daycount, schedule):
        for name in module.__all__:
            assert hasattr(module, name), (module.__name__, name)


def test_pandas_inputs() -> None:
    pd = pytest.importorskip("pandas")
    prices = bond_price(pd.DatetimeIndex(["2025-04-11", "2025-04-12"]),
                        pd.Series(["2035-02-15", "2030-05-31"]), pd.Series([4.625, 4.0]), 4.48)
    expected = [bond_price("2025-04-11", "2035-02-15", 4.625, 4.48),
                bond_price("2025-04-12", "2030-05-31", 4.0, 4.48)]
    np.testing.assert_allclose(prices, expected, rtol=1e-15)
    assert bond_price(pd.Timestamp("2025-04-11 15:30"), "2035-02-15", 4.625, 4.48) == expected[0]
