"""A store of tidy, vintaged datasets: Parquet files as the system of record, DuckDB to query them.

Layout of a store rooted at ``root``::

    root/<dataset>/manifest.json          the vintages, in order, with row counts and checksums
    root/<dataset>/v0001-<stamp>.parquet  rows new or changed in that vintage

Every row is ``date, series_id, value, unit, source, realtime_start``. A write appends a vintage
holding only the observations that are new or whose value changed; nothing is ever overwritten, so
"as of" queries (what did we know on day X?) replay the vintages up to X and keep, for each
``(date, series_id)``, the latest value. Observations a publisher withdraws stay visible: the
store records revisions, not deletions.

Writes are atomic: the Parquet file is written to a temporary name and renamed, then the manifest
is replaced the same way. A crash at any point leaves the previous manifest, and therefore the
previous state, intact (an orphan Parquet file not named in the manifest is ignored and cleaned up
by the next write).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage._atomic import atomic_write_bytes
from treasury_leverage.errors import DataUnavailable, InputError, StoreError, UnknownNameError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["STORE_COLUMNS", "DatasetInfo", "Store", "Vintage", "WriteReport", "run_sql"]

STORE_COLUMNS: Final = ("date", "series_id", "value", "unit", "source", "realtime_start")
_MANIFEST: Final = "manifest.json"
_FORMAT_VERSION: Final = 1


@dataclass(frozen=True)
class Vintage:
    """One write to a dataset."""

    number: int
    file: str
    realtime_start: str  # ISO timestamp, UTC, second precision
    rows: int
    sha256: str
    source: str
    first_date: str
    last_date: str


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset in a store holds (for ``tlev data status``)."""

    dataset: str
    root: str
    source: str
    units: tuple[str, ...]
    first_date: str
    last_date: str
    n_series: int
    rows: int
    vintage: str
    n_vintages: int
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class WriteReport:
    """Outcome of :meth:`Store.write`."""

    dataset: str
    new_rows: int
    changed_rows: int
    unchanged_rows: int
    vintage: Vintage | None

    @property
    def wrote(self) -> bool:
        """Whether a new vintage was appended."""
        return self.vintage is not None


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _parse_as_of(as_of: str | dt.date | dt.datetime | None) -> dt.datetime | None:
    """An ``as_of`` date means the end of that day (everything known on that day)."""
    if as_of is None:
        return None
    if isinstance(as_of, dt.datetime):
        return as_of.replace(tzinfo=None)
    if isinstance(as_of, dt.date):
        return dt.datetime.combine(as_of, dt.time(23, 59, 59))
    try:
        parsed = dt.datetime.fromisoformat(str(as_of))
    except ValueError:
        raise InputError(f"as_of {as_of!r} is not a date; expected YYYY-MM-DD") from None
    if len(str(as_of)) <= 10:
        parsed = parsed.replace(hour=23, minute=59, second=59)
    return parsed


