"""Shared plumbing for the per-publisher parsers.

Every parser is a pure function ``parse_*(raw, *, source=...) -> DataFrame`` that takes the raw
text or bytes of one published file and returns a *tidy* frame with exactly the columns
:data:`TIDY_COLUMNS`:

``date``
    ``datetime64[ns]``; month-end for monthly data, the observation day for daily data.
``series_id``
    ``str``; unique per date within a dataset. Multi-dimensional tables encode their dimensions
    as ``"<entity>|<measure>"`` (for example ``"Japan|treas_net"``).
``value``
    ``float64``, in ``unit``; missing observations are dropped, never stored as NaN.
``unit``
    ``str``, one of the labels in :mod:`treasury_leverage.units`.

Parsers validate what they read and raise :class:`~treasury_leverage.errors.DataFormatError`
naming the file, the line and what was expected; they never raise anything else on bad input.

Besides the contract (:func:`decode_text`, :func:`finish_tidy`) this module holds the table
plumbing the CSV and workbook parsers of :mod:`~treasury_leverage.data.sources.treasury`,
:mod:`~treasury_leverage.data.sources.fed`, :mod:`~treasury_leverage.data.sources.nyfed` and
:mod:`~treasury_leverage.data.sources.fred` share:

* :class:`Table` and :func:`read_csv_table` - a CSV split strictly into a header and rows of
  the header's width, every row remembering its line number;
* :func:`open_xls_sheet` and :func:`xls_table` - the same :class:`Table` from a sheet of a
  legacy ``.xls`` workbook (``xlrd``, the ``snapshot`` extra);
* :func:`cells_to_floats`, :func:`parse_dates`, :func:`parse_date_strings` - typed columns, with
  the offending line in every error;
* :func:`check_date_then_series`, :func:`check_unique_dates`, :func:`check_month_ends` - a
  ``DATE`` column followed by known series each once, one row per date, month-end dates;
* :func:`wide_to_tidy` - the reshape of a (date x series) panel to tidy rows.

(:mod:`~treasury_leverage.data.sources.tic` reads tab-separated layouts of its own.)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np

from treasury_leverage.errors import DataFormatError, TLError

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import NDArray

__all__ = [
    "MAX_DATE",
    "MIN_DATE",
    "TIDY_COLUMNS",
    "Table",
    "cells_to_floats",
    "check_date_then_series",
    "check_month_ends",
    "check_unique_dates",
    "decode_text",
    "finish_tidy",
    "open_xls_sheet",
    "parse_date_strings",
    "parse_dates",
    "read_csv_table",
    "wide_to_tidy",
    "xls_table",
]

TIDY_COLUMNS: Final = ("date", "series_id", "value", "unit")
#: Oldest and latest plausible observation dates (ISO): a mutated year ("2020" -> "9020") must be
#: an error, not a date pandas can hold but the nanosecond store cannot.
MIN_DATE: Final = "1850-01-01"
MAX_DATE: Final = "2200-12-31"


def decode_text(raw: str | bytes, *, source: str) -> str:
    """Decode a published text file (UTF-8, optional BOM) and normalise line endings.

    Parameters
    ----------
    raw
        The file's bytes, or text already decoded.
    source
        Name of the file, for error messages.

    Raises
    ------
    DataFormatError
        If the bytes are not UTF-8 or the file is empty.
    """
    if isinstance(raw, bytes | bytearray):
        try:
            text = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = bytes(raw)[: exc.start].count(b"\n") + 1
            raise DataFormatError(
                f"not UTF-8 text (byte 0x{bytes(raw)[exc.start]:02x} at offset {exc.start}); "
                "expected the publisher's UTF-8 file",
                source=source,
                line=line,
            ) from None
    else:
        text = raw.removeprefix("\ufeff")
    if "\x00" in text:
        raise DataFormatError("contains NUL bytes; expected a text file", source=source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DataFormatError("file is empty", source=source)
    return text


def finish_tidy(frame: pd.DataFrame, *, source: str) -> pd.DataFrame:
    """Coerce a parser's output to the tidy contract and check it.

    Drops rows whose value is missing, casts dtypes, sorts by ``series_id, date`` and checks that
    ``(date, series_id)`` is unique and every value finite.

    Raises
    ------
    DataFormatError
        If columns are missing, a date did not parse, or a ``(date, series_id)`` pair repeats.
    """
    import numpy as np
    import pandas as pd

    missing = [c for c in TIDY_COLUMNS if c not in frame.columns]
    if missing:
        raise DataFormatError(f"parser produced no {missing} column(s)", source=source)
    out = frame.loc[:, list(TIDY_COLUMNS)].copy()
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype("float64")
    out = out[np.isfinite(out["value"].to_numpy())]
    if out.empty:
        raise DataFormatError("no data rows found", source=source)
    out["date"] = pd.to_datetime(out["date"]).astype("datetime64[ns]")
    if out["date"].isna().any():
        raise DataFormatError("a date did not parse", source=source)
    out["series_id"] = out["series_id"].astype(str)
    out["unit"] = out["unit"].astype(str)
    dup = out.duplicated(["date", "series_id"], keep=False)
    if dup.any():
        first = out[dup].iloc[0]
        raise DataFormatError(
            f"series {first['series_id']!r} has two values for {first['date']:%Y-%m-%d}; "
            "expected one value per date and series",
            source=source,
        )
    return out.sort_values(["series_id", "date"], kind="stable").reset_index(drop=True)


# --- CSV tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A CSV (or sheet) split strictly into a header and equally wide rows of raw string cells.

    Attributes
    ----------
    header
        Column names, stripped, as published.
    header_line
        1-based line (or sheet row) of the header, for error messages.
    cells
        ``object`` array of shape ``(n_rows, n_columns)`` holding the raw ``str`` cells.
    lines
        1-based line (or sheet row) number of each data row, for error messages.
    """

    header: list[str]
    header_line: int
    cells: NDArray[np.object_]  # shape (n_rows, n_columns), str
    lines: NDArray[np.int64]  # 1-based line number of each row

    @property
    def n_rows(self) -> int:
        """Number of data rows."""
        return int(self.cells.shape[0])


