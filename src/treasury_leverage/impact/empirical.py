"""Flow studies: what USD 100bn of foreign official selling did to yields, scaled to today's market.

Every model here splits its response to a sales path into a **permanent** part and a
**transient** part (issue 12; our literature review):

``y10(t) = P * Q(t) + T * E(t)``, long run ``P * Q(T)``,

in bp at the 10-year, where ``Q(t)`` is the cumulative sale in USD bn of **10-year equivalents**
(``sum_i MV_i ModDur_i / ModDur_10y`` with real durations of par Treasuries), ``E(t)`` the
transient state and

* ``S`` the study's short-run effect, re-expressed per USD 1bn of 10-year equivalents at the
  10-year and **scaled to today's market**: ``S = SR/100 * (M_sample / M_today) * ModDur_10y /
  ModDur_flow * beta(10) / beta(ref)``. ``M_sample`` is the marketable debt over the paper's
  sample (a cited preset per paper) and ``M_today`` today's (preset ``us_marketable_debt_usd_bn``,
  MSPD); a study expressed per % of GDP (Warnock & Warnock) is already relative to the market
  and is applied to today's GDP;
* ``P`` the permanent effect: the study's own long run where the paper estimated a **stock**
  relation (Beltran et al.'s error-correction model relates yields to the *level* of foreign
  official holdings), scaled the same way; otherwise the **stock anchor** of the duration-supply
  literature, ``c / (1% of GDP)`` with ``c`` the preset ``duration_supply_bp_per_pct_gdp``
  (Crawley et al. 2022; Li & Wei 2013);
* ``T = max(S - P, 0)`` the transient excess, decaying exponentially with a half-life preset
  (``E_t = 2^{-1/h} E_{t-1} + q_t``) or, for Warnock & Warnock, held for the 12-month window of
  their regressors (``E_t`` = the trailing 12-month sale).

Across the curve: ACM term-premium co-movement slopes relative to the 10-year (bills anchored by
the policy rate, the long end from our ACM fit; :func:`~treasury_leverage.impact.base.maturity_mapping`).
In the paper's own experiment (a month's sale of its average Treasury in its own market) each
model returns the paper's headline: ``S`` on impact at the reference maturity, ``P`` in the long run.
"""

from __future__ import annotations

from typing import ClassVar, Final, Literal

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.impact.base import (
    PERIODS_PER_YEAR,
    ImpactModel,
    SalesPath,
    Separable,
    maturity_mapping,
    par_durations,
)

__all__ = [
    "AhmedRebucci2022",
    "Beltran2013",
    "FlowElasticityModel",
    "KCFed2025",
    "Warnock2009",
    "stock_anchor_bp_per_bn",
]

FloatArray = NDArray[np.float64]
_PER_100BN: Final = 100.0
#: Presets of the permanent stock anchor (bp at the 10-year per USD 1bn of 10-year equivalents).
ANCHOR_PRESETS: Final = ("duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn")


def stock_anchor_bp_per_bn(params: dict[str, FloatArray]) -> FloatArray:
    """The permanent stock effect: bp on the 10-year per USD 1bn of 10-year equivalents.

    ``c / (GDP / 100)``: about 10 bp per 1% of GDP (Crawley et al. 2022; Li & Wei 2013), i.e.
    0.033 bp per USD 1bn = 3.3 bp per USD 100bn of 10-year equivalents at GDP USD 30tn (range
    1.7-10 bp over the preset's 5-30 bp per 1% of GDP; our literature review).
    """
    return np.asarray(params["duration_supply_bp_per_pct_gdp"] / (params["nominal_gdp_usd_bn"] / 100.0))


