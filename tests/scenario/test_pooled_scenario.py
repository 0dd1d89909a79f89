"""The scenario engine's default answer: the pooled mixture, peak and permanent, bills from the same draws."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.scenario.engine import run


@pytest.fixture(scope="module")
def japan() -> object:
    return run({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 60}}],
                "draws": 2000, "seed": 0})


def test_pooled_is_the_default_and_carries_peak_and_permanent_bands(japan: object) -> None:
    res = japan
    assert res.default_model == "pooled" and res.models[0] == "pooled"
    d = res.to_dict(full_paths=False)
    ten = d["pooled"]["ten_year"]
    for key in ("peak_bp", "permanent_bp"):
        assert ten[key]["p5"] <= ten[key]["p50"] <= ten[key]["p95"]
    # the transient adds to the permanent part at the end of the sale
    assert ten["peak_bp"]["p95"] > ten["permanent_bp"]["p95"]
    # per-model tables stay, with family and role
    roles = {m["model"]: (m["family"], m["in_pool"]) for m in d["models"]}
    assert roles["ahmed_rebucci2022"] == ("flow-study", False) and roles["duration_supply"] == ("stock", True)


def test_permanent_median_lies_in_what_the_stock_literature_implies(japan: object) -> None:
    p = japan.pooled
    assert p is not None
    ten_ye = p["sold_ten_year_equivalents_usd_bn"]
    # Japan's ladder: USD 300bn is worth roughly 120-220bn of 10-year equivalents
    assert 120 < ten_ye < 220
    lo, hi = (ten_ye / 100 * b for b in (3.0, 10.0))
    assert p["stock_literature_permanent_10y_bp"] == pytest.approx([lo, hi])
    assert lo <= p["permanent_10y_p50_bp"] <= hi and p["permanent_within_stock_literature"]


def test_us_cost_of_the_permanent_shift_is_consistent_with_cbos_rule(japan: object) -> None:
    from treasury_leverage.scenario.us_bill import cbo_rule_of_thumb_check, us_interest_bill

    res = japan
    p = res.pooled
    perm = res.paths["pooled"].permanent_bands_bp[1]
    shift = np.repeat(perm[None, None, :], 120, axis=1)
    bill = us_interest_bill(shift, res.maturities_years, as_of=res.start)
    assert p["permanent_shift_us_cost_10y_usd_bn"] == pytest.approx(float(bill.extra_interest_usd_bn[0, -1]))
    check = cbo_rule_of_thumb_check(as_of=res.start)
    scale = p["permanent_10y_p50_bp"] / 10.0
    assert p["cbo_rule_scaled_usd_bn"] == pytest.approx(check.cbo_usd_bn * scale)
    # below the all-rates rule (bills and the short end move less than the 10-year), but the same order
    assert 0.4 < p["ratio_to_uniform_rule"] < 1.0
    cost = p["permanent_shift_us_cost_10y_usd_bn"]
    assert 0.4 * p["cbo_rule_scaled_usd_bn"] < cost < p["cbo_rule_scaled_usd_bn"]


def test_yields_and_bills_of_a_pooled_draw_come_from_the_same_draw(japan: object) -> None:
    res = japan
    bd = res.bill_draws("pooled")
    # the mark-to-market (the total also carries the FX loss, drawn from its own presets)
    mtm = bd.holder_usd_bn["Japan"]["mark_to_market_usd_bn"]
    us10 = bd.us_extra_interest_usd_bn[:, bd.us_column(10)]
    n = len(us10)
    # a draw with a larger yield shift costs both sides more: strongly rank-correlated draw by draw
    r = np.corrcoef(np.argsort(np.argsort(mtm[:n])), np.argsort(np.argsort(us10)))[0, 1]
    assert r > 0.5


def test_no_sale_gives_zero_pooled_effect() -> None:
    res = run({"actors": [{"holder": "japan", "hold": {}}], "models": ["pooled"], "draws": 200, "seed": 0})
    pp = res.peak_permanent("pooled", 10.0)
    assert all(v == 0 for k in ("peak_bp", "permanent_bp") for v in pp[k].values())
