"""Shared pieces: maturities, durations (10-year equivalents), ACM mapping, sales paths, quantiles."""

from __future__ import annotations

import numpy as np
import pytest

from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.impact.base import (
    ACM_TP_BETA_5Y,
    ACM_TP_LONG_RATIO_10Y,
    SalesPath,
    _quantiles,
    maturity_mapping,
    par_durations,
    parse_maturity,
    ten_year_equivalents_usd_bn,
)


@pytest.mark.parametrize(("text", "years"), [("5y", 5.0), ("10Y", 10.0), ("6m", 0.5), ("3M", 0.25),
                                             ("30", 30.0), (7, 7.0), (2.5, 2.5)])
def test_parse_maturity(text: str | float, years: float) -> None:
    assert parse_maturity(text) == years


def test_parse_maturity_rejects_with_help() -> None:
    with pytest.raises(UnknownNameError, match="maturity 'five years'"):
        parse_maturity("five years")
    with pytest.raises(InputError, match="at most 30 years"):
        parse_maturity("40y")
    with pytest.raises(InputError, match="more than 0"):
        parse_maturity(0)
    with pytest.raises(InputError, match="whole number of months"):
        parse_maturity(5.01)


def test_durations_reproduce_the_literature_memo() -> None:
    # docs/literature.md section 1.7: modified durations at a 4.5% par curve [C, checked]
    mod, mac = par_durations((2, 5, 7, 10, 20, 30), yield_pct=4.5)
    assert mod == pytest.approx([1.89, 4.43, 5.95, 7.98, 13.1, 16.4], abs=0.03)  # memo rounds 16.37 to 16.4
    assert mac == pytest.approx(mod * (1 + 0.045 / 2))  # par bond: Macaulay = modified x (1 + y/2)
    bills, _ = par_durations((0.25, 0.5), yield_pct=4.5)
    assert 0.1 < bills[0] < bills[1] < 0.9


def test_ten_year_equivalents() -> None:
    tye = ten_year_equivalents_usd_bn([100.0, 100.0], (10, 30), yield_pct=4.5)
    assert tye == pytest.approx(100 + 100 * 16.374 / 7.982, rel=1e-3)
    # higher yields shorten durations of long bonds more than of the 10-year
    assert ten_year_equivalents_usd_bn([100.0], (30,), yield_pct=6.0) < \
        ten_year_equivalents_usd_bn([100.0], (30,), yield_pct=3.0)


def test_acm_slopes_reproduce_from_the_published_term_premia() -> None:
    from treasury_leverage.data import acm_published

    acm = acm_published()
    tp = acm[[f"ACMTP{m:02d}" for m in range(1, 11)]].diff().dropna().to_numpy()
    x = tp[:, 4]
    beta = tp.T @ x / (x @ x)
    assert beta == pytest.approx(ACM_TP_BETA_5Y, abs=6e-4)


def test_long_end_ratios_reproduce_from_our_acm_fit() -> None:
    import pandas as pd

    from treasury_leverage.termpremium.acm import affine_recursion
    from treasury_leverage.termpremium.estimate import fit_default

    r = fit_default()
    kw = dict(mu=r.mu.to_numpy(), phi=r.phi.to_numpy(), sigma=r.sigma.to_numpy(), delta0=float(r.delta0),
              delta1=r.delta1.to_numpy())
    k = len(kw["delta1"])
    a, b = affine_recursion(**kw, lambda0=r.lambda0.to_numpy(), lambda1=r.lambda1.to_numpy(), n_max=360)
    a0, b0 = affine_recursion(**kw, lambda0=np.zeros(k), lambda1=np.zeros((k, k)), n_max=360)
    x = r.factors.to_numpy()
    n = np.arange(1, 361)[:, None]
    tp = (-(a[1:, None] + b[1:] @ x.T) + (a0[1:, None] + b0[1:] @ x.T)) / n
    d = pd.DataFrame(tp.T, index=r.factors.index).loc[:"2007-12"].diff().dropna().to_numpy()
    five = d[:, 59]
    slope = d.T @ five / (five @ five)
    for years, ratio in ACM_TP_LONG_RATIO_10Y.items():
        assert slope[int(12 * years) - 1] / slope[119] == pytest.approx(ratio, abs=0.002)


def test_maturity_mapping() -> None:
    m = maturity_mapping(5.0, (1, 5, 10, 30))
    assert m[1] == 1.0 and m[0] < 1.0 < m[2] < m[3]
    ten = maturity_mapping(10.0, (10, 20, 30))
    assert ten == pytest.approx([1.0, ACM_TP_LONG_RATIO_10Y[20.0], ACM_TP_LONG_RATIO_10Y[30.0]])
    # bills: anchored by the policy rate, the term premium vanishes at maturity zero
    bills = maturity_mapping(10.0, (1 / 12, 0.25, 0.5, 1.0))
    assert bills[0] < bills[1] < bills[2] < bills[3] and bills[0] < 0.04
    assert (maturity_mapping(5.0, (1, 30), kind="flat") == 1.0).all()
    with pytest.raises(UnknownNameError):
        maturity_mapping(5.0, (1,), kind="duration")  # type: ignore[arg-type]


