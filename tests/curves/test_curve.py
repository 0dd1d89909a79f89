"""Curve objects: conventions, properties, the Fed's GSW yields, and ``tlev curve show``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from treasury_leverage.curves.curve import (
    Curve,
    PiecewiseCurve,
    SvenssonCurve,
    SvenssonParams,
    convert_rate,
    par_yields_from_discount,
)
from treasury_leverage.curves.svensson import NS_SENTINEL
from treasury_leverage.errors import InputError

GRID = np.arange(1, 61) / 2.0  # the semiannual coupon grid 0.5 .. 30 years
NORMAL = (4.5, -2.0, 3.0, -1.5, 1.2, 8.0)  # upward sloping with a belly hump


# --- conventions ---------------------------------------------------------------------------------


@given(st.floats(-5.0, 25.0))
def test_continuous_semiannual_conversions_invert_each_other(rate_pct: float) -> None:
    cont = convert_rate(rate_pct, from_compounding="semiannual", to_compounding="continuous")
    back = convert_rate(cont, from_compounding="continuous", to_compounding="semiannual")
    assert back == pytest.approx(rate_pct, abs=1e-12)
    # Same money either way: (1 + s/2)^2 = exp(c).
    assert (1 + rate_pct / 200) ** 2 == pytest.approx(np.exp(cont / 100), rel=1e-14)


def test_conversion_known_value_and_bad_name() -> None:
    assert convert_rate(5.0, from_compounding="continuous", to_compounding="semiannual") == \
        pytest.approx(200 * (np.exp(0.025) - 1), abs=1e-13)
    with pytest.raises(InputError, match="compounding 'annual'"):
        convert_rate(5.0, from_compounding="annual", to_compounding="continuous")  # type: ignore[arg-type]


@pytest.mark.parametrize("rate_pct", [0.0, 0.25, 4.0, 12.0])
def test_flat_curve_par_equals_zero_after_conversion(rate_pct: float) -> None:
    # A flat continuously compounded curve: on the coupon grid the par yield equals the zero yield
    # restated semiannually, at every maturity.
    curve = Curve.from_discount_factors(GRID, np.exp(-rate_pct / 100 * GRID))
    semi = convert_rate(rate_pct, from_compounding="continuous", to_compounding="semiannual")
    np.testing.assert_allclose(curve.par_yield(GRID), semi, atol=1e-12)
    np.testing.assert_allclose(curve.zero_rate(GRID, compounding="semiannual"), semi, atol=1e-12)
    np.testing.assert_allclose(curve.zero_rate([0.0, 0.1, 7.3, 45.0]), rate_pct, atol=1e-12)
    # A bill's bond-equivalent yield is simple interest: (e^{rT} - 1)/T.
    np.testing.assert_allclose(curve.par_yield(0.25), (np.exp(rate_pct / 100 * 0.25) - 1) / 0.25 * 100,
                               atol=1e-12)


def test_par_yield_textbook_formula_and_continuity() -> None:
    curve = Curve.from_svensson(*NORMAL)
    d = curve.discount_factor(GRID)
    expected = 200 * (1 - d) / np.cumsum(d)  # c = 2 (1 - D_T) / sum D(t_k)
    np.testing.assert_allclose(curve.par_yield(GRID), expected, rtol=1e-14)
    # Off the grid the accrued-interest definition joins the grid values continuously, and the bill
    # relation joins the bond relation at six months.
    for t in (0.5, 1.0, 2.0, 10.0):
        lo, hi = curve.par_yield([t - 1e-7, t + 1e-7])
        assert abs(hi - lo) < 1e-5
    assert par_yields_from_discount(np.array([0.5]), curve.discount_factor)[0] == \
        pytest.approx(200 * (1 / curve.discount_factor(0.5) - 1), rel=1e-14)


def test_period_and_instantaneous_forwards_agree_with_discount_factors() -> None:
    curve = Curve.from_svensson(*NORMAL)
    s, e = np.array([1.0, 2.0, 9.5]), np.array([2.0, 5.0, 10.0])
    f = curve.forward_rate(s, e)
    ratio = curve.discount_factor(e) / curve.discount_factor(s)
    np.testing.assert_allclose(np.exp(-f / 100 * (e - s)), ratio, rtol=1e-14)
    fs = curve.forward_rate(s, e, compounding="semiannual")
    np.testing.assert_allclose((1 + fs / 200) ** (-2 * (e - s)), ratio, rtol=1e-13)
    # -d ln D / dt by central differences equals the closed-form forward (GSW eq. 21).
    t = np.array([0.3, 1.0, 4.0, 17.0])
    h = 1e-5
    numeric = -(np.log(curve.discount_factor(t + h)) - np.log(curve.discount_factor(t - h))) / (2 * h) * 100
    np.testing.assert_allclose(curve.instantaneous_forward(t), numeric, atol=1e-7)
    # Short end: the zero and forward at t = 0 are the short rate beta0 + beta1.
    assert curve.zero_rate(0.0) == pytest.approx(NORMAL[0] + NORMAL[1], abs=1e-14)
    assert curve.instantaneous_forward(0.0) == pytest.approx(NORMAL[0] + NORMAL[1], abs=1e-14)
    with pytest.raises(InputError, match="end_years > start_years"):
        curve.forward_rate(2.0, 1.0)


@settings(max_examples=60, deadline=None)
@given(
    beta0=st.floats(0.5, 10.0), beta1=st.floats(-5.0, 5.0), beta2=st.floats(-6.0, 6.0),
    beta3=st.floats(-6.0, 6.0), tau1=st.floats(0.2, 8.0), tau2=st.floats(0.5, 25.0),
)
def test_discount_factors_fall_when_forwards_are_positive(
    beta0: float, beta1: float, beta2: float, beta3: float, tau1: float, tau2: float
) -> None:
    curve = Curve.from_svensson(beta0, beta1, beta2, beta3, tau1, tau2)
    t = np.linspace(0.0, 40.0, 801)
    assume(np.all(curve.instantaneous_forward(t) > 1e-3))
    d = curve.discount_factor(t)
    assert d[0] == 1.0
    assert np.all(np.diff(d) < 0)
    assert np.all((d > 0) & (d <= 1))


def test_from_svensson_reproduces_the_feds_gsw_yields() -> None:
    # The Fed's published SVENY yields (rounded to 4 decimals) from its own parameters: a
    # Svensson day (2015) and a Nelson-Siegel day (1975, TAU2 = -999.99).
    import treasury_leverage.data as tld

    windows = (("2015-06-01", "2015-06-05"), ("1975-03-03", "1975-03-07"), ("2008-11-03", "2008-11-07"))
    for start, end in windows:
        params = tld.gsw_parameters(start, end)
        published = tld.gsw_zero_curve(start, end)
        assert len(params) >= 4
        for date, p in params.iterrows():
            curve = Curve.from_svensson(*p.to_numpy(), date=date.date())
            assert isinstance(curve, SvenssonCurve)
            row = published.loc[date].dropna()
            mats = np.array(row.index, dtype=float)
            np.testing.assert_allclose(curve.zero_rate(mats), row.to_numpy(), atol=6e-5)
        if start.startswith("1975"):
            assert curve.params.is_nelson_siegel and curve.params.tau2 == NS_SENTINEL


def test_piecewise_curve_knots_flat_forward_extrapolation_and_errors() -> None:
    t = np.array([0.25, 1.0, 2.0])
    d = np.array([0.99, 0.96, 0.92])
    curve = Curve.from_discount_factors(t, d)
    assert isinstance(curve, PiecewiseCurve)
    np.testing.assert_allclose(curve.discount_factor(t), d, rtol=1e-15)
    last_fwd = np.log(0.96 / 0.92)  # decimal, per year
    assert curve.instantaneous_forward(5.0) == pytest.approx(last_fwd * 100)
    assert curve.discount_factor(3.0) == pytest.approx(0.92 * np.exp(-last_fwd))
    # Flat forward inside a segment: the forward between knots is the segment's.
    assert curve.forward_rate(1.2, 1.7) == pytest.approx(last_fwd * 100, rel=1e-12)
    with pytest.raises(InputError, match="strictly increasing"):
        Curve.from_discount_factors([1.0, 0.5], [0.97, 0.98])
    with pytest.raises(InputError, match="> 0"):
        Curve.from_discount_factors([1.0], [-0.5])
    with pytest.raises(InputError, match="maturity_years"):
        curve.zero_rate(-1.0)


def test_params_and_to_frame() -> None:
    p = SvenssonParams.from_array(NORMAL)
    np.testing.assert_array_equal(p.to_array(), NORMAL)
    assert not p.is_nelson_siegel
    with pytest.raises(InputError, match="tau1"):
        SvenssonParams(1, 1, 1, 1, 0.0, 1)
    frame = SvenssonCurve(p).to_frame([0.0, 1.0, 10.0])
    assert list(frame.columns) == ["maturity_years", "discount_factor", "zero_yield_pct",
                                   "zero_yield_semiannual_pct", "forward_pct", "par_yield_pct"]
    assert np.isnan(frame["par_yield_pct"].iloc[0]) and frame["discount_factor"].iloc[0] == 1.0


# --- tlev curve show ----------------------------------------------------------------------------


def _run(args: list[str]) -> tuple[int, str, str]:
    from treasury_leverage.cli.main import app

    result = CliRunner().invoke(app, args)
    return result.exit_code, result.stdout, result.stderr


def test_cli_show_par_json_uses_the_last_day_before_a_weekend() -> None:
    code, out, err = _run(["curve", "show", "2025-04-05", "--format", "json"])
    assert code == 0, err
    payload = json.loads(out)
    assert payload["meta"]["date"] == "2025-04-04"
    assert payload["meta"]["requested_date"] == "2025-04-05"
    assert "using 2025-04-04" in err
    rows = {r["tenor"]: r for r in payload["data"]}
    assert set(rows["10Y"]) == {"tenor", "maturity_years", "par_yield_pct", "fitted_par_yield_pct",
                                "fit_error_bp"}
    assert rows["10Y"]["par_yield_pct"] == 4.01  # Treasury's published 10Y on 2025-04-04
    assert rows["10Y"]["maturity_years"] == 10.0
    assert max(abs(r["fit_error_bp"]) for r in rows.values()) < 10


def test_cli_show_zero_bootstrap_and_forward(tmp_path: Path) -> None:
    code, out, err = _run(["curve", "show", "2024-12-31", "-k", "zero", "--method", "bootstrap", "-f", "csv"])
    assert code == 0, err
    frame = pd.read_csv(io.StringIO(out))
    assert list(frame.columns) == ["tenor", "maturity_years", "zero_yield_pct",
                                   "zero_yield_semiannual_pct", "discount_factor"]
    # The bootstrap's 6-month zero restated semiannually is the 6M par (bill) yield: 4.24%.
    six = frame.set_index("tenor").loc["6M"]
    assert six["zero_yield_semiannual_pct"] == pytest.approx(4.24, abs=1e-10)
    code, out, err = _run(["curve", "show", "2024-12-31", "-k", "forward", "-f", "json"])
    assert code == 0, err
    assert "forward_rate_pct" in json.loads(out)["data"][0]


def test_cli_show_errors_name_the_data_range(capsys: pytest.CaptureFixture[str]) -> None:
    from treasury_leverage.cli.main import main

    with pytest.raises(SystemExit) as exc:
        main(["curve", "show", "1985-01-01"])
    assert exc.value.code == 2  # a user error: one line, no traceback
    err = capsys.readouterr().err
    assert err.startswith("error: date 1985-01-01 is outside the par-curve data, which cover 1990-01-02 to ")
    assert len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exc:
        main(["curve", "show", "2025-02-30"])
    assert exc.value.code == 2
    assert "is not a date" in capsys.readouterr().err


def test_cli_show_writes_a_png_chart(tmp_path: Path) -> None:
    target = tmp_path / "curve.png"
    code, _, err = _run(["curve", "show", "2025-04-11", "-k", "zero", "--chart", str(target), "-f", "json"])
    assert code == 0, err
    data = target.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert 10_000 < len(data) < 5_000_000
