"""Presets of the leverage game (:mod:`treasury_leverage.game`): horizon and payoff weights.

The cash horizon, the weight of each payoff component, the value the United States may attach
to a tariff's aims beyond money, and the mortgage volume behind the households' cost. The game's
cost basis and U.S. view are in :mod:`~treasury_leverage.presets.basis`, its tie-breaking margin
in :mod:`~treasury_leverage.presets.proceeds`: they stay in the modules of the issue that added
them, so that the registry keeps its order (:func:`~treasury_leverage.presets.presets_frame`).
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

#: The leverage game's presets, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
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
)
