"""Duration supply: the QE literature's stock effect of 10-year equivalents on the term premium.

``impact_10y(t) = c * 10yE_cum(t) / (1% of GDP)`` with ``c`` about 10 bp per 1% of GDP
(preset ``duration_supply_bp_per_pct_gdp``), ``10yE = sum_i MV_i ModDur_i / ModDur_10y`` (real
durations of par Treasuries from :mod:`treasury_leverage.curves.bonds`) and GDP from the preset
``nominal_gdp_usd_bn``. A stock effect: permanent, so the long run equals the end of the path.
Across the curve: ACM term-premium slopes relative to 10 years (bills anchored by the policy
rate, the long end from our ACM fit). The stock anchor every other family's permanent part uses
(:func:`~treasury_leverage.impact.empirical.stock_anchor_bp_per_bn`).

References
----------
Crawley, E., E. Gagnon, J. Hebden and J. Trevino (2022), "Substitutability between balance sheet
reductions and policy rate hikes: some illustrations and a discussion", FEDS Notes, 3 June 2022
(about +10 bp on the 10-year term premium per 1% of GDP of 10-year equivalents; via a secondary
source). Li, C. and M. Wei (2013), "Term structure modeling with supply factors and the Federal
Reserve's large-scale asset purchase programs", *International Journal of Central Banking* 9(1).
Gagnon, J., M. Raskin, J. Remache and B. Sack (2011), *IJCB* 7(1): 10-year equivalents.
"""

from __future__ import annotations

from typing import ClassVar, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.impact.base import (
    ImpactModel,
    SalesPath,
    Separable,
    maturity_mapping,
    ten_year_equivalents_usd_bn,
)

__all__ = ["DurationSupply"]

FloatArray = NDArray[np.float64]
_REFERENCE_YEARS: Final = 10.0


class DurationSupply(ImpactModel):
    """Stock effect of 10-year equivalents on the term premium (about 10 bp per 1% of GDP)."""

    name: ClassVar[str] = "duration_supply"
    citation: ClassVar[str] = "Crawley et al. (2022); Li & Wei (2013)"
    family: ClassVar[str] = "stock"
    source: ClassVar[str] = ("Crawley, Gagnon, Hebden & Trevino (2022) FEDS Note; Li & Wei (2013) IJCB "
                             "9(1): ~10 bp 10y term premium per 1% of GDP of 10-year equivalents")
    preset_names: ClassVar[tuple[str, ...]] = (
        "duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn", "duration_par_yield_pct",
    )
    notes: ClassVar[str] = ("permanent stock effect only (transient 0: the stock literature's flow effect, "
                            "D'Amico & King's 3.5 bp per operation, is gone within days); sales in "
                            "10-year equivalents with modified durations of par bonds (curves.bonds); "
                            "ACM term-premium mapping relative to 10y (bills ~0, long end from our ACM)")

    def _kernel(self, path: SalesPath, params: dict[str, FloatArray]) -> Separable:
        par_yield = self._par(params)  # the model's curve, or the (fixed) preset
        tye = ten_year_equivalents_usd_bn(path.cumulative_usd_bn(), path.buckets_years,
                                          yield_pct=par_yield)
        tye = np.concatenate([tye, tye[-1:]])  # long run = the stock at the end
        per_pct = params["duration_supply_bp_per_pct_gdp"] / (params["nominal_gdp_usd_bn"] / 100.0)
        ref = per_pct[:, None] * tye[None, :]
        shape = maturity_mapping(_REFERENCE_YEARS, self.maturities_years, kind="acm")
        return Separable(ref, shape, "period")
