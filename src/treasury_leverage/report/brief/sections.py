"""The brief's sections: each an assessment part with its charts and title, nothing computed here.

A section *is* its part (a subclass: the same numbers, words and JSON keys) plus the charts
drawn from the part's frames by :mod:`treasury_leverage.report.charts`. The ``*_section``
functions compute one part and draw it; :func:`sections_from` draws a whole
:class:`~treasury_leverage.assessment.Assessment`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage._defaults import BRIEF_DRAWS, FLOWS_WINDOW_MONTHS
from treasury_leverage.assessment.backdrop import EPISODE_END, EPISODE_START, BackdropPart
from treasury_leverage.assessment.flows import FlowsPart
from treasury_leverage.assessment.game import GAME_TARIFF_PCT, GamePart
from treasury_leverage.assessment.holdings import HoldingsPart
from treasury_leverage.assessment.provenance import Provenance
from treasury_leverage.assessment.scenarios import ScenarioTable
from treasury_leverage.report.brief._base import BriefChart, chart

if TYPE_CHECKING:
    from treasury_leverage.assessment import Assessment

__all__ = [
    "FLOW_MONTHS",
    "BackdropSection",
    "FlowsSection",
    "GameSection",
    "HoldingsSection",
    "ProvenanceSection",
    "ScenarioSection",
    "backdrop_section",
    "flows_section",
    "game_section",
    "holdings_section",
    "provenance_section",
    "scenario_section",
    "sections_from",
]

#: Months of "recent flows" in the brief (preset default_flows_window_months, as every face).
FLOW_MONTHS: Final = FLOWS_WINDOW_MONTHS


@dataclass(frozen=True)
class HoldingsSection(HoldingsPart):
    """The holdings part with its charts (history, maturity profile, run-off)."""

    charts: tuple[BriefChart, ...] = ()
    title: str = "Holdings"


@dataclass(frozen=True)
class FlowsSection(FlowsPart):
    """The flows part with its chart (monthly trades vs price moves)."""

    charts: tuple[BriefChart, ...] = ()
    title: str = "Recent flows: trades or prices?"


@dataclass(frozen=True)
class BackdropSection(BackdropPart):
    """The yield backdrop with its charts (term premium since 2000, the episode)."""

    charts: tuple[BriefChart, ...] = ()
    title: str = "The yield backdrop"


@dataclass(frozen=True)
class ScenarioSection(ScenarioTable):
    """The scenario table with its chart."""

    charts: tuple[BriefChart, ...] = ()
    title: str = "What if: scenarios"


@dataclass(frozen=True)
class GameSection(GamePart):
    """The leverage game with its chart."""

    charts: tuple[BriefChart, ...] = ()
    title: str = "Is the threat credible? The leverage game"


@dataclass(frozen=True)
class ProvenanceSection(Provenance):
    """Provenance, with the chart software's versions."""

    software: dict[str, str] = dataclasses.field(default_factory=dict)
    title: str = "Provenance"


def _fields(part: Any) -> dict[str, Any]:
    return {f.name: getattr(part, f.name) for f in dataclasses.fields(part)}


def draw_holdings(part: HoldingsPart) -> HoldingsSection:
    """The holdings part with its three charts."""
    from treasury_leverage.report.charts.holdings import (
        holdings_history_chart,
        maturity_profile_chart,
        runoff_chart,
    )

    name, when = part.holder, part.date[:7]
    charts = (
        chart("holdings", f"{name}: Treasury holdings (TIC, market value)",
              holdings_history_chart(part.history, title=f"{name}: Treasury holdings (TIC, USD bn)")),
        chart("maturity_profile", f"{name}: share of holdings by remaining maturity",
              maturity_profile_chart(part.profile.table())),
        chart("runoff", f"{name}: run-off schedule of the {when} holdings", runoff_chart(part.runoff_frame)),
    )
    return HoldingsSection(**_fields(part), charts=charts)


def draw_flows(part: FlowsPart) -> FlowsSection:
    """The flows part with its chart (none when unavailable)."""
    from treasury_leverage.report.charts.holdings import flows_chart

    charts = () if not part.available else (
        chart("flows", f"{part.holder}: monthly change in holdings split into trades and price moves",
              flows_chart(part.frame)),)
    return FlowsSection(**_fields(part), charts=charts)


