"""U.S. Treasury TIC files on foreign holdings of U.S. Treasury securities: pure parsers.

Every parser takes the raw text (or bytes) of one published file and returns the tidy frame of
:mod:`treasury_leverage.data.sources._common` (``date, series_id, value, unit``), or raises
:class:`~treasury_leverage.errors.DataFormatError` naming the file, the line and what was
expected. Dates are month-ends. The format quirks are described in
``../shared/data/tic/SOURCES.md``; the choices made here are listed per parser.

Series-id schemes
-----------------
:func:`parse_mfh` (Major Foreign Holders history ``mfhhis01.txt`` and the current
``slt_table5.txt``; unit ``USD bn``)
    ``series_id`` is the holder name as published, without quotes, footnote markers and extra
    spaces: ``"Japan"``, ``"China, Mainland"``, ``"United Kingdom"``, ``"Korea, South"``,
    ``"Carib Bnkng Ctrs"``, ``"Oil Exporters"``, ``"Belgium-Luxembourg"``, ``"All Other"``,
    ``"Grand Total"``. The three "Of which" rows below the Grand Total are
    ``"Foreign Official"`` (history: ``For. Official``; Table 5: ``Of Which: Foreign
    Official``), ``"Foreign Official: Treasury Bills"`` and ``"Foreign Official: T-Bonds &
    Notes"``: the bills and bonds rows split the *official* row, not the grand total (they sum
    to ``Foreign Official`` within rounding in every month of the file, e.g. Dec 2025
    388.5 + 3498.5 = 3887.0).

    * Series breaks: in break years the break month is printed twice; the first of the pair is
      the new series and the second the old one, "shown for comparison only" (footnotes 6-17).
      The parser keeps the first (new) one and drops the second.
    * Belgium: footnote 5 says the Belgium line before June 2002 includes Luxembourg (the
      2000-2001 blocks print it as ``Belgium-Luxembourg``). Values of ``"Belgium"`` dated
      before 2002-06 are therefore stored as ``"Belgium-Luxembourg"``.
    * The aggregates ``Oil Exporters`` and ``Carib Bnkng Ctrs`` (to February 2016 in the
      original releases; the current history file shows them to 2011) are *not* double-counted:
      their member countries are not printed as separate rows in those months (footnotes 3 and
      4), so they are part of the sum that makes up the Grand Total.
    * Check: for every month, the rows above the Grand Total (countries, aggregates and
      ``All Other``) must add up to the Grand Total within 0.05 bn x (number of rows + 1): each
      printed figure is rounded to 0.1 bn, so that is the largest gap rounding alone can
      produce (the file's largest gap is 0.5 bn, with about 40 rows). Likewise the bills and
      bonds rows must add up to ``Foreign Official`` within 0.15 bn.

:func:`parse_slt_table1` (``slt_table1.txt``; unit ``USD mn``)
    ``series_id`` is ``"<entity>|<measure>"``; ``measure`` is the machine column name minus
    ``for_lt_`` (``total_pos``, ``total_net``, ``total_valchg``, ``treas_pos``, ``treas_net``,
    ``treas_valchg``, ``agcy_*``, ``corp_*``, ``eqty_*``). ``entity`` is the country or
    aggregate name as published (``"Japan"``, ``"Total Europe"``, ``"Memo: Euro Area"``,
    ``"All Countries"``, ``"Grand Total"``). Rows named ``Of Which: ...`` break down the
    nearest row above them that is not itself an ``Of Which`` row; in the published file that
    is always ``Grand Total`` (the sector breakdowns of all foreign holders: ``Foreign
    Official`` + ``Foreign Non-Official`` = ``Grand Total`` exactly). Their entity is the name
    without the ``Of Which: `` prefix when the parent is ``Grand Total``
    (``"Foreign Official|treas_pos"``, ``"Foreign Official Depository
    Institutions|total_pos"``) and ``"<parent>: <name>"`` otherwise (``"Japan: Foreign
    Official"``, should the publisher ever add country breakdowns). If one entity name were
    printed with two different country codes, both get the code appended: ``"Name [12345]"``.
    ``n.a.`` is missing (dropped); ``-0`` is 0. Checks: total = Treasury + agency + corporate
    + equity within rounding in every row; ``Grand Total`` = ``All Countries`` + ``Total
    IROs``; each entity's months run newest first without gaps.

:func:`parse_shl_history` (``tic_historic_holdings.txt``, the annual survey history; unit
``USD mn``; date = survey month-end, e.g. Jun 2024 -> 2024-06-30)
    ``series_id`` is ``"<holder>|<measure>"``; holder names go through
    :func:`treasury_leverage.data.countries.canonical_country` (``"China (20)"`` ->
    ``"China, Mainland"``, ``"Total"`` -> ``"Grand Total"``, ``"Belgium and Luxembourg (5)"``
    -> ``"Belgium-Luxembourg"``, footnote numbers and trailing spaces removed). Measures:

    * 2002 onwards (10 columns): ``total``, ``equity``, ``lt_debt``, ``lt_treasury``,
      ``lt_agency``, ``lt_corporate``, ``st_debt``, ``st_treasury``, ``st_agency``,
      ``st_corporate``;
    * Mar 2000 and Dec 1994 (6 columns): ``lt_total``, ``equity``, ``lt_debt``,
      ``lt_treasury``, ``lt_agency``, ``lt_corporate``;
    * Dec 1974-1989 (3 columns): ``lt_total``, ``equity``, ``lt_debt``.

    The first column of the pre-2002 surveys is named ``lt_total``, not ``total``: footnote (1)
    says it covers long-term securities only, so it is not comparable with the 2002+ totals.
    ``*`` ("greater than zero but less than $500,000") is stored as 0.0, the value rounded to
    the table's whole millions; ``n.a.`` is missing. Checks (surveys from 1994): total =
    equity + LT debt + ST debt (from 2002) and each debt total = its components (from 1994),
    within 0.5 mn x (number of terms + 1); from 2002, the holder rows add up to the Total row
    within the same bound. Pre-2002 ``lt_total`` is not checked against equity + debt: the
    Mar 2000 and Dec 1994 surveys print 0 for some small holders with positive equity.

:func:`parse_slt2d_history` (``slt2d_history.csv``, aggregate of all foreigners; ``USD mn``)
    ``lt_total``, ``lt_official``, ``lt_private``, ``treas_total``, ``treas_official``,
    ``treas_private``, ``agcy_*``, ``corp_*``, ``eqty_*`` (``*`` = total/official/private).
    ``treas_*`` are long-term Treasury bonds and notes. Checks: total = official + private for
    each type, and the long-term total = the sum of the four types.

:func:`parse_bltype_history` (``bltype_history.csv``; ``USD mn``)
    Short-term U.S. Treasury securities (bills and certificates) in custody for foreigners, by
    holder: ``foi_st_treasury`` (column [5], foreign official institutions),
    ``bank_st_treasury`` ([10], foreign banks), ``other_st_treasury`` ([15], other
    foreigners), ``iro_st_treasury`` ([20], international and regional organisations) and
    ``total_st_treasury`` ([41], the memo column, which equals [5]+[10]+[15]+[20] within
    rounding in every month; the parser checks this).
"""

