"""The MSPD composition memo: equal to a fresh derivation, and rebuilt when the MSPD vintage changes."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

import treasury_leverage.data as tld
from treasury_leverage.data.api import dataset_key
from treasury_leverage.data.paths import user_store_dir
from treasury_leverage.data.store import Store
from treasury_leverage.scenario import debt_profile as dp  # the module (debt_profile below is the function)
from treasury_leverage.scenario.us_bill import debt_profile, us_interest_bill

MATS = np.array([1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0])


def test_memoised_composition_equals_a_fresh_derivation() -> None:
    for as_of in (None, "2020-06-30", dt.date(2015, 3, 31)):
        fresh = dp._fresh_composition(as_of)
        assert dp._latest_composition(as_of) == fresh
        assert dp._latest_composition(as_of) == fresh  # the second call is a memo hit
        lines, as_of_str = dp._resolve_lines(as_of, None)
        assert lines == dp._lines(fresh[0], fresh[1]) and as_of_str == fresh[2]
    # different cut dates are different compositions, not one memo entry served for both
    assert dp._latest_composition("2015-03-31") != dp._latest_composition(None)


def test_memo_hands_out_copies() -> None:
    stock, growth, _ = dp._latest_composition(None)
    stock["bills"] = -1.0
    growth.clear()
    again, growth_again, _ = dp._latest_composition(None)
    assert again["bills"] > 0 and set(growth_again) == set(dp.DEBT_CLASSES)


def test_a_new_mspd_vintage_changes_the_key_and_the_bill() -> None:
    shift = np.full((1, 121, len(MATS)), 10.0)
    before_key = dataset_key("mspd")
    before = us_interest_bill(shift, MATS).extra_interest_usd_bn
    before_profile = debt_profile()
    # A refreshed MSPD in the user store: every class doubled in the latest month.
    tidy = tld.read("mspd")[["date", "series_id", "value", "unit"]]
    last = tidy["date"].max()
    revised = tidy[tidy["date"] == last].assign(value=lambda f: 2.0 * f["value"])
    user = Store(user_store_dir())
    user.write("mspd", tidy, source="copy", realtime_start=dt.datetime(2026, 9, 1))
    user.write("mspd", revised, source="revision", realtime_start=dt.datetime(2026, 10, 1))
    assert dataset_key("mspd") != before_key
    after = us_interest_bill(shift, MATS).extra_interest_usd_bn
    # stock-only repricing doubles; new borrowing does not, so the bill rises but less than 2x
    assert np.all(after > before * 1.2)
    assert debt_profile()["stock_usd_bn"].sum() == 2.0 * before_profile["stock_usd_bn"].sum()
    fresh = dp._fresh_composition(None)
    assert dp._latest_composition(None) == fresh
    assert pd.Timestamp(fresh[2]) == last
