"""The leverage game: is a threat to sell Treasuries credible, and does it deter a tariff?

Two layers. The pure game layer takes payoff arrays ``(n_draws, n_us_actions,
n_holder_actions)`` in USD bn and solves the sequential game (the U.S. sets a tariff, the holder
responds) by backward induction in every Monte Carlo draw (:mod:`.solve`), then asks whether each
threatened response is credible, what leverage it gives and which belief in the holder's resolve
deters the tariff (:mod:`.credibility`), alone or in a coalition of holders (:mod:`.coalition`).
The payoff layer (:mod:`.payoffs`) builds those arrays from the scenario engine and the trade
channel.
"""

from __future__ import annotations

from treasury_leverage.game.coalition import (
    CoalitionAssessment,
    CoalitionEquilibrium,
    CoalitionGame,
    assess_joint_response,
    solve_coalition,
)
from treasury_leverage.game.credibility import (
    Deterrence,
    ResponseAssessment,
    assess_response,
    credibility_frame,
    deterrence,
    deterrence_frame,
)
from treasury_leverage.game.leverage import coalition_game, leverage_game
from treasury_leverage.game.payoffs import (
    DEFAULT_RESPONSES,
    PayoffComponents,
    PayoffWeights,
    Response,
    parse_response,
)
from treasury_leverage.game.result import CoalitionResult, GameResult, analyse, analyse_coalition
from treasury_leverage.game.solve import (
    Equilibrium,
    SequentialGame,
    leader_payoff_under_rule,
    solve_spe,
)

__all__ = [
    "DEFAULT_RESPONSES",
    "CoalitionAssessment",
    "CoalitionEquilibrium",
    "CoalitionGame",
    "CoalitionResult",
    "Deterrence",
    "Equilibrium",
    "GameResult",
    "PayoffComponents",
    "PayoffWeights",
    "Response",
    "ResponseAssessment",
    "SequentialGame",
    "analyse",
    "analyse_coalition",
    "assess_joint_response",
    "assess_response",
    "coalition_game",
    "credibility_frame",
    "deterrence",
    "deterrence_frame",
    "leader_payoff_under_rule",
    "leverage_game",
    "parse_response",
    "solve_coalition",
    "solve_spe",
]