from __future__ import annotations

import calendar
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Final

from treasury_leverage.data.countries import canonical_country, clean_published_name
from treasury_leverage.data.sources._common import decode_text, finish_tidy
from treasury_leverage.errors import DataFormatError
from treasury_leverage.units import USD_BN, USD_MN

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MFH_HISTORY_URL",
    "SLT_TABLE1_URL",
    "SLT_TABLE5_URL",
    "parse_bltype_history",
    "parse_mfh",
    "parse_shl_history",
    "parse_slt2d_history",
    "parse_slt_table1",
]

_TIC_DOCS: Final = "https://ticdata.treasury.gov/resource-center/data-chart-center/tic/Documents"
#: Major Foreign Holders history, one block per year (2000 to the last full year).
MFH_HISTORY_URL: Final = f"{_TIC_DOCS}/mfhhis01.txt"
#: Current Major Foreign Holders table (rolling 13 months, ISO-month header).
SLT_TABLE5_URL: Final = f"{_TIC_DOCS}/slt_table5.txt"
#: SLT Table 1: long-term securities held by foreign residents, by country, with flows.
SLT_TABLE1_URL: Final = f"{_TIC_DOCS}/slt_table1.txt"

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


# --------------------------------------------------------------------------------------------
# shared helpers
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# Major Foreign Holders (history file and current Table 5)
# --------------------------------------------------------------------------------------------

_MFH_OF_WHICH: Final = {
    # history file (after an "Of which:" line)
    "For. Official": "Foreign Official",
    "Treasury Bills": "Foreign Official: Treasury Bills",
    "T-Bonds & Notes": "Foreign Official: T-Bonds & Notes",
    # current Table 5
    "Of Which: Foreign Official": "Foreign Official",
    "Of Which: Foreign Official Treasury Bills": "Foreign Official: Treasury Bills",
    "Of Which: Foreign Official T-Bonds & Notes": "Foreign Official: T-Bonds & Notes",
}
_MFH_OFFICIAL_PARTS: Final = ("Foreign Official: Treasury Bills", "Foreign Official: T-Bonds & Notes")
_GRAND_TOTAL: Final = "Grand Total"
_BELGIUM_LUX_UNTIL: Final = (2002 - 1970) * 12 + (6 - 1)  # June 2002, footnote 5


class _MfhBlock:
    """One table of the MFH file: its month columns and the rows read so far."""

    def __init__(self, columns: dict[int, int], width: int, header_line: int) -> None:
        self.columns = columns  # field position -> month index (kept columns only)
        self.width = width  # last header position, dropped old-series columns included
        self.header_line = header_line
        self.components: list[tuple[str, int, dict[int, float]]] = []  # rows above Grand Total
        self.total: dict[int, float] | None = None
        self.total_line = 0
        self.of_which: dict[str, tuple[int, dict[int, float]]] = {}
        self.closed = False


def _last_filled(*rows: list[str]) -> int:
    return max((i for row in rows for i, c in enumerate(row) if c), default=0)


