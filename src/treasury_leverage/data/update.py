"""Live update: download the publishers' current files, parse them, store a new vintage.

``update()`` refreshes every dataset that has a live source (or the ones named) into the user
store. For each dataset a *connector* plans its downloads (which URLs, which parser), the one HTTP
client (:class:`~treasury_leverage.data.client.Fetcher`) fetches them, the publisher's parser in
:mod:`treasury_leverage.data.sources` turns each body into tidy rows, and
:meth:`Store.write <treasury_leverage.data.store.Store.write>` appends a vintage holding only the
observations that are new or revised.

Failure is contained per dataset: a download or parse that fails leaves that dataset's stored
data exactly as they were, the error goes into its :class:`UpdateReport`, and the other datasets
are still updated. Two connectors have independent parts: each FRED series, and the two TIC
Major Foreign Holders files (history and current table). One failed part does not hold back the
others: what did arrive is stored, and the report says ``partial`` and names what failed.

Live sources
------------
=============  ========================================================================
dataset        what is downloaded
=============  ========================================================================
holdings       TIC Major Foreign Holders: the history file and the current table (SLT
               Table 5); each may fail alone
slt_table1     TIC SLT Table 1 (holdings, net purchases, valuation changes)
par_curve      Treasury daily par yield curve, one CSV per year, from the last stored
               year through ``today`` (the last stored year is fetched again: it was
               probably incomplete and may have been revised)
gsw_params     Fed ``feds200628.csv`` (Svensson parameters)
gsw_zero       the same file (SVENY zero-coupon yields; downloaded once per run)
acm            NY Fed ACM term-premium workbook
fred           every FRED series in the store and in
               :data:`~treasury_leverage.data.sources.fred.FRED_UNITS`: the graph CSV, or
               the observations API (JSON) when ``FRED_API_KEY`` is set
mspd           Fiscal Data API, MSPD table 1 as CSV
=============  ========================================================================

The user store and the snapshot
-------------------------------
The public accessors read a dataset from the user store as soon as it holds it, and from the
bundled snapshot otherwise. A live update that wrote only the newly downloaded years into an
empty user store would therefore hide the snapshot's history. So when the user store does not yet
hold a dataset, its snapshot vintages are first copied in (same rows, same ``realtime_start``),
and the live rows go on top as a new vintage; "as of" queries keep working across both.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.data.client import Fetcher, FetchResult
from treasury_leverage.errors import DataFormatError, InputError, TLError, UnknownNameError

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.data.store import Store

__all__ = [
    "FRED_API_KEY_ENV",
    "LIVE_DATASETS",
    "UpdateReport",
    "update",
]

_log = logging.getLogger(__name__)

# The publishers' URLs live with their parsers in data.sources.<publisher>.

#: Environment variable holding a FRED API key; when set, FRED series come from the API.
FRED_API_KEY_ENV: Final = "FRED_API_KEY"

# First year of the Treasury's per-year par-curve files.
_PAR_CURVE_FIRST_YEAR: Final = 1990

Status = Literal["updated", "unchanged", "partial", "failed"]


# -- reports -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateReport:
    """What updating one dataset did.

    Attributes
    ----------
    dataset
        Dataset id.
    status
        ``updated`` (a vintage was written), ``unchanged`` (downloaded, nothing new),
        ``partial`` (some parts, FRED series or TIC files, failed; the others were stored) or
        ``failed`` (nothing written; the stored data are as before).
    new_rows, changed_rows
        Observations added and revised by the new vintage.
    vintage
        ``realtime_start`` of the vintage written (ISO, UTC), if any.
    first_date, last_date
        Range of the downloaded observations.
    urls
        What was downloaded (secret query values masked).
    from_cache
        Every download was answered ``304 Not Modified`` (or served offline) from the disk cache.
    errors
        One message per failure, each starting with the dataset id.
    seconds
        Wall time spent on this dataset.
    """

    dataset: str
    status: Status
    new_rows: int = 0
    changed_rows: int = 0
    vintage: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    urls: tuple[str, ...] = ()
    from_cache: bool = False
    errors: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when nothing failed (``updated`` or ``unchanged``)."""
        return self.status in ("updated", "unchanged")

    @property
    def error(self) -> str | None:
        """All error messages on one line, or None."""
        return "; ".join(self.errors) if self.errors else None

    def as_dict(self) -> dict[str, Any]:
        """Flat dictionary for tables and JSON (lists joined into strings)."""
        out = asdict(self)
        out["urls"] = " ".join(self.urls)
        out["errors"] = " | ".join(self.errors)
        out["seconds"] = round(self.seconds, 3)
        return out


