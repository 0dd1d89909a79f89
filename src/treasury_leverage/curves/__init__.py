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
from treasury_leverage.curves.bootstrap import bootstrap_par_curve
from treasury_leverage.curves.curve import (
    Curve,
    PiecewiseCurve,
    SvenssonCurve,
    SvenssonParams,
    convert_rate,
)
from treasury_leverage.curves.fit import NSS_BOUNDS, NSSFit, fit_nss, fit_nss_many
from treasury_leverage.curves.moves import MoveDecomposition, decompose_move, par_change_table
from treasury_leverage.curves.panel import (
    cached_nss_panel,
    cached_zero_panel,
    curve_from_par,
    fit_nss_panel,
    gsw_panel,
    gsw_zero_yields,
    par_curve_on,
    tenor_years,
    zero_curve_panel,
)
from treasury_leverage.curves.svensson import svensson_forward, svensson_zero

__all__ = [
    "NSS_BOUNDS",
    "BondAnalytics",
    "BondCashflows",
    "BondRisk",
    "Curve",
    "MoveDecomposition",
    "NSSFit",
    "PiecewiseCurve",
    "SvenssonCurve",
    "SvenssonParams",
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
    "bootstrap_par_curve",
    "cached_nss_panel",
    "cached_zero_panel",
    "convert_rate",
    "curve_from_par",
    "decompose_move",
    "fit_nss",
    "fit_nss_many",
    "fit_nss_panel",
    "gsw_panel",
    "gsw_zero_yields",
    "par_change_table",
    "par_curve_on",
    "svensson_forward",
    "svensson_zero",
    "tenor_years",
    "zero_curve_panel",
]
