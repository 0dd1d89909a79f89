"""The one HTTP client of the toolkit: timeouts, retries, a conditional disk cache, offline mode.

Every live connector downloads through :class:`Fetcher`, so the rules about the network live in
one place:

- **Timeouts** for connecting and reading, configurable per client.
- **Retries** with exponential backoff and jitter on connection errors, timeouts, truncated
  bodies, HTTP 429 and 5xx; a ``Retry-After`` header (seconds or an HTTP date) is honoured up to a
  cap. The sleep function and the random generator are injectable so tests never sleep.
- **Conditional requests.** A disk cache (default ``<cache dir>/http``, see
  :func:`treasury_leverage.data.paths.cache_dir`) keeps the last body of
  each URL with its ``ETag`` / ``Last-Modified``; the next request sends ``If-None-Match`` /
  ``If-Modified-Since`` and a ``304 Not Modified`` is answered from disk. Bodies and metadata are
  written atomically (temporary file + :func:`os.replace`), and the metadata records the body's
  SHA-256 so a body that does not match its metadata is ignored rather than trusted.
- **Offline mode** (``offline=True`` or the environment variable ``TLEV_OFFLINE`` set to ``1``,
  ``true`` or ``yes``): nothing is sent over the network. A URL already in the disk cache is
  served from it (``from_cache=True``); any other URL raises
  :class:`~treasury_leverage.errors.DataUnavailable` saying how to go online. Serving the cache
  keeps ``tlev`` usable on a plane after one online session, while never pretending to be fresh:
  the result's ``fetched_at`` is the time of the original download.
- **Checks.** A non-2xx status after the retries, an empty body or a body shorter than its
  ``Content-Length`` raise :class:`~treasury_leverage.errors.FetchError` naming the URL, the status
  and a hint.

Tests inject ``transport=httpx.MockTransport(handler)``; the network is never touched.
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import logging
import math
import os
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Final, Self

import httpx

from treasury_leverage import __version__
from treasury_leverage._atomic import atomic_write_bytes
from treasury_leverage.data.paths import cache_dir
from treasury_leverage.errors import DataUnavailable, FetchError

__all__ = [
    "OFFLINE_ENV",
    "RETRY_STATUSES",
    "USER_AGENT",
    "FetchResult",
    "Fetcher",
    "fetch",
    "offline_from_env",
]

_log = logging.getLogger(__name__)

#: Environment variable that switches the toolkit offline (values ``1``, ``true``, ``yes``).
OFFLINE_ENV: Final = "TLEV_OFFLINE"
_TRUE_WORDS: Final = frozenset({"1", "true", "yes"})
#: HTTP statuses worth retrying: rate limiting and server-side failures.
RETRY_STATUSES: Final = frozenset({429, *range(500, 600)})
# Redirects followed within one host (http -> https, a moved path) before giving up.
_MAX_REDIRECTS: Final = 5
#: Sent with every request, so publishers can see (and contact) who is downloading.
USER_AGENT: Final = (
    f"treasury-leverage/{__version__} "
    f"(+https://example.invalid/treasury-leverage; python-httpx/{httpx.__version__})"
)
# Query parameters whose values must never reach a log, an error message or the cache metadata.
_SECRET_PARAMS: Final = frozenset({"api_key", "apikey", "token", "key"})


def offline_from_env() -> bool:
    """Whether ``TLEV_OFFLINE`` asks for offline mode (``1``, ``true`` or ``yes``, any case)."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in _TRUE_WORDS


@dataclass(frozen=True, slots=True)
class FetchResult:
    """The body of one URL and where it came from.

    Attributes
    ----------
    url
        The URL requested, with secret query parameters (``api_key``...) masked.
    content
        The body as downloaded (bytes; parsers decode it).
    from_cache
        True when the body came from the disk cache (a ``304 Not Modified`` or offline mode).
    etag, last_modified
        The validators the server sent with this body, if any.
    fetched_at
        UTC time the server last confirmed this body: now for a download or a 304, the original
        download time when served offline from the cache.
    """

    url: str
    content: bytes
    from_cache: bool
    etag: str | None
    last_modified: str | None
    fetched_at: datetime

    @property
    def size_bytes(self) -> int:
        """Length of the body in bytes."""
        return len(self.content)


@dataclass(frozen=True, slots=True)
class _Cached:
    content: bytes
    etag: str | None
    last_modified: str | None
    fetched_at: datetime


