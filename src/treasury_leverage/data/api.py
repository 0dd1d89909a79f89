"""Public accessors: holdings, yield curves and series as labelled pandas objects.

Each dataset is read from the user store when it has been refreshed there, otherwise from the
snapshot bundled in the package; :func:`status` says which. Frames carry provenance in ``.attrs``
(``dataset``, ``source``, ``vintage``, ``origin``) so results can cite their data vintage.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.data.catalog import CATALOG, dataset
from treasury_leverage.data.paths import snapshot_dir, user_store_dir
from treasury_leverage.data.store import Store
from treasury_leverage.errors import DataUnavailable, InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "GSW_SEGMENTS",
    "DateLike",
    "acm_published",
    "dataset_digests",
    "dataset_key",
    "export",
    "gsw_parameters",
    "gsw_zero_curve",
    "holders",
    "holdings",
    "mspd",
    "par_curve",
    "read",
    "series",
    "slt_flows",
    "sql",
    "status",
    "store_for",
    "survey_holdings",
    "wide",
]

DateLike = str | dt.date | dt.datetime

#: FRED's CMT series for the tenors of the Treasury par curve (FRED has no 1.5M, 2M, 4M or 3Y).
_FRED_PAR: Final = {
    "1M": "DGS1MO", "3M": "DGS3MO", "6M": "DGS6MO", "1Y": "DGS1", "2Y": "DGS2",
    "5Y": "DGS5", "7Y": "DGS7", "10Y": "DGS10", "20Y": "DGS20", "30Y": "DGS30",
}
_GSW_PARAMS: Final = ("BETA0", "BETA1", "BETA2", "BETA3", "TAU1", "TAU2")


# -- where data come from ----------------------------------------------------------------------


def store_for(name: str) -> tuple[Store, Literal["cache", "snapshot"]]:
    """The store that serves dataset ``name``: the user store if it holds it, else the snapshot.

    Raises
    ------
    UnknownNameError
        If ``name`` is not a catalogued dataset.
    DataUnavailable
        If neither store has it.
    """
    ds = dataset(name)
    user = Store(user_store_dir())
    if ds.id in user and not _damaged(user, ds.id):
        return user, "cache"
    snap = Store(snapshot_dir(), read_only=True)
    if ds.id in snap:
        return snap, "snapshot"
    raise DataUnavailable(
        f"dataset {ds.id!r} is neither in the user store ({user.root}) nor in the bundled snapshot "
        f"({snap.root}); run `tlev data update {ds.id}` when online"
    )


def _damaged(store: Store, name: str) -> bool:
    """The user store's copy is damaged (logged once per process); the snapshot then serves."""
    problems = store.damage(name)
    if problems and name not in _WARNED:
        _WARNED.add(name)
        _log.warning("dataset %r in the user store is damaged (%s); serving the bundled snapshot; "
                     "run `tlev data repair %s`", name, "; ".join(problems), name)
    return bool(problems)


_WARNED: set[str] = set()
_log = logging.getLogger(__name__)


def _check_window(start: DateLike | None, end: DateLike | None) -> tuple[Any, Any]:
    import pandas as pd

    out: list[Any] = []
    for label, value in (("start", start), ("end", end)):
        if value is None:
            out.append(None)
            continue
        try:
            stamp = pd.Timestamp(value)
        except (ValueError, TypeError):
            raise InputError(f"{label} {value!r} is not a date; expected YYYY-MM-DD or YYYY-MM") from None
        if label == "end" and isinstance(value, str) and len(value.strip()) == 7:
            stamp = stamp + pd.offsets.MonthEnd(0)  # "2025-12" means through the end of December
        out.append(stamp)
    if out[0] is not None and out[1] is not None and out[0] > out[1]:
        raise InputError(f"start {start} is after end {end}; expected start <= end")
    return out[0], out[1]


