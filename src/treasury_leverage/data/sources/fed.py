"""Federal Reserve Board: the GSW Treasury zero curve and the Bertaut-Judson/Tryon positions.

Parsers (pure functions of a file's content):

* :func:`parse_gsw_parameters` - the legacy ``.xls`` workbook of Svensson parameters
  (sheet ``GSWParam``); needs ``xlrd`` (the ``snapshot`` extra).
* :func:`parse_gsw_csv` - the Fed's own ``feds200628.csv`` (:data:`GSW_CSV_URL`): a notes
  block, then ``Date,BETA0,...`` with parameters, zero yields, par yields and forwards; the
  parameters and the zero yields are kept.
* :func:`parse_sveny` - the Nasdaq Data Link "FED/SVENY" export of the zero yields.
* :func:`parse_bertaut_judson` - Bertaut-Judson (2014, final update 2021) monthly positions,
  flows and valuation changes by country, 2011-2020.
* :func:`parse_bertaut_tryon_official` - Bertaut-Tryon (2007) estimates for foreign official
  holders, 1984-2011.

References
----------
Gurkaynak, R. S., B. Sack and J. H. Wright (2007), "The U.S. Treasury yield curve: 1961 to the
present", *Journal of Monetary Economics* 54(8), 2291-2304 (the curve; eq. 22 gives the zero
yields from the parameters).
Bertaut, C. and R. Judson (2014), "Estimating U.S. Cross-Border Securities Positions: New Data
and New Methods", International Finance Discussion Papers 1113, Federal Reserve Board.
Bertaut, C. and R. Tryon (2007), "Monthly Estimates of U.S. Cross-Border Securities Positions",
International Finance Discussion Papers 910, Federal Reserve Board.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, Literal

import numpy as np

from treasury_leverage.data.sources._common import (
    Table,
    cells_to_floats,
    check_date_then_series,
    check_month_ends,
    check_unique_dates,
    decode_text,
    finish_tidy,
    open_xls_sheet,
    parse_dates,
    read_csv_table,
    wide_to_tidy,
    xls_table,
)
from treasury_leverage.errors import DataFormatError
from treasury_leverage.units import PCT, USD_MN

if TYPE_CHECKING:
    import pandas as pd
    from numpy.typing import NDArray

__all__ = [
    "BJ_MEASURES",
    "BJ_SECURITIES",
    "BJ_URL",
    "GSW_CSV_URL",
    "GSW_PAGE_URL",
    "GSW_PARAMETERS",
    "YEARS",
    "parse_bertaut_judson",
    "parse_bertaut_tryon_official",
    "parse_gsw_csv",
    "parse_gsw_parameters",
    "parse_sveny",
    "refit_sveny",
]

#: The full GSW file (about 17 MB; daily since 1961-06-14, updated weekly).
GSW_CSV_URL: Final = "https://www.federalreserve.gov/data/yield-curve-tables/feds200628.csv"
#: The page that documents it.
GSW_PAGE_URL: Final = "https://www.federalreserve.gov/data/nominal-yield-curve.htm"
#: The IFDP 1113 data page (Bertaut-Judson files; final update July 2021).
BJ_URL: Final = (
    "https://www.federalreserve.gov/econres/ifdp/"
    "estimating-us-cross-border-securities-positions-new-data-and-new-methods.htm"
)

#: Unit of the Svensson decay parameters TAU1, TAU2.
YEARS: Final = "years"
#: Svensson parameters and their units; TAU2 = -999.99 (the Fed's Nelson-Siegel sentinel) is kept.
GSW_PARAMETERS: Final[dict[str, str]] = {
    "BETA0": PCT,
    "BETA1": PCT,
    "BETA2": PCT,
    "BETA3": PCT,
    "TAU1": YEARS,
    "TAU2": YEARS,
}
_SVENY: Final = tuple(f"SVENY{n:02d}" for n in range(1, 31))
_SVENY_DECIMALS: Final = 4

#: Bertaut-Judson security types, as in the published column names.
BJ_SECURITIES: Final = ("treas", "agcy", "corp", "stk")
#: Published measure suffix -> short measure id used in ``series_id``.
BJ_MEASURES: Final[dict[str, str]] = {
    "survey_pos": "survey_pos",
    "adj_net_flow": "net_flow",
    "adj_val_chg": "val_chg",
    "monthly_gap": "gap",
    "est_pos": "est_pos",
}
_BJ_MISSING: Final = ("", "ND")


# --- GSW ------------------------------------------------------------------------------------


def parse_gsw_parameters(raw: bytes, *, source: str = "GSW_CurveParam.xls") -> pd.DataFrame:
    """Parse the Fed's legacy Svensson-parameter workbook (``.xls``, sheet ``GSWParam``).

    The sheet has a header row ``"", BETA0, BETA1, BETA2, BETA3, TAU1, TAU2`` and one row per
    business day, newest first, dates as text ``YYYY-MM-DD`` (Excel date cells are read too).

    Parameters
    ----------
    raw
        The workbook's bytes (BIFF8).
    source
        File name or URL, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame; ``series_id`` ``BETA0``..``BETA3`` (unit ``"percent"``), ``TAU1``,
        ``TAU2`` (unit ``"years"``). ``TAU2 = -999.99`` and ``BETA3 = 0`` on Nelson-Siegel days
        are kept as published.

    Raises
    ------
    TLError
        If ``xlrd`` is not installed (install the ``snapshot`` extra).
    DataFormatError
        If the bytes are not a readable workbook, the sheet or a parameter column is missing, or
        a date or value does not parse.

    References
    ----------
    Gurkaynak, Sack and Wright (2007), eq. (22) for what the parameters mean.
    """
    sheet = open_xls_sheet(raw, "GSWParam", source=source)
    table = xls_table(sheet, header_marker="BETA0", source=source)
    return _gsw_table_to_tidy(table, keep_sveny=False, source=source)


def parse_gsw_csv(
    raw: str | bytes, *, source: str = "feds200628.csv",
    keep: Literal["all", "parameters", "zero"] = "all",
) -> pd.DataFrame:
    """Parse the Fed's ``feds200628.csv``: Svensson parameters and zero yields.

    Layout: a block of notes (about nine lines, some quoted), then the header
    ``Date,BETA0,BETA1,BETA2,BETA3,SVEN1F01,...,SVENF01..30,SVENPY01..30,SVENY01..30,TAU1,TAU2``
    and one row per business day, oldest first, ``NA`` where a value is not available. The
    instantaneous forwards (``SVENFxx``, ``SVEN1Fxx``) and par yields (``SVENPYxx``) are read
    past, not returned.

    Parameters
    ----------
    raw
        The file's bytes or text.
    source
        File name or URL, quoted in error messages.
    keep
        ``"all"`` (parameters and zero yields), ``"parameters"`` or ``"zero"`` (SVENY only).

    Returns
    -------
    pandas.DataFrame
        Tidy frame; ``series_id`` ``BETA0``..``BETA3`` (percent), ``TAU1``, ``TAU2`` (years; the
        -999.99 sentinel kept) and ``SVENY01``..``SVENY30`` (zero-coupon yields, continuously
        compounded, percent).

    Raises
    ------
    DataFormatError
        If no ``Date,BETA0,...`` header is found, a column is unknown or a parameter column
        missing, or a row does not parse.
    """
    text = decode_text(raw, source=source)
    header_at = None
    for i, line in enumerate(text.split("\n")):
        first = line.split(",", 1)[0].strip().strip('"').strip().lower()
        if first == "date" and "BETA0" in line.upper():
            header_at = i
            break
    if header_at is None:
        raise DataFormatError(
            "no header row 'Date,BETA0,BETA1,...' found; expected the Fed's feds200628.csv layout "
            "(notes, then the header)",
            source=source,
        )
    if keep not in ("all", "parameters", "zero"):
        raise ValueError(f"keep {keep!r} is not known; expected 'all', 'parameters' or 'zero'")
    table = read_csv_table(text, source=source, header_at=header_at)
    tidy = _gsw_table_to_tidy(table, keep_sveny=True, source=source)
    if keep == "parameters":
        tidy = tidy[tidy["series_id"].isin(list(GSW_PARAMETERS))].reset_index(drop=True)
    elif keep == "zero":
        tidy = tidy[tidy["series_id"].str.startswith("SVENY")].reset_index(drop=True)
    return tidy


_GSW_OTHER: Final = re.compile(r"SVEN(PY|F|1F)\d\d")


def _gsw_table_to_tidy(table: Table, *, keep_sveny: bool, source: str) -> pd.DataFrame:
    """Shared validation of a GSW table (from the workbook or the CSV)."""
    names = [h.strip().strip('"').strip().upper() for h in table.header]
    if names[0] not in ("", "DATE"):
        raise DataFormatError(
            f"first column is {table.header[0]!r}; expected 'Date' (or blank) then "
            f"{', '.join(GSW_PARAMETERS)}",
            source=source,
            line=table.header_line,
        )
    keep: list[int] = []
    for i, name in enumerate(names[1:], start=1):
        wanted = name in GSW_PARAMETERS or (keep_sveny and name in _SVENY)
        if not wanted and not (keep_sveny and _GSW_OTHER.fullmatch(name)):
            allowed = list(GSW_PARAMETERS) + (["SVENY01..30", "SVENPY/SVENF/SVEN1F xx"]
                                              if keep_sveny else [])
            raise DataFormatError(
                f"unknown column {table.header[i]!r}; expected {', '.join(allowed)}",
                source=source,
                line=table.header_line,
            )
        if names.index(name) != i:
            raise DataFormatError(
                f"column {name!r} appears twice", source=source, line=table.header_line
            )
        if wanted:
            keep.append(i)
    missing = [p for p in GSW_PARAMETERS if p not in names]
    if missing:
        raise DataFormatError(
            f"parameter column(s) {', '.join(missing)} missing; expected {', '.join(GSW_PARAMETERS)}",
            source=source,
            line=table.header_line,
        )
    if table.n_rows == 0:
        raise DataFormatError("no data rows found", source=source)
    dates = parse_dates(table, 0, fmt="%Y-%m-%d", source=source)
    check_unique_dates(dates, table.lines, source=source)
    values = cells_to_floats(table, keep, source=source, missing=("", "NA"))
    ids = [names[i] for i in keep]
    sveny = np.array([s in _SVENY for s in ids])
    if sveny.any():
        values[:, sveny] = np.round(values[:, sveny], _SVENY_DECIMALS)
    units = [GSW_PARAMETERS.get(s, PCT) for s in ids]
    return finish_tidy(wide_to_tidy(dates, values, ids, units), source=source)


def parse_sveny(raw: str | bytes, *, source: str = "FED-SVENY.csv") -> pd.DataFrame:
    """Parse the "FED/SVENY" export of the GSW zero-coupon yields.

    Layout: one header ``date,SVENY01,...,SVENY30``, no notes, dates ``YYYY-MM-DD`` newest
    first, blank where the Fed did not fit a maturity (long maturities start later). Some rows
    carry float32 artefacts (``0.785799980163574``); values are rounded to the 4 decimals the Fed
    publishes.

    Parameters
    ----------
    raw
        The file's bytes or text.
    source
        File name or URL, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame; ``series_id`` ``SVENY01``..``SVENY30`` (maturity in years), zero yields
        continuously compounded, unit ``"percent"``.

    Raises
    ------
    DataFormatError
        On an unknown or repeated column, a repeated date, or a cell that does not parse.
    """
    text = decode_text(raw, source=source)
    table = read_csv_table(text, source=source)
    names = [h.strip().upper() for h in table.header]
    check_date_then_series(
        table,
        names,
        is_series=lambda name: name in _SVENY,
        expected="'date' then SVENY01..SVENY30",
        kind="SVENY",
        series_range="SVENY01..SVENY30",
        source=source,
    )
    if table.n_rows == 0:
        raise DataFormatError("no data rows found", source=source)
    dates = parse_dates(table, 0, fmt="%Y-%m-%d", source=source)
    check_unique_dates(dates, table.lines, source=source)
    values = np.round(
        cells_to_floats(table, range(1, len(names)), source=source), _SVENY_DECIMALS
    )
    return finish_tidy(wide_to_tidy(dates, values, names[1:], PCT), source=source)


# --- Bertaut-Judson / Bertaut-Tryon -----------------------------------------------------------


def parse_bertaut_judson(
    raw: str | bytes, *, source: str = "bertaut_judson_positions_liabs_2021.csv"
) -> pd.DataFrame:
    """Parse Bertaut-Judson monthly estimates of foreign holdings of U.S. securities by country.

    Layout: ``date,country_name,country_code,ftot_agcy_survey_pos,...,ftot_treas_est_pos``
    (five measures for each of agencies, corporate bonds, stocks and long-term Treasuries),
    dates ``M/D/YYYY`` month-ends, ``ND`` (or blank) for no data.

    Parameters
    ----------
    raw
        The file's bytes or text.
    source
        File name or URL, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame, unit ``"USD mn"``, ``series_id = "<country_name>|<security>_<measure>"``
        with the country name as published (``"Japan"``, ``"UK"``, ``"EuroArea"``,
        ``"FOI_All_Countries"`` (code 99990, foreign official), ``"Total"`` (99996)), security
        ``treas`` (long-term Treasury bonds and notes), ``agcy``, ``corp``, ``stk`` and measure
        (:data:`BJ_MEASURES`): ``survey_pos`` (survey/SLT benchmark position, only on benchmark
        months), ``net_flow`` (adjusted net foreign purchases), ``val_chg`` (estimated valuation
        change), ``gap`` (monthly gap, the unexplained change) and ``est_pos`` (estimated
        position). Example: ``"Japan|treas_est_pos"``.

        The positions satisfy ``est_pos(t) = est_pos(t-1) + net_flow(t) + val_chg(t) + gap(t)``
        to within rounding (|residual| <= 2) in every month but January 2012, where the estimates
        were re-benchmarked.

    Raises
    ------
    DataFormatError
        On an unknown or missing column, a date that is not a month-end, a country listed twice
        in a month, or a value that does not parse.

    References
    ----------
    Bertaut and Judson (2014), IFDP 1113.
    """
    return _parse_bj(raw, prefix="ftot", source=source)


def parse_bertaut_tryon_official(
    raw: str | bytes, *, source: str = "ticdata.liabilities.foiadj.txt"
) -> pd.DataFrame:
    """Parse the Bertaut-Tryon estimates of foreign *official* holdings (all countries).

    Layout: comma-separated with space padding, header ``date, country code, country name,
    foi_agcy_survey_pos, ...`` (same measures as :func:`parse_bertaut_judson` with prefix
    ``foi_``), dates ``MM/DD/YYYY`` month-ends 1984-12 .. 2011-06, ``ND`` for no data.

    Parameters
    ----------
    raw
        The file's bytes or text.
    source
        File name or URL, quoted in error messages.

    Returns
    -------
    pandas.DataFrame
        Tidy frame, unit ``"USD mn"``, ``series_id = "FOI_<country name>|<security>_<measure>"``
        with spaces in the name replaced by ``_``: the file's one entity, code 99996 "All
        Countries and IROs", becomes ``"FOI_All_Countries_and_IROs"`` (for example
        ``"FOI_All_Countries_and_IROs|treas_est_pos"``), so that it is not mistaken for all
        foreign holders. The series continues as ``"FOI_All_Countries|..."`` in the 2021
        Bertaut-Judson file (code 99990); on the overlap month 2011-06 the two vintages differ
        slightly (Treasuries 3,102,041 vs 3,101,991).

    Raises
    ------
    DataFormatError
        As :func:`parse_bertaut_judson`.

    References
    ----------
    Bertaut and Tryon (2007), IFDP 910.
    """
    return _parse_bj(raw, prefix="foi", source=source)


def _parse_bj(raw: str | bytes, *, prefix: str, source: str) -> pd.DataFrame:
    import pandas as pd

    text = decode_text(raw, source=source)
    table = read_csv_table(text, source=source)
    names = ["_".join(h.strip().lower().split()) for h in table.header]
    expected = ["date", "country_name", "country_code"] + [
        f"{prefix}_{s}_{m}" for s in ("agcy", "corp", "stk", "treas") for m in BJ_MEASURES
    ]
    if sorted(names) != sorted(expected) or len(set(names)) != len(names):
        unknown = [h for h, n in zip(table.header, names, strict=True) if n not in expected]
        missing = [e for e in expected if e not in names]
        raise DataFormatError(
            f"columns differ from the published layout (unknown: {unknown or 'none'}; missing: "
            f"{missing or 'none'}; or a column repeats); expected {', '.join(expected)}",
            source=source,
            line=table.header_line,
        )
    col = {n: i for i, n in enumerate(names)}
    if table.n_rows == 0:
        raise DataFormatError("no data rows found", source=source)
    dates = parse_dates(table, col["date"], fmt="%m/%d/%Y", source=source)
    check_month_ends(dates, table, col["date"], source=source)
    country = pd.Series(table.cells[:, col["country_name"]], dtype=object).str.strip()
    code = pd.Series(table.cells[:, col["country_code"]], dtype=object).str.strip()
    bad = (country == "").to_numpy() | ~code.str.fullmatch(r"\d{1,6}").to_numpy(dtype=bool)
    if bad.any():
        k = int(np.argmax(bad))
        raise DataFormatError(
            f"country {country.iloc[k]!r} / code {code.iloc[k]!r}; expected a name and a numeric "
            "TIC country code",
            source=source,
            line=int(table.lines[k]),
        )
    if prefix == "foi":
        # Say whose holdings these are in the id itself (see parse_bertaut_tryon_official).
        country = "FOI_" + country.str.split().str.join("_")
    dup = pd.DataFrame({"d": dates, "c": country}).duplicated().to_numpy()
    if dup.any():
        k = int(np.argmax(dup))
        raise DataFormatError(
            f"{country.iloc[k]} appears twice for {pd.Timestamp(dates[k]):%Y-%m-%d}; expected one "
            "row per country and month",
            source=source,
            line=int(table.lines[k]),
        )
    measures = [n for n in names if n.startswith(prefix + "_")]
    values = cells_to_floats(table, [col[m] for m in measures], source=source, missing=_BJ_MISSING)
    short = [_bj_measure(m, prefix) for m in measures]
    rows, cols = np.nonzero(np.isfinite(values))
    frame = pd.DataFrame(
        {
            "date": dates[rows],
            "series_id": country.to_numpy(dtype=object)[rows]
            + "|"
            + np.asarray(short, dtype=object)[cols],
            "value": values[rows, cols],
            "unit": USD_MN,
        }
    )
    return finish_tidy(frame, source=source)


def _bj_measure(column: str, prefix: str) -> str:
    """``ftot_treas_adj_net_flow`` -> ``treas_net_flow``."""
    security, measure = column.removeprefix(prefix + "_").split("_", 1)
    return f"{security}_{BJ_MEASURES[measure]}"


# --- Svensson parameters recovered from the SVENY zero yields ---------------------------------

#: Starting decay pairs (TAU1, TAU2, years) tried on every day besides the previous day's fit.
_TAU_STARTS: Final = (
    (0.5, 2.0), (1.0, 5.0), (2.0, 10.0), (1.5, 12.0), (5.0, 15.0), (0.7, 1.2), (3.0, 4.0),
    (4.0, 20.0), (1.0, 20.0), (8.0, 20.0), (0.3, 3.0), (0.2, 10.0), (16.0, 1.0),
)
#: Bounds of the decays (years), as the Fed's own fits range (down to 0.1).
_TAU_BOUNDS: Final = (0.05, 50.0)
#: Fitted to maturities of 1-30 years only, a small decay can make the curve under one year run
#: wild (2018-06-19: a 1-month yield of 1,261%) with the 1-30-year fit unchanged (the Fed's own
#: fit sees notes under a year, ours cannot). Such a day is refitted with decays of at least
#: half a year; "wild" is a 1-month yield further than this (percentage points) outside the
#: range of the day's 1-30-year yields...
_SHORT_END_SLACK_PP: Final = 1.5
_TAU_BOUNDS_SAFE: Final = (0.5, 50.0)
#: ... unless the safe fit misses the 1-30-year yields by more than 0.05 bp and the short end is
#: out by less than this (then the unconstrained fit, the better copy of the Fed's curve, stays).
_SHORT_END_ABSURD_PP: Final = 5.0


def _svensson_loadings(n: NDArray[np.float64], tau1: float, tau2: float) -> NDArray[np.float64]:
    """Columns: level, slope, curvature 1, curvature 2 (GSW 2007, eq. 22)."""
    x1, x2 = n / tau1, n / tau2
    e1 = -np.expm1(-x1) / x1
    e2 = -np.expm1(-x2) / x2
    return np.column_stack([np.ones_like(n), e1, e1 - np.exp(-x1), e2 - np.exp(-x2)])


def _fit_one_day(n: NDArray[np.float64], y: NDArray[np.float64],
                 warm: tuple[float, float] | None) -> tuple[NDArray[np.float64], float]:
    """Svensson fit of one day, refitted with safe decays if its short end runs wild."""
    params, rmse = _fit_one_day_within(n, y, warm, _TAU_BOUNDS)
    short = float(_svensson_loadings(np.array([1.0 / 12.0]), params[4], params[5])[0] @ params[:4])
    out_by = max(y.min() - short, short - y.max(), 0.0)
    if out_by > _SHORT_END_SLACK_PP:
        safe, safe_rmse = _fit_one_day_within(n, y, None, _TAU_BOUNDS_SAFE)
        # The safe fit wins if it still reproduces the curve (to 0.05 bp) or the short end is absurd.
        if safe_rmse < 5e-4 or out_by > _SHORT_END_ABSURD_PP:
            return safe, safe_rmse
    return params, rmse


def _fit_one_day_within(n: NDArray[np.float64], y: NDArray[np.float64],
                        warm: tuple[float, float] | None,
                        bounds: tuple[float, float]) -> tuple[NDArray[np.float64], float]:
    """Svensson parameters (b0..b3, tau1, tau2) whose zero curve best fits ``y`` at ``n`` years.

    Variable projection: for given decays the betas are linear least squares, so only the two
    decays (in logs) are searched, from the previous day's pair and a few standard pairs.
    """
    from scipy.optimize import least_squares

    def betas(tau: NDArray[np.float64]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        x = _svensson_loadings(n, float(tau[0]), float(tau[1]))
        b = np.asarray(np.linalg.lstsq(x, y, rcond=None)[0], dtype=np.float64)
        return b, np.asarray(y - x @ b, dtype=np.float64)

    def resid(theta: NDArray[np.float64]) -> NDArray[np.float64]:
        return betas(np.exp(theta))[1]

    lo, hi = np.log(bounds[0]), np.log(bounds[1])
    best: tuple[float, NDArray[np.float64]] | None = None
    starts = ([warm] if warm is not None else []) + list(_TAU_STARTS)
    for k, start in enumerate(starts):
        theta0 = np.clip(np.log(np.asarray(start, dtype=float)), lo + 1e-9, hi - 1e-9)
        sol = least_squares(resid, theta0, bounds=(lo, hi), xtol=1e-12, ftol=1e-14, gtol=1e-14)
        cost = float(sol.fun @ sol.fun)
        if best is None or cost < best[0]:
            best = (cost, sol.x)
        # Exact to rounding already from the warm start: skip the other starts.
        if k == 0 and warm is not None and np.sqrt(cost / len(y)) < 5e-5:
            break
    assert best is not None
    tau = np.exp(best[1])
    b, r = betas(tau)
    return np.concatenate([b, tau]), float(np.sqrt(np.mean(r**2)))


def refit_sveny(
    raw: str | bytes,
    *,
    source: str = "FED-SVENY.csv",
    after: str | None = None,
    until: str | None = None,
) -> pd.DataFrame:
    """Svensson parameters recovered from the Fed's published zero yields (SVENY01..SVENY30).

    The SVENY yields are the Fed's own Svensson curves (GSW 2007, eq. 22) rounded to four
    decimals, so refitting the six parameters to the 30 yields of a day gives back the Fed's
    curve to rounding (median error well below 0.01 bp). The parameters themselves need not be
    the Fed's when the curve is nearly flat in one direction (large offsetting BETA2/BETA3); the
    curve is what is recovered.

    Parameters
    ----------
    raw
        The SVENY file (as :func:`parse_sveny` reads it).
    source
        File name, quoted in error messages.
    after, until
        Only days strictly after ``after`` and up to ``until`` (``YYYY-MM-DD``) are refitted (the
        snapshot refits the days after the parameter workbook ends, 2018-04-20).

    Returns
    -------
    pandas.DataFrame
        Tidy frame; ``series_id`` ``BETA0``..``BETA3`` (percent), ``TAU1``, ``TAU2`` (years) and
        ``FIT_RMSE_BP`` (the day's root-mean-square refit error, basis points).

    References
    ----------
    Gurkaynak, Sack and Wright (2007), eq. (22); Golub, G. and V. Pereyra (1973), "The
    differentiation of pseudo-inverses and nonlinear least squares problems whose variables
    separate", *SIAM J. Numer. Anal.* 10(2) (variable projection).
    """
    import pandas as pd

    tidy = parse_sveny(raw, source=source)
    wide = tidy.pivot(index="date", columns="series_id", values="value").sort_index()
    if after is not None:
        wide = wide.loc[wide.index > pd.Timestamp(after)]
    if until is not None:
        wide = wide.loc[wide.index <= pd.Timestamp(until)]
    if wide.empty:
        raise DataFormatError(f"no SVENY days after {after} to refit", source=source)
    n_all = np.array([float(int(c.removeprefix("SVENY"))) for c in wide.columns])
    values = wide.to_numpy(dtype=float)
    out = np.full((len(wide), 7), np.nan)
    warm: tuple[float, float] | None = None
    for i, row in enumerate(values):
        ok = np.isfinite(row)
        if ok.sum() < 6:
            continue
        params, rmse = _fit_one_day(n_all[ok], row[ok], warm)
        out[i, :6] = params
        out[i, 6] = rmse * 100.0
        warm = (float(params[4]), float(params[5]))
    ids = [*GSW_PARAMETERS, "FIT_RMSE_BP"]
    units = [*GSW_PARAMETERS.values(), "bp"]
    keep = np.isfinite(out[:, 0])
    dates = wide.index[keep].to_numpy().astype("datetime64[ns]")
    return finish_tidy(wide_to_tidy(dates, out[keep], ids, units), source=source)
