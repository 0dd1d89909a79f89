"""Batched engine calls: a loop of ``run`` vs ``run_many``, beside main's engine in a subprocess.

Workloads (warm: every workload runs once before it is timed; medians of ``--repeat``):

* ``brief_scenarios``: the brief's six standard scenarios for Japan (pause 12 months, run off 24
  months, sell USD 100bn / 300bn / 25% of holdings over 60 days, Japan and China each selling USD
  300bn), ``--draws`` draws each (default 1,000);
* ``game_cells_d0`` / ``game_cells_d<N>``: the engine cells of ``leverage_game("Japan")`` (12
  cells: no tariff and 10%, six responses) at its default draws (0: central values) and at the
  CLI's default (preset ``default_draws``);
* ``sweep_cell``: one point-estimate sweep cell (``bench_sweep.py``'s grid, first ``--cells``
  cells), CPU per cell: ``run`` per cell vs ``run_many`` over the worker's cells with one kept
  :class:`~treasury_leverage.scenario.shared.SharedWork`;
* ``web_request``: the web page's default engine run (Japan sells USD 300bn over 60 days, model
  beltran2013, 1,000 draws), CPU milliseconds per ``run`` (median of ``--repeat`` loops of
  ``--web-runs`` runs), beside main's.

For each workload: wall and CPU seconds of a loop of ``run`` (this checkout), of ``run_many``, and,
with ``--baseline-src PATH`` (the ``src`` folder of a checkout of main, e.g. a ``git worktree add
--detach /tmp/main main``), of a loop of main's ``run`` in a subprocess with that ``PYTHONPATH``;
ratios; the machine's load (``os.getloadavg``) before each measurement. Results are checked equal
(``to_dict``) between the loop and the batch.

Run: ``python benchmarks/bench_engine_batch.py [--draws 1000] [--repeat 3] [--baseline-src PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def brief_specs(draws: int, seed: int = 0) -> list[dict[str, Any]]:
    """The brief's six standard scenarios for Japan (``report.brief._case_spec``)."""
    sell = {"days": 60}
    actors: list[list[dict[str, Any]]] = [
        [{"holder": "Japan", "pause": {"months": 12}}],
        [{"holder": "Japan", "runoff": {"months": 24}}],
        [{"holder": "Japan", "sell": {**sell, "amount_usd_bn": 100}}],
        [{"holder": "Japan", "sell": {**sell, "amount_usd_bn": 300}}],
        [{"holder": "Japan", "sell": {**sell, "amount_pct": 25}}],
        [{"holder": h, "sell": {**sell, "amount_usd_bn": 300}} for h in ("Japan", "China, Mainland")],
    ]
    return [{"name": f"brief {i}", "actors": a, "draws": draws, "seed": seed} for i, a in enumerate(actors)]


def game_specs(draws: int) -> list[dict[str, Any]]:
    """The engine specs of ``leverage_game("Japan", draws=draws)``'s cells (recorded, not run)."""
    from treasury_leverage.game import leverage_game
    from treasury_leverage.scenario import engine

    seen: list[dict[str, Any]] = []
    real = engine.run_many

    def record(specs: Any, **kwargs: Any) -> Any:
        seen.extend(specs)
        return real(specs, **kwargs)

    engine.run_many = record  # type: ignore[assignment]
    try:
        leverage_game("Japan", draws=draws)
    finally:
        engine.run_many = real  # type: ignore[assignment]
    return seen


def sweep_specs(cells: int) -> list[dict[str, Any]]:
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_sweep import grid_for
    from treasury_leverage.scenario.sweep import parse_grid

    return parse_grid(grid_for(2000)).cells()[:cells]


def timed(fn: Callable[[], Any], repeat: int) -> dict[str, Any]:
    """Median wall and CPU seconds of ``fn`` over ``repeat`` calls, the load before the first."""
    load = os.getloadavg()[0]
    walls, cpus = [], []
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    return {"wall_s": round(statistics.median(walls), 4), "cpu_s": round(statistics.median(cpus), 4),
            "load_1min": round(load, 2)}


def loop_only(specs: list[dict[str, Any]], repeat: int) -> dict[str, Any]:
    """A loop of ``run`` with whatever ``treasury_leverage`` is importable (the subprocess mode)."""
    from treasury_leverage.scenario.engine import run

    for s in specs:
        run(s)
    return timed(lambda: [run(s) for s in specs], repeat)


