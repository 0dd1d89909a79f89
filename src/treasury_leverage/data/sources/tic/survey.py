"""TIC annual survey history (SHL, ``tic_historic_holdings.txt``): parser.

Every parser takes the raw text (or bytes) of one published file and returns the tidy frame of
:mod:`treasury_leverage.data.sources._common` (``date, series_id, value, unit``), or raises
:class:`~treasury_leverage.errors.DataFormatError` naming the file, the line and what was
expected. Dates are month-ends. The format quirks are described in
``../shared/data/tic/SOURCES.md``; the choices made here are listed per parser.

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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from treasury_leverage.data.countries import canonical_country, clean_published_name
from treasury_leverage.data.sources._common import decode_text
from treasury_leverage.data.sources.tic._common import (
    _CODE_RE,
    _MON_YEAR_RE,
    _MONTHS,
    _cell_value,
    _find_tab_header,
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
    "parse_shl_history",
]

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
