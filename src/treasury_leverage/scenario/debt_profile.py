"""The U.S. marketable debt as :func:`treasury_leverage.scenario.us_bill.us_interest_bill` prices it.

The composition (bills, notes, bonds, TIPS and FRNs held by the public at the latest month-end of
the Monthly Statement of the Public Debt, and each class's 10-year growth rate), the auction
tenors of each class (:data:`TENOR_MIX`), and the maturity and rollover profile they make
(:func:`debt_profile`): within a tenor the remaining maturities of the stock follow the steady
state of issuance that grew at the class's own growth rate (density proportional to
``exp(g * r)`` on ``(0, tenor]``). :func:`debt_setup` resolves the profile once for the engine.
The MSPD reads are memoised by data vintage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEBT_CLASSES",
    "TENOR_MIX",
    "DebtSetup",
    "debt_profile",
    "debt_setup",
]

#: Marketable classes priced (MSPD column names).
DEBT_CLASSES: Final = ("bills", "notes", "bonds", "tips", "frn")

#: Auction tenors of each class (months) and their approximate gross issuance per auction cycle
#: (USD bn; bills per week, coupons per month), 2025 quarterly-refunding sizes [R]: bills 4/6/8,
#: 13, 17, 26 and 52 weeks (6-week bills counted as 2 months); notes 2/3/5/7/10 years; bonds 20 and
#: 30 years; TIPS 5/10/30 years (new issues and reopenings averaged over the year); FRNs 2 years.
#: Only the shares within a class matter: the stock of a tenor is proportional to its issuance
#: times its tenor (adjusted for growth), and the MSPD gives each class's total.
TENOR_MIX: Final[dict[str, tuple[tuple[int, float], ...]]] = {
    "bills": ((1, 80.0), (2, 150.0), (3, 82.0), (4, 66.0), (6, 72.0), (12, 12.0)),
    "notes": ((24, 69.0), (36, 58.0), (60, 70.0), (84, 44.0), (120, 39.0)),
    "bonds": ((240, 13.0), (360, 22.0)),
    "tips": ((60, 8.2), (120, 8.8), (360, 1.4)),
    "frn": ((24, 28.0),),
}

#: FRN coupons reset weekly to the 13-week bill auction rate: they reprice every month at the
#: shift of a 3-month maturity.
_FRN_INDEX_YEARS: Final = 0.25


@dataclass(frozen=True, slots=True)
class _Line:
    """One (class, tenor) line of the debt: a stock that is rolled in a single tenor."""

    security_class: str
    tenor_months: int
    stock_usd_bn: float
    growth_per_year: float
    shift_tenor_years: float
    rolls_every_month: bool


# -- the profile -----------------------------------------------------------------------------------


def _latest_composition(as_of: str | dt.date | None) -> tuple[dict[str, float], dict[str, float], str]:
    """Class totals (USD bn) at the latest MSPD month-end and each class's 10-year growth rate.

    Derived once per MSPD vintage and ``as_of`` (:func:`_composition_cached`): the engine prices the
    U.S. bill chunk by chunk and scenario by scenario, hundreds of calls in a brief, all on the
    same composition. A refreshed MSPD (new vintage files, or the user store replacing the
    snapshot) changes :func:`treasury_leverage.data.api.dataset_key` and so recomputes.
    """
    from treasury_leverage.data.api import dataset_key

    stock, growth, as_of_str = _composition_cached(dataset_key("mspd"), as_of)
    return dict(stock), dict(growth), as_of_str


@lru_cache(maxsize=32)
def _composition_cached(
    key: tuple[str, str, tuple[str, ...]], as_of: str | dt.date | None
) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...], str]:
    """:func:`_fresh_composition` memoised by MSPD vintage key and ``as_of`` (immutable items)."""
    stock, growth, as_of_str = _fresh_composition(as_of)
    return tuple(stock.items()), tuple(growth.items()), as_of_str


def _fresh_composition(as_of: str | dt.date | None) -> tuple[dict[str, float], dict[str, float], str]:
    """The composition computed from the MSPD (no memo): see :func:`_latest_composition`."""
    from treasury_leverage.data import mspd

    frame = mspd("public")
    if as_of is not None:
        import pandas as pd

        cut = pd.Timestamp(as_of)
        frame = frame.loc[frame.index <= cut]
        if frame.empty:
            raise InputError(f"as_of: expected a date on or after the first MSPD month, got {as_of!r}")
    last = frame.iloc[-1]
    stock = {c: float(last[c]) for c in DEBT_CLASSES}
    growth: dict[str, float] = {}
    for c in DEBT_CLASSES:
        s = frame[c].dropna()
        s = s[s > 0]
        lag = min(120, len(s) - 1)
        # Issuance growth over the last decade (continuously compounded, floored at 0: a shrinking
        # class would otherwise tilt its profile short for reasons unrelated to issuance).
        g = float(np.log(s.iloc[-1] / s.iloc[-1 - lag]) / (lag / 12.0)) if lag >= 12 else 0.0
        growth[c] = max(g, 0.0)
    return stock, growth, frame.index[-1].date().isoformat()


def _lines(stock: Mapping[str, float], growth: Mapping[str, float]) -> list[_Line]:
    lines: list[_Line] = []
    for cls in DEBT_CLASSES:
        total = float(stock.get(cls, 0.0))
        if total < 0 or not np.isfinite(total):
            raise InputError(f"debt_usd_bn[{cls!r}]: expected a non-negative amount, got {total}")
        if total == 0:
            continue
        g = float(growth.get(cls, 0.0))
        mix = TENOR_MIX[cls]
        # Steady state of issuance f growing at g: stock of tenor L = f * (1 - exp(-g L)) / g.
        weights = np.array([f * (_growth_integral(g, n / 12.0)) for n, f in mix])
        weights = weights / weights.sum()
        for (tenor, _), w in zip(mix, weights, strict=True):
            floating = cls == "frn"
            lines.append(_Line(cls, 1 if floating else tenor, total * float(w), g,
                               _FRN_INDEX_YEARS if floating else tenor / 12.0, floating))
    return lines


def _growth_integral(g: float, years: float) -> float:
    return years if g == 0 else (1.0 - np.exp(-g * years)) / g


def _maturing_existing(line: _Line, n_months: int) -> NDArray[np.float64]:
    """Face amount of the line's current stock maturing in each month 0..n_months-1."""
    out = np.zeros(n_months)
    if line.rolls_every_month:
        out[0] = line.stock_usd_bn
        return out
    n = line.tenor_months
    # remaining maturity density proportional to exp(g r) on (0, tenor]: mid-month points
    r = (np.arange(n) + 0.5) / 12.0
    w = np.exp(line.growth_per_year * r)
    w = line.stock_usd_bn * w / w.sum()
    k = min(n, n_months)
    out[:k] = w[:k]
    return out


