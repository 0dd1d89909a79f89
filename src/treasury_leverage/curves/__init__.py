"""Bond math, day counts, schedules and yield-curve objects.

Bond and bill functions are vectorised over arrays of instruments (numpy; no Python loop per
bond) and match QuantLib to ~1e-13 (tests/curves/test_bonds.py). Coupons, yields in percent;
prices per 100 face.
"""

from __future__ import annotations

from treasury_leverage.curves.bills import (
    bill_bond_equivalent_yield,
    bill_discount_yield,
    bill_price_from_bey,
    bill_price_from_discount,
)
from treasury_leverage.curves.bonds import (
    BondAnalytics,
    BondCashflows,
    BondRisk,
    accrued_interest,
    bond_analytics,
    bond_cashflows,
    bond_price,
    bond_risk,
    bond_yield,
)
from treasury_leverage.curves.svensson import svensson_forward, svensson_zero

__all__ = [
    "BondAnalytics",
    "BondCashflows",
    "BondRisk",
    "accrued_interest",
    "bill_bond_equivalent_yield",
    "bill_discount_yield",
    "bill_price_from_bey",
    "bill_price_from_discount",
    "bond_analytics",
    "bond_cashflows",
    "bond_price",
    "bond_risk",
    "bond_yield",
    "svensson_forward",
    "svensson_zero",
]
