"""Bootstrap a zero curve from Treasury constant-maturity (CMT) par yields.

Method (one day):

1. **Bills** (maturity < 6 months): the CMT bill yield is taken as a bond-equivalent (simple
   interest) yield, so ``D(t) = 1 / (1 + y t)`` exactly.
2. **Par yields on the semiannual grid** ``0.5, 1.0, ..., T_max``: interpolated in par yield
   against maturity through *all* input tenors (bill yields included as nodes), either with a
   monotone piecewise-cubic Hermite interpolant (``"pchip"``, Fritsch-Carlson; the default: no
   overshoot, smoother forwards) or piecewise linearly (``"linear"``). Grid points before the
   first tenor take the first yield (flat).
3. **Discount factors** at the grid, solved sequentially from the par-bond equation
   ``c_k/2 * sum_{j<=k} D(t_j) + D(t_k) = 1``.

The curve is log-linear in discount factors between knots (flat forwards, see
:class:`~treasury_leverage.curves.curve.PiecewiseCurve`), so every input par yield is repriced
exactly (to rounding) by :meth:`Curve.par_yield`. Tenors of six months or more must lie on the
semiannual grid (all Treasury CMT tenors do).

References
----------
U.S. Treasury, "Treasury Yield Curve Methodology" (CMT par yields are bond-equivalent yields of
semiannual-coupon securities priced at par); Fritsch, F. N. and R. E. Carlson (1980), "Monotone
piecewise cubic interpolation", *SIAM J. Numer. Anal.* 17(2), 238-246 (the ``pchip`` rule).
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from treasury_leverage.curves.curve import BILL_CUTOFF_YEARS, COUPONS_PER_YEAR, PiecewiseCurve
from treasury_leverage.errors import InputError

__all__ = ["ParInterpolation", "bootstrap_block", "bootstrap_par_curve"]

ParInterpolation = Literal["pchip", "linear"]

_GRID_TOL: Final = 1e-6


def _clean_inputs(
    tenors_years: ArrayLike, par_pct: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    t = np.asarray(tenors_years, dtype=np.float64).ravel()
    y = np.asarray(par_pct, dtype=np.float64).ravel()
    if t.shape != y.shape:
        raise InputError(
            f"tenors_years ({t.size}) and par_pct ({y.size}) must have the same length"
        )
    keep = np.isfinite(y)
    t, y = t[keep], y[keep]
    if t.size == 0:
        raise InputError("no par yields to bootstrap (all NaN)")
    if np.any(~np.isfinite(t)) or np.any(t <= 0):
        raise InputError(f"tenors_years must be > 0, got {t[~(t > 0)].tolist()}")
    order = np.argsort(t)
    t, y = t[order], y[order]
    if np.any(np.diff(t) <= 0):
        raise InputError(f"tenors_years must be distinct, got {t.tolist()}")
    return t, y


def _check_grid(tenors: NDArray[np.float64]) -> None:
    long = tenors[tenors >= BILL_CUTOFF_YEARS - _GRID_TOL]
    off = np.abs(long * COUPONS_PER_YEAR - np.round(long * COUPONS_PER_YEAR)) > _GRID_TOL
    if off.any():
        raise InputError(
            f"tenors of 6 months or more must be multiples of 0.5 years (coupon dates), "
            f"got {long[off].tolist()}"
        )
    if long.size == 0:
        raise InputError(
            "a par curve needs at least one tenor of 6 months or more; "
            f"got only {tenors.tolist()} years"
        )


def _interpolate_par(
    tenors: NDArray[np.float64], par: NDArray[np.float64], grid: NDArray[np.float64],
    interpolation: ParInterpolation,
) -> NDArray[np.float64]:
    """Par yields on ``grid`` for every row of ``par`` (shape ``(n_days, n_tenors)``)."""
    g = np.clip(grid, tenors[0], tenors[-1])  # flat before the first tenor
    if interpolation not in ("pchip", "linear"):
        raise InputError(
            f"interpolation {interpolation!r} is not known; expected 'pchip' or 'linear'"
        )
    if tenors.size == 1:
        return np.repeat(par[:, :1], g.size, axis=1)
    if interpolation == "pchip":
        from scipy.interpolate import PchipInterpolator

        return np.asarray(PchipInterpolator(tenors, par, axis=1, extrapolate=False)(g))
    # Linear: the weights depend only on the tenors, so they are shared by every row.
    idx = np.clip(np.searchsorted(tenors, g, side="right") - 1, 0, tenors.size - 2)
    w = (g - tenors[idx]) / (tenors[idx + 1] - tenors[idx])
    return par[:, idx] * (1.0 - w) + par[:, idx + 1] * w


def bootstrap_block(
    tenors_years: NDArray[np.float64], par_pct: NDArray[np.float64],
    *, interpolation: ParInterpolation = "pchip",
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Bootstrap many days that share the same tenors (vectorised over days).

    Parameters
    ----------
    tenors_years
        Sorted, distinct tenors, shape ``(n_tenors,)``; no NaN in ``par_pct``.
    par_pct
        Par yields in percent, shape ``(n_days, n_tenors)``.
    interpolation
        Rule for par yields on the semiannual grid, ``"pchip"`` or ``"linear"``.

    Returns
    -------
    knots_years, log_discount
        Knots (bill tenors then ``0.5, 1.0, ..., T_max``), shape ``(n_knots,)``, and ``ln D`` at
        them, shape ``(n_days, n_knots)``.
    """
    tenors = np.asarray(tenors_years, dtype=np.float64)
    par = np.atleast_2d(np.asarray(par_pct, dtype=np.float64))
    _check_grid(tenors)
    n_grid = round(tenors[-1] * COUPONS_PER_YEAR)
    grid = np.arange(1, n_grid + 1) / COUPONS_PER_YEAR
    bills = tenors[tenors < BILL_CUTOFF_YEARS - _GRID_TOL]
    bill_df = 1.0 / (1.0 + par[:, : bills.size] / 100.0 * bills)

    half_coupon = _interpolate_par(tenors, par, grid, interpolation) / 100.0 / COUPONS_PER_YEAR
    df = np.empty_like(half_coupon)
    annuity = np.zeros(par.shape[0])
    for k in range(n_grid):
        # Par bond maturing at grid[k]: c/2 * (annuity + D_k) + D_k = 1.
        df[:, k] = (1.0 - half_coupon[:, k] * annuity) / (1.0 + half_coupon[:, k])
        annuity += df[:, k]
    all_df = np.concatenate([bill_df, df], axis=1)
    if np.any(~(all_df > 0)):
        raise InputError(
            "bootstrapped discount factors are not positive: the par yields are inconsistent "
            "(e.g. a par yield too high for its maturity)"
        )
    return np.concatenate([bills, grid]), np.log(all_df)


