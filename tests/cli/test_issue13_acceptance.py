"""Issue 13's acceptance, checked as a new user would run it (relations and keys, not pinned numbers)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cli_helpers import run_cli
from treasury_leverage.presets import preset_value


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code, out, err = run_cli(capsys, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def _cost(d: dict[str, Any], holder: str, item: str) -> float:
    return float(
        next(
            r["central"]
            for r in d["seller_bill"]
            if r["model"] == "pooled" and r["holder"] == holder and r["item"] == item
        )
    )


def test_game_japan_default(capsys: pytest.CaptureFixture[str]) -> None:
    d = _json(capsys, "game", "japan")
    # >= 1,000 draws by default, from the preset
    assert d["n_draws"] == int(preset_value("default_draws")) >= 1000
    # both costs in PV on one horizon
    w = d["weights"]
    assert w["game_cost_basis"] == "pv" and w["game_horizon_years"] == int(preset_value("cost_horizon_years"))
    assert any("present value" in n and "both sides on one basis" in n for n in d["notes"])
    # trade retaliation among the responses, with credibility, both costs and a leverage ratio
    assert any(a.startswith("counter-tariff") for a in d["holder_actions"])
    by = {a["response"]: a for a in d["credibility"]}
    for r in d["holder_actions"][1:]:
        a = by[r]
        assert 0.0 <= a["credible_share_of_draws"] <= 1.0
        assert {"p5", "p50", "p95"} <= set(a["holder_cost_usd_bn"]) and {"p50"} <= set(a["us_cost_usd_bn"])
        assert "leverage_ratio" in a
    ct = by[next(r for r in d["holder_actions"] if r.startswith("counter-tariff"))]
    assert ct["us_cost_usd_bn"]["p50"] > 0  # it costs the U.S. (federal taxes on exporters' lost income)
    # the deterrence curve, aims value -> required probability, with the revealed-preference point
    for det in d["deterrence"]:
        curve = det["deterrence_curve"]
        assert [p["aims_usd_bn"] for p in curve] == sorted(p["aims_usd_bn"] for p in curve)
        marked = [p for p in curve if p["revealed_preference_point"]]
        assert len(marked) == 1 and marked[0]["aims_usd_bn"] == pytest.approx(det["revealed_aims_usd_bn"])
        assert {"required_prob_p5", "required_prob_p50", "required_prob_p95"} <= set(curve[0])


def test_sell_japan_300(capsys: pytest.CaptureFixture[str]) -> None:
    d = _json(capsys, "scenario", "sell", "japan", "300", "--days", "60", "--draws", "0")
    h = d["holders"][0]
    # FX on by default for an official holder
    assert h["convert_share"] == preset_value("official_sale_convert_share") == 1.0
    assert _cost(d, "Japan", "fx_usd_bn") > 0
    # holder items include carry and the share of U.S. interest received
    items = {r["item"] for r in d["seller_bill"]}
    assert {"carry_usd_bn", "concession_usd_bn", "horizon_mark_to_market_usd_bn", "total_pv_usd_bn"} <= items
    us = d["us_bill"]["pooled"]
    assert h["us_interest_share_pv_usd_bn"] == pytest.approx(
        h["marketable_debt_share"] * us["pv_extra_interest_usd_bn"]
    )
    total = sum(
        _cost(d, "Japan", k)
        for k in ("concession_usd_bn", "carry_usd_bn", "horizon_mark_to_market_usd_bn", "fx_usd_bn")
    )
    assert _cost(d, "Japan", "total_pv_usd_bn") == pytest.approx(total)
    # the U.S. views, labelled: national = interest paid to foreign holders
    v = us["views"]
    assert v["fiscal_pv_usd_bn"] == pytest.approx(us["pv_extra_interest_usd_bn"])
    assert v["national_pv_usd_bn"] == pytest.approx(
        preset_value("us_debt_foreign_held_share") * v["fiscal_pv_usd_bn"]
    )
    assert {"fiscal", "national", "households"} <= set(v["labels"])


def test_runoff_costs_the_us_less_than_selling_as_much_and_the_holder_no_concession(
    capsys: pytest.CaptureFixture[str],
) -> None:
    r = _json(capsys, "scenario", "runoff", "japan", "--months", "24", "--draws", "0")
    h = r["holders"][0]
    assert _cost(r, "Japan", "concession_usd_bn") == 0.0
    # a run-off is not an intervention: by default it keeps dollars (preset, stated)
    assert h["convert_share"] == preset_value("official_runoff_convert_share")
    assert "official_runoff_convert_share" in h["convert_basis"]
    s = _json(
        capsys, "scenario", "sell", "japan", f"{h['matured_usd_bn']:.6f}", "--days", "60", "--draws", "0"
    )
    assert (
        r["us_bill"]["pooled"]["pv_extra_interest_usd_bn"]
        < s["us_bill"]["pooled"]["pv_extra_interest_usd_bn"]
    )


def test_pause_states_its_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    p = _json(capsys, "scenario", "pause", "japan", "--months", "12", "--draws", "0")
    h = p["holders"][0]
    assert h["baseline_window_months"] == int(preset_value("pause_baseline_months"))
    assert h["baseline_official_share"] == preset_value("official_share_of_tic_japan")
    assert h["baseline_usd_bn_per_month"] == pytest.approx(
        h["baseline_official_share"] * h["baseline_all_holders_usd_bn_per_month"]
    )
    assert "bias_correction" in " ".join(h) and "unbiased" in h["baseline_bias_correction"]
    code, out, _ = run_cli(capsys, "scenario", "pause", "japan", "--months", "12", "--draws", "0")
    assert code == 0 and "official" in out and "24 months" in out
