"""Several holders answering the U.S. together: joint responses, cost sharing, coordination.

A :class:`CoalitionGame` has one payoff array per member and one for the U.S., each of shape
``(n_draws, n_us_actions, n_actions_1, ..., n_actions_k)``: every combination ("profile") of the
members' responses has its own payoffs, so a member's payoff can depend on what the others do
(their sales move the same yields and so the member's own mark-to-market).

Two ways the members can play after the U.S. has moved:

``joint`` (coordination)
    the members pick the profile that maximises their summed payoff (they can share costs by
    side payments), i.e. they act as one holder: :meth:`CoalitionGame.joint_game`;
``independent``
    each member best-responds to the others: a pure Nash equilibrium of the members' subgame,
    the payoff-dominant one (highest summed payoff) when there are several; where none exists
    the all-baseline profile is used and the cell is flagged.

Coordination changes credibility both ways: a joint sale moves yields more (more U.S. cost, more
leverage), but each member now counts the mark-to-market loss its sales inflict on the others, so
a sale that is individually tempting can be jointly unattractive (and the reverse with side
payments).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.game.credibility import band
from treasury_leverage.game.solve import (
    DEFAULT_TOL_USD_BN,
    BoolArray,
    FloatArray,
    IntArray,
    SequentialGame,
    TieBreak,
    _labels,
    solve_spe,
)

__all__ = [
    "CoalitionAssessment",
    "CoalitionEquilibrium",
    "CoalitionGame",
    "Coordination",
    "assess_joint_response",
    "solve_coalition",
]

Coordination = Literal["joint", "independent"]


@dataclass(frozen=True)
class CoalitionGame:
    """The U.S. moves, then several holders respond; payoffs per draw and response profile.

    Attributes
    ----------
    members
        Names of the holders.
    us_actions
        Names of the U.S. actions (status quo first).
    member_actions
        Each member's response names (baseline, ``"hold"``, first).
    us_payoff_usd_bn
        ``(n_draws, n_us_actions, n_actions_1, ..., n_actions_k)``, USD bn.
    member_payoff_usd_bn
        One array of the same shape per member, USD bn.
    """

    members: tuple[str, ...]
    us_actions: tuple[str, ...]
    member_actions: tuple[tuple[str, ...], ...]
    us_payoff_usd_bn: FloatArray
    member_payoff_usd_bn: tuple[FloatArray, ...]

    def __post_init__(self) -> None:
        members = _labels(self.members, "members")
        us_a = _labels(self.us_actions, "us_actions")
        if len(self.member_actions) != len(members):
            raise InputError(f"member_actions: expected one action list per member ({len(members)}), "
                             f"got {len(self.member_actions)}")
        acts = tuple(_labels(a, f"member_actions[{m!r}]") for m, a in zip(members, self.member_actions,
                                                                            strict=True))
        shape = tuple(len(a) for a in acts)
        us = np.asarray(self.us_payoff_usd_bn, dtype=np.float64)
        if us.ndim == 1 + len(shape):
            us = us[np.newaxis]
        want = (len(us_a), *shape)
        if us.shape[1:] != want:
            raise InputError(f"us_payoff_usd_bn: expected (n_draws, {', '.join(map(str, want))}), "
                             f"got {us.shape}")
        if len(self.member_payoff_usd_bn) != len(members):
            raise InputError(f"member_payoff_usd_bn: expected one array per member ({len(members)}), "
                             f"got {len(self.member_payoff_usd_bn)}")
        pays = []
        for m, p in zip(members, self.member_payoff_usd_bn, strict=True):
            arr = np.asarray(p, dtype=np.float64)
            if arr.ndim == us.ndim - 1:
                arr = arr[np.newaxis]
            if arr.shape != us.shape:
                raise InputError(f"member_payoff_usd_bn[{m!r}]: expected shape {us.shape}, got {arr.shape}")
            pays.append(arr)
        for name, arr in [("us_payoff_usd_bn", us), *zip(members, pays, strict=True)]:
            if not np.all(np.isfinite(arr)):
                raise InputError(f"{name}: expected finite payoffs (USD bn), found NaN or infinity")
        object.__setattr__(self, "members", members)
        object.__setattr__(self, "us_actions", us_a)
        object.__setattr__(self, "member_actions", acts)
        object.__setattr__(self, "us_payoff_usd_bn", us)
        object.__setattr__(self, "member_payoff_usd_bn", tuple(pays))

    @classmethod
    def additive(
        cls,
        members: Sequence[str],
        us_actions: Sequence[str],
        member_actions: Sequence[Sequence[str]],
        *,
        us_tariff_usd_bn: ArrayLike,
        us_response_usd_bn: Sequence[ArrayLike],
        member_tariff_usd_bn: Sequence[ArrayLike],
        member_own_usd_bn: Sequence[ArrayLike],
        spillover_usd_bn: Sequence[Sequence[ArrayLike]] | None = None,
    ) -> CoalitionGame:
        """A coalition whose payoffs add up member by member (no interaction beyond spillovers).

        Parameters
        ----------
        members, us_actions, member_actions
            Labels.
        us_tariff_usd_bn
            ``(n_draws, n_us_actions)`` (or ``(n_us_actions,)``): U.S. payoff of each tariff choice
            when every member holds.
        us_response_usd_bn
            Per member, ``(n_draws, n_us, n_actions_i)``: U.S. payoff added by that member's response.
        member_tariff_usd_bn
            Per member, ``(n_draws, n_us)``: the member's payoff of each tariff choice when it holds.
        member_own_usd_bn
            Per member, ``(n_draws, n_us, n_actions_i)``: the member's payoff added by its own response.
        spillover_usd_bn
            ``spillover[i][j]``: ``(n_draws, n_us, n_actions_j)``, member ``i``'s payoff added by member
            ``j``'s response (``i != j``; e.g. the mark-to-market loss of ``j``'s sales on ``i``'s
            holdings). Default none.
        """
        k = len(members)
        shape = tuple(len(a) for a in member_actions)

        def expand(x: ArrayLike, axis: int | None) -> FloatArray:
            # (n_draws, n_us[, n_axis]) -> (n_draws, n_us, 1.., n_axis, ..1): member `axis`'s actions
            # on its own axis, broadcast over the other members' axes
            arr = np.asarray(x, dtype=np.float64)
            if arr.ndim == (2 if axis is None else 3) - 1:
                arr = arr[np.newaxis]
            tail: list[Any] = [slice(None) if i == axis else np.newaxis for i in range(k)]
            return np.asarray(arr[(slice(None), slice(None), *tail)])

        us = expand(us_tariff_usd_bn, None) + sum(
            (expand(us_response_usd_bn[j], j) for j in range(k)), start=np.zeros((1, 1, *shape)))
        pays = []
        for i in range(k):
            p = expand(member_tariff_usd_bn[i], None) + expand(member_own_usd_bn[i], i)
            if spillover_usd_bn is not None:
                for j in range(k):
                    if j != i and spillover_usd_bn[i][j] is not None:
                        p = p + expand(spillover_usd_bn[i][j], j)
            pays.append(p)
        n_draws = max(a.shape[0] for a in [us, *pays])
        full = (n_draws, len(us_actions), *shape)
        return cls(tuple(members), tuple(us_actions), tuple(tuple(a) for a in member_actions),
                   np.broadcast_to(us, full).copy(), tuple(np.broadcast_to(p, full).copy() for p in pays))

    @property
    def n_draws(self) -> int:
        """Number of Monte Carlo draws."""
        return int(self.us_payoff_usd_bn.shape[0])

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of actions of each member."""
        return tuple(len(a) for a in self.member_actions)

    def profiles(self) -> list[tuple[int, ...]]:
        """All response profiles (member action indices), in the order of the flattened axis."""
        return list(itertools.product(*(range(n) for n in self.shape)))

    def profile_label(self, profile: Sequence[int]) -> str:
        """``"japan: sell 300bn, china: hold"``."""
        return ", ".join(f"{m}: {acts[i]}" for m, acts, i in zip(self.members, self.member_actions, profile,
                                                                 strict=True))

    def profile_index(self, profile: Sequence[str | int] | str | int) -> int:
        """Flat index of a profile given as one action per member (names or indices), or its label."""
        labels = [self.profile_label(p) for p in self.profiles()]
        if isinstance(profile, str):
            if profile in labels:
                return labels.index(profile)
            raise UnknownNameError("response profile", profile, labels)
        if isinstance(profile, int | np.integer):
            if not 0 <= int(profile) < len(labels):
                raise InputError(f"profile index {profile}: expected 0..{len(labels) - 1}")
            return int(profile)
        if len(profile) != len(self.members):
            raise InputError(f"profile: expected one action per member ({len(self.members)}), "
                             f"got {len(profile)}")
        idx = []
        for m, acts, a in zip(self.members, self.member_actions, profile, strict=True):
            if isinstance(a, int | np.integer):
                if not 0 <= int(a) < len(acts):
                    raise InputError(f"profile[{m!r}]: index {a} outside 0..{len(acts) - 1}")
                idx.append(int(a))
            elif a in acts:
                idx.append(acts.index(a))
            else:
                raise UnknownNameError(f"action of {m}", str(a), acts)
        return int(np.ravel_multi_index(tuple(idx), self.shape))

    def _flat(self, arr: FloatArray) -> FloatArray:
        return arr.reshape(self.n_draws, len(self.us_actions), -1)

    def total_member_payoff_usd_bn(self) -> FloatArray:
        """``(n_draws, n_us, n_1, ..., n_k)``: the members' summed payoff."""
        return np.asarray(sum(self.member_payoff_usd_bn[1:], start=self.member_payoff_usd_bn[0].copy()))

    def joint_game(self) -> SequentialGame:
        """The coalition as one holder: profiles as actions, summed member payoffs (coordination)."""
        return SequentialGame(
            us_actions=self.us_actions,
            holder_actions=tuple(self.profile_label(p) for p in self.profiles()),
            us_payoff_usd_bn=self._flat(self.us_payoff_usd_bn),
            holder_payoff_usd_bn=self._flat(self.total_member_payoff_usd_bn()),
            holder=" + ".join(self.members),
        )

    def member_game(self, member: str | int) -> SequentialGame:
        """One member acting alone while the others keep their baseline (first) action."""
        i = self._member_index(member)
        idx: list[Any] = [slice(None), slice(None)] + [0] * len(self.members)
        idx[2 + i] = slice(None)
        return SequentialGame(
            us_actions=self.us_actions, holder_actions=self.member_actions[i],
            us_payoff_usd_bn=self.us_payoff_usd_bn[tuple(idx)],
            holder_payoff_usd_bn=self.member_payoff_usd_bn[i][tuple(idx)], holder=self.members[i],
        )

    def _member_index(self, member: str | int) -> int:
        if isinstance(member, int | np.integer):
            if not 0 <= int(member) < len(self.members):
                raise InputError(f"member index {member}: expected 0..{len(self.members) - 1}")
            return int(member)
        if member in self.members:
            return self.members.index(member)
        raise UnknownNameError("coalition member", str(member), self.members)


