"""CLI conventions (issue 16): 80-column tables, --version, python -m, flags, help, output paths."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cli_helpers import run_cli as run


@pytest.fixture
def eighty(monkeypatch: pytest.MonkeyPatch) -> None:
    """An 80-column terminal (Rich reads $COLUMNS when stdout is not a terminal)."""
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.delenv("LINES", raising=False)


def _assert_fits(out: str) -> None:
    assert "…" not in out, "a cell was cut"
    wide = [line for line in out.splitlines() if len(line.rstrip()) > 80]
    assert not wide, f"lines wider than 80 columns: {wide[:3]}"


@pytest.mark.parametrize(
    "args",
    [
        ("holders",),
        ("holders", "japan"),
        ("data", "status"),
        ("flows", "japan", "--start", "2024-01"),
        ("flows", "japan", "--start", "2024-01", "--check"),
        ("scenario", "sell", "japan", "300", "--draws", "200"),
        ("game", "japan"),
        ("termpremium", "--start", "2025-01"),
        ("episode", "2025-04-04", "2025-04-11"),
        ("curve", "move", "2025-04-04", "2025-04-11", "--kind", "zero"),
        ("cite",),
        ("impact", "--compare", "--sell", "100", "--draws", "2000"),
        ("backtest", "--episode", "japan-2022"),
    ],
    ids=lambda a: " ".join(a),
)
def test_default_view_fits_80_columns(capsys: pytest.CaptureFixture[str], eighty: None,
                                      args: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    _assert_fits(out)


def test_wide_shows_every_column_under_its_json_name(capsys: pytest.CaptureFixture[str],
                                                     eighty: None) -> None:
    code, out, _ = run(capsys, "holders", "--top", "3")
    assert code == 0 and "share_of_marketable_pct" not in out
    code, out, _ = run(capsys, "holders", "--top", "3", "--wide")
    assert code == 0 and "share_of" in out  # possibly cut at 80 columns, but there


def test_piped_output_uses_the_reader_width(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "flows", "japan", "--start", "2025-01")
    assert code == 0
    assert max(len(line.rstrip()) for line in out.splitlines()) <= 100


def test_version_and_python_m() -> None:
    from treasury_leverage import __version__

    proc = subprocess.run([sys.executable, "-m", "treasury_leverage", "--version"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == f"tlev (treasury-leverage) {__version__}"
    proc = subprocess.run([sys.executable, "-m", "treasury_leverage", "--help"], capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0 and "Usage: tlev" in proc.stdout and "--install-completion" in proc.stdout


def _walk(command: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    out = [(path, command)]
    for name, sub in getattr(command, "commands", {}).items():
        out.extend(_walk(sub, (*path, name)))
    return out


def _tree() -> list[tuple[tuple[str, ...], Any]]:
    import typer

    from treasury_leverage.cli._help import tidy_metavars
    from treasury_leverage.cli.main import app

    command = typer.main.get_command(app)
    tidy_metavars(command)
    return _walk(command)


def test_one_meaning_per_short_flag() -> None:
    meaning: dict[str, set[str]] = {}
    for _, command in _tree():
        for param in command.params:
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in (*param.opts, *param.secondary_opts) if re.fullmatch(r"-\w", o)):
                meaning.setdefault(short, set()).update(longs)
    clashes = {k: v for k, v in meaning.items() if len(v) > 1}
    assert not clashes, f"short flags with several meanings: {clashes}"
    assert meaning["-m"] == {"--maturity"} and meaning["-f"] == {"--format"}


def test_help_has_conventional_metavars(capsys: pytest.CaptureFixture[str]) -> None:
    for path, command in _tree():
        if getattr(command, "hidden", False):
            continue
        code, out, err = run(capsys, *path, "--help")
        assert code == 0, (path, err)
        assert not re.search(r"<(str|int|float|bool|path|list)", out), (path, out)
        assert "{" not in out.splitlines()[0], (path, out.splitlines()[0])


def test_every_tabular_command_takes_csv(capsys: pytest.CaptureFixture[str]) -> None:
    for path, command in _tree():
        fmt = next((p for p in command.params if "--format" in p.opts), None)
        if fmt is None or path[:1] in (("brief",), ("bond",), ("episode",), ("impact",), ("execution",)):
            continue  # brief writes files; bond/episode print records, not tables; impact: its own owner
        assert "csv" in str(fmt.metavar), (path, fmt.metavar)


def test_scenario_sell_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "scenario", "sell", "japan", "300", "--draws", "0", "--model", "beltran2013",
                         "--model", "warnock2009", "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["model"] for r in rows] == ["beltran2013", "warnock2009"]
    # The CSV carries the same numbers as the JSON (rounded), and the curve is anchored at the short end.
    code, out_json, err = run(capsys, "scenario", "sell", "japan", "300", "--draws", "0", "--model",
                              "beltran2013", "--model", "warnock2009", "--format", "json")
    assert code == 0, err
    shifts = {m["model"]: m["end_shift_bp"] for m in json.loads(out_json)["models"]}
    for r in rows:
        assert float(r["shift_10y_bp"]) == pytest.approx(shifts[r["model"]]["10y"], abs=0.006)
        assert float(r["shift_10y_bp"]) > float(r["shift_2y_bp"]) > 0
    # No float noise: bp to 0.01, USD bn to USD 1mn.
    assert all(len(r["shift_10y_bp"].partition(".")[2]) <= 2 for r in rows)
    assert all(len(r["japan_cost_usd_bn"].partition(".")[2]) <= 3 for r in rows)


def test_holders_csv_has_no_float_noise(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holders", "--date", "2025-12", "--format", "csv")
    assert code == 0
    rows = {r["holder"]: r for r in csv.DictReader(io.StringIO(out))}
    # TIC publishes 0.1 bn: 866.0 - 722.8 must print as the published difference, not 143.20000000000005.
    assert rows["United Kingdom"]["change_12m_usd_bn"] == "143.2"


def test_brief_checks_its_output_path_before_any_work(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import treasury_leverage.report.brief as brief_mod

    def _no_work(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the brief was computed before the output path was checked")

    monkeypatch.setattr(brief_mod, "build_brief", _no_work)
    a_file = tmp_path / "afile"
    a_file.write_text("x")
    for target, reason in (("/proc/x", "cannot write"), (str(a_file / "sub"), "is a file"),
                           (str(a_file), "expected a folder")):
        code, out, err = run(capsys, "brief", "japan", "--out", target)
        assert code == 2 and out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: --out") and reason in lines[0], err


def test_check_output_path_leaves_nothing_behind(tmp_path: Path) -> None:
    from treasury_leverage.cli._paths import check_output_path
    from treasury_leverage.errors import InputError

    assert check_output_path(tmp_path / "new" / "deeper", kind="dir") == tmp_path / "new" / "deeper"
    assert check_output_path(tmp_path / "chart.png", kind="file") == tmp_path / "chart.png"
    assert list(tmp_path.iterdir()) == []  # probe removed, nothing created
    with pytest.raises(InputError, match="found a folder"):
        check_output_path(tmp_path, kind="file", option="--chart")


def test_data_export_format_and_deprecated_as(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "data", "export", "par_curve", "--out", str(tmp_path / "a"),
                         "--format", "csv")
    assert code == 0, err
    assert (tmp_path / "a" / "par_curve.csv").read_text().startswith("date,")
    code, out, err = run(capsys, "data", "export", "par_curve", "--out", str(tmp_path / "b"), "--as", "csv")
    assert code == 0 and (tmp_path / "b" / "par_curve.csv").exists() and "deprecated" in err
    code, out, _ = run(capsys, "data", "export", "--help")
    assert "--as" not in out and "--format" in out


def test_verbose_logs_and_quiet_silences(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code, _, err = run(capsys, "-v", "termpremium", "--start", "2025-01")
        assert code == 0 and "Estimating the ACM term premium" in err
        code, _, err = run(capsys, "-q", "termpremium", "--start", "2025-01")
        assert code == 0 and err == ""
        code, _, err = run(capsys, "curve", "show", "2025-04-05")  # a Saturday: a note on stderr
        assert code == 0 and "using 2025-04-04" in err
        code, _, err = run(capsys, "-q", "curve", "show", "2025-04-05")
        assert code == 0 and err == ""
    finally:
        from treasury_leverage.cli._progress import configure

        configure()
        logging.getLogger().handlers.clear()


def test_cite_a_preset_and_the_bibliography(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cite", "beltran2013_short_run_bp_per_100bn", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["value"] == 50.0 and record["references"][0]["key"] == "beltran2013"
    assert record["references"][0]["year"] == 2013 and "Journal of International Money" in \
        record["references"][0]["venue"]
    code, out, _ = run(capsys, "cite", "--format", "json")
    assert code == 0 and {"beltran2013", "warnock2009", "acm2013"} <= {r["key"] for r in json.loads(out)}
    code, out, err = run(capsys, "cite", "beltran2031")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "beltran2013" in err
