"""Live update pipeline, driven through httpx.MockTransport serving the real published files.

Each connector's URL is answered with the matching file from ``shared_data`` so the real fetch,
parse and store code runs; then synthetic failures (HTTP 500, timeouts, truncated bodies, a
renamed header) must leave the store byte-for-byte as it was and name the dataset in the report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx
import pandas as pd
import pytest

from treasury_leverage.data import update as update_mod
from treasury_leverage.data.client import Fetcher
from treasury_leverage.data.store import Store
from treasury_leverage.data.update import LIVE_DATASETS, UpdateReport, update
from treasury_leverage.errors import InputError, UnknownNameError

TODAY = dt.date(2025, 7, 11)

Body = bytes | Callable[[httpx.Request], httpx.Response]


# -- a fake internet made of the real files ----------------------------------------------------


def route(request: httpx.Request) -> str:
    """A readable key for each connector's request."""
    url = request.url
    if url.host == "fred.stlouisfed.org":
        return f"fred:{url.params['id']}"
    if url.host == "api.stlouisfed.org":
        return f"fredapi:{url.params['series_id']}"
    if "daily-treasury-rates.csv" in url.path:
        assert url.params["type"] == "daily_treasury_yield_curve"
        return f"par:{url.params['field_tdr_date_value']}"
    if url.host == "api.fiscaldata.treasury.gov":
        return "mspd"
    return f"{url.host}{url.path}"


class Internet:
    """MockTransport handler: route key -> body (bytes) or a handler; records the keys asked."""

    def __init__(self, pages: Mapping[str, Body]) -> None:
        self.pages: dict[str, Body] = dict(pages)
        self.asked: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        key = route(request)
        self.asked.append(key)
        page = self.pages.get(key)
        if page is None:
            return httpx.Response(404, content=b"not found")
        if callable(page):
            return page(request)
        return httpx.Response(200, content=page, headers={"ETag": f'"{_sha(page)[:16]}"'})

    def fetcher(self, tmp_path: Path, **kw: object) -> Fetcher:
        options: dict[str, object] = {
            "cache_folder": tmp_path / "http-cache",
            "offline": False,
            "transport": httpx.MockTransport(self),
            "sleep": lambda s: None,
            "max_attempts": 2,
        }
        options.update(kw)
        return Fetcher(**options)  # type: ignore[arg-type]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def store_state(store: Store) -> dict[str, str]:
    """Every file under the store with its checksum: 'exactly as before' means equal dicts."""
    if not store.root.exists():
        return {}
    return {
        str(p.relative_to(store.root)): _sha(p.read_bytes())
        for p in sorted(store.root.rglob("*"))
        if p.is_file()
    }


def feds200628_text(shared: Path, start: str, end: str) -> bytes:
    """The Fed's feds200628.csv layout rebuilt from real published values between two dates.

    The full file (17 MB) is not among the raw files; its parameters come from the Fed's
    workbook and its zero yields from the SVENY export, which SOURCES.md checked against it.
    """
    from treasury_leverage.data.sources.fed import parse_gsw_parameters, parse_sveny

    params = parse_gsw_parameters((shared / "rates/gsw_parameters_daily_1961-2018.xls").read_bytes())
    sveny = parse_sveny((shared / "rates/gsw_zero_yields_SVENY_daily_1961-2023.csv").read_bytes())
    tidy = pd.concat([params, sveny])
    tidy = tidy[(tidy["date"] >= start) & (tidy["date"] <= end)]
    wide = tidy.pivot(index="date", columns="series_id", values="value").sort_index()
    columns = ["BETA0", "BETA1", "BETA2", "BETA3"]
    columns += [f"SVENY{n:02d}" for n in range(1, 31)] + ["TAU1", "TAU2"]
    lines = [
        '"Note: The data in this file are Gurkaynak, Sack, and Wright (2007) yields."',
        '"Series Description"',
        '"Source: Federal Reserve Board"',
        "",
        "",
        "",
        "",
        "",
        "",
        "Date," + ",".join(columns),
    ]
    for date, row in wide.iterrows():
        cells = ["NA" if pd.isna(row.get(c)) else repr(float(row[c])) for c in columns]
        lines.append(f"{date:%Y-%m-%d}," + ",".join(cells))
    return ("\n".join(lines) + "\n").encode()


