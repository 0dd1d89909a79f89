"""Sweeps: grids, hashing, Parquet parts, resume after an interruption, Dask == local."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from treasury_leverage.errors import ScenarioError, StoreError
from treasury_leverage.scenario.sweep import (
    DaskExecutor,
    LocalExecutor,
    SerialExecutor,
    cell_hash,
    flatten_result,
    load_grid,
    parse_grid,
    read_results,
    run_sweep,
    standin_cell,
)

GRID: dict[str, Any] = {
    "action": "sell",
    "holders": ["japan", "china"],
    "amounts_usd_bn": [50, 100, 300],
    "horizons": [20, 60],
    "models": ["beltran2013", "habitat"],
    "base": {"draws": 0, "seed": 3},
    "chunk_size": 4,
}
N_CELLS = 2 * 3 * 2 * 2

#: Calls of counting_cell, and the call at which it simulates an interruption (Ctrl-C).
CALLS: list[str] = []
INTERRUPT_AT: dict[str, int | None] = {"n": None}


def counting_cell(spec: dict[str, Any]) -> dict[str, Any]:
    if INTERRUPT_AT["n"] is not None and len(CALLS) == INTERRUPT_AT["n"]:
        raise KeyboardInterrupt
    CALLS.append(cell_hash(spec))
    return standin_cell(spec)


def test_grid_cells_cover_the_product_with_stable_hashes() -> None:
    grid = parse_grid(GRID)
    cells = grid.cells()
    assert len(cells) == N_CELLS
    hashes = [cell_hash(c) for c in cells]
    assert len(set(hashes)) == N_CELLS
    assert hashes == [cell_hash(c) for c in parse_grid(dict(GRID)).cells()]
    first = cells[0]
    assert first == {"draws": 0, "seed": 3, "models": ["beltran2013"],
                     "actors": [{"holder": "japan", "sell": {"amount_usd_bn": 50.0, "days": 20}}]}
    assert grid.axes(first) == {"action": "sell", "holder": "japan", "amount_usd_bn": 50.0,
                                "horizon": 20, "model": "beltran2013"}


def test_every_cell_is_a_valid_scenario_spec() -> None:
    spec = pytest.importorskip("treasury_leverage.scenario.spec")
    for cell in parse_grid(GRID).cells():
        parsed = spec.parse_spec(cell)
        assert parsed.actors[0].action.kind == "sell"
        assert parsed.models == cell["models"]


def test_grid_errors_name_the_key(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError, match="horizons"):
        parse_grid({"holders": ["japan"], "amounts_usd_bn": [1]})
    with pytest.raises(ScenarioError, match="did you mean holders"):
        parse_grid({"holderz": ["japan"], "horizons": [1], "amounts_usd_bn": [1]})
    with pytest.raises(ScenarioError, match=r"amounts_usd_bn\[1\]"):
        parse_grid({"holders": ["japan"], "horizons": [1], "amounts_usd_bn": [1, "x"]})
    with pytest.raises(ScenarioError, match="run-off has no amount"):
        parse_grid({"action": "runoff", "holders": ["japan"], "horizons": [12], "amounts_usd_bn": [1]})
    bad = tmp_path / "grid.yaml"
    bad.write_text("holders: [japan\n")
    with pytest.raises(ScenarioError, match="malformed YAML"):
        load_grid(bad)
    good = tmp_path / "ok.yaml"
    good.write_text("action: pause\nholders: [japan]\nhorizons: [6, 12]\n")
    assert [c["actors"][0]["pause"] for c in load_grid(good).cells()] == [{"months": 6}, {"months": 12}]


def test_results_are_keyed_parquet_parts_in_grid_order(tmp_path: Path) -> None:
    out = run_sweep(GRID, executor=SerialExecutor(), out_dir=tmp_path, cell_fn=standin_cell, progress=False)
    grid = parse_grid(GRID)
    assert list(out["cell_hash"]) == [cell_hash(c) for c in grid.cells()]
    assert len(list(tmp_path.glob("part-*.parquet"))) == N_CELLS // 4
    assert (tmp_path / "sweep.json").exists()
    expected = [standin_cell(c)["standin.impact_10y_bp"] for c in grid.cells()]
    assert list(out["standin.impact_10y_bp"]) == expected
    assert out["error"].isna().all()
    # impact grows with the amount for a fixed holder/horizon/model (the stand-in's law)
    sub = out[(out.holder == "japan") & (out.horizon == 20) & (out.model == "habitat")]
    assert sub["standin.impact_10y_bp"].is_monotonic_increasing


def test_interrupted_sweep_resumes_without_recomputing(tmp_path: Path) -> None:
    reference = run_sweep(GRID, executor=SerialExecutor(), out_dir=tmp_path / "ref",
                          cell_fn=counting_cell, progress=False)
    CALLS.clear()
    k = 10  # interrupted during the third chunk of four cells: two chunks (8 cells) are saved
    INTERRUPT_AT["n"] = k
    try:
        with pytest.raises(KeyboardInterrupt):
            run_sweep(GRID, executor=SerialExecutor(), out_dir=tmp_path / "run", cell_fn=counting_cell,
                      progress=False)
        assert len(read_results(tmp_path / "run")) == 8
        first_run = list(CALLS)
        INTERRUPT_AT["n"] = None
        CALLS.clear()
        resumed = run_sweep(GRID, executor=SerialExecutor(), out_dir=tmp_path / "run",
                            cell_fn=counting_cell, progress=False)
    finally:
        INTERRUPT_AT["n"] = None
    assert len(CALLS) == N_CELLS - 8
    assert not set(CALLS) & set(first_run[:8])
    pd.testing.assert_frame_equal(resumed, reference)
    # a third run computes nothing
    CALLS.clear()
    again = run_sweep(GRID, executor=SerialExecutor(), out_dir=tmp_path / "run", cell_fn=counting_cell,
                      progress=False)
    assert CALLS == []
    pd.testing.assert_frame_equal(again, reference)


def test_another_cell_function_cannot_reuse_the_folder(tmp_path: Path) -> None:
    run_sweep(GRID, executor=SerialExecutor(), out_dir=tmp_path, cell_fn=standin_cell, progress=False)
    with pytest.raises(StoreError, match="another --out folder"):
        run_sweep(GRID, executor=SerialExecutor(), out_dir=tmp_path, cell_fn=counting_cell, progress=False)


def test_user_errors_are_recorded_per_cell(tmp_path: Path) -> None:
    grid = {**GRID, "holders": ["japan", "atlantis"]}
    out = run_sweep(grid, executor=SerialExecutor(), out_dir=tmp_path, cell_fn=_strict_cell, progress=False)
    bad = out[out.holder == "atlantis"]
    assert bad["error"].str.contains("unknown country").all()
    assert out[out.holder == "japan"]["error"].isna().all()


def _strict_cell(spec: dict[str, Any]) -> dict[str, Any]:
    from treasury_leverage.data.countries import resolve_country

    resolve_country(spec["actors"][0]["holder"], ["Japan", "China, Mainland"])
    return standin_cell(spec)


def test_local_processes_and_a_two_worker_dask_cluster_agree_cell_for_cell(tmp_path: Path) -> None:
    local = run_sweep(GRID, executor=LocalExecutor(2), out_dir=tmp_path / "local", cell_fn=standin_cell,
                      progress=False)
    with DaskExecutor(workers=2, processes=False) as dask:
        assert dask.n_workers == 2
        distributed = run_sweep(GRID, executor=dask, out_dir=tmp_path / "dask", cell_fn=standin_cell,
                                progress=False)
    assert len(local) == N_CELLS
    pd.testing.assert_frame_equal(local, distributed, check_exact=True)


def test_flatten_keeps_scalars_and_short_lists() -> None:
    flat = flatten_result({"a": {"b": 1.5, "notes": ["x"]}, "c": [1, 2], "d": list(range(50)),
                           "models": [{"model": "m", "end_shift_bp": {"10y": 3.0}}]})
    assert flat == {"a.b": 1.5, "c[0]": 1, "c[1]": 2, "models[0].model": "m",
                    "models[0].end_shift_bp.10y": 3.0}


def test_engine_cells_agree_between_local_and_dask(tmp_path: Path) -> None:
    pytest.importorskip("treasury_leverage.scenario.engine")
    grid = {"holders": ["japan"], "amounts_usd_bn": [100, 300], "horizons": [20],
            "models": ["beltran2013"], "base": {"draws": 0, "seed": 1}}
    local = run_sweep(grid, executor=LocalExecutor(2), out_dir=tmp_path / "local", progress=False)
    with DaskExecutor(workers=2, processes=False) as dask:
        remote = run_sweep(grid, executor=dask, out_dir=tmp_path / "dask", progress=False)
    pd.testing.assert_frame_equal(local, remote, check_exact=True)
    assert local["error"].isna().all()
    # a larger sale moves the 10-year yield more and costs both sides more
    assert local["end_shift_bp.10y"].is_monotonic_increasing
    assert local["us.extra_interest_usd_bn.10y"].is_monotonic_increasing
    assert local["seller.total_usd_bn"].is_monotonic_increasing


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from treasury_leverage.cli.main import main

    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_sweep_runs_resumes_and_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import yaml

    grid = tmp_path / "grid.yaml"
    grid.write_text(yaml.safe_dump(GRID))
    args = ("sweep", str(grid), "--out", str(tmp_path / "out"), "--stand-in", "--workers", "1",
            "--no-progress", "--format", "json")
    code, out, _ = _cli(capsys, *args)
    assert code == 0
    payload = json.loads(out)
    assert payload["meta"]["cells"] == N_CELLS and payload["meta"]["errors"] == 0
    rows = payload["data"]
    assert [r["cell_hash"] for r in rows] == [cell_hash(c) for c in parse_grid(GRID).cells()]
    # the second run reads the finished parts back: same answer
    code, again, _ = _cli(capsys, *args)
    assert code == 0 and json.loads(again)["data"] == rows


def test_cli_sweep_on_a_local_dask_cluster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    grid = tmp_path / "grid.yaml"
    grid.write_text("holders: [japan]\namounts_usd_bn: [100, 200]\nhorizons: [20]\n")
    code, out, _ = _cli(capsys, "sweep", str(grid), "--stand-in", "--dask-workers", "2", "--no-progress",
                        "--format", "csv")
    assert code == 0
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame["amount_usd_bn"]) == [100.0, 200.0]
    assert (tmp_path / "grid.sweep" / "sweep.json").exists()


def test_cli_sweep_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    grid = tmp_path / "grid.yaml"
    grid.write_text("holders: [japan]\nhorizon: [20]\n")
    code, _, err = _cli(capsys, "sweep", str(grid), "--stand-in")
    assert code == 2 and "did you mean horizons" in err and "Traceback" not in err
    grid.write_text("holders: [japan]\nhorizons: [20]\namounts_usd_bn: [1]\n")
    code, _, err = _cli(capsys, "sweep", str(grid), "--stand-in", "--dask-workers", "2",
                        "--dask-scheduler", "tcp://127.0.0.1:1")
    assert code == 2 and "got both" in err


def failing_cell(spec: dict[str, Any]) -> dict[str, Any]:
    """Logs every call to ``<name>.log``; fails on China's USD 300bn cells while ``<name>`` exists."""
    marker = Path(spec["name"])
    with open(f"{marker}.log", "a") as log:
        log.write(cell_hash(spec) + "\n")
    actor = spec["actors"][0]
    if marker.exists() and actor["holder"] == "china" and actor["sell"]["amount_usd_bn"] == 300:
        raise RuntimeError("simulated crash")
    return standin_cell(spec)


