"""Maturity profiles (survey short-term share, default or user long-term weights) and run-off."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import treasury_leverage.holdings as th
from treasury_leverage.errors import InputError, UnknownNameError
from treasury_leverage.holdings.profile import validate_weights


def test_default_weights_are_a_distribution() -> None:
    assert len(th.DEFAULT_LT_WEIGHTS) == len(th.LT_BUCKETS)
    assert sum(th.DEFAULT_LT_WEIGHTS) == pytest.approx(1.0)
    assert min(th.DEFAULT_LT_WEIGHTS) >= 0


def test_japan_short_term_share_is_the_survey_split() -> None:
    # SOURCES.md check: Japan Jun 2024 LT Treasury 1,015,563 + ST 74,248 (USD mn).
    prof = th.maturity_profile("japan", date="2025-12")
    assert prof.st_share == pytest.approx(74.248 / (1015.563 + 74.248), rel=1e-9)
    assert "Jun 2024" in prof.st_source and prof.lt_source.startswith("default")
    older = th.maturity_profile("japan", date="2010-12")
    assert "Jun 2010" in older.st_source
    hist = th.st_lt_history("china")
    assert hist.loc["2024-06-30", "lt_treasury_usd_bn"] == pytest.approx(752.890)
    assert hist.loc["2024-06-30", "st_treasury_usd_bn"] == pytest.approx(27.500)
    table = prof.table()
    assert table["share_of_holdings_pct"].sum() == pytest.approx(100.0)
    assert table.iloc[0]["share_of_holdings_pct"] == pytest.approx(100 * prof.st_share)


def test_official_profile_uses_the_monthly_bills_rows() -> None:
    prof = th.maturity_profile("official", date="2025-12")
    assert prof.st_share == pytest.approx(388.5 / 3887.0)
    assert "2025-12" in prof.st_source


def test_runoff_schedule_japan() -> None:
    prof = th.maturity_profile("japan", date="2025-12")
    run = th.runoff_schedule("japan", date="2025-12")
    assert list(run.index) == list(range(1, 11))
    assert run.attrs["holdings_usd_bn"] == 1185.5
    lt = 1185.5 * (1 - prof.st_share)
    # Year 1 releases all bills and the 0-1y bucket of notes and bonds.
    year1 = 1185.5 * prof.st_share + lt * th.DEFAULT_LT_WEIGHTS[0]
    assert run.loc[1, "matures_usd_bn"] == pytest.approx(year1)
    assert run.loc[10, "matures_usd_bn"] == pytest.approx(lt * th.DEFAULT_LT_WEIGHTS[9])
    # Ten years release everything except the 10-30y buckets.
    beyond = lt * (th.DEFAULT_LT_WEIGHTS[10] + th.DEFAULT_LT_WEIGHTS[11])
    assert run.attrs["beyond_horizon_usd_bn"] == pytest.approx(beyond)
    assert run["cumulative_usd_bn"].iloc[-1] + beyond == pytest.approx(1185.5)
    full = th.runoff_schedule("japan", date="2025-12", years=30)
    assert full["cumulative_usd_bn"].iloc[-1] == pytest.approx(1185.5)
    assert full.loc[11:20, "matures_usd_bn"].sum() == pytest.approx(lt * th.DEFAULT_LT_WEIGHTS[10])


def test_user_profile_overrides_and_shortens_runoff() -> None:
    weights = {"0-1y": 0.5, "1-2y": 0.5}
    prof = th.maturity_profile("japan", lt_weights=weights, st_share=0.2)
    assert prof.lt_source == "user" and prof.st_source == "user"
    run = th.runoff_schedule("japan", date="2025-12", years=3, profile=prof)
    assert run["matures_usd_bn"].tolist() == pytest.approx([1185.5 * 0.6, 1185.5 * 0.4, 0.0])


@pytest.mark.parametrize(
    ("weights", "match"),
    [
        ([0.5, 0.6] + [0.0] * 10, "sum to 1.1"),
        ([1.2, -0.2] + [0.0] * 10, "non-negative"),
        ([1.0], "expected 12"),
        ({"0-1": 1.0}, "unknown bucket '0-1'.*did you mean '0-1y'"),
        ([float("nan")] + [0.0] * 11, "finite"),
    ],
)
def test_bad_user_profiles_raise(weights: object, match: str) -> None:
    with pytest.raises(InputError, match=match):
        th.maturity_profile("japan", lt_weights=weights)  # type: ignore[arg-type]


def test_bad_short_share_and_horizon() -> None:
    with pytest.raises(InputError, match="between 0 and 1"):
        th.maturity_profile("japan", st_share=7.0)
    with pytest.raises(InputError, match="between 1 and 30"):
        th.runoff_schedule("japan", years=0)
    with pytest.raises(InputError, match="data cover"):
        th.runoff_schedule("japan", date="1999-01")
    with pytest.raises(UnknownNameError):
        th.maturity_profile("Atlantis")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=10, allow_nan=False), min_size=12, max_size=12))
def test_validate_weights_accepts_normalised_and_rejects_the_rest(raw: list[float]) -> None:
    total = sum(raw)
    if total <= 0:
        with pytest.raises(InputError):
            validate_weights(raw)
        return
    normalised = [w / total for w in raw]
    assert validate_weights(normalised) == pytest.approx(tuple(normalised))
    if abs(total - 1.0) > 1e-3:
        with pytest.raises(InputError, match="sum to"):
            validate_weights(raw)
