"""The game's Monte Carlo reads the engine's own joint draws (exact), not quantiles of its bands."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np
import pytest

from treasury_leverage.cli._output import to_jsonable
from treasury_leverage.game import leverage_game
from treasury_leverage.game.credibility import DEFAULT_TOL_USD_BN
from treasury_leverage.game.payoffs import engine_components

pytest.importorskip("treasury_leverage.scenario.engine", reason="the scenario engine is not in")

pytestmark = pytest.mark.usefixtures("cash_basis")


MODELS = ["beltran2013", "duration_supply"]


def _engine(actor: dict[str, Any], models: list[str], draws: int, seed: int, tariff: float) -> Any:
    from treasury_leverage.scenario.engine import run

    spec: dict[str, Any] = {"actors": [actor], "models": models, "draws": draws, "seed": seed}
    if tariff:
        spec["trade"] = {"tariff_pct": {actor["holder"]: tariff}, "months": 60}
    return run(spec)


def test_credible_share_is_a_recount_of_the_engines_joint_draws() -> None:
    """China selling 100bn after a 10% tariff: credible in some draws only; recount from the engine."""
    from treasury_leverage.presets import preset_value

    # keeping the dollars: with China's default conversion (an intervention) the FX loss makes the
    # sale never credible, and the recount would be trivially 0
    result = leverage_game("china", tariff_pct=10, responses=["hold", "sell 100bn keep"], models=MODELS,
                           draws=40, seed=4)
    a = result.assessments[0]
    assert 0.0 < a.credible_share < 1.0  # a case where the count matters
    holder = "China, Mainland"
    hold = _engine({"holder": holder, "hold": {}}, MODELS, 20, 4, 10.0)
    sell = _engine({"holder": holder, "sell": {"amount_usd_bn": 100.0, "days": 60, "convert_share": 0.0}},
                   MODELS, 20, 4, 10.0)
    orig = preset_value("us_mortgage_originations_usd_bn_per_year")
    credible, us_cost = [], []
    for d in range(40):  # models in turn: draw d is model d mod 2, engine draw d // 2
        model, k = MODELS[d % 2], d // 2
        bh, bs = hold.bill_draws(model), sell.bill_draws(model)
        # the export loss is the same draw of the trade channel in both cells: it cancels
        gain = bh.holder_usd_bn[holder]["total_usd_bn"][k] - bs.holder_usd_bn[holder]["total_usd_bn"][k]
        credible.append(gain >= -DEFAULT_TOL_USD_BN)
        assert bh.us_extra_interest_usd_bn is not None and bs.us_extra_interest_usd_bn is not None
        assert bh.us_mortgage_shift_bp_years is not None and bs.us_mortgage_shift_bp_years is not None
        mortgage = bs.us_mortgage_shift_bp_years[k, 1] - bh.us_mortgage_shift_bp_years[k, 1]
        us_cost.append(bs.us_extra_interest_usd_bn[k, 1] - bh.us_extra_interest_usd_bn[k, 1]
                       + orig / 12 * mortgage / 1e4)
    assert a.credible_share == float(np.mean(credible))
    assert a.to_dict()["credible_share_of_draws"] == float(np.mean(credible))
    assert a.us_cost_usd_bn == pytest.approx(np.array(us_cost), rel=1e-9, abs=1e-9)


def test_same_seed_same_game_other_seed_other_draws() -> None:
    kw: dict[str, Any] = {"tariff_pct": 10, "responses": ["hold", "sell 100bn"], "models": MODELS,
                          "draws": 30}
    a, b = leverage_game("china", seed=5, **kw), leverage_game("china", seed=5, **kw)
    assert json.dumps(to_jsonable(a.to_dict())) == json.dumps(to_jsonable(b.to_dict()))
    c = leverage_game("china", seed=6, **kw)
    assert a.components is not None and c.components is not None
    assert not np.array_equal(a.components.holder_bill_usd_bn, c.components.holder_bill_usd_bn)


def test_trade_channel_draws_are_those_of_the_engine_draw() -> None:
    from treasury_leverage.scenario.trade import trade_shortfall

    comps, cells = engine_components("japan", tariffs_pct=[0.0, 10.0], responses=["hold"], draws=12, seed=2,
                                     models=MODELS)
    assert cells.draw_method == "exact" and cells.engine_draws == 6
    assert cells.engine_index is not None and cells.engine_index.tolist() == [d // 2 for d in range(12)]
    tc = trade_shortfall("Japan", 10.0, months=60, draws=6, seed=np.random.default_rng([2, 3000]))
    sh = tc.purchase_shortfall_usd_bn
    years = 5 * sh.mean(axis=1) / sh[:, -1]
    assert comps.holder_export_loss_usd_bn[:, 1, 0] == pytest.approx(
        (tc.export_loss_usd_bn * years)[cells.engine_index], rel=1e-12)


def _rewire(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """Make the game's engine runs (one batch, ``run_many``) pass through ``change(spec, result)``."""
    from treasury_leverage.scenario import engine

    real = engine.run_many

    def fake(specs: Any, **kwargs: Any) -> Any:
        return [change(spec, res) for spec, res in zip(specs, real(specs, **kwargs), strict=True)]

    monkeypatch.setattr(engine, "run_many", fake)


