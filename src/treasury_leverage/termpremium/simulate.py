"""Simulate a Gaussian affine term structure with a known term premium (synthetic truth for ACM).

The data-generating process is the ACM (2013) model itself: a VAR(1) of K factors under the
physical measure, a short rate affine in the factors, and prices of risk affine in the factors,
so that under the risk-neutral measure ``X_{t+1} = (mu - lambda0) + (Phi - lambda1) X_t + v``.

Bond prices here are computed from the risk-neutral *moments* of the summed short rate,
``ln P_t^(n) = -E_t^Q[sum r] + 1/2 Var_t^Q[sum r]`` (exact for Gaussian factors), not with the
recursion of :func:`treasury_leverage.termpremium.acm.affine_recursion`, so the two serve as
independent checks of each other.

References
----------
Adrian, T., R. K. Crump and E. Moench (2013), "Pricing the term structure with linear
regressions", *Journal of Financial Economics* 110(1), 110-138, section 2 (the model).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from treasury_leverage.errors import InputError

__all__ = [
    "AffineTermStructure",
    "SimulatedCurves",
    "log_bond_prices",
    "simulate_affine_curves",
]

FloatArray = NDArray[np.float64]
_PCT_PER_MONTHLY_DECIMAL = 1200.0


@dataclass(frozen=True, eq=False)
class AffineTermStructure:
    """Parameters of a discrete-time Gaussian affine term-structure model (monthly).

    Attributes
    ----------
    mu, phi, sigma
        Physical VAR(1) ``X_{t+1} = mu + Phi X_t + v_{t+1}``, ``v ~ N(0, Sigma)``; factors in
        percent (annual) units.
    delta0, delta1
        Short rate ``r_t = delta0 + delta1' X_t`` (monthly, decimal).
    lambda0, lambda1
        Prices of risk: risk-neutral drift ``mu - lambda0`` and slope ``Phi - lambda1``.
    """

    mu: FloatArray
    phi: FloatArray
    sigma: FloatArray
    delta0: float
    delta1: FloatArray
    lambda0: FloatArray
    lambda1: FloatArray

    def __post_init__(self) -> None:
        k = len(np.atleast_1d(self.mu))
        shapes = {
            "mu": (k,),
            "phi": (k, k),
            "sigma": (k, k),
            "delta1": (k,),
            "lambda0": (k,),
            "lambda1": (k, k),
        }
        for name, shape in shapes.items():
            arr = np.asarray(getattr(self, name), dtype=np.float64)
            if arr.shape != shape:
                raise InputError(f"{name} must have shape {shape} for K={k} factors; got {arr.shape}")
            object.__setattr__(self, name, arr)
        object.__setattr__(self, "delta0", float(self.delta0))
        if np.max(np.abs(np.linalg.eigvals(self.phi))) >= 1:
            raise InputError("phi must be stationary (all eigenvalues inside the unit circle)")
        if not np.allclose(self.sigma, self.sigma.T) or np.min(np.linalg.eigvalsh(self.sigma)) <= 0:
            raise InputError("sigma must be a symmetric positive-definite covariance matrix")

    @property
    def n_factors(self) -> int:
        """Number of factors K."""
        return len(self.mu)

    @property
    def mean_factors(self) -> FloatArray:
        """Unconditional mean of X under the physical measure, ``(I - Phi)^{-1} mu``."""
        return np.asarray(np.linalg.solve(np.eye(self.n_factors) - self.phi, self.mu), dtype=np.float64)

    @classmethod
    def example(cls) -> AffineTermStructure:
        """A three-factor model with U.S.-like moments (level, slope, curvature in percent).

        The short rate is level + slope and averages 4.5%. Under the risk-neutral measure the
        level factor is more persistent (0.995 vs 0.97 a month) and reverts to 8% instead of 6%,
        the slope feeds the level and the curvature feeds the slope, so all three factors move
        prices. The 10-year term premium averages about 0.5% with a standard deviation of about
        0.5%; the 10-year yield averages about 4.9%.
        """
        phi = np.diag([0.97, 0.92, 0.85])
        mean = np.array([6.0, -1.5, 0.0])
        vol = np.array([0.25, 0.30, 0.30])  # percent per month
        corr = np.array([[1.0, -0.3, 0.1], [-0.3, 1.0, 0.2], [0.1, 0.2, 1.0]])
        sigma = corr * np.outer(vol, vol)
        phi_q = np.array([[0.995, -0.01, 0.0], [0.0, 0.95, 0.06], [0.0, 0.03, 0.90]])
        mean_q = np.array([8.0, -1.5, 0.0])
        mu = (np.eye(3) - phi) @ mean
        mu_q = (np.eye(3) - phi_q) @ mean_q
        return cls(
            mu=mu,
            phi=phi,
            sigma=sigma,
            delta0=0.0,
            delta1=np.array([1.0, 1.0, 0.0]) / _PCT_PER_MONTHLY_DECIMAL,
            lambda0=mu - mu_q,
            lambda1=phi - phi_q,
        )


def log_bond_prices(
    truth: AffineTermStructure,
    factors: ArrayLike,
    maturities_months: Iterable[int],
    *,
    risk_neutral: bool = False,
) -> FloatArray:
    """Exact log zero-coupon prices ``ln P_t^(n)`` for Gaussian factors.

    ``ln P_t^(n) = -E^Q_t[S_n] + 1/2 Var^Q_t[S_n]`` with ``S_n = r_t + ... + r_{t+n-1}``;
    with ``risk_neutral=True`` the physical dynamics are used (``lambda = 0``), which gives the
    expectations-hypothesis price including its convexity term.

    Parameters
    ----------
    truth
        Model parameters.
    factors
        Factor values, shape ``(T, K)``.
    maturities_months
        Maturities n >= 1 in months.
    risk_neutral
        Price with the physical dynamics (no risk premia).

    Returns
    -------
    numpy.ndarray
        Shape ``(T, n_maturities)``, monthly decimal log prices.
    """
    X = np.atleast_2d(np.asarray(factors, dtype=np.float64))
    mats = [int(n) for n in maturities_months]
    if not mats or min(mats) < 1:
        raise InputError(f"maturities_months must be whole months >= 1; got {mats[:5]}")
    K = truth.n_factors
    mu_q = truth.mu if risk_neutral else truth.mu - truth.lambda0
    phi_q = truth.phi if risk_neutral else truth.phi - truth.lambda1
    n_max = max(mats)
    # G_k = sum_{i<k} Phi^i: the effect of X_t (and of a shock) on the summed factor path.
    G = np.zeros((n_max + 1, K, K))
    power = np.eye(K)
    for k in range(1, n_max + 1):
        G[k] = G[k - 1] + power
        power = power @ phi_q
    d1 = truth.delta1
    c = np.einsum("k,nkj->nj", d1, G)  # c_k' = delta1' G_k
    # Drift of the summed path: sum_{j<n} G_j mu; shock at t+m (m>=1) loads c_{n-m}.
    drift = np.cumsum(np.einsum("nj,j->n", c, mu_q))  # drift[n] = sum_{j<=n} c_j'mu
    var_terms = np.einsum("nj,jk,nk->n", c, truth.sigma, c)
    var_cum = np.cumsum(var_terms)  # var_cum[n] = sum_{k<=n} c_k' Sigma c_k
    out = np.empty((X.shape[0], len(mats)))
    for i, n in enumerate(mats):
        mean = n * truth.delta0 + X @ c[n] + drift[n - 1]
        variance = var_cum[n - 1]  # shocks at t+1..t+n-1 load c_{n-1}..c_1
        out[:, i] = -mean + 0.5 * variance
    return out


@dataclass(frozen=True, eq=False)
class SimulatedCurves:
    """Simulated month-end zero curves with their true term premia.

    Attributes
    ----------
    yields_pct
        Observed zero yields (continuously compounded, percent, with measurement error if any),
        index month-end ``date``, columns int maturities in months.
    true_yield_pct, risk_neutral_yield_pct, term_premium_pct
        Model yields without measurement error, risk-neutral yields and their difference.
    factors
        Simulated factors X_t.
    truth
        The parameters used.
    """

    yields_pct: pd.DataFrame
    true_yield_pct: pd.DataFrame
    risk_neutral_yield_pct: pd.DataFrame
    term_premium_pct: pd.DataFrame
    factors: pd.DataFrame
    truth: AffineTermStructure


def simulate_affine_curves(
    truth: AffineTermStructure | None = None,
    n_months: int = 600,
    *,
    maturities_months: Iterable[int] = range(1, 121),
    measurement_error_bp: float = 0.0,
    start: str = "1970-01",
    seed: int | None = 0,
) -> SimulatedCurves:
    """Simulate factors and zero curves from a Gaussian affine model with known term premia.

    Parameters
    ----------
    truth
        Model parameters; default :meth:`AffineTermStructure.example`.
    n_months
        Number of months (>= 2).
    maturities_months
        Maturities of the curve in months (default 1..120).
    measurement_error_bp
        Standard deviation of i.i.d. normal errors added to the observed yields, bp.
    start
        First month (month-end label).
    seed
        Seed of the random generator.

    Returns
    -------
    SimulatedCurves

    References
    ----------
    Adrian, Crump and Moench (2013), section 2 (the model).
    """
    truth = AffineTermStructure.example() if truth is None else truth
    if n_months < 2:
        raise InputError(f"n_months must be >= 2; got {n_months}")
    if measurement_error_bp < 0:
        raise InputError(f"measurement_error_bp must be >= 0; got {measurement_error_bp}")
    rng = np.random.default_rng(seed)
    K = truth.n_factors
    chol = np.linalg.cholesky(truth.sigma)
    X = np.empty((n_months, K))
    x = truth.mean_factors.copy()  # start at the unconditional mean (no burn-in needed)
    shocks = rng.standard_normal((n_months, K)) @ chol.T
    for t in range(n_months):
        X[t] = x
        x = truth.mu + truth.phi @ x + shocks[t]
    mats = [int(n) for n in maturities_months]
    n = np.asarray(mats, dtype=np.float64)
    fitted = -log_bond_prices(truth, X, mats) / n * _PCT_PER_MONTHLY_DECIMAL
    rn = -log_bond_prices(truth, X, mats, risk_neutral=True) / n * _PCT_PER_MONTHLY_DECIMAL
    observed = fitted + rng.standard_normal(fitted.shape) * measurement_error_bp / 100.0
    index = pd.date_range(
        pd.Period(start, freq="M").to_timestamp(how="end").normalize(),
        periods=n_months,
        freq="ME",
        name="date",
    )
    cols = pd.Index(mats, name="maturity_months")

    def frame(values: FloatArray) -> pd.DataFrame:
        return pd.DataFrame(values, index=index, columns=cols)

    return SimulatedCurves(
        yields_pct=frame(observed),
        true_yield_pct=frame(fitted),
        risk_neutral_yield_pct=frame(rn),
        term_premium_pct=frame(fitted - rn),
        factors=pd.DataFrame(X, index=index, columns=[f"X{i + 1}" for i in range(K)]),
        truth=truth,
    )
