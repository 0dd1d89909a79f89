"""Presets of the impact models: flow elasticities, duration supply, preferred habitat, execution.

The yield-impact kernels (:mod:`treasury_leverage.impact`) read these: the flow studies' elasticities
and their decay, the duration-supply and preferred-habitat coefficients, and the Almgren-Chriss
execution inputs (volume, bid-ask, volatility).
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

_BELTRAN = ("Beltran, Kretchmer, Marquez & Thomas (2013), 'Foreign holdings of U.S. Treasuries and "
            "U.S. Treasury yields', Journal of International Money and Finance 32(1); FRB IFDP 1041 "
            "(2012), abstract")


#: The impact models' presets, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
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
)
