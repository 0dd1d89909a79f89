"""The GSW panel 1961 -> 2026-08: the Fed's feds200628 excerpt through the live parser (and the
live connector), Svensson parameters recovered from SVENY, the splice and its segments."""

from __future__ import annotations

from pathlib import Path

import httpx
import numpy as np
import pandas as pd
import pytest

import treasury_leverage.data as tld
from treasury_leverage.curves.svensson import svensson_zero
from treasury_leverage.data.sources.fed import GSW_CSV_URL, parse_gsw_csv, parse_sveny, refit_sveny

PARAMS = ["BETA0", "BETA1", "BETA2", "BETA3", "TAU1", "TAU2"]
EXCERPT = "rates/feds200628_excerpt_2023-07_2026-08.csv"
SVENY = "rates/gsw_zero_yields_SVENY_daily_1961-2023.csv"


@pytest.fixture(scope="module")
def excerpt_bytes(shared_data: Path) -> bytes:
    return (shared_data / EXCERPT).read_bytes()


def test_live_parser_reads_the_publishers_file(excerpt_bytes: bytes) -> None:
    """The real header block (quoted note, blank, 6-line conventions table, blank) and the
    100-column layout; SVENY recomputed from each row's own parameters to 1e-4."""
    assert excerpt_bytes.startswith(b'"Note: This is not an official Federal Reserve statistical release.')
    tidy = parse_gsw_csv(excerpt_bytes, source="feds200628.csv")
    wide = tidy.pivot(index="date", columns="series_id", values="value")
    # 59 rows: 37 month-ends, the other days of April 2025, 2026-08-21; Good Friday 2025-04-18 is
    # a row of NA and carries no value.
    assert len(wide) == 58 and pd.Timestamp("2025-04-18") not in wide.index
    assert wide.index.min() == pd.Timestamp("2023-07-31") and wide.index.max() == pd.Timestamp("2026-08-21")
    assert pd.Timestamp("2024-03-28") in wide.index  # the month-end row of March 2024
    assert len(wide.loc["2025-04"]) == 21
    assert set(wide.columns) == set(PARAMS) | {f"SVENY{n:02d}" for n in range(1, 31)}
    # First row as published: BETA2 = 9925.52745212531, BETA3 = -9926.94373630387.
    assert wide.loc["2023-07-31", "BETA2"] == 9925.52745212531
    assert wide.loc["2023-07-31", "BETA3"] == -9926.94373630387
    n = np.arange(1.0, 31.0)
    rebuilt = svensson_zero(n, *(wide[c].to_numpy() for c in PARAMS))
    published = wide[[f"SVENY{k:02d}" for k in range(1, 31)]].to_numpy()
    assert np.nanmax(np.abs(rebuilt - published)) <= 0.5e-4 + 1e-9  # rounding to 4 decimals
    only = parse_gsw_csv(excerpt_bytes, keep="parameters")
    assert set(only["series_id"]) == set(PARAMS)
    zero = parse_gsw_csv(excerpt_bytes, keep="zero")
    assert set(zero["series_id"]) == {f"SVENY{k:02d}" for k in range(1, 31)}


def test_live_connector_reads_the_excerpt_served_as_feds200628(
    excerpt_bytes: bytes, tmp_path: Path
) -> None:
    from treasury_leverage.data.client import Fetcher
    from treasury_leverage.data.store import Store
    from treasury_leverage.data.update import update

    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if str(request.url) == GSW_CSV_URL:
            return httpx.Response(200, content=excerpt_bytes)
        return httpx.Response(404)

    fetcher = Fetcher(cache_folder=tmp_path / "http", offline=False, transport=httpx.MockTransport(handler),
                      sleep=lambda s: None, max_attempts=1)
    store = Store(tmp_path / "store")
    reports = update(["gsw_params", "gsw_zero"], store=store, fetcher=fetcher)
    assert [r.status for r in reports] == ["updated", "updated"], [r.errors for r in reports]
    params = store.read("gsw_params").pivot(index="date", columns="series_id", values="value")
    assert params.index.max() == pd.Timestamp("2026-08-21") and set(params.columns) == set(PARAMS)
    assert params.loc["2026-08-21", "BETA0"] == pytest.approx(
        parse_gsw_csv(excerpt_bytes).set_index(["date", "series_id"]).loc[
            (pd.Timestamp("2026-08-21"), "BETA0"), "value"])