def baseline(src: str, specs: list[dict[str, Any]], repeat: int) -> dict[str, Any]:
    """:func:`loop_only` in a subprocess importing the package from ``src`` (main's checkout)."""
    env = {**os.environ, "PYTHONPATH": src}
    proc = subprocess.run([sys.executable, __file__, "--loop-only", "--repeat", str(repeat)],
                          input=json.dumps(specs), capture_output=True, text=True, env=env, check=True)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def workload(name: str, specs: list[dict[str, Any]], repeat: int, src: str | None) -> dict[str, Any]:
    from treasury_leverage.scenario.engine import run, run_many

    loop = [run(s) for s in specs]  # warm, and the reference numbers
    batch = run_many(specs)
    assert [r.to_dict() for r in loop] == [r.to_dict() for r in batch], f"{name}: run_many differs"
    out: dict[str, Any] = {"runs": len(specs)}
    if src:
        out["main_loop"] = baseline(src, specs, repeat)
    out["loop"] = timed(lambda: [run(s) for s in specs], repeat)
    out["run_many"] = timed(lambda: run_many(specs), repeat)
    for key in ("wall_s", "cpu_s"):
        out[f"loop_over_run_many_{key}"] = round(out["loop"][key] / out["run_many"][key], 2)
        if src:
            out[f"main_over_run_many_{key}"] = round(out["main_loop"][key] / out["run_many"][key], 2)
    return out


def sweep_cell(cells: int, src: str | None) -> dict[str, Any]:
    """CPU milliseconds per point-estimate sweep cell: run per cell vs run_many with kept shared work."""
    from treasury_leverage.scenario.engine import SharedWork, run, run_many

    specs = sweep_specs(cells)
    shared = SharedWork()
    run_many(specs[:10], shared=shared)
    out: dict[str, Any] = {"cells": len(specs)}
    if src:
        main = baseline(src, specs, 1)
        out["main_run_cpu_ms"] = round(1000.0 * main["cpu_s"] / len(specs), 2)
    loop = timed(lambda: [run(s) for s in specs], 1)
    kept = timed(lambda: run_many(specs, shared=shared), 1)
    out["run_cpu_ms"] = round(1000.0 * loop["cpu_s"] / len(specs), 2)
    out["run_many_kept_shared_cpu_ms"] = round(1000.0 * kept["cpu_s"] / len(specs), 2)
    out["load_1min"] = kept["load_1min"]
    return out


def web_spec(draws: int = 1000) -> dict[str, Any]:
    """The web page's default scenario: Japan sells USD 300bn over 60 days, beltran2013."""
    sale = {"holder": "Japan", "sell": {"amount_usd_bn": 300, "days": 60}}
    return {"name": "web request", "actors": [sale], "models": ["beltran2013"], "draws": draws, "seed": 0}


def web_request(runs: int, repeat: int, src: str | None) -> dict[str, Any]:
    """CPU milliseconds per engine run of the web page's default scenario, ours and main's."""
    from treasury_leverage.scenario.engine import run

    specs = [web_spec()] * runs
    out: dict[str, Any] = {"runs": runs}
    if src:
        main = baseline(src, specs, repeat)
        out["main_run_cpu_ms"] = round(1000.0 * main["cpu_s"] / runs, 2)
    for s in specs[:3]:
        run(s)
    ours = timed(lambda: [run(s) for s in specs], repeat)
    out["run_cpu_ms"] = round(1000.0 * ours["cpu_s"] / runs, 2)
    out["load_1min"] = ours["load_1min"]
    if src:
        out["main_over_ours_cpu"] = round(out["main_run_cpu_ms"] / out["run_cpu_ms"], 2)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=1000, help="draws of the brief's scenarios")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cells", type=int, default=200, help="sweep cells for the per-cell cost")
    ap.add_argument("--web-runs", type=int, default=40, help="runs per timing of the web request's scenario")
    ap.add_argument("--only", default=None, help="comma-separated workloads (default all)")
    ap.add_argument("--baseline-src", default=None, help="src folder of main's checkout (subprocess)")
    ap.add_argument("--loop-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.loop_only:  # subprocess mode: specs on stdin, one JSON line out
        print(json.dumps(loop_only(json.load(sys.stdin), args.repeat)))
        return
    from treasury_leverage.presets import preset_value

    game_draws = int(preset_value("default_draws"))  # the CLI's and the brief's game draws
    src = str(Path(args.baseline_src).resolve()) if args.baseline_src else None
    out: dict[str, Any] = {"benchmark": "engine_batch", "machine": platform.platform(),
                           "cpus": os.cpu_count(), "repeat": args.repeat, "baseline_src": src}
    rep = args.repeat
    only = set(args.only.split(",")) if args.only else None

    def wanted(name: str) -> bool:
        return only is None or name in only

    if wanted("brief_scenarios"):
        out["brief_scenarios"] = workload(f"brief ({args.draws} draws)", brief_specs(args.draws), rep, src)
    if wanted("game_cells_d0"):
        out["game_cells_d0"] = workload("game d0", game_specs(0), rep, src)
    if wanted("game_cells"):
        out[f"game_cells_d{game_draws}"] = workload(f"game d{game_draws}", game_specs(game_draws), rep, src)
    if wanted("sweep_cell"):
        out["sweep_cell"] = sweep_cell(args.cells, src)
    if wanted("web_request"):
        out["web_request"] = web_request(args.web_runs, rep, src)
    out["load_avg_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
