"""The Adrian-Crump-Moench term premium: the model, its inputs, and a simulator for checks.

>>> from treasury_leverage.termpremium import ACM
>>> results = ACM(n_factors=5).fit(zero_yields_monthly)   # doctest: +SKIP
>>> results.term_premium[10]                               # doctest: +SKIP

References
----------
Adrian, T., R. K. Crump and E. Moench (2013), "Pricing the term structure with linear
regressions", *Journal of Financial Economics* 110(1), 110-138.
"""

from __future__ import annotations

from treasury_leverage.termpremium.acm import (
    ACM,
    DEFAULT_PC_MATURITIES,
    DEFAULT_RETURN_MATURITIES,
    ACMResults,
    affine_recursion,
)
from treasury_leverage.termpremium.inputs import (
    MonthlyZeroPanel,
    PanelProvenance,
    gsw_monthly_zero_panel,
    spliced_monthly_panel,
)
from treasury_leverage.termpremium.simulate import (
    AffineTermStructure,
    SimulatedCurves,
    log_bond_prices,
    simulate_affine_curves,
)

__all__ = [
    "ACM",
    "DEFAULT_PC_MATURITIES",
    "DEFAULT_RETURN_MATURITIES",
    "ACMResults",
    "AffineTermStructure",
    "MonthlyZeroPanel",
    "PanelProvenance",
    "SimulatedCurves",
    "affine_recursion",
    "gsw_monthly_zero_panel",
    "log_bond_prices",
    "simulate_affine_curves",
    "spliced_monthly_panel",
]
