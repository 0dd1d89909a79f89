"""A bond schedule located once prices like ``bond_price``, bit for bit (issue 17e)."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.curves.bonds import bond_price, bond_schedule
from treasury_leverage.errors import InputError

SETTLE = np.datetime64("2025-06-13")
MATURITIES = np.array(["2025-09-13", "2026-12-13", "2030-02-28", "2035-06-13", "2055-05-15", "2027-08-31"],
                      dtype="datetime64[D]")
COUPONS = np.array([4.1, 3.9, 3.8, 4.3, 4.9, 0.0])


@pytest.mark.parametrize("shape", [(6,), (1, 6), (1000, 6), (3, 7, 6)])
def test_schedule_prices_equal_bond_price(shape: tuple[int, ...]) -> None:
    schedule = bond_schedule(SETTLE, MATURITIES, COUPONS)
    y = COUPONS + np.random.default_rng(len(shape)).normal(0.0, 1.5, shape)
    y.reshape(-1)[::5] = COUPONS[0]  # a par bond among them
    got = schedule.price(y)
    assert got.flags.c_contiguous  # a later sum over the bonds runs in bond_price's order
    assert np.array_equal(got, np.asarray(bond_price(SETTLE, MATURITIES, COUPONS, y)))


def test_schedule_refuses_what_bond_price_refuses() -> None:
    schedule = bond_schedule(SETTLE, MATURITIES, COUPONS)
    with pytest.raises(InputError, match="last axis of 6 bonds"):
        schedule.price(np.zeros((4, 5)))
    with pytest.raises(InputError, match="yield_pct"):
        schedule.price(np.full(6, np.nan))
    with pytest.raises(InputError, match="maturity"):
        bond_schedule(SETTLE, np.array(["2024-01-01"], dtype="datetime64[D]"), [1.0])
