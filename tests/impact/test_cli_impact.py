"""``tlev impact`` and ``tlev execution``: outputs with units, bad input as one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run_cli as _run


def test_impact_json_reproduces_beltran(capsys: pytest.CaptureFixture[str]) -> None:
    from treasury_leverage.presets import get_preset

    code, out, _ = _run(capsys, "impact", "--sell", "100", "--maturity", "5y", "--model", "beltran2013",
                        "--format", "json", "--draws", "2000")
    assert code == 0
    payload = json.loads(out)
    assert payload["sell_usd_bn"] == 100 and payload["model"] == "beltran2013"
    five = next(r for r in payload["impacts"] if r["maturity_years"] == 5)
    # Beltran's 50 / 20 bp, scaled from the 1994-2010 market (3.9tn) to today's (MSPD)
    scale = (get_preset("beltran2013_sample_marketable_debt_usd_bn").value
             / get_preset("us_marketable_debt_usd_bn").value)
    assert five["end_impact_bp"] == pytest.approx(50.0 * scale)
    assert five["long_run_impact_bp"] == pytest.approx(20.0 * scale)
    assert 40 * scale * 0.9 <= five["end_p5_bp"] <= five["end_p95_bp"] <= 60 * scale * 1.15
    assert "beltran2013_short_run_bp_per_100bn" in payload["presets"]


def test_impact_compare_table_lists_every_family(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "impact", "--compare", "--sell", "100", "--draws", "500")
    assert code == 0
    for name in ("beltran2013", "warnock2009", "ahmed_rebucci2022", "kcfed2025", "duration_supply",
                 "habitat", "flow_plus_stock", "almgren_chriss"):
        assert name in out
    # families and the pooled line are shown; the 80-column fit is checked in test_cli_conventions
    assert "pooled" in out
    for family in ("flow-study", "stock", "habitat", "execution", "stress", "variant"):
        assert family in out
    assert "pooled" in out and "peak" in out and "permanent" in out
    code, out, _ = _run(capsys, "impact", "--compare", "--sell", "100", "--draws", "500", "--format", "json")
    payload = json.loads(out)
    families = {r["family"] for r in payload["data"]}
    assert families == {"pooled", "flow-study", "stock", "habitat", "execution"}
    assert payload["data"][0]["model"] == "pooled" and payload["data"][0]["role"] == "pooled"
    assert all("source" in r and r["peak_p5_bp"] <= r["peak_p50_bp"] <= r["peak_p95_bp"]
               and r["permanent_p5_bp"] <= r["permanent_p95_bp"] for r in payload["data"])
    roles = {r["model"]: r["role"] for r in payload["data"]}
    assert roles["ahmed_rebucci2022"] == "stress" and roles["flow_plus_stock"] == "variant"
    assert sum(r["member_weight"] for r in payload["data"] if r["role"] == "member") == pytest.approx(1.0)


def test_compare_chart(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "cmp.svg"
    code, _, _ = _run(capsys, "impact", "--compare", "--sell", "100", "--draws", "200",
                      "--chart", str(target))
    assert code == 0 and target.read_text().lstrip().startswith("<svg")


def test_execution_json_and_frontier_chart(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "frontier.png"
    code, out, _ = _run(capsys, "execution", "--sell", "300", "--days", "20", "--format", "json",
                        "--chart", str(target))
    assert code == 0
    payload = json.loads(out)
    assert payload["sell_usd_bn"] == 300 and payload["horizon_days"] == 20
    plans = {p["strategy"]: p for p in payload["plans"]}
    assert set(plans) == {"optimal", "even", "dump"}
    assert sum(plans["even"]["trades_usd_bn"]) == pytest.approx(300)
    assert plans["dump"]["cost_usd_bn"] > plans["even"]["cost_usd_bn"] > 0
    assert plans["even"]["cost_p5_usd_bn"] < plans["even"]["cost_usd_bn"] < plans["even"]["cost_p95_usd_bn"]
    assert target.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize(("args", "needle"), [
    (("impact", "--sell", "-5"), "non-negative"),
    (("impact", "--sell", "100", "--model", "beltran"), "beltran2013"),
    (("impact", "--sell", "100", "--maturity", "fifty"), "maturity"),
    (("impact", "--sell", "100", "--maturity", "50y"), "30 years"),
    (("execution", "--sell", "-1"), "non-negative"),
    (("execution", "--sell", "100", "--permanent", "habitatt"), "habitat"),
    (("execution", "--sell", "100", "--days", "0"), "days"),
])
def test_bad_input_is_one_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], needle: str
) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and needle in err and err.count("\n") == 1


def test_help_does_not_import_pandas() -> None:
    code = ("import sys; from treasury_leverage.cli import impact; "
            "assert 'pandas' not in sys.modules and 'numpy' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_curve_date_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "impact", "--sell", "100", "--maturity", "30y", "--model", "duration_supply",
                        "--curve-date", "2024-06-28", "--format", "json", "--draws", "100")
    assert code == 0 and json.loads(out)["durations"] == "par curve of 2024-06-28"
    code, _, err = _run(capsys, "impact", "--sell", "100", "--curve-date", "1900-01-01")
    assert code == 2 and "data cover" in err


def test_presets_listing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "impact", "--presets", "--model", "habitat", "--format", "json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(out)}
    assert "habitat_long_short_ratio" in rows and rows["habitat_long_short_ratio"]["confidence"] == "V2"
    assert all(r["source"] and "habitat" in r["models"] for r in rows.values())
    code, out, _ = _run(capsys, "impact", "--presets", "--compare", "--format", "json")
    names = {r["name"] for r in json.loads(out)}
    assert {"beltran2013_short_run_bp_per_100bn", "treasury_adv_usd_bn",
            "duration_supply_bp_per_pct_gdp"} <= names
    code, _, err = _run(capsys, "impact", "--model", "habitat")
    assert code == 2 and "--sell" in err


def test_compare_reads_any_maturity_and_bills_barely_move(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "impact", "--compare", "--sell", "100", "--maturity", "6m", "--draws", "100")
    assert code == 0 and "10y yield" in out
    args = ("impact", "--compare", "--sell", "100", "--draws", "200", "--format", "json")
    code, out, _ = _run(capsys, *args, "--at", "6m")
    six = {r["model"]: r for r in json.loads(out)["data"]}
    code, out, _ = _run(capsys, *args)
    ten = {r["model"]: r for r in json.loads(out)["data"]}
    # the policy rate anchors bills: a note sale moves the 6-month yield a fraction of the 10-year
    assert six["pooled"]["peak_p50_bp"] < 0.2 * ten["pooled"]["peak_p50_bp"]
    code, _, err = _run(capsys, "impact", "--compare", "--sell", "100", "--at", "45y", "--draws", "100")
    assert code == 2 and "at most 30 years" in err
