"""Backward induction on hand-solved games, tie-breaking, and properties of the leader's payoff."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.game import SequentialGame, leader_payoff_under_rule, solve_spe
from treasury_leverage.game.solve import best_response_sets


def tariff_game(holder_sell_after_tariff: float = -9.0,
                us_sell_after_tariff: float = -20.0) -> SequentialGame:
    """U.S.: none / tariff; holder: hold / sell (payoffs in USD bn, solved by hand in the tests)."""
    us = [[0.0, -5.0], [10.0, us_sell_after_tariff]]
    holder = [[0.0, -3.0], [-4.0, holder_sell_after_tariff]]
    return SequentialGame(("none", "tariff"), ("hold", "sell"), np.array(us), np.array(holder))


def test_two_by_two_tariff_game_hand_solved() -> None:
    eq = solve_spe(tariff_game())
    # holder: after none hold (0 > -3); after tariff hold (-4 > -9); U.S.: 10 > 0 -> tariff
    assert eq.response.tolist() == [[0, 0]]
    assert eq.us_choice.tolist() == [1]
    assert eq.holder_choice.tolist() == [0]
    assert eq.us_payoff_usd_bn.tolist() == [10.0]
    assert eq.holder_payoff_usd_bn.tolist() == [-4.0]
    assert not eq.follower_tie.any() and not eq.leader_tie.any()
    assert eq.us_choice_share() == {"none": 0.0, "tariff": 1.0}


def test_selling_profitable_makes_the_threat_bite_and_deters_the_tariff() -> None:
    # selling after the tariff now pays the holder (-2 > -4): it sells, so the U.S. prefers no tariff
    eq = solve_spe(tariff_game(holder_sell_after_tariff=-2.0))
    assert eq.response.tolist() == [[0, 1]]
    assert eq.us_choice.tolist() == [0]
    assert eq.us_payoff_usd_bn.tolist() == [0.0]


def test_three_by_three_hand_solved() -> None:
    us = np.array([[0, -2, -10], [6, 3, -12], [12, 8, -25]], dtype=float)
    holder = np.array([[0, -1, -6], [-3, -3.5, -10], [-8, -7, -15]], dtype=float)
    game = SequentialGame(("none", "t10", "t25"), ("hold", "pause", "sell"), us, holder)
    eq = solve_spe(game)
    # best responses: hold, hold, pause -> U.S. gets 0, 6, 8 -> t25 with a pause
    assert eq.response.tolist() == [[0, 0, 1]]
    assert game.us_actions[eq.us_choice[0]] == "t25"
    assert game.holder_actions[eq.holder_choice[0]] == "pause"
    assert (eq.us_payoff_usd_bn[0], eq.holder_payoff_usd_bn[0]) == (8.0, -7.0)


@pytest.mark.parametrize(
    ("rule", "response_after_tariff", "us_choice"),
    [("first", 0, 1), ("leader-best", 0, 1), ("leader-worst", 1, 0)],
)
def test_follower_ties(rule: str, response_after_tariff: int, us_choice: int) -> None:
    # the holder is indifferent after the tariff (-4 either way)
    eq = solve_spe(tariff_game(holder_sell_after_tariff=-4.0), tie_break=rule)  # type: ignore[arg-type]
    assert eq.follower_tie.tolist() == [[False, True]]
    assert eq.response[0, 1] == response_after_tariff
    assert eq.us_choice[0] == us_choice
    assert eq.notes and "indifferent" in eq.notes[0]


def test_leader_tie_takes_the_first_listed_action() -> None:
    us = np.array([[0.0, -5.0], [0.0, -20.0]])  # tariff gains nothing against a holder who holds
    holder = np.array([[0.0, -3.0], [-4.0, -9.0]])
    eq = solve_spe(SequentialGame(("none", "tariff"), ("hold", "sell"), us, holder))
    assert eq.leader_tie.tolist() == [True]
    assert eq.us_choice.tolist() == [0]


def test_draws_are_solved_independently() -> None:
    # draw 0: selling is costly (hold), draw 1: selling pays (sell) -> different U.S. choices
    a, b = tariff_game(), tariff_game(holder_sell_after_tariff=-2.0)
    game = SequentialGame(("none", "tariff"), ("hold", "sell"),
                          np.concatenate([a.us_payoff_usd_bn, b.us_payoff_usd_bn]),
                          np.concatenate([a.holder_payoff_usd_bn, b.holder_payoff_usd_bn]))
    eq = solve_spe(game)
    assert eq.us_choice.tolist() == [1, 0]
    assert eq.us_choice_share() == {"none": 0.5, "tariff": 0.5}
    assert eq.response_share("tariff") == {"hold": 0.5, "sell": 0.5}


def test_invalid_games_raise_input_errors() -> None:
    with pytest.raises(InputError, match="holder_payoff_usd_bn"):
        SequentialGame(("a", "b"), ("h",), np.zeros((2, 1)), np.zeros((2, 2)))
    with pytest.raises(InputError, match="unique"):
        SequentialGame(("a", "a"), ("h",), np.zeros((2, 1)), np.zeros((2, 1)))
    with pytest.raises(InputError, match="finite"):
        SequentialGame(("a",), ("h",), np.full((1, 1), np.nan), np.zeros((1, 1)))
    with pytest.raises(UnknownNameError, match="did you mean 'leader-best'"):
        solve_spe(tariff_game(), tie_break="leader-bst")  # type: ignore[arg-type]
    with pytest.raises(UnknownNameError, match="'sell'"):
        tariff_game().holder_index("sel")


_small = st.integers(-3, 3).map(float)  # small integers: ties are frequent
payoff_arrays = st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3)).flatmap(
    lambda s: st.tuples(arrays(np.float64, s, elements=_small), arrays(np.float64, s, elements=_small)))


@settings(max_examples=150, deadline=None)
@given(payoff_arrays)
def test_spe_payoff_bounds_every_consistent_response_rule(pays: tuple[np.ndarray, np.ndarray]) -> None:
    us, holder = pays
    n_d, n_u, n_h = us.shape
    game = SequentialGame(tuple(f"u{i}" for i in range(n_u)), tuple(f"h{i}" for i in range(n_h)), us, holder)
    best = best_response_sets(game)
    strong = solve_spe(game, tie_break="leader-best").us_payoff_usd_bn
    weak = solve_spe(game, tie_break="leader-worst").us_payoff_usd_bn
    first = solve_spe(game, tie_break="first")
    for d in range(n_d):
        sub = SequentialGame(game.us_actions, game.holder_actions, us[d:d + 1], holder[d:d + 1])
        choices = [np.flatnonzero(best[d, a]) for a in range(n_u)]
        values = [leader_payoff_under_rule(sub, np.array(rule))[0] for rule in itertools.product(*choices)]
        # the strong SPE is the best the leader can get from any best-responding follower, the weak the worst
        assert strong[d] == max(values)
        assert weak[d] == min(values)
        assert weak[d] <= first.us_payoff_usd_bn[d] <= strong[d]
    # the equilibrium strategy is a best response everywhere and the leader's choice is optimal against it
    at = np.take_along_axis(holder, first.response[:, :, None], axis=2)[:, :, 0]
    assert np.all(at == holder.max(axis=2))
    us_at = np.take_along_axis(us, first.response[:, :, None], axis=2)[:, :, 0]
    assert np.all(first.us_payoff_usd_bn == us_at.max(axis=1))
    assert np.all(first.us_payoff_usd_bn == leader_payoff_under_rule(game, first.response))
