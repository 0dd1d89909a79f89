"""The sequential leverage game and its subgame-perfect equilibrium, per Monte Carlo draw.

The U.S. moves first (a tariff level on the holder, including none); the holder sees it and
responds (hold, pause purchases, run off, sell an amount). Payoffs are money in USD bn for each
player (negative = a cost), one array per player of shape ``(n_draws, n_us_actions,
n_holder_actions)``: a draw is one set of model parameters (impact elasticities, pass-through...)
and the game is solved separately in each, so every verdict comes with the share of draws that
supports it.

Backward induction: in each draw, the holder's best response to every U.S. action, then the U.S.
action whose best response pays the U.S. most. Ties are broken by a stated rule
(:data:`TieBreak`); exact ties are rare with Monte Carlo payoffs but common in hand-made games.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from treasury_leverage.errors import InputError, UnknownNameError

__all__ = [
    "Equilibrium",
    "SequentialGame",
    "TieBreak",
    "best_response_sets",
    "leader_payoff_under_rule",
    "solve_spe",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]
BoolArray = NDArray[np.bool_]

#: How an indifferent player chooses among equally good actions.
#:
#: ``first``
#:     the first listed action (list the status quo first: "no tariff", "hold", so that an
#:     indifferent player does nothing);
#: ``leader-best``
#:     the follower picks, among its best responses, the one the U.S. likes most (the "strong"
#:     Stackelberg convention: the equilibrium the leader can induce); the U.S. then picks its
#:     first best action;
#: ``leader-worst``
#:     the follower picks the one the U.S. likes least (the "weak", pessimistic convention).
TieBreak = Literal["first", "leader-best", "leader-worst"]
_TIE_BREAKS: Final = ("first", "leader-best", "leader-worst")
#: Payoffs closer than this (USD bn, i.e. $1) count as equal.
DEFAULT_TOL_USD_BN: Final = 1e-9


def _as_payoff(values: ArrayLike, name: str) -> FloatArray:
    arr = np.asarray(values, dtype=np.float64)
    if arr.ndim == 2:
        arr = arr[np.newaxis]  # a point game: one draw
    if arr.ndim != 3:
        raise InputError(f"{name}: expected an array (n_draws, n_us_actions, n_holder_actions) or "
                         f"(n_us_actions, n_holder_actions), got {arr.ndim} dimensions")
    if not np.all(np.isfinite(arr)):
        raise InputError(f"{name}: expected finite payoffs (USD bn), found NaN or infinity")
    return arr


def _labels(values: tuple[str, ...] | list[str], name: str) -> tuple[str, ...]:
    out = tuple(str(v) for v in values)
    if not out:
        raise InputError(f"{name}: expected at least one action")
    if len(set(out)) != len(out):
        dup = sorted({v for v in out if out.count(v) > 1})
        raise InputError(f"{name}: action names must be unique, {', '.join(map(repr, dup))} repeated")
    return out


@dataclass(frozen=True)
class SequentialGame:
    """A two-stage game: the U.S. chooses, the holder responds; payoffs per Monte Carlo draw.

    Attributes
    ----------
    us_actions
        Names of the U.S. actions, e.g. ``("no tariff", "tariff 10%")``; list the status quo first.
    holder_actions
        Names of the holder's responses, e.g. ``("hold", "pause 12m", "sell 300bn")``; list
        ``"hold"`` first.
    us_payoff_usd_bn, holder_payoff_usd_bn
        ``(n_draws, n_us_actions, n_holder_actions)`` money payoffs, USD bn (negative = cost).
        A 2-D array is read as a single draw.
    holder
        Name of the holder (for labels).
    """

    us_actions: tuple[str, ...]
    holder_actions: tuple[str, ...]
    us_payoff_usd_bn: FloatArray
    holder_payoff_usd_bn: FloatArray
    holder: str = "holder"

    def __post_init__(self) -> None:
        us_a = _labels(self.us_actions, "us_actions")
        h_a = _labels(self.holder_actions, "holder_actions")
        us = _as_payoff(self.us_payoff_usd_bn, "us_payoff_usd_bn")
        h = _as_payoff(self.holder_payoff_usd_bn, "holder_payoff_usd_bn")
        if us.shape != h.shape:
            raise InputError(f"holder_payoff_usd_bn: expected the shape of us_payoff_usd_bn {us.shape}, "
                             f"got {h.shape}")
        if us.shape[1:] != (len(us_a), len(h_a)):
            raise InputError(f"us_payoff_usd_bn: expected (n_draws, {len(us_a)}, {len(h_a)}) for "
                             f"{len(us_a)} U.S. and {len(h_a)} holder actions, got {us.shape}")
        if us.shape[0] < 1:
            raise InputError("us_payoff_usd_bn: expected at least one draw")
        object.__setattr__(self, "us_actions", us_a)
        object.__setattr__(self, "holder_actions", h_a)
        object.__setattr__(self, "us_payoff_usd_bn", us)
        object.__setattr__(self, "holder_payoff_usd_bn", h)

    @property
    def n_draws(self) -> int:
        """Number of Monte Carlo draws (1 for a point game)."""
        return int(self.us_payoff_usd_bn.shape[0])

    def us_index(self, action: str | int) -> int:
        """Index of a U.S. action given by name or index."""
        return _index(action, self.us_actions, "U.S. action")

    def holder_index(self, action: str | int) -> int:
        """Index of a holder action given by name or index."""
        return _index(action, self.holder_actions, "holder action")


def _index(action: str | int, names: tuple[str, ...], kind: str) -> int:
    if isinstance(action, int | np.integer):
        if not 0 <= int(action) < len(names):
            raise InputError(f"{kind} index {action}: expected 0..{len(names) - 1}")
        return int(action)
    if action in names:
        return names.index(action)
    lowered = {n.lower(): i for i, n in enumerate(names)}
    if str(action).lower() in lowered:
        return lowered[str(action).lower()]
    raise UnknownNameError(kind, str(action), names)


@dataclass(frozen=True)
class Equilibrium:
    """The subgame-perfect equilibrium of a :class:`SequentialGame`, draw by draw.

    Attributes
    ----------
    game
        The game solved.
    response
        ``(n_draws, n_us_actions)``: index of the holder's (selected) best response to each U.S.
        action: the holder's equilibrium strategy, on and off the path.
    follower_tie
        ``(n_draws, n_us_actions)``: True where the holder had more than one best response.
    us_choice
        ``(n_draws,)``: index of the U.S. equilibrium action.
    leader_tie
        ``(n_draws,)``: True where more than one U.S. action was best.
    us_payoff_usd_bn, holder_payoff_usd_bn
        ``(n_draws,)``: equilibrium payoffs.
    tie_break
        The rule used (:data:`TieBreak`).
    notes
        How often ties occurred and how they were broken.
    """

    game: SequentialGame
    response: IntArray
    follower_tie: BoolArray
    us_choice: IntArray
    leader_tie: BoolArray
    us_payoff_usd_bn: FloatArray
    holder_payoff_usd_bn: FloatArray
    tie_break: TieBreak = "first"
    notes: tuple[str, ...] = field(default=())

    @property
    def holder_choice(self) -> IntArray:
        """``(n_draws,)``: the holder's response on the equilibrium path."""
        return np.take_along_axis(self.response, self.us_choice[:, None], axis=1)[:, 0]

    def us_choice_share(self) -> dict[str, float]:
        """Share of draws in which each U.S. action is the equilibrium choice."""
        counts = np.bincount(self.us_choice, minlength=len(self.game.us_actions))
        return {a: float(c) / self.game.n_draws for a, c in zip(self.game.us_actions, counts, strict=True)}

    def response_share(self, us_action: str | int) -> dict[str, float]:
        """Share of draws in which each holder action is the best response to ``us_action``."""
        j = self.game.us_index(us_action)
        counts = np.bincount(self.response[:, j], minlength=len(self.game.holder_actions))
        return {a: float(c) / self.game.n_draws
                for a, c in zip(self.game.holder_actions, counts, strict=True)}


