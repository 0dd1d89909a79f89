"""The game's verdicts per threat, and the words for them: one classification for every face.

:func:`threat_rows` reads a :class:`~treasury_leverage.game.result.GameResult` into one
:class:`ThreatRow` per threatened response (medians and bands of both sides' costs, the
credibility share and its verdict, the deterrence numbers); :func:`game_paragraph` and
:func:`game_summary` word them. The verdict threshold is the game's own
(:data:`~treasury_leverage.game.result.CLEAR_SHARE`), so the brief, the dashboard and
``tlev game`` cannot call the same threat by two names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from treasury_leverage.game.result import CLEAR_SHARE, GameResult

__all__ = ["CLEAR_SHARE", "ThreatRow", "Verdict", "classify_threat", "game_paragraph", "game_summary",
           "threat_rows"]

#: What carrying out a threat is, on money alone.
Verdict = Literal["credible", "self-destructive", "uncertain"]


def classify_threat(credible_share_of_draws: float) -> Verdict:
    """``"credible"`` when carrying the threat out pays in at least :data:`CLEAR_SHARE` of draws,
    ``"self-destructive"`` when it pays in at most ``1 - CLEAR_SHARE``, ``"uncertain"`` otherwise."""
    if credible_share_of_draws >= CLEAR_SHARE:
        return "credible"
    if credible_share_of_draws <= 1 - CLEAR_SHARE:
        return "self-destructive"
    return "uncertain"


@dataclass(frozen=True)
class ThreatRow:
    """One threatened response in the leverage game, after the U.S. tariff.

    Costs are p5/p50/p95 over the game's draws, over the game's horizon; a response is
    *credible* in a draw when carrying it out after the tariff leaves the holder no worse off
    than holding. ``deterrence_threshold_prob`` is the p50 belief in the holder's resolve above
    which the threat deters the tariff (None: never).
    """

    response: str
    credible_share_of_draws: float
    holder_cost_usd_bn: float
    holder_cost_p5_usd_bn: float
    holder_cost_p95_usd_bn: float
    us_cost_usd_bn: float
    us_cost_p5_usd_bn: float
    us_cost_p95_usd_bn: float
    leverage_ratio: float | None
    resolve_needed_usd_bn: float
    deterrence_threshold_prob: float | None
    deterred_share_of_draws_at_even_odds: float
    deterred_without_threat_share_of_draws: float
    undeterrable_share_of_draws: float
    verdict: Verdict


def _finite(value: float) -> float | None:
    v = float(value)
    return v if math.isfinite(v) else None


def threat_rows(result: GameResult) -> tuple[ThreatRow, ...]:
    """One :class:`ThreatRow` per (tariff, threatened response) of ``result``, in its order."""
    dets = {(d.tariff, d.response): d for d in result.deterrences}
    rows: list[ThreatRow] = []
    for a in result.assessments:
        d = a.to_dict()
        det = dets[(a.tariff, a.response)]
        share = float(d["credible_share_of_draws"])
        rows.append(ThreatRow(
            response=a.response, credible_share_of_draws=share,
            holder_cost_usd_bn=d["holder_cost_usd_bn"]["p50"],
            holder_cost_p5_usd_bn=d["holder_cost_usd_bn"]["p5"],
            holder_cost_p95_usd_bn=d["holder_cost_usd_bn"]["p95"], us_cost_usd_bn=d["us_cost_usd_bn"]["p50"],
            us_cost_p5_usd_bn=d["us_cost_usd_bn"]["p5"], us_cost_p95_usd_bn=d["us_cost_usd_bn"]["p95"],
            leverage_ratio=_finite(d["leverage_ratio"]["p50"]),
            resolve_needed_usd_bn=d["resolve_needed_usd_bn"]["p50"],
            deterrence_threshold_prob=_finite(np.median(det.threshold_prob)),
            deterred_share_of_draws_at_even_odds=float(det.deterred_share(0.5)),
            deterred_without_threat_share_of_draws=float(det.deterred_without_threat_share),
            undeterrable_share_of_draws=float(det.undeterrable_share), verdict=classify_threat(share),
        ))
    return tuple(rows)


def _usd(value: float | None) -> str:
    from treasury_leverage._format import money_bn

    return "n/a" if value is None else money_bn(value)


def _most_leveraged(rows: Sequence[ThreatRow]) -> ThreatRow | None:
    return max((r for r in rows if r.leverage_ratio is not None), key=lambda r: r.leverage_ratio or 0.0,
               default=None)


def _strongest_deterrent(rows: Sequence[ThreatRow]) -> ThreatRow | None:
    """The threat that deters the tariff at the lowest belief in the holder's resolve (median)."""
    return min((r for r in rows if r.deterrence_threshold_prob is not None),
               key=lambda r: r.deterrence_threshold_prob or 0.0, default=None)


