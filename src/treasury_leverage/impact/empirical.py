"""Empirical flow elasticities: what USD 100bn of foreign official selling did to yields.

Each model is one study's headline number turned into an impulse response:

``impact_ref(t) = sum_{s <= t} q_s * K(t - s)``, in bp at the study's reference maturity, where
``q_s`` is the sale in period ``s`` in USD 100bn *of average-Treasury duration* and ``K`` the
kernel:

* ``exponential`` (Beltran et al.; Ahmed & Rebucci; Kansas City Fed):
  ``K(a) = LR + (SR - LR) * 2 ** (-a / h)``: the short-run effect SR on impact decays with
  half-life ``h`` towards the long-run effect LR once private investors step in. The decay form
  and ``h`` are our assumption (preset ``flow_decay_half_life_months``, [C]); the studies give SR
  and LR, not the speed.
* ``window`` (Warnock & Warnock): the yield level depends on the trailing 12-month flow scaled by
  GDP, so ``K(a) = c / (1% of GDP)`` for 12 months, then 0.

Two mappings, both our choices [C], documented in the results' ``notes``:

* **Across bonds sold**: a sale of maturity ``m`` counts ``ModDur_m / ModDur_5y`` times its
  dollar size (duration weighting, as in 10-year equivalents): the studies measure dollar flows
  of the average Treasury, whose duration we take to be a 5-year note's (preset
  ``flow_duration_maturity_years``; weighted average maturity of the debt is about 6 years).
* **Across the curve**: the impact at the reference maturity is spread with the ACM term-premium
  co-movement slopes (:data:`~treasury_leverage.impact.base.ACM_TP_BETA_5Y`), held flat beyond
  10 years.
"""

from __future__ import annotations

from typing import ClassVar, Final, Literal

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.impact.base import (
    PERIODS_PER_YEAR,
    ImpactModel,
    MaturityMapping,
    SalesPath,
    Separable,
    maturity_mapping,
    par_durations,
)
from treasury_leverage.presets import preset_value

__all__ = [
    "AhmedRebucci2022",
    "Beltran2013",
    "FlowElasticityModel",
    "KCFed2025",
    "Warnock2009",
]

FloatArray = NDArray[np.float64]
_PER_100BN: Final = 100.0


class FlowElasticityModel(ImpactModel):
    """Shared machinery of the empirical flow models (see the module docstring).

    Subclasses set the reference maturity, the kernel and which presets give SR, LR and the
    half-life (or the window).
    """

    family: ClassVar[str] = "empirical"
    reference_years: ClassVar[float] = 5.0
    kernel: ClassVar[Literal["exponential", "window"]] = "exponential"
    mapping: ClassVar[MaturityMapping] = "acm"
    short_run_preset: ClassVar[str] = ""
    long_run_preset: ClassVar[str | None] = None
    long_run_share_preset: ClassVar[str | None] = None
    half_life_preset: ClassVar[str | None] = "flow_decay_half_life_months"

    def reference_sales_usd_bn(self, path: SalesPath, flow_years: float | None = None) -> FloatArray:
        """Sales per period in USD bn of average-Treasury duration, ``(n_periods,)``."""
        years = preset_value("flow_duration_maturity_years", self.overrides) if flow_years is None \
            else flow_years
        mod, _ = par_durations(path.buckets_years, yield_pct=self.par_yields)
        ref, _ = par_durations((years,), yield_pct=self.par_yields)
        return np.asarray(path.sales_usd_bn @ (mod / ref[0]))

    def _reference_path(self, path: SalesPath, params: dict[str, FloatArray]) -> FloatArray:
        flow_years = float(params["flow_duration_maturity_years"][0])  # a fixed preset
        q = self.reference_sales_usd_bn(path, flow_years) / _PER_100BN
        n_draws = len(params[self.short_run_preset])
        sr = params[self.short_run_preset]
        if self.long_run_preset is not None:
            lr = params[self.long_run_preset]
        elif self.long_run_share_preset is not None:
            lr = sr * params[self.long_run_share_preset]
        else:
            lr = np.zeros(n_draws)
        assert self.half_life_preset is not None
        months_per_period = 12.0 / PERIODS_PER_YEAR[path.period]
        rho = np.exp2(-months_per_period / params[self.half_life_preset])
        out = np.empty((n_draws, path.n_periods + 1))
        transient = np.zeros(n_draws)
        stock = 0.0
        # The recursion E_t = rho * E_{t-1} + q_t is the exponential kernel without a (t, s) matrix.
        for t, q_t in enumerate(q):
            transient = transient * rho + q_t
            stock += q_t
            out[:, t] = lr * stock + (sr - lr) * transient
        out[:, -1] = lr * stock
        return out

    def _kernel(self, path: SalesPath, params: dict[str, FloatArray]) -> Separable:
        ref = self._reference_path(path, params)
        shape = maturity_mapping(self.reference_years, self.maturities_years, kind=self.mapping)
        return Separable(ref, shape, "period")


