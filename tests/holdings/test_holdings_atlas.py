"""The atlas against the published TIC major-holders table."""

from __future__ import annotations

import math

import pytest

import treasury_leverage.holdings as th
from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.holdings.atlas import AGGREGATE_ROWS, CustodyAdjustment


def test_ranking_2025_12_has_japan_first_with_the_published_value(mfh_2025: dict[str, list[float]]) -> None:
    table = th.ranking("2025-12")
    first = table.iloc[0]
    assert first["holder"] == "Japan"
    assert first["holdings_usd_bn"] == 1185.5 == mfh_2025["Japan"][0]
    assert table.index[0] == 1
    assert table.attrs["grand_total_usd_bn"] == mfh_2025["Grand Total"][0] == 9271.0
    # Every published country row is ranked by its published value.
    for _, row in table.iterrows():
        if row["holder"] in mfh_2025:
            assert row["holdings_usd_bn"] == mfh_2025[row["holder"]][0]
    ranked = table[table.index > 0]["holdings_usd_bn"].to_numpy()
    assert (ranked[:-1] >= ranked[1:]).all()


def test_shares_with_all_other_add_up_to_the_grand_total() -> None:
    table = th.ranking("2025-12")
    assert "All Other" in set(table["holder"]) and table.index[-1] == 0
    assert not set(table["holder"]) & AGGREGATE_ROWS
    # The published rows add up to the Grand Total up to the table's one-decimal rounding.
    assert table["holdings_usd_bn"].sum() == pytest.approx(9271.0, abs=0.05 * len(table))
    assert table["share_of_foreign_pct"].sum() == pytest.approx(100.0, abs=0.01)
    japan = table.iloc[0]
    assert japan["share_of_foreign_pct"] == pytest.approx(100 * 1185.5 / 9271.0)
    from treasury_leverage.data import mspd

    marketable = float(mspd("public").loc["2025-12-31", "total_marketable"])
    assert table.attrs["marketable_usd_bn"] == pytest.approx(marketable, abs=0.05)
    assert japan["share_of_marketable_pct"] == pytest.approx(100 * 1185.5 / marketable)
    assert 2.0 < japan["share_of_marketable_pct"] < 6.0  # ~$30tn marketable debt held by the public


def test_twelve_month_changes_and_top(mfh_2025: dict[str, list[float]]) -> None:
    table = th.ranking("2025-12", top=5)
    assert len(table) == 5 and "All Other" not in set(table["holder"])
    japan = table.set_index("holder").loc["Japan"]
    assert japan["change_12m_usd_bn"] == pytest.approx(1185.5 - 1061.5)  # Dec-2024 value 1061.5
    uk = table.set_index("holder").loc["United Kingdom"]
    assert bool(uk["custodial_centre"]) and not bool(japan["custodial_centre"])


def test_ranking_bad_inputs() -> None:
    with pytest.raises(InputError, match="data cover 2000-03 to 2025-12"):
        th.ranking("2031-01")
    with pytest.raises(InputError, match="not a date"):
        th.ranking("last christmas")
    with pytest.raises(InputError, match="top"):
        th.ranking("2025-12", top=0)


def test_unknown_holder_suggests_close_names() -> None:
    with pytest.raises(UnknownNameError, match="Japan"):
        th.holder_history("Japn")
    with pytest.raises(UnknownNameError) as info:
        th.holder_history("Swizerland")
    assert "Switzerland" in str(info.value)


def test_empty_window_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="no holdings of Japan between 1990-01 and 1995-12"):
        th.holder_history("japan", "1990-01", "1995-12")
    with pytest.raises(InputError, match="after"):
        th.holder_history("japan", "2025-01", "2024-01")


def test_official_private_identities() -> None:
    op = th.official_private("2025-01", "2025-12")
    assert len(op) == 12
    dec = op.loc["2025-12-31"]
    assert dec["official_usd_bn"] == 3887.0
    assert dec["official_bills_usd_bn"] + dec["official_notes_bonds_usd_bn"] == pytest.approx(3887.0, abs=0.1)
    assert dec["private_usd_bn"] == pytest.approx(9271.0 - 3887.0)
    assert dec["official_bills_share_pct"] == pytest.approx(100 * 388.5 / 3887.0)
    hist = th.holder_history("official", "2025-12")
    assert hist["official_share_pct"].iloc[-1] == pytest.approx(100 * 3887.0 / 9271.0)
    assert hist["bills_share_pct"].iloc[-1] == pytest.approx(dec["official_bills_share_pct"])


