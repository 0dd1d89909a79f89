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
