"""Curve-move decomposition (Nelson-Siegel loadings) and ``tlev curve move``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from treasury_leverage.curves.curve import Curve
from treasury_leverage.curves.moves import (
    DIEBOLD_LI_TAU_YEARS,
    decompose_move,
    ns_loadings,
    par_change_table,
)
from treasury_leverage.errors import InputError


@pytest.fixture(scope="module")
def par() -> pd.DataFrame:
    import treasury_leverage.data as tld

    return tld.par_curve("2022-01-01", "2025-07-11")


def test_diebold_li_tau_and_loadings() -> None:
    assert abs(DIEBOLD_LI_TAU_YEARS - 1.3684) < 1e-4
    x = ns_loadings([1e-8, 2.5, 1000.0], DIEBOLD_LI_TAU_YEARS)
    np.testing.assert_allclose(x[0], [1, 1, 0], atol=1e-8)  # short end: level + slope
    np.testing.assert_allclose(x[2, 1:], 0, atol=2e-3)  # long end: level only
    # Diebold-Li chose lambda so that the curvature loading peaks near 30 months.
    grid = np.linspace(0.5, 10, 2000)
    assert grid[np.argmax(ns_loadings(grid, DIEBOLD_LI_TAU_YEARS)[:, 2])] == pytest.approx(2.5, abs=0.1)


def test_known_factor_moves_are_recovered_exactly() -> None:
    tau = DIEBOLD_LI_TAU_YEARS
    start = Curve.from_svensson(4.0, -1.0, 1.0, 0.0, tau, -999.99)
    # +30 bp level, short end -0.5 (slope loading) => slope (long minus short) +50 bp, +20 bp hump.
    end = Curve.from_svensson(4.3, -1.5, 1.2, 0.0, tau, -999.99)
    move = decompose_move(start, end)
    assert move.level_bp == pytest.approx(30.0, abs=1e-9)
    assert move.slope_bp == pytest.approx(50.0, abs=1e-9)
    assert move.curvature_bp == pytest.approx(20.0, abs=1e-9)
    assert move.residual_rms_bp < 1e-9 and move.r_squared == pytest.approx(1.0)


def test_components_add_up_to_the_change(par: pd.DataFrame) -> None:
    move = decompose_move(par.loc["2023-10-19"], par.loc["2023-12-27"])
    t = move.table
    total = t["level_bp"] + t["slope_bp"] + t["curvature_bp"] + t["residual_bp"]
    np.testing.assert_allclose(total, t["change_bp"], atol=1e-10)
    np.testing.assert_allclose(t["change_bp"], (t["end_zero_pct"] - t["start_zero_pct"]) * 100, atol=1e-10)
    assert t.index.name == "maturity_years" and len(t) == 13  # tenors on both days (no 1.5M)
    # The late-2023 rally: yields fell across the curve, the long end most (bull flattening).
    assert move.level_bp < -50
    assert move.slope_bp < -50
    assert "Diebold-Li" in move.method and "steepening" in move.method
    d = move.to_dict()
    assert {"level_bp", "slope_bp", "curvature_bp", "residual_rms_bp"} <= set(d)
    assert d["start_date"] == "2023-10-19"


def test_april_2025_was_a_steepening(par: pd.DataFrame) -> None:
    # 2025-04-04 -> 2025-04-11: bills barely moved (3M +6 bp) while 10Y rose 47 bp and 30Y 44 bp.
    for method in ("bootstrap", "nss"):
        move = decompose_move(par.loc["2025-04-04"], par.loc["2025-04-11"], curve_method=method)  # type: ignore[arg-type]
        assert move.slope_bp > 30, method
        assert move.level_bp > 30, method
        assert move.residual_rms_bp < 5, method
        assert "steepening" in move.summary()


def test_mid_2022_hikes_lifted_the_belly_most(par: pd.DataFrame) -> None:
    # 2022-03-01 -> 2022-06-14: par 1Y +224 bp, 2Y +214, 3M +151, 10Y +177, 30Y +134: a hump.
    move = decompose_move(par.loc["2022-03-01"], par.loc["2022-06-14"])
    assert move.curvature_bp > 100
    assert move.level_bp > 50
    assert move.r_squared > 0.95


def test_par_change_table_and_errors(par: pd.DataFrame) -> None:
    table = par_change_table(par.loc["2025-04-04"], par.loc["2025-04-11"])
    assert list(table.columns) == ["maturity_years", "start_par_yield_pct", "end_par_yield_pct", "change_bp"]
    assert table.loc["10Y", "change_bp"] == pytest.approx(47.0)
    assert table["maturity_years"].is_monotonic_increasing
    with pytest.raises(InputError, match="at least 4 maturities"):
        decompose_move(par.loc["2025-04-04"], par.loc["2025-04-11"], maturities_years=[1, 2, 3])
    with pytest.raises(InputError, match="Curve objects or par-yield Series"):
        decompose_move([1, 2], [3, 4])  # type: ignore[arg-type]


# --- tlev curve move ----------------------------------------------------------------------------


def _invoke(args: list[str]) -> tuple[int, str, str]:
    from treasury_leverage.cli.main import app

    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


def test_cli_move_json_and_png_chart(tmp_path: Path) -> None:
    chart = tmp_path / "move.png"
    code, out, err = _invoke(["curve", "move", "2025-04-04", "2025-04-11", "--chart", str(chart),
                              "--format", "json"])
    assert code == 0, err
    payload = json.loads(out)
    meta = payload["meta"]
    assert meta["start_date"] == "2025-04-04" and meta["end_date"] == "2025-04-11"
    assert meta["slope_bp"] > 30 and meta["level_bp"] > 30
    assert "Nelson-Siegel" in meta["method"]
    ten = next(r for r in payload["data"] if r["tenor"] == "10Y")
    assert set(ten) == {"tenor", "maturity_years", "start_par_yield_pct", "end_par_yield_pct", "change_bp"}
    assert ten["change_bp"] == pytest.approx(47.0)
    data = chart.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert 400 < width < 3000 and 400 < height < 3000
    assert 20_000 < len(data) < 5_000_000


def test_cli_move_zero_table_and_date_errors() -> None:
    code, out, err = _invoke(["curve", "move", "2025-04-04", "2025-04-12", "-k", "zero", "-f", "json"])
    assert code == 0, err
    assert "using 2025-04-11" in err  # a Saturday: the Friday before is used and said so
    rows = json.loads(out)["data"]
    assert {"maturity_years", "start_zero_yield_pct", "end_zero_yield_pct", "change_bp", "level_bp",
            "slope_bp", "curvature_bp", "residual_bp"} == set(rows[0])
    code, _, err = _invoke(["curve", "move", "2025-04-11", "2025-04-04"])
    assert code != 0
    from treasury_leverage.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["curve", "move", "2025-04-11", "2025-04-04"])
    assert exc.value.code == 2
