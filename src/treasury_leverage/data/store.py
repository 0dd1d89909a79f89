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

Writers are serialised per dataset by a file lock (``root/<dataset>/.write.lock``, an OS lock that
a killed process releases) held from reading the manifest to the clean-up: two processes writing
one dataset each see the other's vintage, and the clean-up, which runs under the lock, can only
meet files of crashed writers, never those of a live one.

Reads are verified: the manifest must have the documented schema (a valid JSON that is not a
manifest is a :class:`DamagedDataset`, not a ``KeyError``), and each Parquet file's SHA-256 is
checked against the manifest the first time a process reads it (cached by path, size and
modification time). :func:`treasury_leverage.data.health.verify` reports damage per dataset;
the public accessors then serve the bundled snapshot instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage._atomic import atomic_write_bytes
from treasury_leverage.errors import DataUnavailable, InputError, StoreError, UnknownNameError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "LOCK_TIMEOUT_S",
    "STORE_COLUMNS",
    "DamagedDataset",
    "DatasetInfo",
    "Store",
    "Vintage",
    "WriteReport",
    "run_sql",
]

STORE_COLUMNS: Final = ("date", "series_id", "value", "unit", "source", "realtime_start")
_MANIFEST: Final = "manifest.json"
_LOCK: Final = ".write.lock"
_FORMAT_VERSION: Final = 1
#: Seconds a writer waits for another process's write to the same dataset before giving up.
LOCK_TIMEOUT_S: Final = 120.0
# A vintage file is a plain name in the dataset's folder: never a path (a manifest naming
# "../x" must not make the store read or delete outside its folder).
_FILE_NAME: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*\.parquet$")
_SHA256: Final = re.compile(r"^[0-9a-f]{64}$")
_VINTAGE_FIELDS: Final = {
    "number": int, "file": str, "realtime_start": str, "rows": int,
    "sha256": str, "source": str, "first_date": str, "last_date": str,
}

# Files whose SHA-256 matched their manifest in this process: (path, size, mtime_ns) -> sha256.
_VERIFIED: dict[tuple[str, int, int], str] = {}
_VERIFIED_LOCK = threading.Lock()


class DamagedDataset(StoreError):
    """A dataset's manifest or one of its files is not what the store wrote.

    Parameters
    ----------
    dataset
        The dataset id.
    problems
        One line per problem found (a missing file, a checksum mismatch, a bad manifest field).
    """

    def __init__(self, dataset: str, problems: Sequence[str]) -> None:
        self.dataset = dataset
        self.problems = tuple(problems)
        super().__init__(
            f"dataset {dataset!r} in the store is damaged: {'; '.join(self.problems)}; "
            f"run `tlev data verify` for details and `tlev data repair {dataset}` to repair it"
        )