def test_refit_reproduces_sveny_and_the_workbook(shared_data: Path) -> None:
    """SVENY are the Fed's Svensson curves rounded to 4 decimals: refitted parameters give them
    back within 0.01 bp (median), and on days the workbook has, its short end too."""
    raw = (shared_data / SVENY).read_bytes()
    refit = refit_sveny(raw, after="2018-03-01", until="2018-06-30").pivot(
        index="date", columns="series_id", values="value")
    sveny = parse_sveny(raw).pivot(index="date", columns="series_id", values="value").loc[refit.index]
    n = np.arange(1.0, 31.0)
    ours = svensson_zero(n, *(refit[c].to_numpy() for c in PARAMS))
    err_bp = np.abs(ours - sveny[[f"SVENY{k:02d}" for k in range(1, 31)]].to_numpy()) * 100
    assert np.nanmedian(err_bp) < 0.01 and np.nanmax(err_bp) < 0.05
    np.testing.assert_allclose(refit["FIT_RMSE_BP"], np.sqrt(np.nanmean(err_bp**2, axis=1)), rtol=1e-6)
    workbook = tld.gsw_parameters("2018-03-01", "2018-04-20")
    common = workbook.index.intersection(refit.index)
    assert len(common) == 35  # 2018-03-02 .. 2018-04-20
    m = np.array([0.25, 0.5, 2.0, 10.0])
    a = svensson_zero(m, *(refit.loc[common, c].to_numpy() for c in PARAMS))
    b = svensson_zero(m, *(workbook.loc[common, c].to_numpy() for c in PARAMS))
    assert np.abs(a - b).max() * 100 < 0.1  # 3-month to 10-year within 0.1 bp


def test_snapshot_refit_segment_reproduces_sveny() -> None:
    params = tld.gsw_parameters("2018-04-21", "2023-07-07")
    assert params.index.min() == pd.Timestamp("2018-04-23") and len(params) == 1303
    sveny = tld.gsw_zero_curve("2018-04-21", "2023-07-07").loc[params.index]
    ours = svensson_zero(np.arange(1.0, 31.0), *(params[c].to_numpy() for c in PARAMS))
    err_bp = np.abs(ours - sveny.to_numpy()) * 100
    assert np.nanmedian(err_bp) < 0.01
    assert np.nanpercentile(err_bp, 99.9) < 1.0


def test_gsw_panel_segments_and_status() -> None:
    params = tld.gsw_parameters()
    assert params.index.min() == pd.Timestamp("1961-06-14")
    assert params.index.max() == pd.Timestamp("2026-08-21")
    assert params.index.is_unique and params.index.is_monotonic_increasing
    segs = params.attrs["segments"]
    assert [(s["dataset"], s["first_date"], s["last_date"]) for s in segs] == [
        ("gsw_params", "1961-06-14", "2018-04-20"),
        ("gsw_refit", "2018-04-23", "2023-07-07"),
        ("gsw_feds200628", "2023-07-31", "2026-08-21"),
    ]
    status = tld.status().set_index("dataset")
    text = status.loc["gsw_params", "segments"]
    for piece in ("workbook", "1961-06-14..2018-04-20", "SVENY", "2018-04-23..2023-07-07", "excerpt",
                  "2023-07-31..2026-08-21", "par fit", "2023-07-08..2026-07-22"):
        assert piece in text, piece
    assert status.loc["gsw_params", "effective_end"] == "2026-08-21"
    # The par curve: own files to 2025-07-11, FRED DGS* after (the complaint).
    assert status.loc["par_curve", "last_date"] == "2025-07-11"
    assert status.loc["par_curve", "effective_end"] == "2026-07-22"
    assert "FRED DGS* (same CMT yields) 2025-07-14..2026-07-22" in status.loc["par_curve", "segments"]
