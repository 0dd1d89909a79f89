"""Almgren-Chriss: closed forms, the AC (2000) example, zero risk aversion, cost vs speed, calibration."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.impact.ac_calibration import execution_comparison, treasury_execution_params
from treasury_leverage.impact.base import SalesPath, par_durations
from treasury_leverage.impact.execution import (
    ACParams,
    AlmgrenChriss,
    dump_schedule,
    efficient_frontier,
    even_schedule,
    optimal_moments_closed_form,
    optimal_schedule,
    schedule_moments,
)
from treasury_leverage.presets import get_preset

# Almgren & Chriss (2000) example: X = 1e6 shares, T = 5 days, N = 5, sigma = 0.95, epsilon = 1/16,
# eta = 2.5e-6, gamma = 2.5e-7, lambda = 1e-6 (docs/literature.md section 5.2, reproduced [C, checked])
AC = ACParams(sigma=0.95, eta=2.5e-6, gamma=2.5e-7, epsilon=1 / 16)


def test_the_papers_example() -> None:
    plan = optimal_schedule(1e6, 5, AC, risk_aversion=1e-6)
    assert plan.expected_cost_usd_bn == pytest.approx(911e3, rel=1e-3)
    assert plan.variance_usd_bn2 == pytest.approx(3.64e11, rel=1e-3)
    twap = even_schedule(1e6, 5, AC)
    assert twap.expected_cost_usd_bn == pytest.approx(662.5e3)
    assert twap.variance_usd_bn2 == pytest.approx(1.083e12, rel=1e-4)


@pytest.mark.parametrize("lam", [0.0, 1e-7, 1e-6, 1e-5, 1e-3])
def test_closed_form_moments_equal_the_schedule_sums(lam: float) -> None:
    plan = optimal_schedule(1e6, 5, AC, risk_aversion=lam)
    assert (plan.expected_cost_usd_bn, plan.variance_usd_bn2) == pytest.approx(
        optimal_moments_closed_form(1e6, 5, AC, risk_aversion=lam), rel=1e-9)


@pytest.mark.parametrize("lam", [1e-7, 1e-6, 2e-5])
def test_trajectory_solves_the_mean_variance_problem(lam: float) -> None:
    # min over x_1..x_{N-1} of (eta~/tau) sum (x_{k-1} - x_k)^2 + lam sigma^2 tau sum x_k^2:
    # the first-order conditions are a tridiagonal linear system
    X, N, p = 1e6, 12, AC
    a = 2 * p.eta_tilde / p.tau
    b = 2 * lam * p.sigma**2 * p.tau
    m = N - 1
    H = np.diag(np.full(m, 2 * a + b)) - a * (np.eye(m, k=1) + np.eye(m, k=-1))
    rhs = np.zeros(m)
    rhs[0] = a * X
    x = np.linalg.solve(H, rhs)
    plan = optimal_schedule(X, N, p, risk_aversion=lam)
    assert plan.holdings_usd_bn[1:-1] == pytest.approx(x, rel=1e-9, abs=1e-9 * X)
    # and no perturbation of the schedule lowers E + lam V
    base = plan.expected_cost_usd_bn + lam * plan.variance_usd_bn2
    rng = np.random.default_rng(0)
    for _ in range(20):
        d = rng.normal(size=N) * 1e3
        d -= d.mean()  # keep the total sold
        e, v = schedule_moments(plan.trades_usd_bn + d, p)
        assert e + lam * v >= base - 1e-6 * base


def test_zero_risk_aversion_is_the_even_schedule() -> None:
    plan = optimal_schedule(300, 20, treasury_execution_params("10y"), risk_aversion=0.0)
    assert plan.trades_usd_bn == pytest.approx(np.full(20, 15.0))


def test_expected_cost_rises_with_speed() -> None:
    p = treasury_execution_params("10y")
    frontier = efficient_frontier(300, 20, p)
    assert np.all(np.diff(frontier["cost_usd_bn"]) >= -1e-12)  # more urgency, more cost
    assert np.all(np.diff(frontier["cost_sd_usd_bn"]) <= 1e-12)  # ... and less risk
    assert np.all(np.diff(frontier["first_day_share"]) >= -1e-12)
    slow, fast = even_schedule(300, 20, p), dump_schedule(300, 20, p)
    assert fast.expected_cost_usd_bn > slow.expected_cost_usd_bn
    assert fast.variance_usd_bn2 == 0.0 < slow.variance_usd_bn2
    longer = even_schedule(300, 60, p)
    assert longer.expected_cost_usd_bn < slow.expected_cost_usd_bn


def test_treasury_calibration() -> None:
    p = treasury_execution_params("10y")
    mod, _ = par_durations((10.0,))
    spread_price = get_preset("treasury_bid_ask_bp").value * 1e-4 * mod[0]
    adv = get_preset("treasury_adv_usd_bn").value
    # AC heuristic: trading 1% of ADV in a day costs one spread
    assert p.eta * 0.01 * adv == pytest.approx(spread_price)
    assert p.epsilon == pytest.approx(spread_price / 2)
    # permanent slope = Beltran long run at 10y per USD bn, scaled to today's market, in price terms
    scale = (get_preset("beltran2013_sample_marketable_debt_usd_bn").value
             / get_preset("us_marketable_debt_usd_bn").value)
    lr_bp_per_bn = 20.0 / 100 * scale * (mod[0] / par_durations((5.0,))[0][0]) * 1.224
    assert p.gamma == pytest.approx(lr_bp_per_bn * 1e-4 * mod[0], rel=1e-6)
    out = execution_comparison(300, 20)
    assert [pl.name for pl in out["plans"]] == ["optimal", "even", "dump"]
    assert out["sell_usd_bn"] == 300 and out["horizon_days"] == 20
    # permanent impact dominates: half gamma X^2 is most of the cost of every schedule
    for plan in out["plans"]:
        assert plan.expected_cost_usd_bn >= 0.5 * p.gamma * 300**2


def test_bad_inputs() -> None:
    with pytest.raises(InputError, match="continuous"):
        ACParams(sigma=0.01, eta=1e-6, gamma=1e-3)  # discrete timing needs eta > gamma/2
    with pytest.raises(InputError):
        optimal_schedule(-1, 5, AC, risk_aversion=1e-6)
    with pytest.raises(InputError):
        optimal_schedule(100, 0, AC, risk_aversion=1e-6)
    with pytest.raises(InputError):
        optimal_schedule(100, 5, AC, risk_aversion=-1)
    with pytest.raises(UnknownNameError):
        treasury_execution_params("10y", permanent_model="nope")
    assert optimal_schedule(0.0, 5, AC, risk_aversion=1e-6).expected_cost_usd_bn == 0.0


def test_execution_impact_model() -> None:
    model = AlmgrenChriss()
    res = model.impact(SalesPath.even(300, "5y", periods=20, period="day"))
    # while selling, the temporary part adds spread x (15bn / 1% of ADV) on top of the permanent part
    temp = get_preset("treasury_bid_ask_bp").value * 15.0 / (0.01 * get_preset("treasury_adv_usd_bn").value)
    assert res.end_bp("5y") - res.long_run_at("5y") == pytest.approx(temp)
    # permanent part: the stock anchor (10 bp per 1% of GDP) on the 10-year equivalents sold,
    # seen at the 5-year through the ACM slopes
    gdp = get_preset("nominal_gdp_usd_bn").value
    anchor = get_preset("duration_supply_bp_per_pct_gdp").value / (gdp / 100)
    ten_ye = 300 * par_durations((5.0,))[0][0] / par_durations((10.0,))[0][0]
    assert res.long_run_at("5y") == pytest.approx(anchor * ten_ye / 1.224)


def test_cost_bands_follow_the_parameter_draws() -> None:
    from treasury_leverage.impact.ac_calibration import parameter_draws
    from treasury_leverage.impact.execution import cost_bands

    d = parameter_draws("10y", draws=20_000, seed=1)
    central = treasury_execution_params("10y")
    # the permanent slope is drawn from Beltran's long run (15-25 bp around 20) times the scaling
    # to today's market (sample debt 3.6-4.4tn around 3.9tn): median ~ central
    assert np.median(d["gamma"]) == pytest.approx(central.gamma, rel=0.06)
    assert d["gamma"].min() >= central.gamma * 15 / 20 * 3600 / 3900 * (1 - 1e-9)
    assert d["gamma"].max() <= central.gamma * 25 / 20 * 4400 / 3900 * (1 + 1e-9)
    plan = even_schedule(300, 20, central)
    bands = cost_bands(plan, d)
    assert bands["cost_p5_usd_bn"] < plan.expected_cost_usd_bn < bands["cost_p95_usd_bn"]
    out = execution_comparison(300, 20, draws=2000, seed=0)
    assert set(out["bands"]) == {"optimal", "even", "dump"}
    assert out["bands"]["dump"]["cost_p50_usd_bn"] > out["bands"]["even"]["cost_p50_usd_bn"]