def _inaction_suffices(rows: Sequence[ThreatRow]) -> ThreatRow | None:
    """A row whose draws say the tariff loses the U.S. money even if the holder just holds."""
    return next((r for r in rows if r.deterred_without_threat_share_of_draws >= CLEAR_SHARE), None)


def game_paragraph(holder: str, tariff: str, rows: Sequence[ThreatRow], us_share: float,
                   horizon_years: float | None) -> str:
    """The game's answer in a paragraph: which threats pay, the most leveraged one, deterrence.

    Parameters
    ----------
    holder
        The holder's name.
    tariff
        The tariff in words (``"10% tariff"``).
    rows
        From :func:`threat_rows`.
    us_share
        Share of draws in which the U.S. imposes the tariff in equilibrium (NaN: not stated).
    horizon_years
        The horizon the costs are summed over (None: not stated).
    """
    credible = [r for r in rows if r.verdict == "credible"]
    destructive = [r for r in rows if r.verdict == "self-destructive"]
    over = f" over {horizon_years:g} years" if horizon_years else ""
    if credible:
        head = (f"Against a {tariff} on its exports, {len(credible)} of {holder}'s {len(rows)} threatened "
                f"responses would pay on money alone ({', '.join(r.response for r in credible)}): those "
                "threats are credible.")
    elif len(destructive) == len(rows):
        head = (f"Against a {tariff} on its exports, none of {holder}'s {len(rows)} threatened responses "
                f"would pay on money alone: carried out, each leaves {holder} worse off than simply holding, "
                "so each threat is self-destructive and not credible without a motive beyond money.")
    else:
        head = (f"Against a {tariff} on its exports, {holder}'s threats are uncertain: some pay in some "
                "draws and not in others.")
    best = _most_leveraged(rows)
    parts = [head]
    free = [r for r in rows
            if r.leverage_ratio is None and r.us_cost_usd_bn > 0 and r.holder_cost_usd_bn <= 0]
    if free:
        parts.append(
            f"Free to carry out: {', '.join(repr(r.response) for r in free)} cost {holder} nothing{over} "
            f"(medians) and the U.S. {', '.join(_usd(r.us_cost_usd_bn) for r in free)}.")
    if best is not None:
        parts.append(
            f"The most leveraged response that costs {holder} something is '{best.response}': it would "
            f"cost the U.S. {_usd(best.us_cost_usd_bn)} against {_usd(best.holder_cost_usd_bn)} for "
            f"{holder}{over}, {best.leverage_ratio:,.1f} dollars per dollar (medians).")
    inaction, deterrent = _inaction_suffices(rows), _strongest_deterrent(rows)
    if inaction is not None:
        parts.append(
            f"On these numbers the tariff costs the U.S. more than it brings even if {holder} just holds "
            f"({100 * inaction.deterred_without_threat_share_of_draws:.0f}% of draws): calculated inaction "
            f"suffices, and a threat matters only if Washington values other aims of the tariff.")
    elif deterrent is not None and deterrent.deterrence_threshold_prob is not None:
        parts.append(
            f"Deterrence: if Washington believes there is more than a "
            f"{100 * deterrent.deterrence_threshold_prob:.0f}% chance that {holder} would carry out "
            f"'{deterrent.response}', the tariff does not pay (median over draws); no other threat "
            "deters at a lower belief.")
    elif rows:
        parts.append(f"No belief in {holder}'s resolve deters the tariff on these numbers.")
    if math.isfinite(us_share):
        parts.append(f"In equilibrium the U.S. imposes the {tariff} in {100 * us_share:.0f}% of draws.")
    return " ".join(parts)


def game_summary(holder: str, tariff: str, rows: Sequence[ThreatRow]) -> str:
    """Two sentences on the game for a one-page summary (``tariff`` as the game names it,
    ``"tariff 10%"``)."""
    n_ok = sum(r.verdict == "credible" for r in rows)
    n_bad = sum(r.verdict == "self-destructive" for r in rows)
    level = tariff.removeprefix("tariff ")
    text = (f"Against a {level} tariff, {n_ok} of {len(rows)} threats {'pays' if n_ok == 1 else 'pay'} on "
            f"money alone ({n_bad} self-destructive).")
    best = _most_leveraged(rows)
    if best is not None:
        text += (f" Most leveraged: '{best.response}', costing the U.S. {_usd(best.us_cost_usd_bn)} vs "
                 f"{_usd(best.holder_cost_usd_bn)} for {holder} ({best.leverage_ratio:,.1f}x).")
    inaction, deterrent = _inaction_suffices(rows), _strongest_deterrent(rows)
    if inaction is not None:
        text += (f" The tariff loses the U.S. money even if {holder} just holds "
                 f"({100 * inaction.deterred_without_threat_share_of_draws:.0f}% of draws).")
    elif deterrent is not None and deterrent.deterrence_threshold_prob is not None:
        text += (f" Deterred by '{deterrent.response}' if Washington puts {holder}'s resolve above "
                 f"{deterrent.deterrence_threshold_prob:.2f}.")
    return text