class Beltran2013(FlowElasticityModel):
    """Beltran, Kretchmer, Marquez & Thomas (2013): USD 100bn -> 5y +40-60 bp short run, ~20 bp long run.

    References
    ----------
    Beltran, D. O., M. Kretchmer, J. Marquez and C. P. Thomas (2013), "Foreign holdings of U.S.
    Treasuries and U.S. Treasury yields", *Journal of International Money and Finance* 32(1);
    FRB International Finance Discussion Paper 1041 (2012), abstract.
    """

    name: ClassVar[str] = "beltran2013"
    citation: ClassVar[str] = "Beltran et al. (2013)"
    source: ClassVar[str] = ("Beltran, Kretchmer, Marquez & Thomas (2013), JIMF 32(1); IFDP 1041: "
                             "USD 100bn -> 5y +40-60 bp short run, ~20 bp long run")
    reference_years: ClassVar[float] = 5.0
    short_run_preset: ClassVar[str] = "beltran2013_short_run_bp_per_100bn"
    long_run_preset: ClassVar[str | None] = "beltran2013_long_run_bp_per_100bn"
    preset_names: ClassVar[tuple[str, ...]] = (
        "beltran2013_short_run_bp_per_100bn", "beltran2013_long_run_bp_per_100bn",
        "flow_decay_half_life_months", "flow_duration_maturity_years",
    )
    notes: ClassVar[str] = ("reference 5y; short run decays exponentially to the long run (half-life "
                            "preset, our assumption); sales duration-weighted to the 5y note; curve mapping: "
                            "ACM term-premium slopes, flat beyond 10y")


class AhmedRebucci2022(FlowElasticityModel):
    """Ahmed & Rebucci (2022): USD 100bn official flow shock -> > 100 bp on 5/10/30-year yields on impact.

    References
    ----------
    Ahmed, R. and A. Rebucci (2022), "Dollar reserves and U.S. yields: identifying the price
    impact of official flows", NBER Working Paper 30476, abstract (heteroskedasticity-identified
    SVAR).
    """

    name: ClassVar[str] = "ahmed_rebucci2022"
    citation: ClassVar[str] = "Ahmed & Rebucci (2022)"
    source: ClassVar[str] = ("Ahmed & Rebucci (2022), NBER WP 30476: USD 100bn official flow -> "
                             "> 100 bp on 5-, 10-, 30-year yields on impact")
    reference_years: ClassVar[float] = 5.0
    short_run_preset: ClassVar[str] = "ahmed_rebucci2022_impact_bp_per_100bn"
    half_life_preset: ClassVar[str | None] = "ahmed_rebucci2022_half_life_months"
    preset_names: ClassVar[tuple[str, ...]] = (
        "ahmed_rebucci2022_impact_bp_per_100bn", "ahmed_rebucci2022_half_life_months",
        "flow_duration_maturity_years",
    )
    notes: ClassVar[str] = ("reference 5y; impact decays to zero (half-life preset, our assumption "
                            "after Martin 2014); sales duration-weighted to the 5y note; ACM term-premium "
                            "mapping, flat beyond 10y")