def test_sales_path_validation_and_helpers() -> None:
    p = SalesPath.even(100, "5y", periods=4, period="day")
    assert p.sales_usd_bn.shape == (4, 1) and p.total_usd_bn == pytest.approx(100)
    assert p.cumulative_usd_bn()[-1, 0] == pytest.approx(100)
    assert p.period_years == pytest.approx(1 / 252)
    assert p.to_frame().columns.tolist() == ["5y"]
    with pytest.raises(InputError, match="non-negative"):
        SalesPath.even(-5, "5y")
    with pytest.raises(InputError, match="periods"):
        SalesPath.even(5, "5y", periods=0)
    with pytest.raises(UnknownNameError):
        SalesPath.even(5, "5y", period="week")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="finite"):
        SalesPath(np.array([[np.nan]]), (5.0,))
    with pytest.raises(InputError, match="buckets"):
        SalesPath(np.ones((2, 2)), (5.0,))
    with pytest.raises(UnknownNameError):
        SalesPath(np.ones((2, 1)), ("5 years",))  # type: ignore[arg-type]


def test_quantiles_equal_numpy_percentiles() -> None:
    x = np.random.default_rng(3).normal(size=(1001, 4, 3))
    assert _quantiles(x) == pytest.approx(np.percentile(x, [5, 50, 95], axis=0))


def test_separable_bands_equal_bands_of_the_full_array() -> None:
    from treasury_leverage.impact.base import Separable

    rng = np.random.default_rng(4)
    for along, k, l_ in (("period", 6, 5), ("maturity", 5, 6)):
        by_draw = rng.normal(size=(2001, k))
        fixed = np.array([1.5, -0.5, 0.0, 2.0, -3.0, 0.7])[:l_]
        sep = Separable(by_draw, fixed, along)  # type: ignore[arg-type]
        full = sep.values()
        assert full.shape == (2001, 6, 5)
        assert sep.quantiles() == pytest.approx(np.percentile(full, [5, 50, 95], axis=0), abs=1e-12)


def test_durations_on_a_published_par_curve() -> None:
    from treasury_leverage.data import par_curve
    from treasury_leverage.impact.base import par_yields_on

    curve = par_yields_on("2024-06-30")  # a Sunday: the curve of Friday 28 June 2024
    published = par_curve("2024-06-28", "2024-06-28")
    assert curve[10.0] == pytest.approx(float(published["10Y"].iloc[0]))
    assert curve[0.25] == pytest.approx(float(published["3M"].iloc[0]))
    mod, _ = par_durations((10, 30), yield_pct=curve)
    flat, _ = par_durations((10, 30), yield_pct=curve[10.0])
    assert mod[0] == pytest.approx(flat[0])  # the 10-year sits on a curve point
    # interpolation between curve points and a monotone term structure of durations
    mid, _ = par_durations((15,), yield_pct={10.0: 4.0, 20.0: 5.0})
    assert mid[0] == pytest.approx(par_durations((15,), yield_pct=4.5)[0][0])
    with pytest.raises(InputError):
        par_durations((5,), yield_pct={})


def test_models_weigh_maturities_with_the_curve_given() -> None:
    from treasury_leverage.impact.duration import DurationSupply

    path = SalesPath.even(100, "30y")
    low = DurationSupply(par_yields=2.0).impact(path).end_bp("10y")
    high = DurationSupply(par_yields=6.0).impact(path).end_bp("10y")
    m_low = par_durations((10, 30), yield_pct=2.0)[0]
    m_high = par_durations((10, 30), yield_pct=6.0)[0]
    assert low / high == pytest.approx((m_low[1] / m_low[0]) / (m_high[1] / m_high[0]))


def test_sales_path_from_frame_and_padding() -> None:
    import pandas as pd

    frame = pd.DataFrame({"2y": [10.0, 0.0], "30y": [5.0, 5.0]})
    path = SalesPath.from_frame(frame, period="day")
    assert path.buckets_years == (2.0, 30.0) and path.period == "day"
    assert path.to_frame().to_numpy() == pytest.approx(frame.to_numpy())
    longer = path.padded(3)
    assert longer.n_periods == 5 and longer.total_usd_bn == pytest.approx(20.0)
    assert not longer.sales_usd_bn[2:].any()
    with pytest.raises(UnknownNameError):
        SalesPath.from_frame(pd.DataFrame({"long bonds": [1.0]}))
    with pytest.raises(InputError):
        path.padded(-1)


def test_even_accepts_numpy_numbers_and_rejects_text() -> None:
    assert SalesPath.even(np.int64(50), "5y").total_usd_bn == 50.0  # type: ignore[arg-type]
    with pytest.raises(InputError):
        SalesPath.even("lots", "5y")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        SalesPath.even(float("nan"), "5y")


def test_wide_frames_of_a_result() -> None:
    from treasury_leverage.impact.empirical import Beltran2013

    res = Beltran2013().impact(SalesPath.even(100, "5y", periods=3), draws=500, seed=0)
    wide = res.to_wide()
    assert wide.shape == (4, 30) and wide.index[-1] == "long_run"
    assert wide.loc[3, 5.0] == pytest.approx(res.end_bp("5y"))
    assert wide.loc["long_run", 5.0] == pytest.approx(res.long_run_at("5y"))
    assert 0 < res.long_run_at("5y") < res.end_bp("5y")
    assert (res.to_wide("p5") <= res.to_wide("p95")).all().all()
    with pytest.raises(UnknownNameError):
        res.to_wide("p99")  # type: ignore[arg-type]
    with pytest.raises(InputError):
        Beltran2013().impact(SalesPath.even(100, "5y")).to_wide("p5")