def test_a_crash_in_worker_processes_resumes_too(tmp_path: Path) -> None:
    marker = tmp_path / "crash"
    marker.write_text("")
    grid = {**GRID, "base": {**GRID["base"], "name": str(marker)}, "chunk_size": 2}
    with pytest.raises(RuntimeError, match="simulated crash"):
        run_sweep(grid, executor=LocalExecutor(2), out_dir=tmp_path / "out", cell_fn=failing_cell,
                  progress=False)
    saved = set(read_results(tmp_path / "out")["cell_hash"])
    assert 0 < len(saved) < N_CELLS
    marker.unlink()
    log = Path(f"{marker}.log")
    log.write_text("")
    out = run_sweep(grid, executor=LocalExecutor(2), out_dir=tmp_path / "out", cell_fn=failing_cell,
                    progress=False)
    recomputed = log.read_text().split()
    assert len(recomputed) == N_CELLS - len(saved) and not set(recomputed) & saved
    assert list(out["cell_hash"]) == [cell_hash(c) for c in parse_grid(grid).cells()]
    assert out["error"].isna().all()


def test_an_existing_scheduler_by_address(tmp_path: Path) -> None:
    from distributed import LocalCluster

    serial = run_sweep(GRID, executor=SerialExecutor(), out_dir=tmp_path / "serial", cell_fn=standin_cell,
                       progress=False)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp://",
                      host="127.0.0.1", dashboard_address="127.0.0.1:0") as cluster:
        with DaskExecutor(scheduler=cluster.scheduler_address) as dask:
            assert dask.n_workers == 2
            remote = run_sweep(GRID, executor=dask, out_dir=tmp_path / "remote", cell_fn=standin_cell,
                               progress=False)
        assert len(cluster.scheduler.workers) == 2  # closing our client left the cluster running
    pd.testing.assert_frame_equal(serial, remote, check_exact=True)