def read_csv_table(
    text: str, *, source: str, header_at: int = 0, header: Sequence[str] | None = None
) -> Table:
    """Split CSV ``text`` into a header row and data rows of exactly the header's width.

    Parameters
    ----------
    text
        Decoded text with ``\\n`` line endings.
    source
        File name for error messages.
    header_at
        0-based index of the header line; lines before it are skipped (notes blocks).
    header
        Column names for a file without a header row; the data then start at ``header_at``.

    Returns
    -------
    Table
        Blank lines are skipped; every other row has as many fields as the header.

    Raises
    ------
    DataFormatError
        On a row of another width, unbalanced quotes, or no header row.
    """
    lines = text.split("\n")
    reader = csv.reader(lines[header_at:], strict=True)
    rows: list[list[str]] = []
    numbers: list[int] = []
    head: list[str] | None = list(header) if header is not None else None
    head_line = header_at + 1
    try:
        for row in reader:
            line = header_at + reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if head is None:
                head = [h.strip() for h in row]
                head_line = line
                continue
            if len(row) != len(head):
                raise DataFormatError(
                    f"row has {len(row)} fields; expected {len(head)} like the header",
                    source=source,
                    line=line,
                )
            rows.append(row)
            numbers.append(line)
    except csv.Error as exc:
        raise DataFormatError(
            f"malformed CSV ({exc}); expected comma-separated fields with balanced quotes",
            source=source,
            line=header_at + reader.line_num,
        ) from None
    if head is None:
        raise DataFormatError("no header row found", source=source)
    cells = np.empty((len(rows), len(head)), dtype=object)
    if rows:
        cells[:] = rows
    return Table(head, head_line, cells, np.asarray(numbers, dtype=np.int64))