def draw_backdrop(part: BackdropPart) -> BackdropSection:
    """The backdrop part with its two charts (none when unavailable)."""
    from treasury_leverage.report.charts.termpremium import episode_chart, term_premium_chart

    if not part.available:
        return BackdropSection(**_fields(part))
    split = part.split
    ten = max((int(m) for m in split.yields.index if m <= 10), default=10)
    charts = (
        chart("term_premium", "ACM 10-year term premium, month-end since 2000",
              term_premium_chart(part.term_premium_monthly, maturity_years=10,
                                 title="ACM 10-year term premium and expected short rates (month-end)")),
        chart("episode", "The April 2025 episode: yield changes split into expected short rates and term "
              "premium", episode_chart(split.yields, path=split.path, path_maturity_years=ten,
                                       title=f"Treasury yields {split.start_date:%Y-%m-%d} -> "
                                       f"{split.end_date:%Y-%m-%d}: expected short rates vs term premium")),
    )
    return BackdropSection(**_fields(part), charts=charts)


def draw_scenarios(part: ScenarioTable) -> ScenarioSection:
    """The scenario table with its chart (none when unavailable)."""
    from treasury_leverage.report.charts.scenarios import scenario_table_chart

    if not part.available:
        return ScenarioSection(**_fields(part))
    done = [r for r in part.rows if r.available]
    return ScenarioSection(**_fields(part), charts=(
        chart("scenarios", f"{part.holder}: scenarios, 10- and 30-year yield impact and both sides' bills "
              "(median over impact models, band lowest p5 to highest p95)", scenario_table_chart(done)),))


def draw_game(part: GamePart) -> GameSection:
    """The game part with its chart (none when unavailable)."""
    from treasury_leverage.report.charts.game import threats_chart

    if not part.available:
        return GameSection(**_fields(part))
    return GameSection(**_fields(part), charts=(
        chart("game", f"{part.holder}: threatened responses to a {part.tariff}: the U.S. cost per dollar of "
              f"{part.holder}'s own cost, and whether carrying them out pays", threats_chart(part.rows,
                                                                                            part.tariff)),))


def draw_provenance(part: Provenance) -> ProvenanceSection:
    """Provenance plus the toolkit's and the chart software's versions."""
    from treasury_leverage.report.html import vega_versions

    return ProvenanceSection(**_fields(part), software={"treasury_leverage": part.toolkit_version,
                                                         **vega_versions()})


# -- one section at a time (the part computed, then drawn) -----------------------------------------


def holdings_section(holder: str, *, date: Any | None = None) -> HoldingsSection:
    """Holdings, shares, official share, maturity profile and run-off schedule (with charts)."""
    from treasury_leverage.assessment.holdings import holdings_part

    return draw_holdings(holdings_part(holder, date=date))


def flows_section(holder: str, *, months: int = FLOW_MONTHS, end: Any | None = None) -> FlowsSection:
    """Net purchases vs valuation over the last ``months`` months, with the verdict and chart."""
    from treasury_leverage.assessment.flows import flows_part

    return draw_flows(flows_part(holder, months=months, end=end))


def backdrop_section(*, episode: tuple[str, str] = (EPISODE_START, EPISODE_END)) -> BackdropSection:
    """The latest term premium and an episode split (default April 2025), with charts."""
    from treasury_leverage.assessment.backdrop import backdrop_part

    return draw_backdrop(backdrop_part(episode=episode))


def scenario_section(holder: str, *, draws: int = BRIEF_DRAWS, seed: int = 0) -> ScenarioSection:
    """The standard scenario table (:func:`treasury_leverage.assessment.scenario_part`) with its chart."""
    from treasury_leverage.assessment.scenarios import scenario_part

    return draw_scenarios(scenario_part(holder, draws=draws, seed=seed))


def game_section(holder: str, *, draws: int = BRIEF_DRAWS, seed: int = 0,
                 tariff_pct: float = GAME_TARIFF_PCT) -> GameSection:
    """The game's verdict (:func:`treasury_leverage.assessment.game_part`) with its chart."""
    from treasury_leverage.assessment.game import game_part

    return draw_game(game_part(holder, draws=draws, seed=seed, tariff_pct=tariff_pct))


def provenance_section(**parts: Any) -> ProvenanceSection:
    """Data vintages, assumptions, models, presets and seed of the given parts (see
    :func:`treasury_leverage.assessment.provenance_part`), with the software versions."""
    from treasury_leverage.assessment.provenance import provenance_part

    return draw_provenance(provenance_part(**parts))


def sections_from(assessment: Assessment) -> dict[str, Any]:
    """Every section of the brief drawn from one assessment (keys: the assessment's parts)."""
    return {
        "holdings": draw_holdings(assessment.holdings),
        "flows": draw_flows(assessment.flows),
        "backdrop": draw_backdrop(assessment.backdrop),
        "scenario": draw_scenarios(assessment.scenario),
        "game": draw_game(assessment.game),
        "provenance": draw_provenance(assessment.provenance),
    }
