"""The default ACM estimate: the GSW panel 1961-06 -> 2026-08, par-yield fits only after it; daily values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import treasury_leverage.data as tld
from treasury_leverage.errors import InputError
from treasury_leverage.termpremium.acm import ACMResults
from treasury_leverage.termpremium.estimate import (
    DAILY_START,
    NSS_SOURCE,
    curve_used_on,
    daily_term_premium,
    daily_zero_yields,
    default_panel,
    fit_default,
    term_premium_series,
)
from treasury_leverage.termpremium.inputs import GSW_SOURCE, MonthlyZeroPanel, gsw_monthly_zero_panel


@pytest.fixture(scope="module")
def panel() -> MonthlyZeroPanel:
    return default_panel()


@pytest.fixture(scope="module")
def fit() -> ACMResults:
    return fit_default()


@pytest.fixture(scope="module")
def last_par_day() -> pd.Timestamp:
    return pd.Timestamp(tld.par_curve().index.max())


def test_default_panel_is_gsw_from_1961_to_the_latest_gsw_month(panel: MonthlyZeroPanel) -> None:
    y = panel.yields_pct
    assert y.index[0] == pd.Timestamp("1961-06-30")
    assert y.index[-1] == pd.Timestamp("2026-08-31")  # the excerpt's last row, 2026-08-21
    assert list(y.columns) == list(range(1, 121)) and y.notna().all().all()
    months = y.index.to_period("M")
    assert (np.diff(months.asi8) == 1).all()  # consecutive: no gap between the segments
    p = panel.provenance
    # GSW reaches past the par curve (2026-07-22): no par-yield months in the panel.
    assert p.splice_month is None and len(p.sources) == 1 and p.sources[0].startswith(GSW_SOURCE)
    for segment in ("workbook 1961-06-14..2018-04-20", "SVENY zero yields 2018-04-23..2023-07-07",
                    "excerpt 2023-07-31..2026-08-21"):
        assert segment in p.sources[0]
    pd.testing.assert_frame_equal(y, gsw_monthly_zero_panel(tld.gsw_parameters()), check_freq=False)


def test_month_ends_reproduce_the_feds_published_zero_yields(panel: MonthlyZeroPanel) -> None:
    """Every month-end of the panel after the workbook is the Fed's curve: the SVENY yields it
    published (refit segment to rounding, excerpt to 1e-4)."""
    y = panel.yields_pct
    sveny = tld.gsw_zero_curve("2018-05-01")
    last = sveny.groupby(sveny.index.to_period("M")).tail(1)
    last = last[last.index.to_period("M") <= pd.Period("2026-07")]
    last.index = last.index.to_period("M").to_timestamp(how="end").normalize()
    ours = y.loc[last.index, [12 * k for k in range(1, 11)]].to_numpy()
    err_bp = np.abs(ours - last[[float(k) for k in range(1, 11)]].to_numpy()) * 100
    assert len(last) == 99 and np.nanmax(err_bp) < 0.05 and np.nanmedian(err_bp) < 0.01


def test_default_panel_and_fit_are_cached_in_process(panel: MonthlyZeroPanel, fit: ACMResults) -> None:
    assert default_panel() is panel
    assert fit_default() is fit
    assert fit_default(4) is not fit and fit_default(4).model.n_factors == 4
    with pytest.raises(InputError, match="n_factors"):
        fit_default(0)


def test_default_fit_reproduces_nyfed(fit: ACMResults) -> None:
    nyfed = tld.acm_published()
    # Achieved on the snapshot: 10y 0.9998 / 0.9972 / 13.6 bp; 5y 0.9992 / 0.983 / 13.4 bp.
    for years, min_level, min_change, max_rmse_bp in ((10, 0.999, 0.99, 16.0), (5, 0.998, 0.975, 16.0)):
        ours = fit.term_premium[years].reindex(nyfed.index)
        ref = nyfed[f"ACMTP{years:02d}"]
        assert np.corrcoef(ours, ref)[0, 1] >= min_level
        assert np.corrcoef(ours.diff().iloc[1:], ref.diff().iloc[1:])[0, 1] >= min_change
        assert np.sqrt(((ours - ref) ** 2).mean()) * 100 <= max_rmse_bp
    assert fit.provenance is default_panel().provenance
    assert "feds200628.csv excerpt" in fit.summary()
    assert fit.fit_rmse_bp.loc[12:120].max() < 3.0


def test_daily_zero_yields_are_gsw_where_it_exists_and_par_fits_on_the_other_days(
    last_par_day: pd.Timestamp,
) -> None:
    zero = daily_zero_yields()
    assert zero.index[0] == pd.Timestamp(DAILY_START) and zero.index[-1] == pd.Timestamp("2026-08-21")
    assert zero.index.is_unique and zero.index.is_monotonic_increasing
    assert "2023-07-10" in zero.attrs["source"] and NSS_SOURCE in zero.attrs["source"]
    assert curve_used_on("2023-07-07") == "GSW" and curve_used_on("2023-07-10") == "par fit"
    assert curve_used_on("2025-04-09") == "GSW" and curve_used_on("2025-05-02") == "par fit"
    assert curve_used_on(last_par_day) == "par fit"
    # Across a switch (GSW Fri 2023-07-07 -> par fit Mon 07-10; par fit Thu 2024-05-30 -> GSW Fri
    # 05-31) the 10y zero yield moves like a normal day, not by a level break.
    for a, b in (("2023-07-07", "2023-07-10"), ("2024-05-30", "2024-05-31"), ("2025-04-30", "2025-05-01")):
        assert abs(zero.loc[b, 120] - zero.loc[a, 120]) < 0.12


def test_par_fits_continue_the_monthly_panel_with_their_bias_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide GSW after 2024-12: the par fits take over from 2025-01, shifted by their median gap
    to GSW on the common days of the last two years; against the Fed's own month-ends
    2025-01..2026-07 (held out) they stay within a few bp at 1-10 years."""
    from treasury_leverage.curves.panel import gsw_panel
    from treasury_leverage.termpremium import estimate

    real = tld.gsw_parameters
    full = real()

    def short_gsw(*args: object, **kwargs: object) -> pd.DataFrame:
        out = real(None, "2024-12-31")
        out.attrs["source"] += " (cut at 2024-12 for the test)"
        return out

    monkeypatch.setattr(tld, "gsw_parameters", short_gsw)
    panel = default_panel()
    p = panel.provenance
    assert p.splice_month == pd.Timestamp("2025-01-31")
    assert "median GSW - par-fit gap" in p.sources[1]
    inputs = estimate._inputs()
    assert inputs.bias_pct is not None and inputs.monthly_splice and inputs.nss_params is not None
    # The correction is the median gap on the common days, maturity by maturity (>= 1 year).
    gsw = short_gsw()
    common = gsw.index.intersection(inputs.nss_params.index)
    common = common[common > pd.Timestamp("2022-12-31")]
    gap = (gsw_panel(gsw.loc[common], [24, 120])
           - gsw_panel(inputs.nss_params.loc[common], [24, 120])).median()
    np.testing.assert_allclose(inputs.bias_pct.loc[[24, 120]].to_numpy(), gap.to_numpy(), atol=1e-12)
    assert (inputs.bias_pct.loc[:11] == inputs.bias_pct.loc[12]).all()
    truth = gsw_monthly_zero_panel(full).loc["2025-01":"2026-07"]
    ours = panel.yields_pct.loc[truth.index]
    mats = [12, 24, 60, 120]
    mae_bp = (ours[mats] - truth[mats]).abs().mean() * 100
    assert (mae_bp < 5.0).all(), mae_bp


