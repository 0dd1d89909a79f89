"""Flow plus stock: a decaying flow effect on top of the permanent duration-supply effect.

The literature memo's recommendation (docs/literature.md section 1.7, [C]): the flow studies'
large short-run effects (Beltran et al.: 40-60 bp per USD 100bn on the 5-year) and the QE
literature's small stock effects (about 10 bp per 1% of GDP of 10-year equivalents) measure
different things; model a sale as a *temporary* flow effect (the short-run excess over the long
run, decaying with a half-life of a few months) plus a *permanent* stock effect, and report both.

``impact(t, m) = beta(m) * [ (SR - LR) E_t / beta(5) + c 10yE_t / (1% GDP) / beta(10) ]`` with
``E_t = sum_s 2^{-(t-s)/h} q_s`` (sales in USD 100bn of average-Treasury duration), ``beta`` the
ACM term-premium co-movement slopes, SR/LR Beltran et al.'s short/long-run elasticities and
``c`` the duration-supply rule. Long run: the stock effect alone.

References
----------
Beltran, Kretchmer, Marquez & Thomas (2013), *JIMF* 32(1) (flow part); Crawley, Gagnon, Hebden
& Trevino (2022), FEDS Note, and Li & Wei (2013), *IJCB* 9(1) (stock part).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.impact.base import (
    PERIODS_PER_YEAR,
    ImpactModel,
    SalesPath,
    Separable,
    maturity_mapping,
    par_durations,
    ten_year_equivalents_usd_bn,
)

__all__ = ["FlowPlusStock"]

FloatArray = NDArray[np.float64]


class FlowPlusStock(ImpactModel):
    """Transient flow effect (Beltran et al. short run minus long run) + permanent stock effect."""

    name: ClassVar[str] = "flow_plus_stock"
    family: ClassVar[str] = "combined"
    citation: ClassVar[str] = "Beltran et al. (2013) flow + Crawley et al. (2022) stock"
    source: ClassVar[str] = ("Beltran et al. (2013) JIMF 32(1) short-run excess (40-60 minus ~20 bp per "
                             "USD 100bn, decaying) + Crawley et al. (2022) / Li & Wei (2013) stock "
                             "effect (~10 bp per 1% of GDP of 10y-equivalents)")
    preset_names: ClassVar[tuple[str, ...]] = (
        "beltran2013_short_run_bp_per_100bn", "beltran2013_long_run_bp_per_100bn",
        "flow_decay_half_life_months", "flow_duration_maturity_years",
        "duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn", "duration_par_yield_pct",
    )
    notes: ClassVar[str] = ("docs/literature.md 1.7 recommendation: temporary flow effect (Beltran "
                            "short-run excess, exponential decay, half-life preset) + permanent "
                            "duration-supply stock effect; long run = stock; ACM co-movement across "
                            "the curve")

    def _kernel(self, path: SalesPath, params: dict[str, FloatArray]) -> Separable:
        par_yield = self._par(params)
        mod, _ = par_durations(path.buckets_years, yield_pct=par_yield)
        flow_mod, _ = par_durations((float(params["flow_duration_maturity_years"][0]),), yield_pct=par_yield)
        q = path.sales_usd_bn @ (mod / flow_mod[0]) / 100.0
        months_per_period = 12.0 / PERIODS_PER_YEAR[path.period]
        rho = np.exp2(-months_per_period / params["flow_decay_half_life_months"])
        excess = params["beltran2013_short_run_bp_per_100bn"] - params["beltran2013_long_run_bp_per_100bn"]
        n = len(excess)
        transient = np.zeros((n, path.n_periods + 1))  # the long run (last column) stays 0
        e = np.zeros(n)
        for t, q_t in enumerate(q):
            e = e * rho + q_t
            transient[:, t] = excess * e
        tye = ten_year_equivalents_usd_bn(path.cumulative_usd_bn(), path.buckets_years, yield_pct=par_yield)
        tye = np.concatenate([tye, tye[-1:]])
        per_pct = params["duration_supply_bp_per_pct_gdp"] / (params["nominal_gdp_usd_bn"] / 100.0)
        stock = per_pct[:, None] * tye[None, :]
        beta = maturity_mapping(1.0, self.maturities_years)  # proportional to the ACM slopes
        at5, at10 = maturity_mapping(1.0, (5.0, 10.0))
        return Separable(transient / at5 + stock / at10, beta, "period")
