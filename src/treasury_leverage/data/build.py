"""Building the bundled snapshot from the publishers' raw files with our own parsers.

``tlev data build-snapshot --from ../shared/data`` runs every parser of the catalog over the raw
files and writes a compact store (one Parquet vintage per dataset, zstd) plus ``MANIFEST.json``
(source, range, vintage and checksums for each dataset) into the package. The result is
deterministic: the vintage stamp is :data:`SNAPSHOT_VINTAGE`, not the build time, so rebuilding from
the same raw files with the same parsers gives the same data (a test checks this).

The new snapshot is assembled in a temporary folder next to the target and swapped in by renames,
so a failed build leaves the previous snapshot untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.data.catalog import CATALOG, Dataset, dataset
from treasury_leverage.data.checks import check
from treasury_leverage.data.store import Store
from treasury_leverage.errors import DataFormatError, InputError, StoreError, TLError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SNAPSHOT_VINTAGE", "BuildReport", "build_snapshot", "parse_dataset"]

#: When the bundled raw files were collected (the newest source commit among them, SLT Table 1,
#: 2026-08-17). Used as the snapshot's ``realtime_start`` so that rebuilds are reproducible.
SNAPSHOT_VINTAGE: Final = dt.datetime(2026, 8, 17)


@dataclass(frozen=True)
class BuildReport:
    """What one dataset's build produced."""

    dataset: str
    rows: int
    n_series: int
    first_date: str
    last_date: str
    seconds: float
    raw_files: tuple[str, ...]


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_dataset(ds: Dataset, raw_dir: Path) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """Parse every raw file of a dataset and merge them (later files win where dates overlap).

    Returns
    -------
    frame, provenance
        The tidy frame and, per raw file, its path, size and SHA-256.
    """
    import pandas as pd

    from treasury_leverage.data.sources._common import finish_tidy

    frames = []
    provenance = []
    files = ds.raw_files(raw_dir)
    if not files:
        raise InputError(f"no raw files for dataset {ds.id!r} under {raw_dir}")
    for priority, raw in enumerate(files):
        path = raw_dir / raw.path
        try:
            payload = path.read_bytes()
        except FileNotFoundError:
            raise InputError(
                f"raw file {path} for dataset {ds.id!r} is missing; expected the publisher's file there"
            ) from None
        frame = raw.parse(payload)
        frames.append(frame.assign(_priority=priority))
        provenance.append({"file": raw.path, "bytes": len(payload), "sha256": _sha256(payload)})
    merged = pd.concat(frames, ignore_index=True)
    merged = merged.sort_values("_priority", kind="stable")
    merged = merged.drop_duplicates(["date", "series_id"], keep="last")
    return finish_tidy(merged.drop(columns="_priority"), source=ds.id), provenance


def build_snapshot(
    raw_dir: str | os.PathLike[str],
    out_dir: str | os.PathLike[str] | None = None,
    *,
    datasets: Sequence[str] | None = None,
) -> list[BuildReport]:
    """Parse the raw files and write the bundled snapshot.

    Parameters
    ----------
    raw_dir
        The folder of raw official files (``../shared/data`` in a checkout).
    out_dir
        Where to write the snapshot; the package's ``data/snapshot`` folder by default.
    datasets
        Only these datasets (the others are carried over from the existing snapshot).

    Raises
    ------
    InputError
        If ``raw_dir`` does not exist or a raw file is missing.
    DataFormatError
        If a raw file does not parse; nothing is written.
    """
    from treasury_leverage.data.paths import snapshot_dir

    raw = Path(raw_dir).expanduser().resolve()
    if not raw.is_dir():
        raise InputError(
            f"raw data folder {raw} does not exist; pass --from pointing at the publishers' files"
        )
    target = Path(out_dir) if out_dir is not None else snapshot_dir()
    wanted = [dataset(d).id for d in datasets] if datasets else list(CATALOG)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".snapshot-build-", dir=target.parent))
    reports: list[BuildReport] = []
    try:
        store = Store(staging)
        if target.is_dir():  # carry over datasets not being rebuilt
            for child in target.iterdir():
                if child.is_dir() and child.name not in wanted and child.name in CATALOG:
                    shutil.copytree(child, staging / child.name)
        for name in wanted:
            ds = CATALOG[name]
            t0 = time.perf_counter()
            frame, provenance = parse_dataset(ds, raw)
            check(name, frame)  # the plausibility gates of a live refresh (data.checks)
            store.write(
                name,
                frame,
                source=f"{ds.publisher}: {', '.join(Path(p['file']).name for p in provenance)}",
                realtime_start=SNAPSHOT_VINTAGE,
                meta={
                    "title": ds.title,
                    "publisher": ds.publisher,
                    "frequency": ds.frequency,
                    "unit": ds.unit,
                    "notes": ds.notes,
                    "url": ds.url,
                    "raw_files": provenance,
                    "origin": "snapshot",
                },
            )
            reports.append(
                BuildReport(
                    dataset=name,
                    rows=len(frame),
                    n_series=int(frame["series_id"].nunique()),
                    first_date=f"{frame['date'].min():%Y-%m-%d}",
                    last_date=f"{frame['date'].max():%Y-%m-%d}",
                    seconds=time.perf_counter() - t0,
                    raw_files=tuple(p["file"] for p in provenance),
                )
            )
        _write_summary(store)
        _swap_in(staging, target)
    except (TLError, DataFormatError):
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(
            f"could not write the snapshot to {target}: {exc}; the previous one is intact"
        ) from exc
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return reports


def _write_summary(store: Store) -> None:
    summary = {}
    for name in store.datasets():
        info = store.info(name)
        vintage = store.vintages(name)[-1]
        summary[name] = {
            "title": info.meta.get("title", ""),
            "source": info.source,
            "units": list(info.units),
            "first_date": info.first_date,
            "last_date": info.last_date,
            "rows": info.rows,
            "n_series": info.n_series,
            "vintage": info.vintage,
            "file": f"{name}/{vintage.file}",
            "sha256": vintage.sha256,
            "raw_files": info.meta.get("raw_files", []),
        }
    payload = {"format": 1, "vintage": SNAPSHOT_VINTAGE.isoformat(), "datasets": summary}
    (store.root / "MANIFEST.json").write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


def _swap_in(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with renames (the old copy is removed only afterwards)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    try:
        os.replace(staging, target)
    except OSError:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)
