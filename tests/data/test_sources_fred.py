"""FRED parsers: every layout in ../shared/data/rates/fred and ../shared/data/macro."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from parser_mutations import assert_survives_mutations, assert_tidy, head_lines

from treasury_leverage.data.sources.fred import (
    FRED_API_OBSERVATIONS_URL,
    FRED_GRAPH_CSV_URL,
    FRED_UNITS,
    parse_fred_csv,
    parse_fred_observations_json,
    series_id_from_filename,
)
from treasury_leverage.errors import DataFormatError, InputError


def load(shared_data: Path, rel: str, **kwargs: object) -> pd.Series:
    path = shared_data / rel
    out = parse_fred_csv(path.read_bytes(), source=path.name, **kwargs)  # type: ignore[arg-type]
    assert_tidy(out)
    assert out["series_id"].nunique() == 1 and out["unit"].nunique() == 1
    return out.set_index("date")["value"].rename(out["series_id"].iloc[0])


# (file, series id, unit, values kept) -- counts from SOURCES.md (rows minus blank/'.' days)
FILES = [
    ("rates/fred/DGS1MO.csv", "DGS1MO", "percent", 6245),
    ("rates/fred/DGS3MO.csv", "DGS3MO", "percent", 11221),
    ("rates/fred/DGS6MO.csv", "DGS6MO", "percent", 11221),
    ("rates/fred/DGS1.csv", "DGS1", "percent", 16123),
    ("rates/fred/DGS2.csv", "DGS2", "percent", 12531),
    ("rates/fred/DGS5.csv", "DGS5", "percent", 16123),
    ("rates/fred/DGS7.csv", "DGS7", "percent", 14253),
    ("rates/fred/DGS10.csv", "DGS10", "percent", 16123),
    ("rates/fred/DGS20.csv", "DGS20", "percent", 14434),
    ("rates/fred/DGS30.csv", "DGS30", "percent", 12353),
    ("rates/fred/DFF.csv", "DFF", "percent", 26320),
    ("rates/fred/T10YIE.csv", "T10YIE", "percent", 5893),
    ("rates/fred/T5YIE.csv", "T5YIE", "percent", 5893),
    ("rates/fred/DFII5.csv", "DFII5", "percent", 5892),
    ("rates/fred/DFII10.csv", "DFII10", "percent", 5892),
    ("rates/fred/DFII20.csv", "DFII20", "percent", 5501),
    ("rates/fred/DFII30.csv", "DFII30", "percent", 4107),
    ("rates/fred/T10Y2Y.csv", "T10Y2Y", "percent", 12532),
    ("rates/fred/T10Y3M.csv", "T10Y3M", "percent", 11141),
    ("rates/fred/SOFR.csv", "SOFR", "percent", 2073),
    ("rates/fred/DEXJPUS_1971-2025.csv", "DEXJPUS", "JPY per USD", 13721),
    ("rates/fred/DEXJPUS_2021-2026.csv", "DEXJPUS", "JPY per USD", 1305 - 54),
    ("rates/fred/THREEFYTP10.csv", "THREEFYTP10", "percent", 9469 - 410),
    ("rates/fred/FEDFUNDS.csv", "FEDFUNDS", "percent", 861),
    ("rates/fred/FDHBFIN.csv", "FDHBFIN", "USD bn", 223),
    ("macro/DEXJPUS.csv", "DEXJPUS", "JPY per USD", 13750 - 537),
    ("macro/DEXCHUS.csv", "DEXCHUS", "CNY per USD", 11141 - 482),
    ("macro/EXJPUS.csv", "EXJPUS", "JPY per USD", 652),
    ("macro/IMPJP.csv", "IMPJP", "USD mn", 380),
    ("macro/IMPCH.csv", "IMPCH", "USD mn", 380),
    ("macro/Japan_Foreign_Exchange_Reserves_Monthly_TRESEGJPM052N.csv", "TRESEGJPM052N", "USD mn", 60),
    ("macro/China_Foreign_Exchange_Reserves_Monthly_TRESEGCNM052N.csv", "TRESEGCNM052N", "USD mn", 60),
]


@pytest.mark.parametrize(("rel", "sid", "unit", "n"), FILES, ids=[f[0] for f in FILES])
def test_every_fred_file(shared_data: Path, rel: str, sid: str, unit: str, n: int) -> None:
    path = shared_data / rel
    assert series_id_from_filename(path.name) == sid
    out = parse_fred_csv(path.read_bytes(), source=path.name)  # id from the header or file name
    assert_tidy(out)
    assert set(out["series_id"]) == {sid} and set(out["unit"]) == {unit}
    assert len(out) == n
    # The catalog passes the id explicitly: same result.
    pd.testing.assert_frame_equal(parse_fred_csv(path.read_bytes(), series_id=sid), out)


def test_all_bundled_files_are_covered(shared_data: Path) -> None:
    on_disk = {str(p.relative_to(shared_data)) for p in (shared_data / "rates" / "fred").glob("*.csv")}
    on_disk |= {str(p.relative_to(shared_data)) for p in (shared_data / "macro").glob("*.csv")}
    on_disk.discard("macro/MSPD_SumSecty_20010131_20260531.csv")  # Treasury, not FRED
    assert on_disk == {f[0] for f in FILES}
    assert {f[1] for f in FILES} <= set(FRED_UNITS)


def test_date_value_layout(shared_data: Path) -> None:
    dgs10 = load(shared_data, "rates/fred/DGS10.csv")
    assert dgs10.name == "DGS10"
    assert dgs10.index[0] == pd.Timestamp("1962-01-02") and dgs10.iloc[0] == 4.06
    assert dgs10.loc["2026-07-22"] == 4.67  # written "4.6700000000"
    assert dgs10.loc["2025-04-11"] == 4.48  # the Treasury par 10Y of that day
    assert load(shared_data, "rates/fred/DGS2.csv").iloc[0] == 7.26  # "7.260"


def test_observation_date_layout_and_splice(shared_data: Path) -> None:
    old = load(shared_data, "rates/fred/DEXJPUS_1971-2025.csv")  # CRLF line endings
    new = load(shared_data, "rates/fred/DEXJPUS_2021-2026.csv")  # observation_date,DEXJPUS
    assert old.iloc[0] == 357.73 and new.loc["2021-05-17"] == 109.17
    both = pd.concat([old, new], axis=1, join="inner")
    assert len(both) == 1093 and (both.iloc[:, 0] == both.iloc[:, 1]).all()
    tp = load(shared_data, "rates/fred/THREEFYTP10.csv")
    assert tp.iloc[0] == 1.8064 and tp.loc["2026-04-17"] == 0.6158
    assert load(shared_data, "rates/fred/FEDFUNDS.csv").loc["2026-03-01"] == 3.64


def test_old_layout_with_dots(shared_data: Path) -> None:
    jpy = load(shared_data, "macro/DEXJPUS.csv")  # DATE,DEXJPUS; holidays are '.'
    assert pd.Timestamp("1971-02-12") not in jpy.index  # a '.' row
    assert jpy.loc["1971-01-05"] == 357.81
    newer = load(shared_data, "rates/fred/DEXJPUS_1971-2025.csv")
    both = pd.concat([jpy, newer], axis=1, join="inner")
    assert len(both) == len(jpy) and (both.iloc[:, 0] == both.iloc[:, 1]).all()
    cny = load(shared_data, "macro/DEXCHUS.csv")
    assert cny.iloc[0] == 1.5341 and cny.loc["2023-09-15"] == 7.2744


def test_headerless_layout(shared_data: Path) -> None:
    imp = load(shared_data, "macro/IMPJP.csv")
    assert imp.name == "IMPJP"  # from the file name
    assert imp.loc["1985-01-01"] == 5968.8 and imp.loc["1985-02-01"] == 4799.8
    # Monthly dates stay first-of-month, as published.
    assert (imp.index.day == 1).all() and imp.index.max() == pd.Timestamp("2016-08-01")
    raw = (shared_data / "macro" / "IMPCH.csv").read_bytes()
    with pytest.raises(DataFormatError, match="does not name its series"):
        parse_fred_csv(raw, source="imports.csv")
    assert parse_fred_csv(raw, series_id="IMPCH")["value"].iloc[0] == 293.1


def test_bom_layout_and_reserves(shared_data: Path) -> None:
    jp = load(shared_data, "macro/Japan_Foreign_Exchange_Reserves_Monthly_TRESEGJPM052N.csv")
    assert jp.name == "TRESEGJPM052N"
    assert jp.loc["2020-01-01"] == 1301939.80674899 and jp.loc["2024-12-01"] == 1159702.3790689
    cn = load(shared_data, "macro/China_Foreign_Exchange_Reserves_Monthly_TRESEGCNM052N.csv")
    assert cn.loc["2024-12-01"] == 3264803.86973912


def test_pandas_written_layout(shared_data: Path) -> None:
    debt = parse_fred_csv((shared_data / "rates" / "fred" / "FDHBFIN.csv").read_bytes())
    assert set(debt["unit"]) == {"USD bn"}  # FRED: billions of dollars
    s = debt.set_index("date")["value"]
    assert s.loc["1970-01-01"] == 12.4 and s.loc["2025-07-01"] == 9248.4


def test_series_id_from_filename() -> None:
    assert series_id_from_filename("DEXJPUS_1971-2025.csv") == "DEXJPUS"
    assert series_id_from_filename("/x/y/DGS10.csv") == "DGS10"
    assert (series_id_from_filename("Japan_Foreign_Exchange_Reserves_Monthly_TRESEGJPM052N.csv")
            == "TRESEGJPM052N")
    assert series_id_from_filename("NEWSERIES_2020.csv") == "NEWSERIES"
    with pytest.raises(InputError, match=r"fredgraph\.csv"):
        series_id_from_filename("fredgraph.csv")
    with pytest.raises(InputError):
        series_id_from_filename("AAA_BBB.csv")  # two candidates, neither known


def test_series_id_and_unit_checks() -> None:
    text = "observation_date,DGS10\n2026-07-22,4.67\n"
    with pytest.raises(DataFormatError, match="not the requested 'DGS30'"):
        parse_fred_csv(text, series_id="DGS30", source="x.csv")
    with pytest.raises(InputError, match="pass unit="):
        parse_fred_csv("date,value\n2026-07-22,1\n", series_id="NEWID")
    out = parse_fred_csv("date,value\n2026-07-22,1\n", series_id="NEWID", unit="index")
    assert list(out["unit"]) == ["index"] and list(out["series_id"]) == ["NEWID"]
    assert FRED_GRAPH_CSV_URL.format(series_id="DGS10").endswith("fredgraph.csv?id=DGS10")
    assert "api_key={api_key}" in FRED_API_OBSERVATIONS_URL


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("observation_date,DGS10,DGS30\n2026-07-22,4.67,5.1\n", "3 columns"),
        ("day,DGS10\n2026-07-22,4.67\n", "first column"),
        ("observation_date,dgs 10\n2026-07-22,4.67\n", "not a FRED series id"),
        ("observation_date,DGS10\n2026-07-22,4.67\n2026-07-22,4.68\n", "appears twice"),
        ("observation_date,DGS10\n07/22/2026,4.67\n", "is not a date"),
        ("observation_date,DGS10\n2026-07-22,n.a.\n", "'n.a.'"),
        ("observation_date,DGS10\n2026-07-22,4.67,\n", "fields"),
        ("observation_date,DGS10\n", "no data rows"),
        ("observation_date,DGS10\n2026-07-22,.\n", "no data rows"),
        ("2026-07-22,4.67\n2026-07-23\n", "fields"),
        ("", "empty"),
    ],
)
def test_fred_malformed(text: str, needle: str) -> None:
    with pytest.raises(DataFormatError, match=r"^DGS10\.csv") as info:
        parse_fred_csv(text, source="DGS10.csv")
    assert needle in str(info.value)


# --- API observations (JSON) ---------------------------------------------------------------------


def api_body(rows: list[tuple[str, str]]) -> str:
    return json.dumps({
        "realtime_start": "2026-07-23", "realtime_end": "2026-07-23", "units": "lin",
        "count": len(rows),
        "observations": [{"realtime_start": "2026-07-23", "realtime_end": "2026-07-23",
                          "date": d, "value": v} for d, v in rows],
    })


def test_api_observations() -> None:
    # Real DGS10 values of the last bundled days; "." is FRED's missing value.
    body = api_body([("2026-07-20", "4.60"), ("2026-07-21", "4.63"), ("2026-07-22", "4.67"),
                     ("2026-07-23", ".")])
    out = parse_fred_observations_json(body, series_id="DGS10")
    assert_tidy(out)
    assert list(out["value"]) == [4.60, 4.63, 4.67]
    assert set(out["series_id"]) == {"DGS10"} and set(out["unit"]) == {"percent"}


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("{not json", "not JSON"),
        ('{"observations": 3}', "observations"),
        ('{"observations": [{"date": "2026-07-22", "value": 4.6}]}', "observations"),
        (api_body([]), "no observations"),
        (api_body([("2026-07-22", "4.6"), ("2026-07-22", "4.7")]), "appears twice"),
        (api_body([("22/07/2026", "4.6")]), "is not a date"),
        (api_body([("2026-07-22", "x")]), "'x'"),
    ],
)
def test_api_observations_malformed(body: str, needle: str) -> None:
    with pytest.raises(DataFormatError, match=r"^api[:,] ") as info:
        parse_fred_observations_json(body, series_id="DGS10", source="api")
    assert needle in str(info.value)


# --- property tests: one mutated real file per layout --------------------------------------------

LAYOUTS = [
    "rates/fred/DGS10.csv",  # date,value
    "rates/fred/DEXJPUS_1971-2025.csv",  # date,value with CRLF
    "rates/fred/THREEFYTP10.csv",  # observation_date,ID with blanks
    "rates/fred/FDHBFIN.csv",  # ,ID
    "macro/DEXJPUS.csv",  # DATE,ID with '.'
    "macro/IMPJP.csv",  # no header
    "macro/Japan_Foreign_Exchange_Reserves_Monthly_TRESEGJPM052N.csv",  # BOM + CRLF
]


@pytest.mark.parametrize("rel", LAYOUTS)
def test_fred_csv_survives_mutations(shared_data: Path, rel: str) -> None:
    path = shared_data / rel
    sid = series_id_from_filename(path.name)  # as the catalog calls it
    assert_survives_mutations(
        lambda raw, source: parse_fred_csv(raw, series_id=sid, source=source),
        head_lines(path),
        max_examples=100,
    )
