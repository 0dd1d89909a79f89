"""Every default number of the toolkit, with its source, range and how sure we are.

One registry (:data:`PRESETS`) of frozen :class:`Preset` records. A model never hard-codes an
elasticity, a volume or a rule of thumb: it names a preset, and its results carry the names of
the presets (and the parameter draws) they used, so any output can be traced to a page.

Confidence tags follow ``docs/literature.md`` (the project's literature memo):

``V``
    verified in a copy of the primary source;
``V2``
    verified only through a secondary source quoting the primary;
``C``
    computed or derived by us (arithmetic, rescaling, or a modelling assumption we state);
``R``
    recalled, not verified: provisional.

Distributions for parameter draws (:meth:`Preset.sample`):

``fixed``
    always ``value``;
``uniform``
    uniform on ``[low, high]``;
``triangular``
    triangular with mode ``value`` on ``[low, high]``;
``normal``
    mean ``value``, with ``low``/``high`` the 5th/95th percentiles (symmetric);
``lognormal``
    median ``value``, with ``low``/``high`` read as the 5th/95th percentiles (geometric mean
    of the two implied log-scale spreads).

Later issues add their presets to :data:`PRESETS` in this module (one place for all of them).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.errors import InputError, UnknownNameError

if TYPE_CHECKING:
    # NumPy only for the draws: the faces read their defaults here at import time (``tlev --help``
    # stays free of NumPy), so it is imported where a draw is made.
    import numpy as np
    from numpy.typing import NDArray

__all__ = [
    "PRESETS",
    "Confidence",
    "Distribution",
    "Preset",
    "get_preset",
    "preset_value",
    "presets_frame",
    "sample_presets",
]

Distribution = Literal["fixed", "uniform", "triangular", "normal", "lognormal"]
Confidence = Literal["V", "V2", "C", "R", "U"]

#: z-score of the 95th percentile of a standard normal.
_Z95: Final = 1.6448536269514722


@dataclass(frozen=True, slots=True)
class Preset:
    """A default parameter with its provenance.

    Attributes
    ----------
    name
        Registry key, ``snake_case`` with the unit at the end where it has one.
    value
        Central value (the point estimate used when no draws are asked for).
    low, high
        Range the literature supports (see ``distribution`` for how draws use it).
    unit
        Unit of ``value``/``low``/``high``, e.g. ``"bp per USD 100bn"``.
    distribution
        How parameter draws are generated (module docstring).
    source
        Authors, year, venue and table/page of the number.
    confidence
        ``V``, ``V2``, ``C``, ``R`` or ``U`` (module docstring).
    notes
        How the number is derived or used, and its caveats.
    """

    name: str
    value: float
    low: float
    high: float
    unit: str
    distribution: Distribution
    source: str
    confidence: Confidence
    notes: str = ""

    def __post_init__(self) -> None:
        if not (self.low <= self.value <= self.high):
            raise InputError(f"preset {self.name!r}: expected low <= value <= high, "
                             f"got {self.low} / {self.value} / {self.high}")
        if self.distribution == "lognormal" and self.low <= 0:
            raise InputError(f"preset {self.name!r}: a lognormal preset needs a positive range")

    @property
    def range(self) -> tuple[float, float]:
        """``(low, high)``."""
        return (self.low, self.high)

    def sample(self, n: int, rng: np.random.Generator) -> NDArray[np.float64]:
        """``n`` draws from the preset's distribution (``n = 0`` gives an empty array).

        Parameters
        ----------
        n
            Number of draws.
        rng
            The generator (callers seed it once and share it across presets).
        """
        import numpy as np

        if n < 0:
            raise InputError(f"draws: expected a non-negative count, got {n}")
        lo, mid, hi = self.low, self.value, self.high
        if self.distribution == "fixed" or lo == hi:
            return np.full(n, mid, dtype=np.float64)
        if self.distribution == "uniform":
            return rng.uniform(lo, hi, n)
        if self.distribution == "triangular":
            return rng.triangular(lo, mid, hi, n)
        if self.distribution == "normal":
            sd = (hi - lo) / (2.0 * _Z95)
            return rng.normal(mid, sd, n)
        # lognormal: median `mid`; low/high are p5/p95 (log-spreads averaged if asymmetric)
        sd = (math.log(hi / mid) + math.log(mid / lo)) / (2.0 * _Z95)
        return np.exp(rng.normal(math.log(mid), sd, n))

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (for JSON output and tables), worded for readers: no pointer to a file
        outside the package (:func:`treasury_leverage.bibliography.reader_source`)."""
        from treasury_leverage._format import reader_source

        out = asdict(self)
        out["source"], out["notes"] = reader_source(self.source), reader_source(self.notes)
        return out


_BELTRAN = ("Beltran, Kretchmer, Marquez & Thomas (2013), 'Foreign holdings of U.S. Treasuries and "
            "U.S. Treasury yields', Journal of International Money and Finance 32(1); FRB IFDP 1041 "
            "(2012), abstract")

