"""TIC Major Foreign Holders tables (the history ``mfhhis01.txt`` and the current Table 5): parser.

Every parser takes the raw text (or bytes) of one published file and returns the tidy frame of
:mod:`treasury_leverage.data.sources._common` (``date, series_id, value, unit``), or raises
:class:`~treasury_leverage.errors.DataFormatError` naming the file, the line and what was
expected. Dates are month-ends. The format quirks are described in
``../shared/data/tic/SOURCES.md``; the choices made here are listed per parser.

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
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

from treasury_leverage.data.countries import clean_published_name
from treasury_leverage.data.sources._common import decode_text
from treasury_leverage.data.sources.tic._common import (
    _GRAND_TOTAL,
    _ISO_MONTH_RE,
    _MONTHS,
    _NUMBER_RE,
    _TIC_DOCS,
    _YEAR_RE,
    _cell_value,
    _month_index,
    _month_label,
    _rounding_bound,
    _tidy,
)
from treasury_leverage.errors import DataFormatError
from treasury_leverage.units import USD_BN

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MFH_HISTORY_URL",
    "SLT_TABLE5_URL",
    "parse_mfh",
]

#: Major Foreign Holders history, one block per year (2000 to the last full year).
MFH_HISTORY_URL: Final = f"{_TIC_DOCS}/mfhhis01.txt"
#: Current Major Foreign Holders table (rolling 13 months, ISO-month header).
SLT_TABLE5_URL: Final = f"{_TIC_DOCS}/slt_table5.txt"

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