def manifest_problems(manifest: object) -> list[str]:
    """What is wrong with a parsed ``manifest.json`` (empty if it has the documented schema).

    Parameters
    ----------
    manifest
        The parsed JSON.

    Returns
    -------
    list of str
        One line per problem.
    """
    if not isinstance(manifest, dict):
        return [f"the manifest is a JSON {type(manifest).__name__}, expected an object"]
    vintages = manifest.get("vintages")
    if not isinstance(vintages, list) or not vintages:
        return ["the manifest lists no vintages (expected a non-empty list 'vintages')"]
    problems: list[str] = []
    last: dt.datetime | None = None
    for i, v in enumerate(vintages, start=1):
        if not isinstance(v, dict):
            problems.append(f"vintage {i} is not an object")
            continue
        missing = sorted(set(_VINTAGE_FIELDS) - set(v))
        if missing:
            problems.append(f"vintage {i} lacks {', '.join(missing)}")
            continue
        bad = [k for k, t in _VINTAGE_FIELDS.items() if not isinstance(v[k], t) or isinstance(v[k], bool)]
        if bad:
            problems.append(f"vintage {i} has fields of the wrong type: {', '.join(bad)}")
            continue
        if v["number"] != i:
            problems.append(f"vintage {i} is numbered {v['number']}")
        if not _FILE_NAME.match(v["file"]):
            problems.append(f"vintage {i} names the file {v['file']!r}, expected a plain *.parquet name")
        if not _SHA256.match(v["sha256"]):
            problems.append(f"vintage {i} has no valid SHA-256")
        if v["rows"] < 0:
            problems.append(f"vintage {i} has a negative row count")
        try:
            stamp = dt.datetime.fromisoformat(v["realtime_start"])
            for key in ("first_date", "last_date"):
                dt.date.fromisoformat(v[key])
        except ValueError:
            problems.append(f"vintage {i} has a date that is not ISO 8601")
            continue
        if last is not None and stamp <= last:
            problems.append(f"vintage {i} is not later than vintage {i - 1}")
        last = stamp
    if not isinstance(manifest.get("meta", {}), dict):
        problems.append("'meta' is not an object")
    units = manifest.get("units", [])
    if not isinstance(units, list) or not all(isinstance(u, str) for u in units):
        problems.append("'units' is not a list of strings")
    return problems


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _file_problem(path: Path, vintage: Vintage) -> str | None:
    """Why ``path`` is not the file ``vintage`` names (None if it is); hashes once per process."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return f"the file of vintage {vintage.number} ({vintage.file}) is missing"
    except OSError as exc:
        return f"the file of vintage {vintage.number} ({vintage.file}) cannot be read ({exc.strerror})"
    key = (str(path), st.st_size, st.st_mtime_ns)
    with _VERIFIED_LOCK:
        if _VERIFIED.get(key) == vintage.sha256:
            return None
    try:
        actual = _sha256_file(path)
    except OSError as exc:
        return f"the file of vintage {vintage.number} ({vintage.file}) cannot be read ({exc.strerror})"
    if actual != vintage.sha256:
        return (f"the file of vintage {vintage.number} ({vintage.file}) does not match its SHA-256 "
                "in the manifest (changed after it was written)")
    with _VERIFIED_LOCK:
        _VERIFIED[key] = actual
    return None


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
            raise DamagedDataset(dataset, [f"the manifest is unreadable ({type(exc).__name__})"]) from None
        problems = manifest_problems(manifest)
        if problems:
            raise DamagedDataset(dataset, problems)
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

    def damage(self, dataset: str) -> list[str]:
        """What is wrong with ``dataset`` in this store: manifest schema, missing or changed files.

        Each file's SHA-256 is computed once per process (then cached by path, size and
        modification time), so calling this before every read costs a few ``stat`` calls.

        Returns
        -------
        list of str
            One line per problem; empty when the dataset is intact.

        Raises
        ------
        UnknownNameError
            If the store does not hold ``dataset``.
        """
        try:
            vintages = self.vintages(dataset)
        except DamagedDataset as exc:
            return list(exc.problems)
        folder = self.root / dataset
        return [p for v in vintages if (p := _file_problem(folder / v.file, v)) is not None]

    def damaged_vintages(self, dataset: str) -> list[int]:
        """Numbers of the vintages whose file is missing or changed (the manifest must be valid)."""
        folder = self.root / dataset
        return [v.number for v in self.vintages(dataset) if _file_problem(folder / v.file, v) is not None]

    def check(self, dataset: str) -> None:
        """Raise :class:`DamagedDataset` if :meth:`damage` finds anything."""
        problems = self.damage(dataset)
        if problems:
            raise DamagedDataset(dataset, problems)

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
        vintages = {v.file: v for v in self.vintages(dataset)}
        problems = [p for f in files if (p := _file_problem(f, vintages[f.name])) is not None]
        if problems:
            raise DamagedDataset(dataset, problems)
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
            raise DamagedDataset(dataset, [f"a file could not be read ({type(exc).__name__})"]) from exc
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

        if self.read_only:
            raise StoreError(
                f"store {self.root} is read-only (the bundled snapshot); refresh into the user store"
            )
        if not dataset.replace("_", "").replace("-", "").isalnum():
            raise InputError(f"dataset id {dataset!r} must be letters, digits, '_' or '-'")
        from treasury_leverage.data.sources._common import finish_tidy

        new = finish_tidy(frame, source=f"dataset {dataset!r}")
        with self.lock(dataset):
            return self._write_locked(dataset, new, source=source, realtime_start=realtime_start, meta=meta)

    @contextlib.contextmanager
    def lock(self, dataset: str, *, timeout_s: float = LOCK_TIMEOUT_S) -> Iterator[None]:
        """Hold the dataset's write lock (an OS file lock, released if the process dies).

        Raises
        ------
        StoreError
            If another process holds it for longer than ``timeout_s``.
        """
        import filelock

        if self.read_only:
            raise StoreError("the store is read-only (the bundled snapshot); refresh into the user store")
        folder = self.root / dataset
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"could not create the folder of dataset {dataset!r}: {exc.strerror}") from None
        try:
            with filelock.FileLock(folder / _LOCK, timeout=timeout_s):
                yield
        except filelock.Timeout:
            raise StoreError(
                f"another process has been writing dataset {dataset!r} for over {timeout_s:g} s; "
                "try again when it has finished"
            ) from None

    def _write_locked(
        self,
        dataset: str,
        new: pd.DataFrame,
        *,
        source: str,
        realtime_start: dt.datetime | None,
        meta: dict[str, Any] | None,
    ) -> WriteReport:
        """:meth:`write` with the dataset's lock held (manifest read, file, manifest, clean-up)."""
        import pandas as pd

        from treasury_leverage.data.sources._common import TIDY_COLUMNS

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
        """Remove files of crashed writes (called with the dataset's lock held, so no live
        writer has a file in flight): Parquet files the manifest does not name, and the
        store's own temporary files; nothing else in the folder is touched."""
        folder = self.root / dataset
        known = {v.file for v in self.vintages(dataset)}
        for path in folder.iterdir():
            name = path.name
            ours = (_FILE_NAME.match(name) and name.startswith("v")) or (
                name.startswith((f".{_MANIFEST}.", ".v")) and name.endswith(".tmp"))
            if ours and name not in known:
                with contextlib.suppress(OSError):
                    path.unlink()

    def drop_vintages(self, dataset: str, first: int) -> list[str]:
        """Forget vintage ``first`` and every later one (repairing a damaged dataset).

        Later vintages hold only the changes relative to the earlier ones, so a damaged vintage
        is dropped with its successors; "as of" queries before it are unaffected. The dropped
        files are renamed ``*.damaged`` (kept for inspection, never read). When no vintage
        remains the manifest itself is set aside and the dataset leaves the store.

        Returns
        -------
        list of str
            The files set aside.
        """
        with self.lock(dataset):
            folder = self.root / dataset
            manifest = self._manifest(dataset)
            keep = [v for v in manifest["vintages"] if v["number"] < first]
            gone = [v["file"] for v in manifest["vintages"] if v["number"] >= first]
            for name in gone:
                with contextlib.suppress(OSError):
                    os.replace(folder / name, folder / f"{name}.damaged")
            if keep:
                manifest["vintages"] = keep
                manifest["rows"] = sum(v["rows"] for v in keep)
                atomic_write_bytes(folder / _MANIFEST, json.dumps(manifest, indent=1).encode("utf-8"))
            else:
                os.replace(folder / _MANIFEST, folder / f"{_MANIFEST}.damaged-{_utcnow():%Y%m%dT%H%M%S}")
            return gone

    def set_aside(self, dataset: str) -> str:
        """Rename a dataset's unreadable manifest so the dataset leaves the store; returns the new name."""
        with self.lock(dataset):
            folder = self.root / dataset
            name = f"{_MANIFEST}.damaged-{_utcnow():%Y%m%dT%H%M%S}"
            os.replace(folder / _MANIFEST, folder / name)
            return name

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
    import shutil
    import tempfile

    import duckdb

    if not query.strip():
        raise InputError("the SQL query is empty; expected e.g. SELECT * FROM holdings LIMIT 5")
    # DuckDB allows writes to its temp_directory even with external access off; by default that
    # is <cwd>/.tmp, so a query could COPY into the user's folder. A private, empty folder
    # removed afterwards leaves nothing to overwrite.
    private = tempfile.mkdtemp(prefix="tlev-sql-")
    con = duckdb.connect(":memory:", config={"temp_directory": private})
    try:
        for name, frame in tables.items():
            con.register("_incoming", frame)
            con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _incoming')
            con.unregister("_incoming")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            result = con.execute(query)
            if result.description is None:
                raise InputError("the SQL statement returns no rows; expected a SELECT query")
            return result.df()
        except duckdb.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise InputError(f"SQL query failed: {first}") from None
    finally:
        con.close()
        shutil.rmtree(private, ignore_errors=True)
