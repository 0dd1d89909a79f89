"""Sweep of 2,000 scenario cells on a local Dask cluster with 1 vs 2 workers.

The grid crosses 5 holders x N amounts x 4 horizons x 2 impact models (sales, point estimates),
so that it has ``--cells`` cells (2,000 by default). Each run starts a fresh ``LocalCluster``
(worker processes, one thread each, on 127.0.0.1) and writes into a fresh folder, so nothing is
resumed; the cluster start-up is timed separately from the sweep. The cell function is the
scenario engine (``--stand-in`` for the cheap stand-in, which measures the machinery alone). Both
runs must give identical results (checked). Prints JSON with both times and their ratio.

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
    try:
        with tempfile.TemporaryDirectory() as out:
            t1 = time.perf_counter()
            frame = run_sweep(grid, executor=executor, out_dir=out,
                              cell_fn=standin_cell if stand_in else None, progress=False)
            elapsed = time.perf_counter() - t1
    finally:
        executor.close()
    return {"workers": workers, "cluster_start_s": started, "sweep_s": elapsed, "cells": len(frame),
            "errors": int(frame["error"].notna().sum()), "frame": frame}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", type=int, default=2000)
    ap.add_argument("--stand-in", action="store_true", help="time the machinery with the stand-in cell")
    args = ap.parse_args()
    grid = grid_for(args.cells)
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
        "cells_per_s_two_workers": two["cells"] / two["sweep_s"],
        "identical_results": True,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
    }, indent=2))


if __name__ == "__main__":
    main()
