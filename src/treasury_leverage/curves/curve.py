"""Yield-curve objects for one date: discount factors, zero, forward and par yields.

A :class:`Curve` is a discount function ``D(t)`` with every other quantity derived from it under
explicitly named conventions:

* **zero yields** ``zero_rate(t, compounding=...)``: ``"continuous"`` (``D = exp(-z t)``, the
  Fed/GSW convention) or ``"semiannual"`` (``D = (1 + z/2)^(-2t)``, bond-equivalent);
* **instantaneous forwards** ``instantaneous_forward(t)``: ``f(t) = -d ln D / dt``, continuous;
* **period forwards** ``forward_rate(start, end, compounding=...)``;
* **par yields** ``par_yield(t)``: the semiannual, bond-equivalent coupon rate of a bond priced at
  par (clean) maturing at ``t``; below six months the bill (simple interest, bond-equivalent)
  relation ``D = 1 / (1 + y t)`` (see :func:`par_yields_from_discount`).

Rates are in percent per annum, maturities in years (act/365-style year fractions: a month is
1/12). Two concrete curves exist: :class:`SvenssonCurve` (Fed GSW parameterisation) and
:class:`PiecewiseCurve` (discount factors at knots, log-linear in between, i.e. flat instantaneous
forwards between knots; what the bootstrap produces).

References
----------
Gurkaynak, R. S., B. Sack and J. H. Wright (2007), "The U.S. Treasury yield curve: 1961 to the
present", *Journal of Monetary Economics* 54(8), 2291-2304: eq. (22) zero yields, eq. (21)
forwards, and the par-yield relation of section 2 (coupon bond priced at par).
"""

from __future__ import annotations

import datetime as dt
import math
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Final, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from treasury_leverage.curves.svensson import NS_SENTINEL, svensson_forward, svensson_zero
from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Compounding",
    "Curve",
    "PiecewiseCurve",
    "SvenssonCurve",
    "SvenssonParams",
    "convert_rate",
    "par_yields_from_discount",
]

Compounding = Literal["continuous", "semiannual"]

#: Coupon frequency of Treasury notes and bonds (par yields are semiannual bond-equivalent).
COUPONS_PER_YEAR: Final = 2
#: Below this maturity a par yield is a bill's bond-equivalent yield, not a coupon bond's.
BILL_CUTOFF_YEARS: Final = 0.5
_EPS: Final = 1e-9


def _check_compounding(compounding: str) -> None:
    if compounding not in ("continuous", "semiannual"):
        raise InputError(
            f"compounding {compounding!r} is not known; expected 'continuous' or 'semiannual'"
        )


def convert_rate(
    rate_pct: ArrayLike, *, from_compounding: Compounding, to_compounding: Compounding
) -> NDArray[np.float64]:
    """Convert an annual rate between continuous and semiannual compounding.

    The conversion does not depend on maturity: ``(1 + s/2)^2 = exp(c)``.

    Parameters
    ----------
    rate_pct
        Rates in percent per annum.
    from_compounding, to_compounding
        ``"continuous"`` or ``"semiannual"``.

    Returns
    -------
    numpy.ndarray
        Rates in percent per annum under ``to_compounding``.
    """
    _check_compounding(from_compounding)
    _check_compounding(to_compounding)
    r = np.asarray(rate_pct, dtype=np.float64) / 100.0
    if from_compounding == to_compounding:
        return r * 100.0
    if from_compounding == "semiannual":
        return COUPONS_PER_YEAR * np.log1p(r / COUPONS_PER_YEAR) * 100.0
    return COUPONS_PER_YEAR * np.expm1(r / COUPONS_PER_YEAR) * 100.0


