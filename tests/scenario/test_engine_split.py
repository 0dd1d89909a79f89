"""The engine split (issue 15): gathered inputs, a pure simulation, and a batched run.

* numbers recorded from main's engine before the split (a fixed seeded spec) are reproduced;
* ``simulate`` reads no data store (every read is in ``gather_inputs``);
* ``run_many`` gives the results of one ``run`` per spec, bit for bit, on a mixed batch.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np
import pytest

from treasury_leverage.errors import ScenarioError
from treasury_leverage.scenario import engine, run, sell_spec
from treasury_leverage.scenario.inputs import EngineInputs, gather_inputs
from treasury_leverage.scenario.simulate import simulate

#: Japan sells USD 300bn over 60 days, all models, 200 draws, seed 0: computed with main's engine
#: (commit 848b739, the single 1,261-line engine.py) before the split, on the bundled snapshot.
MAIN_SELL_300 = {
    "pooled_peak_10y_p50_bp": 8.245782007170043,
    "pooled_permanent_10y_p50_bp": 7.360319530986573,
    "pooled_peak_10y_central_bp": 14.434425096443121,
    "pooled_permanent_10y_central_bp": 5.813820477567974,
    "japan_total_pv_usd_bn_central": 80.39299271937311,
    "japan_total_pv_usd_bn_p50": 70.70644154015991,
    "us_pv_extra_interest_usd_bn": 96.72685971637021,
    "spec_hash": "9468f93f1eb7d8b1",
}


@pytest.fixture(scope="module")
def sell_300() -> Any:
    return run(sell_spec("japan", 300, days=60, draws=200, seed=0))


def test_numbers_recorded_from_main_are_reproduced(sell_300: Any) -> None:
    res = sell_300
    assert res.spec_hash == MAIN_SELL_300["spec_hash"]
    pp = res.peak_permanent("pooled", 10.0)
    rel = 1e-10
    assert pp["peak_bp"]["p50"] == pytest.approx(MAIN_SELL_300["pooled_peak_10y_p50_bp"], rel=rel)
    assert pp["permanent_bp"]["p50"] == pytest.approx(MAIN_SELL_300["pooled_permanent_10y_p50_bp"], rel=rel)
    assert pp["peak_bp"]["central"] == pytest.approx(MAIN_SELL_300["pooled_peak_10y_central_bp"], rel=rel)
    assert pp["permanent_bp"]["central"] == pytest.approx(MAIN_SELL_300["pooled_permanent_10y_central_bp"],
                                                          rel=rel)
    row = next(r for r in res.seller_rows if r["model"] == "pooled" and r["item"] == "total_pv_usd_bn")
    assert row["holder"] == "Japan"
    assert row["central"] == pytest.approx(MAIN_SELL_300["japan_total_pv_usd_bn_central"], rel=rel)
    assert row["p50"] == pytest.approx(MAIN_SELL_300["japan_total_pv_usd_bn_p50"], rel=rel)
    assert res.us_bill is not None
    assert res.us_bill["pooled"]["pv_extra_interest_usd_bn"] == pytest.approx(
        MAIN_SELL_300["us_pv_extra_interest_usd_bn"], rel=rel)


def test_inputs_are_frozen_and_hold_the_data_reads() -> None:
    inputs = gather_inputs({"actors": [{"holder": "japan", "pause": {"months": 12}}],
                            "trade": {"tariff_pct": {"china": 10}}, "models": ["beltran2013"]})
    assert isinstance(inputs, EngineInputs)
    with pytest.raises(dataclasses.FrozenInstanceError):
        inputs.actors = ()  # type: ignore[misc]
    # the pause's measured baseline and official share, and a hold for the tariff-only holder
    japan, china = inputs.actors
    assert japan.holder == "Japan" and japan.baseline is not None and japan.official_share is not None
    assert china.holder == "China, Mainland" and china.action.kind == "hold" and china.holdings_usd_bn > 0
    assert japan.ladder.total_usd_bn == pytest.approx(japan.holdings_usd_bn)
    assert inputs.us_debt is not None and inputs.us_debt.marketable_debt_usd_bn > 10_000
    assert len(inputs.curve_years) == len(inputs.curve_pct) > 5


def test_simulate_reads_no_data_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every data read is in gather_inputs: with the store switched off, simulate still runs."""
    from treasury_leverage.data import api

    specs = [
        {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 100, "days": 20}}],
         "trade": {"tariff_pct": {"japan": 10}, "months": 12}, "draws": 30, "seed": 2},
        {"actors": [{"holder": "japan", "pause": {"months": 6}},
                    {"holder": "china", "runoff": {"months": 12}}],
         "models": ["pooled", "habitat"], "draws": 20},
    ]
    gathered = [gather_inputs(s) for s in specs]
    expected = [run(s) for s in specs]

    def no_store(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"simulate read the data store: store_for{args}")

    monkeypatch.setattr(api, "store_for", no_store)
    for inputs, want in zip(gathered, expected, strict=True):
        got = simulate(inputs)
        assert got.to_dict() == want.to_dict()


