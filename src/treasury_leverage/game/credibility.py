"""Is the threat credible, what leverage does it give, and when does it deter?

Three questions asked of a solved :class:`~treasury_leverage.game.solve.SequentialGame`, each
answered per Monte Carlo draw and summarised as the share of draws supporting a verdict:

* **credibility** (:func:`assess_response`): once the tariff is in place, does carrying out the
  threatened response leave the holder better or worse off than holding? "Selling would be
  self-destructive" is the claim that the holder's gain is negative; we measure it.
* **leverage ratio**: the U.S.'s cost of the response per dollar of the holder's own cost.
* **deterrence under uncertainty** (:func:`deterrence`): the U.S. does not know whether the holder
  is *resolute* (values retaliation beyond its money cost, so carries the threat out) or
  *rational* (plays its money best response). With probability ``p`` of a resolute holder the
  tariff pays the U.S. ``(1 - p) A + p B`` more than no tariff, where ``A`` is the tariff's gain
  against a rational holder and ``B`` its gain when met by the threatened response. The tariff is
  deterred when that is negative, i.e. for ``p > p* = A / (A - B)`` (``A > 0 > B``). A holder
  that never voices a threat but whose resolve the U.S. cannot rule out deters any tariff for
  which the U.S.'s belief exceeds ``p*``: the quantitative form of "calculated inaction".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from treasury_leverage.errors import InputError
from treasury_leverage.game.solve import (
    DEFAULT_TOL_USD_BN,
    Equilibrium,
    FloatArray,
    SequentialGame,
    TieBreak,
    solve_spe,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Deterrence",
    "ResponseAssessment",
    "assess_response",
    "band",
    "credibility_frame",
    "deterrence",
    "deterrence_frame",
]

#: Quantiles reported as bands.
QUANTILES: Final = (0.05, 0.5, 0.95)


def band(values: FloatArray, *, order_statistic: bool = False) -> dict[str, float]:
    """p5/p50/p95 of ``values`` over draws, ignoring NaN (all-NaN gives NaN).

    Linear interpolation (as ``numpy.percentile``) when every value is finite and
    ``order_statistic`` is False; otherwise the order statistic itself (``inverted_cdf``), so
    that a band edge is never ``inf - inf`` and thresholds that may be infinite are summarised
    the same way whether or not some are (comparable across games).
    """
    x = np.asarray(values, dtype=np.float64).ravel()
    x = x[~np.isnan(x)]
    if x.size == 0:
        return {"p5": float("nan"), "p50": float("nan"), "p95": float("nan")}
    q = (np.quantile(x, list(QUANTILES)) if np.all(np.isfinite(x)) and not order_statistic
         else np.quantile(x, list(QUANTILES), method="inverted_cdf"))
    return {"p5": float(q[0]), "p50": float(q[1]), "p95": float(q[2])}


@dataclass(frozen=True)
class ResponseAssessment:
    """One threatened response to one U.S. action, draw by draw.

    Attributes
    ----------
    tariff, response, baseline
        Names of the U.S. action, the holder's threatened response and the holder's status quo.
    holder_gain_usd_bn
        ``(n_draws,)``: holder payoff of carrying the response out minus that of the baseline,
        after the tariff (>= 0: the threat is credible; < 0: "self-destructive").
    holder_cost_usd_bn
        ``-holder_gain_usd_bn``.
    us_cost_usd_bn
        ``(n_draws,)``: U.S. payoff of the baseline minus that of the response (> 0: it hurts the U.S.).
    leverage_ratio
        ``(n_draws,)``: ``us_cost / holder_cost`` where the holder's cost is positive, NaN where the
        response costs the holder nothing (then the leverage is free; see :attr:`free_share`).
    resolve_needed_usd_bn
        ``(n_draws,)``: the value (USD bn) the holder must attach to retaliation, beyond money,
        for the response to become its best choice: best-response payoff minus response payoff.
    tol_usd_bn
        Tolerance for "at least as well off".
    """

    tariff: str
    response: str
    baseline: str
    holder_gain_usd_bn: FloatArray
    us_cost_usd_bn: FloatArray
    resolve_needed_usd_bn: FloatArray
    tol_usd_bn: float = DEFAULT_TOL_USD_BN

    @property
    def holder_cost_usd_bn(self) -> FloatArray:
        """The holder's own cost of carrying the response out (USD bn)."""
        return -self.holder_gain_usd_bn

    @property
    def credible(self) -> np.ndarray:
        """Per draw: carrying the response out leaves the holder at least as well off as holding."""
        return np.asarray(self.holder_gain_usd_bn >= -self.tol_usd_bn)

    @property
    def credible_share(self) -> float:
        """Share of draws in which the threat is credible."""
        return float(self.credible.mean())

    @property
    def leverage_ratio(self) -> FloatArray:
        """U.S. cost per dollar of the holder's own cost (NaN where the holder's cost is <= 0)."""
        cost = self.holder_cost_usd_bn
        out = np.full(cost.shape, np.nan)
        pos = cost > self.tol_usd_bn
        out[pos] = self.us_cost_usd_bn[pos] / cost[pos]
        return out

    @property
    def free_share(self) -> float:
        """Share of draws in which the response costs the holder nothing (or pays)."""
        return float((self.holder_cost_usd_bn <= self.tol_usd_bn).mean())

    def to_dict(self) -> dict[str, Any]:
        """Bands and shares with unit keys."""
        cost = self.holder_cost_usd_bn
        med_cost = float(np.median(cost))
        return {
            "tariff": self.tariff,
            "response": self.response,
            "credible_share_of_draws": self.credible_share,
            "holder_gain_usd_bn": band(self.holder_gain_usd_bn),
            "holder_cost_usd_bn": band(cost),
            "us_cost_usd_bn": band(self.us_cost_usd_bn),
            "leverage_ratio": band(self.leverage_ratio),
            "leverage_ratio_of_medians": (float(np.median(self.us_cost_usd_bn)) / med_cost
                                          if med_cost > self.tol_usd_bn else None),
            "free_share_of_draws": self.free_share,
            "resolve_needed_usd_bn": band(self.resolve_needed_usd_bn),
        }