def read(
    name: str,
    *,
    series: str | Sequence[str] | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    as_of: DateLike | None = None,
) -> pd.DataFrame:
    """Tidy rows of a dataset (``date, series_id, value, unit, source, realtime_start``).

    Provenance is in ``.attrs``: ``dataset``, ``origin`` (``cache`` or ``snapshot``), ``vintage``.
    """
    lo, hi = _check_window(start, end)
    store, origin = store_for(name)
    frame = store.read(dataset(name).id, series=series, start=lo, end=hi, as_of=as_of)
    frame.attrs.update(_provenance(store, dataset(name).id, origin))
    return frame


def _provenance(store: Store, name: str, origin: str) -> dict[str, Any]:
    info = store.info(name)
    return {"dataset": name, "origin": origin, "vintage": info.vintage, "source": info.source}


@functools.lru_cache(maxsize=64)
def _wide_cached(name: str, files: tuple[str, ...], as_of: str | None) -> pd.DataFrame:
    """Whole dataset pivoted wide (dates x series); cached per set of vintage files.

    In this process (the memo) and on disk (:mod:`treasury_leverage.data.derived`, keyed by the
    SHA-256 of each vintage file served), so that a new process reads one small file instead of
    reading the Parquet vintages and pivoting them again.
    """
    from treasury_leverage.data.derived import cached_frame, frame_key

    store, _ = store_for(name)

    def build() -> pd.DataFrame:
        tidy = store.read(name, as_of=as_of)
        wide = tidy.pivot(index="date", columns="series_id", values="value")
        wide.index.name = "date"
        wide.columns.name = None
        return wide

    key = frame_key(f"wide-{name}", _served_digests(store, name, as_of), code=_WIDE_CODE)
    return cached_frame(key, build)


#: The modules that read and pivot a dataset (part of the disk key of the wide frames).
_WIDE_CODE: Final = ("treasury_leverage.data.api", "treasury_leverage.data.store")


def dataset_digests(name: str, *, as_of: DateLike | None = None) -> tuple[str, ...]:
    """SHA-256 of each vintage file served for dataset ``name`` (from its manifest), oldest first.

    The identity of the data an accessor serves, whatever store it comes from: a key for
    results derived from them that are kept on disk (:mod:`treasury_leverage.data.derived`).

    Raises
    ------
    DataUnavailable
        If no store holds the dataset (or no vintage as of ``as_of``).
    """
    store, _ = store_for(name)
    return _served_digests(store, dataset(name).id, as_of)


def _served_digests(store: Store, name: str, as_of: DateLike | None) -> tuple[str, ...]:
    """SHA-256 of each vintage file served for ``as_of`` (from the manifest): the data's identity."""
    served = {p.name for p in store.files(name, as_of=as_of)}
    return tuple(v.sha256 for v in store.vintages(name) if v.file in served)


@functools.lru_cache(maxsize=16)
def _units_cached(name: str, files: tuple[str, ...]) -> dict[str, str]:
    """Unit of every series of a dataset (the last vintage's label wins); kept on disk per
    vintage like the wide frames."""
    from treasury_leverage.data.derived import cached_labels, frame_key

    def build() -> dict[str, str]:
        import pyarrow.parquet as pq

        units: dict[str, str] = {}
        for f in files:
            table = pq.read_table(f, columns=["series_id", "unit"]).to_pydict()
            units.update(zip(table["series_id"], table["unit"], strict=True))
        return units

    store, _ = store_for(name)
    digests = tuple(v.sha256 for v in store.vintages(name) if str(store.root / name / v.file) in files)
    if len(digests) != len(files):  # not the files this store serves: no key to keep them under
        return build()
    return cached_labels(frame_key(f"units-{name}", digests).removesuffix(".npz") + ".json", build)


