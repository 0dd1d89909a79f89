"""Day-count conventions used for Treasury securities, vectorized.

* **Actual/Actual (ICMA)** for notes and bonds: a fraction of a regular coupon period counts as
  actual days over the actual days in that period, times the period length in years (1/2 for
  semiannual coupons). Accrued interest and the fractional first discounting period use it.
* **Actual/360** for the bank-discount rate quoted on Treasury bills.

References
----------
ICMA Rule Book, Rule 251 (Actual/Actual ICMA). 31 CFR Part 356, Appendix B (Treasury bill
discount rates use a 360-day year).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.curves.schedule import COUPONS_PER_YEAR, as_dates

__all__ = ["act_360", "act_act_icma", "days_between"]


def days_between(start: Any, end: Any) -> NDArray[np.int64]:
    """Actual calendar days from ``start`` to ``end`` (negative if ``end`` is earlier).

    Parameters
    ----------
    start, end
        Dates in any form :func:`~treasury_leverage.curves.schedule.as_dates` accepts; broadcast.
    """
    s = as_dates(start, "start")
    e = as_dates(end, "end")
    return np.asarray((e - s).astype(np.int64))


def act_act_icma(
    start: Any, end: Any, ref_start: Any, ref_end: Any, *, frequency: int = COUPONS_PER_YEAR
) -> NDArray[np.float64]:
    """Actual/Actual (ICMA) year fraction of ``[start, end]`` inside one regular coupon period.

    Parameters
    ----------
    start, end
        The sub-period (e.g. last coupon to settlement for accrued interest).
    ref_start, ref_end
        The regular coupon period containing it.
    frequency
        Coupons per year (2 for Treasuries).

    Returns
    -------
    numpy.ndarray
        ``days(start, end) / days(ref_start, ref_end) / frequency`` in years.

    References
    ----------
    ICMA Rule Book, Rule 251.1(iii): for a regular period, the fraction is the number of days
    in the calculation period divided by the product of the days in the coupon period and the
    number of coupon periods in a year.
    """
    if frequency <= 0:
        raise ValueError(f"frequency must be a positive number of coupons per year, got {frequency}")
    num = days_between(start, end).astype(np.float64)
    den = days_between(ref_start, ref_end).astype(np.float64)
    return np.asarray(num / den / frequency)


def act_360(start: Any, end: Any) -> NDArray[np.float64]:
    """Actual/360 year fraction (the Treasury bill discount-rate basis)."""
    return np.asarray(days_between(start, end) / 360.0)