def assess_response(
    game: SequentialGame,
    tariff: str | int,
    response: str | int,
    *,
    baseline: str | int = 0,
    tol_usd_bn: float = DEFAULT_TOL_USD_BN,
) -> ResponseAssessment:
    """Credibility, leverage ratio and resolve needed for one threatened response.

    Parameters
    ----------
    game
        The game.
    tariff
        The U.S. action the response answers (name or index).
    response
        The threatened holder action (name or index).
    baseline
        The holder's status quo (default the first holder action, ``"hold"``).
    tol_usd_bn
        Gains above ``-tol_usd_bn`` count as "no worse off".

    Returns
    -------
    ResponseAssessment

    References
    ----------
    Schelling, T. C. (1960), *The Strategy of Conflict*, Harvard University Press, ch. 5 (a threat
    is credible only if carrying it out is in the threatener's interest once the other side has
    moved); Selten (1975) for the subgame-perfect refinement that formalises it.
    """
    a = game.us_index(tariff)
    r = game.holder_index(response)
    b = game.holder_index(baseline)
    h = game.holder_payoff_usd_bn[:, a, :]
    us = game.us_payoff_usd_bn[:, a, :]
    return ResponseAssessment(
        tariff=game.us_actions[a], response=game.holder_actions[r], baseline=game.holder_actions[b],
        holder_gain_usd_bn=h[:, r] - h[:, b], us_cost_usd_bn=us[:, b] - us[:, r],
        resolve_needed_usd_bn=h.max(axis=1) - h[:, r], tol_usd_bn=tol_usd_bn,
    )


