"""Trade retaliation beside the Treasury actions in the game (issue 13, item 4): same draws, same basis."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.game import DEFAULT_RESPONSES, leverage_game
from treasury_leverage.game.payoffs import PayoffWeights, engine_components, parse_response
from treasury_leverage.presets import preset_value
from treasury_leverage.scenario.retaliation import counter_tariff

MODELS = ["beltran2013", "duration_supply"]
MENU = ["hold", "sell 100bn", "counter-tariff 10%"]


def test_parse_counter_tariff() -> None:
    for text in ("counter-tariff 10%", "Counter tariff 10%", "countertariff: 10%", "retaliate 10%"):
        r = parse_response(text)
        assert (r.label, r.kind, r.action) == ("counter-tariff 10%", "counter_tariff", {"tariff_pct": 10.0})
    assert parse_response("counter-tariff 12.5%").label == "counter-tariff 12.5%"
    for bad in ("counter-tariff", "counter-tariff 10bn", "counter-tariff 0%", "counter-tariff 500%"):
        with pytest.raises(InputError, match="counter-tariff 10%"):
            parse_response(bad)
    assert "counter-tariff 10%" in DEFAULT_RESPONSES


@pytest.fixture(scope="module")
def exact() -> tuple:
    return engine_components(
        "japan", tariffs_pct=[0.0, 10.0], responses=MENU, models=MODELS, draws=30, seed=4
    )


def test_counter_tariff_cells_on_the_same_draws_and_basis(exact: tuple) -> None:
    """No market action: the Treasury flows are the hold cell's, draw by draw; the counter-tariff's own
    flows are its draws (stream [seed, 3100]) read at each game draw's engine draw, phased in and
    discounted at the start day's curve like every other flow."""
    from treasury_leverage.scenario.engine import _basis

    comps, cells = exact
    assert cells.draw_method == "exact" and cells.engine_index is not None
    for f in (
        "holder_bill_usd_bn",
        "us_interest_usd_bn",
        "tariff_revenue_usd_bn",
        "holder_export_loss_usd_bn",
    ):
        np.testing.assert_array_equal(getattr(comps, f)[:, :, 2], getattr(comps, f)[:, :, 0])
    basis = _basis(dt.date.fromisoformat(cells.start), {})
    ct = counter_tariff("Japan", 10.0, draws=cells.engine_draws, seed=np.random.default_rng([4, 3100]))
    years = ct.phase_in_years(basis.horizon_years, basis.discount)
    idx = cells.engine_index
    for t in range(2):  # the same whatever the U.S. did
        np.testing.assert_allclose(
            comps.holder_counter_tariff_usd_bn[:, t, 2], (ct.holder_net_cost_usd_bn * years)[idx]
        )
        np.testing.assert_allclose(
            comps.us_exporter_loss_usd_bn[:, t, 2], (ct.us_exporter_loss_usd_bn * years)[idx]
        )
        np.testing.assert_allclose(
            comps.us_export_tax_loss_usd_bn[:, t, 2], (ct.us_tax_loss_usd_bn * years)[idx]
        )
    for f in ("holder_counter_tariff_usd_bn", "us_exporter_loss_usd_bn", "us_export_tax_loss_usd_bn"):
        assert not np.any(getattr(comps, f)[:, :, :2])  # only the counter-tariff response has them
    assert "counter_tariff_passthrough_to_holder_prices" in cells.presets_used
    assert any(n.startswith("counter-tariff:") for n in cells.notes)


def test_us_views_of_a_counter_tariff(exact: tuple) -> None:
    """Fiscal: only the federal taxes on exporters' lost income; national: the exporters' surplus
    loss; households: nothing (the price rise falls on the holder's buyers)."""
    comps, _ = exact
    views = {code: PayoffWeights.from_presets({"game_us_view": float(code)}) for code in range(4)}
    hold = {c: comps.us_payoff_usd_bn(w)[:, 1, 0] for c, w in views.items()}
    ct = {c: comps.us_payoff_usd_bn(w)[:, 1, 2] for c, w in views.items()}
    np.testing.assert_allclose(hold[0] - ct[0], comps.us_export_tax_loss_usd_bn[:, 1, 2])
    np.testing.assert_allclose(hold[1] - ct[1], comps.us_exporter_loss_usd_bn[:, 1, 2])
    np.testing.assert_allclose(hold[2] - ct[2], 0.0, atol=1e-12)
    np.testing.assert_allclose(hold[3] - ct[3], comps.us_exporter_loss_usd_bn[:, 1, 2])  # counted once
    w = views[0]
    np.testing.assert_allclose(
        comps.holder_payoff_usd_bn(w)[:, 1, 0] - comps.holder_payoff_usd_bn(w)[:, 1, 2],
        comps.holder_counter_tariff_usd_bn[:, 1, 2],
    )


def test_game_lists_retaliation_with_credibility_costs_and_ratio() -> None:
    res = leverage_game("japan", tariff_pct=10.0, responses=MENU, models=MODELS, draws=0)
    d = res.to_dict()
    assert "counter-tariff 10%" in d["holder_actions"]
    a = next(x for x in d["credibility"] if x["response"] == "counter-tariff 10%")
    assert 0.0 <= a["credible_share_of_draws"] <= 1.0
    # central values (draws=0, one per model): the holder's cost is the counter-tariff's net cost,
    # the U.S. (fiscal) cost the federal taxes lost, both on the PV basis
    from treasury_leverage.scenario.engine import _basis

    basis = _basis(dt.date.fromisoformat(res.provenance["start"]), {})
    ct = counter_tariff("Japan", 10.0)
    years = ct.phase_in_years(basis.horizon_years, basis.discount)[0]
    assert a["holder_cost_usd_bn"]["p50"] == pytest.approx(ct.holder_net_cost_usd_bn[0] * years)
    assert a["us_cost_usd_bn"]["p50"] == pytest.approx(ct.us_tax_loss_usd_bn[0] * years)
    assert a["leverage_ratio"]["p50"] == pytest.approx(
        ct.us_tax_loss_usd_bn[0] / ct.holder_net_cost_usd_bn[0]
    )
    assert d["weights"]["game_weight_us_export_tax_loss"] == preset_value("game_weight_us_export_tax_loss")
    assert d["weights"]["game_weight_us_exporter_loss"] == 0.0  # fiscal view


def test_coalition_counter_tariffs_add_up() -> None:
    """Two members retaliating together: each pays its own counter-tariff, the U.S. loses both."""
    from treasury_leverage.game.payoffs import coalition_cells

    cells = coalition_cells(
        ["Japan", "China, Mainland"],
        tariffs_pct=[0.0, 10.0],
        responses=["hold", "counter-tariff 10%"],
        models=["beltran2013"],
        draws=0,
    )
    assert cells.us_export_tax_loss_usd_bn is not None and cells.member_counter_tariff_usd_bn is not None
    tax, jp, cn = cells.us_export_tax_loss_usd_bn, *cells.member_counter_tariff_usd_bn
    np.testing.assert_allclose(tax[:, :, 1, 1], tax[:, :, 1, 0] + tax[:, :, 0, 1])
    assert np.all(tax[:, :, 0, 1] > tax[:, :, 1, 0]) and np.all(tax[:, :, 1, 0] > 0)  # China buys more
    np.testing.assert_allclose(jp[:, :, 1, 1], jp[:, :, 1, 0])
    np.testing.assert_allclose(cn[:, :, 1, 1], cn[:, :, 0, 1])
    assert not np.any(jp[:, :, 0, :]) and not np.any(cn[:, :, :, 0])