#: Row labels of the "Of which" lines in the current Table 5 layout.
_TABLE5_OF_WHICH = {
    "Foreign Official": "Of Which: Foreign Official",
    "Foreign Official: Treasury Bills": "Of Which: Foreign Official Treasury Bills",
    "Foreign Official: T-Bonds & Notes": "Of Which: Foreign Official T-Bonds & Notes",
}


def slt_table5_text(history: bytes) -> bytes:
    """The current MFH table (SLT Table 5 layout) for Jul-Dec 2025, rebuilt from the history.

    The real current table is not among the raw files. One revision is made so the test can see
    which file wins: Japan Dec-2025 1185.5 -> 1186.0, offset in "All Other" so the rows still add
    up to the Grand Total.
    """
    from treasury_leverage.data.sources.tic import parse_mfh

    tidy = parse_mfh(history)
    months = pd.date_range("2025-07-31", "2025-12-31", freq="ME")[::-1]
    wide = tidy.pivot(index="series_id", columns="date", values="value")[months].dropna()
    wide.loc["Japan", months[0]] += 0.5
    wide.loc["All Other", months[0]] -= 0.5
    special = ["All Other", "Grand Total", *_TABLE5_OF_WHICH]
    countries = wide.drop(index=special).sort_values(months[0], ascending=False)
    lines = [
        "Table 5: Major Foreign Holders of Treasury Securities\t\t\t",
        "Holdings at end of time period\t\t\t",
        "Billions of dollars\t\t\t",
        "Link: https://ticdata.treasury.gov/resource-center/data-chart-center/tic/Documents/"
        "slt_table5.txt\t\t\t",
        "\t\t\t",
        "Country\t" + "\t".join(f"{m:%Y-%m}" for m in months),
    ]
    for name, row in [*countries.iterrows(), *wide.loc[special].iterrows()]:
        label = _TABLE5_OF_WHICH.get(str(name), str(name))
        lines.append(label + "\t" + "\t".join(f"{v:.1f}" for v in row))
    lines += ["", "Notes:", "Rebuilt in a test from mfhhis01.txt values.", ""]
    return "\r\n".join(lines).encode()


@pytest.fixture(scope="module")
def pages(shared_data: Path) -> dict[str, bytes]:
    """The real files, keyed like :func:`route`, for every live connector."""
    from treasury_leverage.data.sources.fed import GSW_CSV_URL
    from treasury_leverage.data.sources.nyfed import ACM_XLS_URL
    from treasury_leverage.data.sources.tic import MFH_HISTORY_URL, SLT_TABLE1_URL, SLT_TABLE5_URL

    def key(url: str) -> str:
        return route(httpx.Request("GET", url))

    rates = shared_data / "rates"
    out = {
        "par:2024": (rates / "treasury_par_yield_curve_2024.csv").read_bytes(),
        "par:2025": (rates / "treasury_par_yield_curve_2025_through_0711.csv").read_bytes(),
        "mspd": (shared_data / "macro/MSPD_SumSecty_20010131_20260531.csv").read_bytes(),
        key(GSW_CSV_URL): feds200628_text(shared_data, "2018-01-02", "2018-04-20"),
        key(ACM_XLS_URL): (rates / "acm_term_premium_monthly_1961-2007.csv").read_bytes(),
        key(MFH_HISTORY_URL): (shared_data / "tic/mfhhis01.txt").read_bytes(),
        key(SLT_TABLE1_URL): (shared_data / "tic/slt_table1.txt").read_bytes(),
    }
    out[key(SLT_TABLE5_URL)] = slt_table5_text(out[key(MFH_HISTORY_URL)])
    for path in (rates / "fred").glob("*.csv"):
        out[f"fred:{path.stem.split('_')[0]}"] = path.read_bytes()
    # The newer DEXJPUS copy is the raw FRED graph download (observation_date,DEXJPUS).
    out["fred:DEXJPUS"] = (rates / "fred/DEXJPUS_2021-2026.csv").read_bytes()
    return out


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store")