@dataclass(frozen=True)
class Deterrence:
    """Deterrence of one tariff by the implicit threat of one response, under uncertain resolve.

    Attributes
    ----------
    tariff, no_tariff, response
        Names of the tariff action, the U.S. alternative (status quo) and the threatened response.
    tariff_gain_usd_bn
        ``A``, ``(n_draws,)``: U.S. payoff of the tariff against a rational holder (its money best
        response) minus that of no tariff.
    gain_if_retaliated_usd_bn
        ``B``, ``(n_draws,)``: U.S. payoff of the tariff when the holder carries the response out,
        minus that of no tariff (a resolute holder answers "no tariff" with its best response).
    threshold_prob
        ``(n_draws,)``: ``p*``, the probability of a resolute holder above which the U.S. prefers
        no tariff: ``0`` when the tariff does not pay even against a rational holder (``A <= 0``)
        and still less against the threat (``B < 0``), ``A / (A - B)`` when ``A > 0 > B``, and
        ``inf`` when the carried-out response leaves the U.S. no worse off than no tariff
        (``B >= 0``: certainty of it does not deter).
    """

    tariff: str
    no_tariff: str
    response: str
    tariff_gain_usd_bn: FloatArray
    gain_if_retaliated_usd_bn: FloatArray
    threshold_prob: FloatArray

    def expected_gain_usd_bn(self, resolve_prob: float) -> FloatArray:
        """``(n_draws,)``: U.S. expected gain of the tariff over no tariff at belief ``resolve_prob``."""
        p = _prob(resolve_prob)
        return (1.0 - p) * self.tariff_gain_usd_bn + p * self.gain_if_retaliated_usd_bn

    def deterred_share(self, resolve_prob: float) -> float:
        """Share of draws in which the tariff is deterred (expected gain < 0) at ``resolve_prob``."""
        return float((self.expected_gain_usd_bn(resolve_prob) < 0).mean())

    def curve(self, resolve_probs: Sequence[float] = tuple(np.linspace(0.0, 1.0, 21))) -> FloatArray:
        """Share of draws deterred at each belief in ``resolve_probs``."""
        return np.array([self.deterred_share(p) for p in resolve_probs])

    def threshold_with_aims(self, aims_usd_bn: float) -> FloatArray:
        """``(n_draws,)``: ``p*`` if the U.S. also values the tariff's other aims at ``aims_usd_bn``.

        The value adds to the tariff's payoff whatever the holder does, so ``A`` and ``B`` both
        rise by it: ``p* = (A + V) / (A - B)`` between the break-even value ``-A`` and the value
        ``-B`` beyond which no belief deters the tariff.
        """
        v = float(aims_usd_bn)
        return threshold_from_gains(self.tariff_gain_usd_bn + v, self.gain_if_retaliated_usd_bn + v)

    @property
    def aims_break_even_usd_bn(self) -> FloatArray:
        """``(n_draws,)``: ``-A``, the value of its other aims at which the tariff starts to pay the U.S."""
        return np.asarray(-self.tariff_gain_usd_bn)

    @property
    def aims_undeterrable_usd_bn(self) -> FloatArray:
        """``(n_draws,)``: ``-B``, the value of its other aims beyond which even the carried-out
        response leaves the U.S. better off with the tariff."""
        return np.asarray(-self.gain_if_retaliated_usd_bn)

    def threshold_band(self) -> dict[str, float]:
        """p5/p50/p95 of ``p*`` over draws, as order statistics (``inf``: no belief deters)."""
        return band(self.threshold_prob, order_statistic=True)

    @property
    def undeterrable_share(self) -> float:
        """Share of draws in which no belief deters the tariff."""
        return float(np.isinf(self.threshold_prob).mean())

    @property
    def revealed_aims_usd_bn(self) -> float:
        """The tariff's non-money value revealed by its imposition: at least its money cost.

        The U.S. imposed the tariff, so (on these numbers) it values its aims at no less than the
        tariff's money loss against a holder that plays its money best response: the median over
        draws of ``max(-A, 0)`` (zero when the tariff pays in money).
        """
        return float(np.median(np.maximum(self.aims_break_even_usd_bn, 0.0)))

    def deterrence_curve(self, aims_usd_bn: Sequence[float] | None = None) -> list[dict[str, Any]]:
        """The probability the U.S. must give the threat for it to deter, against the aims' value.

        For each value ``V`` of the tariff's non-money aims: the p5/p50/p95 over draws of
        ``p*(V) = (A + V) / (A - B)`` (0 below the break-even, ``None`` where no belief deters) and
        the share of draws in which no belief deters. Default grid: eleven values from 0 to 1.5 x
        the median undeterrable value, plus the revealed-preference point.
        """
        if aims_usd_bn is None:
            top = float(np.median(np.maximum(self.aims_undeterrable_usd_bn, 0.0)))
            grid = sorted({*np.linspace(0.0, 1.5 * top if top > 0 else 1.0, 11).tolist(),
                           self.revealed_aims_usd_bn})
        else:
            grid = [float(v) for v in aims_usd_bn]
        out = []
        for v in grid:
            p = self.threshold_with_aims(v)
            b = band(p, order_statistic=True)
            out.append({"aims_usd_bn": v, **{f"required_prob_{k}": (None if np.isinf(x) else x)
                                             for k, x in b.items()},
                        "undeterrable_share_of_draws": float(np.isinf(p).mean()),
                        "revealed_preference_point": bool(v == self.revealed_aims_usd_bn)})
        return out

    @property
    def deterred_without_threat_share(self) -> float:
        """Share of draws in which the tariff does not pay even against a rational holder (``A <= 0``)."""
        return float((self.tariff_gain_usd_bn <= 0).mean())

    def to_dict(self) -> dict[str, Any]:
        """Bands and shares with unit keys (``inf`` thresholds become ``None`` in the bands)."""
        thr = self.threshold_band()
        return {
            "tariff": self.tariff,
            "response": self.response,
            "deterrence_threshold_prob": {k: (None if np.isinf(v) else v) for k, v in thr.items()},
            "tariff_gain_usd_bn": band(self.tariff_gain_usd_bn),
            "gain_if_retaliated_usd_bn": band(self.gain_if_retaliated_usd_bn),
            "undeterrable_share_of_draws": self.undeterrable_share,
            "aims_break_even_usd_bn": band(self.aims_break_even_usd_bn),
            "aims_undeterrable_usd_bn": band(self.aims_undeterrable_usd_bn),
            "deterred_without_threat_share_of_draws": self.deterred_without_threat_share,
            "deterred_share_of_draws_at_prob": {f"{p:.2f}": self.deterred_share(p)
                                                for p in (0.1, 0.25, 0.5, 0.75)},
            "revealed_aims_usd_bn": self.revealed_aims_usd_bn,
            "revealed_aims_basis": ("the U.S. imposed the tariff, so its non-money aims are worth at least "
                                    "the tariff's money loss against the holder's money best response "
                                    "(median over draws)"),
            "deterrence_curve": self.deterrence_curve(),
        }


