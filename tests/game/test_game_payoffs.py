"""Payoff construction: responses, quantile draws, mortgage cost, weights (no engine needed)."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.game import PayoffComponents, PayoffWeights, parse_response
from treasury_leverage.game.payoffs import mortgage_cost_usd_bn, quantile_values


@pytest.mark.parametrize(
    ("text", "label", "kind", "action"),
    [
        ("hold", "hold", "hold", {}),
        ("Pause 12m", "pause 12m", "pause", {"months": 12}),
        ("pause", "pause 12m", "pause", {"months": 12}),
        ("run-off 36 months", "runoff 36m", "runoff", {"months": 36}),
        ("sell 300bn", "sell 300bn", "sell", {"amount_usd_bn": 300.0, "days": 60}),
        ("sell:25%", "sell 25%", "sell", {"amount_pct": 25.0, "days": 60}),
        ("sell 300bn 20d", "sell 300bn 20d", "sell", {"amount_usd_bn": 300.0, "days": 20}),
    ],
)
def test_parse_response(text: str, label: str, kind: str, action: dict[str, float]) -> None:
    r = parse_response(text)
    assert (r.label, r.kind, r.action) == (label, kind, action)


@pytest.mark.parametrize("text", ["dump", "sell", "sell 300", "hold 3", "pause twelve"])
def test_parse_response_rejects_with_the_forms(text: str) -> None:
    with pytest.raises(InputError, match=repr(text)):
        parse_response(text)


def test_quantile_values_pass_through_the_bands_and_stay_flat_outside() -> None:
    u = np.array([0.0, 0.05, 0.275, 0.5, 0.95, 1.0])
    v = quantile_values(10.0, 20.0, 40.0, u)
    assert v.tolist() == [10.0, 10.0, 15.0, 20.0, 40.0, 40.0]
    assert quantile_values(40.0, 20.0, 10.0, np.array([0.05]))[0] == 10.0  # out-of-order bands sorted


def test_mortgage_cost_hand_computed() -> None:
    # +10 bp for five years, 1,200bn of loans a year, 1:1 pass-through: loans of month k pay
    # 100bn x 0.1% for (60 - k)/12 years -> 0.1 x sum_{k<60} (60 - k) / 12 = 0.1 x 1830 / 12
    cost = mortgage_cost_usd_bn(np.full(121, 10.0), horizon_years=5, originations_usd_bn_per_year=1200.0,
                                passthrough=1.0)
    assert cost == pytest.approx(0.1 * 1830 / 12)
    assert mortgage_cost_usd_bn(np.zeros(121), horizon_years=5, originations_usd_bn_per_year=1200.0,
                                passthrough=1.0) == 0.0
    # a shift after the horizon costs nothing within it
    late = np.zeros(121)
    late[60:] = 50.0
    assert mortgage_cost_usd_bn(late, horizon_years=5, originations_usd_bn_per_year=1200.0,
                                passthrough=1.0) == 0.0


def components() -> PayoffComponents:
    z = np.zeros((1, 2, 2))

    def cell(values: list[list[float]]) -> np.ndarray:
        return np.array([values], dtype=float)

    return PayoffComponents(
        holder_bill_usd_bn=cell([[0, 20], [1, 22]]),
        holder_export_loss_usd_bn=cell([[0, 0], [30, 30]]),
        us_interest_usd_bn=cell([[0, 200], [5, 210]]),
        us_mortgage_usd_bn=cell([[0, 60], [2, 62]]),
        tariff_revenue_usd_bn=cell([[0, 0], [40, 40]]),
        us_consumer_cost_usd_bn=z + cell([[0, 0], [45, 45]]),
    )


def test_payoffs_from_components_by_hand() -> None:
    c = components()
    w = PayoffWeights()
    assert c.holder_payoff_usd_bn(w)[0].tolist() == [[0.0, -20.0], [-31.0, -52.0]]
    assert c.us_payoff_usd_bn(w)[0].tolist() == [[0.0, -260.0], [-12.0, -277.0]]
    # weights: a budget-only U.S. (no mortgage), aims of 50 on the tariff only
    w2 = PayoffWeights(us_mortgage=0.0, us_tariff_aims_usd_bn=50.0)
    assert c.us_payoff_usd_bn(w2)[0].tolist() == [[0.0, -200.0], [40.0, -165.0]]
    g = c.game("japan", ("none", "tariff"), ("hold", "sell"), w2)
    assert g.holder == "japan" and g.us_payoff_usd_bn.shape == (1, 2, 2)
    with pytest.raises(InputError, match="is_tariff"):
        c.us_payoff_usd_bn(w, is_tariff=[True])


def test_weights_from_presets_and_validation() -> None:
    w = PayoffWeights.from_presets({"game_horizon_years": 10, "game_weight_us_mortgage": 0.0})
    assert w.horizon_years == 10 and w.us_mortgage == 0.0 and w.us_interest == 1.0
    assert w.to_dict()["game_weight_us_mortgage"] == 0.0
    # the present-value basis (default) takes the engine's cost horizon; the cash basis the game's own
    assert PayoffWeights.from_presets().horizon_years == 10
    assert PayoffWeights.from_presets().basis == "pv"
    assert PayoffWeights.from_presets({"game_cost_basis_pv": 0}).horizon_years == 5
    with pytest.raises(InputError, match="horizon_years"):
        PayoffWeights(horizon_years=3)
    with pytest.raises(InputError, match="non-negative"):
        PayoffWeights(us_interest=-1.0)
    with pytest.raises(InputError, match="one shape"):
        PayoffComponents(*(np.zeros((1, 2, 2)),) * 5, np.zeros((1, 2, 3)))
