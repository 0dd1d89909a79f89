"""The HTTP client: retries, Retry-After, conditional disk cache, offline mode, body checks.

Every test drives :class:`Fetcher` through ``httpx.MockTransport``; nothing touches the network
and nothing sleeps (the sleep function is a recorder).
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from treasury_leverage import __version__
from treasury_leverage.data import client as client_mod
from treasury_leverage.data.client import Fetcher, FetchResult, offline_from_env
from treasury_leverage.data.paths import cache_dir
from treasury_leverage.errors import DataUnavailable, FetchError

URL = "https://example.test/data/file.csv"
BODY = b"date,value\n2024-01-02,3.95\n"
NOW = datetime(2025, 7, 1, 12, 0, 0, tzinfo=UTC)

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A transport handler that plays a script of responses and records requests."""

    def __init__(self, *script: httpx.Response | BaseException | Handler) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.script.pop(0) if len(self.script) > 1 else self.script[0]
        if isinstance(step, BaseException):
            raise step
        if isinstance(step, httpx.Response):
            return step
        return step(request)


def make_fetcher(
    handler: Handler, tmp_path: Path, *, sleeps: list[float] | None = None, **kw: object
) -> Fetcher:
    recorded = sleeps if sleeps is not None else []
    options: dict[str, object] = {
        "cache_folder": tmp_path / "http",
        "offline": False,
        "transport": httpx.MockTransport(handler),
        "sleep": recorded.append,
        "rng": random.Random(0),
        "now": lambda: NOW,
        "max_attempts": 4,
        "backoff_base_s": 1.0,
        "backoff_cap_s": 30.0,
    }
    options.update(kw)
    return Fetcher(**options)  # type: ignore[arg-type]


def ok(body: bytes = BODY, *, ETag: str | None = None, modified: str | None = None) -> httpx.Response:
    headers = {"ETag": ETag} if ETag else {}
    if modified:
        headers["Last-Modified"] = modified
    return httpx.Response(200, content=body, headers=headers)


# -- retries -----------------------------------------------------------------------------------


def test_retry_then_success_backs_off_exponentially_with_jitter(tmp_path: Path) -> None:
    handler = Recorder(httpx.Response(503), httpx.Response(502), ok())
    sleeps: list[float] = []
    result = make_fetcher(handler, tmp_path, sleeps=sleeps).fetch(URL)

    assert isinstance(result, FetchResult)
    assert result.content == BODY
    assert result.from_cache is False
    assert result.fetched_at == NOW
    assert len(handler.requests) == 3
    # Retry n waits between half and all of base * 2**(n-1): [0.5, 1] then [1, 2].
    assert len(sleeps) == 2
    assert 0.5 <= sleeps[0] <= 1.0
    assert 1.0 <= sleeps[1] <= 2.0


def test_jitter_is_reproducible_with_a_seeded_rng(tmp_path: Path) -> None:
    runs = []
    for _ in range(2):
        sleeps: list[float] = []
        handler = Recorder(httpx.Response(500), httpx.Response(500), ok())
        make_fetcher(handler, tmp_path, sleeps=sleeps, rng=random.Random(42)).fetch(URL)
        runs.append(sleeps)
    assert runs[0] == runs[1]


def test_backoff_is_capped(tmp_path: Path) -> None:
    sleeps: list[float] = []
    handler = Recorder(httpx.Response(500))
    fetcher = make_fetcher(
        handler, tmp_path, sleeps=sleeps, max_attempts=8, backoff_base_s=1.0, backoff_cap_s=4.0
    )
    with pytest.raises(FetchError):
        fetcher.fetch(URL)
    assert len(sleeps) == 7
    assert all(s <= 4.0 for s in sleeps)
    assert all(s >= 2.0 for s in sleeps[2:])  # from retry 3 on the full wait is the cap


def test_retry_after_seconds_and_http_date_are_honoured(tmp_path: Path) -> None:
    later = format_datetime(NOW + timedelta(seconds=30), usegmt=True)
    handler = Recorder(
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(503, headers={"Retry-After": later}),
        ok(),
    )
    sleeps: list[float] = []
    result = make_fetcher(handler, tmp_path, sleeps=sleeps).fetch(URL)
    assert result.content == BODY
    assert sleeps == [7.0, 30.0]