@dataclass(frozen=True)
class CoalitionEquilibrium:
    """Subgame-perfect play of a coalition game, draw by draw.

    Attributes
    ----------
    game
        The coalition game.
    coordination
        ``joint`` or ``independent``.
    response
        ``(n_draws, n_us_actions)``: flat profile index the members play after each U.S. action.
    no_pure_equilibrium
        ``(n_draws, n_us_actions)``: with ``independent`` play, cells where the members' subgame
        has no pure Nash equilibrium (the all-baseline profile is used there).
    us_choice
        ``(n_draws,)``: the U.S. action.
    us_payoff_usd_bn
        ``(n_draws,)``.
    member_payoff_usd_bn
        ``(n_members, n_draws)``.
    """

    game: CoalitionGame
    coordination: Coordination
    response: IntArray
    no_pure_equilibrium: BoolArray
    us_choice: IntArray
    us_payoff_usd_bn: FloatArray
    member_payoff_usd_bn: FloatArray

    def us_choice_share(self) -> dict[str, float]:
        """Share of draws in which each U.S. action is chosen."""
        counts = np.bincount(self.us_choice, minlength=len(self.game.us_actions))
        return {a: float(c) / self.game.n_draws for a, c in zip(self.game.us_actions, counts, strict=True)}

    def response_share(self, us_action: str | int) -> dict[str, float]:
        """Share of draws in which each profile is played after ``us_action`` (non-zero only)."""
        j = _index_us(self.game, us_action)
        profiles = self.game.profiles()
        counts = np.bincount(self.response[:, j], minlength=len(profiles))
        return {self.game.profile_label(p): float(c) / self.game.n_draws
                for p, c in zip(profiles, counts, strict=True) if c}


