"""The game package publishes the names we mean to publish, each resolving to something real."""

from __future__ import annotations

import treasury_leverage.game as game

PUBLISHED = {
    "DEFAULT_RESPONSES", "CoalitionAssessment", "CoalitionEquilibrium", "CoalitionGame", "CoalitionResult",
    "Deterrence", "Equilibrium", "GameResult", "PayoffComponents", "PayoffWeights", "Response",
    "ResponseAssessment", "SequentialGame", "analyse", "analyse_coalition", "assess_joint_response",
    "assess_response", "coalition_game", "credibility_frame", "deterrence", "deterrence_frame",
    "leader_payoff_under_rule", "leverage_game", "parse_response", "solve_coalition", "solve_spe",
}


def test_all_is_exactly_the_published_names() -> None:
    assert set(game.__all__) == PUBLISHED
    for name in game.__all__:
        assert getattr(game, name) is not None


def test_importing_the_game_does_not_import_the_engine() -> None:
    import subprocess
    import sys

    code = ("import sys, treasury_leverage.game; "
            "print('treasury_leverage.scenario.engine' in sys.modules, 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
