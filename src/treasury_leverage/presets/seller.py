"""Presets of the seller's bill (:mod:`treasury_leverage.scenario.seller`): FX and GDP.

The currency move per dollar an official seller converts (Japan's interventions), how much of it
lasts, and the holders' GDP that scales their bill to a share of output.
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

#: The seller's bill presets, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
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
)
