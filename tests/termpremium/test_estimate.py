"""The default ACM estimate: GSW 1961-06 -> 2018-03 spliced with NSS fits to par yields, daily values."""

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


def test_default_panel_spans_1961_to_latest_with_the_splice_recorded(
    panel: MonthlyZeroPanel, last_par_day: pd.Timestamp
) -> None:
    y = panel.yields_pct
    assert y.index[0] == pd.Timestamp("1961-06-30")
    assert y.index[-1] == last_par_day + pd.offsets.MonthEnd(0)
    assert list(y.columns) == list(range(1, 121)) and y.notna().all().all()
    months = y.index.to_period("M")
    assert (np.diff(months.asi8) == 1).all()  # consecutive: no gap at the splice
    p = panel.provenance
    # GSW parameters stop on 2018-04-20 (April incomplete): the par-yield fits take over in April.
    assert p.splice_month == pd.Timestamp("2018-04-30")
    assert p.sources[0] == GSW_SOURCE and p.sources[1].startswith(NSS_SOURCE)
    assert f"last day {last_par_day:%Y-%m-%d}" in p.sources[1]
    assert "spliced at 2018-04" in p.describe()
    # Before the splice, exactly the GSW month-end panel.
    gsw = gsw_monthly_zero_panel(tld.gsw_parameters())
    pd.testing.assert_frame_equal(y.loc[:"2018-03"], gsw.loc[:"2018-03"], check_freq=False)


def test_after_the_splice_month_ends_are_nss_fits_to_par_yields(panel: MonthlyZeroPanel) -> None:
    y = panel.yields_pct
    par = tld.par_curve("2018-04-01")
    month_end_par = par.groupby(par.index.to_period("M")).tail(1)
    # Zero and par 10y yields differ by a few bp only (a flat-ish curve); months in step.
    ten = y.loc["2018-04":, 120].to_numpy()
    assert len(ten) == len(month_end_par)
    gap_bp = (ten - month_end_par["10Y"].to_numpy()) * 100
    assert np.abs(gap_bp).max() < 25.0
    assert abs(np.median(gap_bp)) < 5.0
    # 2020-04: near-zero short rates; 2023-10: 1-month yield ~5.5% (continuously compounded).
    assert y.loc["2020-04-30", 1] < 0.3
    assert 5.2 < y.loc["2023-10-31", 1] < 5.6


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
    assert "spliced at 2018-04" in fit.summary()
    assert fit.fit_rmse_bp.loc[12:120].max() < 3.0


def test_daily_zero_yields_switch_from_gsw_to_nss_after_the_last_gsw_day(
    last_par_day: pd.Timestamp,
) -> None:
    zero = daily_zero_yields()
    assert zero.index[0] == pd.Timestamp(DAILY_START) and zero.index[-1] == last_par_day
    assert zero.index.is_unique and zero.index.is_monotonic_increasing
    assert "2018-04-20" in zero.attrs["source"] and "2018-04-23" in zero.attrs["source"]
    # Across the switch (Fri 2018-04-20 GSW -> Mon 04-23 NSS) the 10y zero yield moves like a
    # normal day, not by a level break.
    assert abs(zero.loc["2018-04-23", 120] - zero.loc["2018-04-20", 120]) < 0.1


def test_daily_values_equal_monthly_estimates_at_month_ends(fit: ACMResults) -> None:
    daily = daily_term_premium(maturities=range(1, 11))
    assert daily.index[0] == pd.Timestamp(DAILY_START)
    assert daily.attrs["unit"] == "percent" and "spliced at 2018-04" in daily.attrs["model"]
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
    # The 10y fitted zero yield follows the par yield (4.01 -> 4.48) within a few bp.
    assert window["ACMY10"].iloc[0] == pytest.approx(4.01, abs=0.06)
    assert window["ACMY10"].iloc[-1] == pytest.approx(4.48, abs=0.06)


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
    assert monthly.attrs["maturity_years"] == 10 and "spliced at 2018-04" in monthly.attrs["model"]
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


def test_without_a_gap_after_gsw_there_is_no_splice(monkeypatch: pytest.MonkeyPatch) -> None:
    # Online, the full GSW file reaches the latest month: the panel is GSW alone. Simulated by a
    # par curve that stops before the GSW parameters do.
    real_par = tld.par_curve

    def short_par(*args: object, **kwargs: object) -> pd.DataFrame:
        return real_par(None, "2018-02-28")

    monkeypatch.setattr(tld, "par_curve", short_par)
    panel = default_panel()
    assert panel.provenance.splice_month is None and panel.provenance.sources == (GSW_SOURCE,)
    assert panel.yields_pct.index[-1] == pd.Timestamp("2018-04-30")
    zero = daily_zero_yields()
    assert zero.index[-1] == pd.Timestamp("2018-04-20") and zero.attrs["source"] == "GSW"
    assert "spliced" not in fit_default().summary()


def test_a_new_process_reads_the_fitted_curves_from_the_disk_cache(
    monkeypatch: pytest.MonkeyPatch, _isolated_home: Path
) -> None:
    from treasury_leverage.termpremium import estimate

    def clear() -> None:
        for fn in (estimate._inputs_for, estimate._panel_for, estimate._fit_for):
            fn.cache_clear()

    clear()
    first = default_panel()
    files = list((_isolated_home / "cache").rglob("nss_params_*.parquet"))
    assert len(files) == 1
    clear()  # as in a new process: only the disk cache is left

    def no_refit(*args: object, **kwargs: object) -> pd.DataFrame:
        raise AssertionError("the NSS panel was refitted instead of read from the cache")

    monkeypatch.setattr("treasury_leverage.curves.panel.fit_nss_panel", no_refit)
    second = default_panel()
    pd.testing.assert_frame_equal(second.yields_pct, first.yields_pct)
    assert second.provenance == first.provenance
