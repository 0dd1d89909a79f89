"""Sweep workers: the fingerprint check of a cluster's workers, one BLAS thread per local worker."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest

import treasury_leverage.data as tld
from treasury_leverage._workers import BLAS_THREAD_VARS, one_blas_thread
from treasury_leverage.data.paths import user_store_dir
from treasury_leverage.data.store import Store
from treasury_leverage.errors import InputError
from treasury_leverage.scenario import sweep


def test_fingerprint_names_the_version_and_each_datasets_vintage() -> None:
    fp = sweep.environment_fingerprint()
    assert fp["package_version"] and fp["data:mspd"].startswith("snapshot ")
    tidy = tld.read("mspd")[["date", "series_id", "value", "unit"]]
    Store(user_store_dir()).write("mspd", tidy, source="copy", realtime_start=dt.datetime(2026, 9, 1))
    after = sweep.environment_fingerprint()
    assert after["data:mspd"].startswith("cache ") and after["data:par_curve"] == fp["data:par_curve"]


_REAL = sweep.environment_fingerprint


def _client_sees_a_newer_version() -> dict[str, Any]:
    fp = _REAL()
    if threading.current_thread() is threading.main_thread():  # this process, not the workers' threads
        fp["package_version"] = "99.0"
    return fp


def test_a_scheduler_whose_workers_differ_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp://",
                      host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster:
        with sweep.DaskExecutor(scheduler=cluster.scheduler_address) as dask:  # same code and data
            assert dask.n_workers == 1
        monkeypatch.setattr(sweep, "environment_fingerprint", _client_sees_a_newer_version)
        with pytest.raises(InputError, match=r"package_version is '.+' there but '99.0' here"):
            sweep.DaskExecutor(scheduler=cluster.scheduler_address)


def _worker_state(_: int) -> dict[str, Any]:
    import os
    import sys

    return {"blas": os.environ.get("OPENBLAS_NUM_THREADS"), "numpy": "numpy" in sys.modules}


def test_local_workers_start_with_one_blas_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in BLAS_THREAD_VARS:
        monkeypatch.delenv(var, raising=False)
    states = list(sweep.LocalExecutor(1).map(_worker_state, [0]))
    assert states[0]["blas"] == "1"
    # the initializer keeps a user's own choice, and runs before NumPy is imported there
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
    state = one_blas_thread()
    assert state["OPENBLAS_NUM_THREADS"] == "2" and state["MKL_NUM_THREADS"] == "1"
    import subprocess
    import sys

    code = ("from treasury_leverage._workers import one_blas_thread; "
            "print(one_blas_thread()['numpy_already_imported'])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "None"


def test_dask_workers_are_warmed_before_the_cells_and_when_they_join(tmp_path: Any) -> None:
    """Every worker reports its warm-up (imports, data: CPU seconds) before any cell; a worker that
    joins the cluster later is warmed too (the plugin stays registered)."""
    pytest.importorskip("distributed")
    from treasury_leverage.scenario._dask_warm import warm_report

    grid = {"holders": ["japan"], "amounts_usd_bn": [100, 200], "horizons": [20],
            "models": ["beltran2013"], "base": {"draws": 0, "seed": 0}}
    with sweep.DaskExecutor(workers=2, processes=False) as dask:
        frame = sweep.run_sweep(grid, executor=dask, out_dir=tmp_path / "out", progress=False)
        warmed = frame.attrs["workers_warm"]
        assert len(warmed) == 2
        assert all(r["warm_wall_s"] > 0 and r["warm_cpu_s"] >= 0 for r in warmed.values())
        dask._cluster.scale(3)
        dask._client.wait_for_workers(3, timeout=120)
        reports = dask._client.run(warm_report)
        assert len(reports) == 3 and all(isinstance(r, dict) and "warm_wall_s" in r for r in reports.values())
    serial = sweep.run_sweep(grid, executor=sweep.SerialExecutor(), out_dir=tmp_path / "serial",
                             progress=False)
    assert "workers_warm" not in serial.attrs  # nothing to warm in process
    assert list(serial["end_shift_bp.10y"]) == list(frame["end_shift_bp.10y"])


def test_cli_sweep_profile_names_its_stages(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from treasury_leverage.cli.main import main

    grid = tmp_path / "grid.yaml"
    grid.write_text("holders: [japan]\namounts_usd_bn: [100, 200]\nhorizons: [20]\n")
    try:
        main(["sweep", str(grid), "--stand-in", "--workers", "1", "--no-progress", "--profile", "--format",
              "json"])
    except SystemExit as exc:  # typer may or may not exit on success
        assert not exc.code
    err = capsys.readouterr().err
    for name in ("where the time went", "plan: grid, cell hashes, finished parts",
                 "cells (waiting for the workers)", "write part files", "read results", "cells/s"):
        assert name in err, err