def _index_us(game: CoalitionGame, action: str | int) -> int:
    if isinstance(action, int | np.integer):
        if not 0 <= int(action) < len(game.us_actions):
            raise InputError(f"U.S. action index {action}: expected 0..{len(game.us_actions) - 1}")
        return int(action)
    if action in game.us_actions:
        return game.us_actions.index(action)
    raise UnknownNameError("U.S. action", str(action), game.us_actions)


def nash_profiles(game: CoalitionGame, *, tol_usd_bn: float = DEFAULT_TOL_USD_BN) -> BoolArray:
    """Which profiles are pure Nash equilibria of the members' subgame after each U.S. action.

    Returns
    -------
    numpy.ndarray
        ``(n_draws, n_us_actions, n_1, ..., n_k)`` booleans: no member gains more than
        ``tol_usd_bn`` by changing its own action alone.
    """
    ne = np.ones(game.us_payoff_usd_bn.shape, dtype=bool)
    for i, pay in enumerate(game.member_payoff_usd_bn):
        best = pay.max(axis=2 + i, keepdims=True)
        ne &= pay >= best - tol_usd_bn
    return ne


def solve_coalition(
    game: CoalitionGame,
    *,
    coordination: Coordination = "joint",
    tie_break: TieBreak = "first",
    tol_usd_bn: float = DEFAULT_TOL_USD_BN,
) -> CoalitionEquilibrium:
    """Backward induction with the members playing jointly or independently.

    Parameters
    ----------
    game
        The coalition game.
    coordination
        ``joint``: the members maximise their summed payoff (:meth:`CoalitionGame.joint_game`,
        solved by :func:`~treasury_leverage.game.solve.solve_spe` with ``tie_break``);
        ``independent``: the payoff-dominant pure Nash equilibrium of the members' subgame (first
        in profile order on ties), the all-baseline profile where there is none.
    tie_break
        Tie-break rule for the joint game.
    tol_usd_bn
        Payoff tolerance.

    Returns
    -------
    CoalitionEquilibrium

    References
    ----------
    Fudenberg & Tirole (1991), *Game Theory*, section 3.2 (subgame perfection with simultaneous
    moves inside a stage) and section 1.2.4 (payoff dominance as a selection among equilibria).
    """
    n_d, n_u = game.n_draws, len(game.us_actions)
    flat_us = game._flat(game.us_payoff_usd_bn)
    if coordination == "joint":
        eq = solve_spe(game.joint_game(), tie_break=tie_break, tol_usd_bn=tol_usd_bn)
        response = eq.response
        none = np.zeros((n_d, n_u), dtype=bool)
    elif coordination == "independent":
        ne = nash_profiles(game, tol_usd_bn=tol_usd_bn).reshape(n_d, n_u, -1)
        total = game._flat(game.total_member_payoff_usd_bn())
        score = np.where(ne, total, -np.inf)
        best = score.max(axis=2, keepdims=True)
        response = np.argmax(ne & (score >= best - tol_usd_bn), axis=2).astype(np.intp)
        none = np.asarray(~ne.any(axis=2))
        response[none] = 0
    else:
        raise UnknownNameError("coordination", str(coordination), ("joint", "independent"))
    us_at = np.take_along_axis(flat_us, response[:, :, None], axis=2)[:, :, 0]
    us_choice = np.argmax(us_at >= us_at.max(axis=1, keepdims=True) - tol_usd_bn, axis=1).astype(np.intp)
    rows = np.arange(n_d)
    prof = response[rows, us_choice]
    members = np.stack([game._flat(p)[rows, us_choice, prof] for p in game.member_payoff_usd_bn])
    return CoalitionEquilibrium(
        game=game, coordination=coordination, response=response, no_pure_equilibrium=none,
        us_choice=us_choice, us_payoff_usd_bn=flat_us[rows, us_choice, prof], member_payoff_usd_bn=members,
    )


