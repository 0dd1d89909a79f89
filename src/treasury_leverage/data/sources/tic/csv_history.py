"""TIC historical CSV tables (quoted, split multi-row headers): SLT aggregate and short-term custody.

Every parser takes the raw text (or bytes) of one published file and returns the tidy frame of
:mod:`treasury_leverage.data.sources._common` (``date, series_id, value, unit``), or raises
:class:`~treasury_leverage.errors.DataFormatError` naming the file, the line and what was
expected. Dates are month-ends. The format quirks are described in
``../shared/data/tic/SOURCES.md``; the choices made here are listed per parser.

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

import csv
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from treasury_leverage.data.sources._common import decode_text
from treasury_leverage.data.sources.tic._common import (
    _MONTHS,
    _YEAR_MON_RE,
    _cell_value,
    _month_index,
    _month_label,
    _rounding_bound,
    _tidy,
)
from treasury_leverage.errors import DataFormatError
from treasury_leverage.units import USD_MN

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "parse_bltype_history",
    "parse_slt2d_history",
]

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