# -- connectors ----------------------------------------------------------------------------------


_Key = tuple[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class _Download:
    """One file to fetch and the parser that reads it.

    ``parser`` is ``"<module in data.sources>:<function>"`` or a function; ``keep`` (a regular
    expression on ``series_id``) selects the rows of a file that feeds several datasets.
    """

    url: str
    parser: str | Callable[..., pd.DataFrame]
    params: tuple[tuple[str, str], ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()
    part: str = ""  # the unit that fails alone in a partial connector (a FRED series id)
    keep: str | None = None

    @property
    def key(self) -> _Key:
        return (self.url, self.params)

    @property
    def source(self) -> str:
        """Name shown in parser errors: the URL's last path segment, and the part if any."""
        name = PurePosixPath(self.url.split("?", 1)[0]).name
        return f"{name} ({self.part})" if self.part else name

    def parse(self, content: bytes) -> pd.DataFrame:
        if callable(self.parser):
            fn = self.parser
        else:
            import importlib

            module, func = self.parser.split(":")
            fn = getattr(importlib.import_module(f"treasury_leverage.data.sources.{module}"), func)
        frame: pd.DataFrame = fn(content, source=self.source, **dict(self.kwargs))
        return frame


class _Session:
    """The fetcher plus what one ``update()`` call already downloaded and parsed.

    ``feds200628.csv`` (17 MB) feeds two datasets: it is downloaded and parsed once per run.
    """

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._downloads: dict[_Key, FetchResult | TLError] = {}
        self._parsed: dict[tuple[_Key, str, tuple[tuple[str, Any], ...]], pd.DataFrame] = {}

    def fetch(self, item: _Download) -> FetchResult:
        if item.key not in self._downloads:
            try:
                self._downloads[item.key] = self.fetcher.fetch(item.url, params=dict(item.params) or None)
            except TLError as exc:
                self._downloads[item.key] = exc
        got = self._downloads[item.key]
        if isinstance(got, TLError):
            raise got
        return got

    def parse(self, item: _Download, result: FetchResult) -> pd.DataFrame:
        memo = (item.key, repr(item.parser), item.kwargs)
        if memo not in self._parsed:
            self._parsed[memo] = item.parse(result.content)
        frame = self._parsed[memo]
        if item.keep is not None:
            frame = frame[frame["series_id"].str.fullmatch(item.keep)].reset_index(drop=True)
            if frame.empty:
                raise DataFormatError(
                    f"no series matching {item.keep!r}; expected them in the file",
                    source=item.source,
                )
        return frame


@dataclass
class _Context:
    """What a connector may look at to plan its downloads."""

    store: Store
    baseline: Store | None
    today: dt.date
    fred_api_key: str | None
    fred_series: tuple[str, ...] | None
    allow_revision: bool = False

    def _stores_with(self, dataset: str) -> list[Store]:
        return [s for s in (self.store, self.baseline) if s is not None and dataset in s]

    def last_date(self, dataset: str) -> dt.date | None:
        """Latest observation date held for ``dataset`` (user store or baseline)."""
        dates = [dt.date.fromisoformat(s.info(dataset).last_date) for s in self._stores_with(dataset)]
        return max(dates) if dates else None

    def series_ids(self, dataset: str) -> set[str]:
        """Series ids held for ``dataset`` (user store or baseline)."""
        out: set[str] = set()
        for s in self._stores_with(dataset):
            out.update(s.series_ids(dataset))
        return out

    def units(self, dataset: str, series: Sequence[str]) -> dict[str, str]:
        """Stored unit of each of ``series`` that is held (the user store wins)."""
        out: dict[str, str] = {}
        if not series:
            return out
        for s in reversed(self._stores_with(dataset)):
            rows = s.read(dataset, series=list(series))
            out.update(zip(rows["series_id"], rows["unit"], strict=True))
        return out


@dataclass(frozen=True)
class _Connector:
    dataset: str
    plan: Callable[[_Context], list[_Download]]
    partial: bool = False  # parts fail independently (FRED)
    notes: str = ""


def _plan_holdings(ctx: _Context) -> list[_Download]:
    from treasury_leverage.data.sources.tic import MFH_HISTORY_URL, SLT_TABLE5_URL

    # History first, current table second: where both hold a month the current table (the newer
    # publication, with the latest revisions) wins. Each may fail alone: the history is revised
    # once a year, the current table monthly.
    return [
        _Download(MFH_HISTORY_URL, "tic:parse_mfh", part="history"),
        _Download(SLT_TABLE5_URL, "tic:parse_mfh", part="current table"),
    ]


def _plan_slt_table1(ctx: _Context) -> list[_Download]:
    from treasury_leverage.data.sources.tic import SLT_TABLE1_URL

    return [_Download(SLT_TABLE1_URL, "tic:parse_slt_table1")]


def _plan_par_curve(ctx: _Context) -> list[_Download]:
    from treasury_leverage.data.sources.treasury import PAR_CURVE_CSV_URL

    last = ctx.last_date("par_curve")
    first_year = last.year if last is not None else _PAR_CURVE_FIRST_YEAR
    return [
        _Download(PAR_CURVE_CSV_URL.format(year=year), "treasury:parse_par_yield_curve")
        for year in range(first_year, ctx.today.year + 1)
    ]


def _plan_gsw_params(ctx: _Context) -> list[_Download]:
    from treasury_leverage.data.sources.fed import GSW_CSV_URL

    return [_Download(GSW_CSV_URL, "fed:parse_gsw_csv", keep=r"BETA\d|TAU\d")]


def _plan_gsw_zero(ctx: _Context) -> list[_Download]:
    from treasury_leverage.data.sources.fed import GSW_CSV_URL

    return [_Download(GSW_CSV_URL, "fed:parse_gsw_csv", keep=r"SVENY\d\d")]


def _plan_acm(ctx: _Context) -> list[_Download]:
    from treasury_leverage.data.sources.nyfed import ACM_XLS_URL

    return [_Download(ACM_XLS_URL, _parse_acm_any)]


def _plan_fred(ctx: _Context) -> list[_Download]:
    from treasury_leverage.data.sources.fred import (
        FRED_API_OBSERVATIONS_URL,
        FRED_GRAPH_CSV_URL,
        FRED_UNITS,
    )

    if ctx.fred_series is not None:
        ids = list(dict.fromkeys(s.strip().upper() for s in ctx.fred_series))
    else:
        ids = sorted(set(FRED_UNITS) | ctx.series_ids("fred"))
    # A series stored earlier but unknown to FRED_UNITS keeps the unit it was stored with.
    units = ctx.units("fred", [i for i in ids if i not in FRED_UNITS])
    plan = []
    for sid in ids:
        kwargs: tuple[tuple[str, Any], ...] = (("series_id", sid),)
        if sid in units:
            kwargs += (("unit", units[sid]),)
        if ctx.fred_api_key:
            url = FRED_API_OBSERVATIONS_URL.format(series_id=sid, api_key=ctx.fred_api_key)
            plan.append(_Download(url, "fred:parse_fred_observations_json", kwargs=kwargs, part=sid))
        else:
            url = FRED_GRAPH_CSV_URL.format(series_id=sid)
            plan.append(_Download(url, "fred:parse_fred_csv", kwargs=kwargs, part=sid))
    return plan


def _plan_mspd(ctx: _Context) -> list[_Download]:
    from treasury_leverage.data.sources.treasury import MSPD_TABLE1_CSV_URL

    return [_Download(MSPD_TABLE1_CSV_URL, "treasury:parse_mspd")]


_CONNECTORS: Final[dict[str, _Connector]] = {
    c.dataset: c
    for c in (
        _Connector("holdings", _plan_holdings, partial=True),
        _Connector("slt_table1", _plan_slt_table1),
        _Connector("par_curve", _plan_par_curve),
        _Connector("gsw_params", _plan_gsw_params),
        _Connector("gsw_zero", _plan_gsw_zero),
        _Connector("acm", _plan_acm),
        _Connector("fred", _plan_fred, partial=True),
        _Connector("mspd", _plan_mspd),
    )
}
#: Datasets with a live source, in update order.
LIVE_DATASETS: Final[tuple[str, ...]] = tuple(_CONNECTORS)


# -- parsers that have no home in data.sources yet ---------------------------------------------


def _parse_acm_any(raw: bytes, *, source: str) -> pd.DataFrame:
    """The NY Fed publishes the ACM data as a legacy Excel workbook; read a CSV export too.

    The bytes decide: an OLE2 compound file (``.xls``) goes to the workbook parser, anything else
    to the CSV parser of the "ACM Monthly" sheet.
    """
    from treasury_leverage.data.sources import nyfed

    if raw[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return nyfed.parse_acm_xls(raw, source=source)
    return nyfed.parse_acm_csv(raw, source=source)


# -- the update loop -----------------------------------------------------------------------------


def update(
    datasets: Sequence[str] | None = None,
    *,
    store: Store | None = None,
    fetcher: Fetcher | None = None,
    today: dt.date | None = None,
    baseline: Store | Literal["auto"] | None = "auto",
    fred_series: Sequence[str] | None = None,
    allow_revision: bool = False,
) -> list[UpdateReport]:
    """Download, parse and store a new vintage of each dataset with a live source.

    Parameters
    ----------
    datasets
        Dataset ids (see :data:`LIVE_DATASETS`); all live datasets when None.
    store
        Where to write; the user store (:func:`~treasury_leverage.data.paths.user_store_dir`)
        by default.
    fetcher
        The HTTP client; a default :class:`Fetcher` (closed afterwards) when None. Tests pass one
        with a mock transport.
    today
        The date that decides which par-curve years are due; the current UTC date by default.
    baseline
        Read-only store whose vintages seed a dataset the ``store`` does not hold yet, and whose
        last dates count when planning downloads. ``"auto"``: the bundled snapshot when ``store``
        is the user store, nothing when a ``store`` is given.
    fred_series
        Only these FRED ids (default: the keys of
        :data:`~treasury_leverage.data.sources.fred.FRED_UNITS` plus every id already stored).
    allow_revision
        Accept revisions of stored observations beyond the plausibility gate's tolerance
        (:mod:`treasury_leverage.data.checks`), e.g. after a publisher's benchmark revision.

    Returns
    -------
    list of UpdateReport
        One per dataset, in the order asked.

    Raises
    ------
    UnknownNameError
        If a name is not a dataset at all (nothing is downloaded then).
    InputError
        If a catalogued dataset has no live source, e.g. ``bj_positions`` (final release 2021).

    Notes
    -----
    Nothing but a bad dataset name raises: offline mode, network failures, HTTP errors, changed file layouts
    and store errors end up in the report of the dataset they hit, whose stored data are left
    exactly as they were.
    """
    names = _resolve(datasets)
    from treasury_leverage.data.store import Store

    seed: Store | None = None if baseline == "auto" else baseline
    if store is None:
        from treasury_leverage.data.paths import snapshot_dir, user_store_dir

        store = Store(user_store_dir())
        if baseline == "auto":
            seed = Store(snapshot_dir(), read_only=True)
    ctx = _Context(
        store=store,
        baseline=seed,
        today=today or dt.datetime.now(dt.UTC).date(),
        fred_api_key=os.environ.get(FRED_API_KEY_ENV, "").strip() or None,
        fred_series=tuple(fred_series) if fred_series is not None else None,
        allow_revision=allow_revision,
    )
    session = _Session(fetcher if fetcher is not None else Fetcher())
    try:
        return [_update_one(_CONNECTORS[name], ctx, session) for name in names]
    finally:
        if fetcher is None:
            session.fetcher.close()


def _resolve(datasets: Sequence[str] | None) -> list[str]:
    if datasets is None:
        return list(LIVE_DATASETS)
    if isinstance(datasets, str):
        datasets = [datasets]
    names: list[str] = []
    for raw in datasets:
        key = raw.strip().lower().replace("-", "_")
        if key not in _CONNECTORS:
            from treasury_leverage.data.catalog import CATALOG

            if key in CATALOG:
                raise InputError(
                    f"dataset {raw!r} has no live source (its publisher no longer updates it or "
                    f"serves no machine-readable file); datasets that update: "
                    f"{', '.join(LIVE_DATASETS)}"
                )
            raise UnknownNameError("live dataset", raw, LIVE_DATASETS)
        if key not in names:
            names.append(key)
    return names


def _describe(exc: BaseException) -> str:
    if isinstance(exc, TLError):
        return str(exc)
    return f"unexpected {type(exc).__name__}: {exc}"


def _update_one(
    connector: _Connector,
    ctx: _Context,
    session: _Session,
) -> UpdateReport:

    name = connector.dataset
    t0 = time.perf_counter()
    errors: list[str] = []
    frames: list[pd.DataFrame] = []
    results: list[FetchResult] = []

    def failed(message: str | None) -> UpdateReport:
        extra = (f"{name}: {message}",) if message else ()
        return UpdateReport(
            name,
            "failed",
            urls=tuple(r.url for r in results),
            errors=(*errors, *extra),
            seconds=time.perf_counter() - t0,
        )

    try:
        plan = connector.plan(ctx)
    except Exception as exc:  # a broken store or missing module must not stop the others
        _log.warning("planning %s failed", name, exc_info=not isinstance(exc, TLError))
        return failed(f"could not plan the downloads: {_describe(exc)}")

    for item in plan:
        try:
            result = session.fetch(item)
            frame = session.parse(item, result)
        except Exception as exc:
            if not isinstance(exc, TLError):
                _log.warning("updating %s failed unexpectedly", name, exc_info=True)
            where = f"{item.part}: " if item.part else ""
            if connector.partial:
                errors.append(f"{name}: {where}{_describe(exc)}")
                continue
            return failed(f"{where}{_describe(exc)}")
        results.append(result)
        frames.append(frame)

    if not frames:  # an empty plan, or every part of a partial connector failed
        return failed(None if errors else "nothing to download")

    try:
        merged = _merge(frames, source=name)
        written = _write(ctx, name, merged, results)
    except Exception as exc:
        if not isinstance(exc, TLError):
            _log.warning("storing %s failed unexpectedly", name, exc_info=True)
        return failed(_describe(exc))

    status: Status = "partial" if errors else ("updated" if written.wrote else "unchanged")
    return UpdateReport(
        name,
        status,
        new_rows=written.new_rows,
        changed_rows=written.changed_rows,
        vintage=written.vintage.realtime_start if written.vintage is not None else None,
        first_date=f"{merged['date'].min():%Y-%m-%d}",
        last_date=f"{merged['date'].max():%Y-%m-%d}",
        urls=tuple(r.url for r in results),
        from_cache=all(r.from_cache for r in results),
        errors=tuple(errors),
        seconds=time.perf_counter() - t0,
    )


def _merge(frames: list[pd.DataFrame], *, source: str) -> pd.DataFrame:
    """Concatenate the parts; where two hold the same observation, the later download wins."""
    import pandas as pd

    from treasury_leverage.data.sources._common import finish_tidy

    if len(frames) == 1:
        return frames[0]
    merged = pd.concat(frames, ignore_index=True).drop_duplicates(["date", "series_id"], keep="last")
    return finish_tidy(merged, source=source)


def _write(ctx: _Context, name: str, frame: pd.DataFrame, results: list[FetchResult]) -> Any:
    from treasury_leverage.data.catalog import CATALOG
    from treasury_leverage.data.checks import check

    # The plausibility gates run before anything is written (the seed included): a refresh
    # that fails one leaves the store exactly as it was.
    held = ctx._stores_with(name)
    check(name, frame, held[0].read(name) if held else None, allow_revision=ctx.allow_revision)
    if name not in ctx.store and ctx.baseline is not None and name in ctx.baseline:
        _seed(ctx.store, ctx.baseline, name)
    ds = CATALOG.get(name)
    publisher = ds.publisher if ds is not None else name
    urls = list(dict.fromkeys(r.url for r in results))
    files = ", ".join(dict.fromkeys(PurePosixPath(u.split("?", 1)[0]).name for u in urls))
    meta: dict[str, Any] = {
        "origin": "live",
        "urls": urls,
        "fetched_at": max(r.fetched_at for r in results).isoformat(),
        "etags": {r.url: r.etag for r in results if r.etag},
    }
    if ds is not None:
        meta.update(title=ds.title, publisher=ds.publisher, frequency=ds.frequency, unit=ds.unit)
    return ctx.store.write(name, frame, source=f"{publisher}: {files} (live)", meta=meta)


def _seed(store: Store, baseline: Store, name: str) -> None:
    """Copy ``baseline``'s vintages of ``name`` into ``store``, keeping their ``realtime_start``."""
    import pyarrow.parquet as pq

    vintages = baseline.vintages(name)
    for v, path in zip(vintages, baseline.files(name), strict=True):
        rows = pq.read_table(path, columns=["date", "series_id", "value", "unit"]).to_pandas()
        store.write(
            name,
            rows,
            source=v.source,
            realtime_start=dt.datetime.fromisoformat(v.realtime_start),
            meta=baseline.meta(name) if v is vintages[-1] else None,
        )
