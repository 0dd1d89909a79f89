"""The accessors' memo: the same panel as assembling it afresh, and safe from callers' writes."""

from __future__ import annotations

import datetime as dt

import pandas as pd

import treasury_leverage.data as tld
from treasury_leverage.data import api
from treasury_leverage.data.paths import user_store_dir
from treasury_leverage.data.store import Store


def _fresh_par_curve() -> pd.DataFrame:
    """The FRED-extended panel built by hand from the two wide tables (no memo)."""
    wide = api._wide("par_curve")
    fred = api._wide("fred")
    ext = fred.loc[fred.index > wide.index.max(), list(api._FRED_PAR.values())].dropna(how="all")
    ext = ext.rename(columns={v: k for k, v in api._FRED_PAR.items()})
    both = pd.concat([wide, ext])
    from treasury_leverage.data.sources.treasury import TENOR_YEARS

    return both[[t for t in TENOR_YEARS if t in both.columns]]


def test_memoised_par_curve_equals_a_fresh_assembly() -> None:
    pd.testing.assert_frame_equal(tld.par_curve(), _fresh_par_curve(), check_freq=False)
    window = tld.par_curve("2024-01-01", "2024-12-31")
    pd.testing.assert_frame_equal(window, _fresh_par_curve().loc["2024-01-01":"2024-12-31"], check_freq=False)
    assert window.attrs["unit"] == "percent" and "fred_from" in window.attrs
    plain = tld.par_curve(extend_with_fred=False)
    assert plain.index.max() < tld.par_curve().index.max() and "fred_from" not in plain.attrs


def test_writes_into_a_result_do_not_reach_the_memo() -> None:
    first = tld.par_curve()
    first.iloc[:, :] = -99.0
    first.attrs["source"] = "tampered"
    again = tld.par_curve()
    assert (again.max() > 0).all() and again.attrs["source"] != "tampered"


def test_a_new_vintage_is_read_not_served_from_the_memo() -> None:
    before = tld.par_curve()
    key = api.dataset_key("par_curve")
    tidy = tld.read("par_curve")[["date", "series_id", "value", "unit"]]
    day = before.index[before.index <= "2024-06-28"].max()
    revised = tidy[tidy["date"] == day].assign(value=9.99)
    user = Store(user_store_dir())
    user.write("par_curve", tidy, source="copy", realtime_start=dt.datetime(2026, 9, 1))
    user.write("par_curve", revised, source="revision", realtime_start=dt.datetime(2026, 10, 1))
    assert api.dataset_key("par_curve") != key
    after = tld.par_curve()
    assert after.attrs["origin"] == "cache"
    assert (after.loc[day].dropna() == 9.99).all()
    # the earlier vintage is still served for an earlier as_of
    pd.testing.assert_series_equal(tld.par_curve(as_of="2026-09-15").loc[day], before.loc[day])