def dataset_key(name: str, *, as_of: DateLike | None = None) -> tuple[str, str, tuple[str, ...]]:
    """A hashable key that changes whenever the data served for dataset ``name`` change.

    ``(dataset, origin, vintage files)``: a refreshed user store, a new vintage or another
    ``as_of`` gives another key. Results derived from a dataset can be memoised under it (the
    accessors below and :mod:`treasury_leverage.scenario.us_bill` do), so each dataset is read and
    derived once per process and vintage.
    """
    store, origin = store_for(name)
    return dataset(name).id, origin, tuple(str(p) for p in store.files(dataset(name).id, as_of=as_of))


def _wide(name: str, *, as_of: DateLike | None = None) -> pd.DataFrame:
    store, origin = store_for(name)
    files = tuple(str(p) for p in store.files(name, as_of=as_of))
    wide = _wide_cached(name, files, None if as_of is None else str(as_of)).copy()
    wide.attrs.update(_provenance(store, name, origin))
    return wide


def wide(name: str, *, as_of: DateLike | None = None) -> pd.DataFrame:
    """A whole dataset with one column per series (index ``date``), in the source unit.

    The same values as pivoting :func:`read`'s tidy rows, but memoised per vintage in this
    process and on disk (:mod:`treasury_leverage.data.derived`), so asking again costs a copy.
    Provenance is in ``.attrs`` as for :func:`read`.
    """
    return _wide(dataset(name).id, as_of=as_of)


def _window(frame: pd.DataFrame, start: DateLike | None, end: DateLike | None, what: str) -> pd.DataFrame:
    lo, hi = _check_window(start, end)
    out = frame.loc[lo:hi]
    if out.empty:
        rng = f"{frame.index.min():%Y-%m-%d} to {frame.index.max():%Y-%m-%d}" if len(frame) else "nothing"
        raise InputError(f"no {what} between {start or 'the start'} and {end or 'the end'}; data cover {rng}")
    return out


def status() -> pd.DataFrame:
    """One row per catalogued dataset: where it is served from, its range, unit and vintage."""
    import pandas as pd

    rows: list[dict[str, Any]] = []
    for name, ds in CATALOG.items():
        try:
            store, origin = store_for(name)
            info = store.info(name)
        except DataUnavailable:
            rows.append({"dataset": name, "origin": "missing", "title": ds.title, "publisher": ds.publisher})
            continue
        end, segments = _effective(name, info.last_date, info.source)
        rows.append(
            {
                "dataset": name,
                "origin": origin,
                "title": ds.title,
                "publisher": ds.publisher,
                "unit": ", ".join(info.units),
                "frequency": ds.frequency,
                "first_date": info.first_date,
                "last_date": info.last_date,
                "effective_end": end,
                "segments": segments,
                "n_series": info.n_series,
                "rows": info.rows,
                "vintage": info.vintage,
                "n_vintages": info.n_vintages,
            }
        )
    frame = pd.DataFrame(rows)
    from treasury_leverage.data.health import damage_column

    return frame.assign(damage=damage_column(list(frame["dataset"]))) if len(frame) else frame


def _day(value: Any) -> str:
    import pandas as pd

    return f"{pd.Timestamp(value):%Y-%m-%d}"


def _effective(name: str, last_date: Any, source: str) -> tuple[str, str]:
    """What a dataset serves through its accessor: the effective last date and its segments.

    The par curve is extended with FRED's DGS* after its own files end; the GSW parameters are
    spliced (:func:`gsw_parameters`), and after their last day the term-premium code fills the
    days without a GSW curve with par-yield fits (bias-corrected to GSW).
    """
    try:
        if name == "par_curve":
            par = par_curve()
            own = _day(last_date)
            text = f"{source} ..{own}"
            if "fred_from" in par.attrs:
                text += f"; FRED DGS* (same CMT yields) {par.attrs['fred_from']}..{_day(par.index.max())}"
            return _day(par.index.max()), text
        if name == "gsw_params":
            params = gsw_parameters()
            parts = [f"{s['segment']} [{s['dataset']}] {s['first_date']}..{s['last_date']} ({s['days']} days)"
                     for s in params.attrs["segments"]]
            par = par_curve()
            dense = _last_dense_day(params.index)
            if par.index.max() > dense:
                parts.append(
                    f"par fit (Svensson fits to the Treasury par curve, level bias vs GSW removed) on the "
                    f"days without a GSW curve {_day(dense + _one_day())}..{_day(par.index.max())}"
                )
            return _day(params.index.max()), "; ".join(parts)
    except (DataUnavailable, InputError, KeyError):
        pass
    return _day(last_date), source


