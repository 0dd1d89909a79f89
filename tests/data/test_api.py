"""The public accessors, read from the bundled snapshot, against the publishers' own numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import treasury_leverage.data as tld
from treasury_leverage.data.store import Store
from treasury_leverage.errors import InputError, UnknownNameError


def test_japan_holdings_match_the_tic_table() -> None:
    japan = tld.holdings("japan")
    assert japan.name == "Japan"
    assert japan.loc["2025-12-31"] == 1185.5
    assert japan.loc["2024-12-31"] == 1061.5
    assert isinstance(japan.index, pd.DatetimeIndex) and japan.index.is_monotonic_increasing
    assert (japan.index == japan.index + pd.offsets.MonthEnd(0)).all(), "dates must be month-ends"
    assert japan.attrs["origin"] == "snapshot" and japan.attrs["vintage"]


def test_grand_total_and_forgiving_country_names() -> None:
    assert tld.holdings("grand total").loc["2025-12-31"] == 9271.0
    assert tld.holdings("China").loc["2025-12-31"] == 683.5
    assert tld.holdings("china, mainland").loc["2025-12-31"] == 683.5
    assert tld.holdings("uk").name == "United Kingdom"


def test_unknown_country_suggests_close_names() -> None:
    with pytest.raises(UnknownNameError, match=r"japn") as err:
        tld.holdings("japn")
    assert "Japan" in str(err.value)
    with pytest.raises(UnknownNameError):
        tld.holdings("atlantis")


def test_window_validation() -> None:
    with pytest.raises(InputError, match="after end"):
        tld.holdings("japan", start="2025-01", end="2024-01")
    with pytest.raises(InputError, match="not a date"):
        tld.holdings("japan", start="last tuesday")
    got = tld.holdings("japan", start="2025-01", end="2025-12")
    assert len(got) == 12 and got.index[-1] == pd.Timestamp("2025-12-31")


def test_par_curve_is_the_treasury_file_then_fred(shared_data: Path) -> None:
    par = tld.par_curve()
    assert list(par.columns[:3]) == ["1M", "1.5M", "2M"] and par.columns[-1] == "30Y"
    raw = pd.read_csv(shared_data / "rates" / "treasury_par_yield_curve_2025_through_0711.csv", index_col=0)
    assert par.loc["2025-04-11", "10Y"] == raw.loc["2025-04-11", "10 Yr"]
    assert par.loc["2025-04-04", "10Y"] == 4.01 and par.loc["2025-04-11", "10Y"] == 4.48
    # After the Treasury files end, FRED's DGS series continue the same CMT yields.
    assert par.attrs["fred_from"] > "2025-07-11"
    dgs10 = tld.series("DGS10")
    later = par.loc[par.index > "2025-07-11", "10Y"].dropna()
    assert len(later) > 200
    np.testing.assert_array_equal(later.to_numpy(), dgs10.reindex(later.index).to_numpy())
    assert par.loc["2010-10-11":"2010-10-11"].empty  # Columbus Day row of empty cells


def test_gsw_zero_yields_from_parameters_match_published_yields() -> None:
    from treasury_leverage.curves import gsw_zero_yields

    published = tld.gsw_zero_curve("2007-01-01", "2007-12-31")
    computed = gsw_zero_yields([2.0, 10.0, 30.0], "2007-01-01", "2007-12-31")
    diff = (computed - published[[2.0, 10.0, 30.0]].reindex(computed.index)).abs().to_numpy()
    assert np.nanmax(diff) < 1e-4  # within 0.01 bp (published to 4 decimals)


def test_series_and_units() -> None:
    tp = tld.series("THREEFYTP10", start="2025-04-01", end="2025-04-30")
    assert tp.attrs["unit"] == "percent" and len(tp) > 15
    with pytest.raises(UnknownNameError, match="DGS10"):
        tld.series("DGS11")


def test_slt_flows_in_usd_bn_add_up() -> None:
    flows = tld.slt_flows("japan", start="2023-03", end="2024-12")
    assert set(flows.columns) >= {"treas_pos_usd_bn", "treas_net_usd_bn", "treas_valchg_usd_bn"}
    # Stored in the TIC's USD mn, exposed in USD bn: Japan's long-term Treasuries, Dec 2024 = 952,667 mn.
    assert flows.loc["2024-12-31", "treas_pos_usd_bn"] == pytest.approx(952.667, abs=1e-9)
    change = flows["treas_pos_usd_bn"].diff().dropna()
    explained = (flows["treas_net_usd_bn"] + flows["treas_valchg_usd_bn"]).loc[change.index]
    # SLT identity: change = net purchases + valuation + unpublished "other" (under 0.5% in a median month).
    residual = (change - explained) / flows["treas_pos_usd_bn"].shift().loc[change.index]
    assert residual.abs().median() < 0.005
    assert np.corrcoef(change, explained)[0, 1] > 0.95


def test_user_store_takes_precedence_over_snapshot(tmp_path: Path) -> None:
    from treasury_leverage.data.paths import user_store_dir

    snap = tld.holdings("japan")
    revised = pd.DataFrame(
        {"date": [pd.Timestamp("2025-12-31")], "series_id": ["Japan"], "value": [1190.0], "unit": ["USD bn"]}
    )
    user = Store(user_store_dir())
    base = tld.read("holdings")[["date", "series_id", "value", "unit"]]
    user.write("holdings", base, source="copy", realtime_start=dt.datetime(2026, 9, 1))
    user.write("holdings", revised, source="revision", realtime_start=dt.datetime(2026, 10, 1))
    now = tld.holdings("japan")
    assert now.attrs["origin"] == "cache"
    assert now.loc["2025-12-31"] == 1190.0
    assert tld.holdings("japan", as_of="2026-09-15").loc["2025-12-31"] == snap.loc["2025-12-31"]
    status = tld.status().set_index("dataset")
    assert status.loc["holdings", "origin"] == "cache" and status.loc["par_curve", "origin"] == "snapshot"


def test_sql_over_all_datasets() -> None:
    got = tld.sql("SELECT value FROM holdings WHERE series_id = 'Japan' AND date = DATE '2025-12-31'")
    assert got["value"].to_list() == [1185.5]


def test_export_writes_complete_files(tmp_path: Path) -> None:
    from treasury_leverage.data.api import export

    paths = export(tmp_path, ["holdings"], file_format="csv")
    back = pd.read_csv(paths[0])
    assert len(back) == len(tld.read("holdings"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    with pytest.raises(InputError, match="parquet"):
        export(tmp_path, ["holdings"], file_format="xlsx")