@dataclass(frozen=True)
class SvenssonParams:
    """Nelson-Siegel-Svensson parameters in the Fed (GSW) parameterisation.

    Attributes
    ----------
    beta0, beta1, beta2, beta3
        Level, slope and the two curvature coefficients, percent.
    tau1, tau2
        Decay parameters, years. ``tau2 = -999.99`` (the Fed's sentinel) or NaN with
        ``beta3 = 0`` is a Nelson-Siegel curve.
    """

    beta0: float
    beta1: float
    beta2: float
    beta3: float
    tau1: float
    tau2: float

    #: Column names used in parameter panels (the Fed's own).
    NAMES: ClassVar[tuple[str, ...]] = ("BETA0", "BETA1", "BETA2", "BETA3", "TAU1", "TAU2")

    def __post_init__(self) -> None:
        if not (math.isfinite(self.tau1) and self.tau1 > 0):
            raise InputError(f"Svensson tau1 must be a positive number of years, got {self.tau1}")
        for name in ("beta0", "beta1", "beta2", "beta3"):
            if not math.isfinite(getattr(self, name)):
                raise InputError(f"Svensson {name} must be finite, got {getattr(self, name)}")

    @property
    def is_nelson_siegel(self) -> bool:
        """True if the fourth (second hump) term is absent."""
        return not (math.isfinite(self.tau2) and self.tau2 > 0) or self.tau2 == NS_SENTINEL

    def to_array(self) -> NDArray[np.float64]:
        """Parameters as ``[beta0, beta1, beta2, beta3, tau1, tau2]``."""
        return np.array([self.beta0, self.beta1, self.beta2, self.beta3, self.tau1, self.tau2])

    @classmethod
    def from_array(cls, values: ArrayLike) -> SvenssonParams:
        """Build from ``[beta0, beta1, beta2, beta3, tau1, tau2]``."""
        v = np.asarray(values, dtype=np.float64).ravel()
        if v.size != 6:
            raise InputError(f"expected 6 Svensson parameters, got {v.size}")
        return cls(*(float(x) for x in v))


def _as_maturity(t: ArrayLike, *, name: str = "maturity_years") -> NDArray[np.float64]:
    arr = np.asarray(t, dtype=np.float64)
    if np.any(~np.isfinite(arr)) or np.any(arr < 0):
        bad = arr[~np.isfinite(arr) | (arr < 0)].ravel()[:3]
        raise InputError(f"{name} must be finite and >= 0 years, got {bad.tolist()}")
    return arr


def par_yields_from_discount(
    maturity_years: ArrayLike, discount: Callable[[NDArray[np.float64]], NDArray[np.float64]]
) -> NDArray[np.float64]:
    """Par yields (semiannual bond-equivalent, percent) implied by a discount function.

    For ``T >= 0.5`` years: the coupon ``c`` of a semiannual bond with coupon dates ``T, T-0.5,
    ...`` (> 0) whose clean price is par, accrued interest accruing linearly over the current
    half year: ``c/2 * (sum_k D(t_k) - a) + D(T) = 1`` with ``a = 1 - 2 t_1`` the accrued
    fraction (``a = 0`` on the semiannual grid, where this is the textbook
    ``c = 2 (1 - D(T)) / sum_k D(t_k)``). For ``T < 0.5``: the bill's bond-equivalent yield
    ``y = (1/D(T) - 1) / T``. Both agree at ``T = 0.5`` and the function is continuous in ``T``.

    Parameters
    ----------
    maturity_years
        Maturities in years (> 0), scalar or array.
    discount
        Callable mapping an array of times in years to discount factors.

    Returns
    -------
    numpy.ndarray
        Par yields in percent, shape of ``maturity_years``.

    References
    ----------
    Gurkaynak, Sack and Wright (2007), section 2 (par yield of a coupon bond from the discount
    function); U.S. Treasury, "Treasury Yield Curve Methodology" (CMT yields are bond-equivalent).
    """
    T = _as_maturity(maturity_years)
    if np.any(T <= 0):
        raise InputError("par yields need maturities > 0 years")
    flat = T.ravel()
    out = np.empty_like(flat)
    bill = flat < BILL_CUTOFF_YEARS - _EPS
    if bill.any():
        tb = flat[bill]
        out[bill] = (1.0 / discount(tb) - 1.0) / tb * 100.0
    bond = ~bill
    if bond.any():
        tb = flat[bond]
        n_coupons = np.ceil(tb * COUPONS_PER_YEAR - _EPS).astype(np.int64)
        k = np.arange(int(n_coupons.max()))
        times = tb[:, None] - k[None, :] / COUPONS_PER_YEAR
        valid = k[None, :] < n_coupons[:, None]
        d = np.where(valid, discount(np.where(valid, times, 1.0)), 0.0)
        first = tb - (n_coupons - 1) / COUPONS_PER_YEAR
        accrued = np.clip(1.0 - COUPONS_PER_YEAR * first, 0.0, 1.0)
        annuity = d.sum(axis=1) - accrued
        out[bond] = COUPONS_PER_YEAR * (1.0 - d[:, 0]) / annuity * 100.0
    return out.reshape(T.shape)