@dataclass(frozen=True)
class CoalitionAssessment:
    """A joint threatened response after one U.S. action, and how coordination changes it.

    Attributes
    ----------
    tariff, profile
        The U.S. action and the joint response (profile label).
    members
        Member names.
    member_gain_usd_bn
        ``(n_members, n_draws)``: each member's payoff under the joint response minus under the
        all-baseline profile.
    deviation_gain_usd_bn
        ``(n_members, n_draws)``: each member's payoff under the joint response minus what it gets
        by holding alone while the others carry the response out (>= 0: it will not defect).
    us_cost_usd_bn
        ``(n_draws,)``: U.S. payoff of the all-baseline profile minus that of the joint response.
    solo_us_cost_usd_bn, solo_member_cost_usd_bn
        ``(n_members, n_draws)``: the same response carried out by each member alone (others at
        baseline): U.S. cost and the member's own cost.
    tol_usd_bn
        Tolerance.
    """

    tariff: str
    profile: str
    members: tuple[str, ...]
    member_gain_usd_bn: FloatArray
    deviation_gain_usd_bn: FloatArray
    us_cost_usd_bn: FloatArray
    solo_us_cost_usd_bn: FloatArray
    solo_member_cost_usd_bn: FloatArray
    tol_usd_bn: float = DEFAULT_TOL_USD_BN

    @property
    def joint_gain_usd_bn(self) -> FloatArray:
        """``(n_draws,)``: the coalition's summed gain from carrying the response out."""
        return np.asarray(self.member_gain_usd_bn.sum(axis=0))

    @property
    def credible_joint(self) -> BoolArray:
        """Per draw: credible with coordination and side payments (summed gain >= 0)."""
        return np.asarray(self.joint_gain_usd_bn >= -self.tol_usd_bn)

    @property
    def credible_independent(self) -> BoolArray:
        """Per draw: credible without side payments (no member gains by holding alone)."""
        return np.asarray((self.deviation_gain_usd_bn >= -self.tol_usd_bn).all(axis=0))

    @property
    def cost_share(self) -> FloatArray:
        """``(n_members, n_draws)``: each member's share of the coalition's cost (NaN if it is <= 0)."""
        cost = -self.member_gain_usd_bn
        total = cost.sum(axis=0)
        out = np.full(cost.shape, np.nan)
        pos = total > self.tol_usd_bn
        out[:, pos] = cost[:, pos] / total[pos]
        return out

    @property
    def leverage_ratio(self) -> FloatArray:
        """``(n_draws,)``: U.S. cost per dollar of the coalition's summed cost (NaN if that is <= 0)."""
        cost = -self.joint_gain_usd_bn
        out = np.full(cost.shape, np.nan)
        pos = cost > self.tol_usd_bn
        out[pos] = self.us_cost_usd_bn[pos] / cost[pos]
        return out

    @property
    def coordination_us_cost_ratio(self) -> FloatArray:
        """``(n_draws,)``: U.S. cost of the joint response over the sum of the solo U.S. costs."""
        solo = self.solo_us_cost_usd_bn.sum(axis=0)
        out = np.full(solo.shape, np.nan)
        nz = np.abs(solo) > self.tol_usd_bn
        out[nz] = self.us_cost_usd_bn[nz] / solo[nz]
        return out

    def to_dict(self) -> dict[str, Any]:
        """Bands and shares with unit keys."""
        shares = self.cost_share
        solo_cred = (-self.solo_member_cost_usd_bn >= -self.tol_usd_bn)
        return {
            "tariff": self.tariff,
            "profile": self.profile,
            "credible_joint_share_of_draws": float(self.credible_joint.mean()),
            "credible_independent_share_of_draws": float(self.credible_independent.mean()),
            "credible_alone_share_of_draws": {m: float(solo_cred[i].mean())
                                              for i, m in enumerate(self.members)},
            "joint_cost_usd_bn": band(-self.joint_gain_usd_bn),
            "member_cost_usd_bn": {m: band(-self.member_gain_usd_bn[i]) for i, m in enumerate(self.members)},
            "cost_share": {m: band(shares[i]) for i, m in enumerate(self.members)},
            "us_cost_usd_bn": band(self.us_cost_usd_bn),
            "solo_us_cost_usd_bn": {m: band(self.solo_us_cost_usd_bn[i]) for i, m in enumerate(self.members)},
            "leverage_ratio": band(self.leverage_ratio),
            "coordination_us_cost_ratio": band(self.coordination_us_cost_ratio),
        }