def test_retry_after_is_capped_and_never_negative(tmp_path: Path) -> None:
    past = format_datetime(NOW - timedelta(hours=1), usegmt=True)
    handler = Recorder(
        httpx.Response(429, headers={"Retry-After": "86400"}),
        httpx.Response(503, headers={"Retry-After": past}),
        ok(),
    )
    sleeps: list[float] = []
    make_fetcher(handler, tmp_path, sleeps=sleeps, retry_after_cap_s=60.0).fetch(URL)
    assert sleeps == [60.0, 0.0]


def test_gives_up_after_max_attempts_naming_url_and_status(tmp_path: Path) -> None:
    handler = Recorder(httpx.Response(500))
    sleeps: list[float] = []
    fetcher = make_fetcher(handler, tmp_path, sleeps=sleeps, max_attempts=3)
    with pytest.raises(FetchError) as info:
        fetcher.fetch(URL)
    message = str(info.value)
    assert URL in message
    assert "500" in message
    assert "3 attempt" in message
    assert "try again later" in message  # the hint
    assert len(handler.requests) == 3
    assert len(sleeps) == 2


def test_client_errors_are_not_retried_and_carry_a_hint(tmp_path: Path) -> None:
    handler = Recorder(httpx.Response(404))
    sleeps: list[float] = []
    with pytest.raises(FetchError, match=r"404.*moved"):
        make_fetcher(handler, tmp_path, sleeps=sleeps).fetch(URL)
    assert len(handler.requests) == 1
    assert sleeps == []


