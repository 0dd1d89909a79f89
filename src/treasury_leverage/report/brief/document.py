"""The whole brief: the sections of one assessment, and its one-page summary lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from treasury_leverage._defaults import BRIEF_DRAWS
from treasury_leverage.assessment._common import ordinal
from treasury_leverage.assessment.backdrop import EPISODE_END, EPISODE_START
from treasury_leverage.assessment.scenarios import POOLED_NOTE
from treasury_leverage.report.brief._base import BriefChart, brief_slug, fmt, usd
from treasury_leverage.report.brief.sections import (
    BackdropSection,
    FlowsSection,
    GameSection,
    HoldingsSection,
    ProvenanceSection,
    ScenarioSection,
    sections_from,
)

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from treasury_leverage.assessment import Assessment

__all__ = ["Brief", "brief_from_assessment", "build_brief"]


@dataclass(frozen=True)
class Brief:
    """The whole brief: one dataclass per section (each an assessment part with its charts)."""

    holder: str
    holdings: HoldingsSection
    flows: FlowsSection
    backdrop: BackdropSection
    scenario: ScenarioSection
    game: GameSection
    provenance: ProvenanceSection

    @property
    def slug(self) -> str:
        """File-name form of the holder (``brief-<slug>.html``)."""
        return brief_slug(self.holder)

    @property
    def charts(self) -> tuple[BriefChart, ...]:
        """Every chart, in reading order."""
        out: list[BriefChart] = []
        for section in (self.holdings, self.flows, self.backdrop, self.scenario, self.game):
            out.extend(section.charts)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: unit-carrying keys, NaN as null, charts by file name."""
        out: dict[str, Any] = {"holder": self.holder, "title": f"{self.holder}: Treasury leverage brief"}
        for name in ("holdings", "flows", "backdrop", "scenario", "game", "provenance"):
            out[name] = getattr(self, name).to_dict()
        return out

    def headlines(self) -> list[tuple[str, str]]:
        """``(label, text)`` lines of the one-page summary: one or two sentences per section.

        The full plain-words text of each section is in the HTML and in ``to_dict()``.
        """
        h, fl, bd, sc, gm = self.holdings, self.flows, self.backdrop, self.scenario, self.game
        lines: list[tuple[str, str]] = []
        if h.custodial:
            lines.append(("Custodial centre", h.custodial_note))
        if h.series_end_note:
            lines.append(("Old data", h.series_end_note))
        rank = (f"the {'largest' if h.rank == 1 else ordinal(h.rank) + '-largest'} foreign holder; "
                if h.rank else "")
        shares = (f"{fmt(h.share_of_foreign_pct)}% of foreign holdings, "
                  f"{fmt(h.share_of_marketable_pct)}% of marketable Treasuries")
        lines.append(("Holdings", f"{usd(h.holdings_usd_bn)} at {h.date} ({rank}{shares}); "
                      f"{usd(h.matures_1y_usd_bn)} matures within a year."))
        quiet = fl.text.split(". Holdings changed")[0] + "." if fl.available else fl.note
        lines.append(("Quiet selling?", quiet))
        if bd.available:
            ten = next((r for r in bd.episode.get("yields", []) if r["maturity_years"] == 10), None)
            words = (f"10-year term premium {100 * (bd.term_premium_10y_pct or 0.0):.0f} bp on "
                     f"{bd.term_premium_10y_date}; 10-year yield {fmt(bd.yield_10y_pct, 2)}%.")
            if ten is not None and ten.get("term_premium_bp") is not None:
                words += (f" April 2025: 10-year {ten['change_bp']:+.0f} bp, of which term premium "
                          f"{ten['term_premium_bp']:+.0f} bp.")
            lines.append(("Yields", words))
        else:
            lines.append(("Yields", bd.note))
        if sc.available:
            parts = []
            for r in sc.rows:
                if r.available and r.case in ("pause_12m", "sell_300bn_60d", "coalition_60d"):
                    parts.append(f"{r.description}: 10y {fmt(r.impact_10y_bp, 0, sign=True)} bp "
                                 f"({fmt(r.impact_10y_p5_bp, 0)} to {fmt(r.impact_10y_p95_bp, 0)}), costs "
                                 f"{h.holder} {usd(r.holder_cost_usd_bn)}, the U.S. "
                                 f"{usd(r.us_cost_usd_bn)} over {r.us_cost_horizon_years}y"
                                 + (f" ({r.note.split(': ', 1)[-1]})." if r.note and not r.note.startswith(
                                     POOLED_NOTE) else "."))
            basis = next((r.note for r in sc.rows if r.available and r.note.startswith(POOLED_NOTE)), "")
            lines.append(("Scenarios", " ".join(parts) + (f" ({basis[:1].upper() + basis[1:]}.)" if basis
                                                           else "") if parts else sc.text))
        else:
            lines.append(("Scenarios", sc.note))
        lines.append(("The game", gm.summary_line if gm.available else gm.note))
        return lines


def brief_from_assessment(assessment: Assessment) -> Brief:
    """The brief of an assessment: its parts drawn as sections (nothing recomputed)."""
    return Brief(holder=assessment.holder, **sections_from(assessment))


def build_brief(
    holder: str,
    *,
    draws: int = BRIEF_DRAWS,
    seed: int = 0,
    episode: tuple[str, str] = (EPISODE_START, EPISODE_END),
    executor: Executor | None = None,
) -> Brief:
    """Assess ``holder`` (:func:`treasury_leverage.assessment.assess`) and draw the brief.

    Parameters
    ----------
    holder
        Any holder of the atlas (``"japan"``, ``"china"``, ``"united kingdom"``, ``"official"``...).
    draws, seed
        Monte Carlo draws and seed of the scenarios and the game.
    episode
        The yield episode decomposed in the backdrop.
    executor
        Where the game part is computed meanwhile (see :func:`treasury_leverage.assessment.assess`).

    Raises
    ------
    UnknownNameError
        Unknown holder (close matches in the message).
    """
    from treasury_leverage._stages import stage
    from treasury_leverage.assessment import assess

    assessment = assess(holder, draws=draws, seed=seed, episode=episode, executor=executor)
    with stage("draw the brief's charts"):
        return brief_from_assessment(assessment)
