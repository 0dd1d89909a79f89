"""Episode decomposition: April 2025 (the 10-year from 4.01% to 4.48% in a week), identities, bad input."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import treasury_leverage.data as tld
from treasury_leverage.errors import InputError
from treasury_leverage.termpremium.episode import EpisodeResult, _coverage_note, _value_at, decompose


@pytest.fixture(scope="module")
def april_2025() -> EpisodeResult:
    return decompose("2025-04-04", "2025-04-11")


def test_april_2025_yield_changes_are_the_treasury_par_yields(april_2025: EpisodeResult) -> None:
    r = april_2025
    assert r.start_date == pd.Timestamp("2025-04-04") and r.end_date == pd.Timestamp("2025-04-11")
    y = r.yields
    assert list(y.index) == [2, 5, 10, 30] and y.index.name == "maturity_years"
    # Treasury par yields (daily CMT file): 10y 4.01 -> 4.48, 30y 4.41 -> 4.85, 2y 3.68 -> 3.96.
    assert (y.at[10, "yield_start_pct"], y.at[10, "yield_end_pct"]) == (4.01, 4.48)
    assert y.at[10, "change_bp"] == pytest.approx(47.0, abs=1e-9)
    assert y.at[30, "change_bp"] == pytest.approx(44.0, abs=1e-9)
    assert y.at[2, "change_bp"] == pytest.approx(28.0, abs=1e-9)


def test_components_sum_to_the_change(april_2025: EpisodeResult) -> None:
    y = april_2025.yields.loc[[2, 5, 10]]
    total = y["expected_rates_bp"] + y["term_premium_bp"] + y["residual_bp"]
    np.testing.assert_allclose(total, y["change_bp"], atol=1e-9)
    # The term premium change is the change of the published-style levels.
    np.testing.assert_allclose(y["term_premium_bp"], (y["tp_end_pct"] - y["tp_start_pct"]) * 100, atol=1e-9)
    # The residual (par vs the model's fitted zero yield) is small: the model carries the move.
    assert (y["residual_bp"].abs() < 5.0).all()


def test_term_premium_carries_most_of_the_ten_year_rise(april_2025: EpisodeResult) -> None:
    ten = april_2025.yields.loc[10]
    # ACM on the Fed's GSW daily curve (feds200628 has every day of April 2025): +45 bp term
    # premium, +7 bp expected rates (on the old par-fit curve: +33 / +14).
    assert "GSW daily curve" in april_2025.curve and "2025-04-04" in april_2025.curve
    assert 30.0 < ten["term_premium_bp"] < 55.0
    assert 0.0 < ten["expected_rates_bp"] < 20.0
    assert ten["term_premium_bp"] > 0.5 * ten["change_bp"]
    assert ten["term_premium_bp"] > ten["expected_rates_bp"]
    # Kim-Wright (FRED THREEFYTP10) 0.3821 -> 0.6161: +23.4 bp; both models see a rising premium,
    # ACM a larger one (ACM's premium moves more with the 10-year yield than Kim-Wright's).
    kw = april_2025.indicators.loc["kim_wright_tp10"]
    assert kw["change"] == pytest.approx(23.4, abs=1e-9) and kw["change_unit"] == "bp"
    assert 0.0 < kw["change"] < ten["term_premium_bp"] < kw["change"] + 30.0
    # The 5-year premium rose too; the 2-year moved less (policy expectations matter more there).
    five, two = april_2025.yields.loc[5], april_2025.yields.loc[2]
    assert five["term_premium_bp"] > two["term_premium_bp"] > 0.0


def test_thirty_year_gets_the_change_only_and_says_why(april_2025: EpisodeResult) -> None:
    thirty = april_2025.yields.loc[30]
    assert np.isnan(thirty[["expected_rates_bp", "term_premium_bp", "residual_bp"]].astype(float)).all()
    assert "10 years" in thirty["note"]
    assert any("1-10 years only" in n and "30-year" in n for n in april_2025.notes)


def test_ten_year_real_versus_breakeven(april_2025: EpisodeResult) -> None:
    infl = april_2025.inflation
    # DFII10 1.83 -> 2.28 and T10YIE 2.18 -> 2.20: a real-yield move, not inflation fears.
    assert infl.at["real", "change_bp"] == pytest.approx(45.0, abs=1e-9)
    assert infl.at["breakeven", "change_bp"] == pytest.approx(2.0, abs=1e-9)
    parts = infl.loc[["real", "breakeven", "residual"], "change_bp"].sum()
    assert parts == pytest.approx(infl.at["nominal", "change_bp"], abs=1e-9)
    assert abs(infl.at["residual", "change_bp"]) < 1.0  # T10YIE = DGS10 - DFII10 up to rounding


def test_fed_funds_and_yen(april_2025: EpisodeResult) -> None:
    ind = april_2025.indicators
    assert ind.at["fed_funds", "start_value"] == 4.33 and ind.at["fed_funds", "change"] == 0.0
    assert (ind.at["usdjpy", "start_value"], ind.at["usdjpy", "end_value"]) == (145.93, 143.57)
    assert ind.at["usdjpy", "change"] == pytest.approx((143.57 / 145.93 - 1) * 100)
    assert ind.at["usdjpy", "change_unit"] == "percent"


def test_to_dict_is_json_with_units(april_2025: EpisodeResult) -> None:
    d = april_2025.to_dict()
    text = json.dumps(d, allow_nan=False)  # NaN must have become null
    assert d["start_date"] == "2025-04-04" and d["end_date"] == "2025-04-11"
    ten = next(row for row in d["yields"] if row["maturity_years"] == 10)
    assert set(ten) >= {"change_bp", "expected_rates_bp", "term_premium_bp", "residual_bp", "yield_start_pct"}
    thirty = next(row for row in d["yields"] if row["maturity_years"] == 30)
    assert thirty["term_premium_bp"] is None and thirty["change_bp"] == pytest.approx(44.0)
    assert d["ten_year_inflation_split"]["real_yield_bp"] == pytest.approx(45.0)
    assert d["indicators"]["kim_wright_tp10"]["change_bp"] == pytest.approx(23.4)
    assert d["indicators"]["usdjpy"]["end_jpy_per_usd"] == 143.57
    assert "feds200628.csv excerpt" in d["model"] and d["curve"] == april_2025.curve
    assert '"change_pct"' in text


def test_summary_and_path(april_2025: EpisodeResult) -> None:
    text = april_2025.summary()
    assert "2025-04-04 -> 2025-04-11" in text
    assert april_2025.headline() == (
        "10-year yield +47 bp: term premium +45 bp (96% of the change), expected short rates +7 bp (ACM); "
        "Kim-Wright 10-year term premium +23 bp; 10-year real yield +45 bp, breakeven inflation +2 bp."
    )
    assert april_2025.headline() in text and april_2025.to_dict()["headline"] == april_2025.headline()
    ten = next(line for line in text.splitlines() if line.strip().startswith("10y"))
    assert ten.split()[1:4] == ["4.01", "4.48", "+47.0"]
    path = april_2025.path
    assert path.index[0] == pd.Timestamp("2025-04-04") and len(path) == 6
    assert {"par_10y_pct", "tp_10y_pct", "rn_10y_pct", "par_30y_pct"} <= set(path.columns)
    assert "tp_30y_pct" not in path.columns


def test_weekend_dates_use_the_last_trading_day_before() -> None:
    r = decompose("2025-04-05", "2025-04-12", maturities=(10,))  # Saturday to Saturday
    assert r.start_date == pd.Timestamp("2025-04-04") and r.end_date == pd.Timestamp("2025-04-11")
    assert any("2025-04-05" in n and "2025-04-12" in n for n in r.notes)
    assert r.yields.at[10, "change_bp"] == pytest.approx(47.0)


def test_before_tips_the_split_is_missing_and_said_so() -> None:
    r = decompose("1994-02-01", "1994-05-02", maturities=(10,))
    assert r.yields.at[10, "change_bp"] > 100  # the 1994 bond rout
    assert np.isnan(r.inflation.at["real", "change_bp"])
    assert any("DFII10" in n and "start on 2003-01-02" in n for n in r.notes)


def test_series_that_stop_before_the_episode_are_named() -> None:
    kw = tld.series("THREEFYTP10")
    last_par = tld.par_curve().index.max()
    if kw.index.max() > last_par - pd.Timedelta(days=20):
        pytest.skip("the Kim-Wright series reaches the end of the par data in this snapshot")
    start = kw.index.max() + pd.Timedelta(days=3)
    r = decompose(start, last_par, maturities=(10,))
    assert np.isnan(r.indicators.at["kim_wright_tp10", "end_value"])
    assert any(f"data stop on {kw.index.max():%Y-%m-%d}" in n for n in r.notes)


def test_value_lookup_and_notes_on_synthetic_series() -> None:
    s = pd.Series([1.0, 2.0], index=pd.to_datetime(["2020-01-02", "2020-01-10"]))
    assert _value_at(s, pd.Timestamp("2020-01-12")) == (pd.Timestamp("2020-01-10"), 2.0)
    assert _value_at(s, pd.Timestamp("2020-01-01"))[0] is None
    assert _value_at(s, pd.Timestamp("2020-02-01"))[0] is None  # stale beyond 7 days
    note = _coverage_note("X", s, pd.Timestamp("2020-01-05"), pd.Timestamp("2020-03-01"))
    assert note is not None and "stop on 2020-01-10" in note


@pytest.mark.parametrize(
    ("start", "end", "kwargs", "match"),
    [
        ("2025-04-11", "2025-04-04", {}, "END 2025-04-04 is before START 2025-04-11"),
        ("2025-04-11", "2025-04-11", {}, "same day"),
        ("1985-01-02", "1986-01-02", {}, r"outside the data.*cover 1990-01-02 to \d{4}"),
        ("2025-04-04", "2099-01-01", {}, r"outside the data.*cover 1990-01-02 to \d{4}"),
        ("2025-04-05", "2025-04-06", {}, "no Treasury trading day"),
        ("2025-04-04", "2025-04-11", {"maturities": (4,)}, r"among \[1, 2, 3, 5, 7, 10, 20, 30\]"),
        ("yesterday-ish", "2025-04-11", {}, "START 'yesterday-ish' is not a date"),
    ],
)
def test_bad_input(start: str, end: str, kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(InputError, match=match):
        decompose(start, end, **kwargs)  # type: ignore[arg-type]
