"""``tlev data``: the CLI faces of the data layer, on the bundled snapshot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run_cli as run


def test_show_holdings_json_has_the_published_values(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "show", "holdings", "--country", "japan", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    values = {r["date"]: r["holdings_usd_bn"] for r in payload["data"]}
    assert values["2025-12-31"] == 1185.5 and values["2024-12-31"] == 1061.5
    assert payload["meta"]["dataset"] == "holdings" and payload["meta"]["vintage"]


def test_status_lists_every_dataset(capsys: pytest.CaptureFixture[str]) -> None:
    from treasury_leverage.data.catalog import CATALOG

    code, out, _ = run(capsys, "data", "status", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert {r["dataset"] for r in rows} == set(CATALOG)
    assert all(r["origin"] == "snapshot" for r in rows)


def test_csv_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "show", "par_curve", "--series", "10Y", "--start", "2025-04-04",
                       "--end", "2025-04-11", "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "date,series_id,value,unit"
    assert "2025-04-11,10Y,4.48,percent" in lines


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("data", "show", "holdngs"), "did you mean 'holdings'"),
        (("data", "show", "holdings", "--country", "atlantis"), "unknown country 'atlantis'"),
        (("data", "show", "holdings", "--start", "2025-01", "--end", "2024-01"), "after end"),
        (("data", "sql", "SELECT * FROM nowhere"), "SQL query failed"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                            needle: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_help_does_not_import_pandas() -> None:
    code = (
        "import sys; from treasury_leverage.cli.main import main\n"
        "try:\n    main(['data', '--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'pandas' not in sys.modules, 'pandas imported by --help'\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'pandas' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr


def test_build_snapshot_from_a_mutated_file_is_one_line(
    capsys: pytest.CaptureFixture[str], shared_data: Path, tmp_path: Path
) -> None:
    raw = tmp_path / "raw" / "tic"
    raw.mkdir(parents=True)
    text = (shared_data / "tic" / "mfhhis01.txt").read_text()
    (raw / "mfhhis01.txt").write_text(text.replace("Grand Total", "Grand Totl"))
    out = tmp_path / "snap"
    code, _, err = run(capsys, "data", "build-snapshot", "--from", str(raw.parent), "--out", str(out),
                       "--dataset", "holdings")
    assert code == 2
    assert "mfhhis01.txt" in err and len(err.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize("args", [("holders", "--format", "pdf"), ("data", "show", "holdings", "--bogus")])
def test_usage_errors_exit_2_without_traceback(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "Traceback" not in err and "Error" in err


def test_status_table_shows_effective_ends_and_the_gsw_segments(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "status")
    assert code == 0
    assert "served to" in out  # the effective end: what the accessors serve
    text = " ".join(out.split())  # footnotes wrap at the terminal's width
    par = text[text.index("par_curve segments:"):]
    assert "..2025-07-11" in par and "FRED DGS* (same CMT yields) 2025-07-14..2026-07-22" in par
    gsw = text[text.index("gsw_params segments:"):]
    for piece in ("workbook", "SVENY", "excerpt", "par fit"):
        assert piece in gsw
