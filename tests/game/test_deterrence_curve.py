"""The deterrence curve and the revealed-preference value of the tariff's aims (issue 13, item 5)."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.game.credibility import Deterrence, threshold_from_gains


def _det(a: list[float], b: list[float]) -> Deterrence:
    ga, gb = np.array(a), np.array(b)
    return Deterrence("tariff 10%", "no tariff", "sell 300bn", ga, gb, threshold_from_gains(ga, gb))


def test_revealed_aims_are_the_median_money_loss_and_the_curve_is_p_star() -> None:
    # the tariff loses the U.S. 4, 6, 8 against a rational holder; 30, 40, 50 against the threat
    d = _det([-4.0, -6.0, -8.0], [-30.0, -40.0, -50.0])
    assert d.revealed_aims_usd_bn == 6.0
    curve = d.deterrence_curve([0.0, 6.0, 20.0, 45.0])
    # below every break-even the tariff does not pay: any belief deters (p* = 0)
    assert curve[0]["required_prob_p50"] == 0.0
    # at V: p* = (A + V) / (A - B) per draw, draw 2 (A=-6, B=-40) gives the median 0 at V=6
    assert curve[1]["required_prob_p50"] == pytest.approx(0.0)
    assert curve[2]["required_prob_p50"] == pytest.approx((-6.0 + 20.0) / (-6.0 + 40.0))
    # beyond -B = 40 in one draw and 30 in another, no belief deters there
    assert curve[3]["undeterrable_share_of_draws"] == pytest.approx(2 / 3)
    default = d.deterrence_curve()
    assert sum(p["revealed_preference_point"] for p in default) == 1
    meds = [p["required_prob_p50"] for p in default if p["required_prob_p50"] is not None]
    assert meds == sorted(meds)  # a higher value of the aims needs a likelier threat


def test_a_tariff_that_pays_in_money_reveals_nothing_beyond_zero() -> None:
    d = _det([3.0, 5.0], [-10.0, -20.0])
    assert d.revealed_aims_usd_bn == 0.0
    assert "deterrence_curve" in d.to_dict() and d.to_dict()["revealed_aims_usd_bn"] == 0.0