def best_response_sets(game: SequentialGame, *, tol_usd_bn: float = DEFAULT_TOL_USD_BN) -> BoolArray:
    """Which holder actions are best responses, per draw and U.S. action.

    Returns
    -------
    numpy.ndarray
        ``(n_draws, n_us_actions, n_holder_actions)`` booleans; at least one True per row.
    """
    h = game.holder_payoff_usd_bn
    best = h.max(axis=2, keepdims=True)
    return np.asarray(h >= best - tol_usd_bn)


def solve_spe(
    game: SequentialGame,
    *,
    tie_break: TieBreak = "first",
    tol_usd_bn: float = DEFAULT_TOL_USD_BN,
) -> Equilibrium:
    """Solve the game by backward induction (subgame-perfect equilibrium) in every draw.

    Parameters
    ----------
    game
        The game.
    tie_break
        How an indifferent player chooses (:data:`TieBreak`). The U.S., when indifferent, takes
        its first listed best action under every rule.
    tol_usd_bn
        Payoffs within this distance (USD bn) are equal.

    Returns
    -------
    Equilibrium

    References
    ----------
    Fudenberg, D. & Tirole, J. (1991), *Game Theory*, MIT Press, section 3.5 (backward induction
    in games of perfect information) and section 3.7 (Stackelberg with tie-breaking in the
    leader's favour, the "strong" equilibrium).
    """
    if tie_break not in _TIE_BREAKS:
        raise UnknownNameError("tie-break rule", str(tie_break), _TIE_BREAKS)
    if not (np.isfinite(tol_usd_bn) and tol_usd_bn >= 0):
        raise InputError(f"tol_usd_bn: expected a non-negative tolerance, got {tol_usd_bn}")
    us = game.us_payoff_usd_bn
    is_best = best_response_sets(game, tol_usd_bn=tol_usd_bn)
    follower_tie = is_best.sum(axis=2) > 1
    if tie_break == "first":
        response = np.argmax(is_best, axis=2)
    elif tie_break == "leader-best":
        response = np.argmax(np.where(is_best, us, -np.inf), axis=2)
    else:
        response = np.argmax(np.where(is_best, -us, -np.inf), axis=2)
    response = response.astype(np.intp)
    us_at = np.take_along_axis(us, response[:, :, None], axis=2)[:, :, 0]  # (D, U)
    best_u = us_at.max(axis=1, keepdims=True)
    is_best_u = us_at >= best_u - tol_usd_bn
    us_choice = np.argmax(is_best_u, axis=1).astype(np.intp)
    leader_tie = is_best_u.sum(axis=1) > 1
    rows = np.arange(game.n_draws)
    chosen = response[rows, us_choice]
    notes: list[str] = []
    if follower_tie.any():
        notes.append(f"the holder was indifferent between best responses in {follower_tie.mean():.1%} of "
                     f"(draw, U.S. action) cells; ties broken by the {tie_break!r} rule")
    if leader_tie.any():
        notes.append(f"the U.S. was indifferent in {leader_tie.mean():.1%} of draws; its first listed best "
                     "action was taken")
    return Equilibrium(
        game=game, response=response, follower_tie=np.asarray(follower_tie), us_choice=us_choice,
        leader_tie=np.asarray(leader_tie), us_payoff_usd_bn=us[rows, us_choice, chosen],
        holder_payoff_usd_bn=game.holder_payoff_usd_bn[rows, us_choice, chosen], tie_break=tie_break,
        notes=tuple(notes),
    )


def leader_payoff_under_rule(game: SequentialGame, rule: ArrayLike) -> FloatArray:
    """The U.S.'s best payoff when the holder follows a fixed response rule.

    Parameters
    ----------
    game
        The game.
    rule
        Holder action index for each U.S. action: ``(n_us_actions,)`` (same in every draw) or
        ``(n_draws, n_us_actions)``.

    Returns
    -------
    numpy.ndarray
        ``(n_draws,)``: ``max_a us_payoff[d, a, rule[d, a]]``.
    """
    r = np.asarray(rule, dtype=np.intp)
    n_us = len(game.us_actions)
    if r.ndim == 1:
        r = np.broadcast_to(r, (game.n_draws, n_us))
    if r.shape != (game.n_draws, n_us):
        raise InputError(f"rule: expected ({game.n_draws}, {n_us}) or ({n_us},) holder action indices, "
                         f"got shape {r.shape}")
    if r.min() < 0 or r.max() >= len(game.holder_actions):
        raise InputError(f"rule: expected indices 0..{len(game.holder_actions) - 1}")
    at = np.take_along_axis(game.us_payoff_usd_bn, r[:, :, None], axis=2)[:, :, 0]
    return np.asarray(at.max(axis=1))