class Store:
    """A folder of vintaged datasets.

    Parameters
    ----------
    root
        The store's folder; created on first write.
    read_only
        Refuse writes (the bundled snapshot inside an installed package is opened this way).
    """

    def __init__(self, root: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.root = Path(root)
        self.read_only = read_only

    def __repr__(self) -> str:
        return f"Store({str(self.root)!r}{', read_only=True' if self.read_only else ''})"

    # -- manifests ---------------------------------------------------------------------------

    def datasets(self) -> list[str]:
        """Ids of the datasets this store holds (those with a manifest)."""
        if not self.root.is_dir():
            return []
        return sorted(p.parent.name for p in self.root.glob(f"*/{_MANIFEST}"))

    def __contains__(self, dataset: object) -> bool:
        return isinstance(dataset, str) and (self.root / dataset / _MANIFEST).is_file()

    def _manifest(self, dataset: str) -> dict[str, Any]:
        path = self.root / dataset / _MANIFEST
        try:
            manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise UnknownNameError("dataset", dataset, self.datasets()) from None
        except (OSError, ValueError) as exc:
            raise StoreError(f"manifest of dataset {dataset!r} in {self.root} is unreadable: {exc}") from exc
        return manifest

    def vintages(self, dataset: str) -> list[Vintage]:
        """The vintages of ``dataset``, oldest first."""
        return [Vintage(**v) for v in self._manifest(dataset)["vintages"]]

    def meta(self, dataset: str) -> dict[str, Any]:
        """Free-form metadata recorded with the latest write (publisher, raw files, notes)."""
        return dict(self._manifest(dataset).get("meta", {}))

    def info(self, dataset: str) -> DatasetInfo:
        """Summary of a dataset: range, units, latest vintage."""
        manifest = self._manifest(dataset)
        vintages = [Vintage(**v) for v in manifest["vintages"]]
        last = vintages[-1]
        return DatasetInfo(
            dataset=dataset,
            root=str(self.root),
            source=last.source,
            units=tuple(manifest.get("units", ())),
            first_date=min(v.first_date for v in vintages),
            last_date=max(v.last_date for v in vintages),
            n_series=int(manifest.get("n_series", 0)),
            rows=int(manifest.get("rows", sum(v.rows for v in vintages))),
            vintage=last.realtime_start,
            n_vintages=len(vintages),
            meta=dict(manifest.get("meta", {})),
        )

    def files(self, dataset: str, *, as_of: str | dt.date | dt.datetime | None = None) -> list[Path]:
        """Parquet files of the vintages known at ``as_of`` (all if None), oldest first."""
        cutoff = _parse_as_of(as_of)
        out = []
        for v in self.vintages(dataset):
            if cutoff is not None and dt.datetime.fromisoformat(v.realtime_start) > cutoff:
                continue
            out.append(self.root / dataset / v.file)
        if not out:
            first = self.vintages(dataset)[0].realtime_start
            raise DataUnavailable(
                f"dataset {dataset!r} has no vintage as of {as_of}; its first vintage is {first}"
            )
        return out

    # -- reading -----------------------------------------------------------------------------

    def read(
        self,
        dataset: str,
        *,
        series: str | Sequence[str] | None = None,
        start: str | dt.date | None = None,
        end: str | dt.date | None = None,
        as_of: str | dt.date | dt.datetime | None = None,
    ) -> pd.DataFrame:
        """Read the latest known value of every observation, optionally as of a past moment.

        Parameters
        ----------
        dataset
            Dataset id.
        series
            One series id or several; all if None.
        start, end
            Inclusive observation-date bounds.
        as_of
            Only vintages written at or before this moment (a date means the end of that day).

        Returns
        -------
        pandas.DataFrame
            Columns :data:`STORE_COLUMNS`, sorted by ``series_id, date``.
        """
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        files = self.files(dataset, as_of=as_of)
        ids = [series] if isinstance(series, str) else (list(series) if series is not None else None)
        expr = None
        if ids is not None:
            expr = pc.field("series_id").isin(ids)
        for bound, op in ((start, "ge"), (end, "le")):
            if bound is not None:
                import pandas as pd

                stamp = pa.scalar(pd.Timestamp(bound).to_pydatetime(), type=pa.timestamp("ns"))
                cond = getattr(pc, {"ge": "greater_equal", "le": "less_equal"}[op])(pc.field("date"), stamp)
                expr = cond if expr is None else expr & cond
        try:
            tables = [pq.read_table(f, filters=expr) for f in files]
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"dataset {dataset!r} in {self.root} could not be read: {exc}") from exc
        table = tables[0] if len(tables) == 1 else pa.concat_tables(tables)
        frame = table.to_pandas()
        if len(files) > 1 and not frame.empty:
            # Later vintages supersede earlier ones observation by observation.
            frame = frame.sort_values("realtime_start", kind="stable").drop_duplicates(
                ["date", "series_id"], keep="last"
            )
        return frame.sort_values(["series_id", "date"], kind="stable").reset_index(drop=True)

    def series_ids(self, dataset: str) -> list[str]:
        """All series ids of a dataset."""
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        ids: set[str] = set()
        for f in self.files(dataset):
            col = pq.read_table(f, columns=["series_id"]).column("series_id")
            ids.update(pc.unique(col).to_pylist())
        return sorted(ids)

    # -- writing -----------------------------------------------------------------------------

    def write(
        self,
        dataset: str,
        frame: pd.DataFrame,
        *,
        source: str,
        realtime_start: dt.datetime | None = None,
        meta: dict[str, Any] | None = None,
    ) -> WriteReport:
        """Append a vintage with the observations of ``frame`` that are new or changed.

        Parameters
        ----------
        dataset
            Dataset id (a folder name: letters, digits, ``_`` and ``-``).
        frame
            Tidy frame with ``date, series_id, value, unit`` (a parser's output).
        source
            Where the data came from (publisher, file or URL), stored on every row.
        realtime_start
            When these values became known; now (UTC) by default. Must not precede the latest vintage.
        meta
            Metadata kept in the manifest (raw files, checksums, notes).

        Raises
        ------
        StoreError
            If the store is read-only or the disk refuses the write; the previous state is intact.
        """
        import pandas as pd

        if self.read_only:
            raise StoreError(
                f"store {self.root} is read-only (the bundled snapshot); refresh into the user store"
            )
        if not dataset.replace("_", "").replace("-", "").isalnum():
            raise InputError(f"dataset id {dataset!r} must be letters, digits, '_' or '-'")
        from treasury_leverage.data.sources._common import TIDY_COLUMNS, finish_tidy

        new = finish_tidy(frame, source=f"dataset {dataset!r}")
        stamp = realtime_start or _utcnow()
        folder = self.root / dataset
        previous: list[Vintage] = []
        old_meta: dict[str, Any] = {}
        if dataset in self:
            manifest = self._manifest(dataset)
            previous = [Vintage(**v) for v in manifest["vintages"]]
            old_meta = manifest.get("meta", {})
            if stamp <= dt.datetime.fromisoformat(previous[-1].realtime_start):
                # Keep vintages strictly ordered so "as of" is unambiguous.
                stamp = dt.datetime.fromisoformat(previous[-1].realtime_start) + dt.timedelta(seconds=1)
        n_new = n_changed = n_same = 0
        current = self.read(dataset).loc[:, list(TIDY_COLUMNS)] if previous else new.iloc[:0]
        if previous:
            merged = new.merge(
                current, on=["date", "series_id"], how="left", suffixes=("", "_old"), indicator=True
            )
            is_new = (merged["_merge"] == "left_only").to_numpy()
            changed = ~is_new & (
                (merged["value"] != merged["value_old"]).to_numpy()
                | (merged["unit"] != merged["unit_old"]).to_numpy()
            )
            n_new, n_changed = int(is_new.sum()), int(changed.sum())
            n_same = len(new) - n_new - n_changed
            delta = new.loc[is_new | changed]
        else:
            n_new = len(new)
            delta = new
        if delta.empty:
            return WriteReport(dataset, 0, 0, n_same, None)
        delta = delta.assign(source=source, realtime_start=pd.Timestamp(stamp).as_unit("us"))
        delta = delta.loc[:, list(STORE_COLUMNS)]
        number = len(previous) + 1
        name = f"v{number:04d}-{stamp:%Y%m%dT%H%M%S}.parquet"
        payload = self._to_parquet_bytes(delta)
        vintage = Vintage(
            number=number,
            file=name,
            realtime_start=stamp.isoformat(),
            rows=len(delta),
            sha256=hashlib.sha256(payload).hexdigest(),
            source=source,
            first_date=f"{delta['date'].min():%Y-%m-%d}",
            last_date=f"{delta['date'].max():%Y-%m-%d}",
        )
        manifest = {
            "format": _FORMAT_VERSION,
            "dataset": dataset,
            "vintages": [asdict(v) for v in [*previous, vintage]],
            "units": sorted(set(current["unit"]) | set(new["unit"])),
            "n_series": len(set(current["series_id"]) | set(new["series_id"])),
            "rows": len(current) + n_new,
            "meta": {**old_meta, **(meta or {})},
        }
        try:
            folder.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(folder / name, payload)
            # The manifest is the commit point: until it is replaced, readers see the old state.
            atomic_write_bytes(folder / _MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
        except OSError as exc:
            if not previous or name not in {v.file for v in self.vintages(dataset)}:
                with contextlib.suppress(OSError):
                    (folder / name).unlink(missing_ok=True)
            raise StoreError(
                f"could not write dataset {dataset!r} to {folder}: {exc}; the previous data are intact"
            ) from exc
        self._sweep_orphans(dataset)
        return WriteReport(dataset, n_new, n_changed, n_same, vintage)

    @staticmethod
    def _to_parquet_bytes(frame: pd.DataFrame) -> bytes:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
        sink = pa.BufferOutputStream()
        pq.write_table(
            table, sink, compression="zstd", compression_level=9,
            use_dictionary=["series_id", "unit", "source"], write_statistics=True, row_group_size=1 << 20,
        )
        return bytes(sink.getvalue().to_pybytes())

    def _sweep_orphans(self, dataset: str) -> None:
        folder = self.root / dataset
        known = {v.file for v in self.vintages(dataset)} | {_MANIFEST}
        for path in folder.iterdir():
            if path.name not in known and (path.suffix in {".parquet", ".tmp"}):
                with contextlib.suppress(OSError):
                    path.unlink()

    # -- SQL ---------------------------------------------------------------------------------

    def sql(self, query: str, *, datasets: Iterable[str] | None = None) -> pd.DataFrame:
        """Run a read-only SQL query over this store's datasets (see :func:`run_sql`)."""
        return run_sql(query, {name: self.read(name) for name in (datasets or self.datasets())})


def run_sql(query: str, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Run a read-only SQL query (DuckDB) with each frame exposed as a table.

    The connection is in-memory with external access disabled (and configuration locked) once
    the tables are loaded, so a query can neither read nor write files.

    Raises
    ------
    InputError
        If the query fails, with DuckDB's one-line reason.
    """
    import duckdb

    con = duckdb.connect(":memory:")
    try:
        for name, frame in tables.items():
            con.register("_incoming", frame)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _incoming')
            con.unregister("_incoming")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            return con.execute(query).df()
        except duckdb.Error as exc:
            raise InputError(f"SQL query failed: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()