def _one_day() -> Any:
    import pandas as pd

    return pd.Timedelta(days=1)


def _last_dense_day(dates: pd.DatetimeIndex) -> Any:
    """The last day of the daily run of a GSW panel: the day before its first gap of more than a
    week (holidays are shorter)."""
    import numpy as np

    gaps = np.diff(dates.to_numpy()).astype("timedelta64[D]").astype(int)
    big = np.flatnonzero(gaps > 7)
    return dates[big[0]] if len(big) else dates[-1]


def sql(query: str) -> pd.DataFrame:
    """Run a read-only SQL query (DuckDB) over every available dataset, each a table of tidy rows.

    Example: ``SELECT date, value FROM holdings WHERE series_id = 'Japan' ORDER BY date``.
    """
    from treasury_leverage.data.store import run_sql

    tables = {}
    for name in CATALOG:
        try:
            store, _ = store_for(name)
        except DataUnavailable:
            continue
        tables[name] = store.read(name)
    return run_sql(query, tables)


def export(
    out_dir: str | os.PathLike[str],
    datasets: Sequence[str] | None = None,
    *,
    file_format: Literal["parquet", "csv"] | str = "parquet",
) -> list[Path]:
    """Write datasets (latest values, tidy rows) to ``out_dir``, one file per dataset.

    Files are written to a temporary name and renamed, so an interrupted export leaves no
    half-written file.
    """
    import tempfile

    if file_format not in ("parquet", "csv"):
        raise InputError(f"export format {file_format!r} is not supported; expected 'parquet' or 'csv'")
    names = [dataset(d).id for d in datasets] if datasets else list(CATALOG)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        frame = read(name)
        target = folder / f"{name}.{file_format}"
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
        os.close(fd)
        try:
            if file_format == "csv":
                frame.to_csv(tmp, index=False, date_format="%Y-%m-%d")
            else:
                frame.to_parquet(tmp, index=False)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        written.append(target)
    return written


# -- holdings ----------------------------------------------------------------------------------


def holders(*, as_of: DateLike | None = None) -> list[str]:
    """Names of every holder (countries and aggregates) in the TIC major-holders table."""
    return list(_wide("holdings", as_of=as_of).columns)


def holdings(
    country: str | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    as_of: DateLike | None = None,
) -> pd.Series | pd.DataFrame:
    """Treasury holdings by foreign holder (TIC Major Foreign Holders), USD bn, month-end.

    Parameters
    ----------
    country
        A holder, matched forgivingly (``"japan"``, ``"China"``, ``"uk"``); None for all holders.
    start, end
        Inclusive window (``"2023-01"`` or a date).
    as_of
        Only data known at that moment (a vintage date).

    Returns
    -------
    pandas.Series or pandas.DataFrame
        A series named after the holder, or a frame with a column per holder; index ``date``.

    Raises
    ------
    UnknownNameError
        For an unknown holder, with the closest names.
    """
    wide = _wide("holdings", as_of=as_of)
    if country is None:
        return _window(wide, start, end, "holdings")
    from treasury_leverage.data.countries import resolve_country

    name = resolve_country(country, wide.columns)
    out = _window(wide[name].dropna(), start, end, f"holdings of {name}")
    out.name = name
    out.attrs.update(wide.attrs, unit="USD bn")
    return out