def cells_to_floats(
    table: Table,
    columns: Iterable[int],
    *,
    source: str,
    missing: Iterable[str] = ("",),
) -> NDArray[np.float64]:
    """Convert the given columns of ``table`` to floats; ``missing`` tokens become NaN.

    Parameters
    ----------
    table
        The table.
    columns
        0-based column positions to convert, in the order of the result's columns.
    source
        File name for error messages.
    missing
        Cell texts (after stripping) that mean "no value".

    Returns
    -------
    numpy.ndarray
        ``float64`` array of shape ``(table.n_rows, len(columns))``, NaN where missing.

    Raises
    ------
    DataFormatError
        For the first other cell that is not a finite decimal number, naming its line, column
        and text.
    """
    import pandas as pd

    cols = list(columns)
    sub = table.cells[:, cols]
    flat = pd.Series(sub.ravel(), dtype=object).str.strip()
    is_missing = flat.isin(list(missing)).to_numpy()
    numbers = pd.to_numeric(flat.mask(is_missing), errors="coerce")
    values = np.array(numbers, dtype=np.float64)
    bad = ~is_missing & ~np.isfinite(values)
    if bad.any():
        k = int(np.argmax(bad))
        row, col = divmod(k, len(cols))
        raise DataFormatError(
            f"value {sub[row, col]!r} in column {table.header[cols[col]]!r} is not a number; "
            f"expected a decimal number or one of {sorted(set(missing))} for missing",
            source=source,
            line=int(table.lines[row]),
        )
    values[is_missing] = np.nan
    return values.reshape(sub.shape)


def parse_dates(
    table: Table, column: int, *, fmt: str, source: str
) -> NDArray[np.datetime64]:
    """Parse one column of ``table`` as dates with the ``strftime`` format ``fmt``.

    Returns
    -------
    numpy.ndarray
        ``datetime64[ns]`` dates, one per row.

    Raises
    ------
    DataFormatError
        As :func:`parse_date_strings`.
    """
    import pandas as pd

    text = pd.Series(table.cells[:, column], dtype=object).str.strip()
    return parse_date_strings(text, fmt=fmt, source=source, lines=table.lines)


def parse_date_strings(
    text: pd.Series, *, fmt: str, source: str, lines: NDArray[np.int64]
) -> NDArray[np.datetime64]:
    """Parse stripped date strings with the ``strftime`` format ``fmt``.

    Parameters
    ----------
    text
        The date strings (a positional ``Series``).
    fmt
        ``strftime`` format, e.g. ``"%Y-%m-%d"``; also shown, readably, in the error.
    source
        File name for error messages.
    lines
        1-based line number of each string, for the error.

    Returns
    -------
    numpy.ndarray
        ``datetime64[ns]`` dates.

    Raises
    ------
    DataFormatError
        For the first string that does not parse or lies outside :data:`MIN_DATE` ..
        :data:`MAX_DATE`.
    """
    import pandas as pd

    dates = pd.to_datetime(text, format=fmt, errors="coerce")
    bad = (dates.isna() | (dates < pd.Timestamp(MIN_DATE)) | (dates > pd.Timestamp(MAX_DATE)))
    bad_arr = bad.to_numpy()
    if bad_arr.any():
        k = int(np.argmax(bad_arr))
        readable = fmt.replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
        readable = readable.replace("%b", "Mon")
        raise DataFormatError(
            f"date {text.iloc[k]!r} is not a date {readable} between {MIN_DATE[:4]} and "
            f"{MAX_DATE[:4]}",
            source=source,
            line=int(lines[k]),
        )
    return dates.to_numpy(dtype="datetime64[ns]")


def check_unique_dates(
    dates: NDArray[np.datetime64], lines: NDArray[np.int64], *, source: str
) -> None:
    """Raise if a date repeats (a wide file, or a one-series file, has one row per date).

    Parameters
    ----------
    dates
        One date per row.
    lines
        1-based line number of each row (``Table.lines``), for the error.
    source
        File name for error messages.

    Raises
    ------
    DataFormatError
        Naming the first repeated date and the line of its second occurrence.
    """
    import pandas as pd

    dup = pd.Index(dates).duplicated(keep="first")
    if dup.any():
        k = int(np.argmax(dup))
        raise DataFormatError(
            f"date {pd.Timestamp(dates[k]):%Y-%m-%d} appears twice; expected one row per date",
            source=source,
            line=int(lines[k]),
        )


