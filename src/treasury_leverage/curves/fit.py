"""Fit Nelson-Siegel-Svensson curves to observed par yields.

The objective is the (weighted) sum of squared differences, in percent, between observed par
yields and the par yields implied by a Svensson discount function, priced exactly as
:meth:`treasury_leverage.curves.curve.Curve.par_yield` does: a semiannual coupon bond at clean
par for tenors of six months or more (coupon dates ``T, T-0.5, ...``), the bill relation
``D = 1/(1 + y t)`` below. Residuals and their Jacobian are computed analytically and vectorised
over tenors (and over days in :func:`fit_nss_many`).

Two solvers share that model:

* :func:`fit_nss` (one day): ``scipy.optimize.least_squares`` (trust-region reflective, bounds),
  from ``init`` (warm start) or from a small grid of decay parameters with linear betas (cold).
* :func:`fit_nss_many` (many days, used by the panel): a bounded, vectorised
  Levenberg-Marquardt iteration (Marquardt scaling, Nielsen damping update, projection onto the
  bounds) run on all problems at once, with the same cold-start grid; warm starts across days
  are organised by :func:`treasury_leverage.curves.panel.fit_nss_panel`.

References
----------
Svensson, L. E. O. (1994), "Estimating and interpreting forward interest rates: Sweden
1992-1994", NBER WP 4871; Gurkaynak, R. S., B. Sack and J. H. Wright (2007), *Journal of Monetary
Economics* 54(8), eq. (22); Nielsen, H. B. (1999), "Damping parameter in Marquardt's method",
IMM-REP-1999-05, DTU (damping update); Branch, Coleman and Li (1999), *SIAM J. Sci. Comput.*
21(1) (the trust-region reflective method behind ``least_squares(method="trf")``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from treasury_leverage.curves.curve import (
    BILL_CUTOFF_YEARS,
    COUPONS_PER_YEAR,
    SvenssonCurve,
    SvenssonParams,
)
from treasury_leverage.errors import InputError

__all__ = [
    "NSS_BOUNDS",
    "NSSFit",
    "NSSManyFit",
    "ParModel",
    "fit_nss",
    "fit_nss_many",
]

#: Box bounds ``(lower, upper)`` on ``[beta0, beta1, beta2, beta3, tau1, tau2]`` (percent, years).
#: beta0 in [0, 25] and taus >= 0.1 are the limits the Fed's own GSW estimates run into (their
#: 1961-2018 parameters touch exactly these values). The Fed leaves the other betas free and so
#: sometimes lands on the ridge where tau1 = tau2 and the two hump terms cancel (Jan 1985:
#: BETA2 = -618, BETA3 = +621); the +-20/+-30 boxes on beta1..beta3 and the caps tau1 <= 10,
#: tau2 <= 30 years keep the solver off that ridge at no visible cost in fit (the curve, not the
#: individual betas, is what is identified by 9-14 par yields).
NSS_BOUNDS: Final[tuple[tuple[float, ...], tuple[float, ...]]] = (
    (0.0, -20.0, -30.0, -30.0, 0.1, 0.1),
    (25.0, 20.0, 30.0, 30.0, 10.0, 30.0),
)
#: Decay-parameter pairs ``(tau1, tau2)`` tried on a cold start (betas then solved linearly).
COLD_START_TAUS: Final[tuple[tuple[float, float], ...]] = (
    (0.5, 3.0), (0.5, 10.0), (1.5, 5.0), (1.5, 15.0), (3.0, 10.0), (3.0, 25.0),
)
_EPS: Final = 1e-9


class ParModel:
    """Par yields of a Svensson curve at fixed tenors, with the analytic Jacobian.

    Parameters
    ----------
    tenors_years
        Tenors in years (> 0), any order; tenors of 6 months or more may be off the semiannual
        grid (a short first coupon period with accrued interest is priced then).

    Notes
    -----
    With ``z(t)`` the zero yield (percent, continuous), ``D(t) = exp(-z(t) t / 100)``; the par
    yield of a bond tenor is ``200 (1 - D(T)) / (sum_k D(t_k) - a)`` and of a bill
    ``100 (1/D(T) - 1) / T``. The loadings' derivatives use ``dL1/dtau = L2/tau`` and
    ``dL2/dtau = (L2 - x e^{-x})/tau`` with ``x = t/tau``.
    """

    def __init__(self, tenors_years: ArrayLike) -> None:
        tenors = np.asarray(tenors_years, dtype=np.float64).ravel()
        if tenors.size == 0 or np.any(~np.isfinite(tenors)) or np.any(tenors <= 0):
            raise InputError(f"tenors_years must be finite and > 0, got {tenors.tolist()}")
        self.tenors_years = tenors
        self.is_bill = tenors < BILL_CUTOFF_YEARS - _EPS
        bond = tenors[~self.is_bill]
        n_cpn = np.ceil(bond * COUPONS_PER_YEAR - _EPS).astype(np.int64)
        coupon_times = [T - np.arange(n) / COUPONS_PER_YEAR for T, n in zip(bond, n_cpn, strict=True)]
        key = np.round(np.concatenate([tenors[self.is_bill], *coupon_times]), 10)
        self.times = np.unique(key)
        self.bill_index = np.searchsorted(self.times, np.round(tenors[self.is_bill], 10))
        self.bond_index = np.searchsorted(self.times, np.round(bond, 10))
        self.coupon_matrix = np.zeros((bond.size, self.times.size))
        for i, ct in enumerate(coupon_times):
            self.coupon_matrix[i, np.searchsorted(self.times, np.round(ct, 10))] = 1.0
        first = bond - (n_cpn - 1) / COUPONS_PER_YEAR
        self.accrued = np.clip(1.0 - COUPONS_PER_YEAR * first, 0.0, 1.0)

    def par(
        self, theta: NDArray[np.float64], *, jacobian: bool = True
    ) -> tuple[NDArray[np.float64], NDArray[np.float64] | None]:
        """Par yields (percent) and their Jacobian for parameter rows ``theta``.

        Parameters
        ----------
        theta
            Shape ``(n, 6)``: ``[beta0, beta1, beta2, beta3, tau1, tau2]`` per row.
        jacobian
            Whether to return the Jacobian.

        Returns
        -------
        par, jac
            Shapes ``(n, n_tenors)`` and ``(n, n_tenors, 6)`` (``None`` if not asked).
        """
        th = np.atleast_2d(theta)
        t = self.times
        b0, b1, b2, b3 = (th[:, i : i + 1] for i in range(4))
        tau1, tau2 = th[:, 4:5], th[:, 5:6]
        x1 = t / tau1
        x2 = t / tau2
        e1 = np.exp(-x1)
        e2 = np.exp(-x2)
        l1 = -np.expm1(-x1) / x1
        l2 = l1 - e1
        l3 = -np.expm1(-x2) / x2 - e2
        z = b0 + b1 * l1 + b2 * l2 + b3 * l3
        d = np.exp(-z * t / 100.0)
        n = th.shape[0]
        par = np.empty((n, self.tenors_years.size))
        d_bill = d[:, self.bill_index]
        tb = self.tenors_years[self.is_bill]
        par[:, self.is_bill] = 100.0 * (1.0 / d_bill - 1.0) / tb
        annuity = d @ self.coupon_matrix.T - self.accrued
        d_mat = d[:, self.bond_index]
        par[:, ~self.is_bill] = 200.0 * (1.0 - d_mat) / annuity
        if not jacobian:
            return par, None
        dz = np.empty((n, t.size, 6))
        dz[..., 0] = 1.0
        dz[..., 1] = l1
        dz[..., 2] = l2
        dz[..., 3] = l3
        dz[..., 4] = (b1 * l2 + b2 * (l2 - x1 * e1)) / tau1
        dz[..., 5] = b3 * (l3 - x2 * e2) / tau2
        dd = -(d * t / 100.0)[..., None] * dz
        jac = np.empty((n, self.tenors_years.size, 6))
        # Bill: d/dtheta 100 (1/D - 1)/T = -100 dD / (T D^2) = dz / D (since dD = -D T dz / 100).
        jac[:, self.is_bill, :] = dz[:, self.bill_index, :] / d_bill[..., None]
        d_annuity = np.matmul(self.coupon_matrix, dd)
        jac[:, ~self.is_bill, :] = 200.0 * (
            -dd[:, self.bond_index, :] / annuity[..., None]
            - ((1.0 - d_mat) / annuity**2)[..., None] * d_annuity
        )
        return par, jac


def _linear_betas(
    model: ParModel, par_pct: NDArray[np.float64], w: NDArray[np.float64],
    taus: NDArray[np.float64], lower: NDArray[np.float64], upper: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Starting betas for fixed taus: weighted least squares of par yields on zero loadings.

    Par yields are close to zero yields, so this linear regression puts the nonlinear solver
    near the right basin. ``par_pct`` ``(n, k)`` (NaN already weighted 0), ``taus`` ``(n, 2)``.
    """
    t = model.tenors_years
    x1 = t / taus[:, :1]
    x2 = t / taus[:, 1:]
    l1 = -np.expm1(-x1) / x1
    l2 = l1 - np.exp(-x1)
    l3 = -np.expm1(-x2) / x2 - np.exp(-x2)
    X = np.stack([np.ones_like(l1), l1, l2, l3], axis=-1) * w[..., None]
    y = np.nan_to_num(par_pct) * w
    # A small ridge keeps the 4x4 system solvable when few tenors are observed.
    XtX = np.einsum("nki,nkj->nij", X, X) + 1e-6 * np.eye(4)
    Xty = np.einsum("nki,nk->ni", X, y)
    betas = np.linalg.solve(XtX, Xty[..., None])[..., 0]
    theta = np.concatenate([betas, taus], axis=1)
    return np.clip(theta, lower, upper)


