"""The leverage game's materiality: payoff differences under ``game_indifference_usd_bn`` keep the
status quo in the equilibrium, while credibility is judged without it."""

from __future__ import annotations

import numpy as np

from treasury_leverage.game.result import analyse
from treasury_leverage.game.solve import SequentialGame


def _game(gain_usd_bn: float) -> SequentialGame:
    # One draw; U.S.: no tariff / tariff; holder: hold / run off. Running off gains `gain_usd_bn`
    # for the holder and costs the U.S. 40 under either U.S. action; the tariff earns the U.S. 10.
    holder = np.array([[[0.0, gain_usd_bn], [-5.0, -5.0 + gain_usd_bn]]])
    us = np.array([[[0.0, -40.0], [10.0, -30.0]]])
    return SequentialGame(("no tariff", "tariff 10%"), ("hold", "runoff 24m"), us, holder)


def test_a_gain_below_the_tolerance_keeps_the_status_quo() -> None:
    small = analyse(_game(0.3), tol_usd_bn=1.0)
    assert small.equilibrium.response_share("no tariff")["hold"] == 1.0
    exact = analyse(_game(0.3), tol_usd_bn=0.0)
    assert exact.equilibrium.response_share("no tariff")["runoff 24m"] == 1.0
    # A material gain is taken whatever the tolerance.
    big = analyse(_game(3.0), tol_usd_bn=1.0)
    assert big.equilibrium.response_share("no tariff")["runoff 24m"] == 1.0


def test_credibility_does_not_use_the_tolerance() -> None:
    loss = analyse(_game(-0.3), tol_usd_bn=1.0)
    (a,) = loss.assessments
    assert a.response == "runoff 24m"
    assert a.to_dict()["credible_share_of_draws"] == 0.0


def test_the_leverage_game_reads_the_preset(cash_basis: None) -> None:
    from treasury_leverage.game.leverage import leverage_game

    default = leverage_game("japan", responses=("hold", "runoff 24m"), draws=0)
    assert "game_indifference_usd_bn" in default.provenance["presets"]
    strict = leverage_game("japan", responses=("hold", "runoff 24m"), draws=0,
                           overrides={"game_indifference_usd_bn": 0.0})
    share = default.equilibrium.response_share("no tariff")
    strict_share = strict.equilibrium.response_share("no tariff")
    # Same payoffs; the tolerance can only move draws back to holding.
    np.testing.assert_array_equal(default.game.holder_payoff_usd_bn, strict.game.holder_payoff_usd_bn)
    assert share["hold"] >= strict_share["hold"]
