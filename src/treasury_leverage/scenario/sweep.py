"""Sweeps: a grid of scenarios run through an executor, stored as Parquet, resumable.

A grid (YAML) crosses holders x amounts x horizons x impact models for one action::

    action: sell                 # sell | pause | runoff
    holders: [japan, china]
    amounts_usd_bn: [100, 300]   # sell: sale size; pause: baseline purchases per month; runoff: none
    horizons: [20, 60]           # sell: business days; pause/runoff: months
    models: [beltran2013, habitat]
    base: {draws: 0, seed: 0}    # fields merged into every cell's scenario spec
    options: {mix: longest-first}  # extra fields of the action
    chunk_size: 25               # cells per task and per Parquet part file (default: automatic)

Every cell is a plain scenario spec (a mapping :func:`treasury_leverage.scenario.spec.parse_spec`
accepts), keyed by the SHA-256 of its canonical JSON (:func:`cell_hash`). Cells are grouped in
chunks; each finished chunk is written as one Parquet part file, atomically, into the output
folder. A rerun reads the part files already there and computes only the cells that are missing,
so an interrupted sweep resumes where it stopped. The folder's ``sweep.json`` records the cell
function: results of another function are never mixed in.

Executors (:class:`Executor`): :class:`LocalExecutor` (a process pool, the default),
:class:`SerialExecutor` (in-process; tests and one worker) and :class:`DaskExecutor` (an existing
``dask.distributed`` scheduler, or a ``LocalCluster`` of N workers on 127.0.0.1). Dask is an
optional extra (``pip install 'treasury-leverage[dask]'``).
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import logging
import math
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, TypeVar

from treasury_leverage.errors import InputError, ScenarioError, StoreError, TLError
from treasury_leverage.scenario._warm import warm_worker

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DaskExecutor",
    "Executor",
    "LocalExecutor",
    "SerialExecutor",
    "SweepGrid",
    "cell_hash",
    "engine_cell",
    "engine_columns",
    "environment_fingerprint",
    "flatten_result",
    "load_grid",
    "make_executor",
    "parse_grid",
    "read_results",
    "run_sweep",
    "standin_cell",
    "warm_worker",
]

T = TypeVar("T")
R = TypeVar("R")
Action = Literal["sell", "pause", "runoff"]
CellFn = Callable[[dict[str, Any]], dict[str, Any]]

_MANIFEST: Final = "sweep.json"
_PART_PREFIX: Final = "part-"
#: Result keys that are long text or nested provenance, not numbers to compare across cells.
_DROP_KEYS: Final = frozenset({"notes", "spec", "provenance", "citation", "source", "parameters",
                               "presets", "daily_shift_bp", "monthly_shift_bp", "daily_shift_bands_bp",
                               "monthly_shift_bands_bp", "flows_day_usd_bn", "flows_month_usd_bn"})
_MAX_LIST: Final = 12


# -- executors -------------------------------------------------------------------------------------


class Executor(Protocol):
    """Runs ``fn`` on each item; yields the results as they finish (any order)."""

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply ``fn`` to every item; yield each result as soon as it is ready."""
        ...


class SerialExecutor:
    """In-process, one item at a time (tests; a single worker without process start-up)."""

    name = "serial"

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Apply ``fn`` in order, in this process."""
        for item in items:
            yield fn(item)

    def close(self) -> None:
        """Nothing to release."""


class LocalExecutor:
    """A pool of local worker processes (``forkserver`` start method on Linux, else ``spawn``).

    Parameters
    ----------
    workers
        Number of processes (default: the CPU count).
    """

    name = "local processes"

    def __init__(self, workers: int | None = None) -> None:
        if workers is not None and workers < 1:
            raise InputError(f"workers: expected at least 1, got {workers}")
        self.workers = workers or os.cpu_count() or 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Submit every item; yield results in completion order; cancel the rest on error."""
        from concurrent.futures import as_completed

        from treasury_leverage._workers import process_pool

        pool = process_pool(self.workers)
        try:
            futures = [pool.submit(fn, item) for item in items]
            for fut in as_completed(futures):
                yield fut.result()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        """Nothing to release (each map owns its pool)."""


