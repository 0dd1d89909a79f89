"""Treasury bill prices, discount rates and bond-equivalent (investment) yields, vectorized.

Bills are quoted on a bank-discount basis (Actual/360, simple, on face value) and compared with
coupon securities through the Treasury's "investment rate", the bond-equivalent yield (BEY):

* ``r`` days to maturity, at most one half-year (``r <= y/2``): simple interest on the price,
  ``i = (100 - P) / P * y / r``;
* more than a half-year: the semiannually compounded yield of a hypothetical coupon bond that
  pays its first coupon after half a year, ``P * (1 + i/2) * (1 + (r/y - 1/2) * i) = 100``,
  solved by the quadratic formula;

where ``y`` is the number of days in the year following settlement (366 when that year contains
a February 29, else 365). The two branches agree at ``r = y/2``, so the BEY is continuous in
``r``. Treasury applies the rule from the issue date; here settlement plays that role, which is
the same for a bill bought at auction.

All rates are in percent and prices per 100 face.

References
----------
31 CFR Part 356, Appendix B, Section VI (Section V in editions before floating rate notes),
"Computation of purchase price, discount rate, and investment rate (coupon-equivalent yield)
for Treasury bills": ``P = 100 * (1 - d * r / 360)``; for bills of not more
than one half-year ``i = (100 - P) / P * y / r``; for bills of more than one half-year
``i = (-2r/y + 2 * sqrt((r/y)**2 - (2r/y - 1) * (1 - 100/P))) / (2r/y - 1)``.
"""

from __future__ import annotations

from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.curves.bonds import as_numbers
from treasury_leverage.curves.schedule import as_dates
from treasury_leverage.errors import InputError

__all__ = [
    "bill_bond_equivalent_yield",
    "bill_discount_yield",
    "bill_price_from_bey",
    "bill_price_from_discount",
    "bill_year_basis",
]

FloatArray = NDArray[np.float64]
FloatOrArray = float | FloatArray

_FACE: Final = 100.0
_DISCOUNT_BASIS_DAYS: Final = 360.0


def bill_year_basis(settle: Any) -> NDArray[np.int64]:
    """Days in the year following each settlement date: 366 if it contains a Feb 29, else 365.

    Parameters
    ----------
    settle
        Dates (any form :func:`~treasury_leverage.curves.schedule.as_dates` accepts).

    Returns
    -------
    numpy.ndarray
        Days from ``settle`` to the same calendar date a year later (Feb 29 -> Feb 28).
    """
    s = as_dates(settle, "settle")
    months = s.astype("datetime64[M]")
    day = (s - months.astype("datetime64[D]")).astype(np.int64)
    nxt_month = (months + 12).astype("datetime64[D]")
    dim = ((months + 13).astype("datetime64[D]") - nxt_month).astype(np.int64)
    one_year_later = nxt_month + np.minimum(day, dim - 1)
    return np.asarray((one_year_later - s).astype(np.int64))


def _prepare(settle: Any, maturity: Any, value: Any, name: str, **bounds: float
             ) -> tuple[tuple[int, ...], FloatArray, FloatArray, FloatArray]:
    """Days to maturity ``r``, year basis ``y`` and the number, flattened and broadcast."""
    s = as_dates(settle, "settle")
    m = as_dates(maturity, "maturity")
    x = as_numbers(value, name, **bounds)
    try:
        shape = np.broadcast_shapes(s.shape, m.shape, x.shape)
    except ValueError:
        raise InputError(
            f"inputs cannot be broadcast together: settle {s.shape}, maturity {m.shape}, "
            f"{name} {x.shape}"
        ) from None
    s = np.broadcast_to(s, shape).ravel()
    m = np.broadcast_to(m, shape).ravel()
    x = np.broadcast_to(x, shape).ravel()
    days = (m - s).astype(np.int64)
    basis = bill_year_basis(s)
    bad = (days <= 0) | (days > basis)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"maturity {m[i]} must be after settle {s[i]} and at most one year later "
            f"(a bill; got {int(days[i])} days)"
        )
    return shape, days.astype(np.float64), basis.astype(np.float64), x


def _shaped(values: FloatArray, shape: tuple[int, ...]) -> FloatOrArray:
    return float(values[0]) if shape == () else values.reshape(shape)