def _mfh_split(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _mfh_month_row(cells: list[str]) -> bool:
    rest = [c for c in cells[1:] if c]
    return not cells[0] and bool(rest) and all(c in _MONTHS for c in rest)


def _mfh_columns_legacy(
    month_cells: list[str], year_cells: list[str], *, source: str, line: int
) -> dict[int, int]:
    """Columns of a history block: month row + year row, Dec -> Jan, break month twice."""
    columns: dict[int, int] = {}
    previous: int | None = None
    width = max(len(month_cells), len(year_cells))
    for pos in range(1, width):
        mon = month_cells[pos] if pos < len(month_cells) else ""
        yr = year_cells[pos] if pos < len(year_cells) else ""
        if not mon and not yr:
            continue
        if not mon or not yr or mon not in _MONTHS or not _YEAR_RE.fullmatch(yr):
            raise DataFormatError(
                f"column {pos + 1}: month {mon!r} and year {yr!r} do not form a month; "
                "expected a month row (Dec, Nov, ...) above a year row (Country, 2025, ...)",
                source=source,
                line=line,
            )
        idx = _month_index(int(yr), _MONTHS[mon], source=source, line=line)
        if previous is not None and idx == previous:
            # The break month printed twice: the first is the new series, the second the old
            # one "shown for comparison only" (footnotes 6-17). Keep the new one.
            continue
        if previous is not None and idx > previous:
            raise DataFormatError(
                f"column {pos + 1}: {_month_label(idx)} follows {_month_label(previous)}; "
                "expected months running from December back to January",
                source=source,
                line=line,
            )
        columns[pos] = idx
        previous = idx
    if not columns:
        raise DataFormatError("header names no months", source=source, line=line)
    return columns


def _mfh_columns_iso(cells: list[str], *, source: str, line: int) -> dict[int, int]:
    """Columns of a Table 5 header: ``Country  2026-07  2026-06 ...``."""
    columns: dict[int, int] = {}
    for pos, cell in enumerate(cells[1:], start=1):
        if not cell:
            continue
        match = _ISO_MONTH_RE.fullmatch(cell)
        if match is None:  # pragma: no cover - guarded by the caller's header test
            raise DataFormatError(f"column {pos + 1}: {cell!r} is not a YYYY-MM month",
                                  source=source, line=line)
        idx = _month_index(int(match[1]), int(match[2]), source=source, line=line)
        if idx in columns.values():
            raise DataFormatError(
                f"month {cell} appears twice in the header; expected each month once",
                source=source,
                line=line,
            )
        columns[pos] = idx
    _check_month_sequence(columns, source=source, line=line)
    return columns


def _check_month_sequence(columns: dict[int, int], *, source: str, line: int) -> None:
    """Plausibility gate: Table 5's months run newest first, one month apart, without gaps.

    Two swapped headers would otherwise move whole columns of values to the wrong months
    silently (each month still appears once).
    """
    months = list(columns.values())
    for a, b in itertools.pairwise(months):
        if a - b != 1:
            raise DataFormatError(
                f"month header out of sequence: {_month_label(b)} follows {_month_label(a)}; "
                "expected consecutive months, newest first",
                source=source,
                line=line,
            )


def _mfh_values(
    cells: list[str], block: _MfhBlock, *, name: str, source: str, line: int
) -> dict[int, float]:
    if len(cells) - 1 > block.width and any(cells[block.width + 1 :]):
        raise DataFormatError(
            f"row {name!r} has more values than the header has months "
            f"({len(block.columns)} month columns)",
            source=source,
            line=line,
        )
    out: dict[int, float] = {}
    for pos, idx in block.columns.items():
        cell = cells[pos] if pos < len(cells) else ""
        if cell == "*":  # "less than $50 million": 0.0 at the table's 0.1 bn rounding
            out[idx] = 0.0
            continue
        if not cell:
            raise DataFormatError(
                f"row {name!r} has no value for {_month_label(idx)}; expected a number or "
                "'n.a.' in every month column",
                source=source,
                line=line,
            )
        value = _cell_value(cell, source=source, line=line, what=f"{name} {_month_label(idx)}")
        if value is not None:
            out[idx] = value
    return out


def _mfh_check_block(block: _MfhBlock, *, source: str) -> None:
    """Countries + All Other = Grand Total, and bills + bonds = Foreign Official."""
    if block.total is None:
        raise DataFormatError(
            "table has no 'Grand Total' row; expected country rows, 'All Other' and "
            "'Grand Total' below each month header",
            source=source,
            line=block.header_line,
        )
    for idx, total in block.total.items():
        parts = [vals[idx] for _, _, vals in block.components if idx in vals]
        gap = sum(parts) - total
        bound = _rounding_bound(0.1, len(parts))
        if abs(gap) > bound:
            raise DataFormatError(
                f"month {_month_label(idx)}: the {len(parts)} rows above 'Grand Total' add up "
                f"to {sum(parts):.1f} bn but 'Grand Total' is {total:.1f} bn (gap {gap:+.1f} "
                f"bn; rounding allows at most {bound:.2f} bn)",
                source=source,
                line=block.total_line,
            )
    official = block.of_which.get("Foreign Official")
    parts_rows = [block.of_which.get(p) for p in _MFH_OFFICIAL_PARTS]
    if official is None or any(p is None for p in parts_rows):
        return
    line_no, off_vals = official
    for idx, value in off_vals.items():
        pieces = [p[1][idx] for p in parts_rows if p is not None and idx in p[1]]
        if len(pieces) != 2:
            continue
        gap = sum(pieces) - value
        if abs(gap) > _rounding_bound(0.1, 2):
            raise DataFormatError(
                f"month {_month_label(idx)}: Treasury bills + T-bonds & notes of foreign "
                f"official holders = {sum(pieces):.1f} bn but 'Foreign Official' is "
                f"{value:.1f} bn (gap {gap:+.1f} bn)",
                source=source,
                line=line_no,
            )


def _mfh_header_found(
    block: _MfhBlock | None, *, unit_seen: bool, above: str, source: str, line: int
) -> None:
    """A month header starts a table: the unit must be stated by then; the last table closes.

    Raises
    ------
    DataFormatError
        If no title line so far said "billions of dollars" (``above`` says where it was
        expected), or the previous table ``block`` does not add up (:func:`_mfh_check_block`).
    """
    if not unit_seen:
        raise DataFormatError(
            f"no title stating 'billions of dollars' above {above}; expected the "
            "Major Foreign Holders table (USD billions)",
            source=source,
            line=line,
        )
    if block is not None:
        _mfh_check_block(block, source=source)


def parse_mfh(raw: str | bytes, *, source: str = "mfhhis01.txt") -> pd.DataFrame:
    """Parse the TIC Major Foreign Holders table: the history file or the current Table 5.

    Both layouts are recognised line by line: history blocks (a month row ``Dec Nov ... Jan``
    over a year row ``Country 2025 2025 ...``, newest year first, series-break months printed
    twice, label rows such as ``Series 17/`` and ``XIII``, a footnote section at the end) and
    the current SLT Table 5 (one header row ``Country 2026-07 2026-06 ...``, ``Of Which:`` rows,
    a ``Notes:`` section).

    Parameters
    ----------
    raw
        The file's text or bytes.
    source
        File name, for error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame, unit ``"USD bn"``, month-end dates; series ids as described in the module
        docstring (``"Japan"``, ``"China, Mainland"``, ``"Grand Total"``,
        ``"Foreign Official"``, ``"Foreign Official: Treasury Bills"``, ...).

    Raises
    ------
    DataFormatError
        If the layout is not one of the two, a table lacks its Grand Total, the rows of a month
        do not add up to its Grand Total beyond rounding, months are missing, or a cell is not
        a number.
    """
    text = decode_text(raw, source=source)
    lines = text.split("\n")
    blocks: list[_MfhBlock] = []
    block: _MfhBlock | None = None
    pending_months: tuple[list[str], int] | None = None
    in_of_which = False
    unit_seen = False

    for line_no, line in enumerate(lines, start=1):
        cells = _mfh_split(line)
        if not any(cells):
            continue
        first = cells[0]
        rest = [c for c in cells[1:] if c]

        if pending_months is not None:
            month_cells, month_line = pending_months
            pending_months = None
            if first != "Country":
                raise DataFormatError(
                    f"the month row on line {month_line} is followed by {first or line!r}; "
                    "expected the year row 'Country  2025  2025 ...'",
                    source=source,
                    line=line_no,
                )
            columns = _mfh_columns_legacy(month_cells, cells, source=source, line=line_no)
            block = _MfhBlock(columns, _last_filled(month_cells, cells), line_no)
            blocks.append(block)
            in_of_which = False
            continue

        if _mfh_month_row(cells):
            _mfh_header_found(
                block, unit_seen=unit_seen, above="the first table", source=source, line=line_no
            )
            block = None
            pending_months = (cells, line_no)
            continue

        if first == "Country":
            if rest and all(_ISO_MONTH_RE.fullmatch(c) for c in rest):
                _mfh_header_found(
                    block, unit_seen=unit_seen, above="the table", source=source, line=line_no
                )
                columns = _mfh_columns_iso(cells, source=source, line=line_no)
                block = _MfhBlock(columns, _last_filled(cells), line_no)
                blocks.append(block)
                in_of_which = False
                continue
            if rest and all(_YEAR_RE.fullmatch(c) for c in rest):
                raise DataFormatError(
                    "year row without a month row above it; expected 'Dec Nov ... Jan' on the "
                    "line before",
                    source=source,
                    line=line_no,
                )
            raise DataFormatError(
                f"header row names no months (found {rest[:3]!r}); expected 'Country' followed "
                "by YYYY-MM months, or a month row above a year row",
                source=source,
                line=line_no,
            )

        if block is None or block.closed:
            if not unit_seen and "billions of dollars" in line.lower():
                unit_seen = True
            if first and rest and any(_NUMBER_RE.fullmatch(c) for c in rest):
                raise DataFormatError(
                    f"data row {clean_published_name(first)!r} outside a table; expected a "
                    "month header above it",
                    source=source,
                    line=line_no,
                )
            continue  # titles, label rows ("Series 17/", "XIII"), footnotes

        if not first:
            if any(_NUMBER_RE.fullmatch(c) for c in rest):
                raise DataFormatError(
                    "numbers without a holder name in the first column", source=source,
                    line=line_no,
                )
            continue  # "------" rules and series labels

        if not rest:  # a text-only line: "Of which:", or the end of the table
            if block.total is None:
                raise DataFormatError(
                    f"the table headed here has no 'Grand Total' row: it reaches {first!r} "
                    f"(line {line_no}) without one; expected 'Grand Total' below the holders",
                    source=source,
                    line=block.header_line,
                )
            if first.rstrip(":").strip().lower() == "of which":
                in_of_which = True
                continue
            block.closed = True  # footnotes or "Notes:" follow
            continue

        name = clean_published_name(first)
        values = _mfh_values(cells, block, name=name, source=source, line=line_no)
        if block.total is None:
            if name == _GRAND_TOTAL:
                block.total = values
                block.total_line = line_no
                continue
            if name.startswith("Of Which"):
                raise DataFormatError(
                    f"the table headed here has no 'Grand Total' row: it reaches {name!r} "
                    f"(line {line_no}) without one; expected 'Grand Total' above the 'Of which' "
                    "rows",
                    source=source,
                    line=block.header_line,
                )
            if any(name == n for n, _, _ in block.components):
                raise DataFormatError(
                    f"holder {name!r} appears twice in one table", source=source, line=line_no
                )
            block.components.append((name, line_no, values))
            continue
        series = _MFH_OF_WHICH.get(name) if (in_of_which or name.startswith("Of Which")) else None
        if series is None or series in block.of_which:
            raise DataFormatError(
                f"unexpected row {name!r} after 'Grand Total'; expected only the 'Of which' "
                f"rows {sorted(set(_MFH_OF_WHICH.values()))}",
                source=source,
                line=line_no,
            )
        block.of_which[series] = (line_no, values)

    if pending_months is not None:
        raise DataFormatError(
            "file ends after a month row; expected a year row and data",
            source=source,
            line=pending_months[1],
        )
    if not blocks:
        raise DataFormatError(
            "no month header found; expected 'Country' followed by YYYY-MM months (Table 5) "
            "or a month row above a year row (history file)",
            source=source,
        )
    if block is not None:
        _mfh_check_block(block, source=source)

    observations: list[tuple[int, str, float]] = []  # (month index, series id, value)
    seen_months: set[int] = set()
    for blk in blocks:
        seen_months.update(blk.columns.values())
        rows: list[tuple[str, dict[int, float]]] = [(n, v) for n, _, v in blk.components]
        if blk.total is not None:
            rows.append((_GRAND_TOTAL, blk.total))
        rows.extend((name, vals) for name, (_, vals) in blk.of_which.items())
        for name, vals in rows:
            for idx, value in vals.items():
                sid = name
                if name == "Belgium" and idx < _BELGIUM_LUX_UNTIL:
                    sid = "Belgium-Luxembourg"  # footnote 5: Belgium incl. Luxembourg
                observations.append((idx, sid, value))
    _check_contiguous(seen_months, source=source, what="months")
    return _tidy(observations, USD_BN, source=source)


def _check_contiguous(months: Iterable[int], *, source: str, what: str) -> None:
    ordered = sorted(set(months))
    if not ordered:
        return
    expected = ordered[-1] - ordered[0] + 1
    if len(ordered) != expected:
        have = set(ordered)
        missing = [m for m in range(ordered[0], ordered[-1] + 1) if m not in have]
        shown = ", ".join(_month_label(m) for m in missing[:5])
        raise DataFormatError(
            f"{what} {_month_label(ordered[0])}..{_month_label(ordered[-1])} have "
            f"{len(missing)} gap(s) ({shown}{', ...' if len(missing) > 5 else ''}); expected "
            "consecutive months",
            source=source,
        )


# --------------------------------------------------------------------------------------------
# SLT Table 1
# --------------------------------------------------------------------------------------------

_SLT1_MEASURE_RE: Final = re.compile(r"for_lt_(total|treas|agcy|corp|eqty)_(pos|net|valchg)")
_SLT1_OF_WHICH: Final = "Of Which:"


def parse_slt_table1(raw: str | bytes, *, source: str = "slt_table1.txt") -> pd.DataFrame:
    """Parse TIC SLT Table 1: U.S. long-term securities held by foreign residents, by country.

    Parameters
    ----------
    raw
        The file's text or bytes (tab-separated, CRLF, machine column names on the header line
        that starts ``country  country_code  date``).
    source
        File name, for error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame in ``"USD mn"``; ``series_id`` = ``"<entity>|<measure>"``, e.g.
        ``"Japan|treas_pos"``, ``"Japan|treas_net"``, ``"Foreign Official|treas_valchg"``
        (scheme in the module docstring). Holdings are end-of-month positions at market value;
        ``*_net`` are net U.S. sales to foreigners (positive = foreign position up) and
        ``*_valchg`` valuation changes, both published from 2023-02.

    Raises
    ------
    DataFormatError
        If the header is missing or names unknown columns, a row is malformed, a total does not
        equal its parts within rounding, or an entity's months have gaps.
    """
    text = decode_text(raw, source=source)
    lines = text.split("\n")
    header_at = _find_tab_header(
        lines,
        lambda cells: cells[:3] == ["country", "country_code", "date"],
        no_header="no header line starting 'country, country_code, date' in the first 60 lines; "
        "expected the machine column names of SLT Table 1",
        no_unit="the title does not state 'Millions of dollars'; expected SLT Table 1 in USD "
        "millions",
        source=source,
    )
    names = [c.strip() for c in lines[header_at].split("\t")[3:]]
    while names and not names[-1]:
        names.pop()
    measures: list[str] = []
    for pos, name in enumerate(names, start=4):
        if not _SLT1_MEASURE_RE.fullmatch(name) or name[len("for_lt_") :] in measures:
            raise DataFormatError(
                f"column {pos}: {name!r} is not a new 'for_lt_<type>_<pos|net|valchg>' column",
                source=source,
                line=header_at + 1,
            )
        measures.append(name[len("for_lt_") :])
    if not measures:
        raise DataFormatError("header names no data columns", source=source, line=header_at + 1)
    n_meas = len(measures)

    # First pass: rows as (line, name, code, month, values).
    rows: list[tuple[int, str, str, int, list[float | None]]] = []
    for line_no in range(header_at + 2, len(lines) + 1):
        cells = [c.strip() for c in lines[line_no - 1].split("\t")]
        if not any(cells):
            continue
        if cells[0].startswith(("Definitions", "Column definitions")):
            break
        if len(cells) < 3 + n_meas or any(cells[3 + n_meas :]):
            raise DataFormatError(
                f"expected {3 + n_meas} tab-separated fields (country, code, date and "
                f"{n_meas} values), found {sum(1 for c in cells if c)} non-empty",
                source=source,
                line=line_no,
            )
        name, code, date = cells[0], cells[1], cells[2]
        match = _ISO_MONTH_RE.fullmatch(date)
        if not name or not code.isdigit() or match is None:
            raise DataFormatError(
                f"expected a country name, a numeric country code and a YYYY-MM date, found "
                f"{name!r}, {code!r}, {date!r}",
                source=source,
                line=line_no,
            )
        idx = _month_index(int(match[1]), int(match[2]), source=source, line=line_no)
        vals = [
            _cell_value(c, source=source, line=line_no, what=f"{name} {date} {m}")
            for c, m in zip(cells[3 : 3 + n_meas], measures, strict=True)
        ]
        rows.append((line_no, name, code, idx, vals))
    if not rows:
        raise DataFormatError("no data rows below the header", source=source, line=header_at + 1)

    entities = _slt1_entities(rows, source=source)
    _slt1_checks(rows, entities, measures, source=source)

    observations: list[tuple[int, str, float]] = []  # (month index, series id, value)
    for row, entity in zip(rows, entities, strict=True):
        _, _, _, idx, vals = row
        for measure, value in zip(measures, vals, strict=True):
            if value is not None:
                observations.append((idx, f"{entity}|{measure}", value))
    return _tidy(observations, USD_MN, source=source)


def _slt1_entities(
    rows: list[tuple[int, str, str, int, list[float | None]]], *, source: str
) -> list[str]:
    """Readable, unique entity names (see the module docstring)."""
    parent = ""
    raw_names: list[str] = []
    for line_no, name, _code, _idx, _vals in rows:
        if name.startswith(_SLT1_OF_WHICH):
            if not parent:
                raise DataFormatError(
                    f"{name!r} has no country or total row above it to break down",
                    source=source,
                    line=line_no,
                )
            part = name[len(_SLT1_OF_WHICH) :].strip()
            raw_names.append(part if parent == _GRAND_TOTAL else f"{parent}: {part}")
        else:
            parent = name
            raw_names.append(name)
    codes_by_name: dict[str, set[str]] = {}
    for entity, row in zip(raw_names, rows, strict=True):
        codes_by_name.setdefault(entity, set()).add(row[2])
    return [
        f"{entity} [{row[2]}]" if len(codes_by_name[entity]) > 1 else entity
        for entity, row in zip(raw_names, rows, strict=True)
    ]


def _slt1_checks(
    rows: list[tuple[int, str, str, int, list[float | None]]],
    entities: list[str],
    measures: list[str],
    *,
    source: str,
) -> None:
    """Row totals, Grand Total = All Countries + IROs, and gap-free months per entity."""
    pos = {m: i for i, m in enumerate(measures)}
    kinds = ("treas", "agcy", "corp", "eqty")
    identities = [
        (pos[f"total_{f}"], [pos[f"{k}_{f}"] for k in kinds])
        for f in ("pos", "net", "valchg")
        if f"total_{f}" in pos and all(f"{k}_{f}" in pos for k in kinds)
    ]
    bound = _rounding_bound(1.0, len(kinds))
    last_month: dict[str, tuple[int, int]] = {}
    by_code: dict[str, dict[int, tuple[int, list[float | None]]]] = {}
    for (line_no, name, code, idx, vals), entity in zip(rows, entities, strict=True):
        for total_at, part_at in identities:
            total = vals[total_at]
            parts = [vals[j] for j in part_at]
            if total is None or any(p is None for p in parts):
                continue
            gap = sum(p for p in parts if p is not None) - total
            if abs(gap) > bound:
                raise DataFormatError(
                    f"{name} {_month_label(idx)}: {measures[total_at]} is {total:,.0f} but its "
                    f"four security types add up to {total + gap:,.0f} (gap {gap:+,.0f} mn)",
                    source=source,
                    line=line_no,
                )
        previous = last_month.get(entity)
        if previous is not None and idx != previous[0] - 1:
            raise DataFormatError(
                f"{name}: {_month_label(idx)} follows {_month_label(previous[0])} (line "
                f"{previous[1]}); expected consecutive months, newest first",
                source=source,
                line=line_no,
            )
        last_month[entity] = (idx, line_no)
        by_code.setdefault(code, {})[idx] = (line_no, vals)

    grand, countries, iros = by_code.get("99996"), by_code.get("69995"), by_code.get("79995")
    if grand is None or countries is None or iros is None:
        return
    for idx, (line_no, g_vals) in grand.items():
        if idx not in countries or idx not in iros:
            continue
        c_vals, i_vals = countries[idx][1], iros[idx][1]
        for j, measure in enumerate(measures):
            g, c, i = g_vals[j], c_vals[j], i_vals[j]
            if g is None or c is None or i is None:
                continue
            if abs(c + i - g) > _rounding_bound(1.0, 2):
                raise DataFormatError(
                    f"Grand Total {_month_label(idx)} {measure} is {g:,.0f} but All Countries "
                    f"+ Total IROs = {c + i:,.0f}",
                    source=source,
                    line=line_no,
                )


# --------------------------------------------------------------------------------------------
# Annual survey history (SHL)
# --------------------------------------------------------------------------------------------

_SHL_LAYOUTS: Final[dict[tuple[str, ...], tuple[str, ...]]] = {
    (
        "total securities", "equity", "total long-term debt", "treasury debt", "agency debt",
        "corporate debt", "total short-term debt", "treasury debt", "agency debt",
        "corporate debt",
    ): (
        "total", "equity", "lt_debt", "lt_treasury", "lt_agency", "lt_corporate", "st_debt",
        "st_treasury", "st_agency", "st_corporate",
    ),
    (
        "total", "equity", "total long-term debt", "treasury debt", "agency debt",
        "corporate debt",
    ): ("lt_total", "equity", "lt_debt", "lt_treasury", "lt_agency", "lt_corporate"),
    (
        "total long-term securities", "equity", "total long-term debt", "treasury debt",
        "agency debt", "corporate debt",
    ): ("lt_total", "equity", "lt_debt", "lt_treasury", "lt_agency", "lt_corporate"),
    ("total long-term securities", "equity", "debt"): ("lt_total", "equity", "lt_debt"),
}
# (total, parts) identities checked within rounding, by measure names. "lt_total" = equity +
# lt_debt is not among them: the Mar 2000 and Dec 1994 surveys print a total of 0 for about 40
# small holders whose equity is positive (Syria Mar 2000: total 0, equity 43).
_SHL_IDENTITIES: Final = (
    ("total", ("equity", "lt_debt", "st_debt")),
    ("lt_debt", ("lt_treasury", "lt_agency", "lt_corporate")),
    ("st_debt", ("st_treasury", "st_agency", "st_corporate")),
)
_SHL_CHECK_FROM: Final = (1994 - 1970) * 12 + 11  # Dec 1994: earlier surveys do not add up


def _shl_header_name(cell: str) -> str:
    return clean_published_name(cell).lower()


def parse_shl_history(
    raw: str | bytes, *, source: str = "tic_historic_holdings.txt"
) -> pd.DataFrame:
    """Parse the TIC annual survey history: foreign holdings of U.S. securities by country.

    Parameters
    ----------
    raw
        The file's text or bytes (tab-separated; three header rows: survey dates, Total /
        Long-term / Short-term groups, column names; one row per country code).
    source
        File name, for error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame in ``"USD mn"``; date = survey month-end; ``series_id`` =
        ``"<holder>|<measure>"`` such as ``"Japan|lt_treasury"``, ``"China, Mainland|st_treasury"``
        (scheme in the module docstring).

    Raises
    ------
    DataFormatError
        If the header rows are missing or a survey's columns are not a known layout, a row is
        malformed, a holder appears twice, or totals do not equal their parts within rounding.
    """
    text = decode_text(raw, source=source)
    lines = text.split("\n")
    header_at = _find_tab_header(
        lines,
        lambda cells: len(cells) > 2 and not cells[0] and bool(_MON_YEAR_RE.fullmatch(cells[2])),
        rows_below=2,
        no_header="no survey-date header row ('', '', 'Jun 2024', ...) in the first 60 lines; "
        "expected the SHL history table",
        no_unit="the title does not state 'Millions of Dollars'; expected the survey history in "
        "USD millions",
        source=source,
    )
    date_cells = [c.strip() for c in lines[header_at].split("\t")]
    name_cells = [c.strip() for c in lines[header_at + 2].split("\t")]
    if name_cells[:2] != ["Country code", "Countries and Regions"]:
        raise DataFormatError(
            f"third header row starts {name_cells[:2]!r}; expected 'Country code', "
            "'Countries and Regions'",
            source=source,
            line=header_at + 3,
        )
    columns = _shl_columns(date_cells, name_cells, source=source, line=header_at + 1)
    width = max(columns) + 1

    import numpy as np

    holders: list[str] = []
    codes: list[str] = []
    row_lines: list[int] = []
    matrix: list[list[float]] = []
    ended_at = 0
    for line_no in range(header_at + 4, len(lines) + 1):
        cells = [c.strip() for c in lines[line_no - 1].split("\t")]
        if not any(cells):
            continue
        if not _CODE_RE.fullmatch(cells[0]):
            if not matrix:
                raise DataFormatError(
                    f"expected a country row (5-digit code, name, values), found {cells[0]!r}",
                    source=source,
                    line=line_no,
                )
            ended_at = ended_at or line_no
            continue
        if ended_at:
            raise DataFormatError(
                f"country row {cells[1] if len(cells) > 1 else ''!r} after the end of the "
                f"table (line {ended_at}); expected notes only",
                source=source,
                line=line_no,
            )
        if len(cells) < width or any(cells[width:]):
            raise DataFormatError(
                f"expected {width} fields (code, name and {width - 2} values), found "
                f"{len(cells)}",
                source=source,
                line=line_no,
            )
        holder = canonical_country(cells[1])
        if not holder:
            raise DataFormatError("country row without a name", source=source, line=line_no)
        row: list[float] = []
        for pos in range(2, width):
            cell = cells[pos]
            if cell == "*":  # greater than zero, less than $0.5 mn: 0 at whole-million rounding
                row.append(0.0)
                continue
            if not cell:
                raise DataFormatError(
                    f"{holder}: empty cell in column {pos + 1}; expected a number, '*' or "
                    "'n.a.'",
                    source=source,
                    line=line_no,
                )
            value = _cell_value(cell, source=source, line=line_no, what=f"{holder} col {pos + 1}")
            row.append(np.nan if value is None else value)
        holders.append(holder)
        codes.append(cells[0])
        row_lines.append(line_no)
        matrix.append(row)
    if not matrix:
        raise DataFormatError("no country rows below the header", source=source,
                              line=header_at + 3)
    for seen, what in ((holders, "holder"), (codes, "country code")):
        if len(set(seen)) != len(seen):
            dup = next(x for i, x in enumerate(seen) if x in seen[:i])
            raise DataFormatError(
                f"{what} {dup!r} appears twice", source=source,
                line=row_lines[len(seen) - 1 - seen[::-1].index(dup)],
            )

    data = np.asarray(matrix, dtype="float64")  # rows x (width - 2)
    _shl_checks(data, columns, holders, codes, row_lines, source=source)

    observations: list[tuple[int, str, float]] = []  # (month index, series id, value)
    for pos, (idx, measure) in columns.items():
        col = data[:, pos - 2]
        for holder, value in zip(holders, col.tolist(), strict=True):
            if value == value:  # not NaN
                observations.append((idx, f"{holder}|{measure}", value))
    return _tidy(observations, USD_MN, source=source)


def _shl_columns(
    date_cells: list[str], name_cells: list[str], *, source: str, line: int
) -> dict[int, tuple[int, str]]:
    """Field position -> (survey month index, measure), checking each survey's layout."""
    groups: list[tuple[str, list[int]]] = []
    for pos in range(2, len(date_cells)):
        label = date_cells[pos]
        if not label:
            continue
        if groups and groups[-1][0] == label and groups[-1][1][-1] == pos - 1:
            groups[-1][1].append(pos)
        else:
            groups.append((label, [pos]))
    if not groups:
        raise DataFormatError("header row names no survey dates", source=source, line=line)
    columns: dict[int, tuple[int, str]] = {}
    seen: set[int] = set()
    for label, positions in groups:
        match = _MON_YEAR_RE.fullmatch(label)
        if match is None or match[1] not in _MONTHS:
            raise DataFormatError(
                f"column {positions[0] + 1}: {label!r} is not a survey date like 'Jun 2024'",
                source=source,
                line=line,
            )
        idx = _month_index(int(match[2]), _MONTHS[match[1]], source=source, line=line)
        if idx in seen:
            raise DataFormatError(
                f"survey {label} appears twice in the header", source=source, line=line
            )
        seen.add(idx)
        names = tuple(
            _shl_header_name(name_cells[p]) if p < len(name_cells) else "" for p in positions
        )
        measures = _SHL_LAYOUTS.get(names)
        if measures is None:
            raise DataFormatError(
                f"survey {label}: columns {list(names)} are not a known layout; expected 10 "
                "(total ... short-term corporate), 6 (long-term only) or 3 (total, equity, "
                "debt) columns",
                source=source,
                line=line + 2,
            )
        for pos, measure in zip(positions, measures, strict=True):
            columns[pos] = (idx, measure)
    return columns


def _shl_checks(
    data: object,
    columns: dict[int, tuple[int, str]],
    holders: list[str],
    codes: list[str],
    row_lines: list[int],
    *,
    source: str,
) -> None:
    import numpy as np

    arr = np.asarray(data, dtype="float64")
    by_survey: dict[int, dict[str, int]] = {}
    for pos, (idx, measure) in columns.items():
        by_survey.setdefault(idx, {})[measure] = pos - 2
    total_row = codes.index("99996") if "99996" in codes else None
    for idx, cols in by_survey.items():
        if idx < _SHL_CHECK_FROM:
            continue
        for total_name, part_names in _SHL_IDENTITIES:
            if total_name not in cols or not all(p in cols for p in part_names):
                continue
            total = arr[:, cols[total_name]]
            parts = arr[:, [cols[p] for p in part_names]].sum(axis=1)
            gap = np.abs(parts - total)
            bad = np.flatnonzero(gap > _rounding_bound(1.0, len(part_names)))
            if bad.size:
                r = int(bad[0])
                raise DataFormatError(
                    f"{holders[r]} {_month_label(idx)}: {total_name} is {total[r]:,.0f} but "
                    f"{' + '.join(part_names)} = {parts[r]:,.0f}",
                    source=source,
                    line=row_lines[r],
                )
        if total_row is None or idx < (2002 - 1970) * 12:
            continue
        rest = np.delete(arr, total_row, axis=0)
        for measure, col in cols.items():
            present = rest[:, col][~np.isnan(rest[:, col])]
            total = arr[total_row, col]
            if np.isnan(total):
                continue
            gap = float(present.sum() - total)
            bound = _rounding_bound(1.0, int(present.size))
            if abs(gap) > bound:
                raise DataFormatError(
                    f"{_month_label(idx)} {measure}: holders add up to {present.sum():,.0f} but "
                    f"the Total row is {total:,.0f} (gap {gap:+,.0f} mn; rounding allows "
                    f"{bound:,.0f})",
                    source=source,
                    line=row_lines[total_row],
                )


# --------------------------------------------------------------------------------------------
# Historical CSV tables (quoted, split multi-row headers)
# --------------------------------------------------------------------------------------------


def _csv_rows(text: str, *, source: str) -> list[tuple[int, list[str]]]:
    """(first line number, stripped cells) of every CSV record."""
    reader = csv.reader(io.StringIO(text))
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            out.append((start, [c.strip() for c in record]))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataFormatError(f"not valid CSV: {exc}", source=source, line=start) from None
    return out


def _parse_history_csv(
    raw: str | bytes,
    *,
    source: str,
    wanted: dict[int, tuple[str, str]],
    identities: Sequence[tuple[str, Sequence[str]]],
    title: str,
) -> pd.DataFrame:
    """Shared reader of the quoted TIC history CSVs with a split, multi-row header.

    ``wanted`` maps a column position to (series id, expected header text, normalised); the
    header text of every used column is checked so that a changed layout fails loudly.
    """
    text = decode_text(raw, source=source)
    records = _csv_rows(text, source=source)
    first_data = next(
        (i for i, (_, cells) in enumerate(records) if cells and _YEAR_MON_RE.fullmatch(cells[0])),
        None,
    )
    if first_data is None:
        raise DataFormatError(
            f"no data row (a first cell like '2023-Jan') found; expected the {title}",
            source=source,
        )
    # The header is the contiguous block of non-blank records just above the first data row.
    i = first_data - 1
    while i >= 0 and not any(records[i][1]):
        i -= 1
    header_end = i
    while i >= 0 and any(records[i][1]):
        i -= 1
    header = [cells for _, cells in records[i + 1 : header_end + 1]]
    title_text = "".join("".join(cells) for _, cells in records[: i + 1])
    if "millionsofdol" not in re.sub(r"\s+", "", title_text).lower():
        raise DataFormatError(
            f"the title does not state millions of dollars; expected the {title}",
            source=source,
            line=1,
        )
    header_line = records[header_end][0] if header_end >= 0 else 1
    for pos, (_sid, expected) in wanted.items():
        found = " ".join(cells[pos] for cells in header if pos < len(cells) and cells[pos])
        if _norm_header(found) != expected:
            raise DataFormatError(
                f"column {pos + 1} is headed {found!r}; expected {expected!r} (layout changed?)",
                source=source,
                line=header_line,
            )

    width = max(wanted) + 1
    observations: list[tuple[int, str, float]] = []  # (month index, series id, value)
    previous: tuple[int, int] | None = None
    for line_no, cells in records[first_data:]:
        if not any(cells):
            continue
        match = _YEAR_MON_RE.fullmatch(cells[0])
        if match is None or match[2] not in _MONTHS:
            raise DataFormatError(
                f"expected a month like '2023-Jan' in the first column, found {cells[0]!r}",
                source=source,
                line=line_no,
            )
        if len(cells) < width:
            raise DataFormatError(
                f"{cells[0]}: expected at least {width} fields, found {len(cells)}",
                source=source,
                line=line_no,
            )
        idx = _month_index(int(match[1]), _MONTHS[match[2]], source=source, line=line_no)
        if previous is not None and idx != previous[0] - 1:
            raise DataFormatError(
                f"{cells[0]} follows {_month_label(previous[0])} (line {previous[1]}); "
                "expected consecutive months, newest first",
                source=source,
                line=line_no,
            )
        previous = (idx, line_no)
        row: dict[str, float] = {}
        for pos, (sid, _) in wanted.items():
            cell = cells[pos]
            if cell == "-":  # printed for nil in a few cells; treated as not available
                continue
            value = _cell_value(cell, source=source, line=line_no, what=f"{cells[0]} {sid}")
            if value is not None:
                row[sid] = value
        for total_sid, part_sids in identities:
            if total_sid not in row or not all(p in row for p in part_sids):
                continue
            parts = sum(row[p] for p in part_sids)
            if abs(parts - row[total_sid]) > _rounding_bound(1.0, len(part_sids)):
                raise DataFormatError(
                    f"{cells[0]}: {total_sid} is {row[total_sid]:,.0f} but "
                    f"{' + '.join(part_sids)} = {parts:,.0f}",
                    source=source,
                    line=line_no,
                )
        for sid, value in row.items():
            observations.append((idx, sid, value))
    return _tidy(observations, USD_MN, source=source)


def _norm_header(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower()).strip()
    return text.replace("- ", "-")


_SLT2D_COLUMNS: Final[dict[int, tuple[str, str]]] = {
    1: ("lt_total", "u.s. long-term securities total"),
    2: ("lt_official", "u.s. long-term securities held by: foreign official"),
    3: ("lt_private", "u.s. long-term securities held by: foreign private"),
    4: ("treas_total", "u.s. treasury bonds total all foreigners"),
    5: ("treas_official", "u.s. treasury bonds held by: foreign official"),
    6: ("treas_private", "u.s. treasury bonds held by: foreign private"),
    7: ("agcy_total", "u.s. agency bonds total"),
    8: ("agcy_official", "u.s. agency bonds held by: foreign official"),
    10: ("agcy_private", "u.s. agency bonds held by: foreign private"),
    12: ("corp_total", "u.s. corporate bonds total"),
    13: ("corp_official", "u.s. corporate bonds held by: foreign official"),
    19: ("corp_private", "u.s. corporate bonds held by: foreign private"),
    25: ("eqty_total", "u.s. corporate stocks total"),
    26: ("eqty_official", "u.s. corporate stocks held by: foreign official"),
    31: ("eqty_private", "u.s. corporate stocks held by: foreign private"),
}
_SLT2D_IDENTITIES: Final = (
    ("lt_total", ("lt_official", "lt_private")),
    ("treas_total", ("treas_official", "treas_private")),
    ("agcy_total", ("agcy_official", "agcy_private")),
    ("corp_total", ("corp_official", "corp_private")),
    ("eqty_total", ("eqty_official", "eqty_private")),
    ("lt_total", ("treas_total", "agcy_total", "corp_total", "eqty_total")),
)


def parse_slt2d_history(raw: str | bytes, *, source: str = "slt2d_history.csv") -> pd.DataFrame:
    """Parse TIC Table 2D history: long-term U.S. securities held by all foreigners.

    Parameters
    ----------
    raw
        The file's text or bytes (quoted CSV; column labels split over six header rows; one row
        per month, newest first, dates like ``"2023-Jan"``).
    source
        File name, for error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame in ``"USD mn"`` with series ``treas_total``, ``treas_official``,
        ``treas_private`` (long-term Treasury bonds and notes) and the same split for all
        long-term securities (``lt_*``), agency bonds (``agcy_*``), corporate bonds
        (``corp_*``) and corporate stocks (``eqty_*``).

    Raises
    ------
    DataFormatError
        If a used column's header text differs from the expected one, a row is malformed,
        months are not consecutive, or a total differs from official + private.
    """
    return _parse_history_csv(
        raw,
        source=source,
        wanted=_SLT2D_COLUMNS,
        identities=_SLT2D_IDENTITIES,
        title="TIC Table 2D history",
    )


_BLTYPE_COLUMNS: Final[dict[int, tuple[str, str]]] = {
    5: ("foi_st_treasury", "held by foi: st treas securities [5]"),
    10: ("bank_st_treasury", "held by forgn banks: st treas securities [10]"),
    15: ("other_st_treasury", "held by oth forgn: st treas securities [15]"),
    20: ("iro_st_treasury", "held by int'l & reg orgs st treas securities [20]"),
    41: ("total_st_treasury", "st treas securities [41]"),
}
_BLTYPE_IDENTITIES: Final = (
    (
        "total_st_treasury",
        ("foi_st_treasury", "bank_st_treasury", "other_st_treasury", "iro_st_treasury"),
    ),
)


def parse_bltype_history(raw: str | bytes, *, source: str = "bltype_history.csv") -> pd.DataFrame:
    """Parse TIC banking history: short-term Treasury securities held for foreigners, by holder.

    Parameters
    ----------
    raw
        The file's text or bytes (quoted CSV; split header with bracketed column numbers
        ``[1]`` ... ``[48]``; one row per month, newest first).
    source
        File name, for error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame in ``"USD mn"`` with series ``foi_st_treasury`` (column [5], foreign
        official institutions), ``bank_st_treasury`` ([10]), ``other_st_treasury`` ([15]),
        ``iro_st_treasury`` ([20]) and ``total_st_treasury`` ([41]).

    Raises
    ------
    DataFormatError
        If a used column's header text differs from the expected one, a row is malformed,
        months are not consecutive, or the total differs from the sum of holders.
    """
    return _parse_history_csv(
        raw,
        source=source,
        wanted=_BLTYPE_COLUMNS,
        identities=_BLTYPE_IDENTITIES,
        title="TIC liabilities by type and holder history",
    )