def slt_flows(
    country: str | None = None,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    as_of: DateLike | None = None,
) -> pd.DataFrame:
    """Long-term Treasury holdings, net purchases and valuation changes (SLT Table 1), USD bn.

    Returns a frame indexed by ``date`` with columns ``treas_pos_usd_bn``, ``treas_net_usd_bn``
    (net foreign purchases: positive = buying) and ``treas_valchg_usd_bn``; without ``country``,
    a long frame with an ``entity`` column.
    """
    wide = _wide("slt_table1", as_of=as_of)
    measures = ("treas_pos", "treas_net", "treas_valchg")
    cols = [c for c in wide.columns if c.split("|")[-1] in measures]
    sub = wide[cols] / 1000.0  # stored in the source unit, USD mn
    entities = sorted({c.split("|")[0] for c in cols})
    if country is not None:
        from treasury_leverage.data.countries import resolve_country

        name = resolve_country(country, entities)
        out = sub[[f"{name}|{m}" for m in measures if f"{name}|{m}" in sub.columns]]
        out.columns = [f"{c.split('|')[-1]}_usd_bn" for c in out.columns]
        out = _window(out.dropna(how="all"), start, end, f"SLT flows of {name}")
        out.attrs.update(wide.attrs, entity=name, unit="USD bn")
        return out
    long = sub.stack().rename("value").reset_index()
    long[["entity", "measure"]] = long["series_id"].str.split("|", n=1, expand=True)
    out = long.pivot_table(index=["date", "entity"], columns="measure", values="value").reset_index("entity")
    out.columns = [c if c == "entity" else f"{c}_usd_bn" for c in out.columns]
    out = _window(out.sort_index(), start, end, "SLT flows")
    out.attrs.update(wide.attrs, unit="USD bn")
    return out


def survey_holdings(country: str, *, as_of: DateLike | None = None) -> pd.DataFrame:
    """Long- and short-term Treasury holdings of a country at each annual survey date, USD bn."""
    wide = _wide("shl_history", as_of=as_of)
    entities = sorted({c.split("|")[0] for c in wide.columns})
    from treasury_leverage.data.countries import resolve_country

    name = resolve_country(country, entities)
    cols = [c for c in wide.columns if c.startswith(f"{name}|")]
    out = wide[cols].dropna(how="all") / 1000.0
    out.columns = [f"{c.split('|', 1)[1]}_usd_bn" for c in cols]
    out.attrs.update(wide.attrs, entity=name, unit="USD bn")
    return out


# -- rates -------------------------------------------------------------------------------------


def par_curve(
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    as_of: DateLike | None = None,
    extend_with_fred: bool = True,
) -> pd.DataFrame:
    """Daily Treasury par yield curves (CMT, percent), one column per tenor ordered by maturity.

    Parameters
    ----------
    start, end
        Inclusive window.
    as_of
        Only data known at that moment.
    extend_with_fred
        After the last Treasury file date, continue with FRED's DGS* series (the same CMT yields;
        FRED has no 1.5M, 2M, 4M or 3Y, so those are NaN there). ``attrs["fred_from"]`` says where.

    Returns
    -------
    pandas.DataFrame
        Index ``date``; columns ``"1M"`` ... ``"30Y"``; NaN where a tenor was not published.
    """
    full, attrs = _par_curve_full(dataset_key("par_curve", as_of=as_of),
                                  dataset_key("fred", as_of=as_of) if extend_with_fred else None,
                                  None if as_of is None else str(as_of))
    # A copy (cheap beside assembling the panel): pandas 2 without copy-on-write would let a
    # caller's write into a window reach the memo.
    out = _window(full, start, end, "par yield curves").copy()
    out.attrs.clear()
    out.attrs.update(attrs, unit="percent")
    return out


