"""Decompose a yield-curve move into level, slope and curvature.

Method: **Nelson-Siegel factor loadings at a fixed decay parameter** (Diebold and Li 2006). The
change of the zero curve between two dates, ``dz(m)`` in basis points at maturities ``m``, is
regressed by ordinary least squares on the three Nelson-Siegel loadings

``dz(m) = dL * 1 + dS_short * (1 - e^{-x})/x + dC * ((1 - e^{-x})/x - e^{-x}) + e(m)``,
``x = m / tau``,

with ``tau = 1 / (0.0609 * 12) = 1.368`` years by default (Diebold-Li's lambda = 0.0609 per
month, which puts the curvature loading's peak near 30 months). Reported components, in basis
points:

* ``level_bp = dL``: the parallel shift (the change of the long-run level);
* ``slope_bp = -dS_short``: the change of the long-minus-short spread implied by the loadings
  (the slope loading is 1 at the short end and 0 at the long end), **positive = steepening**;
* ``curvature_bp = dC``: positive = the belly rose relative to the wings.

Each maturity's change splits exactly into ``level + slope + curvature + residual``; the residual
(what three smooth factors cannot express) is reported.

The zero curves are built from the par curves of the two dates, by exact bootstrap by default
(:func:`~treasury_leverage.curves.bootstrap.bootstrap_par_curve`), at the tenors observed on
both dates.

References
----------
Diebold, F. X. and C. Li (2006), "Forecasting the term structure of government bond yields",
*Journal of Econometrics* 130(2), 337-364, eq. (2) (loadings) and section 3.1 (lambda = 0.0609).
Nelson, C. R. and A. F. Siegel (1987), *Journal of Business* 60(4), 473-489.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from treasury_leverage.curves.curve import Curve
from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DIEBOLD_LI_TAU_YEARS",
    "MoveDecomposition",
    "decompose_move",
    "ns_loadings",
    "par_change_table",
]

#: Diebold-Li (2006) lambda = 0.0609 per month, as a GSW-style decay parameter in years.
DIEBOLD_LI_TAU_YEARS: Final = 1.0 / (0.0609 * 12.0)
#: Maturities used when both inputs are curve objects (years): the Treasury CMT tenors.
STANDARD_MATURITIES_YEARS: Final = (
    1 / 12, 2 / 12, 3 / 12, 4 / 12, 0.5, 1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0,
)


def ns_loadings(maturity_years: ArrayLike, tau_years: float) -> NDArray[np.float64]:
    """Nelson-Siegel loadings ``[1, (1-e^{-x})/x, (1-e^{-x})/x - e^{-x}]``, ``x = m/tau``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_maturities, 3)``: level, short-end slope and curvature loadings.

    References
    ----------
    Nelson and Siegel (1987); Diebold and Li (2006), eq. (2).
    """
    m = np.atleast_1d(np.asarray(maturity_years, dtype=np.float64))
    if np.any(m <= 0) or not tau_years > 0:
        raise InputError("loadings need maturities > 0 and tau_years > 0")
    x = m / tau_years
    l1 = -np.expm1(-x) / x
    return np.column_stack([np.ones_like(m), l1, l1 - np.exp(-x)])


@dataclass(frozen=True)
class MoveDecomposition:
    """A curve move split into level, slope and curvature (basis points).

    Attributes
    ----------
    start_date, end_date
        Dates of the two curves (if known).
    level_bp, slope_bp, curvature_bp
        Factor changes; ``slope_bp > 0`` is a steepening (long end up relative to the short).
    table
        Per maturity (index ``maturity_years``): ``start_zero_pct``, ``end_zero_pct``
        (continuously compounded), ``change_bp``, ``level_bp``, ``slope_bp``, ``curvature_bp``,
        ``residual_bp``; the four components add up to ``change_bp``.
    residual_rms_bp, residual_max_abs_bp
        Size of what the three factors leave unexplained.
    r_squared
        Share of the cross-maturity sum of squared changes explained (uncentred).
    method
        Plain-words description of the method and its settings.
    tau_years
        The fixed Nelson-Siegel decay parameter.
    """

    start_date: dt.date | None
    end_date: dt.date | None
    level_bp: float
    slope_bp: float
    curvature_bp: float
    table: pd.DataFrame
    residual_rms_bp: float
    residual_max_abs_bp: float
    r_squared: float
    method: str
    tau_years: float

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (keys carry units)."""
        return {
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "level_bp": self.level_bp,
            "slope_bp": self.slope_bp,
            "curvature_bp": self.curvature_bp,
            "residual_rms_bp": self.residual_rms_bp,
            "residual_max_abs_bp": self.residual_max_abs_bp,
            "r_squared": self.r_squared,
            "tau_years": self.tau_years,
            "method": self.method,
        }

    def summary(self) -> str:
        """A few lines of text describing the move."""
        when = (f"{self.start_date} -> {self.end_date}" if self.start_date and self.end_date
                else "curve move")
        shape = "steepening" if self.slope_bp > 0 else "flattening"
        return (
            f"{when}: level {self.level_bp:+.1f} bp, slope {self.slope_bp:+.1f} bp ({shape}), "
            f"curvature {self.curvature_bp:+.1f} bp; residual RMS {self.residual_rms_bp:.1f} bp "
            f"(max {self.residual_max_abs_bp:.1f} bp), R^2 {self.r_squared:.3f}.\n"
            f"Method: {self.method}"
        )