def _prob(p: float) -> float:
    if not (np.isfinite(p) and 0.0 <= p <= 1.0):
        raise InputError(f"resolve_prob: expected a probability in [0, 1], got {p}")
    return float(p)


def threshold_from_gains(tariff_gain_usd_bn: FloatArray, gain_if_retaliated_usd_bn: FloatArray) -> FloatArray:
    """``p* = A / (A - B)`` with the edge cases of :class:`Deterrence` (vectorised)."""
    a = np.asarray(tariff_gain_usd_bn, dtype=np.float64)
    b = np.asarray(gain_if_retaliated_usd_bn, dtype=np.float64)
    out = np.full(np.broadcast(a, b).shape, np.inf)
    # p* is the lowest belief from which on (up to certainty) the tariff is deterred; a response
    # that leaves the U.S. no worse off (B >= 0) never deters, even where A <= 0
    out[(a <= 0) & (b < 0)] = 0.0
    mid = (a > 0) & (b < 0)
    out[mid] = a[mid] / (a[mid] - b[mid])
    return out


def deterrence(
    game: SequentialGame,
    tariff: str | int,
    response: str | int,
    *,
    no_tariff: str | int = 0,
    equilibrium: Equilibrium | None = None,
    tie_break: TieBreak = "first",
) -> Deterrence:
    """The resolve probability above which the implicit threat of ``response`` deters ``tariff``.

    Parameters
    ----------
    game
        The game.
    tariff
        The U.S. action to deter (name or index).
    response
        What a resolute holder does after the tariff.
    no_tariff
        The U.S. alternative (default the first U.S. action).
    equilibrium
        A solved equilibrium of ``game`` (solved here with ``tie_break`` if not given): gives the
        rational holder's best responses.
    tie_break
        Tie-break rule when solving here.

    Returns
    -------
    Deterrence

    References
    ----------
    Kreps, D. & Wilson, R. (1982), "Reputation and imperfect information", *Journal of Economic
    Theory* 27(2), 253-279 (a small prior on a "tough" type deters entry); here the one-shot
    version: the U.S.'s expected payoff ``(1 - p) U(t, BR(t)) + p U(t, r)`` against ``U(0, BR(0))``.
    """
    eq = solve_spe(game, tie_break=tie_break) if equilibrium is None else equilibrium
    if eq.game is not game:
        raise InputError("equilibrium: expected the equilibrium of the same game")
    t = game.us_index(tariff)
    z = game.us_index(no_tariff)
    r = game.holder_index(response)
    if t == z:
        raise InputError(f"tariff and no_tariff are the same action ({game.us_actions[t]!r})")
    us = game.us_payoff_usd_bn
    rows = np.arange(game.n_draws)
    base = us[rows, z, eq.response[:, z]]
    a = us[rows, t, eq.response[:, t]] - base
    b = us[:, t, r] - base
    return Deterrence(
        tariff=game.us_actions[t], no_tariff=game.us_actions[z], response=game.holder_actions[r],
        tariff_gain_usd_bn=a, gain_if_retaliated_usd_bn=b, threshold_prob=threshold_from_gains(a, b),
    )


