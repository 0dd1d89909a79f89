"""The presets registry: provenance complete, draws follow the stated distributions."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.presets import PRESETS, Preset, get_preset, preset_value, sample_presets


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_every_preset_is_sourced_and_consistent(name: str) -> None:
    p = PRESETS[name]
    assert p.name == name
    assert p.low <= p.value <= p.high
    assert p.unit and p.source and p.confidence in {"V", "V2", "C", "R", "U"}
    draws = p.sample(20_000, np.random.default_rng(0))
    assert draws.shape == (20_000,)
    assert np.isfinite(draws).all()
    if p.distribution in {"fixed", "uniform", "triangular"}:
        assert draws.min() >= p.low and draws.max() <= p.high
    # the draws are centred where the distribution says they should be
    width = p.high - p.low
    if p.distribution == "fixed" or width == 0:
        assert (draws == p.value).all()
    elif p.distribution == "uniform":
        assert draws.mean() == pytest.approx((p.low + p.high) / 2, abs=0.02 * width)
    elif p.distribution == "triangular":
        assert draws.mean() == pytest.approx((p.low + p.value + p.high) / 3, abs=0.02 * width)
    elif p.distribution == "normal":
        assert draws.mean() == pytest.approx(p.value, abs=0.02 * width)
    else:
        assert np.median(draws) == pytest.approx(p.value, rel=0.03)


def test_distributions_match_their_definitions() -> None:
    rng = np.random.default_rng(1)
    uni = Preset("x", 5.0, 0.0, 10.0, "u", "uniform", "s", "C").sample(200_000, rng)
    assert uni.mean() == pytest.approx(5.0, abs=0.05)
    nor = Preset("x", 5.0, 3.0, 7.0, "u", "normal", "s", "C").sample(200_000, rng)
    assert np.percentile(nor, [5, 95]) == pytest.approx([3.0, 7.0], abs=0.05)
    logn = Preset("x", 10.0, 5.0, 20.0, "u", "lognormal", "s", "C").sample(200_000, rng)
    assert np.percentile(logn, [5, 50, 95]) == pytest.approx([5.0, 10.0, 20.0], rel=0.02)
    tri = Preset("x", 2.0, 0.0, 10.0, "u", "triangular", "s", "C").sample(200_000, rng)
    assert tri.mean() == pytest.approx(4.0, abs=0.05)  # (a + b + c) / 3


def test_seeded_draws_repeat_and_overrides_fix_a_value() -> None:
    names = ["beltran2013_short_run_bp_per_100bn", "flow_decay_half_life_months"]
    a = sample_presets(names, 100, seed=7)
    b = sample_presets(names, 100, seed=7)
    assert all(np.array_equal(a[n], b[n]) for n in names)
    c = sample_presets(names, 100, seed=7, overrides={"flow_decay_half_life_months": 2.0})
    assert (c["flow_decay_half_life_months"] == 2.0).all()
    assert preset_value("flow_decay_half_life_months", {"flow_decay_half_life_months": 2.0}) == 2.0


def test_bad_names_and_ranges() -> None:
    with pytest.raises(UnknownNameError, match="beltran2013_short_run"):
        get_preset("beltran2013_short_run")
    with pytest.raises(InputError):
        Preset("x", 11.0, 0.0, 10.0, "u", "uniform", "s", "C")
    with pytest.raises(InputError):
        PRESETS["nominal_gdp_usd_bn"].sample(-1, np.random.default_rng(0))


def test_headline_presets_carry_the_papers_numbers() -> None:
    assert get_preset("beltran2013_short_run_bp_per_100bn").range == (40.0, 60.0)
    assert get_preset("beltran2013_long_run_bp_per_100bn").value == 20.0
    kc = get_preset("kcfed2025_bp_per_100bn")
    # the synthesis' 57 bp (25-101) per USD 141bn, rescaled to USD 100bn
    assert (kc.value, kc.low, kc.high) == pytest.approx((57 / 1.41, 25 / 1.41, 101 / 1.41), abs=0.6)
    assert get_preset("treasury_adv_usd_bn").low == pytest.approx(907.9)


def test_todays_market_preset_is_the_latest_mspd_and_samples_are_smaller() -> None:
    from treasury_leverage.data import api

    debt = api.mspd()["total_marketable"]
    assert get_preset("us_marketable_debt_usd_bn").value == pytest.approx(float(debt.iloc[-1]), rel=0.005)
    # the part of Beltran et al.'s sample the MSPD covers (2001-01..2010-06) averages USD 4.36tn; with
    # 1994-2000 at about USD 3.0-3.4tn the preset's 3.9tn lies between
    covered = float(debt.loc["2001-01":"2010-06"].mean())
    assert 3000 < get_preset("beltran2013_sample_marketable_debt_usd_bn").value < covered
    assert get_preset("kcfed2025_sample_marketable_debt_usd_bn").value == pytest.approx(
        float(debt.loc["2025-03"].iloc[-1]), rel=0.001)
    assert get_preset("ahmed_rebucci2022_sample_marketable_debt_usd_bn").value == pytest.approx(
        float(debt.loc["2003":"2020"].mean()), rel=0.01)


def test_every_flow_coefficient_states_what_it_is_scaled_by() -> None:
    from treasury_leverage.impact.empirical import FlowElasticityModel
    from treasury_leverage.impact.registry import MODELS

    for cls in MODELS.values():
        if issubclass(cls, FlowElasticityModel):
            if cls.sample_market_preset is not None:
                assert "Scaled by marketable debt" in get_preset(cls.sample_market_preset).notes
                assert "us_marketable_debt_usd_bn" in cls.preset_names
            else:  # per % of GDP: applied to today's GDP
                assert "nominal_gdp_usd_bn" in cls.preset_names and "GDP" in cls.source