def _opposed(spec: dict[str, Any], res: Any) -> Any:
    """In the sell cells, a holder bill and a U.S. interest bill that move in opposite directions
    across draws (same marginal spread as a real model, correlation -1), bands made to match."""
    from treasury_leverage.scenario.engine import quantiles

    if "sell" not in spec["actors"][0]:
        return res
    model = res.models[0]
    bd = res.bill_draws(model)
    n = bd.n_draws
    z = (np.arange(n) - (n - 1) / 2) / n  # a different value in each draw
    bill = 50.0 + 20.0 * z
    assert bd.us_extra_interest_usd_bn is not None and bd.us_mortgage_shift_bp_years is not None
    interest = np.outer(1.0 - z, [50.0, 500.0, 1500.0])
    rows = []
    for r in res.seller_rows:
        r = dict(r)
        if r["item"] == "total_usd_bn":
            p5, p50, p95 = quantiles(bill).tolist()
            r.update(central=50.0, p5=p5, p50=p50, p95=p95)
        rows.append(r)
    us = {m: dict(v) for m, v in (res.us_bill or {}).items()}
    us[model]["extra_interest_usd_bn"] = [50.0, 500.0, 1500.0]
    us[model]["extra_interest_bands_usd_bn"] = quantiles(interest).T.tolist()
    holder = next(iter(bd.holder_usd_bn))
    items = dict(bd.holder_usd_bn[holder], total_usd_bn=bill)
    new = dataclasses.replace(bd, holder_usd_bn={holder: items}, us_extra_interest_usd_bn=interest,
                              us_mortgage_shift_bp_years=np.zeros_like(bd.us_mortgage_shift_bp_years))
    return dataclasses.replace(res, seller_rows=rows, us_bill=us, bill_draw_arrays={model: new})


def test_exact_and_quantile_methods_differ_when_the_bills_move_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    _rewire(monkeypatch, _opposed)
    comps, cells = engine_components("japan", tariffs_pct=[0.0], responses=["hold", "sell 100bn"], draws=200,
                                     seed=1, models=["beltran2013"])
    assert cells.draw_method == "exact"
    bill, interest = comps.holder_bill_usd_bn[:, 0, 1], comps.us_interest_usd_bn[:, 0, 1]
    assert np.corrcoef(bill, interest)[0, 1] == pytest.approx(-1.0)
    # the draws in which the sale is both cheap for the holder (bill < 50) and dear for the U.S.
    # (5-year interest > 500): half of them, exactly; comonotonic quantile reads find none
    both = float(np.mean((bill < 50.0) & (interest > 500.0)))
    assert both == 0.5

    # the same cells with the per-draw arrays withheld: the fallback reads the bands comonotonically
    def strip(spec: dict[str, Any], res: Any) -> Any:
        return dataclasses.replace(_opposed(spec, res), bill_draw_arrays={})

    _rewire(monkeypatch, strip)
    q_comps, q_cells = engine_components("japan", tariffs_pct=[0.0], responses=["hold", "sell 100bn"],
                                         draws=200, seed=1, models=["beltran2013"])
    assert q_cells.draw_method == "quantile" and q_cells.engine_index is None
    assert any("fell back to quantile draws" in n for n in q_cells.notes)
    q_bill, q_interest = q_comps.holder_bill_usd_bn[:, 0, 1], q_comps.us_interest_usd_bn[:, 0, 1]
    assert np.corrcoef(q_bill, q_interest)[0, 1] > 0.99
    assert float(np.mean((q_bill < 50.0) & (q_interest > 500.0))) == 0.0


def test_cells_that_drew_other_parameters_are_not_paired(monkeypatch: pytest.MonkeyPatch) -> None:
    def other_digest(spec: dict[str, Any], res: Any) -> Any:
        if "sell" not in spec["actors"][0]:
            return res
        arrays = {m: dataclasses.replace(bd, parameter_digest="different") for m, bd in
                  res.bill_draw_arrays.items()}
        return dataclasses.replace(res, bill_draw_arrays=arrays)

    _rewire(monkeypatch, other_digest)
    _, cells = engine_components("japan", tariffs_pct=[0.0], responses=["hold", "sell 100bn"], draws=20,
                                 seed=1, models=["beltran2013"])
    assert cells.draw_method == "quantile"
    assert any("drew different parameters" in n for n in cells.notes)


def test_a_shorter_us_bill_is_read_on_the_common_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    from treasury_leverage.scenario import bills

    monkeypatch.setattr(bills, "_US_DRAWS", 15)
    comps, cells = engine_components("japan", tariffs_pct=[0.0], responses=["hold", "sell 100bn"], draws=40,
                                     seed=1, models=["beltran2013"])
    assert cells.draw_method == "exact" and cells.engine_draws == 40
    assert cells.engine_index is not None and cells.engine_index.max() == 14
    assert cells.engine_index.tolist() == [d % 15 for d in range(40)]
    assert any("common prefix" in n for n in cells.notes)
    assert any("reused in turn" in n for n in cells.notes)
    # draw 15 reads engine draw 0 again: the same payoffs
    assert comps.holder_bill_usd_bn[15, 0, 1] == comps.holder_bill_usd_bn[0, 0, 1]
