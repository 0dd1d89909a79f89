"""Data-layer benchmarks: snapshot build, warm loads, CLI start-up. Prints JSON.

Run from a checkout with the raw files beside it::

    python benchmarks/bench_data.py [--raw ../shared/data]

Each number is measured in this process (or a child process for start-up) side by side with a
reference: the loads against reading the raw publisher file with pandas, the CLI start-up against
a bare ``python -c pass``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def best_of(fn: Callable[[], object], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def child_seconds(code: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(code, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", default=str(ROOT.parent / "shared" / "data"))
    args = parser.parse_args()
    raw = Path(args.raw)

    import pandas as pd

    import treasury_leverage.data as tld
    from treasury_leverage.data.build import build_snapshot

    results: dict[str, object] = {"python": sys.version.split()[0],
                                  "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE")}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        reports = build_snapshot(raw, Path(tmp) / "snap")
        results["snapshot_build_s"] = round(time.perf_counter() - t0, 3)
        results["snapshot_build_by_dataset_s"] = {r.dataset: round(r.seconds, 3) for r in reports}
        size = sum(p.stat().st_size for p in (Path(tmp) / "snap").rglob("*") if p.is_file())
        results["snapshot_size_mb"] = round(size / 1e6, 2)

    tld.holdings("japan")  # warm: file handles, imports, the in-process pivot cache
    results["holdings_japan_warm_ms"] = round(1e3 * best_of(lambda: tld.holdings("japan")), 2)
    tld.par_curve()
    results["par_curve_panel_warm_ms"] = round(1e3 * best_of(lambda: tld.par_curve()), 2)
    from treasury_leverage.data.api import _wide_cached

    def cold_par() -> object:
        _wide_cached.cache_clear()
        return tld.par_curve()

    results["par_curve_panel_uncached_ms"] = round(1e3 * best_of(cold_par, 3), 2)
    files = sorted((raw / "rates").glob("treasury_par_yield_curve_*.csv"))
    ref = best_of(lambda: [pd.read_csv(f) for f in files], 3)
    results["reference_raw_par_csv_read_ms"] = round(1e3 * ref, 2)

    tlev = [sys.executable, "-m", "treasury_leverage.cli.main", "--help"]
    results["tlev_help_s"] = round(child_seconds(tlev), 3)
    results["python_bare_start_s"] = round(child_seconds([sys.executable, "-c", "pass"]), 3)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
