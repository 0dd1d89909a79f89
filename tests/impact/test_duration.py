"""Duration supply: about 10 bp on the 10-year per 1% of GDP of 10-year equivalents."""

from __future__ import annotations

import pytest

from treasury_leverage.impact.base import SalesPath, par_durations
from treasury_leverage.impact.duration import DurationSupply
from treasury_leverage.presets import get_preset


def test_one_percent_of_gdp_of_ten_year_equivalents_moves_the_10y_term_premium_10bp() -> None:
    gdp = get_preset("nominal_gdp_usd_bn").value
    res = DurationSupply().impact(SalesPath.even(0.01 * gdp, "10y"), draws=5000, seed=0)
    assert res.end_bp("10y") == pytest.approx(10.0)
    assert res.long_run_at("10y") == pytest.approx(10.0)  # a stock effect: permanent
    band = res.band("10y")
    assert 5.0 <= band["p5"] < 10.0 < band["p95"] <= 30.0


def test_about_3_bp_per_100bn_of_ten_year_equivalents() -> None:
    # docs/literature.md section 2: 'approx 3.3 bp per USD 100bn 10yE' at GDP USD 30tn
    res = DurationSupply().impact(SalesPath.even(100, "10y"))
    assert res.end_bp("10y") == pytest.approx(3.33, abs=0.01)


def test_thirty_year_bonds_count_by_duration() -> None:
    mod, _ = par_durations((10, 30))
    model = DurationSupply()
    ten = model.impact(SalesPath.even(100 * mod[1] / mod[0], "10y")).end_bp("10y")
    thirty = model.impact(SalesPath.even(100, "30y")).end_bp("10y")
    assert thirty == pytest.approx(ten)


def test_overrides() -> None:
    res = DurationSupply(overrides={"duration_supply_bp_per_pct_gdp": 20.0}).impact(
        SalesPath.even(300, "10y"))
    assert res.end_bp("10y") == pytest.approx(20.0)


def test_flow_plus_stock_is_beltrans_short_run_decaying_to_the_stock_effect() -> None:
    import numpy as np

    from treasury_leverage.impact.combined import FlowPlusStock
    from treasury_leverage.presets import get_preset

    sales = np.zeros(24)
    sales[0] = 100.0
    path = SalesPath(sales, (5.0,), "month")
    both = FlowPlusStock().impact(path, draws=2000, seed=0)
    stock = DurationSupply().impact(path)
    scale = (get_preset("beltran2013_sample_marketable_debt_usd_bn").value
             / get_preset("us_marketable_debt_usd_bn").value)
    # on impact: Beltran's (scaled) short run, of which the stock effect is the permanent part
    assert both.at("5y")[0] == pytest.approx(50.0 * scale)
    excess = 50.0 * scale - stock.at("5y")[0]
    # one half-life (3 months) later half the excess is gone; in the long run only the stock is left
    assert both.at("5y")[3] - stock.at("5y")[3] == pytest.approx(excess / 2)
    assert not FlowPlusStock.in_pool and "beltran2013" in FlowPlusStock.variant
    assert both.long_run_bp == pytest.approx(stock.long_run_bp)
    lr = both.band("5y", horizon="long_run")
    assert lr["p5"] < stock.long_run_at("5y") < lr["p95"]
