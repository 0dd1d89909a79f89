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


def test_flows_check_json_is_one_document_with_the_acceptance_numbers(
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run(capsys, "flows", "japan", "--start", "2023-01", "--check", "--format", "json")
    assert code == 0
    doc = json.loads(out)  # one JSON document, not two
    assert "AR(1)" in doc["meta"]["band_model"]
    rows = [r for r in doc["data"] if r["holder"] == "Japan"]
    assert {(r["period"], r["fit_on"]) for r in rows} == {
        (p, f) for p in ("2011-2020", "2023-2024") for f in ("2011-2020", "2023-2024")}
    # Issue 14 acceptance: in and out of sample the mean monthly error for Japan is within
    # +/- $0.5 bn, and the cumulative band covers the reported cumulative net purchases.
    for r in rows:
        assert abs(r["bias_usd_bn"]) < 0.5, r
        assert r["covered"], r
        gap = abs(r["cum_reported_net_purchases_usd_bn"] - r["cum_estimated_net_purchases_usd_bn"])
        assert gap <= r["cum_band_usd_bn"]
    holders = {r["holder"] for r in doc["data"]}
    assert holders == {"Japan", "China, Mainland", "Grand Total", "Foreign Official"}


def test_flows_check_table_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "flows", "china", "--start", "2025-06", "--check", "--format", "csv")
    assert code == 0
    header = out.splitlines()[0]
    assert header.startswith("holder,period,fit_on,sample") and "bias_usd_bn" in header
    code, out, _ = run(capsys, "flows", "japan", "--start", "2025-06", "--check")
    assert code == 0 and "in sample" in out and "AR(1)" in out
