"""Fault injection on the CLI (issue 18, items 5-12 and 14): bad values, hostile cells, output
paths, user files, the SQL sandbox, a damaged user store; and a fuzz pass over argument lists."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import run_cli

pytestmark = pytest.mark.faults


def _one_line_error(code: int, err: str, needle: str = "") -> bool:
    return code == 2 and err.startswith("error: ") and err.count("\n") == 1 and needle in err


# -- 7: Rich markup in cells ------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["[/oops]", "[link=file:///etc/passwd]click[/link]", "[bold red]x"])
def test_issue7_markup_in_cells_prints_as_written(capsys: pytest.CaptureFixture[str], cell: str) -> None:
    code, out, err = run_cli(capsys, "data", "sql", f"SELECT '{cell}' AS x")
    assert code == 0, err
    assert cell in out.replace("\n", "")


# -- 8: dates outside 1900..2100 --------------------------------------------------------------------


@pytest.mark.parametrize("args", [("flows", "japan", "--start", "1066-10"),
                                  ("flows", "japan", "--end", "2300-01"),
                                  ("impact", "--sell", "100", "--curve-date", "1066-01-01"),
                                  ("data", "show", "holdings", "--start", "0999-01")])
def test_issue8_dates_out_of_range(capsys: pytest.CaptureFixture[str], args: tuple[str, ...]) -> None:
    code, _, err = run_cli(capsys, *args)
    assert _one_line_error(code, err, "1900 to 2100")


# -- 9 and 12: output paths and user files ----------------------------------------------------------


def test_issue9_chart_paths(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run_cli(capsys, "holders", "--top", "3", "--chart", str(tmp_path / "missing" / "x.png"))
    assert _one_line_error(code, err, "does not exist")
    (tmp_path / "x.png").mkdir()
    code, _, err = run_cli(capsys, "holders", "--top", "3", "--chart", str(tmp_path / "x.png"))
    assert _one_line_error(code, err, "is a folder")


def test_issue9_brief_out_unwritable(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "brief", "japan", "--out", "/proc/newbrief")
    assert _one_line_error(code, err, "cannot write")


def test_issue9_export_and_sweep_onto_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("mine")
    code, _, err = run_cli(capsys, "data", "export", "--out", str(target), "holdings")
    assert _one_line_error(code, err, "is a file")
    grid = tmp_path / "grid.yaml"
    grid.write_text("action: sell\nholders: [japan]\namounts_usd_bn: [10]\nhorizons: [5]\n")
    code, _, err = run_cli(capsys, "sweep", str(grid), "--out", str(target), "--stand-in", "--no-progress")
    assert _one_line_error(code, err, "is a file")
    assert target.read_text() == "mine"


def test_issue9_non_utf8_spec_and_grid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"actors: \xff\xfe\n")
    for args in (("scenario", "run", str(bad)), ("sweep", str(bad), "--stand-in", "--no-progress")):
        code, _, err = run_cli(capsys, *args)
        assert code == 2 and err.startswith("error: ") and err.count("\n") == 1


def test_issue9_empty_sql(capsys: pytest.CaptureFixture[str]) -> None:
    for query in ("", "   ", "SET threads = 1"):
        code, _, err = run_cli(capsys, "data", "sql", query)
        assert _one_line_error(code, err)


def test_issue12_brief_lookalike_folder_is_not_deleted(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    fake = tmp_path / "fakebrief"
    fake.mkdir()
    (fake / "brief-x.html").write_text("my notes")
    (fake / "brief.md").write_text("my draft")
    code, _, err = run_cli(capsys, "brief", "japan", "--out", str(fake))
    assert _one_line_error(code, err, "holds other files")
    assert (fake / "brief.md").read_text() == "my draft"


def test_issue12_brief_onto_a_symlink(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "linkbrief"
    link.symlink_to(real)
    code, _, err = run_cli(capsys, "brief", "japan", "--out", str(link))
    assert _one_line_error(code, err, "symbolic link")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["linkbrief", "real"]  # no .linkbrief.old-*


def test_issue12_export_never_overwrites_without_force(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    mine = tmp_path / "holdings.csv"
    mine.write_text("my spreadsheet")
    code, _, err = run_cli(capsys, "data", "export", "--out", str(tmp_path), "holdings", "--format", "csv")
    assert _one_line_error(code, err, "--force")
    assert mine.read_text() == "my spreadsheet"
    code, _, err = run_cli(capsys, "data", "export", "--out", str(tmp_path), "holdings", "--format", "csv",
                           "--force")
    assert code == 0, err
    assert mine.read_text().startswith("date,series_id")


# -- 10 and 11: the web's bounds on the CLI --------------------------------------------------------


@pytest.mark.parametrize(("args", "needle"), [
    (("impact", "--sell", "100", "--days", "1000000"), "--days"),
    (("impact", "--sell", "100", "--draws", "100000000"), "--draws"),
    (("brief", "japan", "--draws", "100000000"), "--draws"),
    (("game", "japan", "--draws", "10000000"), "--draws"),
    (("impact", "--sell", "100", "--seed", "-1"), "--seed"),
    (("impact", "--sell", "1e308"), "--sell"),
    (("execution", "--sell", "10", "--risk-aversion", "nan"), "finite"),
    (("game", "japan", "--aims", "-1e300"), "--aims"),
    (("brief", "japan", "--draws", "-1"), "--draws"),
])
def test_issue10_11_bounds(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], needle: str) -> None:
    code, out, err = run_cli(capsys, *args)
    assert _one_line_error(code, err, needle) and out == ""


def test_issue10_huge_sweep_grid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    grid = tmp_path / "huge.yaml"
    amounts = list(range(1, 2001))
    grid.write_text(json.dumps({"action": "sell", "holders": ["japan"] * 1, "amounts_usd_bn": amounts,
                                "horizons": list(range(1, 505)), "models": ["beltran2013"]}))
    code, _, err = run_cli(capsys, "sweep", str(grid), "--stand-in", "--no-progress")
    assert _one_line_error(code, err, "cells")
    assert not (tmp_path / "huge.sweep").exists()


@pytest.mark.parametrize("spec", [
    "actors: [{holder: japan, sell: {amount_usd_bn: .nan}}]\n",
    "actors: [{holder: japan, sell: {amount_usd_bn: 10}}]\n"
    "overrides: {beltran2013_short_run_bp_per_100bn: 1e300}\n",
    "actors: [{holder: japan, pause: {months: 6, baseline_usd_bn_per_month: 1e300}}]\n",
])
def test_issue11_absurd_spec_values(capsys: pytest.CaptureFixture[str], tmp_path: Path, spec: str) -> None:
    path = tmp_path / "spec.yaml"
    path.write_text(spec)
    code, _, err = run_cli(capsys, "scenario", "run", str(path))
    assert code == 2 and err.startswith("error: invalid scenario") and err.count("\n") == 1


# -- 14: the SQL sandbox ----------------------------------------------------------------------------


def test_issue14_sql_cannot_write_into_the_working_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".tmp").mkdir()
    planted = tmp_path / ".tmp" / "planted.csv"
    planted.write_text("precious")
    for target in (".tmp/planted.csv", str(planted), ".tmp/new.csv"):
        code, _, err = run_cli(capsys, "data", "sql", f"COPY (SELECT 1 AS x) TO '{target}'")
        assert code == 2, err
    assert planted.read_text() == "precious"
    assert sorted(p.name for p in (tmp_path / ".tmp").iterdir()) == ["planted.csv"]


# -- 5 and 6: a damaged user store ------------------------------------------------------------------


def _user_store_with_holdings(tmp: Path) -> Path:
    from treasury_leverage.data.paths import snapshot_dir, user_store_dir
    from treasury_leverage.data.store import Store

    snap = Store(snapshot_dir(), read_only=True)
    user = Store(user_store_dir())
    user.write("holdings", snap.read("holdings")[["date", "series_id", "value", "unit"]], source="copy")
    return user.root / "holdings"


@pytest.mark.parametrize("damage", ["empty manifest", "no vintages", "values x10"])
def test_issue5_6_damaged_user_store_falls_back_verify_and_repair(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path, damage: str) -> None:
    import pandas as pd

    folder = _user_store_with_holdings(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    if damage == "empty manifest":
        (folder / "manifest.json").write_text("{}")
    elif damage == "no vintages":
        (folder / "manifest.json").write_text(json.dumps({**manifest, "vintages": []}))
    else:
        path = folder / manifest["vintages"][-1]["file"]
        frame = pd.read_parquet(path)
        os.unlink(path)
        frame.assign(value=frame["value"] * 10).to_parquet(path, index=False)
    code, out, err = run_cli(capsys, "holders", "--top", "3", "--format", "json")
    assert code == 0, err
    payload = json.loads(out)
    assert payload["meta"]["origin"] == "snapshot"  # served from the bundled snapshot
    assert payload["meta"]["grand_total_usd_bn"] == pytest.approx(9271.0)
    code, out, err = run_cli(capsys, "data", "status", "--format", "json")
    [row] = [r for r in json.loads(out) if r["dataset"] == "holdings"]
    assert "damaged" in row["damage"] and row["origin"] == "snapshot"
    code, out, err = run_cli(capsys, "data", "verify", "--format", "json")
    assert code == 1
    [health] = [r for r in json.loads(out) if r["dataset"] == "holdings"]
    assert health["ok"] is False and health["problems"] and health["repair"]
    code, out, err = run_cli(capsys, "data", "repair", "holdings", "--no-rebuild", "--format", "json")
    assert code == 0, err
    code, out, err = run_cli(capsys, "data", "verify", "--format", "json")
    assert code == 0, out


# -- the fuzz pass ----------------------------------------------------------------------------------

_COMMANDS = [["holders"], ["flows", "japan"], ["data", "show", "holdings"], ["data", "sql"], ["impact"],
             ["curve", "show"], ["data", "status"], ["holdings", "japan"]]
_OPTIONS = ["--top", "--start", "--end", "--date", "--sell", "--days", "--draws", "--seed", "--format",
            "--country", "--as-of", "--model", "--maturity", "--curve-date", "--chart", "-f", "--series"]
_VALUES = ["nan", "inf", "-1", "0", "3", "1e300", "-1e300", "2300-01", "1066-10", "2024-12", "latest",
           "[/oops]", "", "japan", "json", "csv", "table", "x.png", "/proc/x.png", "\u00e9\u00e8", "10y",
           "2025-13-45", "SELECT 1", "' OR 1=1 --"]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(command=st.sampled_from(_COMMANDS),
       rest=st.lists(st.one_of(st.sampled_from(_OPTIONS), st.sampled_from(_VALUES)), max_size=6))
def test_fuzz_cli_never_tracebacks(capsys: pytest.CaptureFixture[str], command: list[str],
                                   rest: list[str]) -> None:
    if "--draws" in rest:  # keep each example cheap: draws are bounded, not the point here
        rest = [v if not v.lstrip("-").isdigit() or int(v) < 50 else "3" for v in rest]
    code, _, err = run_cli(capsys, *command, *rest)  # an unexpected exception propagates and fails
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        assert err.strip() and err.count("\n") <= 5  # one error (click usage errors take a few lines)