def test_changes_over_a_window() -> None:
    ch = th.changes("2024-12", "2025-12")
    assert ch.loc["Japan", "change_usd_bn"] == pytest.approx(124.0)
    assert ch.loc["China, Mainland", "change_usd_bn"] < 0
    assert ch["change_usd_bn"].is_monotonic_increasing
    assert bool(ch.loc["Grand Total", "aggregate"])
    with pytest.raises(InputError, match="not before"):
        th.changes("2025-12", "2024-12")


def test_custody_adjustment_is_explicit_and_documented() -> None:
    # Off by default: the ranking and histories are the published numbers, with no custody attrs.
    assert "custody_adjusted" not in th.ranking("2025-12").attrs
    hist = th.holder_history("china", "2025-12")
    assert hist["holdings_usd_bn"].iloc[-1] == 683.5
    assert not any("custody" in c for c in hist.columns)
    adj = th.custody_adjusted(end="2025-12")
    assert adj.attrs["custody_adjusted"] is True
    words = " ".join(adj.attrs["assumptions"])
    assert "Belgium" in words and "not TIC data" in words and "2015-12" in words
    belgium = th.holder_history("belgium")["holdings_usd_bn"]
    last = adj.iloc[-1]
    assert last["reported_usd_bn"] == 683.5
    assert last["from_belgium_usd_bn"] == pytest.approx(belgium.loc["2025-12-31"] - belgium.loc["2015-12-31"])
    assert last["adjusted_usd_bn"] == pytest.approx(last["reported_usd_bn"] + last["from_belgium_usd_bn"])
    assert adj.iloc[0]["from_belgium_usd_bn"] == 0.0  # the base month is not adjusted
    half = th.custody_adjusted(CustodyAdjustment(centres={"Belgium": 0.5}), end="2025-12")
    assert half.iloc[-1]["from_belgium_usd_bn"] == pytest.approx(0.5 * last["from_belgium_usd_bn"])
    with pytest.raises(InputError, match="between 0 and 1"):
        CustodyAdjustment(centres={"Belgium": 1.5})
    assert not math.isnan(last["adjusted_usd_bn"])


def test_public_names() -> None:
    assert set(th.__all__) == {
        "DEFAULT_LT_WEIGHTS", "LT_BUCKETS", "AttributionResults", "Calibration", "CustodyAdjustment",
        "EventStudyResults", "MaturityProfile", "attribution", "calibrate", "changes", "check_estimator",
        "custody_adjusted", "event_study", "flows", "holder_history", "maturity_profile",
        "official_net_purchases", "official_private", "ranking", "recent_window", "runoff_schedule",
        "st_lt_history", "verdict",
    }
    for name in th.__all__:
        assert getattr(th, name) is not None


def test_ranking_custody_column_only_when_asked() -> None:
    plain = th.ranking("2025-12")
    assert "custody_adjusted_usd_bn" not in plain.columns
    adj = th.ranking("2025-12", custody=CustodyAdjustment())
    by = adj.set_index("holder")
    moved = by.loc["China, Mainland", "custody_adjusted_usd_bn"] - 683.5
    assert moved > 0
    assert by.loc["Belgium", "custody_adjusted_usd_bn"] == pytest.approx(477.3 - moved)
    # A reallocation, not new money: the total is unchanged and the ranking stays on TIC numbers.
    assert adj["custody_adjusted_usd_bn"].sum() == pytest.approx(adj["holdings_usd_bn"].sum())
    assert list(adj["holder"]) == list(plain["holder"])
    assert "not TIC data" in adj.attrs["custody_assumptions"][0]


def test_country_history_says_the_official_split_is_not_published() -> None:
    hist = th.holder_history("japan", "2025-01")
    assert "official_share_pct" not in hist.columns
    assert "does not split Japan" in hist.attrs["official_share_note"]
    assert "41.9%" in hist.attrs["official_share_note"]  # 3887.0 / 9271.0 in 2025-12
