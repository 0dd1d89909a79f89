"""The assessment: one holder's canonical answer, computed once, rendered by every face.

``assess(holder, **options) -> Assessment`` computes holdings, flows over a stated window, the
yield backdrop, the standard scenario table and the leverage game (with the coalition game),
with their provenance. Each part also has its own function (``holdings_part``, ``flows_part``,
``backdrop_part``, ``scenario_part``, ``game_part``, ``provenance_part``), which a face that
answers only part of the question (``tlev game``, the dashboard's game panel) calls instead of
computing its own copy.

The layer sits between :mod:`treasury_leverage.game` and :mod:`treasury_leverage.report`: it
decides (which cases, which responses, which verdict, which words), the report only renders.
"""

from __future__ import annotations

from treasury_leverage.assessment._common import NOT_AVAILABLE, resolve_holder
from treasury_leverage.assessment.assess import PARTS, Assessment, assess
from treasury_leverage.assessment.backdrop import EPISODE_END, EPISODE_START, BackdropPart, backdrop_part
from treasury_leverage.assessment.flows import FlowsPart, QuietSelling, flows_part, quiet_selling
from treasury_leverage.assessment.game import GAME_RESPONSES, GAME_TARIFF_PCT, GamePart, game_part
from treasury_leverage.assessment.holdings import HoldingsPart, holdings_part
from treasury_leverage.assessment.provenance import Provenance, provenance_part
from treasury_leverage.assessment.scenarios import ScenarioRow, ScenarioTable, scenario_part

__all__ = [
    "EPISODE_END",
    "EPISODE_START",
    "GAME_RESPONSES",
    "GAME_TARIFF_PCT",
    "NOT_AVAILABLE",
    "PARTS",
    "Assessment",
    "BackdropPart",
    "FlowsPart",
    "GamePart",
    "HoldingsPart",
    "Provenance",
    "QuietSelling",
    "ScenarioRow",
    "ScenarioTable",
    "assess",
    "backdrop_part",
    "flows_part",
    "game_part",
    "holdings_part",
    "provenance_part",
    "quiet_selling",
    "resolve_holder",
    "scenario_part",
]
