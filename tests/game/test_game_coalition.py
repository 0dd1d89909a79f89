"""Coalitions of identical holders with additive payoffs, solved by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.game import (
    CoalitionGame,
    SequentialGame,
    assess_joint_response,
    deterrence,
    solve_coalition,
    solve_spe,
)
from treasury_leverage.game.coalition import nash_profiles

G, TAU, U = 10.0, 5.0, 8.0  # tariff gain to the U.S., trade loss per member, U.S. cost per seller


def pair(own_cost: float, spill: float = 2.0) -> CoalitionGame:
    """Two identical members, hold/sell each, after none/tariff.

    Member i: -TAU [tariff] - own_cost s_i - spill (s_1 + s_2) (mark-to-market of all sales on its
    book); U.S.: G [tariff] - U (s_1 + s_2).
    """
    us_t = np.array([0.0, G])
    member_t = np.array([0.0, -TAU])
    own = np.array([[0.0, -own_cost - spill]] * 2)  # (n_us, n_actions): own cost + own spill
    sp = np.array([[0.0, -spill]] * 2)
    us_r = np.array([[0.0, -U]] * 2)
    return CoalitionGame.additive(
        ("japan", "china"), ("none", "tariff"), (("hold", "sell"), ("hold", "sell")),
        us_tariff_usd_bn=us_t, us_response_usd_bn=[us_r, us_r], member_tariff_usd_bn=[member_t, member_t],
        member_own_usd_bn=[own, own], spillover_usd_bn=[[None, sp], [sp, None]],
    )


def test_additive_payoffs_are_laid_out_as_derived() -> None:
    g = pair(own_cost=3.0)
    assert g.us_payoff_usd_bn.shape == (1, 2, 2, 2)
    # both sell after the tariff: U.S. 10 - 16; each member -5 - 3 - 2*2
    assert g.us_payoff_usd_bn[0, 1, 1, 1] == G - 2 * U
    assert g.member_payoff_usd_bn[0][0, 1, 1, 1] == -TAU - 3.0 - 4.0
    # Japan sells alone: Japan -5 - 3 - 2, China -5 - 2
    assert g.member_payoff_usd_bn[0][0, 1, 1, 0] == -10.0
    assert g.member_payoff_usd_bn[1][0, 1, 1, 0] == -7.0
    assert g.profile_label((1, 0)) == "japan: sell, china: hold"
    assert g.profile_index(["sell", "sell"]) == 3


def test_costly_sale_joint_and_solo_numbers() -> None:
    a = assess_joint_response(pair(own_cost=3.0), "tariff", ("sell", "sell"))
    # each member: own 3 + spill 2 x 2 sellers = 7; coalition 14; U.S. 16 -> leverage 16/14
    assert a.member_gain_usd_bn[:, 0].tolist() == [-7.0, -7.0]
    assert a.us_cost_usd_bn.tolist() == [16.0]
    assert a.leverage_ratio[0] == pytest.approx(16 / 14)
    assert a.cost_share[:, 0].tolist() == [0.5, 0.5]
    # alone: the seller pays 3 + 2 = 5 and the U.S. 8 -> leverage 8/5; U.S. cost is additive
    assert a.solo_member_cost_usd_bn[:, 0].tolist() == [5.0, 5.0]
    assert a.solo_us_cost_usd_bn[:, 0].tolist() == [8.0, 8.0]
    assert a.coordination_us_cost_ratio.tolist() == [1.0]
    assert not a.credible_joint[0] and not a.credible_independent[0]


def test_coordination_removes_a_prisoners_dilemma_sale() -> None:
    # selling pays each member 3 privately but costs every member 2 per seller:
    # alone +3 - 2 = +1 (credible), jointly 2*3 - 2*2*2 = -2 (not credible with coordination)
    g = pair(own_cost=-3.0)
    a = assess_joint_response(g, "tariff", ("sell", "sell"))
    assert a.deviation_gain_usd_bn[:, 0].tolist() == [1.0, 1.0]
    assert a.credible_independent[0] and not a.credible_joint[0]
    assert a.joint_gain_usd_bn.tolist() == [-2.0]
    ne = nash_profiles(g)
    assert ne[0, 1].tolist() == [[False, False], [False, True]]  # (sell, sell) is the only equilibrium
    indep = solve_coalition(g, coordination="independent")
    joint = solve_coalition(g, coordination="joint")
    assert indep.response[0].tolist() == [3, 3]  # both sell whatever the U.S. does
    assert joint.response[0].tolist() == [0, 0]  # both hold
    # U.S.: independent -> none -16 vs tariff 10 - 16 = -6 -> tariff; joint -> tariff (10 > 0)
    assert indep.us_choice.tolist() == [1] and indep.us_payoff_usd_bn.tolist() == [G - 2 * U]
    assert joint.us_choice.tolist() == [1] and joint.us_payoff_usd_bn.tolist() == [G]
    assert joint.member_payoff_usd_bn[:, 0].tolist() == [-TAU, -TAU]


def test_coordination_makes_deterrence_possible() -> None:
    g = pair(own_cost=3.0)
    joint = g.joint_game()
    # the joint threat: A = 10, B = 10 - 16 = -6 -> p* = 10 / 16
    d = deterrence(joint, "tariff", "japan: sell, china: sell")
    assert d.threshold_prob[0] == pytest.approx(10 / 16)
    # one member alone: B = 10 - 8 = 2 > 0 -> no belief deters the tariff
    solo = deterrence(g.member_game("japan"), "tariff", "sell")
    assert np.isinf(solo.threshold_prob[0])


def test_a_one_member_coalition_is_the_single_holder_game() -> None:
    rng = np.random.default_rng(3)
    us, holder = rng.normal(size=(50, 3, 4)), rng.normal(size=(50, 3, 4))
    acts = ("hold", "pause", "runoff", "sell")
    c = CoalitionGame(("japan",), ("none", "t10", "t25"), (acts,), us, (holder,))
    single = SequentialGame(("none", "t10", "t25"), acts, us, holder)
    a, b = solve_coalition(c, coordination="joint"), solve_spe(single)
    assert np.array_equal(a.us_choice, b.us_choice)
    assert np.array_equal(a.us_payoff_usd_bn, b.us_payoff_usd_bn)
    ind = solve_coalition(c, coordination="independent")
    assert np.array_equal(ind.response, b.response)
    assert not ind.no_pure_equilibrium.any()


def test_independent_play_flags_games_without_pure_equilibrium() -> None:
    # matching pennies between the members after the only U.S. action
    mp = np.array([[[1.0, -1.0], [-1.0, 1.0]]])
    g = CoalitionGame(("a", "b"), ("none",), (("x", "y"), ("x", "y")), np.zeros((1, 1, 2, 2)), (mp, -mp))
    eq = solve_coalition(g, coordination="independent")
    assert eq.no_pure_equilibrium.tolist() == [[True]]
    assert eq.response.tolist() == [[0]]


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match="one action list per member"):
        CoalitionGame(("a", "b"), ("none",), (("x",),), np.zeros((1, 1, 1)), (np.zeros((1, 1, 1)),))
    with pytest.raises(UnknownNameError, match="coordination"):
        solve_coalition(pair(3.0), coordination="together")  # type: ignore[arg-type]
    with pytest.raises(UnknownNameError, match="action of japan"):
        pair(3.0).profile_index(["dump", "hold"])


def test_analyse_coalition_hand_solved() -> None:
    import json

    from treasury_leverage.cli._output import to_jsonable
    from treasury_leverage.game.result import analyse_coalition

    res = analyse_coalition(pair(own_cost=3.0))
    assert len(res.assessments) == 1 and res.assessments[0].profile == "japan: sell, china: sell"
    assert res.joint_deterrence[0].threshold_prob[0] == pytest.approx(10 / 16)
    assert all(np.isinf(v[0].threshold_prob[0]) for v in res.solo_deterrence.values())
    row = res.summary_frame().iloc[0]
    assert row["threshold_prob_joint"] == pytest.approx(10 / 16)
    assert np.isinf(row["threshold_prob_japan_alone"])
    assert row["cost_share_japan"] == 0.5 and row["leverage_ratio"] == pytest.approx(16 / 14)
    d = json.loads(json.dumps(to_jsonable(res.to_dict()), allow_nan=False))
    assert d["equilibrium"]["joint"]["us_choice_share_of_draws"] == {"none": 0.0, "tariff": 1.0}
    assert any("together 0.62" in v for v in d["verdicts"])
    with pytest.raises(InputError, match="share one response menu"):
        analyse_coalition(CoalitionGame(("a", "b"), ("none", "t"), (("hold", "sell"), ("hold", "pause")),
                                        np.zeros((1, 2, 2, 2)), (np.zeros((1, 2, 2, 2)),) * 2))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (3, 2, 2, 2), elements=st.integers(-4, 4).map(float)),
       arrays(np.float64, (2, 3, 2, 2, 2), elements=st.integers(-4, 4).map(float)))
def test_coordination_never_lowers_the_coalitions_total(us: np.ndarray, members: np.ndarray) -> None:
    g = CoalitionGame(("a", "b"), ("none", "t"), (("hold", "sell"), ("hold", "sell")), us,
                      (members[0], members[1]))
    joint = solve_coalition(g, coordination="joint")
    indep = solve_coalition(g, coordination="independent")
    total = g.total_member_payoff_usd_bn().reshape(3, 2, -1)
    rows = np.arange(3)[:, None]
    cols = np.arange(2)[None, :]
    # after every U.S. action, jointly chosen profiles pay the members at least as much in sum
    assert np.all(total[rows, cols, joint.response] >= total[rows, cols, indep.response] - 1e-9)
    # independent play is a Nash equilibrium wherever one exists
    ne = nash_profiles(g).reshape(3, 2, -1)
    ok = ~indep.no_pure_equilibrium
    assert np.all(ne[rows, cols, indep.response][ok])