def credibility_frame(
    game: SequentialGame,
    *,
    tariffs: Sequence[str | int] | None = None,
    responses: Sequence[str | int] | None = None,
    baseline: str | int = 0,
) -> pd.DataFrame:
    """One row per (tariff, response): credibility share, costs and leverage ratio with bands.

    Parameters
    ----------
    game
        The game.
    tariffs
        U.S. actions to assess (default all but the first, the status quo).
    responses
        Holder responses (default all but ``baseline``).
    baseline
        The holder's status quo.
    """
    import pandas as pd

    ts = list(range(1, len(game.us_actions))) if tariffs is None else list(tariffs)
    if not ts:
        ts = [0]
    b = game.holder_index(baseline)
    rs = [i for i in range(len(game.holder_actions)) if i != b] if responses is None else list(responses)
    rows = []
    for t in ts:
        for r in rs:
            d = assess_response(game, t, r, baseline=b).to_dict()
            rows.append({
                "tariff": d["tariff"], "response": d["response"],
                "credible_share_of_draws": d["credible_share_of_draws"],
                "holder_cost_usd_bn_p50": d["holder_cost_usd_bn"]["p50"],
                "holder_cost_usd_bn_p5": d["holder_cost_usd_bn"]["p5"],
                "holder_cost_usd_bn_p95": d["holder_cost_usd_bn"]["p95"],
                "us_cost_usd_bn_p50": d["us_cost_usd_bn"]["p50"],
                "us_cost_usd_bn_p5": d["us_cost_usd_bn"]["p5"],
                "us_cost_usd_bn_p95": d["us_cost_usd_bn"]["p95"],
                "leverage_ratio_p50": d["leverage_ratio"]["p50"],
                "leverage_ratio_p5": d["leverage_ratio"]["p5"],
                "leverage_ratio_p95": d["leverage_ratio"]["p95"],
                "resolve_needed_usd_bn_p50": d["resolve_needed_usd_bn"]["p50"],
            })
    return pd.DataFrame(rows)


def deterrence_frame(
    game: SequentialGame,
    *,
    tariffs: Sequence[str | int] | None = None,
    responses: Sequence[str | int] | None = None,
    no_tariff: str | int = 0,
    baseline: str | int = 0,
    tie_break: TieBreak = "first",
) -> pd.DataFrame:
    """One row per (tariff, response): the deterrence threshold ``p*`` with its band and shares."""
    import pandas as pd

    eq = solve_spe(game, tie_break=tie_break)
    z = game.us_index(no_tariff)
    ts = [i for i in range(len(game.us_actions)) if i != z] if tariffs is None else list(tariffs)
    b = game.holder_index(baseline)
    rs = [i for i in range(len(game.holder_actions)) if i != b] if responses is None else list(responses)
    rows = []
    for t in ts:
        for r in rs:
            d = deterrence(game, t, r, no_tariff=z, equilibrium=eq).to_dict()
            thr = d["deterrence_threshold_prob"]
            rows.append({
                "tariff": d["tariff"], "response": d["response"],
                "deterrence_threshold_prob_p50": thr["p50"],
                "deterrence_threshold_prob_p5": thr["p5"],
                "deterrence_threshold_prob_p95": thr["p95"],
                "tariff_gain_usd_bn_p50": d["tariff_gain_usd_bn"]["p50"],
                "gain_if_retaliated_usd_bn_p50": d["gain_if_retaliated_usd_bn"]["p50"],
                "undeterrable_share_of_draws": d["undeterrable_share_of_draws"],
                "deterred_without_threat_share_of_draws": d["deterred_without_threat_share_of_draws"],
                "deterred_share_of_draws_at_half": d["deterred_share_of_draws_at_prob"]["0.50"],
            })
    return pd.DataFrame(rows)
