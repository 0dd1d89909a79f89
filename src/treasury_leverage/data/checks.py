"""Plausibility gates: what a refreshed dataset must satisfy before the store accepts it.

A parser checks that a file has the layout it expects (sums add up, months are in sequence); a
gate checks that the *numbers* are believable, per dataset, before :func:`~treasury_leverage.
data.update.update` writes a vintage. A refresh that fails a gate writes nothing and its report
names the check and the observation that failed it (:class:`ImplausibleData`).

The gates, per dataset (:data:`GATES`):

* every value finite, the frame not empty, and not every value zero (an all-zero table is a
  publisher's placeholder, not data);
* ranges: TIC holdings and MSPD amounts are stocks, so >= 0; yields (par, zero-coupon) within
  -5 % .. 30 %;
* revisions: an observation already stored may move by at most ``revision_tolerance`` (relative,
  on the dataset's total series) unless the refresh is flagged as a revision
  (``allow_revision``), e.g. after TIC's annual benchmark revision;
* jumps: a total may not move by more than ``max_monthly_jump`` (relative) from one month to the
  next. The bound is set well above the largest move in the published history
  (holdings' Grand Total: largest month-to-month move 2000-2025 is 6.4 %, Oct 2008; the bound is 25 %),
  so it only catches a scaled, negated or shifted table.

References
----------
U.S. Treasury, TIC "Major Foreign Holders of Treasury Securities" (mfhhis01.txt, SLT Table 5):
the history used to set the bounds, checked by ``tests/data/test_checks.py`` on the raw files.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from treasury_leverage.errors import DataFormatError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GATES", "Gate", "ImplausibleData", "check"]


class ImplausibleData(DataFormatError):
    """Refreshed data failed a plausibility gate; nothing was written.

    Parameters
    ----------
    dataset
        The dataset refreshed.
    check
        The gate that failed (``nonnegative``, ``revision``, ``jump``, ``range``, ``finite``,
        ``all_zero``, ``empty``).
    where
        The observation (series and date) that failed it.
    detail
        What was found and what was expected.
    """

    def __init__(self, dataset: str, check: str, where: str, detail: str) -> None:
        self.dataset = dataset
        self.check = check
        self.where = where
        super().__init__(f"plausibility check {check!r} failed at {where}: {detail}; nothing was stored",
                         source=f"dataset {dataset!r}")


@dataclass(frozen=True)
class Gate:
    """The plausibility bounds of one dataset.

    Attributes
    ----------
    nonnegative
        Series that must be >= 0 (a predicate on the series id), or None.
    value_range
        Inclusive bounds for every value, or None.
    total_series
        The series whose revisions and month-to-month moves are bounded, or None.
    revision_tolerance
        Largest relative change of an already-stored observation of ``total_series`` accepted
        without the revision flag.
    max_monthly_jump
        Largest relative month-to-month move of ``total_series``.
    """

    nonnegative: Callable[[str], bool] | None = None
    value_range: tuple[float, float] | None = None
    total_series: str | None = None
    revision_tolerance: float = 0.10
    max_monthly_jump: float = 0.25


def _all(_: str) -> bool:
    return True


def _stock_measure(series_id: str) -> bool:
    # slt_table1 series are "<entity>|<measure>"; holdings measures are stocks, flows may be < 0.
    return "holding" in series_id.split("|", 1)[-1].lower()


#: Per dataset; datasets without an entry get only the generic checks (finite, non-empty, not all zero).
GATES: Final[dict[str, Gate]] = {
    "holdings": Gate(nonnegative=_all, total_series="Grand Total"),
    "slt_table1": Gate(nonnegative=_stock_measure),
    "mspd": Gate(nonnegative=_all),
    "par_curve": Gate(value_range=(-5.0, 30.0)),
    "gsw_zero": Gate(value_range=(-5.0, 30.0)),
}


def check(
    dataset: str,
    new: pd.DataFrame,
    previous: pd.DataFrame | None = None,
    *,
    allow_revision: bool = False,
) -> None:
    """Raise :class:`ImplausibleData` if ``new`` fails a gate of ``dataset``.

    Parameters
    ----------
    dataset
        Dataset id (selects the gate).
    new
        Tidy rows about to be stored (``date, series_id, value, unit``).
    previous
        The rows stored so far (latest values), to bound revisions and the seam's jump.
    allow_revision
        Accept large changes to stored observations (a publisher's announced revision).

    Raises
    ------
    ImplausibleData
        Naming the check, the series and date, and the bound.
    """
    import numpy as np

    if new.empty:
        raise ImplausibleData(dataset, "empty", "the whole table", "no observations")
    values = new["value"].to_numpy(dtype="float64")
    bad = ~np.isfinite(values) & ~np.isnan(values)
    if bad.any():
        raise ImplausibleData(dataset, "finite", _where(new, int(np.argmax(bad))), "an infinite value")
    present = ~np.isnan(values)
    if present.any() and not values[present].any():
        raise ImplausibleData(dataset, "all_zero", "the whole table", "every value is zero")
    gate = GATES.get(dataset)
    if gate is None:
        return
    if gate.nonnegative is not None:
        mask = new["series_id"].map(gate.nonnegative).to_numpy(dtype=bool) & (values < 0)
        if mask.any():
            i = int(np.argmax(mask))
            raise ImplausibleData(dataset, "nonnegative", _where(new, i), f"value {values[i]:g} is "
                                  "negative; holdings and amounts outstanding are >= 0")
    if gate.value_range is not None:
        lo, hi = gate.value_range
        mask = present & ((values < lo) | (values > hi))
        if mask.any():
            i = int(np.argmax(mask))
            raise ImplausibleData(dataset, "range", _where(new, i),
                                  f"value {values[i]:g} is outside {lo:g}..{hi:g}")
    if gate.total_series is not None:
        _check_total(dataset, gate, new, previous, allow_revision=allow_revision)


def _where(frame: pd.DataFrame, i: int) -> str:
    row = frame.iloc[i]
    return f"series {row['series_id']!r}, {row['date']:%Y-%m-%d}"


def _check_total(
    dataset: str, gate: Gate, new: pd.DataFrame, previous: pd.DataFrame | None, *, allow_revision: bool
) -> None:
    import pandas as pd

    name = gate.total_series
    total = new.loc[new["series_id"] == name].set_index("date")["value"].dropna().sort_index()
    old = (previous.loc[previous["series_id"] == name].set_index("date")["value"].dropna().sort_index()
           if previous is not None and not previous.empty else pd.Series(dtype="float64"))
    if not allow_revision and len(old):
        common = total.index.intersection(old.index)
        for date in common:
            a, b = float(old[date]), float(total[date])
            if a and abs(b - a) / abs(a) > gate.revision_tolerance:
                raise ImplausibleData(
                    dataset, "revision", f"series {name!r}, {date:%Y-%m-%d}",
                    f"stored {a:g}, new {b:g} ({(b - a) / abs(a):+.0%}); more than "
                    f"{gate.revision_tolerance:.0%} without a revision flag (--allow-revision)")
    # Month-to-month moves within the new rows and across the seam with the stored ones.
    series = pd.concat([old.loc[old.index.difference(total.index)], total]).sort_index()
    if len(series) < 2:
        return
    level = series.to_numpy(dtype="float64")
    for i in range(1, len(level)):
        a, b = level[i - 1], level[i]
        if series.index[i] not in total.index or not a or math.isnan(a) or math.isnan(b):
            continue
        if abs(b - a) / abs(a) > gate.max_monthly_jump:
            raise ImplausibleData(
                dataset, "jump", f"series {name!r}, {series.index[i]:%Y-%m-%d}",
                f"moved from {a:g} to {b:g} ({(b - a) / abs(a):+.0%}) in one period; the bound is "
                f"{gate.max_monthly_jump:.0%}")