def test_daily_values_equal_monthly_estimates_at_month_ends(fit: ACMResults) -> None:
    daily = daily_term_premium(maturities=range(1, 11))
    assert daily.index[0] == pd.Timestamp(DAILY_START)
    assert daily.attrs["unit"] == "percent" and "feds200628.csv excerpt" in daily.attrs["model"]
    month_end = daily.groupby(daily.index.to_period("M")).tail(1)
    month_end.index = month_end.index.to_period("M").to_timestamp(how="end").normalize()
    monthly = fit.to_frame().loc[month_end.index]
    # Both the GSW part (1990..2018-03) and the NSS part (2018-04..) equal the monthly fit.
    np.testing.assert_allclose(month_end.to_numpy(), monthly[month_end.columns].to_numpy(), atol=1e-10)
    assert np.allclose(daily["ACMY10"], daily["ACMTP10"] + daily["ACMRNY10"], atol=1e-12)


def test_daily_window_and_columns() -> None:
    window = daily_term_premium("2025-04-04", "2025-04-11", maturities=(10, 2))
    assert list(window.columns) == ["ACMY02", "ACMY10", "ACMTP02", "ACMTP10", "ACMRNY02", "ACMRNY10"]
    assert window.index[0] == pd.Timestamp("2025-04-04") and window.index[-1] == pd.Timestamp("2025-04-11")
    assert len(window) == 6  # six trading days
    # April 2025 is on the Fed's daily GSW curve: the 10y fitted zero yield follows the Fed's
    # SVENY10 (4.04 -> 4.55 in feds200628; the par yield went 4.01 -> 4.48) within a few bp.
    sveny = tld.gsw_zero_curve("2025-04-04", "2025-04-11")[10.0]
    np.testing.assert_allclose(window["ACMY10"], sveny.loc[window.index], atol=0.06)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"maturities": (30,)}, r"1\.\.10"),
        ({"maturities": ()}, r"1\.\.10"),
        ({"start": "2020-01-02", "end": "2019-01-02"}, "start 2020-01-02 is after end 2019-01-02"),
        ({"start": "1970-01-01", "end": "1980-01-01"}, r"cover 1990-01-02 to \d{4}-\d\d-\d\d"),
        ({"start": "not a date"}, "not a date"),
    ],
)
def test_daily_bad_input(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(InputError, match=match):
        daily_term_premium(**kwargs)  # type: ignore[arg-type]


def test_term_premium_series_monthly_and_daily(fit: ACMResults) -> None:
    monthly = term_premium_series(10)
    assert list(monthly.columns) == ["fitted_yield_pct", "risk_neutral_yield_pct", "term_premium_pct"]
    assert monthly.index[0] == pd.Timestamp("1961-06-30") and monthly.index.name == "date"
    pd.testing.assert_series_equal(monthly["term_premium_pct"], fit.term_premium[10], check_names=False)
    parts = monthly["risk_neutral_yield_pct"] + monthly["term_premium_pct"]
    assert np.allclose(monthly["fitted_yield_pct"], parts)
    assert monthly.attrs["maturity_years"] == 10 and "SVENY zero yields" in monthly.attrs["model"]
    # "YYYY-MM" ends mean the whole month; month-end labels inside the window are kept.
    window = term_premium_series(2, start="2024-01-15", end="2024-03")
    assert list(window.index) == list(pd.to_datetime(["2024-01-31", "2024-02-29", "2024-03-31"]))
    daily = term_premium_series(5, start="2025-04-04", end="2025-04-11", frequency="daily")
    assert len(daily) == 6 and daily.attrs["frequency"] == "daily"
    np.testing.assert_allclose(
        daily["term_premium_pct"], daily_term_premium("2025-04-04", "2025-04-11", maturities=(5,))["ACMTP05"]
    )
    with pytest.raises(InputError, match="frequency"):
        term_premium_series(10, frequency="weekly")  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"cover 1961-06-30 to"):
        term_premium_series(10, start="1950-01-01", end="1955-01-01")