def _check_bounds(
    bounds: tuple[ArrayLike, ArrayLike],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    lower = np.asarray(bounds[0], dtype=np.float64).ravel()
    upper = np.asarray(bounds[1], dtype=np.float64).ravel()
    if lower.size != 6 or upper.size != 6 or np.any(lower >= upper):
        raise InputError(
            "bounds must be (lower, upper) with 6 entries each "
            "(beta0..beta3 in percent, tau1, tau2 in years) and lower < upper"
        )
    if lower[4] <= 0 or lower[5] <= 0:
        raise InputError("the tau bounds must be > 0 years")
    return lower, upper


def _cold_starts(
    model: ParModel, par_pct: NDArray[np.float64], w: NDArray[np.float64],
    lower: NDArray[np.float64], upper: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Starting points ``(n, n_starts, 6)`` from :data:`COLD_START_TAUS` and linear betas."""
    n = par_pct.shape[0]
    starts = []
    for tau1, tau2 in COLD_START_TAUS:
        taus = np.clip(np.tile([tau1, tau2], (n, 1)), lower[4:], upper[4:])
        starts.append(_linear_betas(model, par_pct, w, taus, lower, upper))
    return np.stack(starts, axis=1)


@dataclass(frozen=True)
class NSSFit:
    """One day's Svensson fit to par yields.

    Attributes
    ----------
    params
        Fitted parameters (percent, years).
    tenors_years, par_pct
        The observations fitted (NaN dropped).
    fitted_par_pct
        Par yields of the fitted curve at ``tenors_years``.
    rmse_bp
        Root mean squared (unweighted) error of the par yields, basis points.
    success
        Whether the solver reported convergence.
    nfev
        Residual evaluations used (all starts).
    date
        The curve's date, if given.
    """

    params: SvenssonParams
    tenors_years: NDArray[np.float64]
    par_pct: NDArray[np.float64]
    fitted_par_pct: NDArray[np.float64]
    rmse_bp: float
    success: bool
    nfev: int
    date: dt.date | None = None
    bounds: tuple[tuple[float, ...], tuple[float, ...]] = field(default=NSS_BOUNDS, repr=False)

    @property
    def residuals_bp(self) -> NDArray[np.float64]:
        """Fitted minus observed par yields, basis points."""
        return (self.fitted_par_pct - self.par_pct) * 100.0

    @property
    def curve(self) -> SvenssonCurve:
        """The fitted curve."""
        return SvenssonCurve(self.params, date=self.date, description=(
            f"Nelson-Siegel-Svensson fitted to {self.par_pct.size} par yields "
            f"(RMSE {self.rmse_bp:.2f} bp)"
        ))

    @property
    def at_bound(self) -> tuple[str, ...]:
        """Names of the parameters sitting on a bound (a hint the fit is poorly identified)."""
        x = self.params.to_array()
        lo, hi = (np.asarray(b) for b in self.bounds)
        on = np.isclose(x, lo, rtol=0, atol=1e-8) | np.isclose(x, hi, rtol=0, atol=1e-8)
        return tuple(n for n, flag in zip(SvenssonParams.NAMES, on, strict=True) if flag)


def _prepare_day(
    tenors_years: ArrayLike, par_pct: ArrayLike, weights: ArrayLike | None,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    t = np.asarray(tenors_years, dtype=np.float64).ravel()
    y = np.asarray(par_pct, dtype=np.float64).ravel()
    if t.shape != y.shape:
        raise InputError(f"tenors_years ({t.size}) and par_pct ({y.size}) differ in length")
    w = np.ones_like(y) if weights is None else np.asarray(weights, dtype=np.float64).ravel()
    if w.shape != y.shape or np.any(~np.isfinite(w)) or np.any(w < 0):
        raise InputError("weights must be finite, >= 0 and one per tenor")
    keep = np.isfinite(y) & (w > 0)
    if keep.sum() < 6:
        raise InputError(
            f"a Svensson fit needs at least 6 observed par yields, got {int(keep.sum())}"
        )
    return t[keep], y[keep], w[keep]


def fit_nss(
    tenors_years: ArrayLike, par_pct: ArrayLike,
    *, weights: ArrayLike | None = None, init: ArrayLike | SvenssonParams | None = None,
    bounds: tuple[ArrayLike, ArrayLike] = NSS_BOUNDS, date: dt.date | None = None,
) -> NSSFit:
    """Fit a Svensson curve to one day's par yields by bounded nonlinear least squares.

    Parameters
    ----------
    tenors_years
        Tenors in years.
    par_pct
        Observed par yields, percent (semiannual bond-equivalent; bills: bond-equivalent).
        NaN entries are ignored.
    weights
        Non-negative weight per tenor on the squared yield error (default equal weights).
    init
        Warm start ``[beta0, beta1, beta2, beta3, tau1, tau2]`` (e.g. the previous day's
        solution). ``None``: a cold start from each ``(tau1, tau2)`` in
        :data:`COLD_START_TAUS` with linear betas; the best fit wins.
    bounds
        ``(lower, upper)`` box on the six parameters; default :data:`NSS_BOUNDS`.
    date
        The curve's date (informational).

    Returns
    -------
    NSSFit
        Parameters, fitted par yields and RMSE (bp).

    References
    ----------
    Svensson (1994); Gurkaynak, Sack and Wright (2007), eq. (22); Branch, Coleman and Li (1999).
    """
    from scipy.optimize import least_squares

    t, y, w = _prepare_day(tenors_years, par_pct, weights)
    lower, upper = _check_bounds(bounds)
    model = ParModel(t)
    sw = np.sqrt(w)

    def residuals(theta: NDArray[np.float64]) -> NDArray[np.float64]:
        return (model.par(theta[None, :], jacobian=False)[0][0] - y) * sw

    def jac(theta: NDArray[np.float64]) -> NDArray[np.float64]:
        j = model.par(theta[None, :])[1]
        assert j is not None
        return j[0] * sw[:, None]

    if init is None:
        starts = _cold_starts(model, y[None, :], sw[None, :], lower, upper)[0]
    else:
        x0 = init.to_array() if isinstance(init, SvenssonParams) else np.asarray(init, float)
        if x0.size != 6 or np.any(~np.isfinite(x0)):
            raise InputError(f"init must be 6 finite Svensson parameters, got {x0.tolist()}")
        starts = x0.reshape(1, 6)
    # least_squares needs a strictly feasible start.
    span = upper - lower
    starts = np.clip(starts, lower + 1e-10 * span, upper - 1e-10 * span)
    best = None
    nfev = 0
    for x0 in starts:
        res = least_squares(residuals, x0, jac=jac, bounds=(lower, upper), method="trf",
                            xtol=1e-12, ftol=1e-12, gtol=1e-12)
        nfev += int(res.nfev)
        if best is None or res.cost < best.cost:
            best = res
    assert best is not None
    fitted = model.par(best.x[None, :], jacobian=False)[0][0]
    rmse = float(np.sqrt(np.mean((fitted - y) ** 2)) * 100.0)
    return NSSFit(
        params=SvenssonParams.from_array(best.x), tenors_years=t, par_pct=y,
        fitted_par_pct=fitted, rmse_bp=rmse, success=bool(best.success), nfev=nfev, date=date,
        bounds=(tuple(lower.tolist()), tuple(upper.tolist())),
    )


@dataclass(frozen=True)
class NSSManyFit:
    """Fits of many problems sharing tenors (rows = problems).

    Attributes
    ----------
    params
        ``(n, 6)`` parameters.
    cost
        ``(n,)`` half the weighted sum of squared errors (percent^2).
    rmse_bp
        ``(n,)`` unweighted RMSE over observed tenors, basis points.
    iterations
        ``(n,)`` Levenberg-Marquardt iterations used.
    converged
        ``(n,)`` whether a tolerance was met before the iteration cap.
    """

    params: NDArray[np.float64]
    cost: NDArray[np.float64]
    rmse_bp: NDArray[np.float64]
    iterations: NDArray[np.int64]
    converged: NDArray[np.bool_]


def _lm_batch(
    model: ParModel, y: NDArray[np.float64], sw: NDArray[np.float64], theta0: NDArray[np.float64],
    lower: NDArray[np.float64], upper: NDArray[np.float64],
    *, max_iter: int, xtol: float, ftol: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64], NDArray[np.bool_]]:
    """Bounded Levenberg-Marquardt on every row at once; returns theta, cost, iters, converged.

    ``y`` has 0 where unobserved and ``sw`` (square-root weights) 0 there, so unobserved tenors
    contribute neither residual nor Jacobian rows.
    """
    n = theta0.shape[0]
    theta = np.clip(theta0, lower, upper)
    par, jac = model.par(theta)
    assert jac is not None
    r = (par - y) * sw
    J = jac * sw[..., None]
    cost = 0.5 * np.einsum("nk,nk->n", r, r)
    H = np.einsum("nki,nkj->nij", J, J)
    mu = 1e-3 * np.max(np.diagonal(H, axis1=1, axis2=2), axis=1)
    nu = np.full(n, 2.0)
    iters = np.zeros(n, dtype=np.int64)
    converged = np.zeros(n, dtype=np.bool_)
    active = np.arange(n)
    eye = np.eye(6)
    for _ in range(max_iter):
        if active.size == 0:
            break
        Ja, ra, th = J[active], r[active], theta[active]
        Ha = H[active]
        g = np.einsum("nki,nk->ni", Ja, ra)
        diag = np.maximum(np.diagonal(Ha, axis1=1, axis2=2), 1e-12)
        # Parameters on a bound whose descent direction points outside are held fixed this
        # iteration (a projected step would only shrink and stall the damping otherwise).
        frozen = ((th <= lower) & (g > 0)) | ((th >= upper) & (g < 0))
        keep = ~frozen
        A = Ha * (keep[:, :, None] & keep[:, None, :]) + (
            (mu[active, None] * diag) * keep + frozen)[:, :, None] * eye
        step = np.linalg.solve(A, np.where(keep, -g, 0.0)[..., None])[..., 0]
        new = np.clip(th + step, lower, upper)
        step = new - th
        p_new, j_new = model.par(new)
        assert j_new is not None
        r_new = (p_new - y[active]) * sw[active]
        cost_new = 0.5 * np.einsum("nk,nk->n", r_new, r_new)
        # Gain ratio: actual over predicted (linear model) reduction of the cost.
        lin = ra + np.einsum("nki,ni->nk", Ja, step)
        predicted = cost[active] - 0.5 * np.einsum("nk,nk->n", lin, lin)
        actual = cost[active] - cost_new
        ok = np.isfinite(cost_new) & (actual > 0)
        rho = np.where(predicted > 0, actual / np.where(predicted > 0, predicted, 1.0), 0.0)
        acc = active[ok]
        theta[acc] = new[ok]
        r[acc] = r_new[ok]
        J[acc] = j_new[ok] * sw[acc][..., None]
        H[acc] = np.einsum("nki,nkj->nij", J[acc], J[acc])
        old_cost = cost[acc]
        cost[acc] = cost_new[ok]
        mu[acc] *= np.maximum(1.0 / 3.0, 1.0 - (2.0 * rho[ok] - 1.0) ** 3)
        nu[acc] = 2.0
        rej = active[~ok]
        mu[rej] *= nu[rej]
        nu[rej] *= 2.0
        iters[active] += 1
        small_step = np.linalg.norm(step, axis=1) <= xtol * (np.linalg.norm(th, axis=1) + xtol)
        small_gain = np.zeros(active.size, dtype=np.bool_)
        small_gain[ok] = (old_cost - cost[acc]) <= ftol * np.maximum(old_cost, 1e-300)
        tiny_cost = cost[active] <= 1e-28
        done = small_step | small_gain | tiny_cost | (mu[active] > 1e16)
        converged[active[done]] = True
        active = active[~done]
    return theta, cost, iters, converged


def fit_nss_many(
    tenors_years: ArrayLike, par_pct: ArrayLike,
    *, weights: ArrayLike | None = None, init: ArrayLike | None = None,
    bounds: tuple[ArrayLike, ArrayLike] = NSS_BOUNDS, max_iter: int = 200,
    xtol: float = 1e-10, ftol: float = 1e-12,
) -> NSSManyFit:
    """Fit Svensson curves to many par-yield rows sharing tenors, vectorised over rows.

    Parameters
    ----------
    tenors_years
        ``(k,)`` tenors in years.
    par_pct
        ``(n, k)`` par yields in percent; NaN = not observed (each row needs >= 6 observed).
    weights
        ``(k,)`` or ``(n, k)`` non-negative weights (default 1).
    init
        Warm starts, ``(n, 6)`` or ``(n, n_starts, 6)`` (the best fit per row is kept); ``None``:
        cold starts from :data:`COLD_START_TAUS` with linear betas.
    bounds
        ``(lower, upper)`` box, default :data:`NSS_BOUNDS`.
    max_iter, xtol, ftol
        Iteration cap; relative step and relative cost-decrease tolerances.

    Returns
    -------
    NSSManyFit

    References
    ----------
    Marquardt (1963), *J. SIAM* 11(2); Nielsen (1999), IMM-REP-1999-05.
    """
    model = ParModel(tenors_years)
    y = np.atleast_2d(np.asarray(par_pct, dtype=np.float64))
    n, k = y.shape
    if k != model.tenors_years.size:
        raise InputError(f"par_pct has {k} columns but there are {model.tenors_years.size} tenors")
    lower, upper = _check_bounds(bounds)
    w = np.ones((n, k)) if weights is None else np.broadcast_to(
        np.asarray(weights, dtype=np.float64), (n, k)).copy()
    if np.any(~np.isfinite(w)) or np.any(w < 0):
        raise InputError("weights must be finite and >= 0")
    observed = np.isfinite(y) & (w > 0)
    n_obs = observed.sum(axis=1)
    if np.any(n_obs < 6):
        raise InputError(
            f"a Svensson fit needs at least 6 observed par yields per row; rows "
            f"{np.flatnonzero(n_obs < 6)[:5].tolist()} have fewer"
        )
    sw = np.where(observed, np.sqrt(w), 0.0)
    y0 = np.where(observed, y, 0.0)
    if init is None:
        starts = _cold_starts(model, y0, sw, lower, upper)
    else:
        starts = np.asarray(init, dtype=np.float64).reshape(n, -1, 6)
    s = starts.shape[1]
    theta, cost, iters, conv = _lm_batch(
        model, np.repeat(y0, s, axis=0), np.repeat(sw, s, axis=0), starts.reshape(n * s, 6),
        lower, upper, max_iter=max_iter, xtol=xtol, ftol=ftol,
    )
    cost = cost.reshape(n, s)
    best = np.argmin(np.where(np.isfinite(cost), cost, np.inf), axis=1)
    rows = np.arange(n)
    theta_best = theta.reshape(n, s, 6)[rows, best]
    fitted = model.par(theta_best, jacobian=False)[0]
    err = np.where(observed, fitted - y0, 0.0)
    rmse = np.sqrt((err**2).sum(axis=1) / n_obs) * 100.0
    return NSSManyFit(
        params=theta_best, cost=cost[rows, best], rmse_bp=rmse,
        iterations=iters.reshape(n, s).sum(axis=1), converged=conv.reshape(n, s)[rows, best],
    )
