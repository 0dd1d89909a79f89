"""Synthetic truth: ACM recovers the term premium of a known Gaussian affine model.

Theory (ACM 2013, section 3): with yields exactly affine in K factors, the K principal components
span the factors, and the excess-return regressions identify the risk-neutral dynamics
``Phi - lambda1`` and ``mu - lambda0`` exactly (the VAR's estimation error in Phi cancels in
``Phi_hat - lambda1_hat``). So fitted yields are exact up to the convexity term's use of the
sample Sigma. The term premium inherits only the error of the *physical* VAR, whose slowest
part is the long-run mean of the level factor: its standard error is about
``sd(v_level) / ((1 - phi_level) sqrt(T))`` = 0.25 / (0.03 sqrt(T)) percent, which reaches the
10-year premium with weight ~0.7. That gives ~17 bp at T = 1200 months and ~8 bp at T = 6000:
the thresholds below are about 2.5 such standard errors, and the error must shrink with T.
"""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.termpremium.acm import ACM, affine_recursion
from treasury_leverage.termpremium.simulate import (
    AffineTermStructure,
    log_bond_prices,
    simulate_affine_curves,
)


def _tp_errors(n_months: int, seed: int, noise_bp: float = 0.5) -> tuple[float, float, float]:
    sim = simulate_affine_curves(n_months=n_months, measurement_error_bp=noise_bp, seed=seed)
    est = ACM(3).fit(sim.yields_pct).term_premium_all[120]
    true = sim.term_premium_pct[120]
    level = float(np.corrcoef(est, true)[0, 1])
    change = float(np.corrcoef(est.diff().iloc[1:], true.diff().iloc[1:])[0, 1])
    rmse_bp = float(np.sqrt(((est - true) ** 2).mean()) * 100)
    return level, change, rmse_bp


def test_moment_pricing_equals_acm_recursion() -> None:
    truth = AffineTermStructure.example()
    X = np.random.default_rng(1).normal(size=(7, 3)) * 2 + truth.mean_factors
    for risk_neutral in (False, True):
        lam0 = np.zeros(3) if risk_neutral else truth.lambda0
        lam1 = np.zeros((3, 3)) if risk_neutral else truth.lambda1
        A, B = affine_recursion(
            mu=truth.mu,
            phi=truth.phi,
            sigma=truth.sigma,
            delta0=truth.delta0,
            delta1=truth.delta1,
            lambda0=lam0,
            lambda1=lam1,
        )
        moments = log_bond_prices(truth, X, range(1, 121), risk_neutral=risk_neutral)
        assert np.abs(moments - (A[1:] + X @ B[1:].T)).max() < 1e-13


def test_simulated_world_looks_like_treasuries() -> None:
    sim = simulate_affine_curves(n_months=6000, seed=99)
    y = sim.yields_pct
    assert 4.0 < y[1].mean() < 5.0
    assert y[120].mean() > y[1].mean()  # upward sloping on average
    tp10 = sim.term_premium_pct[120]
    assert 0.2 < tp10.mean() < 0.8 and 0.3 < tp10.std() < 0.8
    assert np.allclose(sim.true_yield_pct - sim.risk_neutral_yield_pct, sim.term_premium_pct)
    assert sim.yields_pct.index.name == "date" and list(y.columns) == list(range(1, 121))


def test_fitted_yields_exact_without_measurement_error() -> None:
    sim = simulate_affine_curves(n_months=600, measurement_error_bp=0.0, seed=4)
    res = ACM(3).fit(sim.yields_pct)
    gap_bp = (res.fitted_yield_all - sim.true_yield_pct).abs().max().max() * 100
    assert gap_bp < 0.05  # only the sample-vs-true Sigma in the convexity term differs
    assert res.pricing_error_sd_bp < 1e-4


def test_risk_neutral_dynamics_recovered_exactly() -> None:
    # Phi - lambda1 is identified from the cross-section whatever the VAR's sampling error:
    # its eigenvalues are invariant to the factor rotation.
    sim = simulate_affine_curves(n_months=400, measurement_error_bp=0.0, seed=5)
    res = ACM(3).fit(sim.yields_pct)
    est = np.sort(np.linalg.eigvals((res.phi - res.lambda1).to_numpy()).real)
    true = np.sort(np.linalg.eigvals(sim.truth.phi - sim.truth.lambda1).real)
    assert np.allclose(est, true, atol=1e-6)
    phys = np.sort(np.linalg.eigvals(res.phi.to_numpy()).real)
    assert not np.allclose(phys, np.sort(np.linalg.eigvals(sim.truth.phi).real), atol=1e-3)


@pytest.mark.parametrize("seed", range(5))
def test_term_premium_recovered_in_a_long_sample(seed: int) -> None:
    level, change, rmse_bp = _tp_errors(1200, seed)
    assert level > 0.99
    assert change > 0.98
    assert rmse_bp < 45.0


def test_error_shrinks_with_sample_size() -> None:
    short = [_tp_errors(300, s)[2] for s in range(3)]
    long = [_tp_errors(6000, s) for s in range(3)]
    assert np.mean([r for *_, r in long]) < 0.5 * np.mean(short)
    assert all(level > 0.999 and rmse < 20.0 for level, _, rmse in long)


def test_measurement_error_shows_in_pricing_errors_as_theory_says() -> None:
    # Yield noise e (bp) enters the log excess return of an n-month bond as
    # -(n-1) e_{t+1}/1200 + n e_t/1200 (+ the short rate's), so the pooled pricing-error s.d. is
    # about e * sqrt(mean over n of (n-1)^2 + n^2) / 12 = 16.7 bp for e = 2 bp.
    noise_bp = 2.0
    sim = simulate_affine_curves(n_months=600, measurement_error_bp=noise_bp, seed=1)
    res = ACM(3).fit(sim.yields_pct)
    n = np.asarray(res.model.return_maturities, dtype=float)
    expected = noise_bp * np.sqrt(np.mean((n - 1) ** 2 + n**2 + 1)) / 12
    assert res.pricing_error_sd_bp == pytest.approx(expected, rel=0.1)
    # The fit cannot beat the noise, and stays within a few times it.
    rmse = res.fit_rmse_bp.loc[12:]
    assert noise_bp * 0.8 < rmse.median() < noise_bp * 5


def test_bad_parameters() -> None:
    base = AffineTermStructure.example()
    with pytest.raises(InputError, match=r"phi must have shape \(3, 3\)"):
        AffineTermStructure(
            mu=base.mu,
            phi=np.eye(2),
            sigma=base.sigma,
            delta0=0.0,
            delta1=base.delta1,
            lambda0=base.lambda0,
            lambda1=base.lambda1,
        )
    with pytest.raises(InputError, match="stationary"):
        AffineTermStructure(
            mu=base.mu,
            phi=np.eye(3),
            sigma=base.sigma,
            delta0=0.0,
            delta1=base.delta1,
            lambda0=base.lambda0,
            lambda1=base.lambda1,
        )
    with pytest.raises(InputError, match="positive-definite"):
        AffineTermStructure(
            mu=base.mu,
            phi=base.phi,
            sigma=-base.sigma,
            delta0=0.0,
            delta1=base.delta1,
            lambda0=base.lambda0,
            lambda1=base.lambda1,
        )
    with pytest.raises(InputError, match="n_months"):
        simulate_affine_curves(n_months=1)
