"""The JGB side of a Japanese action (issue 13, item 2): signs, recomputation, reported not netted."""

from __future__ import annotations

import pytest

from treasury_leverage.presets import preset_value
from treasury_leverage.scenario.jgb import jgb_side
from treasury_leverage.scenario.spec import parse_spec, sell_spec, spec_hash


def test_off_by_default_and_out_of_the_hash() -> None:
    off = sell_spec("japan", 300, days=60)
    on = sell_spec("japan", 300, days=60, jgb=True)
    assert off.jgb is False and "jgb" not in off.to_json_dict()
    assert on.to_json_dict()["jgb"] is True
    assert spec_hash(off) != spec_hash(on)
    # a spec written before the option hashes as it did: its JSON has no such key
    assert spec_hash(parse_spec({k: v for k, v in on.to_json_dict().items() if k != "jgb"})) == spec_hash(off)


def test_official_sale_buys_no_jgbs_repatriation_does() -> None:
    info = {
        "holder": "Japan",
        "action": "sell",
        "converted_usd_bn": 300.0,
        "sell_usd_bn": 300.0,
        "home_per_usd_at_start": 150.0,
    }
    side = jgb_side(info)
    assert side["netted"] is False and "not netted" in side["label"] and side["holder_is_official"]
    act = side["action_case"]
    assert act["jgb_purchases_jpy_tn"] == 0.0 and act["jgb_10y_change_bp"] == 0.0
    assert act["jgb_mtm_gain_usd_bn"] == 0.0  # the Ministry of Finance holds no JGBs
    rep = side["repatriation_case"]
    share = preset_value("private_repatriation_jgb_purchase_share")
    bp = preset_value("jgb_10y_bp_per_jpy_tn")
    jpy = 300.0 * share * 150.0 / 1000.0
    assert rep["jgb_purchases_jpy_tn"] == pytest.approx(jpy)
    assert rep["jgb_10y_change_bp"] == pytest.approx(-bp * jpy) and rep["jgb_10y_change_bp"] < 0
    lo, hi = rep["jgb_10y_change_bp_range"]
    assert lo <= rep["jgb_10y_change_bp"] <= hi < 0
    holdings = preset_value("japan_private_jgb_holdings_jpy_tn")
    dur = preset_value("jgb_holdings_modified_duration_years")
    gain = holdings * dur * bp * jpy / 1e4 * 1000.0 / 150.0
    assert rep["jgb_mtm_gain_usd_bn"] == pytest.approx(gain) and gain > 0
    g_lo, g_hi = rep["jgb_mtm_gain_usd_bn_range"]
    assert g_lo <= gain <= g_hi
    # an official holder told to buy JGBs with the yen: the move follows the share
    forced = jgb_side(info, {"official_proceeds_jgb_purchase_share": 0.2})["action_case"]
    assert forced["jgb_10y_change_bp"] == pytest.approx(-bp * 300.0 * 0.2 * 150.0 / 1000.0)


def test_other_holders_and_the_engine_hook() -> None:
    assert jgb_side({"holder": "China, Mainland", "converted_usd_bn": 100.0})["available"] is False
    from treasury_leverage.scenario.engine import run

    base = {
        "actors": [{"holder": "japan", "runoff": {"months": 12, "convert_share": 1.0}}],
        "models": ["beltran2013"],
    }
    off, on = run(base), run({**base, "jgb": True})
    assert "jgb" not in off.holders[0]
    side = on.holders[0]["jgb"]
    assert side["repatriation_case"]["proceeds_usd_bn"] == pytest.approx(on.holders[0]["matured_usd_bn"])
    # reported, not netted: the holder's bill is the same with and without the report
    assert on.cost("beltran2013", "Japan", "total_pv_usd_bn") == off.cost(
        "beltran2013", "Japan", "total_pv_usd_bn"
    )