def _as_curve(
    obj: Curve | pd.Series, *, curve_method: Literal["bootstrap", "nss"]
) -> tuple[Curve, NDArray[np.float64] | None, dt.date | None]:
    """A curve, the maturities it was observed at (par input) and its date."""
    import pandas as pd

    if isinstance(obj, Curve):
        return obj, None, obj.date
    if not isinstance(obj, pd.Series):
        raise InputError(
            "decompose_move takes Curve objects or par-yield Series (a row of par_curve())"
        )
    from treasury_leverage.curves.panel import curve_from_par, tenor_years

    if curve_method not in ("bootstrap", "nss"):
        raise InputError(
            f"curve_method {curve_method!r} is not known; expected 'bootstrap' or 'nss'"
        )
    curve = curve_from_par(obj, method=curve_method)
    tenors = np.array([tenor_years(str(c)) for c in obj.dropna().index])
    return curve, tenors, curve.date


def par_change_table(start: pd.Series, end: pd.Series) -> pd.DataFrame:
    """Par yields of two dates side by side and their change, at tenors observed on both.

    Returns
    -------
    pandas.DataFrame
        Index ``tenor``; ``maturity_years``, ``start_par_yield_pct``, ``end_par_yield_pct``,
        ``change_bp``.
    """
    import pandas as pd

    from treasury_leverage.curves.panel import tenor_years

    both = pd.concat([start, end], axis=1, keys=["start", "end"]).dropna()
    out = pd.DataFrame({
        "maturity_years": [tenor_years(str(c)) for c in both.index],
        "start_par_yield_pct": both["start"].to_numpy(dtype=np.float64),
        "end_par_yield_pct": both["end"].to_numpy(dtype=np.float64),
    }, index=pd.Index([str(c) for c in both.index], name="tenor"))
    out["change_bp"] = (out["end_par_yield_pct"] - out["start_par_yield_pct"]) * 100.0
    return out.sort_values("maturity_years")


def decompose_move(
    curve_start: Curve | pd.Series, curve_end: Curve | pd.Series,
    *, maturities_years: ArrayLike | None = None, tau_years: float = DIEBOLD_LI_TAU_YEARS,
    curve_method: Literal["bootstrap", "nss"] = "bootstrap",
) -> MoveDecomposition:
    """Split the zero-curve change between two dates into level, slope and curvature.

    Parameters
    ----------
    curve_start, curve_end
        Par curves of the two dates as Series (tenor labels -> par yield in percent, e.g.
        ``par_curve().loc[date]``) or :class:`~treasury_leverage.curves.curve.Curve` objects.
    maturities_years
        Maturities at which the zero-curve change is measured. Default: the tenors observed on
        both dates (par input), else the CMT tenors 1M..30Y.
    tau_years
        Fixed Nelson-Siegel decay parameter; default Diebold-Li's (1.368 years).
    curve_method
        How par Series become zero curves: ``"bootstrap"`` (exact) or ``"nss"`` (smooth fit).

    Returns
    -------
    MoveDecomposition

    References
    ----------
    Diebold and Li (2006), eq. (2); Nelson and Siegel (1987).
    """
    import pandas as pd

    c0, t0, d0 = _as_curve(curve_start, curve_method=curve_method)
    c1, t1, d1 = _as_curve(curve_end, curve_method=curve_method)
    if maturities_years is not None:
        m = np.atleast_1d(np.asarray(maturities_years, dtype=np.float64))
    elif t0 is not None and t1 is not None:
        m = np.intersect1d(np.round(t0, 10), np.round(t1, 10))
    else:
        m = np.asarray(STANDARD_MATURITIES_YEARS)
    if m.size < 4:
        raise InputError(
            f"need at least 4 maturities to separate level, slope and curvature; got {m.size}"
        )
    z0 = c0.zero_rate(m)
    z1 = c1.zero_rate(m)
    change = (z1 - z0) * 100.0
    X = ns_loadings(m, tau_years)
    coef, *_ = np.linalg.lstsq(X, change, rcond=None)
    parts = X * coef
    residual = change - parts.sum(axis=1)
    table = pd.DataFrame({
        "start_zero_pct": z0, "end_zero_pct": z1, "change_bp": change,
        "level_bp": parts[:, 0], "slope_bp": parts[:, 1], "curvature_bp": parts[:, 2],
        "residual_bp": residual,
    }, index=pd.Index(m, name="maturity_years"))
    total = float(np.sum(change**2))
    r2 = 1.0 - float(np.sum(residual**2)) / total if total > 0 else 1.0
    method = (
        f"OLS of the zero-curve change (continuously compounded, {curve_method} curves from par "
        f"yields) at {m.size} maturities on Nelson-Siegel loadings with fixed tau = "
        f"{tau_years:.3f} years (Diebold-Li 2006); slope = long minus short (positive = "
        "steepening)"
    )
    return MoveDecomposition(
        start_date=d0, end_date=d1, level_bp=float(coef[0]), slope_bp=float(-coef[1]),
        curvature_bp=float(coef[2]), table=table,
        residual_rms_bp=float(np.sqrt(np.mean(residual**2))),
        residual_max_abs_bp=float(np.max(np.abs(residual))), r_squared=r2, method=method,
        tau_years=float(tau_years),
    )