def _implied_wam_months(lines: Sequence[_Line]) -> float:
    num = den = 0.0
    for line in lines:
        if line.rolls_every_month:
            # An FRN's maturity is its final maturity (2 years), not its reset period.
            n, g = 24, line.growth_per_year
        else:
            n, g = line.tenor_months, line.growth_per_year
        r = (np.arange(n) + 0.5)
        w = np.exp(g * r / 12.0)
        num += line.stock_usd_bn * float((w * r).sum() / w.sum())
        den += line.stock_usd_bn
    return num / den if den else float("nan")


def debt_profile(
    *, as_of: str | dt.date | None = None, debt_usd_bn: Mapping[str, float] | None = None
) -> pd.DataFrame:
    """The maturity and rollover profile the bill is priced on, one row per (class, tenor).

    Parameters
    ----------
    as_of
        Use the MSPD month-end on or before this date (default: the latest).
    debt_usd_bn
        A composition to use instead of the MSPD (``{"bills": ..., "notes": ...}``, USD bn;
        missing classes are zero, growth zero: remaining maturities uniform).

    Returns
    -------
    pandas.DataFrame
        Columns ``security_class, tenor_months, stock_usd_bn, growth_pct_per_year,
        avg_remaining_months, maturing_first_year_usd_bn``; ``attrs`` carry ``implied_wam_months``
        and ``debt_as_of``.
    """
    import pandas as pd

    lines, as_of_str = _resolve_lines(as_of, debt_usd_bn)
    rows = []
    for line in lines:
        mat = _maturing_existing(line, 12)
        n = 24 if line.rolls_every_month else line.tenor_months
        r = np.arange(n) + 0.5
        w = np.exp(line.growth_per_year * r / 12.0)
        rows.append({
            "security_class": line.security_class,
            "tenor_months": 24 if line.rolls_every_month else line.tenor_months,
            "stock_usd_bn": line.stock_usd_bn,
            "growth_pct_per_year": 100.0 * line.growth_per_year,
            "avg_remaining_months": float((w * r).sum() / w.sum()),
            "maturing_first_year_usd_bn": line.stock_usd_bn if line.rolls_every_month else float(mat.sum()),
        })
    frame = pd.DataFrame(rows)
    frame.attrs.update(implied_wam_months=_implied_wam_months(lines), debt_as_of=as_of_str,
                       unit="USD bn")
    return frame


def _resolve_lines(
    as_of: str | dt.date | None, debt_usd_bn: Mapping[str, float] | None
) -> tuple[list[_Line], str | None]:
    if debt_usd_bn is not None:
        unknown = set(debt_usd_bn) - set(DEBT_CLASSES)
        if unknown:
            from treasury_leverage.errors import UnknownNameError

            raise UnknownNameError("debt class", sorted(unknown)[0], DEBT_CLASSES)
        return _lines(debt_usd_bn, {}), None
    from treasury_leverage.data.api import dataset_key

    lines, as_of_str = _mspd_lines(dataset_key("mspd"), as_of)
    return list(lines), as_of_str


@lru_cache(maxsize=32)
def _mspd_lines(
    key: tuple[str, str, tuple[str, ...]], as_of: str | dt.date | None
) -> tuple[tuple[_Line, ...], str]:
    """The MSPD profile's lines, once per MSPD vintage key and ``as_of`` (lines are frozen)."""
    stock, growth, as_of_str = _latest_composition(as_of)
    return tuple(_lines(stock, growth)), as_of_str


@dataclass(frozen=True)
class DebtSetup:
    """The MSPD profile a bill is priced on (its lines, month-end, total marketable debt in USD bn),
    resolved once by :func:`debt_setup`: the engine gathers it with its other data."""

    lines: tuple[_Line, ...]
    as_of: str | None
    marketable_debt_usd_bn: float


def debt_setup(as_of: str | dt.date | None = None) -> DebtSetup:
    """The debt profile of :func:`us_interest_bill` at ``as_of`` (reads the MSPD, memoised by vintage)."""
    lines, as_of_str = _resolve_lines(as_of, None)
    return DebtSetup(tuple(lines), as_of_str, sum(_latest_composition(as_of)[0].values()))