def test_engine_columns_prefix_the_model_only_when_a_cell_runs_several() -> None:
    from treasury_leverage.scenario.sweep import engine_columns

    def result(models: list[str]) -> dict[str, Any]:
        return {
            "spec_hash": "h", "start": "2026-07-22", "end_point": "day 20",
            "models": [{"model": m, "end_shift_bp": {"10y": 5.0}, "end_shift_bands_bp": {"10y": {"p5": 4.0,
                        "p50": 5.0, "p95": 6.0}}} for m in models],
            "seller_bill": [{"model": m, "item": "total_usd_bn", "central": 2.0, "p5": 1.0, "p95": 3.0}
                            for m in models],
            "us_bill": {m: {"horizons_years": [1, 10], "extra_interest_usd_bn": [1.0, 9.0],
                            "pct_gdp": [0.1, 0.2], "extra_interest_bands_usd_bn": [[0.5, 1.0, 1.5],
                                                                                   [8.0, 9.0, 10.0]]}
                       for m in models},
        }

    one = engine_columns(result(["habitat"]))
    assert one["end_shift_bp.10y"] == 5.0 and one["end_shift_bp.10y.p95"] == 6.0
    assert one["seller.total_usd_bn"] == 2.0 and one["us.extra_interest_usd_bn.10y"] == 9.0
    assert one["us.extra_interest_usd_bn.10y.p5"] == 8.0 and one["us.pct_gdp.1y"] == 0.1
    two = engine_columns(result(["habitat", "kcfed2025"]))
    assert two["kcfed2025.end_shift_bp.10y"] == 5.0 and "end_shift_bp.10y" not in two


def test_engine_columns_keep_each_coalition_members_bill_apart() -> None:
    from treasury_leverage.scenario import parse_spec, run
    from treasury_leverage.scenario.sweep import engine_columns

    spec = parse_spec({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 100}},
                                  {"holder": "china", "sell": {"amount_usd_bn": 50}}],
                       "models": ["beltran2013"]})
    result = run(spec).to_dict()
    cols = engine_columns(result)
    bills = {(r["holder"], r["item"]): r["central"] for r in result["seller_bill"]}
    assert cols["seller.Japan.total_usd_bn"] == bills[("Japan", "total_usd_bn")]
    assert cols["seller.China, Mainland.total_usd_bn"] == bills[("China, Mainland", "total_usd_bn")]
    assert cols["seller.Japan.total_usd_bn"] != cols["seller.China, Mainland.total_usd_bn"]
