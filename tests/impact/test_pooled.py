"""The pooled mixture: quantiles of one distribution, peak and permanent apart, sane properties."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.impact.base import SalesPath
from treasury_leverage.impact.pooled import FAMILIES, PooledMixture, pooled_answer
from treasury_leverage.impact.registry import MODELS
from treasury_leverage.presets import sample_presets

MATS = (0.25, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0)


def test_pooled_quantiles_equal_a_direct_computation_on_the_pooled_draws() -> None:
    path = SalesPath.even(300, "7y", periods=60, period="day")
    ans = pooled_answer(path, draws=4000, seed=5, maturities_years=MATS)
    direct_peak = np.percentile(ans.peak_bp, [5, 50, 95], axis=0)
    direct_perm = np.percentile(ans.permanent_bp, [5, 50, 95], axis=0)
    assert ans.peak_bands_bp == pytest.approx(direct_peak, rel=1e-12)
    assert ans.permanent_bands_bp == pytest.approx(direct_perm, rel=1e-12)
    # and the draws are the members' own draws: re-running each member on its draws gives them
    model = PooledMixture(maturities_years=MATS)
    params = sample_presets(model.preset_names, 4000, seed=5)
    full = model._kernel(path, params)
    assert full[:, 59, :] == pytest.approx(ans.peak_bp) and full[:, -1, :] == pytest.approx(ans.permanent_bp)


def test_family_weights_are_explicit_and_user_settable() -> None:
    model = PooledMixture()
    assert model.family_weights() == pytest.approx(dict.fromkeys(FAMILIES, 0.25))
    only_stock = pooled_answer(SalesPath.even(100, "10y"), draws=2000, seed=0, maturities_years=(10.0,),
                               overrides={"pool_weight_flow_study": 0.0, "pool_weight_habitat": 0.0,
                                          "pool_weight_execution": 0.0})
    assert set(only_stock.member_of_draw) == {"duration_supply"}
    # with the stock family alone, peak = permanent (no transient in the stock literature)
    assert only_stock.peak_bp == pytest.approx(only_stock.permanent_bp)
    shares = np.unique(pooled_answer(SalesPath.even(100, "10y"), draws=40_000, seed=1,
                                     maturities_years=(10.0,)).member_of_draw, return_counts=True)
    got = dict(zip(shares[0], shares[1] / 40_000, strict=True))
    for name, w in model.member_weights().items():
        assert got[name] == pytest.approx(w, abs=0.01)
    with pytest.raises(InputError, match="pool weights"):
        PooledMixture(overrides=dict.fromkeys(("pool_weight_flow_study", "pool_weight_stock",
                                               "pool_weight_habitat", "pool_weight_execution"), 0.0))


def test_stress_and_variant_models_stay_out_of_the_pool() -> None:
    members = {m for ms in FAMILIES.values() for m in ms}
    assert "ahmed_rebucci2022" not in members and "flow_plus_stock" not in members
    assert all(MODELS[m].in_pool for m in members)
    assert {n for n, c in MODELS.items() if not c.in_pool} == {"ahmed_rebucci2022", "flow_plus_stock"}


@pytest.mark.parametrize("name", [n for n in MODELS])
def test_zero_sale_zero_impact_and_monotone_in_size(name: str) -> None:
    model = MODELS[name](maturities_years=MATS)
    zero = model.impact(SalesPath.even(0, "10y", periods=5), draws=200, seed=0)
    assert np.abs(zero.impact_bp).max() == 0 and np.abs(zero.long_run_bp).max() == 0
    assert np.abs(zero.bands_bp).max() == 0
    small = model.impact(SalesPath.even(50, "10y", periods=5), draws=200, seed=0)
    big = model.impact(SalesPath.even(200, "10y", periods=5), draws=200, seed=0)
    assert (big.impact_bp >= small.impact_bp - 1e-12).all()
    assert (big.long_run_bp >= small.long_run_bp - 1e-12).all()
    assert big.end_bp("10y") > small.end_bp("10y") > 0


@pytest.mark.parametrize("name", [n for n in MODELS])
def test_transient_decays_to_the_permanent_part(name: str) -> None:
    path = SalesPath.even(100, "10y", periods=3).padded(237)  # three months of sales, then 20 years
    res = MODELS[name](maturities_years=MATS).impact(path)
    ten = res.at("10y")
    assert ten[-1] == pytest.approx(res.long_run_at("10y"), rel=1e-3, abs=1e-6)
    assert abs(ten[2]) >= abs(res.long_run_at("10y")) - 1e-9  # the peak is at least the permanent
    assert res.long_run_at("10y") > 0


def test_bills_barely_move_and_the_long_end_is_not_a_copy_of_the_10y() -> None:
    for name in ("pooled", "beltran2013", "kcfed2025", "duration_supply"):
        res = MODELS[name](maturities_years=MATS).impact(SalesPath.even(100, "10y"))
        assert abs(res.end_bp(0.25)) < 0.1 * abs(res.end_bp("10y"))
        assert res.end_bp("30y") != pytest.approx(res.end_bp("10y"), rel=0.02)


def test_policy_reactions() -> None:
    from treasury_leverage.errors import UnknownNameError
    from treasury_leverage.presets import get_preset

    path = SalesPath.even(300, "7y", periods=60, period="day")
    kw = dict(draws=5000, seed=2, maturities_years=(2.0, 10.0, 30.0))
    none = pooled_answer(path, **kw)
    tsy = pooled_answer(path, policy="treasury", **kw)
    fed = pooled_answer(path, policy="fed", **kw)
    s = get_preset("policy_treasury_offset_share").value
    assert tsy.permanent_bp == pytest.approx((1 - s) * none.permanent_bp)
    assert tsy.peak_bp == pytest.approx(none.peak_bp)
    cap = get_preset("policy_fed_threshold_bp").value
    ten = fed.peak_bp[:, 1]
    assert (ten <= np.maximum(cap, none.permanent_bp[:, 1]) + 1e-9).all()
    assert fed.permanent_bp == pytest.approx(none.permanent_bp)
    assert none.band(10.0, "peak")["p95"] > cap >= fed.band(10.0, "peak")["p95"] - 1e-9
    small = none.peak_bp[:, 1] <= cap
    assert fed.peak_bp[small] == pytest.approx(none.peak_bp[small])
    with pytest.raises(UnknownNameError, match="policy"):
        pooled_answer(path, policy="ecb", **kw)
