"""Each empirical preset reproduces its paper's headline when fed that paper's experiment."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.impact.base import SalesPath
from treasury_leverage.impact.empirical import AhmedRebucci2022, Beltran2013, KCFed2025, Warnock2009
from treasury_leverage.presets import get_preset

DRAWS = 20_000


def test_beltran_100bn_in_a_month_moves_the_5y_40_to_60bp_then_about_20() -> None:
    # the paper's experiment: a USD 100bn fall in foreign official holdings of notes/bonds in one
    # month (5-year duration), followed by three years without further flows
    sales = np.zeros(37)
    sales[0] = 100.0
    path = SalesPath(sales, (5.0,), "month")
    res = Beltran2013().impact(path, draws=DRAWS, seed=0)
    assert res.at("5y")[0] == pytest.approx(50.0)
    impact_band = {k: float(res.bands_bp[i, 0, 4]) for i, k in enumerate(("p5", "p50", "p95"))}
    assert 40.0 <= impact_band["p5"] < impact_band["p95"] <= 60.0
    assert res.long_run_at("5y") == pytest.approx(20.0)
    lr = res.band("5y", horizon="long_run")
    assert 15.0 <= lr["p5"] <= 20.0 <= lr["p95"] <= 25.0
    # short run decays monotonically towards the long run
    five = res.at("5y")
    assert (np.diff(five) < 0).all() and five[-1] == pytest.approx(20.0, abs=0.1)
    # after one half-life (3 months) half the excess over the long run is gone
    assert five[3] - 20.0 == pytest.approx(15.0)


def test_warnock_a_year_without_official_flows_raises_the_10y_80_to_90bp() -> None:
    flows_pct_gdp = get_preset("warnock2009_flows_pct_gdp_2005").value
    gdp = get_preset("nominal_gdp_usd_bn").value
    monthly = flows_pct_gdp / 100 * gdp / 12
    # the flows are dollars of the average Treasury (5-year-note duration, preset
    # flow_duration_maturity_years)
    path = SalesPath(np.full(24, monthly) * (np.arange(24) < 12), (5.0,), "month")
    res = Warnock2009().impact(path, draws=DRAWS, seed=0)
    assert 80.0 <= res.at("10y")[11] <= 90.0
    assert 80.0 <= float(res.bands_bp[1, 11, 9]) <= 90.0
    # a level effect of trailing 12-month flows: gone once the flows leave the window
    assert res.at("10y")[23] == pytest.approx(0.0, abs=1e-9)
    assert res.long_run_at("10y") == 0.0


def test_ahmed_rebucci_100bn_moves_5_10_30y_more_than_100bp_on_impact() -> None:
    res = AhmedRebucci2022().impact(SalesPath.even(100, "5y"), draws=DRAWS, seed=0)
    for m in ("5y", "10y", "30y"):
        assert res.end_bp(m) >= 100.0
    # the band reaches down to the recursive identification's range (19-44 bp) but not below
    assert res.band("5y")["p5"] >= 44.0
    assert res.long_run_at("10y") == 0.0


def test_kcfed_one_sd_liquidation_gives_57bp_range_25_to_101() -> None:
    size = get_preset("kcfed2025_liquidation_usd_bn").value
    res = KCFed2025().impact(SalesPath.even(size, "5y"), draws=DRAWS, seed=0)  # average Treasuries
    assert res.end_bp("10y") == pytest.approx(57.0, abs=1.0)  # 40 bp x 1.41 = 56.4
    band = res.band("10y")
    assert 25.0 <= band["p5"] < band["p50"] < band["p95"] <= 101.0
    assert 0.33 * 57 <= res.long_run_at("10y") <= 0.5 * 57


def test_longer_bonds_move_yields_more_per_dollar() -> None:
    model = Beltran2013()
    bills = model.impact(SalesPath.even(100, "3m")).end_bp("5y")
    five = model.impact(SalesPath.even(100, "5y")).end_bp("5y")
    thirty = model.impact(SalesPath.even(100, "30y")).end_bp("5y")
    assert 0 < bills < 0.1 * five and five < thirty


def test_daily_path_and_monthly_path_agree_for_a_one_month_sale() -> None:
    model = Beltran2013()
    month = model.impact(SalesPath.even(100, "5y")).end_bp("5y")
    days = model.impact(SalesPath.even(100, "5y", periods=21, period="day")).end_bp("5y")
    # spreading the month over 21 days lets part of the early sales decay: a little less
    assert month * 0.9 < days < month


def test_flow_duration_assumption_sets_the_weight_of_other_bonds() -> None:
    ten = KCFed2025().impact(SalesPath.even(100, "10y")).end_bp("10y")
    five = KCFed2025().impact(SalesPath.even(100, "5y")).end_bp("10y")
    assert ten / five == pytest.approx(7.9819 / 4.4331, rel=1e-3)  # ModDur 10y / ModDur 5y at 4.5%
    longer = KCFed2025(overrides={"flow_duration_maturity_years": 10.0}).impact(SalesPath.even(100, "10y"))
    assert longer.end_bp("10y") == pytest.approx(five)


def test_results_carry_presets_and_draws() -> None:
    res = Beltran2013().impact(SalesPath.even(100, "5y"), draws=50, seed=3)
    assert set(res.parameter_draws) == set(res.presets) == set(Beltran2013.preset_names)
    assert res.n_draws == 50 and res.seed == 3
    again = Beltran2013().impact(SalesPath.even(100, "5y"), draws=50, seed=3)
    assert np.array_equal(res.bands_bp, again.bands_bp)
    d = res.to_dict()
    assert d["sell_usd_bn"] == pytest.approx(100) and d["impacts"][1]["end_impact_bp"] == pytest.approx(50)
    frame = res.to_frame()
    assert {"horizon", "maturity_years", "impact_bp", "p5_bp", "p95_bp"} <= set(frame.columns)
    assert frame.attrs["unit"] == "bp"
