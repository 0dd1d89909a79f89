"""Treasury note and bond price, yield, accrued interest and risk, vectorized over bonds.

Conventions (the Treasury's and the street's, and QuantLib's defaults for a ``FixedRateBond`` on
an unadjusted end-of-month semiannual schedule with ``ActualActual(Bond)`` / ISMA day count):

* Cash flows: ``coupon_pct / 2`` per 100 face on each nominal coupon date of the schedule in
  :mod:`~treasury_leverage.curves.schedule` (end-of-month rule, regular coupons), plus 100 at
  maturity. A coupon falling on the settlement date belongs to the seller (accrued is 0, the
  coupon is not in the price).
* Accrued interest: Actual/Actual (ICMA), ``coupon_pct / 2 * days_accrued / days_in_period``.
* Price from yield: semiannual compounding with discount factor ``(1 + y/2) ** -(w + j)`` for
  the ``j``-th remaining cash flow, where ``w = days_to_next_coupon / days_in_period`` is the
  Act/Act (ICMA) fraction of the current period. The last period is discounted the same way:
  there is **no** money-market (simple-yield) convention for a bond in its final coupon period
  (the SIA "street" variant some calculators use); this is QuantLib's default (``Compounded``
  throughout, not ``SimpleThenCompounded``), which the tests match.
* Yields and coupons are in percent; prices per 100 face.

Risk measures are derivatives with respect to the semiannually compounded yield:

* modified duration ``D = -(dP/dy) / P`` in years, Macaulay duration ``D * (1 + y/2)``;
* DV01 ``= D * P_dirty * 0.0001`` per 100 face, the (positive) fall in the dirty price for a one
  basis point rise in yield, to first order;
* convexity ``= (d2P/dy2) / P`` in years squared, with ``P`` the dirty price and ``y`` the
  compounded yield in decimals; this is QuantLib's ``BondFunctions.convexity`` with
  ``InterestRate(y, dc, Compounded, Semiannual)``. Some texts divide by 100 or use
  continuously compounded yields; this module does neither.

Two conventions for the fraction ``w`` of a period before the next coupon (``bond_price``'s
``convention``):

* ``"street"`` (default): compounded, ``(1 + y/2) ** -w``, as above and as QuantLib does;
* ``"treasury"``: simple interest over the fraction, ``1 / (1 + w * y/2)``, the formula the
  Treasury uses to turn auction yields into prices (31 CFR 356, Appendix B). The two agree on a
  coupon date and differ by about 0.002 per 100 for a reopening settled mid-period; the tests
  reproduce published auction prices to the sixth decimal with it.

References
----------
31 CFR Part 356, Appendix B, Section I (interest and accrued interest on notes and bonds:
half-year periods, actual days) and Section II (conversion of yields to prices for a regular
first coupon: ``P = [C/2 + C/2 * a_n + 100 v**n] / (1 + (r/s) i/2) - A``, ``v = 1/(1+i/2)``).
Fabozzi, F. J. (ed.), *The Handbook of Fixed Income Securities*, ch. "Bond Pricing, Yield
Measures and Total Return" (duration and convexity of a semiannual bond).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal, NamedTuple

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.curves.schedule import (
    COUPONS_PER_YEAR,
    as_dates,
    coupon_date_before_maturity,
    coupon_period,
)
from treasury_leverage.errors import InputError
from treasury_leverage.units import DECIMAL_PER_BP

__all__ = [
    "YIELD_TOLERANCE",
    "BondAnalytics",
    "BondCashflows",
    "BondRisk",
    "accrued_interest",
    "bond_analytics",
    "bond_cashflows",
    "bond_price",
    "bond_risk",
    "bond_yield",
]

FloatArray = NDArray[np.float64]
FloatOrArray = float | FloatArray

#: Convergence tolerance of the yield solver, on the yield in decimals (1e-10 percent).
YIELD_TOLERANCE: Final = 1e-12
#: Bracket of the yield solver in decimals: -100% to 1000% (a price outside it is rejected).
_YIELD_BRACKET: Final = (-1.0, 10.0)
_MAX_ITERATIONS: Final = 200
_FACE: Final = 100.0


# -- inputs ---------------------------------------------------------------------------------


def as_numbers(
    value: Any, name: str, *, above: float | None = None, at_least: float | None = None
) -> FloatArray:
    """Coerce a number or array to float64, rejecting NaN, infinities and out-of-range values.

    Parameters
    ----------
    value
        A number, array or list.
    name
        The argument's name, quoted in the message.
    above, at_least
        Strict and inclusive lower bounds.

    Raises
    ------
    InputError
        If a value is not a finite number within the bounds.
    """
    try:
        arr = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InputError(f"{name}: expected a number or an array of numbers, got {value!r}") from None
    bad = ~np.isfinite(arr)
    expected = "a finite number"
    if above is not None:
        bad |= ~(arr > above)
        expected = f"a number > {above:g}"
    if at_least is not None:
        bad |= ~(arr >= at_least)
        expected = f"a number >= {at_least:g}"
    if bad.any():
        i = int(np.flatnonzero(bad.ravel())[0])
        where = f" at position {i}" if arr.size > 1 else ""
        raise InputError(f"{name}: expected {expected}, got {arr.ravel()[i]!r}{where}")
    return arr


def _broadcast(**arrays: NDArray[Any]) -> tuple[tuple[int, ...], list[NDArray[Any]]]:
    """Broadcast the inputs together; return the common shape and flattened 1-D copies."""
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{k} {v.shape}" for k, v in arrays.items())
        raise InputError(f"inputs cannot be broadcast together: {shapes}") from None
    return shape, [np.broadcast_to(a, shape).ravel() for a in arrays.values()]


def _shaped(values: FloatArray, shape: tuple[int, ...]) -> FloatOrArray:
    return float(values[0]) if shape == () else values.reshape(shape)


class _Bonds(NamedTuple):
    """Flattened per-bond quantities shared by every kernel."""

    shape: tuple[int, ...]
    coupon: FloatArray  # coupon per period per 100 face
    w: FloatArray  # fraction of the current period left until the next coupon
    n: NDArray[np.int64]  # coupons remaining
    accrued: FloatArray


def _prepare(settle: Any, maturity: Any, coupon_pct: Any, **extra: NDArray[Any]
             ) -> tuple[_Bonds, list[NDArray[Any]]]:
    s = as_dates(settle, "settle")
    m = as_dates(maturity, "maturity")
    c = as_numbers(coupon_pct, "coupon_pct", at_least=0.0)
    shape, flat = _broadcast(settle=s, maturity=m, coupon_pct=c, **extra)
    period = coupon_period(flat[0], flat[1])
    coupon = flat[2] / COUPONS_PER_YEAR
    e = period.days_in_period.astype(np.float64)
    # Act/Act (ICMA) fractions of the current regular period.
    w = (e - period.days_accrued) / e
    accrued = coupon * (period.days_accrued / e)
    return _Bonds(shape, coupon, w, period.coupons_remaining, accrued), flat[3:]


# -- kernel ---------------------------------------------------------------------------------


class _Sums(NamedTuple):
    dirty: FloatArray  # sum CF * v**tau
    q1: FloatArray  # sum tau * CF * v**tau  (tau in periods)
    q2: FloatArray  # sum tau * (tau + 1) * CF * v**tau


def _discounted_sums(coupon: FloatArray, w: FloatArray, n: NDArray[np.int64], h: FloatArray,
                     order: int) -> _Sums:
    """Price and first/second moments of the cash flows at per-period yield ``h = y/2``.

    The loop runs over coupon periods, not bonds: bonds are sorted by coupons remaining so that
    at period ``j`` the bonds still paying form a prefix and are updated in place as slices.
    """
    size = n.size
    if size and np.any(n[1:] > n[:-1]):
        # Radix sort on small integers (coupon counts stay far below 2**15 for dates in range).
        idx = np.argsort(-n.astype(np.int16), kind="stable")
        out = _discounted_sums(coupon[idx], w[idx], n[idx], h[idx], order)
        inv = np.empty_like(idx)
        inv[idx] = np.arange(size)
        return _Sums(*(a[inv] for a in out))
    growth = 1.0 + h
    v = 1.0 / growth
    # v**w with w the Act/Act fraction of the current period (QuantLib: (1+y/2)**(-2*t)).
    df = np.power(growth, -w)
    # Running sums over the coupons j = 0..n-1 with discount factors d_j = v**(w+j):
    # s0 = sum d_j; and, by summing the running sums again, the moments in r = n-1-j (periods
    # before the last coupon): s1 = sum r d_j, s2 = sum r(r-1)/2 d_j. Additions only, no
    # temporaries: this loop is the whole cost of pricing.
    s0 = np.zeros(size)
    s1 = np.zeros(size)
    s2 = np.zeros(size)
    # Bonds paying at least j+1 more coupons: n is non-increasing, so they are a prefix.
    n_max = int(n[0]) if size else 0
    active = np.searchsorted(-n, -np.arange(n_max), side="left")
    for j in range(n_max):
        k = int(active[j])
        if order >= 2:
            s2[:k] += s1[:k]
        if order >= 1:
            s1[:k] += s0[:k]
        s0[:k] += df[:k]
        df[:k] *= v[:k]
    # df now holds v**(w+n); the principal is paid with the last coupon, at tau = w+n-1.
    df_last = df * growth
    tau_last = w + (n - 1)
    dirty = coupon * s0 + _FACE * df_last
    if order == 0:
        return _Sums(dirty, dirty, dirty)
    # tau = tau_last - r for each cash flow, the principal at r = 0.
    q1 = tau_last * dirty - coupon * s1
    if order == 1:
        return _Sums(dirty, q1, q1)
    # sum tau (tau+1) CF v^tau = tau_last (tau_last+1) P - 2 tau_last sum r CF + sum r(r-1) CF.
    q2 = tau_last * (tau_last + 1.0) * dirty - coupon * (2.0 * tau_last * s1 - 2.0 * s2)
    return _Sums(dirty, q1, q2)


# -- public API -----------------------------------------------------------------------------


def accrued_interest(settle: Any, maturity: Any, coupon_pct: Any) -> FloatOrArray:
    """Accrued interest per 100 face, Actual/Actual (ICMA).

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates (``numpy.datetime64``, :class:`datetime.date`, ISO strings
        or arrays of them); broadcast with ``coupon_pct``.
    coupon_pct
        Annual coupon rate in percent (paid semiannually).

    Returns
    -------
    float or numpy.ndarray
        ``coupon_pct / 2 * days since last coupon / days in the coupon period``; 0 on a coupon
        date.

    Raises
    ------
    InputError
        Unreadable dates, maturity on or before settlement, a negative or NaN coupon.
    """
    bonds, _ = _prepare(settle, maturity, coupon_pct)
    return _shaped(bonds.accrued, bonds.shape)


def _yields(yield_pct: Any) -> FloatArray:
    # 1 + y/2 must stay positive for the compounded discount factor to exist.
    return as_numbers(yield_pct, "yield_pct", above=-100.0 * COUPONS_PER_YEAR)


def bond_price(
    settle: Any,
    maturity: Any,
    coupon_pct: Any,
    yield_pct: Any,
    *,
    clean: bool = True,
    convention: Literal["street", "treasury"] = "street",
) -> FloatOrArray:
    """Price per 100 face of Treasury notes/bonds from their yields.

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates; broadcast with the other arguments.
    coupon_pct
        Annual coupon rate in percent.
    yield_pct
        Yield to maturity in percent, semiannually compounded (> -200).
    clean
        Return the clean price (``True``, the quoted price) or the dirty (invoice) price.
    convention
        ``"street"`` (compounded over the fraction of the current period; QuantLib's default)
        or ``"treasury"`` (simple interest over that fraction, as in the Treasury's auction
        price formula). They agree on coupon dates.

    Returns
    -------
    float or numpy.ndarray
        Price per 100 face; a float when every input is a scalar.

    Raises
    ------
    InputError
        Unreadable dates, maturity on or before settlement, NaN or out-of-range numbers, an
        unknown convention.

    References
    ----------
    31 CFR Part 356, Appendix B, Section II, conversion of yields to prices for a note or bond
    with a regular first coupon.
    """
    if convention not in ("street", "treasury"):
        raise InputError(f"convention {convention!r} is not known; expected 'street' or 'treasury'")
    bonds, (y,) = _prepare(settle, maturity, coupon_pct, yield_pct=_yields(yield_pct))
    h = y / 200.0
    sums = _discounted_sums(bonds.coupon, bonds.w, bonds.n, h, order=0)
    dirty = sums.dirty
    if convention == "treasury":
        # Value at the next coupon date, brought back with simple interest over the fraction w.
        dirty = dirty * np.power(1.0 + h, bonds.w) / (1.0 + bonds.w * h)
    price = dirty - bonds.accrued if clean else dirty
    return _shaped(price, bonds.shape)


@dataclass(frozen=True, eq=False)
class BondSchedule:
    """A few bonds' coupon schedules located once, to price them at many yields.

    :func:`bond_price` (clean, ``"street"``) of the same bonds, the same numbers bit for bit: the
    schedule (dates, coupons remaining, accrual) is what :func:`bond_price` re-derives for every
    element of a broadcast yield array; here it is derived once per bond and each yield is priced
    by the same per-element arithmetic. Built by :func:`bond_schedule`.
    """

    #: Bonds, their coupon per period per 100 face, Act/Act fraction of the current period left,
    #: coupons remaining and accrued interest, sorted by coupons remaining (most first).
    bonds: _Bonds
    #: ``order[i]``: the bond in sorted position ``i``; ``inverse`` undoes it.
    order: NDArray[np.int64]
    inverse: NDArray[np.int64]

    @property
    def size(self) -> int:
        """Number of bonds."""
        return int(self.order.size)

    def price(self, yield_pct: Any) -> FloatArray:
        """Clean prices per 100 face at ``yield_pct`` of shape ``(..., n_bonds)`` (last axis the bonds).

        Raises
        ------
        InputError
            A yield that is NaN, infinite or at most -200%, or a last axis of another length.
        """
        y = _yields(yield_pct)
        k = self.size
        if y.ndim == 0 or y.shape[-1] != k:
            raise InputError(f"yield_pct: expected a last axis of {k} bonds, got shape {y.shape}")
        lead = y.shape[:-1]
        rows = int(np.prod(lead, dtype=np.int64))
        # bond-major and sorted by coupons remaining: the coupon counts are non-increasing along
        # the flat array, so the kernel needs no sort of its own
        flat = np.ascontiguousarray(y.reshape(rows, k).T[self.order]).ravel()
        b = self.bonds
        sums = _discounted_sums(np.repeat(b.coupon, rows), np.repeat(b.w, rows), np.repeat(b.n, rows),
                                flat / 200.0, order=0)
        price = sums.dirty - np.repeat(b.accrued, rows)
        # C order, as bond_price returns it: a later reduction over the bonds then sums in the same order
        return np.ascontiguousarray(price.reshape(k, rows)[self.inverse].T).reshape(y.shape)


def bond_schedule(settle: Any, maturity: Any, coupon_pct: Any) -> BondSchedule:
    """The :class:`BondSchedule` of bonds (1-D ``maturity`` and ``coupon_pct``, one ``settle``).

    Raises
    ------
    InputError
        Unreadable dates, a maturity on or before settlement, a negative or NaN coupon.
    """
    bonds, _ = _prepare(settle, maturity, coupon_pct)
    if len(bonds.shape) != 1:
        raise InputError(f"maturity, coupon_pct: expected one bond per element of a 1-D array, got shape "
                         f"{bonds.shape}")
    order = np.argsort(-bonds.n, kind="stable")
    inverse = np.empty_like(order)
    inverse[order] = np.arange(order.size)
    sorted_bonds = _Bonds(bonds.shape, bonds.coupon[order], bonds.w[order], bonds.n[order],
                          bonds.accrued[order])
    for a in sorted_bonds[1:]:
        a.flags.writeable = False
    return BondSchedule(sorted_bonds, order, inverse)


class BondRisk(NamedTuple):
    """Yield risk of Treasury notes/bonds (floats for one bond, arrays for many).

    Attributes
    ----------
    modified_duration
        ``-(dP/dy)/P`` in years, ``y`` the semiannually compounded yield.
    macaulay_duration
        Present-value-weighted time to the cash flows in years, ``= modified * (1 + y/2)``.
    dv01
        Fall in the dirty price per 100 face for a 1 bp rise in yield (positive), first order:
        ``modified_duration * dirty_price * 0.0001``.
    convexity
        ``(d2P/dy2)/P`` in years squared with the compounded yield in decimals (QuantLib's
        ``BondFunctions.convexity``); the price change for a yield change ``dy`` (decimal) is
        about ``P * (-D*dy + convexity/2 * dy**2)``.
    """

    modified_duration: FloatOrArray
    macaulay_duration: FloatOrArray
    dv01: FloatOrArray
    convexity: FloatOrArray


def _risk(bonds: _Bonds, y: FloatArray) -> tuple[_Sums, FloatArray, FloatArray, FloatArray,
                                                  FloatArray]:
    h = y / 200.0
    sums = _discounted_sums(bonds.coupon, bonds.w, bonds.n, h, order=2)
    growth = 1.0 + h
    # tau is in half-years: d/dy = (1/2) d/dh, and t_years = tau / 2.
    dpdy = sums.q1 / (COUPONS_PER_YEAR * growth)
    modified = dpdy / sums.dirty
    macaulay = sums.q1 / (COUPONS_PER_YEAR * sums.dirty)
    convexity = sums.q2 / (COUPONS_PER_YEAR**2 * growth * growth * sums.dirty)
    return sums, modified, macaulay, dpdy * DECIMAL_PER_BP, convexity


def bond_risk(settle: Any, maturity: Any, coupon_pct: Any, yield_pct: Any) -> BondRisk:
    """Modified and Macaulay duration, DV01 and convexity of Treasury notes/bonds at a yield.

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates; broadcast with the other arguments.
    coupon_pct
        Annual coupon rate in percent.
    yield_pct
        Yield to maturity in percent, semiannually compounded.

    Returns
    -------
    BondRisk
        Durations in years, DV01 per 100 face per basis point, convexity in years squared.

    Raises
    ------
    InputError
        Unreadable dates, maturity on or before settlement, NaN or out-of-range numbers.

    References
    ----------
    Fabozzi (ed.), *The Handbook of Fixed Income Securities*, duration and convexity of an
    option-free bond; definitions as in QuantLib's ``CashFlows::modifiedDuration`` and
    ``CashFlows::convexity`` for a compounded yield.
    """
    bonds, (y,) = _prepare(settle, maturity, coupon_pct, yield_pct=_yields(yield_pct))
    _, modified, macaulay, dv01, convexity = _risk(bonds, y)
    shp = bonds.shape
    return BondRisk(_shaped(modified, shp), _shaped(macaulay, shp), _shaped(dv01, shp),
                    _shaped(convexity, shp))


def _approximate_yield(bonds: _Bonds, clean: FloatArray) -> FloatArray:
    # The textbook "approximate yield to maturity" as a starting point (decimals).
    years = (bonds.w + bonds.n - 1) / COUPONS_PER_YEAR
    annual_coupon = bonds.coupon * COUPONS_PER_YEAR
    guess = (annual_coupon + (_FACE - clean) / np.maximum(years, 0.25)) / ((_FACE + clean) / 2)
    return np.clip(guess, -0.5, 1.0)


def _solve_yield(bonds: _Bonds, dirty_target: FloatArray) -> FloatArray:
    """Safeguarded Newton on the yield (decimals), vectorized over bonds.

    Each point keeps a bracket ``[lo, hi]`` that the price-yield relation (strictly
    decreasing) narrows at every evaluation; a Newton step that leaves the bracket, or is not
    finite, is replaced by bisection. Converged points drop out of the active set.
    """
    lo_bound, hi_bound = _YIELD_BRACKET
    y = _approximate_yield(bonds, dirty_target - bonds.accrued)
    lo = np.full_like(y, lo_bound)
    hi = np.full_like(y, hi_bound)
    active = np.arange(y.size)
    for _ in range(_MAX_ITERATIONS):
        if not active.size:
            break
        ya = y[active]
        h = ya / COUPONS_PER_YEAR
        sums = _discounted_sums(bonds.coupon[active], bonds.w[active], bonds.n[active], h, 1)
        f = sums.dirty - dirty_target[active]
        slope = -sums.q1 / (COUPONS_PER_YEAR * (1.0 + h))
        la = np.where(f > 0, ya, lo[active])
        ha = np.where(f < 0, ya, hi[active])
        with np.errstate(divide="ignore", invalid="ignore"):
            step = f / slope
        y_new = ya - step
        inside = (y_new > la) & (y_new < ha)
        y_new = np.where(inside, y_new, 0.5 * (la + ha))
        done = (np.abs(y_new - ya) <= YIELD_TOLERANCE) | (f == 0)
        y_new = np.where(f == 0, ya, y_new)
        lo[active], hi[active], y[active] = la, ha, y_new
        active = active[~done]
    at_edge = (y <= lo_bound + 1e-9) | (y >= hi_bound - 1e-9)
    failed = at_edge.copy()
    failed[active] = True
    if failed.any():
        i = int(np.flatnonzero(failed)[0])
        raise InputError(
            f"price: dirty price {dirty_target[i]:.6f}"
            + (f" (bond at position {i})" if y.size > 1 else "")
            + " implies a yield "
            f"outside {100 * lo_bound:g}% to {100 * hi_bound:g}% or could not be solved; check "
            "the price is per 100 face and clean/dirty is as intended"
        )
    return y


def bond_yield(
    settle: Any, maturity: Any, coupon_pct: Any, price: Any, *, clean: bool = True
) -> FloatOrArray:
    """Yield to maturity (percent, semiannual) of Treasury notes/bonds from their prices.

    Solved with a vectorized safeguarded Newton iteration (bisection inside a bracket where
    a Newton step fails), to :data:`YIELD_TOLERANCE` on the decimal yield.

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates; broadcast with the other arguments.
    coupon_pct
        Annual coupon rate in percent.
    price
        Price per 100 face (> 0).
    clean
        Whether ``price`` is clean (quoted, the default) or dirty (invoice).

    Returns
    -------
    float or numpy.ndarray
        Yield in percent, the inverse of :func:`bond_price`.

    Raises
    ------
    InputError
        Unreadable dates, maturity on or before settlement, NaN or non-positive price, or a
        price implying a yield outside -100% to 1000%.
    """
    p = as_numbers(price, "price", above=0.0)
    bonds, (p_flat,) = _prepare(settle, maturity, coupon_pct, price=p)
    dirty = p_flat + bonds.accrued if clean else p_flat
    return _shaped(100.0 * _solve_yield(bonds, dirty), bonds.shape)


@dataclass(frozen=True)
class BondAnalytics:
    """Price, yield and risk of Treasury notes/bonds, with units in the field names.

    Fields are floats for one bond and arrays for many. :meth:`to_dict` gives the JSON keys the
    CLI and the web API emit.
    """

    settle: Any
    maturity: Any
    coupon_pct: FloatOrArray
    yield_pct: FloatOrArray
    clean_price_per_100: FloatOrArray
    accrued_per_100: FloatOrArray
    dirty_price_per_100: FloatOrArray
    modified_duration_years: FloatOrArray
    macaulay_duration_years: FloatOrArray
    dv01_per_100: FloatOrArray
    convexity: FloatOrArray

    def to_dict(self) -> dict[str, Any]:
        """The fields as plain Python values: floats and ISO date strings, lists for many bonds."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, np.ndarray | np.datetime64) and value.dtype.kind == "M":
                value = np.datetime_as_string(value, unit="D")
            out[name] = value.tolist() if isinstance(value, np.ndarray | np.generic) else value
        return out


def bond_analytics(
    settle: Any,
    maturity: Any,
    coupon_pct: Any,
    *,
    yield_pct: Any = None,
    price: Any = None,
    clean: bool = True,
) -> BondAnalytics:
    """Everything about Treasury notes/bonds at a yield or a price, in one vectorized pass.

    Parameters
    ----------
    settle, maturity
        Settlement and maturity dates; broadcast with the other arguments.
    coupon_pct
        Annual coupon rate in percent.
    yield_pct, price
        Give exactly one: the semiannual yield in percent, or the price per 100 face.
    clean
        Whether ``price`` is clean (default) or dirty; ignored with ``yield_pct``.

    Returns
    -------
    BondAnalytics
        Yield, clean/accrued/dirty price, durations, DV01 and convexity.

    Raises
    ------
    InputError
        If both or neither of ``yield_pct`` and ``price`` are given, or any input is invalid.
    """
    if (yield_pct is None) == (price is None):
        raise InputError("bond_analytics: give exactly one of yield_pct and price")
    s = as_dates(settle, "settle")
    m = as_dates(maturity, "maturity")
    if price is not None:
        p = as_numbers(price, "price", above=0.0)
        bonds, (p_flat,) = _prepare(s, m, coupon_pct, price=p)
        y = 100.0 * _solve_yield(bonds, p_flat + bonds.accrued if clean else p_flat)
    else:
        bonds, (y,) = _prepare(s, m, coupon_pct, yield_pct=_yields(yield_pct))
    sums, modified, macaulay, dv01, convexity = _risk(bonds, y)
    shp = bonds.shape
    c = np.broadcast_to(as_numbers(coupon_pct, "coupon_pct"), shp)
    return BondAnalytics(
        settle=np.broadcast_to(s, shp)[()] if shp == () else np.broadcast_to(s, shp).copy(),
        maturity=np.broadcast_to(m, shp)[()] if shp == () else np.broadcast_to(m, shp).copy(),
        coupon_pct=float(c) if shp == () else c.copy(),
        yield_pct=_shaped(y, shp),
        clean_price_per_100=_shaped(sums.dirty - bonds.accrued, shp),
        accrued_per_100=_shaped(bonds.accrued, shp),
        dirty_price_per_100=_shaped(sums.dirty, shp),
        modified_duration_years=_shaped(modified, shp),
        macaulay_duration_years=_shaped(macaulay, shp),
        dv01_per_100=_shaped(dv01, shp),
        convexity=_shaped(convexity, shp),
    )


class BondCashflows(NamedTuple):
    """The remaining cash flows of one bond per 100 face.

    Attributes
    ----------
    dates
        ``datetime64[D]`` nominal payment dates after settlement (the last is maturity).
    amounts_per_100
        Coupon (``coupon_pct / 2``) on each date, plus 100 principal on the last.
    """

    dates: NDArray[np.datetime64]
    amounts_per_100: FloatArray


def bond_cashflows(settle: Any, maturity: Any, coupon_pct: float) -> BondCashflows:
    """Remaining nominal cash flows of one Treasury note/bond after settlement.

    Parameters
    ----------
    settle, maturity
        Single settlement and maturity dates.
    coupon_pct
        Annual coupon rate in percent.

    Returns
    -------
    BondCashflows
        Payment dates and amounts per 100 face.

    Raises
    ------
    InputError
        If the inputs are arrays, or invalid.
    """
    s = as_dates(settle, "settle")
    m = as_dates(maturity, "maturity")
    c = as_numbers(coupon_pct, "coupon_pct", at_least=0.0)
    if s.ndim or m.ndim or c.ndim:
        raise InputError("bond_cashflows: describe one bond (scalar settle, maturity, coupon_pct)")
    n = int(coupon_period(s, m).coupons_remaining)
    dates = coupon_date_before_maturity(m, np.arange(n - 1, -1, -1))
    amounts = np.full(n, float(c) / COUPONS_PER_YEAR)
    amounts[-1] += _FACE
    return BondCashflows(dates, amounts)
