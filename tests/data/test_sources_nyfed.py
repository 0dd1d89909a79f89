"""NY Fed ACM parsers against the published monthly sheet (CSV export in ../shared/data)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from parser_mutations import assert_survives_mutations, assert_tidy

from treasury_leverage.data.sources import nyfed
from treasury_leverage.data.sources.nyfed import (
    ACM_SERIES,
    ACM_XLS_URL,
    parse_acm_csv,
    parse_acm_xls,
)
from treasury_leverage.errors import DataFormatError, TLError

ACM = "acm_term_premium_monthly_1961-2007.csv"


def wide(tidy: pd.DataFrame) -> pd.DataFrame:
    return tidy.pivot(index="date", columns="series_id", values="value")


@pytest.fixture(scope="module")
def acm_raw(shared_data: Path) -> bytes:
    return (shared_data / "rates" / ACM).read_bytes()


@pytest.fixture(scope="module")
def acm(acm_raw: bytes) -> pd.DataFrame:
    return parse_acm_csv(acm_raw, source=ACM)


def test_acm_shape_and_values(acm: pd.DataFrame) -> None:
    assert_tidy(acm)
    assert set(acm["unit"]) == {"percent"}
    w = wide(acm)
    assert len(w) == 559
    assert sorted(w.columns) == sorted(ACM_SERIES) and len(ACM_SERIES) == 30
    assert w.notna().all().all()
    assert w.index.min() == pd.Timestamp("1961-06-30")
    assert w.index.max() == pd.Timestamp("2007-12-31")
    assert pd.DatetimeIndex(w.index).is_month_end.all()
    assert w.index.to_period("M").is_unique
    assert w.loc["1961-06-30", "ACMY01"] == 2.89777047445003
    assert w.loc["1961-06-30", "ACMTP01"] == -0.075750687104887
    assert w.loc["2007-12-31", "ACMY10"] == 4.3078386753325
    # "29-Sep-1961" (a Friday, the last business day) is stored as the calendar month-end.
    assert pd.Timestamp("1961-09-30") in w.index
    assert ACM_XLS_URL.endswith("/ACMTermPremium.xls")


def test_acm_yield_is_term_premium_plus_risk_neutral(acm: pd.DataFrame) -> None:
    w = wide(acm)
    for n in range(1, 11):
        resid = w[f"ACMY{n:02d}"] - w[f"ACMTP{n:02d}"] - w[f"ACMRNY{n:02d}"]
        assert resid.abs().max() < 1e-12


HEAD = '"DATE","ACMY01","ACMTP01","ACMRNY01"\n'


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        (HEAD + '"15-Jun-1961",1,0.5,0.5\n', "end of its month"),
        (HEAD + '"29-Sep-1961",1,0.5,0.5\n"30-Sep-1961",1,0.5,0.5\n', "appears twice"),
        (HEAD + '"1961-06-30x",1,0.5,0.5\n', "is not a date"),
        (HEAD + '"31-Jun-1961",1,0.5,0.5\n', "is not a date"),
        (HEAD.replace("ACMTP01", "ACMTP11"), "'ACMTP11'"),
        (HEAD.replace("ACMTP01", "ACMY01"), "repeated"),
        (HEAD.replace('"DATE"', '"MONTH"'), "expected 'DATE'"),
        (HEAD + '"30-Jun-1961",1,0.5,#N/A\n', "'#N/A'"),
        (HEAD, "no data rows"),
        ('"DATE"\n"30-Jun-1961"\n', "no ACM columns"),
    ],
)
def test_acm_malformed(text: str, needle: str) -> None:
    with pytest.raises(DataFormatError, match=r"^acm\.csv") as info:
        parse_acm_csv(text, source="acm.csv")
    assert needle in str(info.value)


# --- the workbook path ---------------------------------------------------------------------------
# No .xls writer is installed, so the workbook reader is exercised with a stand-in for xlrd's
# Sheet built from the real CSV: Excel date cells (serial numbers) and number cells, as xlrd
# returns them. Everything after reading the sheet is the code the CSV path runs.


def fake_sheet(text: str, *, excel_dates: bool) -> SimpleNamespace:
    import xlrd

    rows = list(csv.reader(io.StringIO(text)))
    header, data = rows[0], rows[1:]
    types: list[list[int]] = [[xlrd.XL_CELL_TEXT] * len(header)]
    values: list[list[object]] = [list(header)]
    for row in data:
        day = dt.datetime.strptime(row[0], "%d-%b-%Y")
        if excel_dates:
            first: object = (day - dt.datetime(1899, 12, 30)).days  # 1900 date system
            first_type = xlrd.XL_CELL_DATE
        else:
            first, first_type = row[0], xlrd.XL_CELL_TEXT
        types.append([first_type] + [xlrd.XL_CELL_NUMBER] * (len(row) - 1))
        values.append([first] + [float(v) for v in row[1:]])
    types.append([xlrd.XL_CELL_EMPTY] * len(header))  # a trailing formatted-but-empty row
    values.append([""] * len(header))
    return SimpleNamespace(
        nrows=len(values),
        ncols=len(header),
        book=SimpleNamespace(datemode=0),
        row_values=lambda r: values[r],
        col_types=lambda c, start_rowx=0: [t[c] for t in types[start_rowx:]],
        col_values=lambda c, start_rowx=0: [v[c] for v in values[start_rowx:]],
    )


@pytest.mark.parametrize("excel_dates", [True, False])
def test_acm_xls_matches_csv(
    acm_raw: bytes, acm: pd.DataFrame, monkeypatch: pytest.MonkeyPatch, excel_dates: bool
) -> None:
    sheet = fake_sheet(acm_raw.decode(), excel_dates=excel_dates)
    seen: list[str] = []

    def open_sheet(raw: bytes, name: str, *, source: str) -> SimpleNamespace:
        seen.append(name)
        return sheet

    monkeypatch.setattr(nyfed, "open_xls_sheet", open_sheet)
    out = parse_acm_xls(b"workbook bytes", source="ACMTermPremium.xls")
    assert seen == ["ACM Monthly"]
    pd.testing.assert_frame_equal(out, acm)


def test_acm_xls_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(DataFormatError, match=r"^acm\.xls: not a readable \.xls"):
        parse_acm_xls(HEAD.encode(), source="acm.xls")
    monkeypatch.setitem(sys.modules, "xlrd", None)
    with pytest.raises(TLError, match="snapshot"):
        parse_acm_xls(b"\xd0\xcf\x11\xe0", source="acm.xls")


# --- property test: mutated real file ------------------------------------------------------------

def test_acm_csv_survives_mutations(acm_raw: bytes) -> None:
    sample = b"\n".join(acm_raw.split(b"\n")[:200])
    assert_survives_mutations(parse_acm_csv, sample, max_examples=150)
