"""``tlev scenario``: the summary tables, the full JSON result, and bad input as one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_helpers import run_cli as _run


def test_sell_json_is_the_full_result(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "scenario", "sell", "japan", "300", "--days", "60", "--mix", "longest-first",
                        "--model", "beltran2013", "--model", "habitat", "--draws", "500", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert [m["model"] for m in payload["models"]] == ["beltran2013", "habitat"]
    assert payload["holders"][0]["holder"] == "Japan" and payload["holders"][0]["sell_usd_bn"] == 300
    assert payload["holders"][0]["mix"] == "longest-first"
    first = payload["models"][0]
    assert len(first["daily_shift_bp"]) == 60 and len(first["monthly_shift_bp"]) == 121
    assert payload["provenance"]["draws"] == 500 and len(payload["spec_hash"]) == 16
    items = {r["item"] for r in payload["seller_bill"]}
    assert {"concession_usd_bn", "mark_to_market_usd_bn", "fx_usd_bn", "total_pct_gdp"} <= items
    assert payload["us_bill"]["beltran2013"]["horizons_years"] == [1, 5, 10]


def test_sell_table_shows_yields_and_both_bills(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "scenario", "sell", "japan", "300", "--days", "60", "--draws", "300")
    assert code == 0
    for text in ("Yield change at the end", "Japan's cost", "Cost to the United States", "beltran2013",
                 "p5,p95"):
        assert text in out


def test_pause_and_runoff_tables(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "scenario", "pause", "japan", "--months", "12", "--draws", "0",
                        "--model", "kcfed2025")
    flat = out.replace("\n", " ")
    assert code == 0 and "pauses purchases for 12 months (forgone" in flat and "tlev flows" in flat
    code, out, _ = _run(capsys, "scenario", "runoff", "japan", "--months", "24", "--draws", "0",
                        "--model", "kcfed2025")
    assert code == 0 and "not reinvested" in out


def test_run_spec_file_with_a_coalition_and_a_tariff(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    spec = tmp_path / "coalition.yaml"
    spec.write_text("actors:\n  - holder: japan\n    sell: {amount_usd_bn: 100, days: 20}\n"
                    "  - holder: china\n    pause: {months: 6}\ntrade: {tariff_pct: {japan: 25}}\n"
                    "models: [beltran2013]\ndraws: 200\n")
    code, out, _ = _run(capsys, "scenario", "run", str(spec), "--seed", "4", "--format", "json")
    assert code == 0
    payload = json.loads(out)
    assert [h["holder"] for h in payload["holders"]] == ["Japan", "China, Mainland"]
    assert payload["provenance"]["seed"] == 4
    code, out, _ = _run(capsys, "scenario", "run", str(spec))
    assert code == 0 and "China, Mainland" in out


@pytest.mark.parametrize(("args", "needle"), [
    (("scenario", "sell", "japn", "300"), "actors[0].holder"),
    (("scenario", "sell", "japan", "300", "--days", "0"), "actors[0].action.days"),
    (("scenario", "sell", "japan", "99999"), "exceeds Japan"),
    (("scenario", "sell", "japan", "lots"), "actors[0].action.amount"),
    (("scenario", "sell", "japan", "300", "--mix", "random"), "actors[0].action.mix"),
    (("scenario", "pause", "japan", "--months", "0"), "actors[0].action.months"),
    (("scenario", "sell", "japan", "300", "--model", "beltran"), "beltran2013"),
    (("scenario", "sell", "japan", "300", "--start", "1900-01-01"), "start"),
])
def test_bad_input_exits_2_with_one_line(capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                                         needle: str) -> None:
    code, out, err = _run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: invalid scenario") and needle in err


def test_bad_spec_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("actors:\n  - holder: japan\n    sell: {days: -3}\n")
    code, _, err = _run(capsys, "scenario", "run", str(bad))
    assert code == 2 and err.count("\n") == 1 and "actors[0].action" in err


def test_chart_is_written(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "path.svg"
    code, out, _ = _run(capsys, "scenario", "sell", "japan", "100", "--days", "20", "--draws", "200",
                        "--model", "beltran2013", "--chart", str(target), "--format", "json")
    assert code == 0 and json.loads(out)["chart"] == str(target)
    assert target.read_text().lstrip().startswith("<svg") and "10-year yield path" in target.read_text()


def test_explicit_buckets_from_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "scenario", "sell", "japan", "50", "--days", "10", "--mix", "buckets",
                        "--bucket", "2y=0.5", "--bucket", "10y=0.5", "--draws", "0", "--model", "beltran2013",
                        "--format", "json")
    assert code == 0
    sold = json.loads(out)["holders"][0]["sold_by_bucket_usd_bn"]
    assert sold["1-2y"] == pytest.approx(25.0) and sold["9-10y"] == pytest.approx(25.0)
    code, _, err = _run(capsys, "scenario", "sell", "japan", "50", "--mix", "buckets", "--bucket", "10y")
    assert code == 2 and "MATURITY=SHARE" in err