class FlowElasticityModel(ImpactModel):
    """Shared machinery of the flow-study models (see the module docstring)."""

    family: ClassVar[str] = "flow-study"
    reference_years: ClassVar[float] = 5.0
    kernel: ClassVar[Literal["exponential", "window"]] = "exponential"
    short_run_preset: ClassVar[str] = ""
    #: The paper's own long run, kept permanent only where the paper estimated a stock relation.
    long_run_preset: ClassVar[str | None] = None
    half_life_preset: ClassVar[str | None] = "flow_decay_half_life_months"
    #: Marketable debt over the paper's sample (None: the coefficient is already relative to GDP).
    sample_market_preset: ClassVar[str | None] = None

    @classmethod
    def _presets(cls, *own: str) -> tuple[str, ...]:
        names = [*own, "flow_duration_maturity_years", "duration_par_yield_pct", *ANCHOR_PRESETS]
        if cls.sample_market_preset is not None:
            names += [cls.sample_market_preset, "us_marketable_debt_usd_bn"]
        return tuple(dict.fromkeys(names))

    def scale_to_today(self, params: dict[str, FloatArray]) -> FloatArray:
        """``M_sample / M_today`` per draw (1 without a sample-market preset)."""
        if self.sample_market_preset is None:
            n = len(next(iter(params.values())))
            return np.ones(n)
        return np.asarray(params[self.sample_market_preset] / params["us_marketable_debt_usd_bn"])

    def _durations(self, path: SalesPath, params: dict[str, FloatArray]) -> tuple[FloatArray, float, float]:
        par = self._par(params)
        mod_b, _ = par_durations(path.buckets_years, yield_pct=par)
        mod_10, _ = par_durations((10.0,), yield_pct=par)
        mod_f, _ = par_durations((float(params["flow_duration_maturity_years"][0]),), yield_pct=par)
        return mod_b, float(mod_10[0]), float(mod_f[0])

    def coefficients(self, path: SalesPath, params: dict[str, FloatArray]) -> tuple[FloatArray, FloatArray]:
        """``(S, P)``: short-run and permanent bp at the 10-year per USD 1bn of 10-year equivalents."""
        _, mod_10, mod_f = self._durations(path, params)
        to_10 = float(maturity_mapping(self.reference_years, (10.0,))[0])
        per_bn_10ye = self.scale_to_today(params) * (mod_10 / mod_f) * to_10 / _PER_100BN
        short = params[self.short_run_preset] * per_bn_10ye
        if self.long_run_preset is not None:
            perm = params[self.long_run_preset] * per_bn_10ye
        else:
            perm = stock_anchor_bp_per_bn(params)
        return np.asarray(short), np.asarray(perm)

    def _transient_state(self, q10: FloatArray, path: SalesPath, params: dict[str, FloatArray]) -> FloatArray:
        """``E(t)`` per draw ``(n, n_periods)``: the decaying sum of past sales (10yE, USD bn)."""
        assert self.half_life_preset is not None
        months_per_period = 12.0 / PERIODS_PER_YEAR[path.period]
        rho = np.exp2(-months_per_period / params[self.half_life_preset])
        # E_t = rho E_{t-1} + q_t: the exponential kernel without a (t, s) matrix; period-major rows
        # (each step writes one contiguous row, not a strided column), returned as the (n, T) view
        rows = np.empty((path.n_periods + 1, len(rho)))
        rows[0] = 0.0
        for t, q_t in enumerate(q10):
            np.multiply(rows[t], rho, out=rows[t + 1])
            rows[t + 1] += q_t
        return np.asarray(rows[1:].T)

    def _kernel(self, path: SalesPath, params: dict[str, FloatArray]) -> Separable:
        mod_b, mod_10, _ = self._durations(path, params)
        q10 = np.asarray(path.sales_usd_bn @ (mod_b / mod_10))  # 10-year equivalents per period
        short, perm = self.coefficients(path, params)
        trans = np.maximum(short - perm, 0.0)
        cum = np.cumsum(q10)
        state = self._transient_state(q10, path, params)
        out = np.empty((len(short), path.n_periods + 1))
        out[:, :-1] = perm[:, None] * cum[None, :] + trans[:, None] * state
        out[:, -1] = perm * cum[-1]
        shape = maturity_mapping(10.0, self.maturities_years)
        return Separable(out, shape, "period")


class Beltran2013(FlowElasticityModel):
    """Beltran, Kretchmer, Marquez & Thomas (2013): USD 100bn -> 5y +40-60 bp short run, ~20 bp long run.

    Scaled by marketable debt (sample 1994-2010, about USD 3.9tn, one eighth of today's): today
    USD 100bn of 5-year-duration sales -> 5y about +6 bp short run, +2.5 bp permanent. The long
    run stays permanent: the paper's error-correction model relates yields to the stock of
    foreign official holdings.

    References
    ----------
    Beltran, D. O., M. Kretchmer, J. Marquez and C. P. Thomas (2013), "Foreign holdings of U.S.
    Treasuries and U.S. Treasury yields", *Journal of International Money and Finance* 32(1);
    FRB International Finance Discussion Paper 1041 (2012), abstract.
    """

    name: ClassVar[str] = "beltran2013"
    citation: ClassVar[str] = "Beltran et al. (2013)"
    source: ClassVar[str] = ("Beltran, Kretchmer, Marquez & Thomas (2013), JIMF 32(1); IFDP 1041: "
                             "USD 100bn -> 5y +40-60 bp short run, ~20 bp long run (1994-2010 market)")
    reference_years: ClassVar[float] = 5.0
    short_run_preset: ClassVar[str] = "beltran2013_short_run_bp_per_100bn"
    long_run_preset: ClassVar[str | None] = "beltran2013_long_run_bp_per_100bn"
    sample_market_preset: ClassVar[str | None] = "beltran2013_sample_marketable_debt_usd_bn"
    preset_names: ClassVar[tuple[str, ...]] = (
        "beltran2013_short_run_bp_per_100bn", "beltran2013_long_run_bp_per_100bn",
        "flow_decay_half_life_months", "flow_duration_maturity_years", "duration_par_yield_pct",
        "duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn",
        "beltran2013_sample_marketable_debt_usd_bn", "us_marketable_debt_usd_bn",
    )
    notes: ClassVar[str] = ("scaled by marketable debt (sample / today); permanent = Beltran's long run "
                            "(a stock relation), transient = short minus long run, half-life preset; "
                            "sales in 10-year equivalents; ACM term-premium mapping (bills ~0)")