class KCFed2025(FlowElasticityModel):
    """Kansas City Fed (2025) synthesis: about 40 bp per USD 100bn (range 18-72) on the 10-year.

    References
    ----------
    Federal Reserve Bank of Kansas City, *Economic Bulletin* (2025), "The changing investor
    composition of US Treasuries, Part 1": +57 bp (25-101) per one-s.d. (USD 141bn) monthly
    foreign liquidation across TIC-based studies.
    """

    name: ClassVar[str] = "kcfed2025"
    citation: ClassVar[str] = "Kansas City Fed (2025)"
    source: ClassVar[str] = ("Kansas City Fed Economic Bulletin (2025), investor composition Part 1: "
                             "+57 bp (25-101) per USD 141bn -> ~40 bp (18-72) per USD 100bn")
    reference_years: ClassVar[float] = 10.0
    short_run_preset: ClassVar[str] = "kcfed2025_bp_per_100bn"
    long_run_share_preset: ClassVar[str | None] = "private_substitution_long_run_share"
    preset_names: ClassVar[tuple[str, ...]] = (
        "kcfed2025_bp_per_100bn", "private_substitution_long_run_share", "flow_decay_half_life_months",
        "flow_duration_maturity_years",
    )
    notes: ClassVar[str] = ("reference 10y; decays to a long-run share of the impact (Beltran's "
                            "20/50, our assumption); sales duration-weighted to the 5y note; ACM mapping")


class Warnock2009(FlowElasticityModel):
    """Warnock & Warnock (2009): a year without foreign official flows -> 10-year +80-90 bp.

    The 10-year yield depends on trailing 12-month foreign official flows as a share of GDP, so
    a one-off sale raises it for 12 months, after which it leaves the window (long run 0).

    References
    ----------
    Warnock, F. E. and V. C. Warnock (2009), "International capital flows and U.S. interest
    rates", *Journal of International Money and Finance* 28(6), 903-919; NBER WP 12560 (2006).
    """

    name: ClassVar[str] = "warnock2009"
    citation: ClassVar[str] = "Warnock & Warnock (2009)"
    source: ClassVar[str] = ("Warnock & Warnock (2009), JIMF 28(6); NBER WP 12560: no official "
                             "flows for a year -> 10y +80-90 bp (~25 bp per 1% of GDP of 12-month flows)")
    reference_years: ClassVar[float] = 10.0
    kernel: ClassVar[Literal["exponential", "window"]] = "window"
    short_run_preset: ClassVar[str] = "warnock2009_bp_per_pct_gdp"
    half_life_preset: ClassVar[str | None] = None
    preset_names: ClassVar[tuple[str, ...]] = (
        "warnock2009_bp_per_pct_gdp", "warnock2009_window_months", "nominal_gdp_usd_bn",
        "flow_duration_maturity_years",
    )
    notes: ClassVar[str] = ("reference 10y; level effect of trailing 12-month flows / GDP (window "
                            "kernel, long run 0); sales duration-weighted to the 5y note; ACM mapping")

    def _reference_path(self, path: SalesPath, params: dict[str, FloatArray]) -> FloatArray:
        q = self.reference_sales_usd_bn(path, float(params["flow_duration_maturity_years"][0]))
        per_month = PERIODS_PER_YEAR[path.period] / 12.0
        window = np.maximum(np.rint(params["warnock2009_window_months"] * per_month).astype(np.int64), 1)
        # trailing sums for every window length in use (usually one value)
        csum = np.concatenate([[0.0], np.cumsum(q)])
        t = np.arange(1, path.n_periods + 1)
        out = np.zeros((len(window), path.n_periods + 1))
        for w in np.unique(window):
            rows = window == w
            trailing = csum[t] - csum[np.maximum(t - w, 0)]
            out[rows, :-1] = trailing[None, :]
        pct_gdp = out / (params["nominal_gdp_usd_bn"][:, None] / 100.0)
        result: FloatArray = params["warnock2009_bp_per_pct_gdp"][:, None] * pct_gdp
        return result
