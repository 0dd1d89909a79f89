"""The brief: one holder's Treasury leverage on one page (``tlev brief HOLDER``).

The numbers and their words come from one :class:`~treasury_leverage.assessment.Assessment`
(:func:`treasury_leverage.assessment.assess`); the brief draws and lays them out:

* :mod:`.sections`: each section is an assessment part (holdings, flows, backdrop, scenarios,
  game, provenance) with its charts and title;
* :mod:`.document`: :class:`Brief` (the sections, the one-page summary lines) and
  :func:`build_brief` (assess, then draw);
* :mod:`.render`: HTML (the Jinja template) and Markdown; JSON is :meth:`Brief.to_dict`;
* :mod:`.write`: :func:`write_brief` writes ``brief-<holder>.html`` (self-contained: the Vega
  bundle inlined, charts embedded as JSON, no network), ``charts/*.png`` and ``*.svg``, and
  optionally ``brief.json`` and ``brief.md``, into a folder, atomically.

A section whose engine is not part of this version says so (``available=False`` and a
``note``) and shows no number.
"""

from __future__ import annotations

from treasury_leverage.assessment import resolve_holder
from treasury_leverage.assessment.backdrop import EPISODE_END, EPISODE_START
from treasury_leverage.assessment.game import GAME_RESPONSES, GAME_TARIFF_PCT
from treasury_leverage.assessment.scenarios import ScenarioRow
from treasury_leverage.game.words import ThreatRow as GameResponseRow
from treasury_leverage.report.brief._base import NOT_AVAILABLE, BriefChart, brief_slug
from treasury_leverage.report.brief.document import Brief, brief_from_assessment, build_brief
from treasury_leverage.report.brief.render import render_html, render_markdown
from treasury_leverage.report.brief.sections import (
    FLOW_MONTHS,
    BackdropSection,
    FlowsSection,
    GameSection,
    HoldingsSection,
    ProvenanceSection,
    ScenarioSection,
    backdrop_section,
    flows_section,
    game_section,
    holdings_section,
    provenance_section,
    scenario_section,
)
from treasury_leverage.report.brief.write import (
    BRIEF_MARKER,
    Format,
    check_brief_target,
    is_brief_folder,
    write_brief,
)
from treasury_leverage.scenario.cases import COALITION_SALE_USD_BN, SCENARIO_CASES, coalition_partner

__all__ = [
    "BRIEF_MARKER",
    "COALITION_SALE_USD_BN",
    "EPISODE_END",
    "EPISODE_START",
    "FLOW_MONTHS",
    "GAME_RESPONSES",
    "GAME_TARIFF_PCT",
    "NOT_AVAILABLE",
    "SCENARIO_CASES",
    "BackdropSection",
    "Brief",
    "BriefChart",
    "FlowsSection",
    "Format",
    "GameResponseRow",
    "GameSection",
    "HoldingsSection",
    "ProvenanceSection",
    "ScenarioRow",
    "ScenarioSection",
    "backdrop_section",
    "brief_from_assessment",
    "brief_slug",
    "build_brief",
    "check_brief_target",
    "coalition_partner",
    "flows_section",
    "game_section",
    "holdings_section",
    "is_brief_folder",
    "provenance_section",
    "render_html",
    "render_markdown",
    "resolve_holder",
    "scenario_section",
    "write_brief",
]
