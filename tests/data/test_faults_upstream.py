"""Fault injection upstream (issue 18, items 4 and 15): bad published tables must not reach the
store, and the download client must survive hostile headers and redirects. The publisher is an
``httpx.MockTransport`` serving the real TIC files, then damaged copies of them."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import httpx
import pandas as pd
import pytest

from treasury_leverage.data.checks import ImplausibleData, check
from treasury_leverage.data.client import Fetcher
from treasury_leverage.data.sources.tic import MFH_HISTORY_URL, SLT_TABLE5_URL, parse_mfh
from treasury_leverage.data.store import Store
from treasury_leverage.data.update import update
from treasury_leverage.errors import DataFormatError, FetchError

pytestmark = pytest.mark.faults

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
TABLE5 = (FIXTURES / "slt_table5_sample.txt").read_bytes()
_NUMBER = re.compile(rb"(?<=\t)(\d+(?:\.\d+)?)(?=[\t\r\n]|$)")


def _fetcher(tmp: Path, history: bytes, table5: bytes) -> Fetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        body = history if url == MFH_HISTORY_URL else table5 if url == SLT_TABLE5_URL else None
        return httpx.Response(200, content=body) if body is not None else httpx.Response(404)

    return Fetcher(cache_folder=tmp / "http", offline=False, transport=httpx.MockTransport(handler),
                   sleep=lambda s: None, max_attempts=1)


def _state(store: Store) -> dict[str, str]:
    return {str(p.relative_to(store.root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(store.root.rglob("*")) if p.is_file() and p.name != ".write.lock"}


def _map_numbers(raw: bytes, fn: Callable[[float], float]) -> bytes:
    return _NUMBER.sub(lambda m: f"{fn(float(m.group(1))):.1f}".encode(), raw)


@pytest.fixture(scope="module")
def history(shared_data: Path) -> bytes:
    return (shared_data / "tic/mfhhis01.txt").read_bytes()


@pytest.fixture
def stored(tmp_path: Path, history: bytes) -> Store:
    store = Store(tmp_path / "store")
    [report] = update(["holdings"], store=store, fetcher=_fetcher(tmp_path, history, TABLE5), baseline=None)
    assert report.status == "updated", report.errors
    return store


@pytest.mark.parametrize(("name", "damage", "gate"), [
    ("negated", lambda v: -v, "nonnegative"),
    ("all zero", lambda v: 0.0, "revision"),
])
def test_issue4_implausible_table5_writes_nothing_and_names_the_check(
        stored: Store, tmp_path: Path, history: bytes, name: str, damage: Callable[[float], float],
        gate: str) -> None:
    before = _state(stored)
    bad = _map_numbers(TABLE5, damage)
    assert bad != TABLE5
    fetcher = _fetcher(tmp_path / name, history, bad)
    [report] = update(["holdings"], store=stored, fetcher=fetcher, baseline=None)
    assert report.status == "failed", report.errors
    assert f"plausibility check {gate!r} failed" in report.errors[0]
    assert "nothing was stored" in report.errors[0] and "2025-" in report.errors[0]  # where: the date
    assert _state(stored) == before
    assert stored.read("holdings").query("series_id == 'Grand Total'")["value"].min() > 0


def test_issue4_swapped_month_headers_are_refused(stored: Store, tmp_path: Path, history: bytes) -> None:
    swapped = TABLE5.replace(b"2025-12\t2025-11", b"2025-11\t2025-12", 1)
    assert swapped != TABLE5
    with pytest.raises(DataFormatError, match="out of sequence"):
        parse_mfh(swapped, source="slt_table5.txt")
    before = _state(stored)
    [report] = update(["holdings"], store=stored, fetcher=_fetcher(tmp_path / "sw", history, swapped),
                      baseline=None)
    assert report.status in ("partial", "unchanged", "failed")
    assert any("out of sequence" in e for e in report.errors)
    assert _state(stored) == before  # the history alone changed nothing


def test_issue4_negated_history_into_an_empty_store(tmp_path: Path, history: bytes) -> None:
    store = Store(tmp_path / "empty")
    bad = _map_numbers(history.replace(b"\r\n", b"\n"), lambda v: -v)
    fetcher = _fetcher(tmp_path, bad, _map_numbers(TABLE5, lambda v: -v))
    [report] = update(["holdings"], store=store, fetcher=fetcher, baseline=None)
    assert report.status == "failed" and "holdings" not in store, report.errors


def test_gates_pass_the_real_files(shared_data: Path) -> None:
    tidy = parse_mfh((shared_data / "tic/mfhhis01.txt").read_bytes())
    check("holdings", tidy)
    table5 = parse_mfh(TABLE5, source="slt_table5.txt")
    check("holdings", table5, tidy)  # the current table against the history: no revision flag needed


def test_gates_bound_jumps_and_accept_flagged_revisions(shared_data: Path) -> None:
    tidy = parse_mfh((shared_data / "tic/mfhhis01.txt").read_bytes())
    last = tidy["date"].max()
    jumped = tidy.copy()
    jumped.loc[(jumped["date"] == last) & (jumped["series_id"] == "Grand Total"), "value"] *= 1.5
    with pytest.raises(ImplausibleData, match="'jump' failed at series 'Grand Total', 2025-12-31"):
        check("holdings", jumped)
    revised = tidy[tidy["date"] == last].assign(value=lambda f: f["value"] * 1.2)
    with pytest.raises(ImplausibleData, match="revision"):
        check("holdings", revised, tidy)
    check("holdings", revised[revised["series_id"] != "Grand Total"], tidy, allow_revision=True)
    inf = tidy.head(3).assign(value=[1.0, float("inf"), 2.0])
    with pytest.raises(ImplausibleData, match="finite"):
        check("holdings", inf)
    with pytest.raises(ImplausibleData, match="range"):
        check("par_curve", pd.DataFrame({"date": [last], "series_id": ["10Y"], "value": [450.0],
                                         "unit": ["percent"]}))


# -- the download client -------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf"])
def test_issue15_retry_after_nan_is_ignored(tmp_path: Path, value: str) -> None:
    calls: list[int] = []
    waits: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) == 1:
            return httpx.Response(503, headers={"Retry-After": value})
        return httpx.Response(200, content=b"ok")

    fetcher = Fetcher(cache_folder=tmp_path, offline=False, transport=httpx.MockTransport(handler),
                      sleep=waits.append, max_attempts=2)
    assert fetcher.fetch("https://ticdata.treasury.gov/x.txt").content == b"ok"
    assert len(waits) == 1 and 0 <= waits[0] < 60  # the ordinary back-off, not nan


def test_issue15_cross_host_redirect_is_refused(tmp_path: Path) -> None:
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.host)
        if request.url.host == "ticdata.treasury.gov":
            return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data"})
        return httpx.Response(200, content=b"secret")

    fetcher = Fetcher(cache_folder=tmp_path, offline=False, transport=httpx.MockTransport(handler),
                      sleep=lambda s: None, max_attempts=1)
    with pytest.raises(FetchError, match="redirects to another host"):
        fetcher.fetch("https://ticdata.treasury.gov/x.txt")
    assert asked == ["ticdata.treasury.gov"]  # the other host was never asked


def test_same_host_redirect_is_followed(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old.txt":
            return httpx.Response(301, headers={"Location": "/new.txt"})
        return httpx.Response(200, content=b"moved")

    fetcher = Fetcher(cache_folder=tmp_path, offline=False, transport=httpx.MockTransport(handler),
                      sleep=lambda s: None, max_attempts=1)
    assert fetcher.fetch("https://ticdata.treasury.gov/old.txt").content == b"moved"
