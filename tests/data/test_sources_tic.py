"""TIC parsers: published reference numbers, accounting identities, layouts, malformed input."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from parser_mutations import assert_survives_mutations

from treasury_leverage.data.sources import tic
from treasury_leverage.data.sources._common import TIDY_COLUMNS
from treasury_leverage.errors import DataFormatError
from treasury_leverage.units import USD_BN, USD_MN

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLE5 = FIXTURES / "slt_table5_sample.txt"


def _raw(shared_data: Path, name: str) -> bytes:
    return (shared_data / "tic" / name).read_bytes()


def _value(frame: pd.DataFrame, series_id: str, date: str) -> float:
    hit = frame[(frame["series_id"] == series_id) & (frame["date"] == pd.Timestamp(date))]
    assert len(hit) == 1, (series_id, date, len(hit))
    return float(hit["value"].iloc[0])


def _assert_tidy(frame: pd.DataFrame, unit: str) -> None:
    assert tuple(frame.columns) == TIDY_COLUMNS
    assert frame["date"].dtype == "datetime64[ns]"
    assert frame["value"].dtype == "float64"
    assert np.isfinite(frame["value"].to_numpy()).all()
    assert set(frame["unit"]) == {unit}
    assert not frame.duplicated(["date", "series_id"]).any()
    assert frame["date"].dt.is_month_end.all()


@pytest.fixture(scope="module")
def mfh(shared_data: Path) -> pd.DataFrame:
    return tic.parse_mfh(_raw(shared_data, "mfhhis01.txt"))


@pytest.fixture(scope="module")
def slt1(shared_data: Path) -> pd.DataFrame:
    return tic.parse_slt_table1(_raw(shared_data, "slt_table1.txt"))


@pytest.fixture(scope="module")
def shl(shared_data: Path) -> pd.DataFrame:
    return tic.parse_shl_history(_raw(shared_data, "tic_historic_holdings.txt"))


# --------------------------------------------------------------------------------------------
# Major Foreign Holders
# --------------------------------------------------------------------------------------------


def test_mfh_published_reference_values(mfh: pd.DataFrame) -> None:
    _assert_tidy(mfh, USD_BN)
    assert _value(mfh, "Japan", "2025-12-31") == 1185.5
    assert _value(mfh, "Japan", "2024-12-31") == 1061.5
    assert _value(mfh, "Grand Total", "2025-12-31") == 9271.0
    assert _value(mfh, "China, Mainland", "2025-12-31") == 683.5


def test_mfh_covers_every_month_from_march_2000(mfh: pd.DataFrame) -> None:
    total = mfh[mfh["series_id"] == "Grand Total"].set_index("date")["value"]
    expected = pd.date_range("2000-03-31", "2025-12-31", freq="ME")
    assert total.index.equals(pd.DatetimeIndex(expected, name="date"))


def test_mfh_names_are_cleaned(mfh: pd.DataFrame) -> None:
    names = set(mfh["series_id"])
    for name in ("United Kingdom", "Korea, South", "Carib Bnkng Ctrs", "Oil Exporters",
                 "All Other", "Spain", "Belgium-Luxembourg"):
        assert name in names
    assert not [n for n in names if '"' in n or re.search(r"\d+/$", n) or n != n.strip()]
    assert not [n for n in names if "  " in n]


def test_mfh_series_breaks_keep_the_new_series(mfh: pd.DataFrame) -> None:
    # Jun 2011 is printed twice (Series XII 881.5, then Series XI 911.1 "for comparison only").
    assert _value(mfh, "Japan", "2011-06-30") == 881.5
    assert _value(mfh, "China, Mainland", "2011-06-30") == 1307.0
    # Mar 2000: Series II (1085.0) first, Series I (1252.1) second.
    assert _value(mfh, "Grand Total", "2000-03-31") == 1085.0
    assert _value(mfh, "Japan", "2000-03-31") == 307.6


def test_mfh_belgium_before_june_2002_is_belgium_luxembourg(mfh: pd.DataFrame) -> None:
    belgium = mfh[mfh["series_id"] == "Belgium"]
    assert belgium["date"].min() == pd.Timestamp("2002-06-30")
    assert _value(mfh, "Belgium", "2002-06-30") == 11.3
    assert _value(mfh, "Belgium-Luxembourg", "2002-05-31") == 21.7  # printed as "Belgium 5/"
    assert _value(mfh, "Belgium-Luxembourg", "2001-12-31") == 22.4
    assert mfh[mfh["series_id"] == "Belgium-Luxembourg"]["date"].max() == pd.Timestamp("2002-05-31")


def test_mfh_rows_add_up_to_grand_total_within_rounding(mfh: pd.DataFrame) -> None:
    official = {"Foreign Official", "Foreign Official: Treasury Bills",
                "Foreign Official: T-Bonds & Notes", "Grand Total"}
    parts = mfh[~mfh["series_id"].isin(official)].groupby("date")["value"].agg(["sum", "count"])
    total = mfh[mfh["series_id"] == "Grand Total"].set_index("date")["value"]
    gap = (parts["sum"] - total).abs()
    assert (gap <= 0.05 * (parts["count"] + 1)).all()
    assert gap.max() <= 0.55  # the largest gap in the 3/18/26 file is 0.5 bn


def test_mfh_bills_and_bonds_split_the_official_row_not_the_total(mfh: pd.DataFrame) -> None:
    wide = mfh.pivot(index="date", columns="series_id", values="value")
    split = wide["Foreign Official: Treasury Bills"] + wide["Foreign Official: T-Bonds & Notes"]
    assert ((split - wide["Foreign Official"]).abs() <= 0.15).all()
    assert (wide["Foreign Official"] < wide["Grand Total"]).all()
    assert _value(mfh, "Foreign Official: Treasury Bills", "2025-12-31") == 388.5


def test_mfh_aggregates_end_before_the_2016_discontinuation(mfh: pd.DataFrame) -> None:
    for name in ("Oil Exporters", "Carib Bnkng Ctrs"):
        assert mfh[mfh["series_id"] == name]["date"].max() <= pd.Timestamp("2016-02-29")


def test_table5_layout_gives_identical_values(mfh: pd.DataFrame) -> None:
    current = tic.parse_mfh(TABLE5.read_bytes(), source=TABLE5.name)
    _assert_tidy(current, USD_BN)
    assert set(current["date"]) == set(pd.date_range("2025-07-31", "2025-12-31", freq="ME"))
    history = mfh[mfh["date"].isin(current["date"])]
    merged = current.merge(history, on=["date", "series_id"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    assert (merged["value_x"] == merged["value_y"]).all()
    assert len(current) == 41 * 6


def test_table5_accepts_str_input_and_lf_endings() -> None:
    text = TABLE5.read_text().replace("\r\n", "\n")
    frame = tic.parse_mfh(text)
    assert _value(frame, "Foreign Official: T-Bonds & Notes", "2025-07-31") == 3485.4


def _table5_lines() -> list[str]:
    return TABLE5.read_bytes().decode().split("\r\n")


def _error(parse: Callable[..., object], text: str, source: str) -> DataFormatError:
    with pytest.raises(DataFormatError) as info:
        parse(text, source=source)
    return info.value


def test_table5_missing_grand_total_names_file_and_line() -> None:
    lines = [ln for ln in _table5_lines() if not ln.startswith("Grand Total")]
    err = _error(tic.parse_mfh, "\n".join(lines), "t5.txt")
    assert "no 'Grand Total' row" in str(err) and "'Of Which: Foreign Official'" in str(err)
    assert err.line == 6 and "t5.txt, line 6" in str(err)  # the header of that table
    # without the "Of which" rows the table runs into the notes
    lines = [ln for ln in lines if not ln.startswith("Of Which")]
    err = _error(tic.parse_mfh, "\n".join(lines), "t5.txt")
    assert "no 'Grand Total' row" in str(err) and "'Notes:'" in str(err) and err.line == 6


def test_table5_totals_mismatch_names_month_and_gap() -> None:
    lines = _table5_lines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith("Japan\t"))
    lines[i] = lines[i].replace("1185.5", "1190.5", 1)
    err = _error(tic.parse_mfh, "\n".join(lines), "t5.txt")
    assert "month 2025-12" in str(err) and "gap +5.3 bn" in str(err)  # 5.0 + 0.3 rounding
    assert err.line == next(k for k, ln in enumerate(lines, 1) if ln.startswith("Grand Total"))


def test_mfh_header_without_months() -> None:
    lines = _table5_lines()
    lines[5] = "Country\t\t\t"
    err = _error(tic.parse_mfh, "\n".join(lines), "t5.txt")
    assert err.line == 6 and "months" in str(err)
    lines[5] = "Country\tDec 2025\tNov 2025"
    assert _error(tic.parse_mfh, "\n".join(lines), "t5.txt").line == 6


def test_mfh_empty_file() -> None:
    err = _error(tic.parse_mfh, "", "mfh.txt")
    assert "mfh.txt" in str(err) and "empty" in str(err)
    err = _error(tic.parse_mfh, "Billions of dollars\nno table here\n", "mfh.txt")
    assert "no month header" in str(err)


def test_mfh_history_missing_grand_total(shared_data: Path) -> None:
    lines = _raw(shared_data, "mfhhis01.txt").decode().split("\n")
    drop = [k for k, ln in enumerate(lines) if ln.startswith("Grand Total")][7]  # 2018 block
    del lines[drop]
    err = _error(tic.parse_mfh, "\n".join(lines), "mfhhis01.txt")
    assert "Grand Total" in str(err) and err.line is not None
    assert "2018" in lines[err.line - 1]  # points at the year row of that block


def test_mfh_history_other_layout_errors(shared_data: Path) -> None:
    lines = _raw(shared_data, "mfhhis01.txt").decode().split("\n")
    assert lines[5].split("\t")[1] == "Dec"
    # a year row without its month row
    err = _error(tic.parse_mfh, "\n".join(lines[:5] + lines[6:]), "m.txt")
    assert err.line == 6 and "month row" in str(err)
    # months out of order
    swapped = lines.copy()
    swapped[5] = swapped[5].replace("Dec\tNov", "Nov\tDec")
    assert "December back to January" in str(_error(tic.parse_mfh, "\n".join(swapped), "m.txt"))
    # a value that is not a number
    bad = lines.copy()
    bad[9] = bad[9].replace("1185.5", "11855x")
    err = _error(tic.parse_mfh, "\n".join(bad), "m.txt")
    assert err.line == 10 and "11855x" in str(err)
    # no unit in the title
    err = _error(tic.parse_mfh, "\n".join(lines[3:]), "m.txt")
    assert "billions of dollars" in str(err)


# --------------------------------------------------------------------------------------------
# SLT Table 1
# --------------------------------------------------------------------------------------------


def test_slt_table1_reference_values(slt1: pd.DataFrame) -> None:
    _assert_tidy(slt1, USD_MN)
    assert _value(slt1, "Japan|treas_pos", "2024-12-31") == 952667
    assert _value(slt1, "Japan|treas_net", "2024-12-31") == -10233
    assert _value(slt1, "Japan|treas_valchg", "2024-12-31") == -15150
    assert _value(slt1, "Japan|total_pos", "2024-12-31") == 2577997
    assert _value(slt1, "China, Mainland|treas_pos", "2024-12-31") == 698635
    assert _value(slt1, "Foreign Official|treas_pos", "2024-12-31") == 3485567


def test_slt_table1_flows_start_at_the_2023_series_break(slt1: pd.DataFrame) -> None:
    pos = slt1[slt1["series_id"] == "Japan|treas_pos"]["date"]
    net = slt1[slt1["series_id"] == "Japan|treas_net"]["date"]
    assert pos.min() == pd.Timestamp("2020-01-31") and pos.max() == pd.Timestamp("2024-12-31")
    assert net.min() == pd.Timestamp("2023-02-28")  # n.a. before: dropped


def test_slt_table1_minus_zero_is_zero(slt1: pd.DataFrame) -> None:
    value = _value(slt1, "Austria|treas_valchg", "2023-08-31")  # printed "-0"
    assert value == 0.0 and not np.signbit(value)


def test_slt_table1_entities_and_measures(slt1: pd.DataFrame) -> None:
    entity = slt1["series_id"].str.split("|").str[0]
    measure = slt1["series_id"].str.split("|").str[1]
    assert set(measure) == {f"{k}_{f}" for k in ("total", "treas", "agcy", "corp", "eqty")
                            for f in ("pos", "net", "valchg")}
    names = set(entity)
    assert {"Japan", "Grand Total", "All Countries", "Memo: Euro Area", "Foreign Official",
            "Foreign Non-Official", "Foreign Official Depository Institutions"} <= names
    assert not [n for n in names if n.startswith("Of Which") or "Definitions" in n]
    assert len(names) == 114


def test_slt_table1_official_plus_private_is_grand_total(slt1: pd.DataFrame) -> None:
    wide = slt1.pivot(index="date", columns="series_id", values="value")
    for m in ("treas_pos", "treas_net", "total_pos"):
        both = wide[f"Foreign Official|{m}"] + wide[f"Foreign Non-Official|{m}"]
        gap = (both - wide[f"Grand Total|{m}"]).dropna()
        assert len(gap) > 0 and (gap.abs() <= 1.5).all()


@pytest.mark.parametrize("entity", ["Japan", "China, Mainland", "Grand Total", "Foreign Official"])
@pytest.mark.parametrize("kind", ["treas", "total"])
def test_slt_table1_holdings_identity(slt1: pd.DataFrame, entity: str, kind: str) -> None:
    """pos(t) - pos(t-1) = net(t) + valchg(t) + other(t).

    "Other" (redemptions of maturing notes, reclassifications, reporting changes) is not
    published. For the large holders it stays below 2% of the previous month's holding in
    every month of 2023-03..2024-12 and below 0.5% in the median month; the published flows
    explain the change in holdings with a correlation above 0.95. (Custodial centres do much
    worse: Belgium's Treasury residual reaches 13%.)
    """
    wide = slt1.pivot(index="date", columns="series_id", values="value")
    pos = wide[f"{entity}|{kind}_pos"]
    flows = wide[f"{entity}|{kind}_net"] + wide[f"{entity}|{kind}_valchg"]
    change = pos.diff()
    ok = flows.notna() & change.notna()
    assert ok.sum() == 23
    residual = ((change - flows) / pos.shift())[ok]
    assert residual.abs().max() < 0.02
    assert residual.abs().median() < 0.005
    assert np.corrcoef(change[ok], flows[ok])[0, 1] > 0.95


_SLT1_HEAD = (
    "Table 1: U.S. Long-Term Securities Held by Foreign Residents\n"
    "Millions of dollars\n\n"
    "country\tcountry_code\tdate\tfor_lt_treas_pos\tfor_lt_treas_net\n"
)


def test_slt_table1_of_which_rows_below_a_country_get_its_name() -> None:
    text = _SLT1_HEAD + (
        "Japan\t42609\t2024-12\t100\t5\n"
        "Japan\t42609\t2024-11\t95\tn.a.\n"
        "Of Which: Foreign Official\t42610\t2024-12\t60\t-0\n"
        "Grand Total\t99996\t2024-12\t900\t7\n"
        "Of Which: Foreign Official\t99990\t2024-12\t400\t3\n"
        "\nDefinitions:\nfor_lt_treas_pos: 1 + 5\n"
    )
    frame = tic.parse_slt_table1(text, source="s.txt")
    assert set(frame["series_id"]) == {
        "Japan|treas_pos", "Japan|treas_net", "Japan: Foreign Official|treas_pos",
        "Japan: Foreign Official|treas_net", "Grand Total|treas_pos", "Grand Total|treas_net",
        "Foreign Official|treas_pos", "Foreign Official|treas_net",
    }
    assert _value(frame, "Japan|treas_pos", "2024-11-30") == 95
    assert len(frame[frame["series_id"] == "Japan|treas_net"]) == 1


def test_slt_table1_repeated_names_get_their_codes() -> None:
    text = _SLT1_HEAD + "Other\t11111\t2024-12\t1\t0\nOther\t22222\t2024-12\t2\t0\n"
    frame = tic.parse_slt_table1(text)
    assert _value(frame, "Other [11111]|treas_pos", "2024-12-31") == 1
    assert _value(frame, "Other [22222]|treas_pos", "2024-12-31") == 2


def test_slt_table1_malformed() -> None:
    err = _error(tic.parse_slt_table1, "", "s1.txt")
    assert "s1.txt" in str(err)
    err = _error(tic.parse_slt_table1, "Millions of dollars\ncountry\tcode\n", "s1.txt")
    assert "country, country_code, date" in str(err)
    err = _error(tic.parse_slt_table1, _SLT1_HEAD + "Japan\t42609\t2024-12\t100\n", "s1.txt")
    assert err.line == 5 and "s1.txt, line 5" in str(err)
    err = _error(tic.parse_slt_table1, _SLT1_HEAD + "Japan\t42609\t2024-13\t1\t2\n", "s1.txt")
    assert err.line == 5 and "2024-13" in str(err)
    gap = _SLT1_HEAD + "Japan\t42609\t2024-12\t1\t2\nJapan\t42609\t2024-10\t1\t2\n"
    err = _error(tic.parse_slt_table1, gap, "s1.txt")
    assert err.line == 6 and "consecutive" in str(err)
    unknown = _SLT1_HEAD.replace("for_lt_treas_net", "for_lt_treas_flow") + "A\t1\t2024-12\t1\t2\n"
    assert "for_lt_treas_flow" in str(_error(tic.parse_slt_table1, unknown, "s1.txt"))


def test_slt_table1_total_must_equal_its_parts(shared_data: Path) -> None:
    lines = _raw(shared_data, "slt_table1.txt").decode().split("\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("Japan\t42609\t2024-12"))
    lines[k] = lines[k].replace("\t952667\t", "\t962667\t", 1)
    err = _error(tic.parse_slt_table1, "\n".join(lines), "slt_table1.txt")
    assert err.line == k + 1 and "Japan" in str(err)


# --------------------------------------------------------------------------------------------
# Annual survey history
# --------------------------------------------------------------------------------------------


def test_shl_reference_values(shl: pd.DataFrame) -> None:
    _assert_tidy(shl, USD_MN)
    assert _value(shl, "Japan|lt_treasury", "2024-06-30") == 1_015_563
    assert _value(shl, "Japan|st_treasury", "2024-06-30") == 74_248
    assert _value(shl, "China, Mainland|lt_treasury", "2024-06-30") == 752_890
    assert _value(shl, "China, Mainland|st_treasury", "2024-06-30") == 27_500
    assert _value(shl, "Grand Total|total", "2024-06-30") == 30_880_708


def test_shl_agrees_with_mfh_at_the_survey_date(shl: pd.DataFrame, mfh: pd.DataFrame) -> None:
    # Same concept (Treasury bills + bonds + notes), two publications: survey 1,089.8 bn vs
    # MFH 1,091.4 bn for Japan at end-June 2024.
    survey = (_value(shl, "Japan|lt_treasury", "2024-06-30")
              + _value(shl, "Japan|st_treasury", "2024-06-30")) / 1000
    assert survey == pytest.approx(_value(mfh, "Japan", "2024-06-30"), rel=0.005)


def test_shl_measures_per_survey(shl: pd.DataFrame) -> None:
    measures = shl.assign(m=shl["series_id"].str.split("|").str[1]).groupby("date")["m"].agg(set)
    ten = {"total", "equity", "lt_debt", "lt_treasury", "lt_agency", "lt_corporate", "st_debt",
           "st_treasury", "st_agency", "st_corporate"}
    assert measures[pd.Timestamp("2024-06-30")] == ten
    assert measures[pd.Timestamp("2002-06-30")] == ten
    six = {"lt_total", "equity", "lt_debt", "lt_treasury", "lt_agency", "lt_corporate"}
    assert measures[pd.Timestamp("2000-03-31")] == six
    assert measures[pd.Timestamp("1994-12-31")] == six
    assert measures[pd.Timestamp("1974-12-31")] == {"lt_total", "equity", "lt_debt"}
    assert len(measures) == 23 + 6


def test_shl_names_map_to_mfh_spelling(shl: pd.DataFrame) -> None:
    holders = set(shl["series_id"].str.split("|").str[0])
    assert {"China, Mainland", "Grand Total", "Korea, South", "Australia", "Anguilla",
            "Belgium-Luxembourg", "Middle Eastern Oil Exporters", "Congo (Kinshasa) (formerly Zaire)",
            "Guadeloupe excl St. Martin and St. Barthelemy"} <= holders
    assert not {"China", "Total"} & holders
    assert not [h for h in holders if re.search(r"\(\d", h) or h != h.strip()]


def test_shl_star_is_zero_and_na_is_missing(shl: pd.DataFrame) -> None:
    # Afghanistan Jun 2021: LT corporate printed "*" (less than $0.5 mn).
    assert _value(shl, "Afghanistan|lt_corporate", "2021-06-30") == 0.0
    # The discontinued "Belgium and Luxembourg (5)" line: n.a. in 1974 and 1994-2014,
    # values in 1978-1989, "*" from 2015.
    belux = shl[shl["series_id"] == "Belgium-Luxembourg|lt_total"].set_index("date")["value"]
    assert belux.to_dict() == {pd.Timestamp("1978-12-31"): 1262.0,
                               pd.Timestamp("1984-12-31"): 4969.0,
                               pd.Timestamp("1989-12-31"): 28300.0}
    assert _value(shl, "Belgium-Luxembourg|st_treasury", "2024-06-30") == 0.0


def test_shl_malformed(shared_data: Path) -> None:
    lines = _raw(shared_data, "tic_historic_holdings.txt").decode().split("\r\n")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("42609\tJapan"))
    # a total that no longer equals its parts
    bad = lines.copy()
    bad[k] = bad[k].replace("\t1015563\t", "\t1016563\t", 1)
    err = _error(tic.parse_shl_history, "\r\n".join(bad), "shl.txt")
    assert err.line == k + 1 and "Japan" in str(err)
    # an unknown column layout
    bad = lines.copy()
    bad[11] = bad[11].replace("Total securities", "All securities", 1)
    err = _error(tic.parse_shl_history, "\r\n".join(bad), "shl.txt")
    assert err.line == 12 and "Jun 2024" in str(err)
    # the same holder twice
    bad = [*lines[: k + 1], lines[k], *lines[k + 1 :]]
    assert "twice" in str(_error(tic.parse_shl_history, "\r\n".join(bad), "shl.txt"))
    assert "shl.txt" in str(_error(tic.parse_shl_history, "", "shl.txt"))


# --------------------------------------------------------------------------------------------
# Table 2D and banking history CSVs
# --------------------------------------------------------------------------------------------


def test_slt2d_reference_values(shared_data: Path) -> None:
    frame = tic.parse_slt2d_history(_raw(shared_data, "slt2d_history.csv"))
    _assert_tidy(frame, USD_MN)
    assert _value(frame, "treas_total", "2023-01-31") == 6_462_298
    assert _value(frame, "treas_official", "2023-01-31") == 3_464_289
    assert _value(frame, "treas_private", "2023-01-31") == 2_998_009
    assert _value(frame, "treas_total", "2011-09-30") == 4_276_989
    dates = set(frame[frame["series_id"] == "treas_total"]["date"])
    assert pd.Timestamp("2011-10-31") not in dates  # printed n.a.
    assert len(dates) == 137 - 2
    assert len(set(frame["series_id"])) == 15


def test_slt2d_agrees_with_slt_table1_before_the_form_change(
    shared_data: Path, slt1: pd.DataFrame
) -> None:
    frame = tic.parse_slt2d_history(_raw(shared_data, "slt2d_history.csv"))
    # Dec 2022 all-foreigner LT Treasury holdings in both tables, revised in between.
    assert _value(frame, "treas_total", "2022-12-31") == pytest.approx(
        _value(slt1, "Grand Total|treas_pos", "2022-12-31"), rel=0.03
    )


def test_bltype_reference_values(shared_data: Path) -> None:
    frame = tic.parse_bltype_history(_raw(shared_data, "bltype_history.csv"))
    _assert_tidy(frame, USD_MN)
    assert _value(frame, "foi_st_treasury", "2023-02-28") == 256_939
    assert _value(frame, "total_st_treasury", "2023-02-28") == 965_785
    assert _value(frame, "foi_st_treasury", "1978-04-30") == 57_675
    assert set(frame["series_id"]) == {"foi_st_treasury", "bank_st_treasury",
                                       "other_st_treasury", "iro_st_treasury",
                                       "total_st_treasury"}
    assert len(frame[frame["series_id"] == "foi_st_treasury"]) == 539


@pytest.mark.parametrize(
    ("name", "parse", "old", "new"),
    [
        ("slt2d_history.csv", tic.parse_slt2d_history, '"Foreigners","official","private"',
         '"Residents","official","private"'),
        ("bltype_history.csv", tic.parse_bltype_history, '"[5]"', '"[6]"'),
    ],
)
def test_history_csv_header_change_is_detected(
    shared_data: Path, name: str, parse: Callable[..., pd.DataFrame], old: str, new: str
) -> None:
    text = _raw(shared_data, name).decode()
    assert text.count(old) == 1
    err = _error(parse, text.replace(old, new), name)
    assert "layout changed" in str(err) and err.line is not None and name in str(err)


@pytest.mark.parametrize(
    ("name", "parse"),
    [("slt2d_history.csv", tic.parse_slt2d_history),
     ("bltype_history.csv", tic.parse_bltype_history)],
)
def test_history_csv_missing_month_and_bad_total(
    shared_data: Path, name: str, parse: Callable[..., pd.DataFrame]
) -> None:
    lines = _raw(shared_data, name).decode().splitlines()
    k = next(i for i, ln in enumerate(lines) if ln.startswith('"2020-Jun"'))
    err = _error(parse, "\n".join(lines[:k] + lines[k + 1 :]), name)
    assert err.line == k + 1 and "consecutive" in str(err)
    cells = lines[k].split(",")
    cells[5] = str(int(cells[5]) + 1000)  # treasury official / FOI short-term Treasuries
    err = _error(parse, "\n".join([*lines[:k], ",".join(cells), *lines[k + 1 :]]), name)
    assert err.line == k + 1 and "2020-Jun" in str(err)
    assert name in str(_error(parse, "", name))


# --------------------------------------------------------------------------------------------
# Property tests: mutated real files either parse to a valid tidy frame or raise
# DataFormatError, nothing else.
# --------------------------------------------------------------------------------------------

_PARSERS: dict[str, tuple[Callable[..., pd.DataFrame], str]] = {
    "mfhhis01.txt": (tic.parse_mfh, USD_BN),
    "slt_table5_sample.txt": (tic.parse_mfh, USD_BN),
    "slt_table1.txt": (tic.parse_slt_table1, USD_MN),
    "tic_historic_holdings.txt": (tic.parse_shl_history, USD_MN),
    "slt2d_history.csv": (tic.parse_slt2d_history, USD_MN),
    "bltype_history.csv": (tic.parse_bltype_history, USD_MN),
}
# Besides broken bytes and separators, what TIC files print in cells: "n.a.", "*", a month.
_NOISE = (
    b"\t", b"\n", b"\r", b'"', b",", b"-", b".", b"0", b"9", b"x", b" ", b"*", b"\x00",
    b"\xff", b"\xe9", b"n.a.", b"2026-13", b"1e999", "é".encode(),
)


@pytest.mark.parametrize("name", list(_PARSERS))
def test_mutated_files_parse_or_raise_data_format_error(shared_data: Path, name: str) -> None:
    parse, unit = _PARSERS[name]
    path = TABLE5 if name == TABLE5.name else shared_data / "tic" / name

    def check(frame: pd.DataFrame) -> None:
        _assert_tidy(frame, unit)
        assert len(frame) > 0

    assert_survives_mutations(
        parse, path.read_bytes(), max_examples=40, source=name, noise=_NOISE, check=check
    )
