"""Sweep of 2,000 scenario cells on a local Dask cluster with 1 vs 2 workers (ours vs a git ref).

The grid crosses 5 holders x N amounts x 4 horizons x 2 impact models (sales, point estimates),
so that it has ``--cells`` cells (2,000 by default). Each run is a fresh child process starting a
fresh ``LocalCluster`` (worker processes, one thread each, on 127.0.0.1) and writing into a fresh
folder, so nothing is resumed. Three times are taken apart: the cluster's start-up, the workers'
warm-up (ours: :meth:`DaskExecutor.warm`, a worker plugin importing the engine and reading the
data on every worker at once before any cell is handed out; the previous version has none, its
workers pay it in their first cell) and the sweep itself. The cell function is the scenario
engine (``--stand-in`` for the cheap stand-in, which measures the machinery alone). All runs
must give identical results (checked).

With ``--baseline-ref REF`` (e.g. ``848b739``) the previous version runs too (a temporary git
worktree imported through ``PYTHONPATH``, workers included), interleaved with ours: for each
round, 1 worker (baseline, ours) then 2 workers (baseline, ours), so the machine's load drifts
hit both alike. Each run reports the 1-minute load average at its start, the workers' CPU
seconds in the sweep (``client.run(time.process_time)``; on a quiet machine a worker's wall time
is its CPU time, so ``sum(cpu, 1 worker) / max(cpu, 2 workers)`` is the scaling a quiet machine
would show) and the client process's own CPU seconds (scheduler, Parquet parts), which compete
with the workers for the same cores. ``per_cell_in_process`` splits one warm cell's CPU into the
engine's ``run`` (of which ``check_spec``: resolving the spec against the data) and the rest.

Run: ``python benchmarks/bench_sweep.py [--baseline-ref 848b739] [--cells 2000] [--rounds 1]
[--stand-in]``.
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
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _baseline import baseline_checkout, env_for, machine

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


def timed_run(grid: dict[str, Any], workers: int, stand_in: bool, frame_out: Path) -> dict[str, Any]:
    """One run in this process (the child): cluster start, warm-up (if this version has it), sweep."""
    import inspect

    from treasury_leverage.scenario.sweep import DaskExecutor, run_sweep, standin_cell

    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    executor = DaskExecutor(workers=workers)
    started = time.perf_counter() - t0
    try:
        warm_s = 0.0
        warm_reports: dict[str, Any] = {}
        can_warm = hasattr(executor, "warm")
        if can_warm and not stand_in:
            t1 = time.perf_counter()
            warm_reports = executor.warm()
            warm_s = time.perf_counter() - t1
        kwargs: dict[str, Any] = {}
        if "warm" in inspect.signature(run_sweep).parameters:
            kwargs["warm"] = False  # done above, timed apart
        cpu0 = executor._client.run(time.process_time)
        me0 = time.process_time()
        with tempfile.TemporaryDirectory() as out:
            t2 = time.perf_counter()
            frame = run_sweep(grid, executor=executor, out_dir=out,
                              cell_fn=standin_cell if stand_in else None, progress=False, **kwargs)
            elapsed = time.perf_counter() - t2
        client_cpu = time.process_time() - me0
        cpu1 = executor._client.run(time.process_time)
    finally:
        executor.close()
    frame.attrs.clear()
    frame.to_parquet(frame_out)
    cpu = [cpu1[w] - cpu0[w] for w in cpu0 if w in cpu1]
    return {"workers": workers, "load_avg_1min_at_start": round(load, 2),
            "cluster_start_s": round(started, 3), "warm_s": round(warm_s, 3), "sweep_s": round(elapsed, 3),
            "sweep_incl_warm_s": round(elapsed + warm_s, 3),
            "cells": len(frame), "errors": int(frame["error"].notna().sum()),
            "worker_cpu_s": [round(c, 3) for c in cpu], "client_cpu_s": round(client_cpu, 3),
            "cpu_ms_per_cell": round(1000.0 * sum(cpu) / max(len(frame), 1), 3),
            "warm_reports": warm_reports}


def per_cell_overhead(grid: dict[str, Any], n: int = 200) -> dict[str, Any]:
    """In-process, warm: CPU per engine cell; of it the engine's run(), and of that check_spec."""
    from treasury_leverage.scenario.engine import run
    from treasury_leverage.scenario.spec import check_spec, parse_spec
    from treasury_leverage.scenario.sweep import engine_cell, parse_grid

    cells = parse_grid(grid).cells()[:n]
    for spec in cells[:5]:
        engine_cell(spec)
    specs = [parse_spec(s) for s in cells]
    c0 = time.process_time()
    for spec in cells:
        engine_cell(spec)
    c1 = time.process_time()
    for spec in cells:
        run(spec)
    c2 = time.process_time()
    for parsed in specs:
        check_spec(parsed)
    c3 = time.process_time()
    return {"cells": len(cells), "engine_cell_cpu_ms": round(1000.0 * (c1 - c0) / len(cells), 3),
            "engine_run_only_cpu_ms": round(1000.0 * (c2 - c1) / len(cells), 3),
            "of_which_check_spec_cpu_ms": round(1000.0 * (c3 - c2) / len(cells), 3),
            "load_avg_1min": round(os.getloadavg()[0], 2)}


