"""Attribution of yield moves to foreign official flows: a synthetic truth, Newey-West by hand,
and the real sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from treasury_leverage.errors import InputError
from treasury_leverage.holdings.attribution import (
    attribution,
    event_study,
    official_net_purchases,
    regress,
)

FLOW = "official_net_purchases_100bn"


def _synthetic(n: int = 400, seed: int = 11) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    dates = pd.date_range("1990-01-31", periods=n, freq="ME")
    flow = rng.normal(0.0, 0.3, n)  # USD 100bn
    breakeven = rng.normal(0.0, 10.0, n)
    shock = rng.normal(0.0, 8.0, n)
    err = np.empty(n)
    err[0] = shock[0]
    for t in range(1, n):  # AR(1) errors: what HAC standard errors are for
        err[t] = 0.6 * err[t - 1] + shock[t]
    y = 1.0 - 40.0 * flow + 0.8 * breakeven + err
    return pd.DataFrame({"yield_10y_change_bp": y, FLOW: flow, "breakeven_10y_change_bp": breakeven},
                        index=pd.DatetimeIndex(dates, name="date"))


def _newey_west_by_hand(frame: pd.DataFrame, lags: int) -> np.ndarray:
    y = frame.iloc[:, 0].to_numpy()
    X = np.column_stack([np.ones(len(frame)), frame.iloc[:, 1:].to_numpy()])
    beta = np.linalg.solve(X.T @ X, X.T @ y)
    u = y - X @ beta
    xu = X * u[:, None]
    S = xu.T @ xu
    for lag in range(1, lags + 1):
        w = 1.0 - lag / (lags + 1.0)  # Bartlett kernel
        G = xu[lag:].T @ xu[:-lag]
        S += w * (G + G.T)
    bread = np.linalg.inv(X.T @ X)
    return np.sqrt(np.diag(bread @ S @ bread))  # Newey-West (1987), no small-sample factor


def test_synthetic_truth_is_recovered_with_newey_west_errors() -> None:
    frame = _synthetic()
    res = regress(frame, hac_lags=6)
    coef = res.params.loc[FLOW, "coef"]
    se = res.params.loc[FLOW, "se_hac"]
    assert abs(coef - (-40.0)) < 3 * se
    assert res.params.loc["breakeven_10y_change_bp", "coef"] == pytest.approx(0.8, abs=0.1)
    np.testing.assert_allclose(res.params["se_hac"].to_numpy(), _newey_west_by_hand(frame, 6), rtol=1e-8)
    assert res.params.loc[FLOW, "ci_low"] < -40.0 < res.params.loc[FLOW, "ci_high"]
    # The flows explain a known share of the variance: the R-squared increment is positive and
    # equals the drop when they are left out.
    assert res.r2_from_flows > 0.1 and res.r2 == pytest.approx(res.r2_without_flows + res.r2_from_flows)
    assert res.nobs == 400 and res.start == "1990-01"
    assert "not a causal effect" in res.summary()


def test_no_flow_effect_gives_an_insignificant_coefficient() -> None:
    frame = _synthetic(seed=5)
    frame["yield_10y_change_bp"] += 40.0 * frame[FLOW]  # remove the effect exactly
    res = regress(frame)
    assert abs(res.params.loc[FLOW, "t"]) < 3 and abs(res.r2_from_flows) < 0.02


def test_regress_input_checks() -> None:
    frame = _synthetic()
    with pytest.raises(InputError, match="need 24"):
        regress(frame.iloc[:10])
    with pytest.raises(InputError, match="lack"):
        regress(frame.drop(columns=[FLOW]))


def test_official_net_purchases_splice_equals_the_sources() -> None:
    flows = official_net_purchases()
    assert flows.loc["2023-02-28", "official_net_purchases_usd_bn"] == pytest.approx(47.409)
    assert flows.loc["2023-02-28", "source"].startswith("TIC SLT")
    assert flows.loc["2011-06-30", "official_net_purchases_usd_bn"] == pytest.approx(11.595)
    assert flows.loc["2011-07-31", "source"].startswith("Fed Bertaut-Judson")
    assert not flows.index.duplicated().any()
    assert not ((flows.index > "2020-12-31") & (flows.index < "2023-02-01")).any()  # the gap stays empty
    filled = official_net_purchases(fill_gap=True)
    assert ((filled.index > "2020-12-31") & (filled.index < "2023-02-01")).sum() == 25


def test_real_sample_regression() -> None:
    res = attribution()
    assert res.start == "2003-02" and res.end == "2024-12"  # breakevens from 2003, SLT flows to 2024-12
    assert res.nobs == 238  # 2003-02..2020-12 (215) + 2023-02..2024-12 (23)
    assert 0.0 <= res.r2 <= 1.0 and set(res.params.index) >= {"const", FLOW}
    payload = res.to_dict()
    assert payload["r2_from_official_flows"] == pytest.approx(res.r2_from_flows)
    acm = attribution("acm_tp_10y")
    assert acm.end == "2007-12" and any("ACM" in n for n in acm.notes)
    identity = attribution(controls=("fed_funds", "breakeven_10y", "real_10y"))
    assert identity.r2 > 0.99 and any("identity" in n for n in identity.notes)


def test_model_term_premium_extends_the_published_one() -> None:
    from treasury_leverage.holdings.attribution import monthly_drivers

    published = monthly_drivers("acm_tp_10y", ()).iloc[:, 0]
    model = monthly_drivers("acm_tp_10y_model", ()).iloc[:, 0]
    both = pd.concat([published, model], axis=1, join="inner").dropna()
    assert len(both) > 200 and both.corr().iloc[0, 1] > 0.95  # the toolkit's ACM tracks the NY Fed's
    res = attribution("acm_tp_10y_model")
    assert res.end == "2024-12" and res.nobs == 238


def test_attribution_bad_inputs() -> None:
    with pytest.raises(InputError, match="target"):
        attribution("yield_99y")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="control"):
        attribution(controls=("moon_phase",))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="need 24"):
        attribution(start="2024-01", end="2024-12")


def test_event_study() -> None:
    ev = event_study(threshold_usd_bn=25)
    assert ev.table.loc["event", "months"] >= 5
    assert ev.difference_bp == pytest.approx(
        ev.table.loc["event", "mean_change_bp"] - ev.table.loc["other", "mean_change_bp"]
    )
    with pytest.raises(InputError, match="positive"):
        event_study(threshold_usd_bn=0)
    with pytest.raises(InputError, match="no month"):
        event_study(threshold_usd_bn=10_000)
