"""Vayanos-Vila (2021) preferred-habitat model of the term structure: solver, calibration, impact.

Zero-coupon bonds of maturity ``tau`` in (0, T]; short rate (Vasicek) and optional demand factors
``q_t = (r_t, beta_1, ..., beta_K)``, ``dq = -Gamma (q - qbar) dt + Sigma dB``. Risk-averse
arbitrageurs (mean-variance, risk aversion ``a``) trade against maturity clienteles whose dollar
demand is ``Z(tau) = alpha(tau) tau y(tau) - beta(tau)``, ``beta(tau) = theta_0(tau) + sum_k
theta_k(tau) beta_k``. A positive ``theta_0`` shift is *more supply* left to arbitrageurs (a
foreign holder selling), a negative one more demand.

Equilibrium (affine, ``-log P(tau) = A(tau)' q + C(tau)``):

* ``A(tau) = (I - exp(-M tau)) M^{-1} e_r`` with the fixed point
  ``M = Gamma' - [int_0^T (Theta(tau) - alpha(tau) A(tau)) A(tau)' dtau] a Sigma Sigma'``;
* ``C(tau) = C_0(tau) + G(tau)' lambdabar`` with ``C_0 = int_0^tau (A' Gamma qbar - 1/2 A' Sigma
  Sigma' A)``, ``G = int_0^tau A`` and ``lambdabar`` from the linear system
  ``(I + a Sigma Sigma' int alpha A G') lambdabar = a Sigma Sigma' (int A theta_0 - int alpha A C_0)``.

:func:`solve_habitat` solves this numerically (matrix fixed point by ``scipy.optimize.root``,
trapezoid quadrature on a maturity grid) for any number of factors;
:func:`one_factor_closed_form` gives the analytic one-factor solution the solver is tested
against. :func:`calibrate_habitat` picks the risk aversion ``a`` and the (constant) demand
elasticity ``alpha`` so that (i) the 10-year zero yield loads ``1/3`` on the short rate (the Fed's
"three-to-one" rule) and (ii) removing 1% of GDP of 10-year equivalents moves the 10-year yield by
the duration-supply evidence (about 10 bp). :class:`PreferredHabitat` is the impact model built on
that calibration.

References
----------
Vayanos, D. and J.-L. Vila (2021), "A preferred-habitat model of the term structure of interest
rates", *Econometrica* 89(1), 77-112 (NBER WP 15487): the model (short rate, demand factors,
mean-variance arbitrageurs, habitat demand) and its affine equilibrium, in our restatement and
derivation (our literature review; the paper's section and equation numbers were
not checked), including the one-factor case ``kappa* = kappa_r + a sigma_r^2 int alpha A^2``.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError
from treasury_leverage.impact.base import ImpactModel, SalesPath, Separable, par_durations
from treasury_leverage.presets import preset_value
from treasury_leverage.units import BP_PER_DECIMAL

__all__ = [
    "HabitatCalibration",
    "HabitatEquilibrium",
    "HabitatParams",
    "OneFactorSolution",
    "PreferredHabitat",
    "calibrate_habitat",
    "kappa_star_from_ratio",
    "one_factor_closed_form",
    "point_supply",
    "solve_habitat",
    "supply_response_bp",
    "transient_supply_response_bp",
]

FloatArray = NDArray[np.float64]
_HORIZON_YEARS: Final = 30.0
_GRID_POINTS: Final = 600


@dataclass(frozen=True)
class HabitatParams:
    """Parameters of the preferred-habitat model (dollars in USD bn, rates in decimals, years).

    Attributes
    ----------
    kappa_r, sigma_r
        Short-rate mean reversion (per year) and volatility (per sqrt year).
    risk_aversion
        Arbitrageurs' absolute risk aversion ``a`` (per USD bn).
    alpha
        Habitat demand elasticity ``alpha(tau)`` (USD bn per unit of ``tau * y`` per year of
        maturity), constant across maturities.
    r_bar
        Long-run mean of the short rate.
    kappa_beta, sigma_beta
        Mean reversion and volatility of each demand factor (empty: one-factor model).
    theta_beta
        Loadings ``theta_k(tau)`` of each demand factor, functions of maturity in years (USD bn
        per year of maturity per unit of the factor).
    horizon_years
        Longest maturity ``T``.
    """

    kappa_r: float
    sigma_r: float
    risk_aversion: float
    alpha: float
    r_bar: float = 0.04
    kappa_beta: tuple[float, ...] = ()
    sigma_beta: tuple[float, ...] = ()
    theta_beta: tuple[object, ...] = field(default=(), compare=False)
    horizon_years: float = _HORIZON_YEARS

    def __post_init__(self) -> None:
        if self.kappa_r <= 0 or self.sigma_r <= 0:
            raise InputError(f"kappa_r and sigma_r: expected positive numbers, got {self.kappa_r}, "
                             f"{self.sigma_r}")
        if self.risk_aversion < 0 or self.alpha < 0:
            raise InputError(f"risk_aversion and alpha: expected >= 0, got {self.risk_aversion}, "
                             f"{self.alpha}")
        k = len(self.kappa_beta)
        if len(self.sigma_beta) != k or len(self.theta_beta) != k:
            raise InputError("kappa_beta, sigma_beta and theta_beta: expected one entry per demand factor")

    @property
    def n_factors(self) -> int:
        """``1 + K``."""
        return 1 + len(self.kappa_beta)


@dataclass(frozen=True)
class HabitatEquilibrium:
    """Solved affine equilibrium on a maturity grid.

    Attributes
    ----------
    params
        The model parameters.
    tau
        Maturity grid in years, from 0 to ``T``.
    A
        Factor loadings ``(len(tau), 1 + K)`` (``-log P = A' q + C``).
    C
        Constant ``C(tau)``.
    G
        ``int_0^tau A``, ``(len(tau), 1 + K)``.
    M
        Risk-neutral drift matrix of the fixed point (``kappa*`` in the one-factor case).
    lambda_bar
        Constant part of the market prices of risk.
    theta0
        Supply/demand shifter ``theta_0`` on the grid (USD bn per year of maturity).
    """

    params: HabitatParams
    tau: FloatArray
    A: FloatArray
    C: FloatArray
    G: FloatArray
    M: FloatArray
    lambda_bar: FloatArray
    theta0: FloatArray

    @property
    def kappa_star(self) -> float:
        """Risk-neutral mean reversion of the short rate (``M[0, 0]``)."""
        return float(self.M[0, 0])

    def yields_pct(self, q: Sequence[float] | None = None) -> FloatArray:
        """Zero yields (percent, continuously compounded) at the grid maturities > 0 for state ``q``
        (default: the long-run mean)."""
        state = np.zeros(self.params.n_factors)
        state[0] = self.params.r_bar
        if q is not None:
            state = np.asarray(q, dtype=np.float64)
        y = (self.A[1:] @ state + self.C[1:]) / self.tau[1:]
        return np.asarray(100.0 * y)


def _weights(tau: FloatArray) -> FloatArray:
    h = np.diff(tau)
    w = np.zeros_like(tau)
    w[:-1] += h / 2
    w[1:] += h / 2
    return w


def _cumtrapz(values: FloatArray, tau: FloatArray) -> FloatArray:
    h = np.diff(tau)[:, None] if values.ndim == 2 else np.diff(tau)
    inc = 0.5 * (values[1:] + values[:-1]) * h
    zero = np.zeros((1, *values.shape[1:]))
    return np.concatenate([zero, np.cumsum(inc, axis=0)])


def _loadings(M: FloatArray, tau: FloatArray) -> FloatArray:
    """``A(tau) = (I - exp(-M tau)) M^{-1} e_r`` via the eigen-decomposition of ``M``."""
    d, V = np.linalg.eig(M)
    e_r = np.zeros(M.shape[0])
    e_r[0] = 1.0
    coef = np.linalg.solve(V, e_r.astype(complex))
    dt = d[None, :] * tau[:, None]
    small = np.abs(dt) < 1e-8
    phi = np.where(small, tau[:, None] + 0j, -np.expm1(-dt) / np.where(d == 0, 1.0, d)[None, :])
    return np.asarray(np.real((phi * coef[None, :]) @ V.T))


def solve_habitat(
    params: HabitatParams,
    *,
    theta0: FloatArray | None = None,
    grid_points: int = _GRID_POINTS,
    tau: FloatArray | None = None,
) -> HabitatEquilibrium:
    """Solve the Vayanos-Vila equilibrium numerically.

    Parameters
    ----------
    params
        Model parameters.
    theta0
        Supply/demand shifter ``theta_0`` on the grid (USD bn per year of maturity); default 0.
    grid_points
        Number of intervals of the maturity grid ``[0, T]`` (ignored when ``tau`` is given).
    tau
        An explicit increasing grid starting at 0.

    Returns
    -------
    HabitatEquilibrium

    Raises
    ------
    InputError
        If the fixed point does not converge.

    References
    ----------
    Vayanos & Vila (2021), affine equilibrium (our restatement: our literature review).
    """
    from scipy.optimize import root

    grid = np.linspace(0.0, params.horizon_years, grid_points + 1) if tau is None else np.asarray(tau, float)
    w = _weights(grid)
    n = params.n_factors
    gamma = np.diag([params.kappa_r, *params.kappa_beta])
    sig = np.diag([params.sigma_r, *params.sigma_beta])
    ss = sig @ sig.T
    Theta = np.zeros((len(grid), n))
    for k, f in enumerate(params.theta_beta):
        Theta[:, k + 1] = np.asarray(f(grid) if callable(f) else f, dtype=np.float64)
    a, alpha = params.risk_aversion, params.alpha
    th0 = np.zeros(len(grid)) if theta0 is None else np.asarray(theta0, dtype=np.float64)
    if th0.shape != grid.shape:
        raise InputError(f"theta0: expected {grid.shape[0]} values on the grid, got {th0.shape}")

    def update(M: FloatArray) -> FloatArray:
        A = _loadings(M, grid)
        integral = (Theta - alpha * A).T @ (A * w[:, None])  # int (Theta - alpha A) A' dtau
        return np.asarray(gamma.T - integral * a @ ss)

    sol = root(lambda v: (update(v.reshape(n, n)) - v.reshape(n, n)).ravel(), gamma.T.ravel(),
               method="hybr", options={"xtol": 1e-13})
    if not sol.success:
        raise InputError(f"preferred-habitat fixed point did not converge ({sol.message}); "
                         "check the parameters (risk aversion, elasticity, demand factors)")
    M = sol.x.reshape(n, n)
    A = _loadings(M, grid)
    G = _cumtrapz(A, grid)
    qbar_drift = gamma @ np.concatenate([[params.r_bar], np.zeros(n - 1)])
    c0_rate = A @ qbar_drift - 0.5 * np.einsum("ti,ij,tj->t", A, ss, A)
    C0 = _cumtrapz(c0_rate, grid)
    lhs = np.eye(n) + a * ss @ ((alpha * A * w[:, None]).T @ G)
    rhs = a * ss @ (A.T @ (w * th0) - (alpha * A * w[:, None]).T @ C0)
    lam = np.asarray(np.linalg.solve(lhs, rhs), dtype=np.float64)
    C = C0 + G @ lam
    return HabitatEquilibrium(params, grid, A, C, G, M, lam, th0)


def point_supply(tau: FloatArray, maturity_years: float, amount_usd_bn: float) -> FloatArray:
    """``theta_0`` on the grid for ``amount_usd_bn`` of extra supply at one maturity.

    The amount is split between the two neighbouring grid points (linear interpolation), scaled
    by the trapezoid weights, so that ``int theta_0(u) f(u) du`` equals ``amount * f(maturity)``
    for any ``f`` linear between the grid points.
    """
    if not (tau[0] < maturity_years <= tau[-1]):
        raise InputError(f"maturity {maturity_years}: expected inside (0, {tau[-1]:g}] years")
    w = _weights(tau)
    i = int(np.searchsorted(tau, maturity_years)) - 1
    i = min(max(i, 0), len(tau) - 2)
    frac = (maturity_years - tau[i]) / (tau[i + 1] - tau[i])
    out = np.zeros_like(tau)
    out[i] += amount_usd_bn * (1 - frac) / w[i]
    out[i + 1] += amount_usd_bn * frac / w[i + 1]
    return out


def supply_response_bp(
    equilibrium: HabitatEquilibrium, maturity_years: float, amount_usd_bn: float
) -> FloatArray:
    """Change in zero yields (bp) at the grid maturities > 0 when ``amount_usd_bn`` more supply
    of ``maturity_years`` bonds reaches arbitrageurs (negative: more habitat demand).

    Solved by re-solving the equilibrium with the shifted ``theta_0`` (numerically exact; in the
    one-factor case equal to ``Delta lambdabar * I(tau) / tau``).
    """
    shock = point_supply(equilibrium.tau, maturity_years, amount_usd_bn)
    moved = solve_habitat(equilibrium.params, theta0=equilibrium.theta0 + shock, tau=equilibrium.tau)
    return np.asarray((moved.C[1:] - equilibrium.C[1:]) / equilibrium.tau[1:] * BP_PER_DECIMAL)


def transient_supply_response_bp(
    params: HabitatParams,
    maturity_years: float,
    amount_usd_bn: float,
    *,
    half_life_years: float,
    sigma_beta: float = 0.0,
    width_years: float | None = None,
    grid_points: int = _GRID_POINTS,
) -> tuple[FloatArray, FloatArray]:
    """Whole-curve response (bp) to a *transitory* supply shock at one maturity.

    Adds a demand factor ``beta`` with a Gaussian loading (mean ``maturity_years``, s.d.
    ``width_years``, integrating to 1, so ``beta`` is USD bn of extra supply) that decays with the
    given half-life, solves the two-factor equilibrium and returns ``A_beta(tau)/tau * amount``.
    As the half-life grows the response tends to the permanent one (:func:`supply_response_bp`);
    for shorter ones it is hump-shaped around the maturities near the shock and fades at the long
    end (investors expect the extra supply to be gone before long bonds mature).

    Parameters
    ----------
    params
        A one-factor model (e.g. ``calibrate_habitat().params``).
    maturity_years, amount_usd_bn
        Where the extra supply lands and how much (negative: extra demand).
    half_life_years
        Persistence of the shock (``kappa_beta = ln 2 / half-life``).
    sigma_beta
        Volatility of the demand factor (USD bn per sqrt(year)); 0 = demand risk not priced.
    width_years
        Spread (s.d.) of the loading around ``maturity_years``; default the preset
        ``habitat_supply_width_years`` (1 year).
    grid_points
        Maturity grid intervals.

    Returns
    -------
    tuple of arrays
        Maturities (years, the grid without 0) and yield changes (bp).

    References
    ----------
    Vayanos & Vila (2021), demand factors (abstract: "with stochastic demand, effects become
    more localized"); our literature review.
    """
    if params.n_factors != 1:
        raise InputError("transient_supply_response_bp: expected a one-factor model to extend")
    width = preset_value("habitat_supply_width_years") if width_years is None else width_years
    if half_life_years <= 0 or width <= 0:
        raise InputError(f"half_life_years and width_years: expected positive numbers, got "
                         f"{half_life_years}, {width}")
    mu, sd = float(maturity_years), float(width)

    def loading(t: FloatArray) -> FloatArray:
        return np.asarray(np.exp(-0.5 * ((t - mu) / sd) ** 2) / (sd * np.sqrt(2 * np.pi)))

    two = HabitatParams(kappa_r=params.kappa_r, sigma_r=params.sigma_r,
                        risk_aversion=params.risk_aversion, alpha=params.alpha, r_bar=params.r_bar,
                        kappa_beta=(math.log(2.0) / half_life_years,), sigma_beta=(sigma_beta,),
                        theta_beta=(loading,), horizon_years=params.horizon_years)
    eq = solve_habitat(two, grid_points=grid_points)
    tau = eq.tau[1:]
    return tau, np.asarray(eq.A[1:, 1] / tau * amount_usd_bn * BP_PER_DECIMAL)


# -- one-factor closed form -------------------------------------------------------------------


def _j_integrals(k: float, T: float) -> tuple[float, float]:
    """``int_0^T A^2`` and ``int_0^T A I`` for ``A = (1 - e^{-k tau})/k``, ``I = int_0^tau A``."""
    e1, e2 = np.exp(-k * T), np.exp(-2 * k * T)
    j1 = (T - 2 * (1 - e1) / k + (1 - e2) / (2 * k)) / k**2
    int_tau_a = (T**2 / 2 - (1 - e1 * (1 + k * T)) / k**2) / k
    j2 = (int_tau_a - j1) / k
    return float(j1), float(j2)


@dataclass(frozen=True)
class OneFactorSolution:
    """Analytic one-factor equilibrium quantities.

    Attributes
    ----------
    kappa_star
        Risk-neutral mean reversion, the root of ``k = kappa_r + a sigma_r^2 alpha int A_k^2``.
    denominator
        ``1 + a sigma_r^2 alpha int A I`` (how elastic clienteles damp a supply shock).
    """

    kappa_star: float
    denominator: float
    params: HabitatParams

    def A(self, tau: FloatArray) -> FloatArray:
        """``A_r(tau) = (1 - e^{-kappa* tau}) / kappa*``."""
        k = self.kappa_star
        return np.asarray(-np.expm1(-k * np.asarray(tau, float)) / k)

    def I_over_tau(self, tau: FloatArray) -> FloatArray:
        """``I(tau)/tau = (1 - A(tau)/tau) / kappa*``: shape of every supply response."""
        t = np.asarray(tau, float)
        return np.asarray((1.0 - self.A(t) / t) / self.kappa_star)

    def supply_response_bp(self, tau: FloatArray, maturity_years: float, amount_usd_bn: float) -> FloatArray:
        """``Delta y(tau) = a sigma_r^2 X A(tau0) / denominator * I(tau)/tau`` in bp."""
        p = self.params
        dlam = p.risk_aversion * p.sigma_r**2 * amount_usd_bn * float(self.A(np.array(maturity_years)))
        return np.asarray(dlam / self.denominator * self.I_over_tau(tau) * BP_PER_DECIMAL)


def one_factor_closed_form(params: HabitatParams) -> OneFactorSolution:
    """The one-factor (short rate only, constant ``alpha``) solution in closed form.

    References
    ----------
    Vayanos & Vila (2021), one-factor case; our derivation in our literature review.
    """
    from scipy.optimize import brentq

    if params.n_factors != 1:
        raise InputError("one_factor_closed_form: expected a model without demand factors")
    T, s = params.horizon_years, params.risk_aversion * params.sigma_r**2 * params.alpha
    if s == 0:
        k = params.kappa_r
    else:
        k = float(brentq(lambda x: x - params.kappa_r - s * _j_integrals(x, T)[0],
                         params.kappa_r, params.kappa_r + s * T**3 + 1.0, xtol=1e-15))
    _, j2 = _j_integrals(k, T)
    return OneFactorSolution(k, 1.0 + s * j2, params)


def kappa_star_from_ratio(ratio: FloatArray | float, reference_years: float = 10.0) -> FloatArray:
    """``kappa*`` such that ``A(ref)/ref = ratio`` (the long yield's loading on the short rate).

    Vectorised (monotone interpolation on a fine table); ratios must lie in (0, 1).
    """
    r = np.asarray(ratio, dtype=np.float64)
    if ((r <= 0) | (r >= 1)).any():
        raise InputError(f"long/short ratio: expected values in (0, 1), got {r.min()}..{r.max()}")
    ks, ratios = _ratio_table(reference_years)
    return np.asarray(np.interp(r, ratios, ks))


@functools.lru_cache(maxsize=8)
def _ratio_table(reference_years: float) -> tuple[FloatArray, FloatArray]:
    ks = np.geomspace(1e-6, 50.0, 20001)
    ratios = -np.expm1(-ks * reference_years) / (ks * reference_years)
    return ks[::-1].copy(), ratios[::-1].copy()  # increasing ratios for np.interp


# -- calibration ------------------------------------------------------------------------------


@dataclass(frozen=True)
class HabitatCalibration:
    """Risk aversion and demand elasticity matching the two targets.

    Attributes
    ----------
    params
        The calibrated one-factor model.
    kappa_star
        Implied risk-neutral mean reversion.
    target_bp
        The 10-year yield change for the QE-sized experiment (bp).
    experiment_usd_bn
        Size of that experiment: 1% of GDP of 10-year par notes.
    experiment_maturity_years
        Zero-coupon maturity standing for a 10-year par note (its Macaulay duration).
    """

    params: HabitatParams
    kappa_star: float
    target_bp: float
    experiment_usd_bn: float
    experiment_maturity_years: float


def calibrate_habitat(
    *,
    long_short_ratio: float | None = None,
    bp_per_pct_gdp: float | None = None,
    gdp_usd_bn: float | None = None,
    kappa_r: float | None = None,
    sigma_r: float | None = None,
    horizon_years: float = _HORIZON_YEARS,
) -> HabitatCalibration:
    """Choose ``a`` and a constant ``alpha`` for the one-factor model (defaults from presets).

    Targets: (i) the 10-year zero yield moves ``long_short_ratio`` bp per bp of the short rate,
    which pins ``kappa* = kappa_r + a sigma_r^2 alpha int A^2``; (ii) removing 1% of GDP of
    10-year par notes (a zero at the notes' Macaulay duration) moves the 10-year yield by
    ``bp_per_pct_gdp`` (about 10 bp). With ``D = kappa* - kappa_r``, ``J1 = int A^2``,
    ``J2 = int A I``, the response ``s A(tau0) X / (1 + s alpha J2) * I(10)/10`` (``s = a
    sigma_r^2``) and ``s alpha J1 = D`` solve in closed form:
    ``s = R (1 + D J2 / J1) / (A(tau0) I(10)/10)``, ``alpha = D / (s J1)``, ``a = s / sigma_r^2``
    with ``R`` the target per dollar.

    Raises
    ------
    InputError
        If the targets need ``kappa* <= kappa_r`` (negative risk aversion).
    """
    ratio = preset_value("habitat_long_short_ratio") if long_short_ratio is None else long_short_ratio
    c_bp = preset_value("duration_supply_bp_per_pct_gdp") if bp_per_pct_gdp is None else bp_per_pct_gdp
    gdp = preset_value("nominal_gdp_usd_bn") if gdp_usd_bn is None else gdp_usd_bn
    kr = preset_value("habitat_short_rate_mean_reversion_per_year") if kappa_r is None else kappa_r
    sr = preset_value("habitat_short_rate_vol_per_sqrt_year") if sigma_r is None else sigma_r
    k = float(kappa_star_from_ratio(ratio))
    if k <= kr:
        raise InputError(f"long/short ratio {ratio}: implies kappa* = {k:.4f} <= kappa_r = {kr}; "
                         "expected a smaller ratio or a slower short rate")
    _, mac = par_durations((10.0,))
    tau0 = float(mac[0])
    size = 0.01 * gdp
    j1, j2 = _j_integrals(k, horizon_years)
    a_tau0 = -np.expm1(-k * tau0) / k
    shape10 = (1.0 - (-np.expm1(-k * 10.0) / k) / 10.0) / k
    per_dollar = c_bp / BP_PER_DECIMAL / size
    d = k - kr
    s = per_dollar * (1.0 + d * j2 / j1) / (a_tau0 * shape10)
    alpha = d / (s * j1)
    params = HabitatParams(kappa_r=kr, sigma_r=sr, risk_aversion=s / sr**2, alpha=alpha,
                           horizon_years=horizon_years)
    return HabitatCalibration(params, k, c_bp, size, tau0)


# -- the impact model -------------------------------------------------------------------------


class PreferredHabitat(ImpactModel):
    """Whole-curve stock effect of sales in the calibrated one-factor Vayanos-Vila model.

    A sale of ``X`` (USD bn) of bucket ``b`` is extra supply at the zero maturity of the bucket's
    Macaulay duration ``tau_b``; the calibrated response is
    ``Delta y(tau) = c / (1% GDP) * X * [A(tau_b)/A(tau_10)] * [I(tau)/tau] / [I(10)/10]``:
    the size rises with the duration of what is sold (concavely: ``A`` flattens at ``1/kappa*``)
    and the shape across the curve is VV's ``I(tau)/tau`` whatever is sold. Permanent (a stock
    effect): the long run equals the end of the path.
    """

    name: ClassVar[str] = "habitat"
    citation: ClassVar[str] = "Vayanos & Vila (2021)"
    family: ClassVar[str] = "habitat"
    source: ClassVar[str] = ("Vayanos & Vila (2021), Econometrica 89(1), one-factor case, calibrated to "
                             "~10 bp per 1% of GDP of 10y-equivalents and the 3-to-1 rule")
    preset_names: ClassVar[tuple[str, ...]] = (
        "duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn", "habitat_long_short_ratio",
        "duration_par_yield_pct",
    )
    notes: ClassVar[str] = ("stock effect; a and alpha calibrated in closed form so that 1% of GDP of "
                            "10y notes moves the 10y by the duration-supply preset and the 10y loads "
                            "1/3 on the short rate; kappa_r, sigma_r only set the implied a, alpha")

    def calibration(self) -> HabitatCalibration:
        """The calibration at the central (or overridden) preset values."""
        p = self.central_parameters()
        return calibrate_habitat(long_short_ratio=p["habitat_long_short_ratio"],
                                 bp_per_pct_gdp=p["duration_supply_bp_per_pct_gdp"],
                                 gdp_usd_bn=p["nominal_gdp_usd_bn"])

    def _kernel(self, path: SalesPath, params: dict[str, FloatArray]) -> FloatArray | Separable:
        par_yield = self._par(params)
        _, mac_b = par_durations(path.buckets_years, yield_pct=par_yield)
        _, mac_10 = par_durations((10.0,), yield_pct=par_yield)
        k = kappa_star_from_ratio(params["habitat_long_short_ratio"])[:, None]  # (n, 1)
        tau = np.asarray(self.maturities_years)[None, :]

        def big_a(t: FloatArray | float) -> FloatArray:
            return np.asarray(-np.expm1(-k * t) / k)

        shape = (1.0 - big_a(tau) / tau) / k  # (n, n_mat): I(tau)/tau
        shape10 = (1.0 - big_a(10.0) / 10.0) / k  # (n, 1)
        size = big_a(mac_b[None, :]) / big_a(float(mac_10[0]))  # (n, n_buckets)
        per_bn = params["duration_supply_bp_per_pct_gdp"] / (params["nominal_gdp_usd_bn"] / 100.0)
        resp = per_bn[:, None, None] * size[:, :, None] * (shape / shape10)[:, None, :]  # (n, B, M)
        cum = path.cumulative_usd_bn()
        cum = np.vstack([cum, cum[-1:]])  # long run = the stock at the end
        if cum.shape[1] == 1:  # one bucket: a fixed time path times a curve per draw
            return Separable(resp[:, 0, :], cum[:, 0], "maturity")
        return np.asarray(np.matmul(cum[None, :, :], resp))  # (n, P+1, M); einsum is ~8x slower
