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
