"""``tlev holders`` and ``tlev flows`` on the bundled snapshot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run_cli as run


def test_holders_ranking_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holders", "--date", "2025-12", "--top", "15", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    rows = payload["data"]
    assert len(rows) == 15
    assert rows[0]["holder"] == "Japan" and rows[0]["holdings_usd_bn"] == 1185.5 and rows[0]["rank"] == 1
    assert rows[0]["change_12m_usd_bn"] == pytest.approx(124.0)
    assert {"share_of_foreign_pct", "share_of_marketable_pct", "change_12m_usd_bn"} <= set(rows[0])
    assert payload["meta"]["grand_total_usd_bn"] == 9271.0


def test_holders_ranking_table_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holders", "--date", "2025-12", "--top", "3")
    assert code == 0 and "Japan" in out and "1,185.5" in out
    code, out, _ = run(capsys, "holders", "--date", "2025-12", "--top", "3", "--format", "csv")
    lines = out.strip().splitlines()
    assert lines[0].startswith("rank,holder,holdings_usd_bn") and lines[1].startswith("1,Japan,1185.5")


def test_holder_view_json_has_history_profile_and_runoff(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holders", "japan", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert payload["history"][-1]["holdings_usd_bn"] == 1185.5
    shares = [r["share_of_holdings_pct"] for r in payload["maturity_profile"]]
    assert sum(shares) == pytest.approx(100.0)
    runoff = payload["runoff"]
    assert [r["year"] for r in runoff] == list(range(1, 11))
    assert runoff[-1]["cumulative_usd_bn"] < 1185.5
    assert "survey" in payload["meta"]["st_share_source"]
    assert "does not split Japan" in payload["meta"]["official_share"]
    survey = payload["bills_share_survey"][-1]
    assert survey["date"] == "2024-06-30" and survey["st_treasury_usd_bn"] == pytest.approx(74.248)
    assert "custody_assumptions" not in payload["meta"]


def test_holder_custody_option_prints_its_assumptions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "holders", "china", "--custody", "--start", "2025-01", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert "Belgium" in " ".join(payload["meta"]["custody_assumptions"])
    last = payload["history"][-1]
    assert last["adjusted_usd_bn"] == pytest.approx(last["holdings_usd_bn"] + last["from_belgium_usd_bn"])


def test_flows_table_shows_the_estimator_error_and_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "flows", "japan", "--start", "2023-02")
    assert code == 0
    out = " ".join(out.split())  # footnotes and the verdict wrap at the terminal's width
    assert "estimator vs TIC SLT Table 1: 23 reported months, RMSE" in out
    assert "estimator vs Fed Bertaut-Judson: 115 reported months" in out
    assert "Japan: net buyer of" in out or "Japan: net seller of" in out
    assert "23 months with reported valuation" in out


def test_flows_json_reported_values(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "flows", "japan", "--start", "2024-12", "--end", "2025-01", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    dec, jan = payload["data"]
    assert dec["valuation_kind"] == "reported" and dec["valuation_usd_bn"] == -15.15
    assert jan["valuation_kind"] == "estimated" and jan["band_usd_bn"] > 0
    assert payload["meta"]["verdict"].startswith("Japan:")


def test_charts_render_offline(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    cases = (
        (("holders", "japan"), "japan.png"),
        (("flows", "japan", "--start", "2024-06"), "flows.png"),
        (("holders", "--top", "5"), "top.svg"),
    )
    for args, name in cases:
        target = tmp_path / name
        code, _, err = run(capsys, *args, "--chart", str(target), "--format", "csv")
        assert code == 0, err
        head = target.read_bytes()[:8]
        assert head.startswith(b"\x89PNG") if name.endswith(".png") else head.startswith(b"<svg")


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "flows", "japn")
    assert code == 2 and "did you mean 'Japan'" in err and "Traceback" not in err
    code, _, err = run(capsys, "holders", "--date", "2031-01")
    assert code == 2 and "data cover 2000-03 to 2025-12" in err
    code, _, err = run(capsys, "flows", "japan", "--start", "1980-01", "--end", "1990-01")
    assert code == 2 and "no monthly changes" in err


def test_help_does_not_import_pandas() -> None:
    code = (
        "import sys\nfrom treasury_leverage.cli.main import app\n"
        "assert 'pandas' not in sys.modules, 'pandas'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_flows_check_prints_the_estimator_holder_by_holder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "flows", "japan", "--start", "2025-06", "--check", "--format", "csv")
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("holder,"))
    assert "rmse_slt_out_of_sample_usd_bn" in header and "rms_reported_usd_bn" in header
    rows = [line.split(",")[0] for line in out.splitlines() if line.startswith(("Japan,", "Grand Total,"))]
    assert rows == ["Japan", "Grand Total"]
