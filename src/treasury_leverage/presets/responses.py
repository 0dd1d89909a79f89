"""Presets of the holder's other levers (issue 13): the Fed's FIMA repo and a counter-tariff.

Selling without selling (borrowing dollars against Treasuries at the Fed's facility), and the
ordinary weapon: a counter-tariff on U.S. exports, with its pass-through, the U.S. exporters'
and the Treasury's losses, and their weights in the game's payoffs.
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

#: The FIMA-repo and counter-tariff presets, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
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
)
