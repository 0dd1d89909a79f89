"""Treasury note and bond coupon schedules, vectorized over many bonds.

Treasury notes and bonds pay semiannually on the maturity day of the month, 6 and 12 months
apart, with the end-of-month rule: a security maturing on the last day of a month pays on the
last day of every coupon month (2035-02-28 -> 2034-08-31 -> 2034-02-28). A security maturing on
another day pays on that day, clipped to the month's length (2030-08-30 -> 2030-02-28), each date
counted back from maturity rather than from the previous coupon so the clipping never
propagates. Dates are never moved for weekends or holidays: payments due on a holiday are made
the next business day, but accrual runs between the nominal dates, which is what matters for
prices, accrued interest and yields.

Only regular first coupons are handled: the previous coupon date before settlement is always a
full six months before the next one, as for any Treasury traded after its first coupon (or
issued on a coupon cycle date).

This matches QuantLib's ``Schedule(effective, maturity, Period(Semiannual), NullCalendar(),
Unadjusted, Unadjusted, DateGeneration.Backward, endOfMonth=True)``.

Dates are ``numpy.datetime64[D]``; the coercion helper :func:`as_dates` accepts
``numpy.datetime64``, :class:`datetime.date`, ISO strings, and arrays or lists of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final, NamedTuple

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError

__all__ = [
    "COUPONS_PER_YEAR",
    "DATE_RANGE",
    "CouponPeriod",
    "as_dates",
    "coupon_date_before_maturity",
    "coupon_period",
    "coupon_schedule",
    "is_end_of_month",
]

#: Treasury notes and bonds pay twice a year.
COUPONS_PER_YEAR: Final = 2
#: Months between two coupon dates.
_MONTHS_PER_PERIOD: Final = 12 // COUPONS_PER_YEAR

DateArray = NDArray[np.datetime64]
IntArray = NDArray[np.int64]


def as_dates(value: Any, name: str) -> DateArray:
    """Coerce dates to a ``datetime64[D]`` array (0-d for a scalar).

    Parameters
    ----------
    value
        A ``numpy.datetime64``, :class:`datetime.date` / :class:`datetime.datetime` (the time is
        dropped), an ISO ``YYYY-MM-DD`` string, or an array/list/Series of them.
    name
        The argument's name, quoted in the error message.

    Returns
    -------
    numpy.ndarray
        ``datetime64[D]`` values, same shape as the input.

    Raises
    ------
    InputError
        If a value is not a date (unparseable string, number, missing value / NaT).
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    arr = np.asarray(value)
    if arr.dtype.kind in "biufc":
        raise InputError(
            f"{name}: expected a date (ISO 'YYYY-MM-DD' string, datetime.date or numpy.datetime64), "
            f"got a number {value!r}"
        )
    try:
        days = arr.astype("datetime64[D]")
    except (ValueError, TypeError) as exc:
        raise InputError(
            f"{name}: could not read {value!r} as a date; expected ISO 'YYYY-MM-DD' strings, "
            f"datetime.date or numpy.datetime64 ({exc})"
        ) from None
    lo, hi = DATE_RANGE
    out_of_range = (days < lo) | (days > hi)
    if out_of_range.any():
        bad_day = days.ravel()[int(np.flatnonzero(out_of_range.ravel())[0])]
        raise InputError(f"{name}: date {bad_day} is outside {lo} to {hi}; check the year")
    if np.isnat(days).any():
        bad = np.flatnonzero(np.isnat(days).ravel())
        raise InputError(
            f"{name}: missing date (NaT) at position {int(bad[0])}; every bond needs a date"
            if days.ndim
            else f"{name}: missing date (NaT); expected a date"
        )
    return days


# Calendar arithmetic on integer day numbers (days since 1970-01-01): year/month/day with the
# proleptic Gregorian algorithm of H. Hinnant ("chrono-Compatible Low-Level Date Algorithms"),
# several times faster than numpy's datetime64 unit conversions, which dominated the kernels.
_EPOCH_SHIFT: Final = 719_468  # days from 0000-03-01 to 1970-01-01
_DAYS_PER_ERA: Final = 146_097  # days in 400 Gregorian years


