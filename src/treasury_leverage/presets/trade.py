"""Presets of the trade channel (:mod:`treasury_leverage.scenario.trade`).

Bilateral goods trade of Japan and China with the United States (2024), U.S. import demand,
tariff pass-through, and how much of a lost export dollar would have bought Treasuries.
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

#: The trade channel's presets, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
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
)