class DaskExecutor:
    """A ``dask.distributed`` cluster: an existing scheduler, or a local cluster of N workers.

    The cell function travels to the workers by reference (module and name), so on a remote
    cluster every worker needs this package (and the data snapshot) installed.

    Parameters
    ----------
    scheduler
        Address of a running scheduler (``tcp://10.0.0.5:8786``); closing the executor leaves
        that cluster running.
    workers
        Start a ``LocalCluster`` with this many workers on 127.0.0.1 (one thread each).
    processes
        Local cluster only: worker processes (``True``) or threads in this process.

    Raises
    ------
    InputError
        If both or neither of ``scheduler`` and ``workers`` are given, or Dask is not installed.
    """

    name = "dask"

    def __init__(self, *, scheduler: str | None = None, workers: int | None = None,
                 processes: bool = True) -> None:
        if (scheduler is None) == (workers is None):
            raise InputError("Dask executor: expected exactly one of a scheduler address or a number of "
                             "local workers")
        if workers is not None and workers < 1:
            raise InputError(f"dask workers: expected at least 1, got {workers}")
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - depends on the environment
            raise InputError("Dask is not installed: install the extra with "
                             "pip install 'treasury-leverage[dask]'") from None
        self._cluster: Any = None
        if scheduler is not None:
            try:
                self._client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise InputError(f"dask scheduler {scheduler!r}: cannot connect ({exc})") from None
            try:
                self.check_workers()
            except BaseException:
                self._client.close()
                raise
        else:
            # TCP on loopback also for in-process workers, so tasks and results are serialised
            # exactly as on a real cluster; the dashboard on a free loopback port (never 8787,
            # which another cluster may hold).
            with _ignoring_sigint():
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                                             protocol="tcp://", host="127.0.0.1",
                                             dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            self._client = Client(self._cluster)

    def check_workers(self) -> None:
        """Refuse workers that would compute with other code or data than this process.

        Each worker reports :func:`environment_fingerprint` (package version and the vintage of
        every dataset it serves); on a real cluster a worker with an older install or another
        data refresh would silently give other numbers for the same cell hash.

        Raises
        ------
        InputError
            Naming the first worker that differs and what differs.
        """
        mine = environment_fingerprint()
        theirs: dict[str, dict[str, Any]] = self._client.run(environment_fingerprint)
        for worker, fp in sorted(theirs.items()):
            diff = sorted(k for k in set(mine) | set(fp) if mine.get(k) != fp.get(k))
            if diff:
                key = diff[0]
                raise InputError(f"dask worker {worker}: {key} is {fp.get(key)!r} there but "
                                 f"{mine.get(key)!r} here; expected the same package version and data "
                                 "vintages on every worker (install the same release and run the same "
                                 "`tlev data update`)")

    @property
    def n_workers(self) -> int:
        """Workers currently connected."""
        return len(self._client.scheduler_info().get("workers", {}))

    def warm(self) -> dict[str, dict[str, float]]:
        """Warm every worker (now, and each one that joins later): import the engine and read the
        data before the first cell, through a worker plugin running :func:`warm_worker`.

        A cold worker's first cell costs ~1 s of CPU (imports, data, fitted curves) against a
        few milliseconds for each later one; warming all workers at once, before the cells are
        handed out, keeps that cost out of the load balance. Returns each worker's report.
        """
        from treasury_leverage.scenario._dask_warm import WarmWorkers, warm_report

        self._client.register_plugin(WarmWorkers(), name=WarmWorkers.name)
        reports: dict[str, Any] = self._client.run(warm_report)
        return {str(k): v for k, v in reports.items() if isinstance(v, dict)}

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Submit every item as a task; yield results as they complete; cancel the rest on error."""
        from distributed import as_completed

        futures = self._client.map(fn, list(items), pure=False)
        try:
            for fut in as_completed(futures):
                yield fut.result()
        finally:
            self._client.cancel([f for f in futures if not f.done()])

    def close(self) -> None:
        """Close the client (and the local cluster, if this executor started one)."""
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def environment_fingerprint() -> dict[str, Any]:
    """What a cell's numbers depend on besides its spec: package version and data vintages.

    ``{"package_version": ..., "data:<dataset>": "<origin> <vintage file names>"}`` for every
    catalogued dataset this process serves (file names, not paths, so that two machines with the
    same data agree).
    """
    from importlib.metadata import PackageNotFoundError, version

    from treasury_leverage.data.api import dataset_key
    from treasury_leverage.data.catalog import CATALOG
    from treasury_leverage.errors import DataUnavailable

    try:
        pkg = version("treasury-leverage")
    except PackageNotFoundError:
        pkg = "unknown"
    out: dict[str, Any] = {"package_version": pkg}
    for name in CATALOG:
        try:
            _, origin, files = dataset_key(name)
        except DataUnavailable:
            continue
        out[f"data:{name}"] = f"{origin} {' '.join(Path(f).name for f in files)}"
    return out


@contextlib.contextmanager
def _ignoring_sigint() -> Iterator[None]:
    """Start child processes with Ctrl-C ignored: the terminal sends SIGINT to the whole process
    group, and only this process should handle it (save what is finished, stop the cluster)
    instead of every worker printing a traceback. Python leaves SIGINT ignored in a child that
    starts with it ignored."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def make_executor(
    *, dask_scheduler: str | None = None, dask_workers: int | None = None, workers: int | None = None
) -> SerialExecutor | LocalExecutor | DaskExecutor:
    """The executor the CLI flags ask for (local processes by default)."""
    if dask_scheduler is not None and dask_workers is not None:
        raise InputError("--dask-scheduler and --dask-workers: expected one of them, got both")
    if dask_scheduler is not None or dask_workers is not None:
        return DaskExecutor(scheduler=dask_scheduler, workers=dask_workers)
    if workers == 1:
        return SerialExecutor()
    return LocalExecutor(workers)


