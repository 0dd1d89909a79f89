"""Fault injection on the store: concurrent writer processes, SIGKILL mid-write, damaged files and
manifests. Each test reproduces a failure found by the probes of issue 18 (numbers in the names)."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import time
from pathlib import Path

import pandas as pd
import pytest

from treasury_leverage.data.store import DamagedDataset, Store
from treasury_leverage.errors import StoreError

pytestmark = pytest.mark.faults

WRITERS = 3
WRITES = 25
TRIALS = 10


def _row(series: str, value: float) -> pd.DataFrame:
    return pd.DataFrame({"date": [pd.Timestamp("2025-01-31")], "series_id": [series], "value": [value],
                         "unit": ["USD bn"]})


def _writer(args: tuple[str, int, int]) -> list[tuple[str, bool, str]]:
    """One writer process: WRITES writes of a series of its own; reads in between."""
    root, who, trial = args
    store = Store(root)
    out: list[tuple[str, bool, str]] = []
    for i in range(WRITES):
        series = f"t{trial}-w{who}-{i}"
        try:
            report = store.write("ds", _row(series, float(i + 1)), source=f"writer {who}")
            out.append((series, report.wrote, ""))
        except Exception as exc:  # recorded, judged by the parent
            out.append((series, False, f"{type(exc).__name__}: {exc}"))
        if i % 5 == 0:
            try:
                store.read("ds")
            except Exception as exc:
                out.append(("<read>", False, f"{type(exc).__name__}: {exc}"))
    return out


@pytest.mark.slow
def test_issue1_concurrent_writer_processes_lose_nothing(tmp_path: Path) -> None:
    """Acceptance: 3 processes x 25 concurrent writes to one dataset, 10 trials."""
    ctx = mp.get_context("forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(WRITERS) as pool:
        for trial in range(TRIALS):
            root = tmp_path / f"trial{trial}"
            results = pool.map(_writer, [(str(root), who, trial) for who in range(WRITERS)])
            done = [r for rs in results for r in rs]
            failures = [r for r in done if r[2]]
            assert failures == [], f"trial {trial}: {failures[:3]}"
            succeeded = {s for s, wrote, _ in done if wrote}
            assert len(succeeded) == WRITERS * WRITES
            store = Store(root)
            assert store.damage("ds") == []
            stored = set(store.read("ds")["series_id"])
            assert succeeded <= stored, f"trial {trial}: lost {sorted(succeeded - stored)[:5]}"
            vintages = store.vintages("ds")
            assert len(vintages) == WRITERS * WRITES
            on_disk = {p.name for p in (root / "ds").iterdir()}
            named = {v.file for v in vintages}
            assert named <= on_disk, "a vintage's file is missing"
            assert on_disk - named <= {"manifest.json", ".write.lock"}, f"orphans: {on_disk - named}"


def _slow_writer(root: str, started: mp.synchronize.Event) -> None:  # type: ignore[name-defined]
    store = Store(root)
    started.set()
    i = 0
    while True:  # killed by the parent
        store.write("ds", _row(f"k{i}", 1.0), source="doomed")
        i += 1


def test_sigkill_mid_write_leaves_a_readable_store_and_releases_the_lock(tmp_path: Path) -> None:
    root = tmp_path / "store"
    Store(root).write("ds", _row("base", 1.0), source="first")
    ctx = mp.get_context("spawn")
    for _ in range(3):
        started = ctx.Event()
        proc = ctx.Process(target=_slow_writer, args=(str(root), started))
        proc.start()
        assert started.wait(60)
        time.sleep(0.3)
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(10)
        store = Store(root)
        assert store.damage("ds") == []
        assert "base" in set(store.read("ds")["series_id"])
        # The lock died with the process: the next write goes through at once.
        report = store.write("ds", _row(f"after{proc.pid}", 2.0), source="next")
        assert report.wrote
    leftovers = [p.name for p in (root / "ds").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.fixture
def small_store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    store.write("ds", _row("a", 1.0), source="v1")
    store.write("ds", _row("b", 2.0), source="v2")
    return store


def test_issue5_valid_parquet_with_other_values_is_detected(small_store: Store) -> None:
    # Replace the latest file with a valid Parquet file of different values (x10): the SHA-256
    # in the manifest no longer matches, so the read refuses instead of serving it.
    last = small_store.vintages("ds")[-1]
    path = small_store.root / "ds" / last.file
    frame = pd.read_parquet(path)
    frame["value"] = frame["value"] * 10
    os.unlink(path)
    frame.to_parquet(path, index=False)
    with pytest.raises(DamagedDataset, match="does not match its SHA-256") as info:
        small_store.read("ds")
    assert "tlev data repair ds" in str(info.value)
    assert small_store.damage("ds") and small_store.damaged_vintages("ds") == [2]


def test_issue5_missing_file_is_damage_not_a_traceback(small_store: Store) -> None:
    (small_store.root / "ds" / small_store.vintages("ds")[0].file).unlink()
    assert any("missing" in p for p in small_store.damage("ds"))
    with pytest.raises(DamagedDataset, match="missing"):
        small_store.read("ds")


_TRAVERSAL = {"vintages": [{"number": 1, "file": "../../etc/passwd", "realtime_start": "2025-01-01T00:00:00",
                             "rows": 1, "sha256": "0" * 64, "source": "x", "first_date": "2025-01-01",
                             "last_date": "2025-01-01"}]}


@pytest.mark.parametrize("manifest", [{}, {"vintages": []}, [], {"vintages": [{"number": 1}]}, _TRAVERSAL])
def test_issue6_wrong_manifest_is_a_clear_store_error(small_store: Store, manifest: object) -> None:
    (small_store.root / "ds" / "manifest.json").write_text(json.dumps(manifest))
    for call in (small_store.read, small_store.info, small_store.vintages, small_store.series_ids):
        with pytest.raises(StoreError, match="damaged"):
            call("ds")
    with pytest.raises(StoreError, match="damaged"):
        small_store.write("ds", _row("c", 3.0), source="v3")
    assert small_store.damage("ds")


def test_repair_drops_the_damaged_vintage_and_later_ones(small_store: Store) -> None:
    from treasury_leverage.data.health import repair

    small_store.write("ds", _row("c", 3.0), source="v3")
    middle = small_store.root / "ds" / small_store.vintages("ds")[1].file
    middle.write_bytes(middle.read_bytes()[:-7] + b"garbage")
    report = repair("ds", store=small_store, rebuild=False)
    assert report.ok and len(report.dropped_vintages) == 2
    assert small_store.damage("ds") == []
    assert set(small_store.read("ds")["series_id"]) == {"a"}
    assert (middle.parent / f"{middle.name}.damaged").exists()  # kept for inspection
    # Writing again works and numbers continue from the kept vintages.
    assert small_store.write("ds", _row("d", 4.0), source="v4").vintage.number == 2  # type: ignore[union-attr]


def test_repair_sets_an_unreadable_manifest_aside(small_store: Store) -> None:
    from treasury_leverage.data.health import repair, verify

    (small_store.root / "ds" / "manifest.json").write_text("{}")
    [health] = verify(store=small_store)
    assert not health.ok and "set the unreadable manifest aside" in health.repair
    report = repair("ds", store=small_store, rebuild=False)
    assert report.ok and report.set_aside and "ds" not in small_store


def test_sweep_leaves_foreign_files_alone(small_store: Store) -> None:
    folder = small_store.root / "ds"
    (folder / "notes.parquet").write_bytes(b"mine")  # not a name the store gives its files
    (folder / "v0099-20990101T000000.parquet").write_bytes(b"orphan of a crashed write")
    small_store.write("ds", _row("e", 5.0), source="v3")
    assert (folder / "notes.parquet").exists()
    assert not (folder / "v0099-20990101T000000.parquet").exists()
