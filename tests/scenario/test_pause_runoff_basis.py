"""Pause and run-off done right (issue 13, item 3): official baseline, refinancing mix, no concession."""

from __future__ import annotations

import pytest

from treasury_leverage.presets import preset_value
from treasury_leverage.scenario.engine import run


@pytest.fixture(scope="module")
def runoff_and_sale() -> tuple[object, object]:
    runoff = run({"actors": [{"holder": "japan", "runoff": {"months": 24}}], "models": ["pooled"]})
    matured = runoff.holders[0]["matured_usd_bn"]
    sale = run({"actors": [{"holder": "japan", "sell": {"amount_usd_bn": matured, "days": 60}}],
                "models": ["pooled"]})
    return runoff, sale


def test_runoff_costs_the_us_less_than_selling_the_same_amount(runoff_and_sale: tuple) -> None:
    runoff, sale = runoff_and_sale
    r, s = runoff.us_bill["pooled"], sale.us_bill["pooled"]
    assert r["pv_extra_interest_usd_bn"] < s["pv_extra_interest_usd_bn"]
    assert r["extra_interest_usd_bn"][-1] < s["extra_interest_usd_bn"][-1]
    assert runoff.cost("pooled", "Japan", "concession_usd_bn") == 0.0
    assert sale.cost("pooled", "Japan", "concession_usd_bn") > 0.0
    h = runoff.holders[0]
    assert h["refinance_bills_share"] == preset_value("runoff_refinance_bills_share")
    assert "marginal issuance mix" in h["refinance_basis"]


def test_runoff_supply_is_mostly_bills() -> None:
    """The flows the market absorbs sit at the bills bucket in the refinancing share."""
    from treasury_leverage.scenario.engine import _plans
    from treasury_leverage.scenario.spec import check_spec, parse_spec

    spec = parse_spec({"actors": [{"holder": "japan", "runoff": {"months": 12}}], "models": ["beltran2013"],
                       "overrides": {"runoff_refinance_bills_share": 0.7}})
    plans, _, _ = _plans(check_spec(spec))
    flows = plans[0].monthly_sales_usd_bn[:12]
    assert flows[:, 0].sum() / flows.sum() == pytest.approx(0.7)
    assert flows.sum() == pytest.approx(plans[0].details["matured_usd_bn"])


def test_pause_states_its_official_baseline() -> None:
    res = run({"actors": [{"holder": "japan", "pause": {"months": 12}}], "models": ["beltran2013"]})
    h = res.holders[0]
    window = int(preset_value("pause_baseline_months"))
    assert h["baseline_window_months"] == window
    share = preset_value("official_share_of_tic_japan")
    assert h["baseline_official_share"] == share
    # only the official part of the (unbiased) trailing average is forgone
    assert h["baseline_usd_bn_per_month"] == pytest.approx(share * h["baseline_all_holders_usd_bn_per_month"])
    assert h["forgone_purchases_usd_bn"] == pytest.approx(12 * h["baseline_usd_bn_per_month"])
    assert f"over {window} months" in h["baseline_source"]
    assert "private buyers keep buying" in h["baseline_source"]
    assert "unbiased" in h["baseline_bias_correction"]
    assert "TRESEGJPM052N" in h["reserves_check"]
    # a holder without an official-share estimate says so
    other = run({"actors": [{"holder": "canada", "pause": {"months": 6}}], "models": ["beltran2013"]})
    assert other.holders[0]["baseline_official_share"] == 1.0
    assert "not estimated" in other.holders[0]["baseline_source"]
