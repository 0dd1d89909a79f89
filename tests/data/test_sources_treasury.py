"""Treasury par yield curve and MSPD parsers against the published files in ../shared/data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from parser_mutations import assert_survives_mutations, assert_tidy, head_lines

from treasury_leverage.data.sources.fred import parse_fred_csv
from treasury_leverage.data.sources.treasury import (
    MSPD_CLASS_IDS,
    PAR_CURVE_CSV_URL,
    TENOR_YEARS,
    TENORS,
    parse_mspd,
    parse_par_yield_curve,
)
from treasury_leverage.errors import DataFormatError

ARCHIVE = "treasury_par_yield_curve_1990-2023.csv"
Y2024 = "treasury_par_yield_curve_2024.csv"
Y2025 = "treasury_par_yield_curve_2025_through_0711.csv"
MSPD = "MSPD_SumSecty_20010131_20260531.csv"


@pytest.fixture(scope="module")
def rates_dir(shared_data: Path) -> Path:
    return shared_data / "rates"


@pytest.fixture(scope="module")
def curves(rates_dir: Path) -> dict[str, pd.DataFrame]:
    return {
        name: parse_par_yield_curve((rates_dir / name).read_bytes(), source=name)
        for name in (ARCHIVE, Y2024, Y2025)
    }


@pytest.fixture(scope="module")
def mspd(shared_data: Path) -> pd.DataFrame:
    return parse_mspd((shared_data / "macro" / MSPD).read_bytes(), source=MSPD)


def wide(tidy: pd.DataFrame) -> pd.DataFrame:
    return tidy.pivot(index="date", columns="series_id", values="value")


# --- tenors ----------------------------------------------------------------------------------


def test_tenor_years_ordered_by_maturity() -> None:
    assert TENORS == (
        "1M", "1.5M", "2M", "3M", "4M", "6M", "1Y", "2Y", "3Y", "5Y", "7Y", "10Y", "20Y", "30Y",
    )
    years = list(TENOR_YEARS.values())
    assert years == sorted(years)
    assert TENOR_YEARS["1.5M"] == pytest.approx(0.125)
    assert TENOR_YEARS["6M"] == 0.5
    assert TENOR_YEARS["30Y"] == 30.0
    assert "{year}" in PAR_CURVE_CSV_URL and PAR_CURVE_CSV_URL.startswith("https://home.treasury.gov/")


# --- par curve: published values -----------------------------------------------------------


def test_ten_year_april_2025_as_published(curves: dict[str, pd.DataFrame]) -> None:
    w = wide(curves[Y2025])
    # The file's rows: 2025-04-11,...,4.48,... and 2025-04-04,...,4.01,...
    assert w.loc["2025-04-11", "10Y"] == 4.48
    assert w.loc["2025-04-04", "10Y"] == 4.01
    assert w.loc["2025-04-11", "30Y"] == 4.85
    assert w.loc["2025-04-11", "1.5M"] == 4.35
    assert w.loc["2025-07-11", "10Y"] == 4.43


def test_row_counts_and_ranges(curves: dict[str, pd.DataFrame], rates_dir: Path) -> None:
    # SOURCES.md: 8,507 / 250 / 131 data rows. The archive's 8,507 rows include 2010-10-11, a row
    # with every cell empty, which leaves no values, hence 8,506 dates.
    data_rows = len((rates_dir / ARCHIVE).read_text().strip().split("\n")) - 1
    assert data_rows == 8507
    assert curves[ARCHIVE]["date"].nunique() == 8506
    assert curves[Y2024]["date"].nunique() == 250
    assert curves[Y2025]["date"].nunique() == 131
    assert curves[ARCHIVE]["date"].min() == pd.Timestamp("1990-01-02")
    assert curves[ARCHIVE]["date"].max() == pd.Timestamp("2023-12-29")
    assert curves[Y2024]["date"].min() == pd.Timestamp("2024-01-02")
    assert curves[Y2024]["date"].max() == pd.Timestamp("2024-12-31")
    assert curves[Y2025]["date"].max() == pd.Timestamp("2025-07-11")
    for frame in curves.values():
        assert_tidy(frame)
        assert set(frame["unit"]) == {"percent"}


def test_archive_values_and_gaps(curves: dict[str, pd.DataFrame]) -> None:
    w = wide(curves[ARCHIVE])
    assert pd.Timestamp("2010-10-11") not in w.index
    first = w.loc["1990-01-02"]
    assert first["3M"] == 7.83 and first["10Y"] == 7.94 and first["30Y"] == 8.0
    assert np.isnan(first["1M"]) and np.isnan(first["20Y"])
    starts = {t: w[t].first_valid_index() for t in ("1M", "2M", "4M", "20Y")}
    assert starts == {
        "1M": pd.Timestamp("2001-07-31"),
        "2M": pd.Timestamp("2018-10-16"),
        "4M": pd.Timestamp("2022-10-19"),
        "20Y": pd.Timestamp("1993-10-01"),
    }
    gap = w.loc["2002-02-19":"2006-02-08", "30Y"]
    assert len(gap) > 900 and gap.isna().all()
    assert w["30Y"].loc[:"2002-02-18"].notna().iloc[-1]
    assert w.loc["2006-02-09", "30Y"] > 0
    for day in ("2008-12-10", "2008-12-18", "2008-12-24"):
        assert np.isnan(w.loc[day, "3M"]) and w.loc[day, "10Y"] > 0
    assert "1.5M" not in w.columns


def test_2024_download_values(curves: dict[str, pd.DataFrame]) -> None:
    w = wide(curves[Y2024])
    assert w.loc["2024-12-31", "10Y"] == 4.58
    assert w.loc["2024-01-02", "1M"] == 5.55
    assert list(w.loc["2024-12-31", ["1M", "3M", "30Y"]]) == [4.40, 4.37, 4.78]


def test_one_and_a_half_month_starts_in_february_2025(curves: dict[str, pd.DataFrame]) -> None:
    w = wide(curves[Y2025])
    assert w["1.5M"].first_valid_index() == pd.Timestamp("2025-02-18")
    assert w.loc["2025-01-02", "1M"] == 4.45 and np.isnan(w.loc["2025-01-02", "1.5M"])


def test_files_join_without_gap_or_overlap(curves: dict[str, pd.DataFrame]) -> None:
    ends = [curves[n]["date"].agg(["min", "max"]) for n in (ARCHIVE, Y2024, Y2025)]
    assert ends[0]["max"] < ends[1]["min"] and ends[1]["max"] < ends[2]["min"]
    assert (ends[1]["min"] - ends[0]["max"]).days <= 4
    assert (ends[2]["min"] - ends[1]["max"]).days <= 4


def test_annual_average_of_ten_year(curves: dict[str, pd.DataFrame]) -> None:
    # SOURCES.md check: the 10Y averages 0.89% in 2020, 4.21% in 2024, 4.40% in 2025H1 (the
    # January-June mean is 4.407, so "4.40" is truncated, not rounded).
    ten = pd.concat([wide(c)["10Y"] for c in curves.values()]).sort_index()
    assert round(ten.loc["2020"].mean(), 2) == 0.89
    assert round(ten.loc["2024"].mean(), 2) == 4.21
    assert ten.loc["2025-01":"2025-06"].mean() == pytest.approx(4.407317, abs=1e-6)


def test_treasury_equals_fred_cmt(curves: dict[str, pd.DataFrame], rates_dir: Path) -> None:
    # FRED's DGS10/DGS30 are the same CMT yields: equal on every common date. (SOURCES.md counts
    # 7,512 common 30Y days; the files have 7,893: 1990-01-02..2002-02-18 and 2006-02-09 on.)
    par = wide(pd.concat(curves.values()))
    for tenor, fred_id, n_common in (("10Y", "DGS10", 8887), ("30Y", "DGS30", 7893)):
        raw = (rates_dir / "fred" / f"{fred_id}.csv").read_bytes()
        fred = parse_fred_csv(raw, series_id=fred_id).set_index("date")["value"]
        both = pd.concat([par[tenor], fred], axis=1, join="inner").dropna()
        assert len(both) == n_common
        assert (both.iloc[:, 0] - both.iloc[:, 1]).abs().max() == 0.0


def test_layouts_give_identical_frames(rates_dir: Path) -> None:
    # The 2024 download rewritten in the archive layout (lower case, ascending, no quotes) and in
    # the ISO layout parses to the same frame.
    text = (rates_dir / Y2024).read_text()
    head, *rows = text.split("\n")
    archive = head.replace('"', "").lower() + "\n" + "\n".join(reversed(rows)) + "\n"
    iso_rows = [f"{r[6:10]}-{r[0:2]}-{r[3:5]}{r[10:]}" for r in rows]
    iso = head.replace('"', "") + "\r\n" + "\r\n".join(iso_rows)
    ref = parse_par_yield_curve(text)
    pd.testing.assert_frame_equal(parse_par_yield_curve(archive), ref)
    pd.testing.assert_frame_equal(parse_par_yield_curve(iso.encode("utf-8-sig")), ref)


def test_header_spellings_month_year_words() -> None:
    text = "DATE,1 Month,10 Years\n2024-01-02,5.55,3.95\n"
    out = parse_par_yield_curve(text)
    assert dict(zip(out["series_id"], out["value"], strict=True)) == {"1M": 5.55, "10Y": 3.95}


# --- par curve: malformed input ------------------------------------------------------------

GOOD = 'Date,"1 Mo","10 Yr"\n12/31/2024,4.40,4.58\n12/30/2024,4.43,4.55\n'


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('Date,"1 Wk","10 Yr"\n12/31/2024,4.40,4.58\n', "1 Mo"),  # lists the expected columns
        ('Day,"1 Mo"\n12/31/2024,4.40\n', "expected 'Date'"),
        ('Date,"1 Mo","1 Mo"\n12/31/2024,4.40,4.41\n', "twice"),
        ("Date\n12/31/2024\n", "no tenor columns"),
        (GOOD + "12/31/2024,4.40,4.58\n", "appears twice"),
        ('Date,"1 Mo"\n2024/12/31,4.40\n', "neither"),
        ('Date,"1 Mo"\n12/31/2024,4.40\n2024-12-30,4.43\n', "is not a date"),
        ('Date,"1 Mo"\n13/45/2024,4.40\n', "is not a date"),
        ('Date,"1 Mo"\n12/31/9024,4.40\n', "between"),
        ('Date,"1 Mo"\n12/31/2024,4.4O\n', "'4.4O'"),
        ('Date,"1 Mo"\n12/31/2024,inf\n', "not a number"),
        ('Date,"1 Mo"\n12/31/2024,4.40,1\n', "3 fields"),
        ('Date,"1 Mo"\n12/31/2024,"4.40\n', "field"),
        ('Date,"1 Mo"\n', "no data rows"),
        ('Date,"1 Mo"\n12/31/2024,\n', "no data rows"),
        ("", "empty"),
        ("\n \n", "empty"),
    ],
)
def test_par_curve_malformed(text: str, needle: str) -> None:
    with pytest.raises(DataFormatError, match=r"^par\.csv") as info:
        parse_par_yield_curve(text, source="par.csv")
    assert needle in str(info.value)


def test_par_curve_error_names_line() -> None:
    with pytest.raises(DataFormatError) as info:
        parse_par_yield_curve(GOOD + "12/29/2024,4.40,x\n", source="par.csv")
    assert info.value.line == 4 and info.value.source == "par.csv"


def test_par_curve_rejects_non_utf8() -> None:
    with pytest.raises(DataFormatError, match=r"^par\.csv.*UTF-8"):
        parse_par_yield_curve(GOOD.encode() + b"\xff\n", source="par.csv")


# --- MSPD --------------------------------------------------------------------------------------


def test_mspd_reference_totals(mspd: pd.DataFrame) -> None:
    # SOURCES.md checks are the "Total Public Debt Outstanding (in Millions)" column, i.e. the
    # "total" measure (public + intragovernmental).
    w = wide(mspd)
    assert round(w.loc["2025-12-31", "total_marketable|total"]) == 30_271_343
    assert round(w.loc["2025-12-31", "bills|total"]) == 6_547_260
    assert round(w.loc["2026-05-31", "total_marketable|total"]) == 30_914_034
    assert round(w.loc["2026-05-31", "bills|total"]) == 6_758_779
    assert w.loc["2025-12-31", "bills|public"] == 6546563.7274
    assert w.loc["2025-12-31", "bills|intragov"] == 696.395
    assert w.loc["2026-05-31", "total|total"] == 39207760.152746
    assert set(mspd["unit"]) == {"USD mn"}
    assert_tidy(mspd)


def test_mspd_dates_and_classes(mspd: pd.DataFrame) -> None:
    dates = pd.DatetimeIndex(mspd["date"].unique())
    assert len(dates) == 305 and dates.is_month_end.all()
    assert dates.min() == pd.Timestamp("2001-01-31") and dates.max() == pd.Timestamp("2026-05-31")
    classes = set(mspd["series_id"].str.split("|").str[0])
    assert classes == {
        "bills", "notes", "bonds", "tips", "frn", "ffb", "total_marketable", "domestic_series",
        "foreign_series", "rea_series", "slgs", "savings", "gas", "hope_bonds",
        "depositary_compensation", "nonmarketable_other", "total_nonmarketable", "total",
    }
    assert set(mspd["series_id"].str.split("|").str[1]) == {"public", "intragov", "total"}
    w = wide(mspd)
    # The grand total keeps one id across its label change (Jan/Feb 2001 vs later).
    assert w["total|total"].notna().all()
    assert w.loc["2001-01-31", "total|total"] == 5716071.175
    # TIPS: Inflation-Indexed Notes + Bonds until 2004-05, one published class from 2004-06.
    assert w["tips|total"].notna().all()
    assert w.loc["2001-01-31", "tips|total"] == pytest.approx(88312.716 + 38978.946, abs=1e-9)
    assert w.loc["2004-06-30", "tips|public"] == 200390.89972449
    assert w["frn|total"].first_valid_index() == pd.Timestamp("2014-01-31")


def test_mspd_components_add_up(mspd: pd.DataFrame) -> None:
    w = wide(mspd)
    marketable = ["bills", "notes", "bonds", "tips", "frn", "ffb"]
    nonmarketable = [
        "domestic_series", "foreign_series", "rea_series", "slgs", "savings", "gas",
        "hope_bonds", "depositary_compensation", "nonmarketable_other",
    ]
    # Published amounts are rounded: residuals up to 2 (USD mn) in the older rows.
    for m in ("public", "intragov", "total"):
        mkt = w[[f"{c}|{m}" for c in marketable]].sum(axis=1)
        assert (mkt - w[f"total_marketable|{m}"]).abs().max() <= 2.0 + 1e-6
        non = w[[f"{c}|{m}" for c in nonmarketable]].sum(axis=1)
        assert (non - w[f"total_nonmarketable|{m}"]).abs().max() <= 2.0 + 1e-6
        grand = w[f"total_marketable|{m}"] + w[f"total_nonmarketable|{m}"]
        assert (grand - w[f"total|{m}"]).abs().max() <= 2.0 + 1e-6
    for c in ("bills", "total_marketable", "total"):
        both = w[f"{c}|public"] + w[f"{c}|intragov"]
        assert (both - w[f"{c}|total"]).abs().max() <= 2.0 + 1e-6


def test_mspd_api_field_names_and_unknown_class() -> None:
    text = (
        "record_date,security_type_desc,security_class_desc,debt_held_public_mil_amt,"
        "intragov_hold_mil_amt,total_mil_amt,src_line_nbr,record_fiscal_year\n"
        "2026-05-31,Marketable,Bills,6758273.6707,504.915,6758778.5857,1,2026\n"
        "2026-05-31,Nonmarketable,Brand New Series,1,null,1,2,2026\n"
    )
    out = wide(parse_mspd(text, source="api.csv"))
    assert out.loc["2026-05-31", "bills|total"] == 6758778.5857
    assert out.loc["2026-05-31", "nonmarketable_brand_new_series|public"] == 1.0
    assert "nonmarketable_brand_new_series|intragov" not in out.columns
    assert MSPD_CLASS_IDS[("marketable", "inflation-indexed bonds")] == "tips"


MSPD_HEAD = (
    "\ufeffRecord Date,Security Type Description,Security Class Description,"
    "Debt Held by the Public (in Millions),Intragovernmental Holdings (in Millions),"
    "Total Public Debt Outstanding (in Millions)\n"
)


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ("2025-12-31,Marketable,Bills,1,0,1\n2025-12-31,Marketable,Bills,1,0,1\n", "twice"),
        ("2025-12-30,Marketable,Bills,1,0,1\n", "month-end"),
        ("2025-12-31,Marketabel,Bills,1,0,1\n", "unknown security type"),
        ("2025-12-31,Total Marketable,Bills,1,0,1\n", "class '_'"),
        ("2025-12-31,Marketable,_,1,0,1\n", "class '_'"),
        ("2025-12-31,Marketable,Bills,1,zero,1\n", "'zero'"),
        ("31/12/2025,Marketable,Bills,1,0,1\n", "is not a date"),
        ("", "no data rows"),
    ],
)
def test_mspd_malformed(body: str, needle: str) -> None:
    with pytest.raises(DataFormatError, match=r"^mspd\.csv") as info:
        parse_mspd(MSPD_HEAD + body, source="mspd.csv")
    assert needle in str(info.value)


def test_mspd_missing_column() -> None:
    head = MSPD_HEAD.replace("Intragovernmental Holdings (in Millions),", "")
    with pytest.raises(DataFormatError, match=r"^mspd\.csv.*intragovernmental holdings"):
        parse_mspd(head + "2025-12-31,Marketable,Bills,1,1\n", source="mspd.csv")


# --- property tests: mutated real files --------------------------------------------------------

@pytest.mark.parametrize("name", [ARCHIVE, Y2024, Y2025])
def test_par_curve_survives_mutations(name: str, shared_data: Path) -> None:
    sample = head_lines(shared_data / "rates" / name)
    assert_survives_mutations(parse_par_yield_curve, sample, max_examples=150)


def test_mspd_survives_mutations(shared_data: Path) -> None:
    sample = head_lines(shared_data / "macro" / MSPD)
    assert_survives_mutations(parse_mspd, sample, max_examples=150)