def _check_positive(price: FloatArray, what: str, value: FloatArray) -> None:
    bad = ~(price > 0)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(
            f"{what}: {value[i]:g} would give a price <= 0 (position {i}); expected a smaller rate"
        )


def bill_price_from_discount(settle: Any, maturity: Any, discount_pct: Any) -> FloatOrArray:
    """Bill price per 100 face from its bank-discount rate.

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates (maturity within a year); broadcast.
    discount_pct
        Discount rate in percent (Actual/360).

    Returns
    -------
    float or numpy.ndarray
        ``100 - discount_pct * r / 360``.

    Raises
    ------
    InputError
        Invalid dates or numbers, or a discount so high the price would not be positive.

    References
    ----------
    31 CFR Part 356, Appendix B, Section VI (purchase price from discount rate).
    """
    shape, days, _, d = _prepare(settle, maturity, discount_pct, "discount_pct")
    price = _FACE - d * days / _DISCOUNT_BASIS_DAYS
    _check_positive(price, "discount_pct", d)
    return _shaped(price, shape)


def bill_discount_yield(settle: Any, maturity: Any, price: Any) -> FloatOrArray:
    """Bank-discount rate (percent, Actual/360) of a bill from its price per 100 face.

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates (maturity within a year); broadcast.
    price
        Price per 100 face (> 0).

    Returns
    -------
    float or numpy.ndarray
        ``(100 - price) * 360 / r`` percent.

    References
    ----------
    31 CFR Part 356, Appendix B, Section VI (discount rate from price).
    """
    shape, days, _, p = _prepare(settle, maturity, price, "price", above=0.0)
    return _shaped((_FACE - p) * _DISCOUNT_BASIS_DAYS / days, shape)


def bill_bond_equivalent_yield(settle: Any, maturity: Any, price: Any) -> FloatOrArray:
    """The Treasury's investment rate (bond-equivalent yield, percent) of a bill from its price.

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates (maturity within a year); broadcast.
    price
        Price per 100 face (> 0).

    Returns
    -------
    float or numpy.ndarray
        Simple yield on the price over ``y``-day years for bills of at most a half-year; the
        quadratic-formula semiannual yield beyond.

    Raises
    ------
    InputError
        Invalid dates or a non-positive/NaN price.

    References
    ----------
    31 CFR Part 356, Appendix B, Section VI (investment rate), both formulas.
    """
    shape, r, y, p = _prepare(settle, maturity, price, "price", above=0.0)
    a = r / y
    short = a <= 0.5
    simple = (_FACE - p) / p / a
    # The CFR's quadratic root (-2a + 2*sqrt(disc)) / (2a - 1), rationalised so that it does not
    # lose digits (0/0) as r/y approaches 1/2; both forms are algebraically equal.
    gain = _FACE / p - 1.0
    disc = a * a + (2.0 * a - 1.0) * gain
    quad = 2.0 * gain / (a + np.sqrt(np.maximum(disc, 0.0)))
    return _shaped(100.0 * np.where(short, simple, quad), shape)


def bill_price_from_bey(settle: Any, maturity: Any, bey_pct: Any) -> FloatOrArray:
    """Bill price per 100 face from its bond-equivalent (investment) yield.

    The inverse of :func:`bill_bond_equivalent_yield`.

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates (maturity within a year); broadcast.
    bey_pct
        Bond-equivalent yield in percent.

    Returns
    -------
    float or numpy.ndarray
        ``100 / (1 + i r / y)`` up to a half-year, ``100 / ((1 + i/2) (1 + (r/y - 1/2) i))``
        beyond.

    Raises
    ------
    InputError
        Invalid dates or numbers, or a yield so negative the price is not positive.

    References
    ----------
    31 CFR Part 356, Appendix B, Section VI (the equations the investment-rate formulas solve).
    """
    shape, r, y, i_pct = _prepare(settle, maturity, bey_pct, "bey_pct")
    i = i_pct / 100.0
    a = r / y
    denom = np.where(a <= 0.5, 1.0 + i * a, (1.0 + i / 2.0) * (1.0 + (a - 0.5) * i))
    _check_positive(denom, "bey_pct", i_pct)
    return _shaped(_FACE / denom, shape)