def test_timeout_is_retried_then_fails(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("read timed out", request=request)

    calls: list[httpx.Request] = []
    sleeps: list[float] = []
    with pytest.raises(FetchError, match="timed out") as info:
        make_fetcher(handler, tmp_path, sleeps=sleeps, max_attempts=3).fetch(URL)
    assert URL in str(info.value)
    assert len(calls) == 3
    assert len(sleeps) == 2


def test_connect_error_then_success(tmp_path: Path) -> None:
    request = httpx.Request("GET", URL)
    handler = Recorder(httpx.ConnectError("connection refused", request=request), ok())
    result = make_fetcher(handler, tmp_path).fetch(URL)
    assert result.content == BODY
    assert len(handler.requests) == 2


# -- body checks -------------------------------------------------------------------------------


def test_empty_body_is_an_error(tmp_path: Path) -> None:
    handler = Recorder(httpx.Response(200, content=b""))
    with pytest.raises(FetchError, match="empty body") as info:
        make_fetcher(handler, tmp_path).fetch(URL)
    assert URL in str(info.value)


def test_truncated_body_is_retried_then_an_error(tmp_path: Path) -> None:
    def truncated(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=BODY[:10], headers={"Content-Length": str(len(BODY))})

    handler = Recorder(truncated)
    with pytest.raises(FetchError, match="truncated") as info:
        make_fetcher(handler, tmp_path, max_attempts=2).fetch(URL)
    assert f"Content-Length {len(BODY)}" in str(info.value)
    assert len(handler.requests) == 2
    assert not (tmp_path / "http").exists() or not any((tmp_path / "http").iterdir())


def test_truncated_then_complete_body_succeeds(tmp_path: Path) -> None:
    bad = httpx.Response(200, content=BODY[:5], headers={"Content-Length": str(len(BODY))})
    handler = Recorder(bad, ok())
    assert make_fetcher(handler, tmp_path).fetch(URL).content == BODY


# -- conditional requests and the disk cache ---------------------------------------------------


def test_etag_sent_on_second_request_and_304_serves_cached_body(tmp_path: Path) -> None:
    modified = "Tue, 01 Jul 2025 10:00:00 GMT"
    handler = Recorder(
        ok(ETag='"v1"', modified=modified),
        httpx.Response(304, headers={"ETag": '"v1"'}),
    )
    fetcher = make_fetcher(handler, tmp_path)

    first = fetcher.fetch(URL)
    assert first.from_cache is False
    assert first.etag == '"v1"'
    assert "If-None-Match" not in handler.requests[0].headers

    second = fetcher.fetch(URL)
    sent = handler.requests[1].headers
    assert sent["If-None-Match"] == '"v1"'
    assert sent["If-Modified-Since"] == modified
    assert second.from_cache is True
    assert second.content == BODY
    assert second.last_modified == modified


def test_changed_file_replaces_cache_entry(tmp_path: Path) -> None:
    body2 = b"date,value\n2024-01-03,3.91\n"
    handler = Recorder(ok(ETag='"v1"'), ok(body2, ETag='"v2"'), httpx.Response(304))
    fetcher = make_fetcher(handler, tmp_path)
    fetcher.fetch(URL)
    second = fetcher.fetch(URL)
    assert second.content == body2
    assert second.from_cache is False
    third = fetcher.fetch(URL)
    assert handler.requests[2].headers["If-None-Match"] == '"v2"'
    assert third.content == body2


def test_cache_files_are_named_by_url_hash_with_metadata_beside(tmp_path: Path) -> None:
    handler = Recorder(ok(ETag='"v1"'))
    make_fetcher(handler, tmp_path).fetch(URL)
    files = sorted(p.name for p in (tmp_path / "http").iterdir())
    assert len(files) == 2
    stem = files[0].split(".")[0]
    assert files == [f"{stem}.body", f"{stem}.json"]
    assert len(stem) == 64 and all(c in "0123456789abcdef" for c in stem)
    meta = json.loads((tmp_path / "http" / f"{stem}.json").read_text())
    assert meta["url"] == URL
    assert meta["etag"] == '"v1"'
    assert meta["size_bytes"] == len(BODY)
    assert (tmp_path / "http" / f"{stem}.body").read_bytes() == BODY


def test_use_cache_false_sends_unconditional_request_and_stores_nothing(tmp_path: Path) -> None:
    handler = Recorder(ok(ETag='"v1"'))
    fetcher = make_fetcher(handler, tmp_path)
    fetcher.fetch(URL)
    fetcher.fetch(URL, use_cache=False)
    assert "If-None-Match" not in handler.requests[1].headers


def test_query_params_are_part_of_the_cache_key(tmp_path: Path) -> None:
    def echo(request: httpx.Request) -> httpx.Response:
        return ok(request.url.params["id"].encode(), ETag=f'"{request.url.params["id"]}"')

    handler = Recorder(echo)
    fetcher = make_fetcher(handler, tmp_path)
    assert fetcher.fetch(URL, params={"id": "DGS10"}).content == b"DGS10"
    assert fetcher.fetch(URL, params={"id": "DGS30"}).content == b"DGS30"
    assert "If-None-Match" not in handler.requests[1].headers
    assert len(list((tmp_path / "http").glob("*.body"))) == 2


def test_api_key_never_reaches_messages_or_cache_metadata(tmp_path: Path) -> None:
    handler = Recorder(ok(), httpx.Response(403))
    fetcher = make_fetcher(handler, tmp_path)
    params = {"series_id": "DGS10", "api_key": "SECRET123", "file_type": "json"}
    result = fetcher.fetch(URL, params=params)
    assert handler.requests[0].url.params["api_key"] == "SECRET123"  # it is sent
    assert "SECRET123" not in result.url
    assert "series_id=DGS10" in result.url
    for meta in (tmp_path / "http").glob("*.json"):
        assert "SECRET123" not in meta.read_text()
    with pytest.raises(FetchError) as info:
        fetcher.fetch(URL, params=params)
    assert "SECRET123" not in str(info.value)
    assert "FRED_API_KEY" in str(info.value)


def test_cache_write_is_atomic_when_replace_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body2 = b"date,value\n2024-01-03,3.91\n"
    handler = Recorder(ok(ETag='"v1"'), ok(body2, ETag='"v2"'))
    fetcher = make_fetcher(handler, tmp_path)
    fetcher.fetch(URL)
    folder = tmp_path / "http"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = fetcher.fetch(URL)
    monkeypatch.undo()

    # The download succeeded and is returned; the cache is exactly as before, no temp files left.
    assert result.content == body2
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert after == before
    # ...and the previous entry still serves offline.
    offline = make_fetcher(Recorder(httpx.Response(500)), tmp_path, offline=True)
    cached = offline.fetch(URL)
    assert cached.content == BODY
    assert cached.etag == '"v1"'


def test_body_replaced_but_metadata_not_is_never_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    body2 = b"date,value\n2024-01-03,3.91\n"
    handler = Recorder(ok(ETag='"v1"'), ok(body2, ETag='"v2"'), ok(body2, ETag='"v2"'))
    fetcher = make_fetcher(handler, tmp_path)
    fetcher.fetch(URL)

    real_replace = os.replace

    def replace_body_only(src: str, dst: str) -> None:
        if str(dst).endswith(".json"):
            raise OSError(5, "I/O error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_body_only)
    fetcher.fetch(URL)
    monkeypatch.undo()

    # New body beside old metadata: the checksum disagrees, so the entry is treated as absent
    # (no conditional request with the stale ETag, nothing served offline).
    fetcher.fetch(URL)
    assert "If-None-Match" not in handler.requests[2].headers
    leftovers = [p for p in (tmp_path / "http").iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


# -- offline mode ------------------------------------------------------------------------------


def test_offline_never_calls_the_transport(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("offline fetcher touched the transport")

    fetcher = make_fetcher(handler, tmp_path, offline=True)
    with pytest.raises(DataUnavailable, match="offline") as info:
        fetcher.fetch(URL)
    assert not isinstance(info.value, FetchError)
    assert "TLEV_OFFLINE" in str(info.value)
    assert "offline=False" in str(info.value)
    assert URL in str(info.value)


def test_offline_serves_the_disk_cache_with_its_download_time(tmp_path: Path) -> None:
    make_fetcher(Recorder(ok(ETag='"v1"')), tmp_path).fetch(URL)

    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("offline fetcher touched the transport")

    later = NOW + timedelta(days=3)
    result = make_fetcher(handler, tmp_path, offline=True, now=lambda: later).fetch(URL)
    assert result.from_cache is True
    assert result.content == BODY
    assert result.fetched_at == NOW  # when it was downloaded, not now


def test_offline_default_comes_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in [("1", True), ("TRUE", True), ("yes", True), ("0", False), ("", False)]:
        monkeypatch.setenv("TLEV_OFFLINE", value)
        assert offline_from_env() is expected
        assert Fetcher(cache_folder=tmp_path).offline is expected
    monkeypatch.delenv("TLEV_OFFLINE")
    assert Fetcher(cache_folder=tmp_path).offline is False
    assert Fetcher(cache_folder=tmp_path, offline=True).offline is True


# -- identity and configuration ----------------------------------------------------------------


def test_user_agent_names_toolkit_and_version(tmp_path: Path) -> None:
    handler = Recorder(ok())
    make_fetcher(handler, tmp_path).fetch(URL)
    assert f"treasury-leverage/{__version__}" in handler.requests[0].headers["User-Agent"]


def test_timeouts_are_configured(tmp_path: Path) -> None:
    handler = Recorder(ok())
    fetcher = make_fetcher(handler, tmp_path, connect_timeout_s=3.0, read_timeout_s=45.0)
    fetcher.fetch(URL)
    timeout = handler.requests[0].extensions["timeout"]
    assert timeout["connect"] == 3.0
    assert timeout["read"] == 45.0


def test_invalid_configuration_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_attempts"):
        Fetcher(cache_folder=tmp_path, max_attempts=0)
    with pytest.raises(ValueError, match="timeouts"):
        Fetcher(cache_folder=tmp_path, read_timeout_s=0)


def test_cache_dir_follows_tlev_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLEV_HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / "cache"
    assert Fetcher().cache_folder == tmp_path / "home" / "cache" / "http"
    monkeypatch.delenv("TLEV_HOME")
    import platformdirs

    assert cache_dir() == Path(platformdirs.user_cache_dir("treasury-leverage"))


def test_public_names() -> None:
    assert set(client_mod.__all__) == {
        "OFFLINE_ENV",
        "RETRY_STATUSES",
        "USER_AGENT",
        "FetchResult",
        "Fetcher",
        "fetch",
        "offline_from_env",
    }
