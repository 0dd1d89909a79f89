"""Vayanos-Vila solver vs the one-factor closed form; calibration; signs, linearity, zero risk aversion."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.impact.base import SalesPath, par_durations
from treasury_leverage.impact.habitat import (
    HabitatParams,
    PreferredHabitat,
    calibrate_habitat,
    kappa_star_from_ratio,
    one_factor_closed_form,
    solve_habitat,
    supply_response_bp,
)

TOY = HabitatParams(kappa_r=0.15, sigma_r=0.012, risk_aversion=0.02, alpha=200.0)


@pytest.fixture(scope="module")
def calibrated() -> tuple:
    cal = calibrate_habitat()
    return cal, solve_habitat(cal.params)


def _at(eq, values: np.ndarray, years: float) -> float:
    return float(np.interp(years, eq.tau[1:], values))


def test_general_solver_matches_the_one_factor_closed_form() -> None:
    eq = solve_habitat(TOY, grid_points=1200)
    cf = one_factor_closed_form(TOY)
    assert eq.kappa_star == pytest.approx(cf.kappa_star, rel=1e-6)
    assert cf.kappa_star > TOY.kappa_r  # risk-averse arbitrage slows risk-neutral mean reversion
    assert eq.A[:, 0] == pytest.approx(cf.A(eq.tau), abs=1e-7)
    num = supply_response_bp(eq, 10.0, 100.0)
    closed = cf.supply_response_bp(eq.tau[1:], 10.0, 100.0)
    # trapezoid quadrature: O(h) relative error only in the first few grid cells
    assert num == pytest.approx(closed, abs=1e-4)
    beyond_1y = eq.tau[1:] >= 1.0
    assert num[beyond_1y] == pytest.approx(closed[beyond_1y], rel=5e-5)


def test_calibration_hits_both_targets_in_the_numerical_model(calibrated) -> None:
    cal, eq = calibrated
    assert _at(eq, eq.A[1:, 0] / eq.tau[1:], 10.0) == pytest.approx(1 / 3, abs=1e-6)
    resp = supply_response_bp(eq, cal.experiment_maturity_years, cal.experiment_usd_bn)
    assert _at(eq, resp, 10.0) == pytest.approx(10.0, abs=1e-3)
    assert cal.params.risk_aversion > 0 and cal.params.alpha > 0


def test_supply_raises_yields_demand_lowers_them_linearly(calibrated) -> None:
    _, eq = calibrated
    up = supply_response_bp(eq, 20.0, 50.0)
    down = supply_response_bp(eq, 20.0, -50.0)
    assert (up > 0).all() and (down < 0).all()
    assert down == pytest.approx(-up, rel=1e-9)
    small = supply_response_bp(eq, 20.0, 1.0)
    assert supply_response_bp(eq, 20.0, 2.0) == pytest.approx(2 * small, rel=1e-9)


def test_same_relative_shape_wherever_the_shock_hits(calibrated) -> None:
    # VV (2021): with the short rate as the only factor, a demand shock has the same relative
    # effect across maturities wherever it originates; long-end supply matters more per dollar
    _, eq = calibrated
    short, long = supply_response_bp(eq, 2.0, 100.0), supply_response_bp(eq, 25.0, 100.0)
    assert short / short[-1] == pytest.approx(long / long[-1], rel=1e-8)
    assert long[-1] > short[-1]


def test_zero_risk_aversion_means_no_impact() -> None:
    params = HabitatParams(kappa_r=0.15, sigma_r=0.012, risk_aversion=0.0, alpha=200.0)
    eq = solve_habitat(params)
    assert eq.kappa_star == pytest.approx(0.15)
    assert np.abs(supply_response_bp(eq, 10.0, 500.0)).max() < 1e-12
    assert one_factor_closed_form(params).kappa_star == 0.15


def test_a_demand_factor_makes_the_response_local() -> None:
    bump = lambda tau: 50.0 * np.exp(-0.5 * ((tau - 10.0) / 1.5) ** 2)  # noqa: E731
    two = HabitatParams(kappa_r=0.15, sigma_r=0.012, risk_aversion=0.02, alpha=200.0,
                        kappa_beta=(0.5,), sigma_beta=(0.5,), theta_beta=(bump,))
    eq = solve_habitat(two)
    a_beta = eq.A[1:, 1] / eq.tau[1:]  # yield response to a unit jump in the demand factor
    assert (a_beta > 0).all()  # less habitat demand near 10y raises yields everywhere
    one = solve_habitat(TOY)
    one_shape = one.G[1:, 0] / one.tau[1:]
    # ... but relatively more near 10 years than the one-factor shape
    local = _at(eq, a_beta, 10.0) / _at(eq, a_beta, 30.0)
    assert local > _at(one, one_shape, 10.0) / _at(one, one_shape, 30.0)
    # the fixed point couples the factors: with demand risk, the short-rate loading changes too
    assert eq.kappa_star != pytest.approx(one.kappa_star, rel=1e-6)


def test_impact_model_equals_the_numerical_solver(calibrated) -> None:
    _, eq = calibrated
    res = PreferredHabitat().impact(SalesPath.even(100, "30y"))
    _, mac = par_durations((30.0,))
    resp = supply_response_bp(eq, float(mac[0]), 100.0)
    for m in (2.0, 5.0, 10.0, 30.0):
        assert res.end_bp(m) == pytest.approx(_at(eq, resp, m), rel=2e-3)
    assert res.long_run_at("30y") == res.end_bp("30y")


def test_habitat_headline_and_duration_ordering() -> None:
    model = PreferredHabitat()
    assert model.impact(SalesPath.even(300, "10y")).end_bp("10y") == pytest.approx(10.0)
    per_bn = [model.impact(SalesPath.even(100, m)).end_bp("10y") for m in ("3m", "5y", "10y", "30y")]
    assert per_bn == sorted(per_bn)
    mod, _ = par_durations((10.0, 30.0))
    # concave in duration: a 30y bond is less than duration-proportionally potent
    assert per_bn[3] / per_bn[2] < mod[1] / mod[0]


def test_bad_inputs() -> None:
    with pytest.raises(InputError):
        HabitatParams(kappa_r=-0.1, sigma_r=0.01, risk_aversion=0.01, alpha=1.0)
    with pytest.raises(InputError):
        kappa_star_from_ratio(1.2)
    with pytest.raises(InputError, match="kappa"):
        calibrate_habitat(long_short_ratio=0.9)
    with pytest.raises(InputError):
        one_factor_closed_form(HabitatParams(0.1, 0.01, 0.01, 1.0, kappa_beta=(0.5,), sigma_beta=(0.5,),
                                             theta_beta=(lambda t: t,)))


def test_transient_shock_tends_to_the_permanent_one_and_is_local_otherwise(calibrated) -> None:
    from treasury_leverage.impact.habitat import transient_supply_response_bp

    cal, eq = calibrated
    permanent = supply_response_bp(eq, 10.0, 100.0)
    tau, persistent = transient_supply_response_bp(cal.params, 10.0, 100.0, half_life_years=1e6,
                                                   width_years=0.05)
    assert persistent == pytest.approx(permanent, rel=5e-3, abs=1e-3)
    # a shock expected to fade within a few years: hump-shaped, largest at intermediate
    # maturities, and much smaller at the long end than a permanent one
    _, fading = transient_supply_response_bp(cal.params, 10.0, 100.0, half_life_years=7.0)
    peak = tau[int(np.argmax(fading))]
    assert 3.0 < peak < 15.0
    assert fading[-1] < 0.6 * permanent[-1]
    _, quick = transient_supply_response_bp(cal.params, 10.0, 100.0, half_life_years=0.25)
    assert quick[-1] < fading[-1] and (quick > 0).all()
    _, demand = transient_supply_response_bp(cal.params, 10.0, -100.0, half_life_years=7.0)
    assert demand == pytest.approx(-fading, rel=1e-9)
    with pytest.raises(InputError):
        transient_supply_response_bp(cal.params, 10.0, 1.0, half_life_years=0.0)
