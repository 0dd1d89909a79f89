"""Treasury bill discount rates, prices and bond-equivalent yields (31 CFR 356, Appendix B)."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treasury_leverage.curves.bills import (
    bill_bond_equivalent_yield,
    bill_discount_yield,
    bill_price_from_bey,
    bill_price_from_discount,
    bill_year_basis,
)
from treasury_leverage.errors import InputError


def _cfr_quadratic(r: float, y: float, price: float) -> float:
    """The CFR's long-bill formula, written literally (decimal yield)."""
    a = r / y
    return (-2 * a + 2 * math.sqrt(a * a - (2 * a - 1) * (1 - 100 / price))) / (2 * a - 1)


def test_price_from_discount_13_week() -> None:
    # 91 days at a 5.100% discount: 100 - 5.1 * 91 / 360.
    price = bill_price_from_discount("2025-01-02", "2025-04-03", 5.1)
    assert price == pytest.approx(100 - 5.1 * 91 / 360, abs=1e-13)
    assert price == pytest.approx(98.710833333, abs=1e-9)
    assert bill_discount_yield("2025-01-02", "2025-04-03", price) == pytest.approx(5.1, abs=1e-12)


def test_short_bill_bey_is_simple_yield_on_price() -> None:
    p = 98.710833333333
    bey = bill_bond_equivalent_yield("2025-01-02", "2025-04-03", p)
    assert bey == pytest.approx((100 - p) / p * 365 / 91 * 100, rel=1e-14)
    assert bey == pytest.approx(5.23836, abs=1e-5)
    # A bond-equivalent yield exceeds the discount rate (365 vs 360 days, price vs face).
    assert bey > bill_discount_yield("2025-01-02", "2025-04-03", p)


@pytest.mark.parametrize(("settle", "days", "price"),
                         [("2025-01-02", 364, 95.5), ("2025-07-10", 200, 97.9),
                          ("2027-03-04", 350, 96.0), ("2025-01-02", 183, 98.0)])
def test_long_bill_bey_is_the_cfr_quadratic(settle: str, days: int, price: float) -> None:
    maturity = np.datetime64(settle) + days
    y = float(bill_year_basis(settle))
    bey = bill_bond_equivalent_yield(settle, maturity, price)
    assert bey == pytest.approx(100 * _cfr_quadratic(days, y, price), rel=1e-9)
    # ...which is the yield solving P (1 + i/2) (1 + (r/y - 1/2) i) = 100.
    i = bey / 100
    assert price * (1 + i / 2) * (1 + (days / y - 0.5) * i) == pytest.approx(100, rel=1e-14)
    assert bill_price_from_bey(settle, maturity, bey) == pytest.approx(price, rel=1e-14)


def test_bey_is_continuous_across_half_year() -> None:
    # 2027-03-04 has a 366-day year ahead (2028-02-29): r = 183 is exactly half a year.
    assert bill_year_basis("2027-03-04") == 366
    settle = np.datetime64("2027-03-04")
    disc = 4.0
    beys = [bill_bond_equivalent_yield(settle, settle + r,
                                       bill_price_from_discount(settle, settle + r, disc))
            for r in (182, 183, 184)]
    # No jump where the formula switches: one more day moves the yield by well under 0.001%
    # (a wrong branch, e.g. a missing factor 2, would jump by percentage points).
    assert abs(beys[1] - beys[0]) < 1e-3
    assert abs(beys[2] - beys[1]) < 1e-3
    # At exactly half a year the quadratic's limit equals the simple formula.
    p = 97.0
    simple = (100 - p) / p * 2 * 100
    assert bill_bond_equivalent_yield(settle, settle + 183, p) == pytest.approx(simple, rel=1e-14)


@pytest.mark.parametrize(
    ("settle", "basis"),
    [("2025-04-11", 365), ("2027-03-01", 366), ("2027-02-28", 365), ("2028-02-28", 366),
     ("2028-02-29", 365), ("2028-03-01", 365), ("2023-12-31", 366)],
)
def test_year_basis(settle: str, basis: int) -> None:
    assert bill_year_basis(settle) == basis


def test_vectorized_over_bills() -> None:
    settle = np.datetime64("2025-04-10")
    maturity = settle + np.array([28, 91, 182, 183, 364])
    disc = np.array([4.2, 4.3, 4.25, 4.2, 4.0])
    price = bill_price_from_discount(settle, maturity, disc)
    assert price.shape == (5,)
    bey = bill_bond_equivalent_yield(settle, maturity, price)
    for j in range(5):
        assert bey[j] == bill_bond_equivalent_yield(settle, maturity[j], price[j])
    np.testing.assert_allclose(bill_price_from_bey(settle, maturity, bey), price, rtol=1e-14)
    assert isinstance(bill_price_from_discount(dt.date(2025, 4, 10), "2025-07-10", 4.3), float)


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2060, 1, 1)), st.integers(1, 364),
       st.floats(-0.5, 15.0))
def test_round_trips(settle, days, disc) -> None:
    maturity = settle + dt.timedelta(days=days)
    price = bill_price_from_discount(settle, maturity, disc)
    assert bill_discount_yield(settle, maturity, price) == pytest.approx(disc, abs=1e-9)
    bey = bill_bond_equivalent_yield(settle, maturity, price)
    assert bill_price_from_bey(settle, maturity, bey) == pytest.approx(price, rel=1e-13)
    if disc > 1e-6:
        assert bey > disc


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: bill_price_from_discount("2025-04-10", "2025-04-10", 4.0), "must be after"),
        (lambda: bill_price_from_discount("2025-04-10", "2026-06-10", 4.0), "at most one year"),
        (lambda: bill_price_from_discount("2025-04-10", "2025-07-10", 400.0), "price <= 0"),
        (lambda: bill_price_from_discount("2025-04-10", "2025-07-10", math.nan), "discount_pct"),
        (lambda: bill_bond_equivalent_yield("2025-04-10", "2025-07-10", -1.0), "price"),
        (lambda: bill_discount_yield("2025-04-10", "2025-07-10", math.nan), "price"),
        (lambda: bill_bond_equivalent_yield("10/04/2025", "2025-07-10", 99.0), "settle"),
        (lambda: bill_price_from_bey("2025-04-10", "2025-07-10", -500.0), "bey_pct"),
        (lambda: bill_price_from_bey("2025-04-10", ["2025-07-10"] * 2, [4.0] * 3), "broadcast"),
    ],
)
def test_bad_inputs(call, match: str) -> None:
    with pytest.raises(InputError, match=match):
        call()