# -- grids and cells -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepGrid:
    """A grid of scenarios: holders x amounts x horizons x models, for one action.

    Attributes
    ----------
    action
        ``sell``, ``pause`` or ``runoff``.
    holders, amounts, horizons, models
        The axes (``amounts`` is ``(None,)`` for run-offs; ``models`` ``(None,)`` = all models).
    base
        Spec fields merged into every cell (``draws``, ``seed``, ``start``, ``overrides``...).
    options
        Extra fields of the action (``mix``, ``schedule``, ``convert_share``...).
    chunk_size
        Cells per task and part file (``None``: automatic).
    """

    action: Action
    holders: tuple[str, ...]
    amounts: tuple[float | None, ...]
    horizons: tuple[int, ...]
    models: tuple[str | None, ...] = (None,)
    base: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    chunk_size: int | None = None

    def cells(self) -> list[dict[str, Any]]:
        """One scenario spec (plain mapping) per grid point, in grid order."""
        out = []
        for holder, amount, horizon, model in itertools.product(self.holders, self.amounts, self.horizons,
                                                                self.models):
            body: dict[str, Any] = dict(self.options)
            if self.action == "sell":
                body.update(amount_usd_bn=amount, days=horizon)
            elif self.action == "pause":
                body["months"] = horizon
                if amount is not None:
                    body["baseline_usd_bn_per_month"] = amount
            else:
                body["months"] = horizon
            spec: dict[str, Any] = {**dict(self.base), "actors": [{"holder": holder, self.action: body}]}
            if model is not None:
                spec["models"] = [model]
            out.append(spec)
        return out

    def axes(self, spec: Mapping[str, Any]) -> dict[str, Any]:
        """The grid coordinates of a cell spec (for the result columns)."""
        actor = spec["actors"][0]
        body = actor[self.action]
        amount = body.get("amount_usd_bn", body.get("baseline_usd_bn_per_month"))
        horizon = body.get("days", body.get("months"))
        models = spec.get("models")
        return {"action": self.action, "holder": actor["holder"], "amount_usd_bn": amount,
                "horizon": horizon, "model": models[0] if models else "all"}


