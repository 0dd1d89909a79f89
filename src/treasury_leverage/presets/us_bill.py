"""Presets of the United States' interest bill (:mod:`treasury_leverage.scenario.us_bill`).

CBO's deficit path and interest rule of thumb, the debt's maturity and average rate, TIPS and
nominal-GDP growth, and the mortgage-rate pass-through of a Treasury yield shift.
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

#: The U.S. interest bill's presets, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
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
)
