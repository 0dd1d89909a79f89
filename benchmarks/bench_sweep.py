"""Sweep of 2,000 scenario cells on a local Dask cluster with 1 vs 2 workers.

The grid crosses 5 holders x N amounts x 4 horizons x 2 impact models (sales, point estimates),
so that it has ``--cells`` cells (2,000 by default). Each run starts a fresh ``LocalCluster``
(worker processes, one thread each, on 127.0.0.1) and writes into a fresh folder, so nothing is
resumed; the cluster start-up is timed separately from the sweep. The cell function is the
scenario engine (``--stand-in`` for the cheap stand-in, which measures the machinery alone). Both
runs must give identical results (checked). Prints JSON with both times and their ratio.

Each run also reports the workers' CPU seconds (Dask's ``client.run(time.process_time)`` before
and after) and the machine's load: on a loaded machine the wall-clock ratio understates the
scaling, and the CPU figures say what a quiet machine would give (a worker's wall time there is
its CPU time). ``per_cell_in_process`` is the warm CPU cost of one engine cell in this process,
and of the engine's ``run`` alone (the rest is the sweep's own per-cell work: ``to_dict`` and the
column flattening).

Run: ``python benchmarks/bench_sweep.py [--cells 2000] [--stand-in]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from typing import Any

HOLDERS = ["japan", "china", "united kingdom", "canada", "switzerland"]
HORIZONS = [5, 20, 60, 120]
MODELS = ["beltran2013", "kcfed2025"]


def grid_for(cells: int) -> dict[str, Any]:
    per = len(HOLDERS) * len(HORIZONS) * len(MODELS)
    n_amounts = max(1, round(cells / per))
    # up to USD 250bn: below every listed holder's holdings, so no cell is a user error
    amounts = [round(10.0 + i * 240.0 / max(1, n_amounts - 1), 3) for i in range(n_amounts)]
    return {"action": "sell", "holders": HOLDERS, "amounts_usd_bn": amounts, "horizons": HORIZONS,
            "models": MODELS, "base": {"draws": 0, "seed": 0}}


def timed_run(grid: dict[str, Any], workers: int, stand_in: bool) -> dict[str, Any]:
    from treasury_leverage.scenario.sweep import DaskExecutor, run_sweep, standin_cell

    t0 = time.perf_counter()
    executor = DaskExecutor(workers=workers)
    started = time.perf_counter() - t0
    load = os.getloadavg()[0]
    try:
        cpu0 = executor._client.run(time.process_time)
        with tempfile.TemporaryDirectory() as out:
            t1 = time.perf_counter()
            frame = run_sweep(grid, executor=executor, out_dir=out,
                              cell_fn=standin_cell if stand_in else None, progress=False)
            elapsed = time.perf_counter() - t1
        cpu1 = executor._client.run(time.process_time)
    finally:
        executor.close()
    # CPU seconds the workers spent (their first cell includes importing and loading the data):
    # on a quiet machine a worker's wall time is its CPU time, so max(cpu) bounds the sweep.
    cpu = [cpu1[w] - cpu0[w] for w in cpu0 if w in cpu1]
    return {"workers": workers, "cluster_start_s": started, "sweep_s": elapsed, "cells": len(frame),
            "errors": int(frame["error"].notna().sum()), "worker_cpu_s": cpu,
            "cpu_ms_per_cell": 1000.0 * sum(cpu) / max(len(frame), 1),
            "load_avg_1min_at_start": load, "frame": frame}


def per_cell_overhead(grid: dict[str, Any], n: int = 200) -> dict[str, Any]:
    """In-process, warm: CPU per engine cell, and the part of it outside the engine's run()."""
    from treasury_leverage.scenario.engine import run
    from treasury_leverage.scenario.sweep import engine_cell, parse_grid

    cells = parse_grid(grid).cells()[:n]
    for spec in cells[:5]:
        engine_cell(spec)
    c0 = time.process_time()
    for spec in cells:
        engine_cell(spec)
    c1 = time.process_time()
    for spec in cells:
        run(spec)
    c2 = time.process_time()
    return {"cells": len(cells), "engine_cell_cpu_ms": 1000.0 * (c1 - c0) / len(cells),
            "engine_run_only_cpu_ms": 1000.0 * (c2 - c1) / len(cells)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", type=int, default=2000)
    ap.add_argument("--stand-in", action="store_true", help="time the machinery with the stand-in cell")
    args = ap.parse_args()
    grid = grid_for(args.cells)
    overhead = None if args.stand_in else per_cell_overhead(grid)
    one = timed_run(grid, 1, args.stand_in)
    two = timed_run(grid, 2, args.stand_in)
    import pandas as pd

    pd.testing.assert_frame_equal(one.pop("frame"), two.pop("frame"), check_exact=True)
    print(json.dumps({
        "benchmark": "sweep on a local Dask cluster, 1 vs 2 workers",
        "cell_fn": "stand-in" if args.stand_in else "scenario engine (point estimates)",
        "grid": {k: (len(v) if isinstance(v, list) else v) for k, v in grid.items() if k != "base"},
        "one_worker": one,
        "two_workers": two,
        "speedup_2_vs_1": one["sweep_s"] / two["sweep_s"],
        # a quiet machine: each worker's wall time is its CPU time
        "speedup_2_vs_1_from_worker_cpu": sum(one["worker_cpu_s"]) / max(two["worker_cpu_s"]),
        "per_cell_in_process": overhead,
        "cells_per_s_two_workers": two["cells"] / two["sweep_s"],
        "identical_results": True,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
    }, indent=2))


if __name__ == "__main__":
    main()
