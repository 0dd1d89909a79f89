"""Daily zero-curve panels: NSS panel fit, GSW panel, bootstrap panel, the Parquet cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import treasury_leverage.curves.panel as panel_mod
from treasury_leverage.curves.curve import Curve
from treasury_leverage.curves.fit import fit_nss_many
from treasury_leverage.curves.panel import (
    PARAM_COLUMNS,
    cached_nss_panel,
    cached_zero_panel,
    fit_nss_panel,
    gsw_panel,
    par_curve_on,
    tenor_years,
    zero_curve_panel,
)
from treasury_leverage.errors import InputError

LABELS = ["1M", "2M", "3M", "4M", "6M", "1Y", "2Y", "3Y", "5Y", "7Y", "10Y", "20Y", "30Y"]


@pytest.fixture(scope="module")
def par() -> pd.DataFrame:
    import treasury_leverage.data as tld

    return tld.par_curve()


def _synthetic(n_days: int = 40) -> tuple[pd.DataFrame, np.ndarray]:
    """Par panel generated from slowly drifting known Svensson parameters."""
    i = np.arange(n_days)[:, None]
    truth = np.array([4.5, -2.0, 3.0, -1.5, 1.2, 8.0]) + i * np.array([0.01, 0.02, -0.03, 0.02, 0.005, 0.02])
    tenors = np.array([tenor_years(c) for c in LABELS])
    rows = np.array([Curve.from_svensson(*t).par_yield(tenors) for t in truth])
    rows[::7, 0] = np.nan  # some days without a 1M yield
    index = pd.bdate_range("2024-01-02", periods=n_days, name="date")
    return pd.DataFrame(rows, index=index, columns=LABELS), truth


def test_tenor_labels() -> None:
    assert tenor_years("1M") == pytest.approx(1 / 12)
    assert tenor_years("1.5M") == 0.125
    assert tenor_years("10Y") == 10.0
    with pytest.raises(InputError, match="'10 yr'"):
        tenor_years("10 yr")


@pytest.mark.parametrize("chunk_days", [1, 6, 32])
def test_panel_fit_recovers_known_curves(chunk_days: int) -> None:
    frame, truth = _synthetic()
    frame.iloc[3, 5:] = np.nan  # a day with too few yields is dropped
    params = fit_nss_panel(frame, chunk_days=chunk_days)
    assert list(params.columns) == [*PARAM_COLUMNS, "rmse_bp", "n_tenors"]
    assert params.index.name == "date" and len(params) == len(frame) - 1
    assert frame.index[3] not in params.index
    assert params["n_tenors"].iloc[0] == 12 and params["n_tenors"].iloc[1] == 13
    assert params["rmse_bp"].max() < 1e-3
    months = np.arange(1, 361)
    fitted = gsw_panel(params, months)
    keep = np.ones(len(frame), dtype=bool)
    keep[3] = False
    true_zero = np.array([Curve.from_svensson(*t).zero_rate(months / 12) for t in truth[keep]])
    assert np.max(np.abs(fitted.to_numpy() - true_zero)) * 100 < 0.1


def test_panel_fit_on_real_days_is_as_good_as_cold_fits(par: pd.DataFrame) -> None:
    window = par.loc["2024-01-01":"2025-07-11"]
    params = fit_nss_panel(window)
    assert params.index.equals(window.index)
    cold = fit_nss_many([tenor_years(c) for c in window.columns], window.to_numpy())
    gap = params["rmse_bp"].to_numpy() - cold.rmse_bp
    # Warm starts across days never end far worse than a cold multi-start fit of the same day
    # (measured when written: gap between -0.25 and +0.42 bp, median 0).
    assert np.median(gap) <= 0.01
    assert gap.max() < 1.0
    assert np.median(params["rmse_bp"]) < 3.5


def test_gsw_panel_reproduces_published_sveny() -> None:
    import treasury_leverage.data as tld

    for start, end in (("2017-03-01", "2017-03-31"), ("1975-06-02", "1975-06-30")):  # Svensson, NS
        params = tld.gsw_parameters(start, end)
        published = tld.gsw_zero_curve(start, end)[[1.0, 5.0, 10.0]]
        mine = gsw_panel(params, [12, 60, 120])
        assert list(mine.columns) == [12, 60, 120] and mine.index.equals(params.index)
        both = mine.index.intersection(published.index)  # the SVENY copy misses a few days
        assert len(both) >= 15
        np.testing.assert_allclose(mine.loc[both].to_numpy(), published.loc[both].to_numpy(), atol=6e-5)


def test_gsw_panel_checks_columns_and_months() -> None:
    with pytest.raises(Exception, match="BETA0"):
        gsw_panel(pd.DataFrame({"x": [1.0]}))
    frame, _ = _synthetic(3)
    params = fit_nss_panel(frame)
    with pytest.raises(InputError, match="months"):
        gsw_panel(params, [0, 12])


def test_zero_curve_panel_methods_agree_roughly(par: pd.DataFrame) -> None:
    window = par.loc["2019-05-01":"2019-05-31"]
    months = [6, 24, 60, 120]
    nss = zero_curve_panel(window, maturities_months=months)
    boot = zero_curve_panel(window, maturities_months=months, method="bootstrap")
    assert nss.shape == boot.shape == (len(window), 4)
    # Both go through the same par yields; they differ by the NSS fit error (a few bp).
    assert float((nss - boot).abs().max().max()) * 100 < 15
    with pytest.raises(InputError, match="method"):
        zero_curve_panel(window, method="spline")  # type: ignore[arg-type]


def test_cache_writes_once_and_is_keyed_by_the_input(monkeypatch: pytest.MonkeyPatch,
                                                     _isolated_home: Path) -> None:
    frame, _ = _synthetic(12)
    first = cached_nss_panel(frame)
    # beside the fit, only its (empty) OS lock file, which serialises fits across processes
    files = [p for p in (_isolated_home / "cache" / "curves").glob("*") if p.suffix != ".lock"]
    assert len(files) == 1 and files[0].name.startswith("nss_params_") and files[0].suffix == ".parquet"

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("refitted although cached")

    monkeypatch.setattr(panel_mod, "fit_nss_panel", boom)
    again = cached_nss_panel(frame)
    pd.testing.assert_frame_equal(again, first, check_freq=False)
    zero = cached_zero_panel(frame, maturities_months=[12, 120])
    np.testing.assert_allclose(zero.to_numpy(), gsw_panel(first, [12, 120]).to_numpy())
    changed = frame.copy()
    changed.iloc[0, 5] += 0.01
    with pytest.raises(AssertionError, match="refitted"):
        cached_nss_panel(changed)
    assert not [p for p in (_isolated_home / "cache" / "curves").iterdir()
                if p.name.startswith(".") and p.suffix != ".lock"]


def test_par_curve_on_dates(par: pd.DataFrame) -> None:
    row = par_curve_on(par, "2025-04-05")  # a Saturday
    assert row.name == pd.Timestamp("2025-04-04")
    assert row.attrs["requested_date"] == pd.Timestamp("2025-04-05")
    assert row["10Y"] == 4.01 and row.notna().all()
    assert par_curve_on(par, "2025-04-11").name == pd.Timestamp("2025-04-11")
    with pytest.raises(InputError, match="cover 1990-01-02 to"):
        par_curve_on(par, "1989-12-29")
    with pytest.raises(InputError, match="not a date"):
        par_curve_on(par, "yesterday-ish")