def _seq(
    data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], *, required: bool
) -> tuple[Any, ...]:
    if key not in data or data[key] is None:
        if required:
            raise ScenarioError(f"sweep grid: {key}: expected a list, found nothing")
        return ()
    value = data[key]
    items = value if isinstance(value, list | tuple) else [value]
    if not items:
        raise ScenarioError(f"sweep grid: {key}: expected at least one value")
    for i, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, kind):
            raise ScenarioError(f"sweep grid: {key}[{i}]: expected {getattr(kind, '__name__', 'a number')}, "
                                f"got {item!r}")
    return tuple(items)


_GRID_KEYS: Final = ("action", "holders", "amounts_usd_bn", "horizons", "models", "base", "options",
                     "chunk_size")


def parse_grid(data: Mapping[str, Any]) -> SweepGrid:
    """A :class:`SweepGrid` from a mapping (the YAML file's content).

    Raises
    ------
    ScenarioError
        Naming the key at fault (``sweep grid: horizons[1]: ...``).
    """
    from treasury_leverage.errors import closest

    if not isinstance(data, Mapping):
        raise ScenarioError(f"sweep grid: expected a mapping of keys, got {type(data).__name__}")
    for key in data:
        if key not in _GRID_KEYS:
            near = closest(str(key), _GRID_KEYS)
            hint = f"; did you mean {', '.join(near)}?" if near else f"; expected {', '.join(_GRID_KEYS)}"
            raise ScenarioError(f"sweep grid: unknown key {key!r}{hint}")
    action = data.get("action", "sell")
    if action not in ("sell", "pause", "runoff"):
        raise ScenarioError(f"sweep grid: action: expected sell, pause or runoff, got {action!r}")
    holders = _seq(data, "holders", str, required=True)
    horizons = _seq(data, "horizons", int, required=True)
    if any(h < 1 for h in horizons):
        raise ScenarioError(f"sweep grid: horizons: expected positive days/months, got {list(horizons)}")
    amounts: tuple[float | None, ...] = tuple(
        float(a) for a in _seq(data, "amounts_usd_bn", (int, float), required=action == "sell"))
    if action == "runoff" and amounts:
        raise ScenarioError("sweep grid: amounts_usd_bn: a run-off has no amount (its size is the "
                            "holder's maturing holdings); leave it out")
    if any(not math.isfinite(a) or a <= 0 for a in amounts if a is not None):
        raise ScenarioError(f"sweep grid: amounts_usd_bn: expected positive amounts, got {list(amounts)}")
    models: tuple[str | None, ...] = _seq(data, "models", str, required=False) or (None,)
    base = data.get("base") or {}
    options = data.get("options") or {}
    for key, value in (("base", base), ("options", options)):
        if not isinstance(value, Mapping):
            raise ScenarioError(f"sweep grid: {key}: expected a mapping, got {value!r}")
    if "actors" in base or "models" in base:
        raise ScenarioError("sweep grid: base: actors and models come from the grid axes; remove them "
                            "from base")
    chunk = data.get("chunk_size")
    if chunk is not None and (isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1):
        raise ScenarioError(f"sweep grid: chunk_size: expected a positive whole number, got {chunk!r}")
    return SweepGrid(action=action, holders=holders, amounts=amounts or (None,), horizons=horizons,
                     models=models, base=dict(base), options=dict(options), chunk_size=chunk)


def load_grid(path: str | Path) -> SweepGrid:
    """Read a grid from a YAML (or JSON) file.

    Raises
    ------
    ScenarioError
        Unreadable or malformed file, or an invalid grid (the key is named).
    """
    import yaml

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"sweep grid {str(p)!r}: cannot be read ({exc.strerror or exc})") from None
    try:
        data = yaml.safe_load(text)  # JSON is YAML
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ScenarioError(f"sweep grid {str(p)!r}: malformed YAML{where}") from None
    return parse_grid(data or {})


