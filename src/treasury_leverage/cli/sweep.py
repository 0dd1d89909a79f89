"""``tlev sweep grid.yaml``: a grid of scenarios on local processes or a Dask cluster, resumable.

A thin face over :func:`treasury_leverage.scenario.sweep.run_sweep`; pandas, the engine and Dask
are imported inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from treasury_leverage.cli._output import FORMAT_OPTION, WIDE_OPTION, Col, TabularFormat, emit_frame

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage._stages import StageRecorder

__all__ = ["sweep"]

#: Columns shown in the table view (all columns go to CSV, JSON and --wide), with short headers.
_TABLE_COLUMNS = (Col("holder", "holder"), Col("amount_usd_bn", "sold $bn", 0), Col("horizon", "horizon"),
                  Col("model", "model"), Col("end_shift_bp.10y", "10y bp", 0),
                  Col("seller.total_usd_bn", "seller cost $bn", 1),
                  Col("us.extra_interest_usd_bn.10y", "U.S. cost 10y $bn", 1),
                  Col("standin.impact_10y_bp", "stand-in 10y bp", 0), Col("error", "error"))


_GRID = typer.Argument(..., help="Grid file (YAML): holders, amounts_usd_bn, horizons, models.")
_OUT = typer.Option(None, "--out", help="Folder of the Parquet results (default: <grid>.sweep beside the "
                    "grid); rerun with the same folder to resume.")


def sweep(
    grid: Path = _GRID,
    out: Path | None = _OUT,
    dask_scheduler: str | None = typer.Option(
        None, "--dask-scheduler", help="Address of a running Dask scheduler (tcp://host:8786); its workers "
        "must run the same release and data (checked). See docs/sweeps.md."
    ),
    dask_workers: int | None = typer.Option(
        None, "--dask-workers", help="Start a local Dask cluster with N workers on 127.0.0.1."
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Local worker processes when Dask is not used (default: CPU count)."
    ),
    stand_in: bool = typer.Option(
        False, "--stand-in", help="Run a cheap deterministic stand-in instead of the engine (checks a "
        "grid, a cluster or the machinery; its numbers mean nothing)."
    ),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Progress bar on stderr."),
    profile: bool = typer.Option(
        False, "--profile", help="Print where the time went (plan, worker warm-up, cells, part files) to "
        "stderr."
    ),
    fmt: TabularFormat = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """Run a grid of scenarios (holders x amounts x horizons x models); results keyed by cell hash."""
    from treasury_leverage.bounds import MAX_GRID_CELLS, check_count
    from treasury_leverage.cli._bounds import check_output_folder
    from treasury_leverage.scenario.sweep import load_grid, make_executor, run_sweep, standin_cell

    spec = load_grid(grid)
    n_cells = len(spec.holders) * len(spec.amounts) * len(spec.horizons) * len(spec.models)
    check_count(n_cells, f"sweep grid {grid.name!r}: cells", lo=1, hi=MAX_GRID_CELLS)
    folder = out if out is not None else grid.with_suffix(".sweep")
    check_output_folder(folder)  # before any cell runs
    from treasury_leverage._stages import recording

    with recording() as stages:
        executor = make_executor(dask_scheduler=dask_scheduler, dask_workers=dask_workers, workers=workers)
        try:
            frame = run_sweep(spec, executor=executor, out_dir=folder,
                              cell_fn=standin_cell if stand_in else None, progress=progress)
        finally:
            executor.close()
    if profile:
        _print_profile(stages, frame, n_cells)
    meta = {"cells": len(frame), "errors": int(frame["error"].notna().sum()), "out_dir": str(folder),
            "executor": getattr(executor, "name", type(executor).__name__),
            "cell_fn": "stand-in" if stand_in else "engine"}
    shown = frame
    if fmt.value == "table":
        shown = frame.assign(error=frame["error"].fillna(""))
    emit_frame(shown, fmt, title=f"Sweep {grid.name}: {len(frame)} cells", meta=meta, columns=_TABLE_COLUMNS,
               wide=wide)


def _print_profile(stages: StageRecorder, frame: pd.DataFrame, n_cells: int) -> None:
    """``--profile``: the stages (this process's wall and CPU), the workers' warm-up, cells per second."""
    from rich.console import Console

    err = Console(stderr=True)
    err.print("where the time went (this process; the cells' CPU is the workers'):", markup=False,
              highlight=False)
    for line in stages.lines():
        err.print(line, markup=False, highlight=False, soft_wrap=True)
    warm = frame.attrs.get("workers_warm") or {}
    for worker, report in sorted(warm.items()):
        err.print(f"worker {worker}: warm-up {report.get('warm_wall_s', float('nan')):.2f} s wall "
                  f"{report.get('warm_cpu_s', float('nan')):.2f} s CPU", markup=False, highlight=False)
    if stages.wall_s > 0:
        err.print(f"{n_cells / stages.wall_s:.1f} cells/s over the whole command", markup=False,
                  highlight=False)
