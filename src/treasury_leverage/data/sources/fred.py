"""FRED (Federal Reserve Bank of St. Louis): one-series CSV downloads and API observations.

FRED re-distributes series of other publishers (Treasury CMT yields from the Fed's H.15, FX rates
from H.10, imports from the Census Bureau, reserves from the IMF, the Kim-Wright term premium from
the Board). A file holds one series; its id comes from the header, the caller or the file name.

URLs (used by the live connector; nothing here fetches anything):

:data:`FRED_GRAPH_CSV_URL`
    ``fredgraph.csv?id=<ID>``: no key; header ``observation_date,<ID>``, blank for missing.
:data:`FRED_API_OBSERVATIONS_URL`
    The API's ``series/observations`` endpoint; needs an ``api_key`` (free registration);
    ``file_type=json``; ``"."`` for missing. Read by :func:`parse_fred_observations_json`.

Dates are kept as FRED publishes them: the observation date, which for monthly, quarterly and
annual series is the *first* day of the period (``2024-12-01`` is December 2024, and FDHBFIN's
``2025-07-01`` is 2025Q3, an end-of-quarter stock). Moving them to period ends is the caller's
decision (:mod:`treasury_leverage.data.api` does it for monthly data).
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Final

import numpy as np

from treasury_leverage.data.sources._common import (
    Table,
    cells_to_floats,
    check_unique_dates,
    decode_text,
    finish_tidy,
    parse_date_strings,
    parse_dates,
    read_csv_table,
)
from treasury_leverage.errors import DataFormatError, InputError
from treasury_leverage.units import CNY_PER_USD, JPY_PER_USD, PCT, USD_BN, USD_MN

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FRED_API_OBSERVATIONS_URL",
    "FRED_GRAPH_CSV_URL",
    "FRED_UNITS",
    "parse_fred_csv",
    "parse_fred_observations_json",
    "series_id_from_filename",
]

#: One series as CSV, no key needed (format with ``series_id=``).
FRED_GRAPH_CSV_URL: Final = "https://fred.stlouisfed.org/graph/fredgraph.csv?id={series_id}"
#: API observations (format with ``series_id=`` and ``api_key=``); add ``realtime_start=`` /
#: ``realtime_end=`` or ``vintage_dates=`` for ALFRED vintages.
FRED_API_OBSERVATIONS_URL: Final = (
    "https://api.stlouisfed.org/fred/series/observations"
    "?series_id={series_id}&api_key={api_key}&file_type=json"
)

#: Units of the FRED series the toolkit uses (label from :mod:`treasury_leverage.units`).
#: Spreads (T10Y2Y, T10Y3M) are percentage points, stored as ``"percent"``.
FRED_UNITS: Final[dict[str, str]] = {
    # Treasury constant-maturity (par, bond-equivalent) yields, H.15; DGS3 is not bundled but
    # completes the par curve when fetched live.
    **{f"DGS{t}": PCT for t in ("1MO", "3MO", "6MO", "1", "2", "3", "5", "7", "10", "20", "30")},
    # TIPS real yields, breakevens and spreads.
    **{f"DFII{t}": PCT for t in ("5", "10", "20", "30")},
    "T5YIE": PCT,
    "T10YIE": PCT,
    "T10Y2Y": PCT,
    "T10Y3M": PCT,
    # Kim-Wright 10-year term premium (Board staff), policy and money-market rates.
    "THREEFYTP10": PCT,
    "DFF": PCT,
    "FEDFUNDS": PCT,
    "SOFR": PCT,
    # FX (H.10): currency units per U.S. dollar; daily noon rates and monthly averages.
    "DEXJPUS": JPY_PER_USD,
    "EXJPUS": JPY_PER_USD,
    "DEXCHUS": CNY_PER_USD,
    # U.S. goods imports by country, customs basis, NSA (Census).
    "IMPJP": USD_MN,
    "IMPCH": USD_MN,
    # Total reserves excluding gold (IMF IFS).
    "TRESEGJPM052N": USD_MN,
    "TRESEGCNM052N": USD_MN,
    # Federal debt held by foreign and international investors (FRED notes: billions of dollars,
    # quarterly, end of period).
    "FDHBFIN": USD_BN,
}

_FRED_ID: Final = re.compile(r"[A-Z][A-Z0-9]{1,39}")
_DATE_LIKE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATE_HEADERS: Final = frozenset({"date", "observation_date", ""})
_MISSING: Final = ("", ".")


def series_id_from_filename(name: str) -> str:
    """The FRED series id in a file name.

    The id is the one upper-case token (letters and digits, starting with a letter) among the
    name's ``_``-separated parts: ``"DGS10.csv"`` -> ``"DGS10"``,
    ``"DEXJPUS_1971-2025.csv"`` -> ``"DEXJPUS"``,
    ``"Japan_Foreign_Exchange_Reserves_Monthly_TRESEGJPM052N.csv"`` -> ``"TRESEGJPM052N"``.
    A token that is a key of :data:`FRED_UNITS` wins over other candidates.

    Parameters
    ----------
    name
        A file name or path.

    Raises
    ------
    InputError
        If the name holds no such token, or several and none is a known series.
    """
    stem = PurePath(name).name.split(".", 1)[0]
    tokens = [t for t in re.split(r"[_\s]+", stem) if _FRED_ID.fullmatch(t)]
    known = [t for t in tokens if t in FRED_UNITS]
    if len(known) == 1:
        return known[0]
    if len(tokens) == 1:
        return tokens[0]
    raise InputError(
        f"cannot tell the FRED series id from the file name {name!r}; expected one upper-case "
        f"token such as 'DGS10' (found {tokens or 'none'}); pass series_id="
    )


def parse_fred_csv(
    raw: str | bytes,
    *,
    series_id: str | None = None,
    unit: str | None = None,
    source: str = "fredgraph.csv",
) -> pd.DataFrame:
    """Parse a one-series FRED CSV in any of the layouts in circulation.

    * ``observation_date,<ID>`` - today's ``fredgraph.csv``; blank = missing;
    * ``DATE,<ID>`` - the older download; ``.`` = missing;
    * ``,<ID>`` - a pandas-written copy (first column unnamed);
    * ``date,value`` - a re-export; the id comes from ``series_id`` or the file name;
    * no header at all, rows ``YYYY-MM-DD,value`` - likewise.

    UTF-8 with or without BOM, LF or CRLF. Missing days (``.`` or blank) are dropped. Dates stay
    as published (first of the period for monthly and quarterly series).

    Parameters
    ----------
    raw
        The file's bytes or text.
    series_id
        The FRED id. Required for ``date,value`` and header-less files unless ``source``'s name
        contains it; for other layouts it must match the header.
    unit
        Unit label; defaults to :data:`FRED_UNITS` ``[series_id]``.
    source
        File name or URL, quoted in error messages (and searched for the id).

    Returns
    -------
    pandas.DataFrame
        Tidy frame with one ``series_id``.

    Raises
    ------
    DataFormatError
        On a header that is not one of the layouts above, a ``series_id`` that contradicts the
        header, a malformed date or value, a repeated date, or no data.
    InputError
        If the unit of an unknown series is not given.
    """
    text = decode_text(raw, source=source)
    first_line = text.lstrip("\n").split("\n", 1)[0]
    headerless = bool(_DATE_LIKE.match(first_line.strip().strip('"')))
    if headerless:
        table = read_csv_table(text, source=source, header=("date", "value"))
    else:
        table = read_csv_table(text, source=source)
    if len(table.header) != 2:
        raise DataFormatError(
            f"header has {len(table.header)} columns; expected one date column and one series "
            "('observation_date,<ID>', 'DATE,<ID>' or 'date,value')",
            source=source,
            line=table.header_line,
        )
    date_name, value_name = (h.strip().strip('"').strip() for h in table.header)
    if date_name.lower() not in _DATE_HEADERS:
        raise DataFormatError(
            f"first column is {date_name!r}; expected 'observation_date', 'DATE' or 'date'",
            source=source,
            line=table.header_line,
        )
    sid = _resolve_series_id(value_name, series_id, source=source, line=table.header_line)
    if table.n_rows == 0:
        raise DataFormatError("no data rows found", source=source)
    dates = parse_dates(table, 0, fmt="%Y-%m-%d", source=source)
    values = cells_to_floats(table, [1], source=source, missing=_MISSING)[:, 0]
    return _one_series(dates, values, table.lines, sid, unit, source=source)


def parse_fred_observations_json(
    raw: str | bytes,
    *,
    series_id: str,
    unit: str | None = None,
    source: str = "fred/series/observations",
) -> pd.DataFrame:
    """Parse the FRED API's ``series/observations`` JSON (:data:`FRED_API_OBSERVATIONS_URL`).

    The body is ``{"observations": [{"realtime_start", "realtime_end", "date", "value"}, ...],
    ...}`` with values as strings and ``"."`` for missing. The API does not repeat the series
    id, so the caller passes it. Requests spanning several vintages
    (``realtime_start``/``realtime_end``) list a date once per vintage; ask for one vintage per
    call (the default, today's) or the parser reports the repeated date.

    Parameters
    ----------
    raw
        The response body.
    series_id
        The FRED id that was requested.
    unit
        Unit label; defaults to :data:`FRED_UNITS` ``[series_id]``.
    source
        URL or name, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame with one ``series_id``.

    Raises
    ------
    DataFormatError
        If the body is not such JSON, a date or value does not parse, or a date repeats.
    InputError
        If the unit of an unknown series is not given.
    """
    import pandas as pd

    text = decode_text(raw, source=source)
    try:
        body = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFormatError(
            f"not JSON ({exc.msg}); expected the API's observations response",
            source=source,
            line=exc.lineno,
        ) from None
    obs = body.get("observations") if isinstance(body, dict) else None
    if not isinstance(obs, list) or not all(
        isinstance(o, dict) and isinstance(o.get("date"), str) and isinstance(o.get("value"), str)
        for o in obs
    ):
        raise DataFormatError(
            "expected an object with an 'observations' list of {'date': str, 'value': str}",
            source=source,
        )
    if not obs:
        raise DataFormatError("no observations", source=source)
    sid = _resolve_series_id("value", series_id, source=source, line=None)
    index = np.arange(1, len(obs) + 1, dtype=np.int64)  # 1-based observation numbers
    try:
        dates = parse_date_strings(
            pd.Series([o["date"] for o in obs], dtype=object).str.strip(),
            fmt="%Y-%m-%d",
            source=source,
            lines=index,
        )
        cells = np.asarray([[o["value"]] for o in obs], dtype=object)
        values = cells_to_floats(
            Table(["value"], 0, cells, index), [0], source=source, missing=_MISSING
        )[:, 0]
        return _one_series(dates, values, index, sid, unit, source=source)
    except DataFormatError as exc:
        # The shared helpers speak of lines; a JSON body has observations.
        detail = str(exc).split(": ", 1)[-1]
        where = f"observation {exc.line}: " if exc.line is not None else ""
        raise DataFormatError(where + detail, source=source) from None


def _resolve_series_id(
    header_id: str, given: str | None, *, source: str, line: int | None
) -> str:
    """The series id from the header, the caller or the file name, checked for agreement."""
    generic = header_id.lower() in ("value", "")
    if not generic:
        if not _FRED_ID.fullmatch(header_id):
            raise DataFormatError(
                f"column {header_id!r} is not a FRED series id; expected e.g. 'DGS10' or 'value'",
                source=source,
                line=line,
            )
        if given is not None and given != header_id:
            raise DataFormatError(
                f"holds series {header_id!r}, not the requested {given!r}",
                source=source,
                line=line,
            )
        return header_id
    if given is not None:
        return given
    try:
        return series_id_from_filename(source)
    except InputError:
        raise DataFormatError(
            "the file does not name its series ('date,value' or no header) and neither the "
            "caller (series_id=) nor the file name does",
            source=source,
        ) from None


def _one_series(
    dates: np.ndarray,
    values: np.ndarray,
    lines: np.ndarray,
    series_id: str,
    unit: str | None,
    *,
    source: str,
) -> pd.DataFrame:
    import pandas as pd

    if unit is None:
        try:
            unit = FRED_UNITS[series_id]
        except KeyError:
            raise InputError(
                f"the unit of FRED series {series_id!r} is not known; pass unit= (known series: "
                f"{', '.join(sorted(FRED_UNITS))})"
            ) from None
    check_unique_dates(dates, lines, source=source)
    keep = np.isfinite(values)
    frame = pd.DataFrame(
        {"date": dates[keep], "series_id": series_id, "value": values[keep], "unit": unit}
    )
    return finish_tidy(frame, source=source)
