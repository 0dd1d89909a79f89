"""TIC SLT Table 1 (``slt_table1.txt``): long-term securities held by foreign residents, by country.

Every parser takes the raw text (or bytes) of one published file and returns the tidy frame of
:mod:`treasury_leverage.data.sources._common` (``date, series_id, value, unit``), or raises
:class:`~treasury_leverage.errors.DataFormatError` naming the file, the line and what was
expected. Dates are month-ends. The format quirks are described in
``../shared/data/tic/SOURCES.md``; the choices made here are listed per parser.

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
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

from treasury_leverage.data.sources._common import decode_text
from treasury_leverage.data.sources.tic._common import (
    _GRAND_TOTAL,
    _ISO_MONTH_RE,
    _TIC_DOCS,
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
    "SLT_TABLE1_URL",
    "parse_slt_table1",
]

#: SLT Table 1: long-term securities held by foreign residents, by country, with flows.
SLT_TABLE1_URL: Final = f"{_TIC_DOCS}/slt_table1.txt"
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
