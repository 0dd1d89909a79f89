"""tlev backtest: actual TIC net sales through the pooled models beside observed term premia (offline)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from cli_helpers import run_cli
from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.scenario.backtest import EPISODES, backtest, backtest_episode

DRAWS = 2000


@pytest.fixture(scope="module")
def china() -> object:
    return backtest("china", "2015-08", "2016-11", draws=DRAWS, seed=0)


def test_china_2015_feeds_the_tic_net_sales_and_reads_the_observed_change(china: object) -> None:
    from treasury_leverage.data import api
    from treasury_leverage.holdings.flows import flows
    from treasury_leverage.termpremium.estimate import term_premium_series

    res = china
    f = flows("china", "2015-08", "2016-11")
    assert res.net_sales_usd_bn == pytest.approx(-f["net_purchases_usd_bn"].to_numpy())
    assert res.net_sales_usd_bn.sum() > 150  # China sold, on net, in its reserve-defence window
    assert res.months[0] == "2015-08" and res.months[-1] == "2016-11" and len(res.months) == 16
    # observed: month-end before the window to the window's last month-end, in bp
    acm = term_premium_series(10, start="2015-06-01", end="2016-12-31")["term_premium_pct"]
    acm_m = acm.groupby(acm.index.to_period("M")).last()
    first, last = pd.Period("2015-07"), pd.Period("2016-11")
    assert res.observed_bp["acm"] == pytest.approx(100 * (acm_m[last] - acm_m[first]))
    kw = api.series("THREEFYTP10", end="2016-11-30").dropna()
    kw_m = kw.groupby(kw.index.to_period("M")).last()
    assert res.observed_bp["kim_wright"] == pytest.approx(100 * (kw_m[last] - kw_m[first]))
    # the market then: MSPD marketable debt over the window, not today's
    debt = api.mspd()["total_marketable"].loc["2015-08":"2016-11"].mean()
    assert res.market["us_marketable_debt_usd_bn"] == pytest.approx(debt)


def test_bands_and_verdicts_are_consistent(china: object) -> None:
    res = china
    pk, pm = res.predicted_peak_bp, res.predicted_permanent_bp
    assert 0 < pk["p5"] <= pk["p50"] <= pk["p95"] and 0 < pm["p5"] <= pm["p50"] <= pm["p95"]
    for key, obs in res.observed_bp.items():
        assert obs is not None
        inside = pk["p5"] <= obs <= pk["p95"]
        assert (res.verdict[key] == "within the pooled band") == inside
        if obs < pk["p5"]:
            assert res.verdict[key] == "models over-predict"
    assert res.predicted_path_bp.shape == (4, 16)
    assert res.predicted_path_bp[2, -1] == pytest.approx(pk["p50"])


def test_a_purchase_window_predicts_a_fall() -> None:
    # whatever the sign of a window's net flows, the permanent prediction follows it
    res = backtest("japan", "2023-01", "2023-06", draws=DRAWS, seed=0)
    total = res.net_sales_usd_bn.sum()
    assert np.sign(res.predicted_permanent_bp["central"]) == np.sign(total)


@pytest.mark.parametrize("key", list(EPISODES))
def test_presets_run_offline(key: str) -> None:
    res = backtest_episode(key, draws=500, seed=0)
    assert res.episode == key and res.observed_bp["acm"] is not None
    assert res.predicted_peak_bp["p50"] > 0  # every preset window is a net-selling episode


def test_bad_inputs_get_clear_errors() -> None:
    with pytest.raises(UnknownNameError, match="japan-2022"):
        backtest_episode("japan2022")
    with pytest.raises(InputError, match="YYYY-MM"):
        backtest("china", "2015-13", "2016-01")
    with pytest.raises(InputError, match="start <= end"):
        backtest("china", "2016-01", "2015-08")


def test_cli_backtest(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "backtest", "--holder", "china", "--start", "2015-08", "--end", "2016-11",
                           "--draws", "500", "--format", "json")
    assert code == 0
    row = json.loads(out)["results"][0]
    assert row["peak_p5_bp"] <= row["peak_p50_bp"] <= row["peak_p95_bp"]
    assert {"observed_acm_bp", "observed_kim_wright_bp", "verdict_acm", "permanent_p50_bp"} <= set(row)
    code, out, _ = run_cli(capsys, "backtest", "--draws", "300", "--format", "csv")
    assert code == 0 and len(out.strip().splitlines()) == 1 + len(EPISODES)
    code, _, err = run_cli(capsys, "backtest", "--holder", "china")
    assert code == 2 and "--start/--end" in err
