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
from treasury_leverage.termpremium.episode import EPISODE_MATURITIES, EpisodeResult, decompose
from treasury_leverage.termpremium.estimate import (
    DAILY_START,
    NSS_SOURCE,
    daily_term_premium,
    daily_zero_yields,
    default_panel,
    fit_default,
    term_premium_series,
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
    "DAILY_START",
    "DEFAULT_PC_MATURITIES",
    "DEFAULT_RETURN_MATURITIES",
    "EPISODE_MATURITIES",
    "NSS_SOURCE",
    "ACMResults",
    "AffineTermStructure",
    "EpisodeResult",
    "MonthlyZeroPanel",
    "PanelProvenance",
    "SimulatedCurves",
    "affine_recursion",
    "daily_term_premium",
    "daily_zero_yields",
    "decompose",
    "default_panel",
    "fit_default",
    "gsw_monthly_zero_panel",
    "log_bond_prices",
    "simulate_affine_curves",
    "spliced_monthly_panel",
    "term_premium_series",
]