def seed_par_curve(store: Store, pages: dict[str, bytes], *, through: str) -> None:
    """A store holding the 2024 par curve up to ``through`` (as if updated back then)."""
    from treasury_leverage.data.sources.treasury import parse_par_yield_curve

    tidy = parse_par_yield_curve(pages["par:2024"])
    store.write(
        "par_curve",
        tidy[tidy["date"] <= through],
        source="seed",
        realtime_start=dt.datetime(2024, 4, 1),
    )


def only(reports: list[UpdateReport], name: str) -> UpdateReport:
    [report] = [r for r in reports if r.dataset == name]
    return report


# -- the real files through the real code --------------------------------------------------------


def test_par_curve_fetches_missing_years_and_appends_a_vintage(
    store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    seed_par_curve(store, pages, through="2024-03-28")
    internet = Internet(pages)
    [report] = update(["par_curve"], store=store, fetcher=internet.fetcher(tmp_path), today=TODAY)

    # The last stored year is fetched again (it was incomplete), then every year to today.
    assert internet.asked == ["par:2024", "par:2025"]
    assert report.status == "updated", report.errors
    assert report.ok
    assert report.changed_rows == 0
    assert report.last_date == "2025-07-11"
    assert len(store.vintages("par_curve")) == 2

    curve = store.read("par_curve").pivot(index="date", columns="series_id", values="value")
    # SOURCES.md: the 10Y par yield averages 4.21% in 2024 and 4.40% in the first half of 2025.
    assert curve.loc["2024", "10Y"].mean() == pytest.approx(4.21, abs=0.005)
    assert curve.loc["2025-01":"2025-06", "10Y"].mean() == pytest.approx(4.40, abs=0.01)
    assert curve.loc["2024-12-31", "10Y"] == 4.58
    assert curve.loc["2025-07-11", "1.5M"] == 4.39
    assert len(curve.loc["2024"]) == 250
    assert len(curve.loc["2025"]) == 131
    # Only what was new went into the second vintage.
    seeded = int((pd.Series(curve.index) <= "2024-03-28").sum())
    assert report.new_rows == int(curve.loc["2024-03-29":].notna().sum().sum())
    assert seeded > 0
    # "As of" before the update still sees the old state.
    before = store.read("par_curve", as_of="2024-04-02")
    assert before["date"].max() == pd.Timestamp("2024-03-28")


def test_par_curve_years_planned_from_an_empty_store(store: Store) -> None:
    ctx = update_mod._Context(
        store=store, baseline=None, today=dt.date(1992, 3, 1), fred_api_key=None, fred_series=None
    )
    urls = [d.url for d in update_mod._plan_par_curve(ctx)]
    assert [u.count("/1990/") + u.count("/1991/") + u.count("/1992/") for u in urls] == [1, 1, 1]
    assert "field_tdr_date_value=1990" in urls[0]


def test_mspd_is_stored_with_the_published_totals(
    store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    [report] = update(["mspd"], store=store, fetcher=Internet(pages).fetcher(tmp_path))
    assert report.status == "updated", report.errors
    rows = store.read("mspd", start="2025-12-31", end="2025-12-31").set_index("series_id")
    # SOURCES.md checks: 2025-12-31 Total Marketable 30,271,343 and Bills 6,547,260 (USD mn).
    assert rows.loc["total_marketable|total", "value"] == pytest.approx(30_271_343, abs=1)
    assert rows.loc["bills|total", "value"] == pytest.approx(6_547_260, abs=1)
    assert rows.loc["bills|total", "unit"] == "USD mn"
    assert report.first_date == "2001-01-31"


def test_gsw_file_is_downloaded_once_and_split_into_two_datasets(
    store: Store, pages: dict[str, bytes], tmp_path: Path, shared_data: Path
) -> None:
    internet = Internet(pages)
    reports = update(["gsw_params", "gsw_zero"], store=store, fetcher=internet.fetcher(tmp_path))
    assert [r.status for r in reports] == ["updated", "updated"], [r.errors for r in reports]
    assert len(internet.asked) == 1

    params = store.read("gsw_params")
    zero = store.read("gsw_zero")
    assert set(params["series_id"]) == {"BETA0", "BETA1", "BETA2", "BETA3", "TAU1", "TAU2"}
    assert set(zero["series_id"]) == {f"SVENY{n:02d}" for n in range(1, 31)}
    assert set(params.loc[params["series_id"].str.startswith("TAU"), "unit"]) == {"years"}
    # Values are the published ones: the last workbook day and the SVENY export.
    sveny = pd.read_csv(shared_data / "rates/gsw_zero_yields_SVENY_daily_1961-2023.csv")
    published = sveny.set_index("date").loc["2018-04-20", "SVENY10"]
    stored = zero.set_index(["date", "series_id"]).loc[(pd.Timestamp("2018-04-20"), "SVENY10")]
    assert stored["value"] == pytest.approx(round(published, 4))
    assert params["date"].max() == pd.Timestamp("2018-04-20")


def test_acm_workbook_url_serving_the_sheet_as_csv(
    store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    [report] = update(["acm"], store=store, fetcher=Internet(pages).fetcher(tmp_path))
    assert report.status == "updated", report.errors
    acm = store.read("acm").pivot(index="date", columns="series_id", values="value")
    assert acm.index[0] == pd.Timestamp("1961-06-30")
    assert acm.index[-1] == pd.Timestamp("2007-12-31")
    assert acm.loc["1961-06-30", "ACMY01"] == pytest.approx(2.89777047445003)
    # The published decomposition: fitted yield = term premium + risk-neutral yield.
    gap = acm["ACMY10"] - acm["ACMTP10"] - acm["ACMRNY10"]
    assert gap.abs().max() < 1e-9


def test_holdings_history_and_current_table(store: Store, pages: dict[str, bytes], tmp_path: Path) -> None:
    [report] = update(["holdings"], store=store, fetcher=Internet(pages).fetcher(tmp_path))
    assert report.status == "updated", report.errors
    assert len(report.urls) == 2
    held = store.read("holdings").pivot(index="date", columns="series_id", values="value")
    # SOURCES.md checks (mfhhis01.txt, 3/18/26 vintage): Japan Dec-2024 1061.5, China Dec-2025
    # 683.5, Grand Total Dec-2025 9271.0.
    assert held.loc["2024-12-31", "Japan"] == 1061.5
    assert held.loc["2025-12-31", "China, Mainland"] == 683.5
    assert held.loc["2025-12-31", "Grand Total"] == 9271.0
    # The current table is the newer publication: its (revised) figure wins.
    assert held.loc["2025-12-31", "Japan"] == 1186.0
    assert held.index.min() == pd.Timestamp("2000-03-31")
    assert set(store.read("holdings")["unit"]) == {"USD bn"}


def test_holdings_current_table_failing_alone_is_partial(
    store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    from treasury_leverage.data.sources.tic import SLT_TABLE5_URL

    broken: dict[str, Body] = dict(pages)
    broken[route(httpx.Request("GET", SLT_TABLE5_URL))] = _server_error
    [report] = update(["holdings"], store=store, fetcher=Internet(broken).fetcher(tmp_path))
    assert report.status == "partial"
    assert not report.ok
    [error] = report.errors
    assert error.startswith("holdings: current table: ")
    assert "slt_table5.txt" in error
    assert "500" in error
    held = store.read("holdings", series="Japan").set_index("date")["value"]
    assert held["2025-12-31"] == 1185.5  # the history's figure, since the current table failed


def test_slt_table1_holdings_and_flows(store: Store, pages: dict[str, bytes], tmp_path: Path) -> None:
    [report] = update(["slt_table1"], store=store, fetcher=Internet(pages).fetcher(tmp_path))
    assert report.status == "updated", report.errors
    japan = store.read("slt_table1", start="2024-12-31", end="2024-12-31").set_index("series_id")
    # The published Japan row for 2024-12 (country code 42609), USD millions.
    assert japan.loc["Japan|treas_pos", "value"] == 952_667
    assert japan.loc["Japan|treas_net", "value"] == -10_233
    assert japan.loc["Japan|treas_valchg", "value"] == -15_150
    assert japan.loc["Japan|treas_pos", "unit"] == "USD mn"


def fred_json(csv_bytes: bytes) -> bytes:
    """A FRED API observations answer carrying the rows of a FRED CSV ('.' for missing)."""
    frame = pd.read_csv(io.BytesIO(csv_bytes), dtype=str, keep_default_na=False)
    date_col, value_col = frame.columns
    observations = [
        {"realtime_start": "2026-07-23", "realtime_end": "2026-07-23", "date": d, "value": v or "."}
        for d, v in zip(frame[date_col], frame[value_col], strict=True)
    ]
    return json.dumps({"units": "lin", "count": len(observations), "observations": observations}).encode()


def test_fred_series_match_the_treasury_par_curve(
    store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    seed_par_curve(store, pages, through="2024-01-31")
    internet = Internet(pages)
    reports = update(
        ["par_curve", "fred"],
        store=store,
        fetcher=internet.fetcher(tmp_path),
        today=TODAY,
        fred_series=["DGS10", "DGS30", "DEXJPUS", "FDHBFIN"],
    )
    assert [r.status for r in reports] == ["updated", "updated"], [r.errors for r in reports]
    assert sorted(k for k in internet.asked if k.startswith("fred:")) == [
        "fred:DEXJPUS", "fred:DGS10", "fred:DGS30", "fred:FDHBFIN"
    ]  # fmt: skip
    fred = store.read("fred").pivot(index="date", columns="series_id", values="value")
    par = store.read("par_curve").pivot(index="date", columns="series_id", values="value")
    # SOURCES.md: Treasury par 10Y and 30Y equal FRED DGS10 / DGS30 on every common date.
    both = par.join(fred, how="inner")
    assert len(both) > 300
    assert (both["10Y"] == both["DGS10"]).all()
    assert (both["30Y"] == both["DGS30"]).all()
    units = store.read("fred").groupby("series_id")["unit"].first()
    assert units["DEXJPUS"] == "JPY per USD"
    assert units["FDHBFIN"] == "USD bn"
    assert units["DGS10"] == "percent"
    # The raw FRED download leaves holidays blank: they are dropped, not stored as NaN.
    assert fred["DEXJPUS"].dropna().index.min() == pd.Timestamp("2021-05-17")
    assert store.read("fred", series="DEXJPUS")["value"].notna().all()


def test_fred_api_route_with_key_stores_the_same_rows(
    store: Store, pages: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    csv_store = Store(tmp_path / "csv-store")
    update(["fred"], store=csv_store, fetcher=Internet(pages).fetcher(tmp_path / "a"),
           fred_series=["DGS10", "DEXJPUS"])  # fmt: skip

    monkeypatch.setenv("FRED_API_KEY", "SECRET-KEY-123")
    api_pages: dict[str, Body] = {
        "fredapi:DGS10": fred_json(pages["fred:DGS10"]),
        "fredapi:DEXJPUS": fred_json(pages["fred:DEXJPUS"]),
    }
    seen: list[httpx.Request] = []
    internet = Internet(api_pages)

    def spy(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return internet(request)

    fetcher = Fetcher(cache_folder=tmp_path / "b", offline=False, transport=httpx.MockTransport(spy))
    [report] = update(["fred"], store=store, fetcher=fetcher, fred_series=["DGS10", "DEXJPUS"])
    assert report.status == "updated", report.errors
    assert internet.asked == ["fredapi:DGS10", "fredapi:DEXJPUS"]
    assert all(r.url.params["api_key"] == "SECRET-KEY-123" for r in seen)
    assert all(r.url.params["file_type"] == "json" for r in seen)
    assert "SECRET-KEY-123" not in json.dumps(report.as_dict())
    for meta in (tmp_path / "b").glob("*.json"):
        assert "SECRET-KEY-123" not in meta.read_text()
    columns = ["date", "series_id", "value", "unit"]
    pd.testing.assert_frame_equal(store.read("fred")[columns], csv_store.read("fred")[columns])


def test_fred_one_series_failing_is_partial(store: Store, pages: dict[str, bytes], tmp_path: Path) -> None:
    broken: dict[str, Body] = dict(pages)
    broken["fred:DGS30"] = _server_error
    [report] = update(
        ["fred"], store=store, fetcher=Internet(broken).fetcher(tmp_path),
        fred_series=["DGS10", "DGS30"],
    )  # fmt: skip
    assert report.status == "partial"
    [error] = report.errors
    assert error.startswith("fred: DGS30: ")
    assert "500" in error
    assert store.series_ids("fred") == ["DGS10"]


def test_fred_plan_covers_known_and_stored_series(store: Store) -> None:
    from treasury_leverage.data.sources.fred import FRED_UNITS

    frame = pd.DataFrame(
        {"date": pd.to_datetime(["2024-01-31"]), "series_id": ["MYIDX"], "value": [1.0],
         "unit": ["index"]}
    )  # fmt: skip
    store.write("fred", frame, source="test")
    ctx = update_mod._Context(store=store, baseline=None, today=TODAY, fred_api_key=None, fred_series=None)
    plan = update_mod._plan_fred(ctx)
    assert {d.part for d in plan} == set(FRED_UNITS) | {"MYIDX"}
    [mine] = [d for d in plan if d.part == "MYIDX"]
    # A series the parser does not know keeps the unit it was stored with.
    assert dict(mine.kwargs) == {"series_id": "MYIDX", "unit": "index"}
    assert mine.url.endswith("fredgraph.csv?id=MYIDX")


# -- re-runs, seeding, names ---------------------------------------------------------------------


def test_second_run_is_revalidated_and_changes_nothing(
    store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    internet = Internet(pages)
    fetcher = internet.fetcher(tmp_path)
    update(["mspd"], store=store, fetcher=fetcher)
    before = store_state(store)

    def not_modified(request: httpx.Request) -> httpx.Response:
        assert request.headers["If-None-Match"]
        return httpx.Response(304)

    internet.pages["mspd"] = not_modified
    [report] = update(["mspd"], store=store, fetcher=fetcher)
    assert report.status == "unchanged"
    assert report.ok
    assert report.from_cache is True
    assert report.new_rows == 0
    assert store_state(store) == before


def test_an_empty_store_is_seeded_from_the_baseline_first(tmp_path: Path, pages: dict[str, bytes]) -> None:
    from treasury_leverage.data.sources.treasury import parse_par_yield_curve

    baseline = Store(tmp_path / "snapshot")
    tidy = parse_par_yield_curve(pages["par:2024"])
    baseline.write("par_curve", tidy, source="snapshot", realtime_start=dt.datetime(2025, 1, 2))
    user = Store(tmp_path / "user")
    internet = Internet(pages)
    [report] = update(
        ["par_curve"], store=user, baseline=baseline, fetcher=internet.fetcher(tmp_path), today=TODAY
    )
    assert report.status == "updated", report.errors
    # The baseline ends in 2024, so 2024 and 2025 are fetched; 2024 brings nothing new.
    assert internet.asked == ["par:2024", "par:2025"]
    vintages = user.vintages("par_curve")
    assert vintages[0].realtime_start == "2025-01-02T00:00:00"
    assert len(vintages) == 2
    assert vintages[1].first_date == "2025-01-02"
    as_of_snapshot = user.read("par_curve", as_of="2025-01-03")
    assert len(as_of_snapshot) == len(tidy)
    assert user.read("par_curve")["date"].max() == pd.Timestamp("2025-07-11")


def test_default_store_is_the_user_store_seeded_from_the_snapshot(
    tmp_path: Path, pages: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    from treasury_leverage.data import api
    from treasury_leverage.data.paths import user_store_dir
    from treasury_leverage.data.sources.treasury import parse_par_yield_curve

    snapshot = Store(tmp_path / "snapshot")
    tidy = parse_par_yield_curve(pages["par:2024"])
    snapshot.write("par_curve", tidy, source="snapshot", realtime_start=dt.datetime(2025, 1, 2))
    monkeypatch.setenv("TLEV_SNAPSHOT", str(snapshot.root))
    before = store_state(snapshot)

    [report] = update(["par_curve"], fetcher=Internet(pages).fetcher(tmp_path), today=TODAY)
    assert report.status == "updated", report.errors
    user = Store(user_store_dir())
    assert user.vintages("par_curve")[0].realtime_start[:10] == "2025-01-02"
    assert store_state(snapshot) == before  # the snapshot is only read
    # The public accessors now serve the user store, history included.
    frame = api.read("par_curve", series="10Y")
    assert frame.attrs["origin"] == "cache"
    assert frame["date"].min() == pd.Timestamp("2024-01-02")
    assert frame["date"].max() == pd.Timestamp("2025-07-11")


def test_unknown_or_not_live_dataset_names_raise_before_any_download(
    store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    internet = Internet(pages)
    with pytest.raises(UnknownNameError, match="par_curve"):
        update(["par_curv"], store=store, fetcher=internet.fetcher(tmp_path))
    with pytest.raises(InputError, match="no live source"):
        update(["mspd", "bj_positions"], store=store, fetcher=internet.fetcher(tmp_path))
    assert internet.asked == []


def test_live_datasets_are_catalogued() -> None:
    from treasury_leverage.data.catalog import CATALOG

    assert set(LIVE_DATASETS) <= set(CATALOG)
    assert {"holdings", "slt_table1", "par_curve", "gsw_params", "gsw_zero", "acm", "fred"} <= set(
        LIVE_DATASETS
    )


def test_offline_reports_every_dataset_without_touching_the_network(store: Store, tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("offline update touched the network")

    fetcher = Fetcher(cache_folder=tmp_path / "c", offline=True, transport=httpx.MockTransport(handler))
    reports = update(["par_curve", "mspd"], store=store, fetcher=fetcher, today=TODAY)
    assert [r.status for r in reports] == ["failed", "failed"]
    for r in reports:
        assert r.errors[0].startswith(f"{r.dataset}: ")
        assert "offline" in r.errors[0]
    assert store_state(store) == {}


def test_report_as_dict_is_flat() -> None:
    report = UpdateReport("fred", "partial", urls=("u1", "u2"), errors=("a", "b"), seconds=0.12345)
    row = report.as_dict()
    assert row["urls"] == "u1 u2"
    assert row["errors"] == "a | b"
    assert row["seconds"] == 0.123
    assert json.dumps(row)
    assert not report.ok
    assert report.error == "a; b"


# -- failures leave the store exactly as it was ----------------------------------------------------


def _server_error(request: httpx.Request) -> httpx.Response:
    return httpx.Response(500, content=b"internal error")


def _timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


def _truncated(body: bytes) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body[: len(body) // 2], headers={"Content-Length": str(len(body))})

    return handler


def _renamed(body: bytes, old: bytes, new: bytes) -> bytes:
    assert old in body
    return body.replace(old, new, 1)


FAILURES: dict[str, Callable[[bytes], Body]] = {
    "http 500": lambda body: _server_error,
    "timeout": lambda body: _timeout,
    "truncated": _truncated,
}


@pytest.mark.parametrize("failure", [*FAILURES, "renamed header"])
def test_par_curve_failure_leaves_store_untouched(
    failure: str, store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    seed_par_curve(store, pages, through="2024-12-31")
    before = store_state(store)
    broken: dict[str, Body] = dict(pages)
    if failure == "renamed header":
        broken["par:2025"] = _renamed(pages["par:2025"], b"10 Yr", b"Ten Yr")
    else:
        broken["par:2025"] = FAILURES[failure](pages["par:2025"])
    [report] = update(["par_curve"], store=store, fetcher=Internet(broken).fetcher(tmp_path), today=TODAY)
    assert report.status == "failed"
    assert not report.ok
    assert store_state(store) == before
    message = report.errors[-1]
    assert message.startswith("par_curve: ")
    expected = {
        "http 500": "500",
        "timeout": "timed out",
        "truncated": "truncated",
        "renamed header": "Ten Yr",
    }[failure]
    assert expected in message


@pytest.mark.parametrize("failure", [*FAILURES, "renamed header"])
def test_mspd_failure_leaves_store_untouched_and_others_update(
    failure: str, store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    update(["mspd"], store=store, fetcher=Internet(pages).fetcher(tmp_path))
    before_mspd = {k: v for k, v in store_state(store).items() if k.startswith("mspd")}
    broken: dict[str, Body] = dict(pages)
    changed = pages["mspd"]
    if failure == "renamed header":
        broken["mspd"] = _renamed(changed, b"Security Type Description", b"Security Kind")
    else:
        broken["mspd"] = FAILURES[failure](changed)
    reports = update(["mspd", "acm"], store=store, fetcher=Internet(broken).fetcher(tmp_path / "fresh"))
    mspd, acm = only(reports, "mspd"), only(reports, "acm")
    assert mspd.status == "failed"
    assert mspd.errors[-1].startswith("mspd: ")
    assert {k: v for k, v in store_state(store).items() if k.startswith("mspd")} == before_mspd
    # A failure in one dataset does not stop the next one.
    assert acm.status == "updated", acm.errors


@pytest.mark.parametrize("failure", [*FAILURES, "renamed header"])
def test_slt_table1_failure_leaves_store_untouched(
    failure: str, store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    from treasury_leverage.data.sources.tic import SLT_TABLE1_URL

    key = route(httpx.Request("GET", SLT_TABLE1_URL))
    update(["slt_table1"], store=store, fetcher=Internet(pages).fetcher(tmp_path))
    before = store_state(store)
    broken: dict[str, Body] = dict(pages)
    if failure == "renamed header":
        broken[key] = _renamed(pages[key], b"for_lt_treas_pos", b"for_lt_treasury_pos")
    else:
        broken[key] = FAILURES[failure](pages[key])
    [report] = update(["slt_table1"], store=store, fetcher=Internet(broken).fetcher(tmp_path / "fresh"))
    assert report.status == "failed"
    assert report.errors[-1].startswith("slt_table1: ")
    assert store_state(store) == before


def test_holdings_both_files_failing_leave_store_untouched(
    store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    from treasury_leverage.data.sources.tic import MFH_HISTORY_URL, SLT_TABLE5_URL

    update(["holdings"], store=store, fetcher=Internet(pages).fetcher(tmp_path))
    before = store_state(store)
    broken: dict[str, Body] = dict(pages)
    history = route(httpx.Request("GET", MFH_HISTORY_URL))
    broken[history] = _renamed(pages[history], b"Grand Total", b"Grand Sum")
    broken[route(httpx.Request("GET", SLT_TABLE5_URL))] = _timeout
    [report] = update(["holdings"], store=store, fetcher=Internet(broken).fetcher(tmp_path / "x"))
    assert report.status == "failed"
    assert [e.split(": ")[1] for e in report.errors] == ["history", "current table"]
    assert all(e.startswith("holdings: ") for e in report.errors)
    assert "timed out" in report.errors[1]
    assert store_state(store) == before


@pytest.mark.parametrize("failure", [*FAILURES, "renamed header"])
def test_fred_failure_leaves_store_untouched(
    failure: str, store: Store, pages: dict[str, bytes], tmp_path: Path
) -> None:
    update(["fred"], store=store, fetcher=Internet(pages).fetcher(tmp_path),
           fred_series=["DEXJPUS"])  # fmt: skip
    before = store_state(store)
    broken: dict[str, Body] = dict(pages)
    if failure == "renamed header":
        broken["fred:DEXJPUS"] = _renamed(pages["fred:DEXJPUS"], b"observation_date", b"period")
    else:
        broken["fred:DEXJPUS"] = FAILURES[failure](pages["fred:DEXJPUS"])
    [report] = update(
        ["fred"], store=store, fetcher=Internet(broken).fetcher(tmp_path / "fresh"),
        fred_series=["DEXJPUS"],
    )  # fmt: skip
    assert report.status == "failed"
    [error] = report.errors
    assert error.startswith("fred: DEXJPUS: ")
    assert store_state(store) == before