def cell_hash(spec: Mapping[str, Any]) -> str:
    """SHA-256 (hex, first 16 characters) of a cell spec's canonical JSON: the cell's key."""
    text = json.dumps(spec, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# -- cell functions --------------------------------------------------------------------------------


def flatten_result(data: Mapping[str, Any], *, prefix: str = "") -> dict[str, Any]:
    """Scalar leaves of a nested result dict as ``a.b[0].c`` columns.

    Long text and provenance (:data:`_DROP_KEYS`) and lists longer than 12 items are left out; a
    list of scalars of up to 12 items becomes indexed columns.
    """
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key in _DROP_KEYS:
            continue
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            out.update(flatten_result(value, prefix=name))
        elif isinstance(value, list | tuple):
            if len(value) > _MAX_LIST:
                continue
            for i, item in enumerate(value):
                if isinstance(item, Mapping):
                    out.update(flatten_result(item, prefix=f"{name}[{i}]"))
                elif not isinstance(item, list | tuple):
                    out[f"{name}[{i}]"] = item
        elif value is None or isinstance(value, str | int | float | bool):
            out[name] = value
        elif hasattr(value, "item"):
            out[name] = value.item()
    return out


def engine_columns(result: Mapping[str, Any]) -> dict[str, Any]:
    """The columns a sweep keeps from ``ScenarioResult.to_dict()``.

    Per model: the end-point shift at each maturity (``end_shift_bp.10y``, with ``.p5``/``.p95``
    when there are draws), the seller's bill items (``seller.total_usd_bn``...) and the United
    States' bill by horizon (``us.extra_interest_usd_bn.10y``, ``us.pct_gdp.10y``,
    ``us.mortgage_rate_shift_bp_peak``). Column names carry the model as a prefix
    (``habitat.end_shift_bp.10y``) only when the cell ran several models, so a grid with a model
    axis gives one column per quantity. Likewise the seller's columns name the holder
    (``seller.Japan.total_usd_bn``) only when the cell bills several holders (a coalition).
    """
    models = [m.get("model", "?") for m in result.get("models", [])]
    several = len(models) > 1
    out: dict[str, Any] = {"spec_hash": result.get("spec_hash"), "start": result.get("start"),
                           "end_point": result.get("end_point")}

    def col(model: str, name: str) -> str:
        return f"{model}.{name}" if several else name

    for entry in result.get("models", []):
        model = entry.get("model", "?")
        for mat, value in (entry.get("end_shift_bp") or {}).items():
            out[col(model, f"end_shift_bp.{mat}")] = value
        for mat, band in (entry.get("end_shift_bands_bp") or {}).items():
            for q in ("p5", "p95"):
                if q in band:
                    out[col(model, f"end_shift_bp.{mat}.{q}")] = band[q]
    seller_rows = result.get("seller_bill", []) or []
    # A coalition cell bills each holder: name the holder then, or their columns would collide.
    several_holders = len({row.get("holder") for row in seller_rows}) > 1
    for row in seller_rows:
        model, item = row.get("model", "?"), row.get("item", "?")
        who = f"{row.get('holder', '?')}." if several_holders else ""
        out[col(model, f"seller.{who}{item}")] = row.get("central")
        for q in ("p5", "p95"):
            if q in row:
                out[col(model, f"seller.{who}{item}.{q}")] = row[q]
    for model, bill in (result.get("us_bill") or {}).items():
        if not isinstance(bill, Mapping):
            continue
        horizons = bill.get("horizons_years", [])
        for key in ("extra_interest_usd_bn", "pct_gdp"):
            for h, value in zip(horizons, bill.get(key, []), strict=False):
                out[col(model, f"us.{key}.{h}y")] = value
        for h, band in zip(horizons, bill.get("extra_interest_bands_usd_bn", []) or [], strict=False):
            out[col(model, f"us.extra_interest_usd_bn.{h}y.p5")] = band[0]
            out[col(model, f"us.extra_interest_usd_bn.{h}y.p95")] = band[-1]
        if "mortgage_rate_shift_bp_peak" in bill:
            out[col(model, "us.mortgage_rate_shift_bp_peak")] = bill["mortgage_rate_shift_bp_peak"]
    return out


def engine_cell(spec: dict[str, Any]) -> dict[str, Any]:
    """Run one scenario with the engine; the columns of :func:`engine_columns`."""
    from treasury_leverage.scenario.engine import run

    return engine_columns(run(spec).to_dict(full_paths=False))


def standin_cell(spec: dict[str, Any]) -> dict[str, Any]:
    """A cheap, pure, deterministic stand-in for the engine (checks grids, clusters, the machinery).

    The numbers follow a toy square-root impact law seeded by the cell's hash; they are not
    estimates of anything.
    """
    import numpy as np

    actor = spec["actors"][0]
    kind = next(k for k in ("sell", "pause", "runoff") if k in actor)
    body = actor[kind]
    size = float(body.get("amount_usd_bn") or body.get("baseline_usd_bn_per_month") or 10.0)
    horizon = float(body.get("days") or body.get("months") or 1)
    rng = np.random.default_rng(int(cell_hash(spec), 16) % (2**63))
    noise = rng.normal(0.0, 1.0, 64)
    impact = 20.0 * math.sqrt(size / 100.0) / (1.0 + horizon / 250.0) * (1.0 + 0.05 * float(noise.mean()))
    return {"standin.impact_10y_bp": impact, "standin.cost_usd_bn": 0.01 * impact * size,
            "standin.noise_sd": float(noise.std())}


# -- running -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Chunk:
    cells: tuple[tuple[str, dict[str, Any], dict[str, Any]], ...]  # (hash, spec, axes)
    cell_fn: CellFn


def _run_chunk(chunk: _Chunk) -> list[dict[str, Any]]:
    """Compute a chunk's cells; a user error (TLError) is recorded, anything else propagates."""
    rows = []
    for key, spec, axes in chunk.cells:
        try:
            result = chunk.cell_fn(spec)
            error = None
        except TLError as exc:
            result, error = {}, str(exc)
        rows.append({"cell_hash": key, **axes, "error": error, **result})
    return rows


def _fn_id(fn: CellFn) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"


def _check_manifest(out_dir: Path, fn_id: str, grid: SweepGrid) -> None:
    from treasury_leverage._atomic import atomic_write_bytes

    path = out_dir / _MANIFEST
    if path.exists():
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise StoreError(f"sweep folder {str(out_dir)!r}: unreadable {_MANIFEST} ({exc})") from None
        if manifest.get("cell_fn") != fn_id:
            raise StoreError(f"sweep folder {str(out_dir)!r} holds results of {manifest.get('cell_fn')!r}, "
                             f"not {fn_id!r}; use another --out folder")
        return
    manifest = {"cell_fn": fn_id, "action": grid.action, "holders": list(grid.holders),
                "amounts_usd_bn": list(grid.amounts), "horizons": list(grid.horizons),
                "models": list(grid.models), "base": dict(grid.base), "options": dict(grid.options)}
    atomic_write_bytes(path, json.dumps(manifest, indent=2, default=str).encode())


def read_results(out_dir: str | Path) -> pd.DataFrame:
    """Every finished cell in a sweep folder (one row per cell hash)."""
    import pandas as pd

    folder = Path(out_dir)
    parts = sorted(folder.glob(f"{_PART_PREFIX}*.parquet"))
    if not parts:
        return pd.DataFrame({"cell_hash": pd.Series([], dtype="str")})
    try:
        frames = [pd.read_parquet(p) for p in parts]
    except Exception as exc:  # pyarrow raises its own error types
        raise StoreError(f"sweep folder {str(folder)!r}: unreadable part file ({exc})") from None
    frame = pd.concat(frames, ignore_index=True)
    return frame.drop_duplicates("cell_hash", keep="first").reset_index(drop=True)


def _write_part(out_dir: Path, rows: Sequence[dict[str, Any]]) -> None:
    import io

    import pandas as pd

    from treasury_leverage._atomic import atomic_write_bytes

    frame = pd.DataFrame(list(rows))
    frame["error"] = frame["error"].astype("string")
    name = hashlib.sha256("".join(sorted(r["cell_hash"] for r in rows)).encode()).hexdigest()[:16]
    buf = io.BytesIO()
    frame.to_parquet(buf, index=False)
    atomic_write_bytes(out_dir / f"{_PART_PREFIX}{name}.parquet", buf.getvalue())


def run_sweep(
    grid: SweepGrid | Mapping[str, Any] | str | Path,
    *,
    executor: Executor | None = None,
    out_dir: str | Path,
    cell_fn: CellFn | None = None,
    progress: bool = True,
    warm: bool = True,
) -> pd.DataFrame:
    """Run every cell of ``grid`` not already in ``out_dir``; return all the grid's results.

    Parameters
    ----------
    grid
        A :class:`SweepGrid`, its mapping, or a YAML file.
    executor
        Where cells run (default: :class:`LocalExecutor`).
    out_dir
        Folder of the Parquet part files (created if needed); rerunning with the same folder
        resumes.
    cell_fn
        ``spec -> flat dict`` (default :func:`engine_cell`); must be picklable for process and
        Dask executors (a module-level function).
    progress
        Show a Rich progress bar on stderr.
    warm
        Warm the executor's workers before the cells are handed out, if it can
        (:meth:`DaskExecutor.warm`); their reports go to ``attrs["workers_warm"]`` of the result.

    Returns
    -------
    pandas.DataFrame
        One row per cell in grid order: ``cell_hash``, the axes (``action, holder,
        amount_usd_bn, horizon, model``), ``error`` (a user error's message, else missing) and
        the cell function's columns.

    Raises
    ------
    StoreError
        If ``out_dir`` holds results of another cell function.
    """
    from treasury_leverage._stages import stage

    if not isinstance(grid, SweepGrid):
        grid = parse_grid(grid) if isinstance(grid, Mapping) else load_grid(grid)
    fn = cell_fn or engine_cell
    folder = Path(out_dir)
    with stage("plan: grid, cell hashes, finished parts"):
        folder.mkdir(parents=True, exist_ok=True)
        _check_manifest(folder, _fn_id(fn), grid)
        specs = grid.cells()
        keyed = [(cell_hash(s), s, grid.axes(s)) for s in specs]
        done = set(read_results(folder)["cell_hash"])
        todo = [c for c in keyed if c[0] not in done]
        todo = list({c[0]: c for c in todo}.values())  # identical cells run once
        size = grid.chunk_size or max(1, min(100, math.ceil(len(todo) / 32) if todo else 1))
        chunks = [_Chunk(tuple(todo[i:i + size]), fn) for i in range(0, len(todo), size)]
    runner = executor if executor is not None else LocalExecutor()
    warmed: dict[str, Any] = {}
    if warm and chunks and fn is engine_cell and hasattr(runner, "warm"):
        with stage("warm workers (imports, data)"):
            warmed = runner.warm()

    bar = _progress(progress, total=len(keyed), completed=len(keyed) - len(todo))
    finished = runner.map(_run_chunk, chunks) if chunks else iter(())
    try:
        while True:
            with stage("cells (waiting for the workers)"):
                rows = next(finished, None)
            if rows is None:
                break
            with stage("write part files"):
                _write_part(folder, rows)
            bar.advance(len(rows))
    finally:
        # On an interruption, stop the executor's generator now (it cancels pending work) rather
        # than whenever it is garbage-collected.
        close = getattr(finished, "close", None)
        if close is not None:
            close()
        bar.stop()
        if executor is None:
            runner_close = getattr(runner, "close", None)
            if runner_close is not None:
                runner_close()

    with stage("read results"):
        results = read_results(folder)
        order = {key: i for i, (key, _, _) in enumerate(keyed)}
        results = results[results["cell_hash"].isin(order)]
        results = results.assign(_order=results["cell_hash"].map(order)).sort_values("_order")
        results = results.drop(columns="_order").reset_index(drop=True)
    if warmed:
        results.attrs["workers_warm"] = warmed
    return results


class _Bar:
    def __init__(self, progress: Any, task: Any) -> None:
        self._progress, self._task = progress, task

    def advance(self, n: int) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, n)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def _progress(show: bool, *, total: int, completed: int) -> _Bar:
    if not show:
        return _Bar(None, None)
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    prog = Progress(TextColumn("sweep"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=False)
    task = prog.add_task("cells", total=total, completed=completed)
    prog.start()
    return _Bar(prog, task)