def _child(args: argparse.Namespace) -> None:
    grid = grid_for(args.cells)
    out = timed_run(grid, args.workers, args.stand_in, Path(args.frame_out))
    if args.per_cell:
        out["per_cell_in_process"] = per_cell_overhead(grid)
    print(json.dumps(out))


def _spawn(src: Path | None, workers: int, args: argparse.Namespace, frame_out: Path, per_cell: bool
           ) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", "--workers", str(workers), "--cells", str(args.cells),
           "--frame-out", str(frame_out), *(["--stand-in"] if args.stand_in else []),
           *(["--per-cell"] if per_cell else [])]
    res = subprocess.run(cmd, env=env_for(src, TLEV_OFFLINE="1"), capture_output=True, text=True,
                         check=False)
    if res.returncode != 0:
        who = "baseline" if src else "ours"
        raise SystemExit(f"run failed ({who}, {workers} workers):\n{res.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cells", type=int, default=2000)
    ap.add_argument("--stand-in", action="store_true", help="time the machinery with the stand-in cell")
    ap.add_argument("--baseline-ref", default=None,
                    help="git ref of the previous version to run beside ours")
    ap.add_argument("--rounds", type=int, default=1,
                    help="interleaved rounds (1 and 2 workers, each version)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--frame-out", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--per-cell", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args)
        return
    import pandas as pd

    runs: dict[str, dict[int, list[dict[str, Any]]]] = {}
    frames: list[Path] = []
    with baseline_checkout(args.baseline_ref) as src, tempfile.TemporaryDirectory() as tmp:
        versions = ([("baseline", src)] if src is not None else []) + [("ours", None)]
        for r in range(args.rounds):
            for workers in (1, 2):
                for name, where in versions:
                    frame_out = Path(tmp) / f"{name}-{workers}-{r}.parquet"
                    per_cell = name == "ours" and workers == 1 and r == 0 and not args.stand_in
                    runs.setdefault(name, {}).setdefault(workers, []).append(
                        _spawn(where, workers, args, frame_out, per_cell))
                    frames.append(frame_out)
        first = pd.read_parquet(frames[0])
        for other in frames[1:]:
            pd.testing.assert_frame_equal(first, pd.read_parquet(other), check_exact=True)
    summary = {}
    print(f"{'version':9s} {'workers':>7s} {'sweep s':>8s} {'+warm s':>8s} {'worker CPU s':>14s} "
          f"{'client CPU s':>12s}  load (1 min) at start")
    for name, by_workers in runs.items():
        for workers, rs in sorted(by_workers.items()):
            print(f"{name:9s} {workers:7d} {statistics.median(x['sweep_s'] for x in rs):8.2f} "
                  f"{statistics.median(x['sweep_incl_warm_s'] for x in rs):8.2f} "
                  f"{[round(sum(x['worker_cpu_s']), 2) for x in rs]!s:>14s} "
                  f"{statistics.median(x['client_cpu_s'] for x in rs):12.2f}  "
                  f"{[x['load_avg_1min_at_start'] for x in rs]}")
        one, two = by_workers[1], by_workers[2]
        med = statistics.median
        summary[name] = {
            "speedup_2_vs_1_sweep": round(med(x["sweep_s"] for x in one) / med(x["sweep_s"] for x in two), 3),
            "speedup_2_vs_1_incl_warm": round(med(x["sweep_incl_warm_s"] for x in one)
                                              / med(x["sweep_incl_warm_s"] for x in two), 3),
            # a quiet machine: each worker's wall time is its CPU time
            "speedup_2_vs_1_from_worker_cpu": round(med(sum(x["worker_cpu_s"]) for x in one)
                                                    / med(max(x["worker_cpu_s"]) for x in two), 3),
        }
        print(f"{name:9s} 2 vs 1 workers: {summary[name]['speedup_2_vs_1_sweep']}x (sweep), "
              f"{summary[name]['speedup_2_vs_1_incl_warm']}x (warm-up included), "
              f"{summary[name]['speedup_2_vs_1_from_worker_cpu']}x (from the workers' CPU seconds)")
    per_cell = runs["ours"][1][0].get("per_cell_in_process")
    if per_cell:
        print(f"one warm cell in process: {per_cell['engine_cell_cpu_ms']} ms CPU, of which engine run "
              f"{per_cell['engine_run_only_cpu_ms']} ms, of which check_spec "
              f"{per_cell['of_which_check_spec_cpu_ms']} ms (load {per_cell['load_avg_1min']})")
    print(json.dumps({"benchmark": "sweep on a local Dask cluster, 1 vs 2 workers",
                      "baseline_ref": args.baseline_ref,
                      "cell_fn": "stand-in" if args.stand_in else "scenario engine (point estimates)",
                      "grid": {k: (len(v) if isinstance(v, list) else v)
                               for k, v in grid_for(args.cells).items() if k != "base"},
                      "summary": summary, "runs": runs, "identical_results": True, **machine()}, indent=1))


if __name__ == "__main__":
    main()
