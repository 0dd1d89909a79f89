"""Federal Reserve Bank of New York: Adrian-Crump-Moench (ACM) Treasury term premia.

The NY Fed publishes the ACM decomposition as one workbook, :data:`ACM_XLS_URL`, whose sheet
``ACM Monthly`` holds, per month-end, the model's fitted zero-coupon yields ``ACMY01..10``,
term premia ``ACMTP01..10`` and risk-neutral yields ``ACMRNY01..10`` (maturities 1-10 years,
percent). The whole history is re-estimated at every release.

* :func:`parse_acm_csv` reads a CSV export of that sheet (quoted header, ``"30-Jun-1961"``
  dates).
* :func:`parse_acm_xls` reads the workbook itself (needs ``xlrd``, the ``snapshot`` extra).

Both hand the same table of cells to one validation routine, so the workbook path is checked
by the CSV tests except for the few lines that read the sheet.

References
----------
Adrian, T., R. K. Crump and E. Moench (2013), "Pricing the term structure with linear
regressions", *Journal of Financial Economics* 110(1), 110-138.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import numpy as np

from treasury_leverage.data.sources._common import (
    Table,
    cells_to_floats,
    check_date_then_series,
    check_unique_dates,
    decode_text,
    finish_tidy,
    open_xls_sheet,
    parse_date_strings,
    read_csv_table,
    wide_to_tidy,
    xls_table,
)
from treasury_leverage.errors import DataFormatError
from treasury_leverage.units import PCT

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ACM_PAGE_URL",
    "ACM_SERIES",
    "ACM_SHEET",
    "ACM_XLS_URL",
    "parse_acm_csv",
    "parse_acm_xls",
]

#: The workbook (sheets "ACM Monthly" and "ACM Daily").
ACM_XLS_URL: Final = (
    "https://www.newyorkfed.org/medialibrary/media/research/data_indicators/ACMTermPremium.xls"
)
#: The page that documents it.
ACM_PAGE_URL: Final = "https://www.newyorkfed.org/research/data_indicators/term-premia-tabs"
#: The monthly sheet.
ACM_SHEET: Final = "ACM Monthly"
#: The published series: fitted yields, term premia, risk-neutral yields, 1-10 years.
ACM_SERIES: Final[tuple[str, ...]] = tuple(
    f"{kind}{n:02d}" for kind in ("ACMY", "ACMTP", "ACMRNY") for n in range(1, 11)
)
_ACM_NAME: Final = re.compile(r"ACM(Y|TP|RNY)(0[1-9]|10)")
# Month-end holidays and weekends put the last business day up to four days before the month-end.
_MAX_DAYS_BEFORE_MONTH_END: Final = 6


def parse_acm_csv(
    raw: str | bytes, *, source: str = "ACMTermPremium.csv"
) -> pd.DataFrame:
    """Parse a CSV export of the NY Fed's "ACM Monthly" sheet.

    Layout: header ``"DATE","ACMY01",...,"ACMY10","ACMTP01",...,"ACMRNY10"`` (all quoted), one
    row per month-end, oldest first, dates like ``"30-Jun-1961"`` (``%d-%b-%Y``), values at full
    precision.

    Parameters
    ----------
    raw
        The file's bytes or text.
    source
        File name or URL, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame; ``series_id`` as published (``"ACMY10"``, ``"ACMTP10"``, ``"ACMRNY10"``
        ...), unit ``"percent"``. The sheet dates each month by its last business day; the
        frame has the calendar month-end (``29-Sep-1961`` -> 1961-09-30). By construction
        ``ACMY = ACMTP + ACMRNY`` for each maturity.

    Raises
    ------
    DataFormatError
        On an unknown or repeated column, a date not in the last week of its month or not in
        ``%d-%b-%Y``, a repeated month, or a value that does not parse.

    References
    ----------
    Adrian, Crump and Moench (2013).
    """
    text = decode_text(raw, source=source)
    table = read_csv_table(text, source=source)
    return _acm_table_to_tidy(table, source=source)


def parse_acm_xls(raw: bytes, *, source: str = "ACMTermPremium.xls") -> pd.DataFrame:
    """Parse the NY Fed's ``ACMTermPremium.xls`` workbook (sheet ``"ACM Monthly"``).

    Reads the sheet's cells (text dates ``30-Jun-1961`` or Excel date cells) into the same
    table as :func:`parse_acm_csv` and validates it the same way.

    Parameters
    ----------
    raw
        The workbook's bytes.
    source
        File name or URL, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        As :func:`parse_acm_csv`.

    Raises
    ------
    TLError
        If ``xlrd`` is not installed (install the ``snapshot`` extra).
    DataFormatError
        If the bytes are not a workbook, the sheet is missing, or the table does not validate.
    """
    sheet = open_xls_sheet(raw, ACM_SHEET, source=source)
    table = xls_table(sheet, header_marker="DATE", source=source)
    return _acm_table_to_tidy(table, source=source)


def _acm_table_to_tidy(table: Table, *, source: str) -> pd.DataFrame:
    """Shared validation of the ACM table (from the CSV or the workbook)."""
    import pandas as pd

    names = [h.strip().strip('"').strip().upper() for h in table.header]
    check_date_then_series(
        table,
        names,
        is_series=lambda name: _ACM_NAME.fullmatch(name) is not None,
        expected="'DATE' then ACMY01..10, ACMTP01..10, ACMRNY01..10",
        kind="ACM",
        series_range="ACMY01..ACMRNY10",
        source=source,
    )
    if table.n_rows == 0:
        raise DataFormatError("no data rows found", source=source)
    text = pd.Series(table.cells[:, 0], dtype=object).str.strip()
    iso = text.str.fullmatch(r"\d{4}-\d{2}-\d{2}").to_numpy(dtype=bool)
    # The workbook's Excel date cells arrive as ISO text; the CSV has "30-Jun-1961".
    fmt = "%Y-%m-%d" if iso.all() else "%d-%b-%Y"
    published = parse_date_strings(text, fmt=fmt, source=source, lines=table.lines)
    # The sheet dates each month by its last business day (29-Sep-1961 was a Friday); the house
    # convention is the calendar month-end. A date more than a week before it is not a month.
    month_end = (pd.DatetimeIndex(published) + pd.offsets.MonthEnd(0)).to_numpy("datetime64[ns]")
    early = (month_end - published) > np.timedelta64(_MAX_DAYS_BEFORE_MONTH_END, "D")
    if early.any():
        k = int(np.argmax(early))
        raise DataFormatError(
            f"date {text.iloc[k]!r} is not at the end of its month; expected the monthly sheet's "
            "last business day of each month",
            source=source,
            line=int(table.lines[k]),
        )
    dates = month_end
    check_unique_dates(dates, table.lines, source=source)
    values = cells_to_floats(table, range(1, len(names)), source=source, missing=("", "NA"))
    return finish_tidy(wide_to_tidy(dates, values, names[1:], PCT), source=source)
