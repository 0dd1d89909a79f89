"""Helpers shared by the TIC parsers: month arithmetic, cell values, headers, rounding bounds.

Month indices count months from January 1970 (``_month_index``); ``_tidy`` turns
``(month index, series_id, value)`` observations into the tidy frame of
:mod:`treasury_leverage.data.sources._common`; ``_find_tab_header`` locates the header row of a
tab-separated table; ``_rounding_bound`` is the largest gap rounding alone can make in a sum of
printed figures.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final

from treasury_leverage.data.sources._common import finish_tidy
from treasury_leverage.errors import DataFormatError

if TYPE_CHECKING:
    import pandas as pd

__all__: list[str] = []

_TIC_DOCS: Final = "https://ticdata.treasury.gov/resource-center/data-chart-center/tic/Documents"
_MONTHS: Final = {m: i for i, m in enumerate(calendar.month_abbr) if m}
_NUMBER_RE: Final = re.compile(r"-?(?:\d+(?:\.\d*)?|\.\d+)")
_ISO_MONTH_RE: Final = re.compile(r"(\d{4})-(\d{2})")
_YEAR_RE: Final = re.compile(r"\d{4}")
_MON_YEAR_RE: Final = re.compile(r"([A-Z][a-z]{2}) (\d{4})")
_YEAR_MON_RE: Final = re.compile(r"(\d{4})-([A-Z][a-z]{2})")
_CODE_RE: Final = re.compile(r"\d{5}")
_MISSING: Final = frozenset({"n.a.", "n.a", "na", "NA"})
# Years a TIC date can plausibly carry; anything else is a damaged file, not data.
_YEAR_MIN: Final = 1900
_YEAR_MAX: Final = 2200
_GRAND_TOTAL: Final = "Grand Total"


def _month_index(year: int, month: int, *, source: str, line: int) -> int:
    """Months since 1970-01 (the integer behind ``datetime64[M]``), after range checks."""
    if not (_YEAR_MIN <= year <= _YEAR_MAX) or not (1 <= month <= 12):
        raise DataFormatError(
            f"implausible month {year:04d}-{month:02d}; expected a year in "
            f"{_YEAR_MIN}-{_YEAR_MAX} and a month 01-12",
            source=source,
            line=line,
        )
    return (year - 1970) * 12 + (month - 1)


def _month_label(index: int) -> str:
    return f"{1970 + index // 12:04d}-{index % 12 + 1:02d}"


def _tidy(
    rows: Sequence[tuple[int, str, float]], unit: str, *, source: str
) -> pd.DataFrame:
    """Assemble the tidy frame (month-end dates) and run the common checks.

    ``rows`` are ``(month index, series id, value)`` triples, as the parsers collect them.
    """
    import numpy as np
    import pandas as pd

    if not rows:
        raise DataFormatError("no data rows found", source=source)
    month_idx, series, values = zip(*rows, strict=True)
    months = np.asarray(month_idx, dtype="int64").astype("datetime64[M]")
    dates = (months + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    frame = pd.DataFrame(
        {
            "date": dates.astype("datetime64[ns]"),
            "series_id": list(series),
            "value": np.asarray(values, dtype="float64"),
            "unit": unit,
        }
    )
    return finish_tidy(frame, source=source)


def _cell_value(cell: str, *, source: str, line: int, what: str) -> float | None:
    """Parse one numeric cell: a number, or ``None`` for a published "not available"."""
    text = cell.strip()
    if text in _MISSING:
        return None
    if _NUMBER_RE.fullmatch(text):
        return float(text) + 0.0  # "+ 0.0" turns the published "-0" into 0.0
    raise DataFormatError(
        f"{what}: expected a number or 'n.a.', found {text!r}", source=source, line=line
    )


def _find_tab_header(
    lines: Sequence[str],
    is_header: Callable[[list[str]], bool],
    *,
    no_header: str,
    no_unit: str,
    source: str,
    rows_below: int = 0,
) -> int:
    """Find the header of a tab-separated table below a title that states USD millions.

    Parameters
    ----------
    lines
        The file's lines.
    is_header
        Whether a line's stripped tab-separated cells are the header; the first of the first
        60 lines that is wins.
    no_header
        Error message when no line is, or fewer than ``rows_below`` lines follow it.
    no_unit
        Error message when no line above the header says "millions of dollars".
    source
        File name, for error messages.
    rows_below
        Further header rows the table needs below the one found.

    Returns
    -------
    int
        0-based index of the header line.

    Raises
    ------
    DataFormatError
        With ``no_header`` or ``no_unit``.
    """
    header_at = -1
    for i, line in enumerate(lines[:60]):
        if is_header([c.strip() for c in line.split("\t")]):
            header_at = i
            break
    if header_at < 0 or header_at + rows_below >= len(lines):
        raise DataFormatError(no_header, source=source)
    if not any("millions of dollars" in line.lower() for line in lines[:header_at]):
        raise DataFormatError(no_unit, source=source, line=1)
    return header_at


def _rounding_bound(unit_step: float, n_terms: int) -> float:
    """Largest gap rounding can make between a printed total and its printed parts.

    Each printed figure is within ``unit_step / 2`` of the true one, so ``n_terms`` parts plus
    the total can disagree by at most ``unit_step / 2 * (n_terms + 1)``; a small epsilon
    absorbs binary floating point.
    """
    return unit_step / 2.0 * (n_terms + 1) + 1e-6