def _civil_from_days(days: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Year, month (1-12) and day (1-31) of integer day numbers."""
    z = days + _EPOCH_SHIFT
    era = z // _DAYS_PER_ERA
    doe = z - era * _DAYS_PER_ERA
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    year = yoe + era * 400 + (month <= 2)
    return year, month, day


def _month_and_day(days: IntArray) -> tuple[IntArray, IntArray]:
    """Month index (months since 1970-01) and day of month (1-based) of integer day numbers."""
    year, month, day = _civil_from_days(days)
    return (year - 1970) * 12 + month - 1, day


#: Dates the bond math accepts; coupon dates counted back stay inside the month table below.
DATE_RANGE: Final = (np.datetime64("1800-01-01"), np.datetime64("2299-12-31"))
_TABLE_FIRST_MONTH: Final = (1700 - 1970) * 12
# Day number of the first day of every month from 1700-01 to 2401-01: month arithmetic becomes
# a table look-up instead of a dozen integer divisions per date.
_MONTH_STARTS: Final = (
    np.arange(_TABLE_FIRST_MONTH, (2401 - 1970) * 12 + 1).astype("datetime64[M]")
    .astype("datetime64[D]").astype(np.int64)
)


def _month_start(month_index: IntArray) -> IntArray:
    """Day number of the first day of each month index (months since 1970-01)."""
    return _MONTH_STARTS[month_index - _TABLE_FIRST_MONTH]


def _days_in_month(month_index: IntArray) -> IntArray:
    i = month_index - _TABLE_FIRST_MONTH
    return _MONTH_STARTS[i + 1] - _MONTH_STARTS[i]


def _day_numbers(dates: DateArray) -> IntArray:
    return np.asarray(dates.astype("datetime64[D]").astype(np.int64))


def is_end_of_month(dates: Any) -> NDArray[np.bool_]:
    """Whether each date is the last calendar day of its month (so the end-of-month rule applies).

    Parameters
    ----------
    dates
        Dates in any form :func:`as_dates` accepts.
    """
    month, day = _month_and_day(_day_numbers(as_dates(dates, "dates")))
    return np.asarray(day == _days_in_month(month))


def coupon_date_before_maturity(maturity: Any, periods_back: Any) -> DateArray:
    """The nominal coupon date ``periods_back`` half-years before maturity.

    Parameters
    ----------
    maturity
        Maturity dates (any form :func:`as_dates` accepts).
    periods_back
        Non-negative integers (0 gives the maturity date itself); broadcast against ``maturity``.

    Returns
    -------
    numpy.ndarray
        ``datetime64[D]`` coupon dates under the end-of-month rule.
    """
    mat = as_dates(maturity, "maturity")
    k = np.asarray(periods_back, dtype=np.int64)
    mat_month, mat_day = _month_and_day(_day_numbers(mat))
    eom = mat_day == _days_in_month(mat_month)
    return _coupon_date(mat_month, mat_day, eom, k).astype("datetime64[D]")


def _coupon_date(mat_month: IntArray, mat_day: IntArray, eom: NDArray[np.bool_],
                 k: IntArray) -> IntArray:
    # Each date is counted back from maturity (not from the previous coupon), as QuantLib's
    # backward generation does, so a clipped day (Aug-30 -> Feb-28) never propagates.
    month = mat_month - _MONTHS_PER_PERIOD * k
    dim = _days_in_month(month)
    day = np.where(eom, dim, np.minimum(mat_day, dim))
    return _month_start(month) + day - 1


class CouponPeriod(NamedTuple):
    """Where settlement falls in each bond's coupon schedule.

    Attributes
    ----------
    previous_coupon, next_coupon
        ``datetime64[D]`` nominal coupon dates with ``previous_coupon <= settle < next_coupon``.
    coupons_remaining
        Number of coupons still to be paid after settlement (the next one included).
    days_accrued
        Days from the previous coupon to settlement.
    days_in_period
        Days from the previous to the next coupon (181 to 184).
    """

    previous_coupon: DateArray
    next_coupon: DateArray
    coupons_remaining: IntArray
    days_accrued: IntArray
    days_in_period: IntArray


def coupon_period(settle: Any, maturity: Any) -> CouponPeriod:
    """Locate settlement in each bond's semiannual coupon schedule (vectorized, no loop).

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates (any form :func:`as_dates` accepts), broadcast together;
        ``maturity`` must be after ``settle``.

    Returns
    -------
    CouponPeriod
        Previous and next coupon dates, coupons remaining and the day counts for accrual.

    Raises
    ------
    InputError
        If a date cannot be read or a maturity is on or before its settlement date.
    """
    s = as_dates(settle, "settle")
    m = as_dates(maturity, "maturity")
    s, m = np.broadcast_arrays(s, m)
    _check_order(s, m)
    s_days = _day_numbers(s)
    mat_month, mat_day = _month_and_day(_day_numbers(m))
    set_month, _ = _month_and_day(s_days)
    eom = mat_day == _days_in_month(mat_month)
    # The coupon date k_est periods back lies in settlement's month or up to 5 months later;
    # if it is still after settlement, the previous coupon is one period further back.
    k_est = (mat_month - set_month) // _MONTHS_PER_PERIOD
    d_est = _coupon_date(mat_month, mat_day, eom, k_est)
    k_prev = k_est + (d_est > s_days)
    prev = _coupon_date(mat_month, mat_day, eom, k_prev)
    nxt = _coupon_date(mat_month, mat_day, eom, k_prev - 1)
    return CouponPeriod(
        previous_coupon=prev.astype("datetime64[D]"),
        next_coupon=nxt.astype("datetime64[D]"),
        coupons_remaining=np.asarray(k_prev, dtype=np.int64),
        days_accrued=np.asarray(s_days - prev, dtype=np.int64),
        days_in_period=np.asarray(nxt - prev, dtype=np.int64),
    )


def _check_order(settle: DateArray, maturity: DateArray) -> None:
    bad = maturity <= settle
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        where = f" (position {i})" if bad.size > 1 else ""
        raise InputError(
            f"maturity {maturity.ravel()[i]} must be after settle {settle.ravel()[i]}{where}"
        )


def coupon_schedule(settle: Any, maturity: Any) -> DateArray:
    """All coupon dates of one bond after settlement, in order (the last one is maturity).

    Parameters
    ----------
    settle, maturity
        Scalar settlement and maturity dates.

    Returns
    -------
    numpy.ndarray
        ``datetime64[D]`` coupon dates strictly after ``settle``.

    Raises
    ------
    InputError
        If a date is not a scalar date or maturity is not after settlement.
    """
    s = as_dates(settle, "settle")
    m = as_dates(maturity, "maturity")
    if s.ndim or m.ndim:
        raise InputError("coupon_schedule: settle and maturity must be single dates, not arrays")
    n = int(coupon_period(s, m).coupons_remaining)
    return coupon_date_before_maturity(m, np.arange(n - 1, -1, -1))