def test_when_gsw_covers_every_par_day_no_par_fit_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    # A par curve that stops inside GSW's daily run (2023-07-07): GSW alone, daily and monthly.
    real_par = tld.par_curve

    def short_par(*args: object, **kwargs: object) -> pd.DataFrame:
        return real_par(None, "2018-02-28")

    monkeypatch.setattr(tld, "par_curve", short_par)
    panel = default_panel()
    assert panel.provenance.splice_month is None and panel.provenance.sources[0].startswith(GSW_SOURCE)
    zero = daily_zero_yields()
    assert zero.index[-1] == pd.Timestamp("2026-08-21") and zero.attrs["source"].startswith("GSW (")
    assert NSS_SOURCE not in zero.attrs["source"]
    assert "spliced" not in fit_default().summary()


def test_a_new_process_reads_the_fitted_curves_from_the_disk_cache(
    monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    from treasury_leverage.termpremium import estimate

    def clear() -> None:
        for fn in (estimate._inputs_for, estimate._panel_for, estimate._fit_for, estimate._daily_zero_for):
            fn.cache_clear()

    clear()
    first = daily_zero_yields()
    files = list((_isolated_home / "cache").rglob("nss_params_*.parquet"))
    assert len(files) == 1
    clear()  # as in a new process: only the disk cache is left

    def no_refit(*args: object, **kwargs: object) -> pd.DataFrame:
        raise AssertionError("the NSS panel was refitted instead of read from the cache")

    monkeypatch.setattr("treasury_leverage.curves.panel.fit_nss_panel", no_refit)
    second = daily_zero_yields()
    pd.testing.assert_frame_equal(second, first)