def check_month_ends(
    dates: NDArray[np.datetime64],
    table: Table,
    column: int,
    *,
    source: str,
    label: str = "date",
    expected: str = "expected month-end dates",
) -> None:
    """Raise unless every date is a calendar month-end (monthly tables are dated so).

    Parameters
    ----------
    dates
        The parsed dates of ``table``'s rows.
    table
        The table, whose cell in ``column`` is quoted in the error.
    column
        0-based position of the date column.
    source
        File name for error messages.
    label
        What the column is called in the error (``"record date"``).
    expected
        The error's second half, saying what was expected.

    Raises
    ------
    DataFormatError
        ``"<label> '<cell>' is not a month-end; <expected>"`` for the first offending row.
    """
    import pandas as pd

    not_month_end = ~pd.DatetimeIndex(dates).is_month_end
    if not_month_end.any():
        k = int(np.argmax(not_month_end))
        raise DataFormatError(
            f"{label} {table.cells[k, column]!r} is not a month-end; {expected}",
            source=source,
            line=int(table.lines[k]),
        )


def check_date_then_series(
    table: Table,
    names: Sequence[str],
    *,
    is_series: Callable[[str], bool],
    expected: str,
    kind: str,
    series_range: str,
    source: str,
) -> None:
    """Check a header of one ``DATE`` column followed by known series columns, each once.

    Parameters
    ----------
    table
        The table, whose published header is quoted in the errors.
    names
        The header normalised by the caller (upper case, stripped), one per column.
    is_series
        Whether a normalised name is a series the parser knows.
    expected
        The layout for the errors, e.g. ``"'date' then SVENY01..SVENY30"``.
    kind
        Short name of the series family (``"SVENY"``), for the "no columns" error.
    series_range
        The family's range (``"SVENY01..SVENY30"``), for the "no columns" error.
    source
        File name for error messages.

    Raises
    ------
    DataFormatError
        If the first column is not ``DATE``, a later one is unknown or repeated, or there is no
        series column.
    """
    if names[0] != "DATE":
        raise DataFormatError(
            f"first column is {table.header[0]!r}; expected {expected}",
            source=source,
            line=table.header_line,
        )
    for i, name in enumerate(names[1:], start=1):
        if not is_series(name) or names.index(name) != i:
            raise DataFormatError(
                f"column {table.header[i]!r} is unknown or repeated; expected {expected}, "
                "each once",
                source=source,
                line=table.header_line,
            )
    if len(names) < 2:
        raise DataFormatError(f"no {kind} columns; expected {series_range}", source=source)


def wide_to_tidy(
    dates: NDArray[np.datetime64],
    values: NDArray[np.float64],
    series_ids: Sequence[str],
    units: str | Sequence[str] | Mapping[str, str],
) -> pd.DataFrame:
    """Reshape a (date x series) panel to tidy rows, dropping missing cells (vectorised).

    Parameters
    ----------
    dates
        The panel's dates, one per row of ``values``.
    values
        ``float64`` array of shape ``(len(dates), len(series_ids))``; NaN cells are dropped.
    series_ids
        The id of each column.
    units
        One unit for all columns, one per column, or a mapping from series id to unit.

    Returns
    -------
    pandas.DataFrame
        The tidy columns, not yet checked (pass it to :func:`finish_tidy`).
    """
    import pandas as pd

    rows, cols = np.nonzero(np.isfinite(values))
    ids = np.asarray(series_ids, dtype=object)
    if isinstance(units, str):
        unit_col: NDArray[np.object_] | str = units
    elif isinstance(units, Mapping):
        unit_col = np.asarray([units[s] for s in series_ids], dtype=object)[cols]
    else:
        unit_col = np.asarray(units, dtype=object)[cols]
    return pd.DataFrame(
        {"date": dates[rows], "series_id": ids[cols], "value": values[rows, cols], "unit": unit_col}
    )


# --- legacy .xls workbooks (fed, nyfed) -----------------------------------------------------


