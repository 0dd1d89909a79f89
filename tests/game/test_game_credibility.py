"""Credibility, leverage ratio and the deterrence threshold on games solved by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treasury_leverage.errors import InputError
from treasury_leverage.game import assess_response, credibility_frame, deterrence, deterrence_frame
from treasury_leverage.game.credibility import band, threshold_from_gains
from treasury_leverage.game.solve import SequentialGame


def game_with(*, sell_cost: float | np.ndarray = 5.0, us_sell_cost: float | np.ndarray = 30.0,
              tariff_gain: float | np.ndarray = 10.0, trade_loss: float = 4.0) -> SequentialGame:
    """U.S.: none / tariff; holder: hold / sell; one draw per element of the array arguments.

    After the tariff the holder loses ``trade_loss`` and selling costs it ``sell_cost`` more; selling
    costs the U.S. ``us_sell_cost``. Without a tariff, selling costs the holder 3 and the U.S. 5.
    """
    sc, uc, tg = np.broadcast_arrays(np.atleast_1d(sell_cost).astype(float),
                                     np.atleast_1d(us_sell_cost).astype(float),
                                     np.atleast_1d(tariff_gain).astype(float))
    n = sc.size
    us = np.zeros((n, 2, 2))
    holder = np.zeros((n, 2, 2))
    us[:, 0, 1] = -5.0
    us[:, 1, 0] = tg
    us[:, 1, 1] = tg - uc
    holder[:, 0, 1] = -3.0
    holder[:, 1, 0] = -trade_loss
    holder[:, 1, 1] = -trade_loss - sc
    return SequentialGame(("none", "tariff"), ("hold", "sell"), us, holder, holder="japan")


def test_self_destructive_threat_quantified() -> None:
    a = assess_response(game_with(), "tariff", "sell")
    assert a.holder_gain_usd_bn.tolist() == [-5.0]
    assert a.us_cost_usd_bn.tolist() == [30.0]
    assert a.leverage_ratio.tolist() == [6.0]  # 30 of U.S. cost per 5 of its own
    assert a.resolve_needed_usd_bn.tolist() == [5.0]
    assert a.credible_share == 0.0
    d = a.to_dict()
    assert d["leverage_ratio_of_medians"] == 6.0
    assert d["holder_cost_usd_bn"]["p50"] == 5.0


def test_credibility_flips_when_selling_becomes_profitable() -> None:
    costs = np.array([5.0, 1.0, 0.0, -0.5, -2.0])  # the holder's cost of selling after the tariff
    a = assess_response(game_with(sell_cost=costs), "tariff", "sell")
    assert a.credible.tolist() == [False, False, True, True, True]
    assert a.credible_share == pytest.approx(0.6)
    # where selling pays, the leverage is free: no ratio, counted in free_share
    assert np.isnan(a.leverage_ratio[2:]).all()
    assert a.free_share == pytest.approx(0.6)
    assert a.resolve_needed_usd_bn.tolist() == [5.0, 1.0, 0.0, 0.0, 0.0]


def test_deterrence_threshold_hand_solved() -> None:
    game = game_with()
    d = deterrence(game, "tariff", "sell")
    # A = 10 - 0, B = (10 - 30) - 0, p* = A / (A - B) = 10 / 30
    assert d.tariff_gain_usd_bn.tolist() == [10.0]
    assert d.gain_if_retaliated_usd_bn.tolist() == [-20.0]
    assert d.threshold_prob[0] == pytest.approx(1 / 3)
    assert d.expected_gain_usd_bn(1 / 3)[0] == pytest.approx(0.0)
    assert d.deterred_share(0.34) == 1.0
    assert d.deterred_share(0.32) == 0.0
    assert d.curve([0.0, 0.5, 1.0]).tolist() == [0.0, 1.0, 1.0]


def test_threshold_falls_as_us_cost_of_the_response_rises() -> None:
    us_costs = np.array([12.0, 20.0, 30.0, 60.0, 200.0])
    p = deterrence(game_with(us_sell_cost=us_costs), "tariff", "sell").threshold_prob
    assert np.all(np.diff(p) < 0)
    assert p == pytest.approx(10.0 / us_costs)  # A / (A - B) with B = 10 - cost


def test_threshold_rises_with_the_tariffs_gain() -> None:
    gains = np.array([1.0, 5.0, 10.0, 20.0, 29.0])
    p = deterrence(game_with(tariff_gain=gains), "tariff", "sell").threshold_prob
    assert np.all(np.diff(p) > 0)
    assert p == pytest.approx(gains / 30.0)


def test_threshold_edge_cases() -> None:
    # tariff does not pay at all -> deterred without any threat; retaliation too cheap -> never deterred
    p = deterrence(game_with(tariff_gain=np.array([-1.0, 0.0, 40.0])), "tariff", "sell").threshold_prob
    assert p[0] == 0.0 and p[1] == 0.0 and np.isinf(p[2])
    assert threshold_from_gains(np.array([2.0]), np.array([-2.0]))[0] == 0.5
    # a "threat" that helps the U.S. (B > 0) never deters, even when the tariff alone does not pay
    assert np.isinf(threshold_from_gains(np.array([-1.0]), np.array([3.0]))[0])
    d = deterrence(game_with(tariff_gain=np.array([-1.0, 40.0])), "tariff", "sell").to_dict()
    assert d["undeterrable_share_of_draws"] == 0.5
    assert d["deterred_without_threat_share_of_draws"] == 0.5
    with pytest.raises(InputError, match="same action"):
        deterrence(game_with(), "none", "sell")
    with pytest.raises(InputError, match="probability"):
        deterrence(game_with(), "tariff", "sell").deterred_share(1.5)


def test_when_the_threat_is_credible_the_rational_holder_already_deters() -> None:
    # selling pays after the tariff (cost -2): the rational holder sells, A = B = 10 - 30 < 0 -> p* = 0
    d = deterrence(game_with(sell_cost=-2.0), "tariff", "sell")
    assert d.threshold_prob.tolist() == [0.0]


def test_band_handles_infinite_thresholds_and_nan() -> None:
    b = band(np.array([0.1, 0.2, np.inf, np.inf, np.nan]))
    assert b["p5"] == 0.1 and np.isinf(b["p95"])
    assert np.isnan(band(np.array([np.nan]))["p50"])
    assert band(np.arange(101.0)) == {"p5": 5.0, "p50": 50.0, "p95": 95.0}


def test_frames_have_one_row_per_tariff_and_response() -> None:
    cf = credibility_frame(game_with(sell_cost=np.array([5.0, -1.0])))
    assert list(cf[["tariff", "response"]].itertuples(index=False, name=None)) == [("tariff", "sell")]
    assert cf["credible_share_of_draws"].iloc[0] == 0.5
    df = deterrence_frame(game_with(us_sell_cost=np.array([20.0, 40.0])))
    # thresholds are summarised by order statistics (comparable when some are infinite): the lower median
    assert df["deterrence_threshold_prob_p50"].iloc[0] == pytest.approx(0.25)


@settings(max_examples=100, deadline=None)
@given(a=st.floats(-50, 50), b=st.floats(-500, 50), p=st.floats(0, 1))
def test_threshold_separates_deterred_from_not(a: float, b: float, p: float) -> None:
    # A = tariff gain vs a rational holder, B = gain when the threat is carried out
    thr = threshold_from_gains(np.array([a]), np.array([b]))[0]
    assert thr == 0.0 or thr == np.inf or 0.0 < thr <= 1.0
    expected_gain = (1 - p) * a + p * b
    if p > thr + 1e-9:  # above the threshold, every belief deters
        assert expected_gain < 1e-6
    elif np.isfinite(thr) and p < thr - 1e-9:  # below a finite threshold, none does
        assert expected_gain > -1e-6
    if np.isinf(thr):  # certainty of the response does not deter
        assert b >= 0


def test_deterrence_curve_frame_is_tidy() -> None:
    from treasury_leverage.game import analyse

    res = analyse(game_with(us_sell_cost=np.array([20.0, 40.0])))
    f = res.deterrence_curve_frame([0.0, 0.3, 0.6])
    # p* = 0.5 and 0.25 in the two draws
    assert f["deterred_share_of_draws"].tolist() == [0.0, 0.5, 1.0]
    assert set(f.columns) == {"tariff", "response", "resolve_prob", "deterred_share_of_draws"}
    assert np.isnan(res.summary_frame()["holder_cost_pct_gdp"].iloc[0])


def test_headline_hand_made_games() -> None:
    from treasury_leverage.game import analyse

    # tariff gains 10, a sale costs the holder 5 and the U.S. 30: p* = 1/3
    h = analyse(game_with()).headline()
    assert h.startswith("japan's threat to 'sell' after a 'tariff' is not credible on money alone")
    assert "cost japan 5 USD bn and the U.S. 30 USD bn (6 to 1)" in h and "above 0.33 (p50)" in h
    # the tariff loses the U.S. 2 even against the holder's best response: the aims formula
    h2 = analyse(game_with(tariff_gain=-2.0)).headline()
    assert "best money response (2 USD bn)" in h2 and "(V - 2) / 30 (medians)" in h2
    # selling pays the holder: credible, and the U.S. is better off without the tariff anyway
    assert "is credible" in analyse(game_with(sell_cost=-1.0)).headline()