@functools.lru_cache(maxsize=8)
def _par_curve_full(
    par_key: tuple[str, str, tuple[str, ...]], fred_key: tuple[str, str, tuple[str, ...]] | None,
    as_of: str | None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The whole par-curve panel (FRED-extended when ``fred_key`` is given), once per vintage pair.

    Assembling it (two wide frames copied, cut and concatenated) took ~7 ms a call, and the
    scenario engine asks for it on every run; keyed by :func:`dataset_key` of both datasets, a
    new vintage of either rebuilds it.
    """
    import pandas as pd

    from treasury_leverage.data.sources.treasury import TENOR_YEARS

    wide = _wide("par_curve", as_of=as_of)
    attrs = dict(wide.attrs)
    if fred_key is not None:
        fred = _wide("fred", as_of=as_of)
        last = wide.index.max()
        ids = [i for i in _FRED_PAR.values() if i in fred.columns]
        ext = fred.loc[fred.index > last, ids].dropna(how="all")
        if not ext.empty:
            ext = ext.rename(columns={v: k for k, v in _FRED_PAR.items()})
            wide = pd.concat([wide, ext])
            attrs["fred_from"] = f"{ext.index.min():%Y-%m-%d}"
            attrs["source"] = f"{attrs['source']}; FRED DGS* after {last:%Y-%m-%d}"
    cols = [t for t in TENOR_YEARS if t in wide.columns]
    full = wide[cols]
    full.attrs.clear()
    return full, attrs


#: The datasets whose parameters make the GSW panel, in splice order, and how each is named: a
#: later one only contributes days after the previous ones end (a live ``feds200628.csv`` in
#: ``gsw_params`` covers everything and the others add nothing).
GSW_SEGMENTS: Final = (
    ("gsw_params", "Fed parameter workbook"),
    ("gsw_refit", "Svensson refit to the Fed's SVENY zero yields"),
    ("gsw_feds200628", "Fed feds200628.csv excerpt"),
)


def _segment(name: str, label: str, frame: pd.DataFrame) -> dict[str, Any]:
    attrs = frame.attrs
    if name == "gsw_params" and attrs.get("origin") == "cache":
        label = "Fed feds200628.csv (live)"
    return {
        "segment": label,
        "dataset": name,
        "source": attrs.get("source", ""),
        "origin": attrs.get("origin", ""),
        "vintage": str(attrs.get("vintage", "")),
        "first_date": f"{frame.index.min():%Y-%m-%d}",
        "last_date": f"{frame.index.max():%Y-%m-%d}",
        "days": len(frame),
    }


def gsw_parameters(
    start: DateLike | None = None, end: DateLike | None = None, *, as_of: DateLike | None = None
) -> pd.DataFrame:
    """Daily GSW Svensson parameters 1961 -> latest: ``BETA0..BETA3`` (percent), ``TAU1``, ``TAU2`` (years).

    The Fed's parameters where we have them (the workbook to 2018-04-20 offline), then the
    parameters recovered from the Fed's SVENY zero yields (to 2023-07-07), then the rows of the
    Fed's ``feds200628.csv`` (month-ends and every day of April 2025 to 2026-08-21 offline).
    ``attrs["segments"]`` lists each part with its dataset, source and range; ``attrs["source"]``
    names them all.
    """
    import copy

    keys: list[tuple[str, str, tuple[str, ...]] | None] = []
    for name, _ in GSW_SEGMENTS:
        try:
            keys.append(dataset_key(name, as_of=as_of))
        except DataUnavailable:
            if name == "gsw_params":
                raise
            keys.append(None)
    whole, attrs = _gsw_full(tuple(keys), None if as_of is None else str(as_of))
    # A copy: the splice is memoised (see _gsw_full), and a caller's writes must not reach it.
    out = _window(whole, start, end, "GSW parameters").copy()
    out.attrs.clear()
    out.attrs.update(copy.deepcopy(attrs))
    return out


@functools.lru_cache(maxsize=8)
def _gsw_full(keys: tuple[tuple[str, str, tuple[str, ...]] | None, ...],
              as_of: str | None) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The spliced GSW panel and its attrs, once per vintage of its segments (``keys``: the
    :func:`dataset_key` of each, None for a missing one)."""
    import pandas as pd

    parts: list[pd.DataFrame] = []
    segments: list[dict[str, Any]] = []
    last = None
    for (name, label), key in zip(GSW_SEGMENTS, keys, strict=True):
        if key is None:
            continue
        try:
            wide = _wide(name, as_of=as_of)
        except DataUnavailable:
            if name == "gsw_params":
                raise
            continue
        part = wide[list(_GSW_PARAMS)].dropna(subset=["BETA0"])
        if last is not None:
            part = part.loc[part.index > last]
        if part.empty:
            continue
        part.attrs.update(wide.attrs)
        segments.append(_segment(name, label, part))
        parts.append(part)
        last = part.index.max()
    whole = pd.concat(parts) if len(parts) > 1 else parts[0]
    whole.index.name = "date"
    attrs = dict(whole.attrs)
    first = parts[0].attrs
    attrs.update(
        dataset="gsw_params",
        origin=first.get("origin", ""),
        vintage=max(str(seg["vintage"]) for seg in segments),
        source="; ".join(f"{seg['segment']} {seg['first_date']}..{seg['last_date']}" for seg in segments),
        segments=segments,
    )
    whole.attrs.clear()
    return whole, attrs


def gsw_zero_curve(
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    as_of: DateLike | None = None,
) -> pd.DataFrame:
    """GSW zero-coupon yields (continuously compounded, percent), columns = maturity in years.

    The Fed's published SVENY01..SVENY30 (daily to 2023-07-07, then the rows of the feds200628
    excerpt). Yields at other maturities, computed from the daily parameters of
    :func:`gsw_parameters` with the GSW formula, come from
    :func:`treasury_leverage.curves.gsw_zero_yields` (the data layer reads, it does not evaluate
    curve models).
    """
    wide = _wide("gsw_zero", as_of=as_of)
    cols = sorted(wide.columns)
    out = wide[cols].copy()
    out.columns = [float(int(c.removeprefix("SVENY"))) for c in cols]
    out = _window(out, start, end, "GSW zero yields")
    out.attrs.update(wide.attrs, unit="percent", compounding="continuous")
    return out


def series(
    series_id: str,
    start: DateLike | None = None,
    end: DateLike | None = None,
    *,
    as_of: DateLike | None = None,
) -> pd.Series:
    """One FRED series by id (``DGS10``, ``DFII10``, ``T10YIE``, ``THREEFYTP10``, ``DEXJPUS``...)."""
    from treasury_leverage.errors import UnknownNameError

    wide = _wide("fred", as_of=as_of)
    key = series_id.strip().upper()
    if key not in wide.columns:
        raise UnknownNameError("series", series_id, wide.columns)
    out = _window(wide[key].dropna(), start, end, f"{key} observations")
    store, _ = store_for("fred")
    files = tuple(str(p) for p in store.files("fred", as_of=as_of))
    out.attrs.update(wide.attrs, unit=_units_cached("fred", files).get(key, ""))
    out.name = key
    return out


def acm_published(*, as_of: DateLike | None = None) -> pd.DataFrame:
    """The NY Fed's published ACM series (``ACMY01..10``, ``ACMTP01..10``, ``ACMRNY01..10``), percent."""
    wide = _wide("acm", as_of=as_of)
    order = [f"{p}{n:02d}" for p in ("ACMY", "ACMTP", "ACMRNY") for n in range(1, 11)]
    out = wide[[c for c in order if c in wide.columns]]
    out.attrs.update(wide.attrs, unit="percent")
    return out


def mspd(
    measure: Literal["public", "intragov", "total"] = "public", *, as_of: DateLike | None = None
) -> pd.DataFrame:
    """Treasury securities outstanding by class (MSPD), USD bn, month-end; one column per class."""
    wide = _wide("mspd", as_of=as_of)
    cols = [c for c in wide.columns if c.endswith(f"|{measure}")]
    if not cols:
        raise InputError(f"MSPD measure {measure!r} not found; expected public, intragov or total")
    out = wide[cols] / 1000.0
    out.columns = [c.split("|")[0] for c in cols]
    out.attrs.update(wide.attrs, unit="USD bn")
    return out