def open_xls_sheet(raw: bytes, sheet_name: str, *, source: str) -> object:
    """Open ``sheet_name`` of an ``.xls`` workbook with xlrd (imported lazily).

    Parameters
    ----------
    raw
        The workbook's bytes (BIFF8).
    sheet_name
        The sheet to open.
    source
        File name or URL, for error messages.

    Returns
    -------
    object
        The ``xlrd`` sheet (typed loosely: xlrd has no type hints); read it with
        :func:`xls_table`.

    Raises
    ------
    TLError
        If ``xlrd`` is not installed (the ``snapshot`` extra).
    DataFormatError
        If ``raw`` is text, not a readable workbook, or has no such sheet.
    """
    if not isinstance(raw, bytes | bytearray):
        raise DataFormatError(
            "got text; expected the workbook's bytes (binary .xls)", source=source
        )
    try:
        import xlrd
    except ImportError:
        raise TLError(
            f"reading {source} (an Excel .xls workbook) needs the xlrd package; install the "
            "'snapshot' extra: pip install 'treasury-leverage[snapshot]'"
        ) from None
    try:
        # xlrd writes warnings about damaged files to stdout unless given a log file.
        book = xlrd.open_workbook(
            file_contents=bytes(raw), on_demand=True, logfile=io.StringIO()
        )
    # xlrd reports a damaged workbook through many exception types (XLRDError, struct.error,
    # IndexError, AssertionError, ...); each one means "this is not a readable workbook".
    except Exception as exc:
        raise DataFormatError(
            f"not a readable .xls workbook ({type(exc).__name__}: {exc})", source=source
        ) from None
    names = book.sheet_names()
    if sheet_name not in names:
        raise DataFormatError(
            f"no sheet {sheet_name!r}; the workbook has {', '.join(map(repr, names)) or 'none'}",
            source=source,
        )
    try:
        return book.sheet_by_name(sheet_name)
    except Exception as exc:  # a damaged sheet record: same reasoning as above
        raise DataFormatError(
            f"sheet {sheet_name!r} cannot be read ({type(exc).__name__}: {exc})", source=source
        ) from None


def xls_table(sheet: object, *, header_marker: str, source: str) -> Table:
    """Turn an xlrd sheet into a :class:`Table` of strings, like a CSV file.

    Numbers are written with ``repr`` (exact round trip), Excel date cells as ``YYYY-MM-DD``
    and empty cells as ``""``; the header is the first row containing ``header_marker``. Row
    numbers in errors are the sheet's 1-based row numbers.
    """
    import xlrd

    nrows: int = sheet.nrows  # type: ignore[attr-defined]
    ncols: int = sheet.ncols  # type: ignore[attr-defined]
    header_row = None
    for r in range(min(nrows, 50)):
        values = [str(v).strip().upper() for v in sheet.row_values(r)]  # type: ignore[attr-defined]
        if header_marker in values:
            header_row = r
            break
    if header_row is None:
        raise DataFormatError(
            f"no header row with {header_marker!r} in the first 50 rows", source=source
        )
    datemode: int = sheet.book.datemode  # type: ignore[attr-defined]
    cells = np.empty((nrows - header_row - 1, ncols), dtype=object)
    for c in range(ncols):
        types = sheet.col_types(c, start_rowx=header_row + 1)  # type: ignore[attr-defined]
        vals = sheet.col_values(c, start_rowx=header_row + 1)  # type: ignore[attr-defined]
        column: list[str] = []
        for t, v in zip(types, vals, strict=True):
            if t == xlrd.XL_CELL_DATE:
                try:
                    column.append(f"{xlrd.xldate_as_datetime(v, datemode):%Y-%m-%d}")
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    column.append(repr(v))
            elif t == xlrd.XL_CELL_NUMBER:
                column.append(repr(float(v)))
            elif t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                column.append("")
            else:
                column.append(str(v))
        cells[:, c] = column
    header = [str(v).strip() for v in sheet.row_values(header_row)]  # type: ignore[attr-defined]
    # Trailing blank rows (Excel often keeps a formatted range) are not data.
    keep = np.array([any(str(x).strip() for x in row) for row in cells], dtype=bool)
    lines = np.arange(header_row + 2, nrows + 1, dtype=np.int64)
    return Table(header, header_row + 1, cells[keep], lines[keep])