class _RetryableError(Exception):
    """Internal: one attempt failed in a way worth retrying."""

    def __init__(self, reason: str, *, status: int | None = None, wait_s: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.wait_s = wait_s


def _redact(url: httpx.URL) -> str:
    """Mask secret query values so URLs can be shown and stored."""
    if not url.params:
        return str(url)
    params = [(k, "***" if k.lower() in _SECRET_PARAMS else v) for k, v in url.params.multi_items()]
    return str(url.copy_with(params=params))


def _hint(status: int) -> str:
    if status == 404:
        return (
            "the publisher may have moved or renamed the file; check the URL constant in "
            "treasury_leverage.data.sources"
        )
    if status in (401, 403):
        return "access was refused; for FRED check that FRED_API_KEY holds a valid key"
    if status == 429:
        return "the server is rate-limiting this machine; wait a few minutes and retry"
    if status >= 500:
        return "the publisher's server is failing; try again later (offline data still works)"
    return "the request was rejected; check the URL and parameters"


class Fetcher:
    """Download URLs with timeouts, retries, a conditional disk cache and an offline switch.

    Parameters
    ----------
    cache_folder
        Folder of the disk cache; ``None`` means ``<cache dir>/http`` where the cache dir is
        :func:`treasury_leverage.data.paths.cache_dir` (``$TLEV_HOME/cache`` or the platform's
        user cache folder). Created on first write.
    offline
        Never touch the network; ``None`` reads ``TLEV_OFFLINE``. Offline, cached URLs are served
        from disk and any other URL raises :class:`DataUnavailable`.
    transport
        An ``httpx`` transport to send requests through (tests pass ``httpx.MockTransport``).
    connect_timeout_s, read_timeout_s
        Seconds to wait for a connection, and between bytes of a response.
    max_attempts
        Attempts per URL, including the first (>= 1).
    backoff_base_s, backoff_cap_s
        Wait ``min(cap, base * 2**(n-1))`` before retry ``n``, jittered to between half and all of
        it, so many clients retrying together spread out.
    retry_after_cap_s
        Longest wait honoured from a server's ``Retry-After`` header.
    sleep
        Function called with the seconds to wait between attempts (tests pass a recorder).
    rng
        Random generator for the jitter (seed it for reproducible waits).
    now
        Function returning the current UTC time (to read HTTP-date ``Retry-After`` values).
    headers
        Extra request headers sent with every request.

    Examples
    --------
    >>> with Fetcher() as fetcher:  # doctest: +SKIP
    ...     result = fetcher.fetch("https://fred.stlouisfed.org/graph/fredgraph.csv",
    ...                            params={"id": "DGS10"})
    """

    def __init__(
        self,
        *,
        cache_folder: Path | str | None = None,
        offline: bool | None = None,
        transport: httpx.BaseTransport | None = None,
        connect_timeout_s: float = 10.0,
        read_timeout_s: float = 60.0,
        max_attempts: int = 4,
        backoff_base_s: float = 1.0,
        backoff_cap_s: float = 30.0,
        retry_after_cap_s: float = 120.0,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        now: Callable[[], datetime] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, got {max_attempts}")
        if connect_timeout_s <= 0 or read_timeout_s <= 0:
            raise ValueError(
                f"timeouts must be positive, got connect={connect_timeout_s} read={read_timeout_s}"
            )
        self.cache_folder = Path(cache_folder) if cache_folder is not None else cache_dir() / "http"
        self.offline = offline_from_env() if offline is None else bool(offline)
        self.max_attempts = max_attempts
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        self.retry_after_cap_s = retry_after_cap_s
        self._sleep = sleep
        self._rng = rng if rng is not None else random.Random()
        self._now = now if now is not None else (lambda: datetime.now(UTC))
        self._transport = transport
        self._headers = {"User-Agent": USER_AGENT, **dict(headers or {})}
        self._timeout = httpx.Timeout(read_timeout_s, connect=connect_timeout_s)
        self._client: httpx.Client | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def _http(self) -> httpx.Client:
        # Created lazily so an offline Fetcher never builds a connection pool.
        if self._client is None:
            self._client = httpx.Client(
                transport=self._transport,
                timeout=self._timeout,
                headers=self._headers,
                follow_redirects=False,  # followed by _attempt, on the same host only
            )
        return self._client

    def close(self) -> None:
        """Close the underlying connection pool (safe to call twice)."""
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- public ------------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        params: Mapping[str, str | int | float] | None = None,
        use_cache: bool = True,
    ) -> FetchResult:
        """Download ``url`` (with query ``params``), revalidating against the disk cache.

        Parameters
        ----------
        url
            Absolute ``http(s)`` URL.
        params
            Query parameters appended to ``url`` (secret ones such as ``api_key`` are masked in
            messages and cache metadata, but are part of the cache key).
        use_cache
            Read and write the disk cache (conditional request, 304 served from disk). With
            ``False`` the request is unconditional and nothing is stored.

        Returns
        -------
        FetchResult

        Raises
        ------
        DataUnavailable
            Offline and the URL is not in the disk cache.
        FetchError
            Non-2xx status after the retries, a network failure or timeout on every attempt, an
            empty body, or a body shorter than its ``Content-Length``.
        """
        full = httpx.URL(url, params=dict(params)) if params else httpx.URL(url)
        shown = _redact(full)
        key = hashlib.sha256(str(full).encode("utf-8")).hexdigest()
        cached = self._load(key) if use_cache else None

        if self.offline:
            if cached is not None:
                return FetchResult(
                    shown,
                    cached.content,
                    True,
                    cached.etag,
                    cached.last_modified,
                    cached.fetched_at,
                )
            raise DataUnavailable(
                f"treasury-leverage is offline ({OFFLINE_ENV}=1 or offline=True) and {shown} is "
                f"not in the download cache {self.cache_folder}; to go online unset {OFFLINE_ENV} "
                "(or set it to 0) or pass offline=False"
            )

        conditional: dict[str, str] = {}
        if cached is not None:
            if cached.etag:
                conditional["If-None-Match"] = cached.etag
            if cached.last_modified:
                conditional["If-Modified-Since"] = cached.last_modified

        response = self._send_with_retries(full, shown, conditional)
        fetched_at = self._now()

        if response.status_code == 304:
            if cached is None:
                raise FetchError(
                    f"GET {shown} answered 304 Not Modified to an unconditional request; "
                    "expected the file (retry with use_cache=False)"
                )
            return FetchResult(
                shown,
                cached.content,
                True,
                response.headers.get("ETag", cached.etag),
                response.headers.get("Last-Modified", cached.last_modified),
                fetched_at,
            )

        content = response.content
        if not content:
            raise FetchError(
                f"GET {shown} returned status {response.status_code} with an empty body; "
                "expected the published file (the publisher may be mid-update; retry later)"
            )
        result = FetchResult(
            shown,
            content,
            False,
            response.headers.get("ETag"),
            response.headers.get("Last-Modified"),
            fetched_at,
        )
        if use_cache:
            self._store(key, result)
        return result

    # -- retries -----------------------------------------------------------------------------

    def _send_with_retries(
        self, full: httpx.URL, shown: str, conditional: Mapping[str, str]
    ) -> httpx.Response:
        last: _RetryableError | None = None
        for attempt in range(1, self.max_attempts + 1):
            try:
                return self._attempt(full, shown, conditional)
            except _RetryableError as exc:
                last = exc
                if attempt == self.max_attempts:
                    break
                wait_s = exc.wait_s if exc.wait_s is not None else self._backoff_s(attempt)
                _log.info(
                    "GET %s failed (%s); retry %d/%d in %.1f s",
                    shown,
                    exc.reason,
                    attempt,
                    self.max_attempts - 1,
                    wait_s,
                )
                self._sleep(wait_s)
        assert last is not None  # the loop ran at least once
        status = f"status {last.status}" if last.status is not None else "no HTTP status"
        hint = (
            _hint(last.status)
            if last.status is not None
            else ("check the network connection, or set TLEV_OFFLINE=1 to use local data only")
        )
        raise FetchError(
            f"GET {shown} failed after {self.max_attempts} attempt(s) ({status}: {last.reason}); {hint}"
        )

    def _attempt(self, full: httpx.URL, shown: str, conditional: Mapping[str, str]) -> httpx.Response:
        try:
            response = self._get_same_host(full, shown, conditional)
        except httpx.TimeoutException as exc:
            raise _RetryableError(f"timed out ({type(exc).__name__})") from exc
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            # RemoteProtocolError is what h11 raises when the peer closes mid-body.
            raise _RetryableError(f"{type(exc).__name__}: {exc}") from exc
        except httpx.HTTPError as exc:  # bad URL scheme, too many redirects...: not transient
            raise FetchError(f"GET {shown} failed: {type(exc).__name__}: {exc}") from exc

        status = response.status_code
        if status in RETRY_STATUSES:
            raise _RetryableError(
                f"HTTP {status} {response.reason_phrase}".rstrip(),
                status=status,
                wait_s=self._retry_after_s(response.headers.get("Retry-After")),
            )
        if status == 304:
            return response
        if not 200 <= status < 300:
            raise FetchError(
                f"GET {shown} returned status {status} {response.reason_phrase}".rstrip()
                + f"; {_hint(status)}"
            )
        self._check_length(response, shown)
        return response

    def _get_same_host(self, full: httpx.URL, shown: str, conditional: Mapping[str, str]) -> httpx.Response:
        """GET, following redirects only within the publisher's host (http -> https allowed).

        A redirect to another host is refused: the data would come from someone the catalog
        does not name (and the redirect could point into the local network).
        """
        url = full
        for _ in range(_MAX_REDIRECTS + 1):
            response = self._http().get(url, headers=dict(conditional))
            if not response.has_redirect_location:
                return response
            target = url.join(response.headers["Location"])
            if target.host != full.host or target.scheme not in ("http", "https"):
                response.close()
                raise FetchError(
                    f"GET {shown} redirects to another host ({target.scheme}://{target.host}); "
                    "refused: data are only taken from the publisher named in the catalog")
            response.close()
            url = target
        raise FetchError(f"GET {shown} redirected more than {_MAX_REDIRECTS} times; refused")

    def _check_length(self, response: httpx.Response, shown: str) -> None:
        declared = response.headers.get("Content-Length")
        if declared is None:
            return
        try:
            expected = int(declared)
        except ValueError:
            return  # a malformed header says nothing about the body
        encoded = response.headers.get("Content-Encoding", "identity").lower() not in (
            "identity",
            "",
        )
        # Content-Length counts the bytes on the wire: compare with what was downloaded, or with
        # the body itself when it was not compressed (a mock transport reports 0 downloaded).
        received = response.num_bytes_downloaded
        if received == 0 and not encoded:
            received = len(response.content)
        if received and received < expected:
            raise _RetryableError(
                f"truncated body: Content-Length {expected} but {received} bytes received",
                status=response.status_code,
            )
        if received > expected and not encoded:
            raise _RetryableError(
                f"body longer than Content-Length ({received} > {expected} bytes)",
                status=response.status_code,
            )

    def _backoff_s(self, attempt: int) -> float:
        full = min(self.backoff_cap_s, self.backoff_base_s * 2 ** (attempt - 1))
        return full / 2 + self._rng.uniform(0.0, full / 2)

    def _retry_after_s(self, value: str | None) -> float | None:
        if not value:
            return None
        value = value.strip()
        try:
            seconds = float(value)
        except ValueError:
            try:
                when = email.utils.parsedate_to_datetime(value)
            except (TypeError, ValueError, IndexError):
                return None
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            seconds = (when - self._now()).total_seconds()
        if not math.isfinite(seconds):  # "nan" and "inf" parse as floats but say nothing
            return None
        return min(max(seconds, 0.0), self.retry_after_cap_s)

    # -- disk cache --------------------------------------------------------------------------

    def _paths(self, key: str) -> tuple[Path, Path]:
        return self.cache_folder / f"{key}.body", self.cache_folder / f"{key}.json"

    def _load(self, key: str) -> _Cached | None:
        body_path, meta_path = self._paths(key)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            content = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or hashlib.sha256(content).hexdigest() != meta.get("sha256"):
            # A body that does not match its metadata (interrupted write, edited file) is ignored.
            _log.warning("ignoring inconsistent cache entry %s", body_path)
            return None
        try:
            fetched_at = datetime.fromisoformat(str(meta["fetched_at"]))
        except (KeyError, ValueError):
            return None
        return _Cached(content, meta.get("etag"), meta.get("last_modified"), fetched_at)

    def _store(self, key: str, result: FetchResult) -> None:
        body_path, meta_path = self._paths(key)
        meta: dict[str, Any] = {
            "url": result.url,
            "etag": result.etag,
            "last_modified": result.last_modified,
            "fetched_at": result.fetched_at.isoformat(),
            "size_bytes": len(result.content),
            "sha256": hashlib.sha256(result.content).hexdigest(),
        }
        try:
            self.cache_folder.mkdir(parents=True, exist_ok=True)
            # Body first, then metadata: if the second replace fails, the metadata's checksum no
            # longer matches the body and the entry is ignored, never served with stale validators.
            atomic_write_bytes(body_path, result.content)
            atomic_write_bytes(meta_path, json.dumps(meta, indent=1).encode("utf-8"))
        except OSError as exc:
            # The download itself succeeded; a cache we cannot write only costs a re-download.
            _log.warning("could not write the download cache for %s: %s", result.url, exc)


def fetch(
    url: str,
    *,
    params: Mapping[str, str | int | float] | None = None,
    offline: bool | None = None,
    transport: httpx.BaseTransport | None = None,
) -> FetchResult:
    """Download one URL with a short-lived :class:`Fetcher` (convenience over the explicit client).

    Parameters
    ----------
    url, params
        What to download; see :meth:`Fetcher.fetch`.
    offline, transport
        Passed to :class:`Fetcher`.
    """
    with Fetcher(offline=offline, transport=transport) as fetcher:
        return fetcher.fetch(url, params=params)
