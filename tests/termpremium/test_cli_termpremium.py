"""``tlev termpremium`` and ``tlev episode`` on the bundled snapshot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run_cli as run


def test_episode_table_prints_the_split(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "episode", "2025-04-04", "2025-04-11")
    assert code == 0, err
    assert "2025-04-04 -> 2025-04-11" in out
    ten = next(line for line in out.splitlines() if line.strip().startswith("10 "))
    cells = ten.split()
    assert cells[:4] == ["10", "4.01", "4.48", "47"]
    assert "ACM stops at 10 years" in out and "THREEFYTP10" in out and "DEXJPUS" in out
    flat = out.replace("\n", " ")
    assert "feds200628.csv excerpt" in flat and "curve: GSW daily curve" in flat


def test_episode_json_has_unit_keys_and_adds_up(capsys: pytest.CaptureFixture[str]) -> None:
    args = ("episode", "2025-04-04", "2025-04-11", "--format", "json", "-m", "10", "-m", "2")
    code, out, _ = run(capsys, *args)
    assert code == 0
    payload = json.loads(out)
    rows = {r["maturity_years"]: r for r in payload["yields"]}
    assert set(rows) == {2, 10}
    ten = rows[10]
    assert ten["change_bp"] == pytest.approx(47.0)
    assert ten["expected_rates_bp"] + ten["term_premium_bp"] + ten["residual_bp"] == pytest.approx(47.0)
    assert ten["term_premium_bp"] > ten["expected_rates_bp"] > 0
    assert payload["ten_year_inflation_split"]["breakeven_bp"] == pytest.approx(2.0)
    assert payload["indicators"]["kim_wright_tp10"]["change_bp"] == pytest.approx(23.4)


def test_episode_chart_png(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "ep.png"
    code, out, err = run(capsys, "episode", "2025-04-04", "2025-04-11", "--chart", str(target), "-f", "json")
    assert code == 0, err
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads(out)["chart"] == str(target)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("episode", "2025-04-11", "2025-04-04"), "END 2025-04-04 is before START 2025-04-11"),
        (("episode", "1980-01-02", "1980-06-30"), "outside the data"),
        (("episode", "2025-04-04", "2025-04-11", "-m", "4"), "maturities"),
        (("termpremium", "--maturity", "30"), "1..10"),
        (("termpremium", "--start", "2020-01-01", "--end", "2019-01-01"), "after end"),
        (("termpremium", "--chart", "tp.pdf"), "unknown extension '.pdf'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], match: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and match in lines[0]


def test_termpremium_json_monthly_from_1961(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "termpremium", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    data = payload["data"]
    assert data[0]["date"] == "1961-06-30"
    assert set(data[0]) == {"date", "fitted_yield_pct", "risk_neutral_yield_pct", "term_premium_pct",
                            "term_premium_bp"}
    assert data[0]["term_premium_bp"] == pytest.approx(100 * data[0]["term_premium_pct"])
    assert payload["meta"]["maturity_years"] == 10 and payload["meta"]["frequency"] == "monthly"
    # The default sample is the Fed's GSW curve to its latest month (issue 14).
    assert "feds200628.csv excerpt 2023-07-31..2026-08-21" in payload["meta"]["model"]
    assert data[-1]["date"] == "2026-08-31"
    row = data[-1]
    assert row["fitted_yield_pct"] == pytest.approx(row["risk_neutral_yield_pct"] + row["term_premium_pct"])
    # The early-1980s peak of the 10-year premium (NY Fed: ~5%).
    peak = max(data, key=lambda r: r["term_premium_pct"])
    assert peak["date"][:4] in {"1980", "1981", "1982", "1983", "1984"} and peak["term_premium_pct"] > 4.0


def test_termpremium_daily_csv_window(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "termpremium", "-m", "5", "--daily", "--start", "2025-04-04", "--end",
                       "2025-04-11", "--format", "csv")
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == "date,fitted_yield_pct,risk_neutral_yield_pct,term_premium_pct,term_premium_bp"
    assert [line.split(",")[0] for line in lines[1:]] == [
        "2025-04-04", "2025-04-07", "2025-04-08", "2025-04-09", "2025-04-10", "2025-04-11"]


def test_termpremium_chart_svg(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "tp.svg"
    code, out, err = run(capsys, "termpremium", "--chart", str(target), "--start", "2000-01")
    assert code == 0, err
    text = target.read_text()
    assert text.lstrip().startswith("<svg") and "Term premium" in text
    assert "2000-01-31" in out


@pytest.mark.parametrize("args", [["--help"], ["termpremium", "--help"], ["episode", "--help"]])
def test_help_does_not_import_pandas(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from treasury_leverage.cli.main import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip().splitlines()[-1] == "False"
    assert {"termpremium": "--maturity", "episode": "START", "--help": "episode"}[args[0]] in done.stdout
