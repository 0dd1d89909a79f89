"""Holdings older than the scenario start are said so; --holdings-date picks another month."""

from __future__ import annotations

import pytest

import treasury_leverage.data as tld
from treasury_leverage.scenario.spec import ScenarioError, check_spec, parse_spec, sell_spec, spec_hash


def test_default_holdings_are_the_latest_and_their_age_is_noted() -> None:
    resolved = check_spec(sell_spec("japan", 100, start="2026-07-01"))
    assert f"{resolved.holdings_date:%Y-%m}" == "2025-12"  # the latest MFH month in the snapshot
    assert resolved.holdings_usd_bn[0] == 1185.5
    assert any("holdings are as of 2025-12 (the latest published), 7 months before the scenario start "
               "2026-07-01" in n and "--holdings-date" in n for n in resolved.notes)


def test_holdings_date_picks_that_month() -> None:
    spec = sell_spec("japan", 100, start="2026-07-01", holdings_date="2025-06")
    resolved = check_spec(spec)
    assert f"{resolved.holdings_date:%Y-%m-%d}" == "2025-06-30"
    assert resolved.holdings_usd_bn[0] == float(tld.holdings("Japan").loc["2025-06-30"])
    assert any("chosen with holdings_date" in n for n in resolved.notes)
    # Absent, the field does not enter the hash: specs written before it keep theirs.
    plain = sell_spec("japan", 100, start="2026-07-01")
    assert "holdings_date" not in plain.to_json_dict() and spec_hash(plain) != spec_hash(spec)


def test_holdings_date_after_the_start_is_an_error() -> None:
    with pytest.raises(ScenarioError, match="holdings_date: 2026-01-31 is after the start 2025-07-01"):
        check_spec(sell_spec("japan", 100, start="2025-07-01", holdings_date="2026-01"))
    with pytest.raises(ScenarioError, match="holdings_date"):
        parse_spec({"actors": [], "holdings_date": "2025-13"})
    with pytest.raises(ScenarioError, match="holdings_date: 1677-01-01 is before the first holdings month"):
        check_spec(parse_spec({"actors": [], "holdings_date": "1677-01-01"}))


def test_default_start_is_the_last_day_with_holdings_and_a_curve() -> None:
    import pandas as pd

    from treasury_leverage.data import api
    from treasury_leverage.scenario.spec import ScenarioSpec, check_spec

    par = api.par_curve().dropna(how="all")
    latest_holdings = api.holdings()["Japan"].dropna().index.max()
    spec = ScenarioSpec.model_validate({"actors": [{"holder": "japan", "action": {"kind": "sell",
                                                                               "amount_usd_bn": 10}}]})
    got = check_spec(spec)
    # the curve day at or before the latest holdings month-end, and no "holdings are old" note
    expected = par.index[par.index <= latest_holdings].max()
    assert pd.Timestamp(got.start) == expected < par.index.max()
    assert not any("holdings are as of" in n for n in got.notes)
    # "latest" asks for the newest curve, and then the output says the holdings are older
    latest = check_spec(spec.model_copy(update={"start": "latest"}))
    assert pd.Timestamp(latest.start) == par.index.max()
    assert any("holdings are as of" in n for n in latest.notes)