class Curve(ABC):
    """A zero-coupon yield curve for one date (abstract).

    Subclasses define the log discount function and the instantaneous forward; everything else
    follows. Use the constructors :meth:`from_svensson` and :meth:`from_discount_factors`, or
    :func:`treasury_leverage.curves.bootstrap.bootstrap_par_curve` and
    :func:`treasury_leverage.curves.fit.fit_nss`.
    """

    date: dt.date | None
    description: str

    @abstractmethod
    def _log_discount(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        """``ln D(t)`` for ``t >= 0`` (vectorised)."""

    @abstractmethod
    def _forward_cc(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        """Instantaneous forward, continuously compounded, decimal (vectorised)."""

    # -- constructors -----------------------------------------------------------------------
    @staticmethod
    def from_svensson(
        beta0: float, beta1: float, beta2: float, beta3: float, tau1: float, tau2: float,
        *, date: dt.date | None = None,
    ) -> SvenssonCurve:
        """Curve from Svensson parameters (GSW eq. 22); ``tau2 = -999.99`` means Nelson-Siegel.

        Parameters
        ----------
        beta0, beta1, beta2, beta3
            Percent.
        tau1, tau2
            Years.
        date
            The curve's date (informational).
        """
        return SvenssonCurve(SvenssonParams(beta0, beta1, beta2, beta3, tau1, tau2), date=date)

    @staticmethod
    def from_discount_factors(
        maturity_years: ArrayLike, discount_factors: ArrayLike,
        *, date: dt.date | None = None, description: str = "discount factors at knots",
    ) -> PiecewiseCurve:
        """Curve through given discount factors, log-linear in between (flat forwards)."""
        t = np.asarray(maturity_years, dtype=np.float64)
        d = np.asarray(discount_factors, dtype=np.float64)
        if t.shape != d.shape or t.ndim != 1 or t.size == 0:
            raise InputError("maturity_years and discount_factors must be 1-d of equal length")
        if np.any(~np.isfinite(d)) or np.any(d <= 0):
            raise InputError("discount factors must be finite and > 0")
        return PiecewiseCurve(t, np.log(d), date=date, description=description)

    # -- quantities -------------------------------------------------------------------------
    def discount_factor(self, maturity_years: ArrayLike) -> NDArray[np.float64]:
        """Discount factors ``D(t)`` (price today of 1 paid at ``t``); ``D(0) = 1``."""
        t = _as_maturity(maturity_years)
        return np.exp(self._log_discount(t))

    def zero_rate(
        self, maturity_years: ArrayLike, *, compounding: Compounding = "continuous"
    ) -> NDArray[np.float64]:
        """Zero-coupon yields in percent; at ``t = 0`` the short rate (limit).

        Parameters
        ----------
        maturity_years
            Years, scalar or array.
        compounding
            ``"continuous"`` (GSW convention) or ``"semiannual"`` (bond-equivalent).
        """
        _check_compounding(compounding)
        t = _as_maturity(maturity_years)
        safe = np.where(t > 0, t, 1.0)
        z = np.where(t > 0, -self._log_discount(safe) / safe, self._forward_cc(np.zeros_like(t)))
        return convert_rate(z * 100.0, from_compounding="continuous", to_compounding=compounding)

    def instantaneous_forward(self, maturity_years: ArrayLike) -> NDArray[np.float64]:
        """Instantaneous forward rates ``-d ln D/dt``, continuously compounded, percent."""
        t = _as_maturity(maturity_years)
        return self._forward_cc(t) * 100.0

    def forward_rate(
        self, start_years: ArrayLike, end_years: ArrayLike,
        *, compounding: Compounding = "continuous",
    ) -> NDArray[np.float64]:
        """Period forward rate between ``start`` and ``end`` (years, ``end > start``), percent.

        Defined by ``D(start) / D(end) = exp(f (end - start))`` (continuous) or
        ``(1 + f/2)^(2 (end - start))`` (semiannual).
        """
        _check_compounding(compounding)
        s = _as_maturity(start_years, name="start_years")
        e = _as_maturity(end_years, name="end_years")
        if np.any(e <= s):
            raise InputError("forward_rate needs end_years > start_years")
        f = (self._log_discount(s) - self._log_discount(e)) / (e - s)
        return convert_rate(f * 100.0, from_compounding="continuous", to_compounding=compounding)

    def par_yield(self, maturity_years: ArrayLike) -> NDArray[np.float64]:
        """Par yields (semiannual bond-equivalent, percent); bills below 6 months.

        See :func:`par_yields_from_discount` for the exact definition.
        """
        return par_yields_from_discount(maturity_years, self.discount_factor)

    def to_frame(self, maturity_years: ArrayLike) -> pd.DataFrame:
        """Table of the curve at the given maturities, with units in the column names.

        Columns: ``maturity_years``, ``discount_factor``, ``zero_yield_pct`` (continuous),
        ``zero_yield_semiannual_pct``, ``forward_pct`` (instantaneous, continuous),
        ``par_yield_pct`` (semiannual bond-equivalent).
        """
        import pandas as pd

        t = np.atleast_1d(_as_maturity(maturity_years))
        return pd.DataFrame({
            "maturity_years": t,
            "discount_factor": self.discount_factor(t),
            "zero_yield_pct": self.zero_rate(t),
            "zero_yield_semiannual_pct": self.zero_rate(t, compounding="semiannual"),
            "forward_pct": self.instantaneous_forward(t),
            # A par bond of maturity 0 does not exist: NaN there.
            "par_yield_pct": np.where(t > 0, self.par_yield(np.where(t > 0, t, 1.0)), np.nan),
        })


@dataclass(frozen=True, eq=False)
class SvenssonCurve(Curve):
    """Nelson-Siegel-Svensson zero curve (GSW parameterisation, continuously compounded).

    References
    ----------
    Gurkaynak, Sack and Wright (2007), eqs. (21)-(22).
    """

    params: SvenssonParams
    date: dt.date | None = None
    description: str = "Nelson-Siegel-Svensson (GSW eq. 22)"

    def _args(self) -> tuple[float, ...]:
        p = self.params
        tau2 = NS_SENTINEL if p.is_nelson_siegel else p.tau2
        return (p.beta0, p.beta1, p.beta2, p.beta3, p.tau1, tau2)

    def _log_discount(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        return -svensson_zero(t, *self._args()) / 100.0 * t

    def _forward_cc(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        return svensson_forward(t, *self._args()) / 100.0


@dataclass(frozen=True, eq=False)
class PiecewiseCurve(Curve):
    """Discount factors at knots, ``ln D`` linear in between: flat instantaneous forwards.

    Before the first knot ``ln D`` runs linearly from ``D(0) = 1``; beyond the last knot the last
    segment's forward rate is extended (flat-forward extrapolation).

    Attributes
    ----------
    knots_years
        Strictly increasing maturities (> 0), years.
    log_discount
        ``ln D`` at the knots.
    """

    knots_years: NDArray[np.float64]
    log_discount: NDArray[np.float64]
    date: dt.date | None = None
    description: str = "piecewise flat forwards"
    _t: NDArray[np.float64] = field(init=False, repr=False)
    _ld: NDArray[np.float64] = field(init=False, repr=False)
    _fwd: NDArray[np.float64] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        t = np.asarray(self.knots_years, dtype=np.float64)
        ld = np.asarray(self.log_discount, dtype=np.float64)
        if t.ndim != 1 or t.shape != ld.shape or t.size == 0:
            raise InputError("knots_years and log_discount must be 1-d arrays of equal length")
        if np.any(~np.isfinite(t)) or np.any(~np.isfinite(ld)):
            raise InputError("knots_years and log_discount must be finite")
        if t[0] <= 0 or np.any(np.diff(t) <= 0):
            raise InputError("knots_years must be > 0 and strictly increasing")
        full_t = np.concatenate([[0.0], t])
        full_ld = np.concatenate([[0.0], ld])
        fwd = -np.diff(full_ld) / np.diff(full_t)
        object.__setattr__(self, "_t", full_t)
        object.__setattr__(self, "_ld", full_ld)
        object.__setattr__(self, "_fwd", fwd)

    def _log_discount(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        inside = np.interp(t, self._t, self._ld)
        beyond = self._ld[-1] - self._fwd[-1] * (t - self._t[-1])
        return np.where(t > self._t[-1], beyond, inside)

    def _forward_cc(self, t: NDArray[np.float64]) -> NDArray[np.float64]:
        # Right-continuous step function: the forward of the segment [t_i, t_{i+1}) holding t.
        i = np.searchsorted(self._t, t, side="right") - 1
        return self._fwd[np.clip(i, 0, self._fwd.size - 1)]