def assess_joint_response(
    game: CoalitionGame,
    tariff: str | int,
    profile: Sequence[str | int] | str | int,
    *,
    tol_usd_bn: float = DEFAULT_TOL_USD_BN,
) -> CoalitionAssessment:
    """Credibility (jointly and member by member), cost sharing and leverage of a joint response.

    Parameters
    ----------
    game
        The coalition game.
    tariff
        The U.S. action answered.
    profile
        The joint response: one action per member (names or indices), a profile label or index.
    tol_usd_bn
        Tolerance.
    """
    t = _index_us(game, tariff)
    p = game.profile_index(profile)
    idx = [int(i) for i in np.unravel_index(p, game.shape)]
    k = len(game.members)

    def flat(profile_idx: list[int]) -> int:
        return int(np.ravel_multi_index(tuple(profile_idx), game.shape))

    base = flat([0] * k)
    us = game._flat(game.us_payoff_usd_bn)[:, t, :]  # (n_draws, n_profiles)
    gains, devs, solo_us, solo_cost = [], [], [], []
    for i, pay in enumerate(game.member_payoff_usd_bn):
        at = game._flat(pay)[:, t, :]
        alone_hold = [0 if j == i else a for j, a in enumerate(idx)]
        solo = flat([idx[i] if j == i else 0 for j in range(k)])
        gains.append(at[:, p] - at[:, base])
        devs.append(at[:, p] - at[:, flat(alone_hold)])
        solo_us.append(us[:, base] - us[:, solo])
        solo_cost.append(at[:, base] - at[:, solo])
    return CoalitionAssessment(
        tariff=game.us_actions[t], profile=game.profile_label(idx),
        members=game.members, member_gain_usd_bn=np.stack(gains), deviation_gain_usd_bn=np.stack(devs),
        us_cost_usd_bn=us[:, base] - us[:, p],
        solo_us_cost_usd_bn=np.stack(solo_us), solo_member_cost_usd_bn=np.stack(solo_cost),
        tol_usd_bn=tol_usd_bn,
    )