def _same(a: Any, b: Any) -> None:
    """Two results equal in every number, array and label (bit for bit)."""
    assert a.to_dict() == b.to_dict()
    assert a.models == b.models
    for model in a.models:
        pa, pb = a.paths[model], b.paths[model]
        for name in ("central_day_bp", "central_month_bp", "bands_day_bp", "bands_month_bp",
                     "peak_bands_bp", "permanent_bands_bp"):
            va, vb = getattr(pa, name), getattr(pb, name)
            assert (va is None) == (vb is None)
            if va is not None:
                assert np.array_equal(va, vb), (model, name)
        if a.draws:
            da, db = a.bill_draws(model), b.bill_draws(model)
            assert da.parameter_digest == db.parameter_digest
            for holder, items in da.holder_usd_bn.items():
                for item, values in items.items():
                    assert np.array_equal(values, db.holder_usd_bn[holder][item]), (model, holder, item)
            for name in ("us_extra_interest_usd_bn", "us_pct_gdp", "us_mortgage_shift_bp_years",
                         "us_pv_usd_bn"):
                va, vb = getattr(da, name), getattr(db, name)
                assert (va is None) == (vb is None)
                if va is not None:
                    assert np.array_equal(va, vb), (model, name)


def test_run_many_is_one_run_per_spec_bit_for_bit() -> None:
    common = {"draws": 60, "seed": 3, "models": ["pooled", "beltran2013", "habitat"]}
    trade = {"tariff_pct": {"japan": 10}, "months": 24}
    specs: list[Any] = [
        {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 60}}], **common},
        {"actors": [{"holder": "japan", "pause": {"months": 12}}], **common},
        {"actors": [{"holder": "japan", "runoff": {"months": 24}}], **common},
        {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300}},
                    {"holder": "china", "sell": {"amount_usd_bn": 300}}], **common},
        # a game's tariff cells: the same trade channel under different responses (shared units)
        {"actors": [{"holder": "japan", "hold": {}}], "trade": trade, **common},
        {"actors": [{"holder": "japan", "sell": {"amount_pct": 25}}], "trade": trade, **common},
        {"actors": [{"holder": "japan", "pause": {"months": 12}}], "trade": trade, **common},
        sell_spec("japan", 100, days=20, draws=40, seed=1),  # another seed, draws and model set
        {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 60}}], **common},  # repeated
    ]
    batch = engine.run_many(specs)
    assert len(batch) == len(specs)
    for spec, got in zip(specs, batch, strict=True):
        _same(got, run(spec))
    assert batch[-1] is batch[0]


def test_run_many_with_a_kept_shared_work_stays_exact() -> None:
    """A sweep worker keeps one SharedWork across its cells: a tiny budget evicts, numbers stay."""
    shared = engine.SharedWork(budget_bytes=1)
    spec = {"actors": [{"holder": "japan", "hold": {}}], "trade": {"tariff_pct": {"japan": 10}, "months": 12},
            "draws": 30, "models": ["pooled"]}
    first = engine.run_many([spec], shared=shared)[0]
    again = engine.run_many([spec], shared=shared)[0]
    _same(first, run(spec))
    _same(again, first)
    assert shared.misses > 0


def test_run_many_fails_on_the_first_invalid_spec_naming_its_field() -> None:
    good = sell_spec("japan", 100, models=["beltran2013"])
    with pytest.raises(ScenarioError, match=r"actors\[0\]\.action\.amount_usd_bn"):
        engine.run_many([good, {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 1e6}}]}])


def test_shared_results_are_read_only() -> None:
    """What a batch shares cannot be changed in place by one of its scenarios."""
    from treasury_leverage.scenario.shared import SharedWork

    shared = SharedWork()
    arr = shared.get("k", lambda: {"a": np.arange(3.0)})
    with pytest.raises(ValueError, match="read-only"):
        arr["a"][0] = 1.0
    assert shared.get("k", lambda: {"a": np.zeros(3)})["a"].tolist() == [0.0, 1.0, 2.0]