_IMPACT_PRESETS: Final = (
    # -- empirical flow elasticities ------------------------------------------------------------
    Preset(
        "beltran2013_short_run_bp_per_100bn", 50.0, 40.0, 60.0, "bp per USD 100bn", "uniform",
        _BELTRAN, "V",
        "5-year yield response to a USD 100bn fall in foreign official inflows in one month, short "
        "run (40-60 bp); we draw uniformly on the published range.",
    ),
    Preset(
        "beltran2013_long_run_bp_per_100bn", 20.0, 15.0, 25.0, "bp per USD 100bn", "triangular",
        _BELTRAN, "V",
        "Long-run 5-year response once foreign private investors respond ('about 20 bp', verified); "
        "the +/-5 bp range is ours [C].",
    ),
    Preset(
        "flow_decay_half_life_months", 3.0, 1.0, 6.0, "months", "triangular",
        "Our assumption, following the recommendation in docs/literature.md section 1.7 "
        "('decaying ... with a half-life of a few months'); Beltran et al. (2013) do not publish "
        "an adjustment speed we could verify",
        "C",
        "Half-life of the transient part of every flow-study model: the excess of its short-run "
        "effect over the permanent (stock) effect decays exponentially towards the permanent one as "
        "private investors step in. Consistent with docs/literature.md 1.7 ('a half-life of a few "
        "months').",
    ),
    Preset(
        "private_substitution_long_run_share", 0.4, 1.0 / 3.0, 0.5, "fraction", "uniform",
        "Derived from Beltran et al. (2013) abstract: 20 bp long run vs 40-60 bp short run "
        "(docs/literature.md section 8.4: 'long-run effect about 1/3-1/2 of short-run')",
        "C",
        "Share of a short-run flow effect that persists once private investors substitute. No "
        "longer used by a default model (it made the Kansas City Fed model a copy of Beltran's "
        "long run); kept for users' overrides and older specs.",
    ),
    Preset(
        "flow_duration_maturity_years", 5.0, 4.0, 7.0, "years (maturity of a par note)", "fixed",
        "Weighted average maturity of marketable Treasury debt about 72 months (secondary summaries "
        "of Treasury data, docs/literature.md section 6.2 [V2]); our choice of the 5-year note",
        "C",
        "The flow studies measure dollars of foreign official Treasury holdings of mixed maturity; "
        "we take such a dollar to carry the duration of a 5-year par note (modified duration 4.43 "
        "at 4.5%), so a sale of other bonds counts ModDur_m / ModDur_5y times its size.",
    ),
    Preset(
        "warnock2009_bp_per_pct_gdp", 25.0, 20.0, 30.0, "bp per 1% of GDP of 12-month flows",
        "uniform",
        "Warnock & Warnock (2009), 'International capital flows and U.S. interest rates', Journal "
        "of International Money and Finance 28(6), 903-919; NBER WP 12560 (2006) abstract: no "
        "foreign official flows over the past year -> 10-year yield +90 bp (JIMF: about +80 bp)",
        "C",
        "Our rescaling (docs/literature.md section 1.1): 80-90 bp over official flows of roughly "
        "3-4% of GDP in 2004-05 [flow/GDP ratio R] -> 20-30 bp per 1% of GDP of trailing 12-month "
        "official flows on the 10-year yield.",
    ),
    Preset(
        "warnock2009_window_months", 12.0, 12.0, 12.0, "months", "fixed",
        "Warnock & Warnock (2009): regressors are flows over the trailing 12 months", "V",
        "The yield level depends on trailing 12-month flows, so a one-off sale raises yields for 12 "
        "months and then drops out of the window.",
    ),
    Preset(
        "warnock2009_flows_pct_gdp_2005", 3.3, 3.0, 3.6, "% of GDP", "uniform",
        "Implied by Warnock & Warnock (2006/2009): 80-90 bp at 25 bp per 1% of GDP", "R",
        "Size of the foreign official 12-month flow in the paper's headline experiment ('no foreign "
        "official flows over the past year'); used only to reproduce the headline in tests.",
    ),
    Preset(
        "ahmed_rebucci2022_impact_bp_per_100bn", 100.0, 100.0, 150.0, "bp per USD 100bn",
        "triangular",
        "Ahmed & Rebucci (2022), 'Dollar reserves and U.S. yields: identifying the price impact of "
        "official flows', NBER WP 30476, abstract: more than 100 bp on the 5-, 10- and 30-year "
        "yields on impact (heteroskedasticity identification); 19-44 bp under a recursive "
        "identification",
        "V",
        "A SURPRISE flow shock on impact: used only by the labelled stress variant, never in the "
        "default mixture (a threatened or announced sale is anticipated). The range follows the "
        "paper: low end its 'more than 100 bp' (verified), high end 150 bp ours [C]; the recursive "
        "identification's 19-44 bp is ahmed_rebucci2022_recursive_bp_per_100bn.",
    ),
    Preset(
        "ahmed_rebucci2022_recursive_bp_per_100bn", 30.0, 19.0, 44.0, "bp per USD 100bn", "uniform",
        "Ahmed & Rebucci (2022), NBER WP 30476, abstract: 19-44 bp under the recursive "
        "('price-inelastic official demand') identification without foreign-yield and Fed controls",
        "V",
        "Range verified; the central 30 is ours [C]. Documented beside the surprise estimate; not "
        "used by a default model.",
    ),
    Preset(
        "ahmed_rebucci2022_half_life_months", 12.0, 6.0, 24.0, "months", "triangular",
        "Our assumption, informed by Martin (2014, SSRN 2534451): a surprise USD 100bn foreign "
        "purchase lowers all yields for about 2 years",
        "C",
        "Ahmed & Rebucci report impact responses; the persistence is our assumption. Their SVAR "
        "impulse response dies out, so the permanent part is the stock anchor.",
    ),
    Preset(
        "ahmed_rebucci2022_sample_marketable_debt_usd_bn", 9700.0, 8000.0, 12000.0, "USD bn",
        "uniform",
        "Average U.S. marketable debt over 2003-2020 from the Monthly Statement of the Public Debt "
        "(bundled MSPD, total_marketable: USD 9,668bn); the paper's monthly sample spans roughly the "
        "2000s and 2010s around the 2008 break it exploits [sample dates R]",
        "C",
        "Scaled by marketable debt: a coefficient per USD 100bn estimated when the market was "
        "USD ~9.7tn is applied today as coefficient x (9.7tn / today's marketable debt).",
    ),
    Preset(
        "kcfed2025_bp_per_100bn", 40.0, 18.0, 72.0, "bp per USD 100bn", "triangular",
        "Kansas City Fed Economic Bulletin (2025), 'The changing investor composition of US "
        "Treasuries, Part 1': +57 bp average (range 25-101 bp) for a one-s.d. monthly foreign "
        "liquidation of about USD 141bn",
        "C",
        "Rescaled to USD 100bn by us (57/1.41 = 40, 25/1.41 = 18, 101/1.41 = 72); the synthesis is "
        "verified [V], the rescaling is arithmetic. Applied to the 10-year yield.",
    ),
    Preset(
        "kcfed2025_liquidation_usd_bn", 141.0, 141.0, 141.0, "USD bn", "fixed",
        "Kansas City Fed Economic Bulletin (2025), Part 1: one standard deviation of monthly "
        "foreign liquidation, about USD 141bn (1.87% of foreign holdings, March 2025)",
        "V",
        "The synthesis' experiment; used to reproduce its headline in tests.",
    ),
    Preset(
        "beltran2013_sample_marketable_debt_usd_bn", 3900.0, 3600.0, 4400.0, "USD bn", "uniform",
        "Average U.S. marketable debt over Beltran et al.'s sample (Jan 1994-Jun 2010): 2001-01.."
        "2010-06 from the Monthly Statement of the Public Debt (bundled MSPD, total_marketable: "
        "USD 4,359bn); 1994-2000 about USD 3.0-3.4tn (Treasury Bulletin, recalled [R])",
        "C",
        "Scaled by marketable debt (the paper relates yields to foreign holdings in dollars of a "
        "market about one eighth of today's): coefficients per USD 100bn are multiplied by "
        "3.9tn / today's marketable debt (us_marketable_debt_usd_bn).",
    ),
    Preset(
        "kcfed2025_sample_marketable_debt_usd_bn", 28567.0, 28567.0, 28567.0, "USD bn", "fixed",
        "Kansas City Fed (2025) express the synthesis per one s.d. of monthly liquidation as a share "
        "of March 2025 foreign holdings (1.87%, USD 141bn); MSPD total marketable debt on "
        "2025-03-31 (bundled): USD 28,567bn",
        "C",
        "Scaled by marketable debt, already at the 2025 market (factor ~0.92 today).",
    ),
    Preset(
        "us_marketable_debt_usd_bn", 30895.0, 30000.0, 32000.0, "USD bn", "fixed",
        "U.S. Treasury, Monthly Statement of the Public Debt, total marketable debt on 2026-05-31 "
        "(bundled snapshot, mspd: USD 30,895bn); tests/impact check it against the data",
        "V",
        "Today's market: per-dollar flow coefficients estimated on smaller markets are scaled by "
        "(sample marketable debt / this).",
    ),
    # -- duration supply -------------------------------------------------------------------------
    Preset(
        "duration_supply_bp_per_pct_gdp", 10.0, 5.0, 30.0, "bp per 1% of GDP of 10y-equivalents",
        "triangular",
        "Crawley, Gagnon, Hebden & Trevino (2022), FEDS Note 3 June 2022 (FRB/US balance-sheet "
        "rule), quoted by a secondary source; the same magnitude is attributed to Li & Wei (2013), "
        "International Journal of Central Banking 9(1)",
        "V2",
        "A permanent change in private holdings of 10-year equivalents of 1% of nominal GDP moves "
        "the 10-year term premium about 10 bp. Range ours [C]: 5 (King 2019 finds supply effects "
        "small) to 30 (D'Amico & King 2013: about 10 bp per USD 100bn in the 2009 programme).",
    ),
    Preset(
        "nominal_gdp_usd_bn", 30000.0, 29000.0, 31000.0, "USD bn (annual rate)", "fixed",
        "U.S. Bureau of Economic Analysis, NIPA Table 1.1.5, nominal GDP, 2025 (about USD 30tn)",
        "R",
        "Scale for 'percent of GDP' rules; docs/literature.md uses USD 30tn. Not read from a BEA "
        "file in this repository.",
    ),
    Preset(
        "duration_par_yield_pct", 4.5, 3.5, 5.5, "percent", "fixed",
        "docs/literature.md section 1.7: modified durations at a 4.5% par curve (2y 1.89, 5y 4.43, "
        "10y 7.98, 30y 16.4)",
        "C",
        "Flat par yield at which sales are converted to 10-year equivalents when no curve date is "
        "given; durations come from curves.bonds (QuantLib-checked).",
    ),
    Preset(
        "pool_weight_flow_study", 1.0, 0.0, 1.0, "relative weight", "fixed",
        "Our choice [C]: equal weights across independent families (issue 12); user-settable "
        "through overrides",
        "C",
        "Weight of the flow-study family (Beltran et al. 2013, Kansas City Fed 2025, Warnock & "
        "Warnock 2009, equal within the family) in the pooled mixture.",
    ),
    Preset(
        "pool_weight_stock", 1.0, 0.0, 1.0, "relative weight", "fixed",
        "Our choice [C]: equal weights across families", "C",
        "Weight of the stock/duration family (Crawley et al. 2022; Li & Wei 2013) in the pooled mixture.",
    ),
    Preset(
        "pool_weight_habitat", 1.0, 0.0, 1.0, "relative weight", "fixed",
        "Our choice [C]: equal weights across families", "C",
        "Weight of the structural preferred-habitat family (Vayanos & Vila 2021) in the pooled mixture.",
    ),
    Preset(
        "pool_weight_execution", 1.0, 0.0, 1.0, "relative weight", "fixed",
        "Our choice [C]: equal weights across families", "C",
        "Weight of the execution family (Almgren & Chriss 2000 on the stock anchor) in the pooled mixture.",
    ),
    Preset(
        "pool_family_selector", 0.5, 0.0, 1.0, "uniform draw", "uniform",
        "Monte Carlo device [C]: one uniform number per draw picks the family (by the pool "
        "weights) and the member within it", "C",
        "Not a parameter of any paper; at its central value the pooled model returns the "
        "weight-averaged central path of the families.",
    ),
    Preset(
        "policy_treasury_offset_share", 0.5, 0.25, 1.0, "fraction of the sale's 10-year equivalents",
        "fixed",
        "Our assumption [C]; elasticity from Hamilton & Wu (2012), JMCB 44(s1): a USD 400bn swap of "
        "bills for long debt moves the 10-year about 13-14 bp, i.e. the same ~3.5 bp per USD 100bn of "
        "duration as the stock anchor, so offsetting a share of the duration sold removes that share "
        "of the permanent effect",
        "C",
        "policy='treasury': the Treasury shifts new issuance toward bills by this share of the 10-year "
        "equivalents the holder sold (over the year after the sale), cutting the permanent part by it.",
    ),
    Preset(
        "policy_fed_threshold_bp", 30.0, 15.0, 60.0, "bp on the 10-year", "fixed",
        "Our assumption [C]: the Fed's market-functioning purchases of March 2020 and the Bank of "
        "England's gilt purchases of September 2022 followed dislocations of several tens of bp in "
        "days (docs/literature.md section 8.3; April 2025: ~50 bp in a week without Fed action)",
        "C",
        "policy='fed': purchases for market functioning cap the 10-year's transient rise at this "
        "threshold (temporary purchases: the permanent part is unchanged).",
    ),
    # -- preferred habitat ----------------------------------------------------------------------
    Preset(
        "habitat_long_short_ratio", 1.0 / 3.0, 0.25, 0.5, "bp of 10y yield per bp of short rate",
        "uniform",
        "Fed 'three-to-one' rule of thumb: short rates move about three times as much as long "
        "rates (L. H. Meyer notes, docs/literature.md section 2)",
        "V2",
        "Pins the risk-neutral mean reversion kappa* of the one-factor Vayanos-Vila model through "
        "A_r(10)/10, the 10-year zero yield's loading on the short rate.",
    ),
    Preset(
        "habitat_short_rate_mean_reversion_per_year", 0.1, 0.05, 0.3, "per year", "fixed",
        "Typical Vasicek fits of the U.S. short rate (half-life of several years)", "R",
        "Physical mean reversion kappa_r in Vayanos & Vila (2021), Econometrica 89(1). Yield impacts "
        "of the calibrated model do not depend on it (only the implied risk aversion does).",
    ),
    Preset(
        "habitat_short_rate_vol_per_sqrt_year", 0.01, 0.008, 0.015, "decimal per sqrt(year)",
        "fixed",
        "Typical Vasicek fits of the U.S. short rate (about 100 bp a year)", "R",
        "sigma_r in Vayanos & Vila (2021). Like kappa_r, it sets the level of risk aversion the "
        "calibration implies, not the calibrated yield impacts.",
    ),
    Preset(
        "habitat_supply_width_years", 1.0, 0.5, 2.0, "years", "fixed",
        "Our discretisation choice", "C",
        "Width of the maturity band over which a bucket's sale is spread in the habitat model.",
    ),
    # -- execution (Almgren-Chriss) ---------------------------------------------------------------
    Preset(
        "treasury_adv_usd_bn", 950.0, 907.9, 1000.0, "USD bn per day", "uniform",
        "SIFMA US Fixed Income Securities Statistics / Capital Markets Fact Book (Feb 2025): "
        "Treasury ADV USD 907.9bn in 2024; Coalition Greenwich: 2025 averaging over USD 1tn",
        "V",
        "All Treasury securities, all venues. Sets Almgren-Chriss temporary impact.",
    ),
    Preset(
        "treasury_bid_ask_bp", 0.15, 0.1, 0.2, "bp of yield", "uniform",
        "On-the-run bid-ask of about 1/128-1/64 of a point in normal times (docs/literature.md "
        "section 5.3)",
        "R",
        "Full spread, in yield terms; converted to price with the bucket's modified duration.",
    ),
    Preset(
        "treasury_daily_yield_vol_bp", 7.0, 6.0, 8.0, "bp per day", "uniform",
        "Typical daily 10-year yield volatility with MOVE about 100 (docs/literature.md section 5.3)",
        "R",
        "Arithmetic random-walk volatility of the yield in Almgren-Chriss (converted to price with "
        "the modified duration).",
    ),
    Preset(
        "ac_temporary_adv_fraction", 0.01, 0.01, 0.01, "fraction of ADV", "fixed",
        "Almgren & Chriss (2000), 'Optimal execution of portfolio transactions', Journal of Risk "
        "3(2), 5-39, section on parameter choice: trading 1% of daily volume costs one bid-ask "
        "spread",
        "R",
        "eta = spread / (fraction * ADV).",
    ),
    # -- scenario: the United States' interest bill and the trade channel (helper-12, issue 7) --
    Preset(
        "cbo2025_rates_plus_10bp_usd_bn", 351.0, 184.0, 388.0,
        "USD bn over 2026-35 (all rates +0.1 pp every year)", "fixed",
        "Congressional Budget Office (2025), 'How Changes in Economic Conditions Might Affect the "
        "Federal Budget: 2025 to 2035', publication 61249: four adverse scenarios raise the "
        "2026-35 deficit by USD 184-388bn; the 'higher interest rates' scenario (3-month bills and "
        "10-year notes 0.1 pp higher every year) lies in that range",
        "R",
        "Range verified [V] (docs/literature.md section 6.1); the exact interest-rate figure (about "
        "USD 351bn, 2024 edition about 324bn) is recalled [R]. Used only to check "
        "scenario.us_bill against CBO's rule of thumb.",
    ),
    Preset(
        "cbo2025_deficit_2026_usd_bn", 1713.0, 1600.0, 1900.0, "USD bn (fiscal year 2026)",
        "triangular",
        "CBO (January 2025), 'The Budget and Economic Outlook: 2025 to 2035', publication 60870, "
        "baseline deficit for fiscal year 2026; confirmed through a public spreadsheet that "
        "reproduces CBO's baseline table (deficits USD 1,713bn in 2026 rising to 2,532bn in 2035, "
        "sum 2026-35 USD 21,760bn; net interest USD 1,010bn in 2026)",
        "V2",
        "Read through a secondary copy of CBO's table. First year of the deficit path that finances new "
        "marketable borrowing in scenario.us_bill; the path then rises linearly so that the ten "
        "years sum to cbo2025_cumulative_deficit_2026_35_usd_bn. Range ours [C].",
    ),
    Preset(
        "cbo2025_cumulative_deficit_2026_35_usd_bn", 21800.0, 20000.0, 24000.0,
        "USD bn over fiscal years 2026-35", "triangular",
        "CBO (2025), publication 61249: baseline total deficit of USD 21.8tn over 2026-35 "
        "(docs/literature.md section 6.1)",
        "V",
        "Ten-year sum of baseline deficits, all financed by new marketable debt (marketable debt is "
        "about 98% of debt held by the public, PGPF 2024). Range ours [C]: later CBO updates and "
        "policy changes move it by roughly +/-10%. Draws scale the whole deficit path.",
    ),
    Preset(
        "us_debt_wam_months", 72.0, 60.0, 75.0, "months", "fixed",
        "Weighted average maturity of marketable Treasury debt about 72 months in 2025 (secondary "
        "summaries of Treasury data, docs/literature.md section 6.2); Treasury blog (2012): 63.9 "
        "months in May 2012, 1980-2010 average 58.1",
        "V2",
        "Not an input: the maturity profile of scenario.us_bill (auction tenor mix, stock growth "
        "read from the MSPD) implies a WAM that is compared with this number.",
    ),
    Preset(
        "us_debt_avg_interest_rate_pct", 3.4, 3.0, 3.8, "percent per year", "fixed",
        "U.S. Treasury, Fiscal Data 'Average Interest Rates on U.S. Treasury Securities': total "
        "marketable about 3.3-3.4% in 2025",
        "R",
        "Rate at which the extra interest itself is borrowed (debt service on the extra debt), as "
        "CBO's estimates include it. Kept fixed across draws so the bill stays exactly linear in "
        "the yield shift.",
    ),
    Preset(
        "tips_real_yield_passthrough", 1.0, 0.5, 1.0, "bp of TIPS real yield per bp of nominal",
        "fixed",
        "Our assumption: CBO's scenario raises interest rates with inflation unchanged, so real "
        "yields rise one for one; a shift that is partly higher inflation compensation would "
        "pass less than one for one",
        "C",
        "Applied to TIPS coupons at refinancing; inflation accruals on TIPS principal are not "
        "affected by a yield shift and are left out. Not drawn (fixed at 1, CBO's case); set it "
        "through overrides to explore the range.",
    ),
    Preset(
        "us_nominal_gdp_growth_pct", 4.0, 3.5, 4.5, "percent per year", "fixed",
        "CBO (January 2025), 'The Budget and Economic Outlook: 2025 to 2035': nominal GDP growth "
        "of roughly 3.8-4.3% a year over 2026-35",
        "R",
        "Grows nominal_gdp_usd_bn (2025) to express interest costs in % of GDP.",
    ),
    Preset(
        "mortgage_spread_bp", 170.0, 170.0, 292.0, "bp (30-year mortgage minus 10-year Treasury)",
        "fixed",
        "Historical average about 170 bp (Fed data via AP); 292 bp in October 2022, the widest "
        "since August 1986; about 250 bp in April 2025 (docs/literature.md section 6.3)",
        "V2",
        "Level of the spread; reported with the mortgage-rate shift. The shift itself assumes the "
        "spread stays put (scaled by mortgage_treasury_passthrough).",
    ),
    Preset(
        "mortgage_treasury_passthrough", 1.0, 0.8, 1.3, "bp of mortgage rate per bp of 10-year",
        "triangular",
        "docs/literature.md section 6.3: long-run pass-through of a Treasury term-premium shock to "
        "mortgage rates about 1:1; in disorderly sell-offs the spread widens (extra 20-80 bp), so "
        "short-run pass-through can exceed 1",
        "C",
        "Range ours: 0.8 (spread compresses as prepayment risk falls) to 1.3 (disorderly sell-off).",
    ),
    Preset(
        "us_goods_imports_from_japan_2024_usd_bn", 148.2, 148.2, 148.2, "USD bn (2024, Census basis)",
        "fixed",
        "U.S. Census Bureau and BEA, 'U.S. International Trade in Goods and Services, December and "
        "Annual 2024' (FT-900, 5 February 2025), goods by country, Census basis",
        "R",
        "About USD 148bn (issue 7); the decimal is recalled. Japan's dollar export earnings from "
        "the United States before any tariff.",
    ),
    Preset(
        "us_goods_exports_to_japan_2024_usd_bn", 79.7, 79.7, 79.7, "USD bn (2024, Census basis)",
        "fixed",
        "U.S. Census Bureau and BEA, FT-900 December and Annual 2024 (5 February 2025), goods by "
        "country",
        "R",
        "About USD 80bn (issue 7). Reported with the bilateral balance; retaliation is not modelled.",
    ),
    Preset(
        "us_goods_imports_from_china_2024_usd_bn", 438.9, 438.9, 438.9, "USD bn (2024, Census basis)",
        "fixed",
        "U.S. Census Bureau and BEA, FT-900 December and Annual 2024 (5 February 2025), goods by "
        "country (China: mainland, excluding Hong Kong and Macau); confirmed through secondary "
        "summaries of the Census figures (Jabil Global Commodity Intelligence, Q2 2025: imports "
        "USD 439bn, exports USD 144bn, deficit USD 295bn; Coalition for a Prosperous America: "
        "deficit USD 295.4bn = 438.9 - 143.5)",
        "V2",
        "Check the decimal against the Census country page c5700 when it can be reached.",
    ),
    Preset(
        "us_goods_exports_to_china_2024_usd_bn", 143.5, 143.5, 143.5, "USD bn (2024, Census basis)",
        "fixed",
        "U.S. Census Bureau and BEA, FT-900 December and Annual 2024 (5 February 2025), goods by "
        "country; confirmed through the same secondary summaries (exports USD 144bn)",
        "V2",
        "Reported with the bilateral balance (deficit USD 295.4bn).",
    ),
    Preset(
        "trade_default_us_imports_usd_bn", 0.0, 0.0, 0.0, "USD bn per year", "fixed",
        "Our choice: no bilateral trade facts are bundled for holders other than Japan and China",
        "C",
        "For other holders the trade channel is off (no shortfall) unless the user sets this "
        "preset through overrides. Many large holders are custodial or financial centres (Belgium, "
        "Luxembourg, Cayman Islands, United Kingdom) whose Treasury purchases are not the "
        "recycling of goods exports to the United States, so no generic number would be honest.",
    ),
    Preset(
        "import_demand_elasticity", 2.5, 1.0, 4.0, "percent fall in volume per percent price rise",
        "triangular",
        "Fajgelbaum, Goldberg, Kennedy & Khandelwal (2020), 'The Return to Protectionism', "
        "Quarterly Journal of Economics 135(1), 1-55: U.S. import demand elasticity about 2.5 "
        "estimated on the 2018 tariffs; Broda & Weinstein (2006) QJE 121(2) and Soderbery (2015) "
        "JIE 96(1) give median product-level elasticities of about 1-4",
        "R",
        "Constant-elasticity U.S. demand for the holder's goods: volume x (1 + pass-through x "
        "tariff)^(-elasticity). Long-run (a year or more); the adjustment speed is "
        "trade_adjustment_half_life_months.",
    ),
    Preset(
        "tariff_passthrough_to_us_prices", 0.95, 0.8, 1.0, "share of the tariff in U.S. buyer prices",
        "triangular",
        "Amiti, Redding & Weinstein (2019), 'The Impact of the 2018 Tariffs on Prices and "
        "Welfare', Journal of Economic Perspectives 33(4), 187-210, and Fajgelbaum et al. (2020): "
        "complete pass-through of the 2018 tariffs to U.S. import prices; Cavallo, Gopinath, Neiman "
        "& Tang (2021), AER: Insights 3(1): near-complete at the border",
        "R",
        "1 = foreign exporters keep their dollar prices and U.S. buyers pay the whole tariff; 0.8 "
        "= exporters absorb a fifth. Central 0.95 [C]: 'complete' in the 2018 studies, a little "
        "less in later product-level estimates.",
    ),
    Preset(
        "trade_treasury_recycling_share", 0.15, 0.05, 0.35, "fraction of lost export dollars",
        "triangular",
        "Our assumption [C]: Treasury holdings as a share of the holder's foreign assets, e.g. "
        "Japan about USD 1.1-1.2tn of Treasuries (TIC) against roughly USD 10tn of gross external "
        "assets (about 11%) [R], China about USD 0.76tn against USD 3.2tn of reserves (about 24%) "
        "[R]; docs/literature.md has no direct estimate",
        "C",
        "Share of the dollars the holder no longer earns that would have been invested in "
        "Treasuries. A user-set value (overrides) is the point of the parameter.",
    ),
    Preset(
        "trade_adjustment_half_life_months", 6.0, 3.0, 12.0, "months", "triangular",
        "Our assumption [C]: the 2018-19 tariffs cut targeted U.S. imports within a few quarters "
        "(Fajgelbaum et al. 2020; Amiti, Redding & Weinstein 2019)",
        "C",
        "Exponential phase-in of the export loss (and of the purchase shortfall).",
    ),
    # -- scenario: seller's bill (helper-11, issue 7) ---------------------------------------------
    Preset(
        "fx_intervention_jpy_per_100bn", 9.5, 6.2, 11.2, "yen per USD (JPY/USD fall) per USD 100bn sold",
        "triangular",
        "Japan's Ministry of Finance, 'Foreign Exchange Intervention Operations' (quarterly and "
        "monthly releases): yen-buying of JPY 2.84tn (22 Sep 2022, ~USD 19.7bn), JPY 5.62tn (21 Oct "
        "2022, ~USD 37.7bn), JPY 9.79tn (29 Apr + 1 May 2024, ~USD 62.2bn), JPY 5.53tn (11-12 Jul "
        "2024, ~USD 34.4bn) [R: amounts recalled]; yen moves from FRED DEXJPUS noon rates in the "
        "bundled snapshot (day before -> day after): -1.98, -3.47, -3.85, -3.85 yen [V]",
        "C",
        "Our arithmetic: 10.0, 9.2, 6.2 and 11.2 yen per USD 100bn of dollars sold (at 144-162 yen "
        "per dollar); mode 9.5. Linear in the amount, which overstates the effect of very large "
        "conversions if markets anticipate them; see fx_effect_persistence_share for how much lasts. "
        "Applied to other holders' currencies as the same percent move [C].",
    ),
    Preset(
        "fx_intervention_reference_jpy_per_usd", 153.3, 153.3, 153.3, "yen per USD", "fixed",
        "Average DEXJPUS on the days before the four intervention episodes of "
        "fx_intervention_jpy_per_100bn (144.14, 149.82, 157.62, 161.73; FRED, bundled snapshot)",
        "C",
        "Turns the yen move into a percent move (about 6.2% of the dollar's value per USD 100bn).",
    ),
    Preset(
        "fx_effect_persistence_share", 0.5, 0.0, 1.0, "fraction", "uniform",
        "Our assumption [C]: after the 21 Oct 2022 intervention DEXJPUS was back within a yen of its "
        "level the next day, while the 2024 episodes held for weeks (DEXJPUS, bundled snapshot); "
        "docs/literature.md section 8.4 gives the FX loss rule but no persistence",
        "C",
        "Share of the on-the-day appreciation still there when the seller values its remaining "
        "dollar assets at the end of the action.",
    ),
    Preset(
        "gdp_japan_usd_bn", 4070.0, 3900.0, 4200.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_china_usd_bn", 18270.0, 17800.0, 18800.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_united_kingdom_usd_bn", 3590.0, 3450.0, 3700.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP (the UK's TIC holdings are largely custodial).",
    ),
    Preset(
        "gdp_canada_usd_bn", 2210.0, 2100.0, 2300.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_switzerland_usd_bn", 940.0, 900.0, 980.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_taiwan_usd_bn", 800.0, 760.0, 840.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_india_usd_bn", 3890.0, 3700.0, 4000.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_korea_usd_bn", 1760.0, 1680.0, 1840.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_saudi_arabia_usd_bn", 1110.0, 1050.0, 1170.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_brazil_usd_bn", 2190.0, 2050.0, 2300.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_hong_kong_usd_bn", 410.0, 390.0, 430.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_singapore_usd_bn", 530.0, 500.0, 560.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    Preset(
        "gdp_norway_usd_bn", 500.0, 470.0, 530.0, "USD bn (2024)", "fixed",
        "IMF World Economic Outlook database, October 2024: nominal GDP in U.S. dollars, 2024",
        "R", "Scales the seller's bill to % of GDP.",
    ),
    # -- the leverage game: horizon and payoff weights (helper-13, issue 8) ------------------------
    Preset(
        "game_horizon_years", 5.0, 1.0, 10.0, "years", "fixed",
        "Our choice [C]: the U.S. bill is reported at 1, 5 and 10 years; five years spans a tariff "
        "round and most of the yield impact of a sale (docs/literature.md sections 1.7 and 6.2)",
        "C",
        "Flows of both players (interest, mortgage interest, tariff revenue and buyers' cost, lost "
        "export earnings) are summed over this horizon, undiscounted; must be 1, 5 or 10.",
    ),
    Preset(
        "game_weight_us_interest", 1.0, 0.0, 1.0, "weight", "fixed",
        "Our choice [C]: a dollar of extra federal interest is a dollar of U.S. cost",
        "C", "Weight of the extra federal interest bill in the U.S. payoff.",
    ),
    Preset(
        "game_weight_us_mortgage", 1.0, 0.0, 1.0, "weight", "fixed",
        "Our choice [C]: extra interest paid by U.S. mortgage borrowers counts fully (a private, "
        "not a fiscal, cost; set 0 for a budget-only view)",
        "C", "Weight of the mortgage-rate effect in the U.S. payoff.",
    ),
    Preset(
        "game_weight_tariff_revenue", 1.0, 0.0, 1.0, "weight", "fixed",
        "Our choice [C]: tariff revenue is a gain to the U.S. Treasury; with the buyers' cost also "
        "at weight 1 the tariff's net is the deadweight loss less the part foreign exporters absorb "
        "(Amiti, Redding & Weinstein 2019, JEP 33(4))",
        "C", "Weight of tariff revenue in the U.S. payoff.",
    ),
    Preset(
        "game_weight_us_consumer_cost", 1.0, 0.0, 1.0, "weight", "fixed",
        "Our choice [C]: the cost of the tariff to U.S. buyers counts fully (Fajgelbaum et al. 2020, "
        "QJE 135(1): the 2018 tariffs' cost fell on U.S. buyers)",
        "C", "Weight of the buyers' cost in the U.S. payoff.",
    ),
    Preset(
        "game_weight_holder_bill", 1.0, 0.0, 1.0, "weight", "fixed",
        "Our choice [C]: the seller's bill (concession, mark-to-market, FX) counts fully",
        "C", "Weight of the holder's bill in its payoff.",
    ),
    Preset(
        "game_weight_holder_export_loss", 1.0, 0.2, 1.0, "weight", "fixed",
        "Our choice [C]: lost dollar export earnings count fully; this is an upper bound on the "
        "holder's welfare loss (resources are partly redeployed; value added is below gross exports)",
        "C",
        "Weight of the trade loss in the holder's payoff. It cancels in every credibility verdict "
        "(the loss is the same whatever the holder does after the tariff) and matters only for "
        "levels and coalition cost shares.",
    ),
    Preset(
        "game_us_tariff_aims_usd_bn", 0.0, 0.0, 1000.0, "USD bn over the game horizon", "fixed",
        "Our choice [C]: none by default (a money-only game). Set it to the value the U.S. attaches to "
        "a tariff's aims beyond money (concessions in a trade deal, politics)",
        "C",
        "Added to the U.S. payoff of every tariff action whatever the holder does. The game reports "
        "the break-even value (the tariff's money loss against a holder that holds) and the value "
        "beyond which no belief in the holder's resolve deters the tariff.",
    ),
    Preset(
        "us_mortgage_originations_usd_bn_per_year", 1700.0, 1300.0, 2300.0, "USD bn per year",
        "triangular",
        "Mortgage Bankers Association, single-family mortgage originations: about USD 1.7tn in 2024 "
        "(about 1.5tn in 2023, 4.4tn in 2021) [R: recalled, not in docs/literature.md]",
        "R",
        "New fixed-rate loans lock the shifted mortgage rate; the game's mortgage cost is this "
        "volume x the rate shift x the years left in the horizon (central value used).",
    ),
    # -- defaults of the faces: one home for the numbers CLI, web and brief share (issue 15) -------
    Preset(
        "default_sale_business_days", 60.0, 1.0, 504.0, "business days", "fixed",
        "Our choice [C]: about three months of trading, the horizon of the scenario, game and brief "
        "sale cases; long enough that a sale is a programme, not a fire sale (Almgren & Chriss 2000 "
        "cost falls with the horizon), short enough to land inside one tariff round",
        "C",
        "Days over which a sale is spread when none is given (scenario specs, the brief's sale cases). "
        "Whole business days, 1..504.",
    ),
    Preset(
        "default_impact_maturity_years", 10.0, 0.25, 30.0, "years", "fixed",
        "Our choice [C]: the 10-year, the benchmark that the scenario, game, brief and "
        "`tlev execution` report; the flow studies measure their effects at the 5-year (Beltran et al. "
        "2013), so `--maturity 5y` reproduces their headline numbers",
        "C",
        "Maturity sold by `tlev impact` and `/api/impact` (and the dashboard's impact panel) when none "
        "is given. Until issue 15 the CLI sold 5-year and the web 10-year paper.",
    ),
    Preset(
        "default_impact_draws", 10_000.0, 0.0, 100_000.0, "parameter draws", "fixed",
        "Our choice [C]: 10,000 draws put the Monte Carlo error of a p5/p95 at about +/-0.2 "
        "percentage points of probability (sqrt(0.05 x 0.95 / 10000)); one impact run is cheap",
        "C",
        "Parameter draws behind the p5-p95 band of `tlev impact`, `tlev execution` and `/api/impact` "
        "(the web caps them at the server's max_draws).",
    ),
    Preset(
        "default_draws", 1_000.0, 0.0, 100_000.0, "parameter draws per model", "fixed",
        "Our choice [C], issues 13 and 15: one number for the standard question on every face, so "
        "that `tlev scenario`, `tlev game`, the brief, the dashboard and assess() print the same "
        "numbers. 1,000 joint draws put the Monte Carlo error of a p5/p95 at about +/-0.7 percentage "
        "points (sqrt(0.05 x 0.95 / 1000)) and of a credible share at most about 1.6 points (binomial "
        "standard error at 50%), small beside the spread between model families; issue 13 asks for at "
        "least 1,000 game draws. (Was 2,000 for a scenario, 1,000 for the brief and the game.)",
        "C",
        "Monte Carlo draws per engine run when none are given: `tlev scenario`, `tlev game`, `tlev "
        "brief`, the dashboard, the web API and assess(). 0 gives point estimates (one per model).",
    ),
    Preset(
        "default_flows_window_months", 24.0, 1.0, 600.0, "months", "fixed",
        "Our choice [C]: two years of monthly TIC changes answer 'is it selling now?' while averaging "
        "out single months, whose valuation estimate has a band of its own (holdings.flows)",
        "C",
        "Window of the flow detective's verdict when no start is given: the last 24 months to the "
        "holder's latest month, in `tlev flows`, `/api/flows`, the dashboard and the brief. "
        "Until issue 15: the whole history (CLI, API), 37 months (dashboard), 24 months (brief).",
    ),
    Preset(
        "default_tariff_pct", 10.0, 0.0, 100.0, "percent ad valorem", "fixed",
        "Our choice [C]: the 10% baseline tariff of April 2025 (U.S. Executive Order 14257, 2 April "
        "2025), the size of the threat the game and the brief put to a holder",
        "C",
        "Tariff of the leverage game when none is given (the brief's game section; the game and "
        "scenario faces read it once issue 13 lands).",
    ),
    Preset(
        "cost_horizon_years", 10.0, 5.0, 30.0, "years", "fixed",
        "Our choice [C], the budget window of CBO's baseline and of its interest rule of thumb "
        "(CBO 2025, publication 61249: ten years); DESIGN.md 'One basis for both sides'",
        "C",
        "Horizon of the present-value basis of both sides' costs: the holder's horizon total return "
        "(concession, carry and reinvestment at the new yields, mark-to-market of what it still "
        "holds at the horizon, FX) and the U.S. extra interest, both discounted at the start day's "
        "par curve.",
    ),
    Preset(
        "official_sale_convert_share", 1.0, 0.0, 1.0, "fraction", "fixed",
        "Japan's Ministry of Finance, 'Foreign Exchange Intervention Operations': the 2022 and 2024 "
        "yen-buying interventions were paid for from dollar reserves (see "
        "fx_intervention_jpy_per_100bn); docs/literature.md section 8.4",
        "C",
        "Share of an official holder's sale proceeds converted to home currency by default: an "
        "official seller's motive is to buy its own currency. Private holders default to 0 (they keep "
        "dollars). A run-off's default is official_runoff_convert_share. --convert overrides.",
    ),
    Preset(
        "pause_baseline_months", 24.0, 24.0, 36.0, "months", "fixed",
        "Our choice [C]: a window long enough that one intervention or one month's estimation error "
        "does not set the baseline (issue 13); the flow detective's net purchases are unbiased against "
        "reported valuation changes (holdings/flows.py, vintage coupons)",
        "C",
        "Trailing window of the average net purchases that a pause forgoes.",
    ),
    Preset(
        "official_share_of_tic_japan", 0.65, 0.5, 0.8, "fraction", "uniform",
        "Japan's Ministry of Finance reserve securities USD 962-988bn in 2023 (docs/literature.md "
        "section 0 table, MOF releases [V]); IMF IFS total reserves excluding gold USD 1,201bn on "
        "average in 2023 (FRED TRESEGJPM052N, ../shared/data/macro); TIC 'Japan' held USD 1,104bn of "
        "Treasuries on average in 2023 (TIC MFH)",
        "C",
        "Our estimate: 60-90% of the reserve securities in Treasuries (the MoF does not publish the "
        "split) = USD 580-890bn, over TIC Japan's USD 1,104bn = 0.53-0.81; central 0.65. Only this "
        "official part can be paused by the government; insurers, banks and pensions are not.",
    ),
    Preset(
        "official_share_of_tic_china", 0.9, 0.8, 1.0, "fraction", "uniform",
        "Setser (CFR, 2016 and ~2023), via docs/literature.md section 7: China's Treasuries are held "
        "by SAFE (about 40% of reserves); Chinese private holdings of Treasuries are small",
        "C",
        "Share of TIC 'China, Mainland' that the government can pause.",
    ),
    Preset(
        "runoff_refinance_bills_share", 0.8, 0.2, 1.0, "fraction", "uniform",
        "TBAC guidance keeps the bill share of the stock at 15-20% [V2] (docs/literature.md section 6), "
        "but Treasury's quarterly refunding statements (2024-2025) keep coupon auction sizes unchanged "
        "'for at least the next several quarters', so a change in borrowing needs is met first with "
        "bills [R: recalled wording]",
        "R",
        "Share of the maturing amounts a holder lets run off that the Treasury refinances in bills (the "
        "rest in coupons, in the holder's own coupon mix): the marginal issuance mix within two years.",
    ),
    Preset(
        "game_cost_basis_pv", 1.0, 0.0, 1.0, "switch (1 = present value, 0 = cash)", "fixed",
        "Our choice [C], DESIGN.md 'One basis for both sides': both players' payoffs in present value "
        "over cost_horizon_years at the start day's par curve (issue 13)",
        "C",
        "1: the holder's horizon total return and the U.S. extra interest, both PV over "
        "cost_horizon_years; trade flows discounted the same way. 0: the earlier cash sums over "
        "game_horizon_years with the holder's bill struck at the end of its action.",
    ),
    Preset(
        "game_us_view", 0.0, 0.0, 3.0, "code: 0 fiscal, 1 national, 2 households, 3 all", "fixed",
        "Our choice [C], issue 13: the game takes the Treasury's (fiscal) view by default: extra federal "
        "interest net of tariff revenue; mortgage costs and interest paid to U.S. residents are "
        "transfers within the United States, counted only in the households / all views",
        "C",
        "Which U.S. cost the game's U.S. payoff uses (tlev game --us-view).",
    ),
    Preset(
        "us_debt_foreign_held_share", 0.31, 0.28, 0.34, "fraction", "fixed",
        "Treasury International Capital, Major Foreign Holders of Treasury Securities (grand total about "
        "USD 9.2tn in 2025) over marketable debt held by the public in the Monthly Statement of the Public "
        "Debt (about USD 29tn, 2025): our arithmetic [C]",
        "C",
        "The national view counts only the extra interest paid to foreign holders: this share of it.",
    ),
    # -- sell without selling: the Fed's FIMA repo facility (issue 13) ---------------------------
    Preset(
        "fima_repo_spread_over_iorb_bp", 25.0, 10.0, 25.0, "bp a year", "fixed",
        "Board of Governors of the Federal Reserve System, FIMA repo facility: the temporary facility "
        "of March 2020 lent at IOER + 25 bp; the standing facility of July 2021 lends at a rate the "
        "FOMC sets, since then the top of its target range (IORB + about 10 bp) [R: recalled from the "
        "Fed's press releases and implementation notes, not in docs/literature.md]",
        "R",
        "The holder's cost of raising dollars at the facility instead of selling short Treasuries that "
        "earn about the policy rate: the facility's premium over IORB. Central 25 bp (the 2020 "
        "terms; the upper end), low 10 bp (top of the range since 2021). The facility is at the "
        "Fed's discretion; a holder cannot count on unlimited use.",
    ),
    Preset(
        "fima_repo_default_months", 12.0, 1.0, 120.0, "months", "fixed",
        "Our choice [C]: a year of rolled overnight repos, the length of the default pause",
        "C",
        "How long a 'repo' game response keeps the dollars borrowed when it names no months.",
    ),
    # -- the ordinary weapon: a counter-tariff on U.S. exports (issue 13) -------------------------
    Preset(
        "counter_tariff_passthrough_to_holder_prices", 0.95, 0.8, 1.0,
        "share of the counter-tariff in the holder's buyer prices", "triangular",
        "Fajgelbaum, Goldberg, Kennedy & Khandelwal (2020), 'The Return to Protectionism', QJE 135(1): "
        "the 2018 retaliatory tariffs on U.S. exports were passed (nearly) completely to foreign buyers "
        "(U.S. exporters' pre-tariff prices did not fall); Amiti, Redding & Weinstein (2019), JEP 33(4), "
        "for the U.S. side [R: recalled, docs/literature.md section 8.2a gives the U.S.-side finding]",
        "R",
        "1 = U.S. exporters keep their dollar prices and the holder's buyers pay the whole counter-tariff; "
        "0.8 = U.S. exporters absorb a fifth (a terms-of-trade gain for the holder). The holder's import "
        "demand elasticity is import_demand_elasticity, drawn independently (the same estimates, another "
        "market).",
    ),
    Preset(
        "us_exporter_surplus_share_of_lost_sales", 0.25, 0.1, 0.5, "fraction of lost export sales",
        "triangular",
        "Our assumption [C]: the producer surplus (operating margin plus the quasi-rents of specific capital "
        "and labour while they are redeployed or the goods are sold elsewhere) lost per dollar of U.S. "
        "export sales that a counter-tariff removes. Fajgelbaum et al. (2020) find U.S. export supply close "
        "to flat (low long-run producer loss); the 2018-19 retaliation hit farm exports hard enough that "
        "the USDA paid about USD 23bn of trade aid (Market Facilitation Program) [R]",
        "C",
        "National view: U.S. exporters' surplus loss = the price cut they absorb on what they still sell "
        "+ this share of the sales they lose. Not the gross sales: resources are redeployed.",
    ),
    Preset(
        "us_federal_tax_share_of_lost_income", 0.2, 0.15, 0.3, "fraction of lost income", "triangular",
        "CBO, 'The Budget and Economic Outlook: 2025 to 2035' (January 2025): federal revenues about 17% "
        "of GDP; marginal federal tax rates on labour and corporate income about 20-30% [R: recalled]",
        "R",
        "Fiscal view of a counter-tariff: the Treasury loses only the federal taxes on the exporters' lost "
        "income (a tax-base effect); the rest of the exporters' loss is private (national view).",
    ),
    Preset(
        "game_weight_us_exporter_loss", 1.0, 0.0, 1.0, "weight", "fixed",
        "Our choice [C]: a dollar of U.S. exporters' lost surplus is a dollar of U.S. cost",
        "C",
        "Weight of the exporters' surplus loss from a counter-tariff in the U.S. payoff (counted in the "
        "national and all views, not in the fiscal or households views).",
    ),
    Preset(
        "game_weight_us_export_tax_loss", 1.0, 0.0, 1.0, "weight", "fixed",
        "Our choice [C]: federal taxes lost on exporters' income count fully in the fiscal view",
        "C",
        "Weight of the tax-base effect of a counter-tariff in the U.S. payoff (fiscal view only: in the "
        "national and all views it is part of the exporters' loss, counted once).",
    ),
    Preset(
        "game_weight_holder_counter_tariff", 1.0, 0.0, 1.0, "weight", "fixed",
        "Our choice [C]: the holder's buyers' cost of its own counter-tariff, net of the counter-tariff's "
        "revenue, counts fully",
        "C", "Weight of the counter-tariff's net cost in the holder's payoff.",
    ),
    # -- the run-off's proceeds (issue 13) -------------------------------------------------------
    Preset(
        "official_runoff_convert_share", 0.0, 0.0, 1.0, "fraction", "fixed",
        "Our choice [C], issue 13: an official sale converts because official sales have been "
        "interventions (Japan 2022, 2024; official_sale_convert_share); a run-off used as leverage is not "
        "an intervention, and the redeemed dollars can stay in dollar assets (deposits, the Fed's foreign "
        "repo pool, agencies). Japan's Ministry of Finance says its holdings are for intervention "
        "liquidity (docs/literature.md section 8.2): converting a run-off is an intervention decision, "
        "taken when the yen needs support (China's 2015-16 reserve run-down is such a case)",
        "C",
        "Share of an official holder's run-off proceeds converted to home currency by default. 0: the "
        "run-off keeps dollars (no FX effect); 1: it funds an intervention (the earlier default). "
        "--convert overrides per scenario.",
    ),
    Preset(
        "game_indifference_usd_bn", 1.0, 0.0, 5.0, "USD bn", "fixed",
        "Our choice [C], issue 13: below about USD 1bn in present value over ten years the game's payoff "
        "differences are inside the models' precision (a pause's or run-off's holder item is a few tenths "
        "of a bn with a band wider than itself) and under any government's cost of changing course; "
        "without it, a USD 0.3bn horizon gain made Japan 'run off' with no tariff in 76% of draws. "
        "Fudenberg & Tirole (1991) section 3.5 for the tie-breaking of backward induction",
        "C",
        "Payoff differences (USD bn) within which a player of the leverage game keeps its status quo "
        "(hold; no tariff) in the equilibrium. Credibility (is a threat no worse than holding) is judged "
        "without it.",
    ),
    Preset(
        "kept_proceeds_yield_shift_share", 0.0, 0.0, 1.0, "fraction", "fixed",
        "Our choice [C], issue 13: dollars a holder keeps from a sale or run-off leave the Treasury "
        "market (deposits, the Fed's foreign repo pool, agencies), whose yields its own action does not "
        "move by the Treasury shift; reinvesting them in Treasuries at the raised yields (share 1) would "
        "undo the action and credit the holder with the very yield rise it caused. Share 1 is the upper "
        "bound (all proceeds back in Treasuries at the new yields)",
        "C",
        "Share of the Treasury yield shift that a holder's kept dollar proceeds earn until the cost "
        "horizon (carry). 0: they earn the baseline curve; 1: they earn the shifted Treasury yields.",
    ),
    # -- the JGB side of a repatriation (issue 13; reported, not netted) --------------------------
    Preset(
        "jgb_10y_bp_per_jpy_tn", 0.35, 0.1, 0.6, "bp fall in the 10-year JGB yield per JPY 1tn bought",
        "triangular",
        "Bank of Japan (2016), 'Comprehensive Assessment ... The Background' (21 September 2016): the JGB "
        "purchases of QQE lowered the 10-year JGB yield by about 1 percentage point while the Bank's JGB "
        "holdings rose by about JPY 250-300tn (April 2013 - mid-2016) [R: recalled]; Fukunaga, Kato & "
        "Koeda (2015), 'Maturity Structure and Supply Factors in Japanese Government Bond Markets', IMES "
        "Monetary and Economic Studies 33: net supply of JGBs has significant effects on long-term yields, "
        "stronger at the zero bound",
        "R",
        "About 100 bp / JPY 280tn = 0.35 bp per JPY 1tn, a stock (lasting) effect of duration-weighted "
        "purchases; range 0.1 (model-based net-supply estimates, away from the zero bound) to 0.6 "
        "(announcement effects included). Applied as a parallel shift of the holder's JGBs.",
    ),
    Preset(
        "official_proceeds_jgb_purchase_share", 0.0, 0.0, 0.25, "fraction of converted proceeds", "fixed",
        "Japan's Ministry of Finance, Foreign Exchange Fund Special Account: yen-selling interventions are "
        "financed by issuing Financing Bills, and the yen from yen-buying interventions go to the "
        "Account's yen balance and fewer Financing Bills (3-month discount bills), not to purchases of "
        "long JGBs [R: the Account's published mechanics, recalled]",
        "C",
        "Share of an official holder's converted proceeds that buys JGBs: none by default, so an "
        "intervention by itself does not push long JGB yields down.",
    ),
    Preset(
        "private_repatriation_jgb_purchase_share", 0.6, 0.3, 0.9, "fraction of repatriated proceeds",
        "triangular",
        "Our assumption [C]: Japanese life insurers and pension funds that repatriate buy mostly long JGBs "
        "(docs/literature.md section 8.1: insurers cut foreign bonds as JGB yields rose); banks hold part "
        "as reserves or loans",
        "C",
        "Share of a private Japanese holder's repatriated (converted) proceeds that buys JGBs; the "
        "report's repatriation case uses it.",
    ),
    Preset(
        "japan_private_jgb_holdings_jpy_tn", 550.0, 450.0, 650.0, "JPY tn (market value)", "fixed",
        "Bank of Japan, Flow of Funds Accounts and JGB holders (2024): JGBs and T-bills outstanding about "
        "JPY 1,100-1,200tn, of which the Bank of Japan about half; insurers, banks, pension funds and "
        "others the rest [R: recalled]",
        "R",
        "JGBs held by Japanese private investors: whose mark-to-market the repatriation case reports. "
        "The Ministry of Finance holds none (it is the issuer's side).",
    ),
    Preset(
        "jgb_holdings_modified_duration_years", 7.0, 4.0, 10.0, "years", "fixed",
        "Ministry of Finance of Japan, Debt Management Report (2024): average remaining maturity of JGBs "
        "about 9 years [R]; banks hold shorter, life insurers longer",
        "C",
        "Modified duration of the private JGB holdings (mark-to-market per bp of yield).",
    ),
)

#: The registry: preset name -> :class:`Preset`.
PRESETS: Final[dict[str, Preset]] = {p.name: p for p in _IMPACT_PRESETS}


def get_preset(name: str) -> Preset:
    """The preset called ``name``.

    Raises
    ------
    UnknownNameError
        If there is none; the message lists the closest names.
    """
    try:
        return PRESETS[name]
    except KeyError:
        raise UnknownNameError("preset", name, PRESETS) from None


def preset_value(name: str, overrides: Mapping[str, float] | None = None) -> float:
    """The central value of preset ``name``, or ``overrides[name]`` when given."""
    if overrides and name in overrides:
        return float(overrides[name])
    return get_preset(name).value


def sample_presets(
    names: Iterable[str],
    n: int,
    *,
    seed: int | np.random.Generator | None = None,
    overrides: Mapping[str, float] | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Independent draws of several presets from one seeded generator.

    Parameters
    ----------
    names
        Preset names; drawn in this order, so the same names and seed give the same draws.
    n
        Draws per preset.
    seed
        Seed or generator.
    overrides
        Names fixed at a value (drawn as a constant).

    Returns
    -------
    dict
        name -> array of ``n`` draws.
    """
    import numpy as np

    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    out: dict[str, NDArray[np.float64]] = {}
    for name in names:
        preset = get_preset(name)
        if overrides and name in overrides:
            out[name] = np.full(n, float(overrides[name]))
        else:
            out[name] = preset.sample(n, rng)
    return out


def presets_frame(names: Iterable[str] | None = None) -> Any:
    """A pandas frame of presets (all, or ``names``), one row each, indexed by name."""
    import pandas as pd

    chosen = [get_preset(n) for n in names] if names is not None else list(PRESETS.values())
    frame = pd.DataFrame([p.to_dict() for p in chosen]).set_index("name")
    return frame