def bootstrap_par_curve(
    tenors_years: ArrayLike, par_pct: ArrayLike,
    *, interpolation: ParInterpolation = "pchip", date: dt.date | None = None,
) -> PiecewiseCurve:
    """Bootstrap one day's CMT par curve into a zero curve that reprices it exactly.

    Parameters
    ----------
    tenors_years
        Maturities in years (``1/12`` for 1M, ``0.5`` for 6M, ``10`` for 10Y...). Tenors of six
        months or more must be multiples of 0.5.
    par_pct
        Par yields, percent, semiannual bond-equivalent (bills: bond-equivalent yields). NaN
        entries (tenors not published that day) are dropped.
    interpolation
        How par yields are interpolated onto the semiannual coupon grid: ``"pchip"`` (monotone
        cubic in par yield, default) or ``"linear"`` (linear in par yield).
    date
        The curve's date (informational).

    Returns
    -------
    PiecewiseCurve
        Flat forwards between knots; ``curve.par_yield(tenors_years)`` equals ``par_pct``.

    Raises
    ------
    InputError
        If no usable yields remain, tenors are off the semiannual grid, or the yields imply
        non-positive discount factors.

    References
    ----------
    U.S. Treasury, "Treasury Yield Curve Methodology"; Fritsch and Carlson (1980).
    """
    t, y = _clean_inputs(tenors_years, par_pct)
    knots, log_df = bootstrap_block(t, y[None, :], interpolation=interpolation)
    return PiecewiseCurve(
        knots, log_df[0], date=date,
        description=f"bootstrapped from {t.size} par yields ({interpolation} in par yield on the "
        "semiannual grid; flat forwards between knots)",
    )
