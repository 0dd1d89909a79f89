"""U.S. Treasury: daily par yield curve rates and the Monthly Statement of the Public Debt (MSPD).

Two publications, two pure parsers:

* :func:`parse_par_yield_curve` reads the *Daily Treasury Par Yield Curve Rates* CSV in every
  layout we have met (the 1990-2023 archive file, the verbatim per-year download, and a
  reformatted download with ISO dates and the 1.5-month column added in February 2025).
* :func:`parse_mspd` reads the Fiscal Data download of MSPD table 1, "Summary of Treasury
  Securities Outstanding" (USD millions, per month-end and security class).

The CSV plumbing (strict row splitting, numeric cells with the offending line in the error,
bounded dates, wide-to-tidy reshaping) lives in :mod:`~treasury_leverage.data.sources._common`,
shared with the sibling parsers.

Publisher URLs (used by the live connector; nothing here fetches anything):

:data:`PAR_CURVE_CSV_URL`
    One calendar year of par yields, newest day first (``{year}`` appears twice).
:data:`MSPD_TABLE1_URL`
    The Fiscal Data API endpoint of MSPD table 1; :data:`MSPD_TABLE1_CSV_URL` asks it for CSV.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import numpy as np

from treasury_leverage.data.sources._common import (
    cells_to_floats,
    check_month_ends,
    check_unique_dates,
    decode_text,
    finish_tidy,
    parse_dates,
    read_csv_table,
    wide_to_tidy,
)
from treasury_leverage.errors import DataFormatError
from treasury_leverage.units import PCT, USD_MN

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MSPD_CLASS_IDS",
    "MSPD_MEASURES",
    "MSPD_TABLE1_CSV_URL",
    "MSPD_TABLE1_URL",
    "PAR_CURVE_CSV_URL",
    "TENORS",
    "TENOR_YEARS",
    "parse_mspd",
    "parse_par_yield_curve",
]

#: Daily par yield curve, one calendar year per request (format with ``year=``).
PAR_CURVE_CSV_URL: Final = (
    "https://home.treasury.gov/resource-center/data-chart-center/interest-rates/"
    "daily-treasury-rates.csv/{year}/all?type=daily_treasury_yield_curve"
    "&field_tdr_date_value={year}&page&_format=csv"
)
#: Fiscal Data API, MSPD table 1 "Summary of Treasury Securities Outstanding" (JSON by default;
#: page through with ``page[number]``; fields ``record_date``, ``security_type_desc``,
#: ``security_class_desc`` and the amounts named in :data:`MSPD_MEASURES`).
MSPD_TABLE1_URL: Final = (
    "https://api.fiscaldata.treasury.gov/services/api/fiscal_service/v1/debt/mspd/mspd_table_1"
)
#: The same table as CSV, oldest month first, in pages of 10,000 rows (the whole history fits in
#: one page); its header carries the API field names, which :func:`parse_mspd` accepts too.
MSPD_TABLE1_CSV_URL: Final = MSPD_TABLE1_URL + "?format=csv&sort=record_date&page[size]=10000"

#: Tenor label -> maturity in years, ordered by maturity (months / 12).
TENOR_YEARS: Final[dict[str, float]] = {
    "1M": 1 / 12,
    "1.5M": 1.5 / 12,
    "2M": 2 / 12,
    "3M": 3 / 12,
    "4M": 4 / 12,
    "6M": 6 / 12,
    "1Y": 1.0,
    "2Y": 2.0,
    "3Y": 3.0,
    "5Y": 5.0,
    "7Y": 7.0,
    "10Y": 10.0,
    "20Y": 20.0,
    "30Y": 30.0,
}
#: The tenor labels, shortest first.
TENORS: Final[tuple[str, ...]] = tuple(TENOR_YEARS)

def _tenor_spellings() -> dict[str, str]:
    """Header spellings of each tenor: '1 mo', '1 month', '10 yr', '10 year' ... (lower case)."""
    out: dict[str, str] = {}
    for label in TENORS:
        number, kind = label[:-1], label[-1]
        words = ("mo", "month", "months") if kind == "M" else ("yr", "year", "years")
        for word in words:
            out[f"{number} {word}"] = label
    return out


_TENOR_BY_HEADER: Final = _tenor_spellings()
_PUBLISHED_HEADERS: Final = tuple(
    f"{label[:-1]} {'Mo' if label.endswith('M') else 'Yr'}" for label in TENORS
)


def parse_par_yield_curve(
    raw: str | bytes, *, source: str = "daily-treasury-rates.csv"
) -> pd.DataFrame:
    """Parse a Treasury *Daily Par Yield Curve Rates* CSV into a tidy frame.

    Three layouts are read; the header tells the columns apart, the first data row the date
    format:

    * the archive file (``par-yield-curve-rates-1990-2023.csv``): lower-case header
      ``date,1 mo,2 mo,...,30 yr``, ``MM/DD/YYYY`` dates in ascending order, trailing zeros
      dropped, empty cells for tenors not yet (or not) published, one all-empty row
      (2010-10-11);
    * the per-year download (:data:`PAR_CURVE_CSV_URL`): ``Date,"1 Mo",...,"30 Yr"``,
      ``MM/DD/YYYY`` dates, newest first, possibly without a final newline; since February 2025
      with a ``"1.5 Mo"`` column;
    * a reformatted download with ISO ``YYYY-MM-DD`` dates, newest first.

    Parameters
    ----------
    raw
        The file's bytes or text (UTF-8, optional BOM, any line endings).
    source
        File name or URL, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame ``date, series_id, value, unit``: ``series_id`` is the tenor label
        (a key of :data:`TENOR_YEARS`, e.g. ``"10Y"``), ``value`` the par yield in percent
        (bond-equivalent, semiannual), ``unit`` ``"percent"``. Empty cells are dropped, so a
        day on which nothing was published (2010-10-11) has no rows.

    Raises
    ------
    DataFormatError
        On an unknown or repeated column (the message lists the expected ones), a row with the
        wrong number of fields, a date in neither format, a repeated date or a non-numeric cell.
    """
    text = decode_text(raw, source=source)
    table = read_csv_table(text, source=source)
    first = table.header[0].strip().lower()
    if first != "date":
        raise DataFormatError(
            f"first column is {table.header[0]!r}; expected 'Date' followed by tenor columns "
            f"({', '.join(_PUBLISHED_HEADERS)})",
            source=source,
            line=table.header_line,
        )
    labels: list[str] = []
    for name in table.header[1:]:
        key = " ".join(name.strip().lower().split())
        label = _TENOR_BY_HEADER.get(key)
        if label is None:
            raise DataFormatError(
                f"unknown column {name!r}; expected 'Date' followed by tenor columns among "
                f"{', '.join(_PUBLISHED_HEADERS)}",
                source=source,
                line=table.header_line,
            )
        if label in labels:
            raise DataFormatError(
                f"column {name!r} appears twice; expected each tenor once",
                source=source,
                line=table.header_line,
            )
        labels.append(label)
    if not labels:
        raise DataFormatError(
            f"no tenor columns; expected some of {', '.join(_PUBLISHED_HEADERS)}",
            source=source,
            line=table.header_line,
        )
    if table.n_rows == 0:
        raise DataFormatError("no data rows found", source=source)

    first_date = str(table.cells[0, 0]).strip()
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", first_date):
        fmt = "%Y-%m-%d"
    elif re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", first_date):
        fmt = "%m/%d/%Y"
    else:
        raise DataFormatError(
            f"date {first_date!r} is neither MM/DD/YYYY nor YYYY-MM-DD",
            source=source,
            line=int(table.lines[0]),
        )
    dates = parse_dates(table, 0, fmt=fmt, source=source)
    check_unique_dates(dates, table.lines, source=source)
    values = cells_to_floats(table, range(1, len(table.header)), source=source)
    return finish_tidy(wide_to_tidy(dates, values, labels, PCT), source=source)


# --- MSPD -----------------------------------------------------------------------------------

#: Readable, stable ids of the MSPD security classes, keyed by ``(type, class)`` as published
#: (lower case). The two inflation-indexed classes published until May 2004 are both mapped to
#: ``"tips"`` and summed, so that ``tips`` is one series from 2001 to date.
MSPD_CLASS_IDS: Final[dict[tuple[str, str], str]] = {
    ("marketable", "bills"): "bills",
    ("marketable", "notes"): "notes",
    ("marketable", "bonds"): "bonds",
    ("marketable", "treasury inflation-protected securities"): "tips",
    ("marketable", "inflation-indexed notes"): "tips",
    ("marketable", "inflation-indexed bonds"): "tips",
    ("marketable", "floating rate notes"): "frn",
    ("marketable", "federal financing bank"): "ffb",
    ("total marketable", "_"): "total_marketable",
    ("nonmarketable", "domestic series"): "domestic_series",
    ("nonmarketable", "foreign series"): "foreign_series",
    ("nonmarketable", "r.e.a. series"): "rea_series",
    ("nonmarketable", "state and local government series"): "slgs",
    ("nonmarketable", "united states savings securities"): "savings",
    ("nonmarketable", "united states savings inflation securities"): "savings_inflation",
    ("nonmarketable", "government account series"): "gas",
    ("nonmarketable", "hope bonds"): "hope_bonds",
    ("nonmarketable", "depositary compensation securities"): "depositary_compensation",
    ("nonmarketable", "other"): "nonmarketable_other",
    ("total nonmarketable", "_"): "total_nonmarketable",
    ("total public debt outstanding", "_"): "total",
    # The label of the grand total in the two oldest months (Jan/Feb 2001).
    ("total treasury securities outstanding", "_"): "total",
}
#: Measure ids and the published columns they come from (download label, API field name).
MSPD_MEASURES: Final[dict[str, tuple[str, str]]] = {
    "public": ("debt held by the public (in millions)", "debt_held_public_mil_amt"),
    "intragov": ("intragovernmental holdings (in millions)", "intragov_hold_mil_amt"),
    "total": ("total public debt outstanding (in millions)", "total_mil_amt"),
}
_MSPD_KEYS: Final[dict[str, tuple[str, str]]] = {
    "date": ("record date", "record_date"),
    "type": ("security type description", "security_type_desc"),
    "class": ("security class description", "security_class_desc"),
    **MSPD_MEASURES,
}
_MSPD_TYPES: Final = frozenset(t for t, _ in MSPD_CLASS_IDS)
_MSPD_LABELS: Final = (
    "Record Date, Security Type Description, Security Class Description, "
    "Debt Held by the Public (in Millions), Intragovernmental Holdings (in Millions), "
    "Total Public Debt Outstanding (in Millions)"
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def parse_mspd(raw: str | bytes, *, source: str = "MSPD_SumSecty.csv") -> pd.DataFrame:
    """Parse MSPD table 1, "Summary of Treasury Securities Outstanding", into a tidy frame.

    Reads the Fiscal Data download (``MSPD_SumSecty_<first>_<last>.csv``: UTF-8 with BOM,
    header ``Record Date, Security Type Description, Security Class Description, Debt Held by
    the Public (in Millions), Intragovernmental Holdings (in Millions), Total Public Debt
    Outstanding (in Millions)``, rows within a month in no fixed order) and the API's CSV
    (:data:`MSPD_TABLE1_CSV_URL`, header of field names such as ``record_date``; its extra
    ``record_fiscal_year``-style columns are ignored).

    Parameters
    ----------
    raw
        The file's bytes or text.
    source
        File name or URL, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame with ``series_id = "<class>|<measure>"``, unit ``"USD mn"``, dates the
        month-ends as published.

        ``<class>`` is the stable id in :data:`MSPD_CLASS_IDS`: marketable ``bills``,
        ``notes``, ``bonds``, ``tips`` (Treasury Inflation-Protected Securities; before June 2004
        the sum of the published Inflation-Indexed Notes and Inflation-Indexed Bonds), ``frn``,
        ``ffb`` (Federal Financing Bank) and ``total_marketable``; nonmarketable
        ``domestic_series``, ``foreign_series``, ``rea_series``, ``slgs``, ``savings``, ``gas``
        (Government Account Series), ``hope_bonds``, ``depositary_compensation``,
        ``nonmarketable_other`` and ``total_nonmarketable``; the grand total ``total`` (published
        as "Total Treasury Securities Outstanding" in Jan/Feb 2001, "Total Public Debt
        Outstanding" since). A class not in the table gets ``<type>_<class>`` in snake case
        (for example ``nonmarketable_new_series``) rather than stopping a refresh.

        ``<measure>`` is ``public`` (debt held by the public), ``intragov`` (intragovernmental
        holdings) or ``total`` (total outstanding = public + intragov). The table's reference
        figures ("Total Marketable 30,271,343 on 2025-12-31") are the ``total`` measure.

    Raises
    ------
    DataFormatError
        On a missing column, an unknown security type, a total row whose class is not ``_``, a
        date that is not a month-end, a non-numeric amount, or a class listed twice in a month.
    """
    import pandas as pd

    text = decode_text(raw, source=source)
    table = read_csv_table(text, source=source)
    names = [" ".join(h.strip().lower().split()) for h in table.header]
    idx: dict[str, int] = {}
    for key, spellings in _MSPD_KEYS.items():
        found = [i for i, n in enumerate(names) if n in spellings]
        if len(found) != 1:
            what = "is missing" if not found else "appears twice"
            raise DataFormatError(
                f"column {spellings[0]!r} (or {spellings[1]!r}) {what}; expected the columns "
                f"{_MSPD_LABELS}",
                source=source,
                line=table.header_line,
            )
        idx[key] = found[0]
    if table.n_rows == 0:
        raise DataFormatError("no data rows found", source=source)

    dates = parse_dates(table, idx["date"], fmt="%Y-%m-%d", source=source)
    check_month_ends(
        dates,
        table,
        idx["date"],
        source=source,
        label="record date",
        expected="MSPD is published per month-end",
    )
    types = pd.Series(table.cells[:, idx["type"]]).str.strip()
    classes = pd.Series(table.cells[:, idx["class"]]).str.strip()
    types_low = types.str.lower().str.split().str.join(" ")
    classes_low = classes.str.lower().str.split().str.join(" ")
    bad_type = ~types_low.isin(_MSPD_TYPES)
    if bad_type.any():
        k = int(np.argmax(bad_type.to_numpy()))
        raise DataFormatError(
            f"unknown security type {types.iloc[k]!r}; expected one of "
            f"{', '.join(sorted(_MSPD_TYPES))} (case-insensitive)",
            source=source,
            line=int(table.lines[k]),
        )
    is_total = types_low.str.startswith("total")
    bad_total = is_total.to_numpy() & (classes_low != "_").to_numpy()
    bad_total |= ~is_total.to_numpy() & (classes_low == "_").to_numpy()
    if bad_total.any():
        k = int(np.argmax(bad_total))
        raise DataFormatError(
            f"type {types.iloc[k]!r} with class {classes.iloc[k]!r}; expected class '_' exactly "
            "on the total rows",
            source=source,
            line=int(table.lines[k]),
        )
    raw_key = pd.DataFrame({"date": dates, "type": types_low, "class": classes_low})
    dup = raw_key.duplicated(keep="first").to_numpy()
    if dup.any():
        k = int(np.argmax(dup))
        raise DataFormatError(
            f"{types.iloc[k]} / {classes.iloc[k]} appears twice for "
            f"{pd.Timestamp(dates[k]):%Y-%m-%d}; expected one row per class and month",
            source=source,
            line=int(table.lines[k]),
        )
    class_ids = [
        MSPD_CLASS_IDS.get((t, c)) or f"{_slug(t)}_{_slug(c)}"
        for t, c in zip(types_low, classes_low, strict=True)
    ]
    measures = list(MSPD_MEASURES)
    values = cells_to_floats(table, [idx[m] for m in measures], source=source, missing=("", "null"))
    wide = pd.DataFrame(values, columns=measures)
    wide["date"] = dates
    wide["class_id"] = class_ids
    # min_count=1: a class whose cells are all blank stays missing instead of summing to 0.
    summed = wide.groupby(["date", "class_id"], sort=False).sum(min_count=1)
    long = summed.stack().rename("value").reset_index()
    long.columns = pd.Index(["date", "class_id", "measure", "value"])
    long["series_id"] = long["class_id"] + "|" + long["measure"].astype(str)
    long["unit"] = USD_MN
    return finish_tidy(long, source=source)