class AhmedRebucci2022(FlowElasticityModel):
    """Ahmed & Rebucci (2022), STRESS VARIANT: a surprise USD 100bn official flow -> > 100 bp on impact.

    A surprise shock identified through heteroskedasticity, not an announced sale: a labelled
    stress variant outside the default mixture. Scaled by marketable debt (sample about USD
    9.7tn); permanent part = the stock anchor (an SVAR impulse response dies out).

    References
    ----------
    Ahmed, R. and A. Rebucci (2022), "Dollar reserves and U.S. yields: identifying the price
    impact of official flows", NBER Working Paper 30476, abstract (heteroskedasticity-identified
    SVAR).
    """

    name: ClassVar[str] = "ahmed_rebucci2022"
    citation: ClassVar[str] = "Ahmed & Rebucci (2022)"
    source: ClassVar[str] = ("Ahmed & Rebucci (2022), NBER WP 30476: SURPRISE USD 100bn official flow "
                             "-> > 100 bp on 5-, 10-, 30-year yields on impact (stress variant)")
    in_pool: ClassVar[bool] = False
    variant: ClassVar[str] = "stress: surprise (unanticipated) flow coefficient, outside the default mixture"
    reference_years: ClassVar[float] = 5.0
    short_run_preset: ClassVar[str] = "ahmed_rebucci2022_impact_bp_per_100bn"
    half_life_preset: ClassVar[str | None] = "ahmed_rebucci2022_half_life_months"
    sample_market_preset: ClassVar[str | None] = "ahmed_rebucci2022_sample_marketable_debt_usd_bn"
    preset_names: ClassVar[tuple[str, ...]] = (
        "ahmed_rebucci2022_impact_bp_per_100bn", "ahmed_rebucci2022_half_life_months",
        "flow_duration_maturity_years", "duration_par_yield_pct",
        "duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn",
        "ahmed_rebucci2022_sample_marketable_debt_usd_bn", "us_marketable_debt_usd_bn",
    )
    notes: ClassVar[str] = ("STRESS variant (surprise shock), not in the pooled answer; scaled by "
                            "marketable debt; transient decays (half-life preset, after Martin 2014) to "
                            "the stock anchor; ACM mapping")


class KCFed2025(FlowElasticityModel):
    """Kansas City Fed (2025) synthesis: about 40 bp per USD 100bn (range 18-72) on the 10-year.

    Expressed by the authors at the March 2025 market (one s.d. = 1.87% of foreign holdings), so
    the scaling to today is small (28.6tn / 30.9tn). The synthesis gives no long run: the
    transient decays to the stock anchor.

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
    sample_market_preset: ClassVar[str | None] = "kcfed2025_sample_marketable_debt_usd_bn"
    preset_names: ClassVar[tuple[str, ...]] = (
        "kcfed2025_bp_per_100bn", "flow_decay_half_life_months", "flow_duration_maturity_years",
        "duration_par_yield_pct", "duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn",
        "kcfed2025_sample_marketable_debt_usd_bn", "us_marketable_debt_usd_bn",
    )
    notes: ClassVar[str] = ("reference 10y; scaled by marketable debt (2025 -> today); transient decays "
                            "(half-life preset) to the stock anchor; 10-year equivalents; ACM mapping")


class Warnock2009(FlowElasticityModel):
    """Warnock & Warnock (2009): a year without foreign official flows -> 10-year +80-90 bp.

    The 10-year yield depends on trailing 12-month foreign official flows as a share of GDP (a
    flow relation, already relative to the economy: applied to today's GDP), so a sale's excess
    over the stock anchor lasts 12 months and then leaves the window; the stock anchor remains.

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
        "flow_duration_maturity_years", "duration_par_yield_pct", "duration_supply_bp_per_pct_gdp",
    )
    notes: ClassVar[str] = ("reference 10y; per % of GDP (today's GDP); excess over the stock anchor held "
                            "for the 12-month window of trailing flows, then only the anchor; ACM mapping")

    def coefficients(self, path: SalesPath, params: dict[str, FloatArray]) -> tuple[FloatArray, FloatArray]:
        _, mod_10, mod_f = self._durations(path, params)
        per_bn = params["warnock2009_bp_per_pct_gdp"] / (params["nominal_gdp_usd_bn"] / 100.0)
        return np.asarray(per_bn * mod_10 / mod_f), stock_anchor_bp_per_bn(params)

    def _transient_state(self, q10: FloatArray, path: SalesPath, params: dict[str, FloatArray]) -> FloatArray:
        per_month = PERIODS_PER_YEAR[path.period] / 12.0
        window = np.maximum(np.rint(params["warnock2009_window_months"] * per_month).astype(np.int64), 1)
        csum = np.concatenate([[0.0], np.cumsum(q10)])
        t = np.arange(1, path.n_periods + 1)
        out = np.zeros((len(window), path.n_periods))
        for w in np.unique(window):
            out[window == w] = (csum[t] - csum[np.maximum(t - w, 0)])[None, :]
        return out
