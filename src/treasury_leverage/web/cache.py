"""A small cache of finished JSON answers, keyed by route, arguments and data vintage.

Every answer the cached routes give is a pure function of the request's arguments (a scenario's
spec includes its seed), the data served and the settings: the same request on the same data
gets the same bytes. So the server keeps the encoded answers of the last requests (an LRU bounded
in bytes and entries) and answers a repeat without computing: the dashboard's default view, a
user flipping back to a view, a client polling the same scenario.

The key holds a *vintage token*: the package version, the vintage files of every catalogued
dataset and the settings (presets may be overridden in the config file). A data refresh
(``tlev data update``) or a config change gives another token, so answers of the old data are
never served for the new ones; the token is re-read at most every :data:`VINTAGE_TTL_S` seconds
(reading it costs a few milliseconds), so a refresh is seen within that time.

Only successful answers are kept; errors are recomputed (they are cheap and may depend on the
server's limits).
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["VINTAGE_TTL_S", "CacheStats", "ResponseCache", "encode_json", "vintage_token"]

#: Seconds a vintage token is trusted before it is read again.
VINTAGE_TTL_S: Final = 2.0
#: Bytes of encoded answers kept (a scenario with its chart is ~17 KB, a flows chart ~100 KB).
DEFAULT_MAX_BYTES: Final = 64 << 20
#: Answers kept, whatever their size.
DEFAULT_MAX_ENTRIES: Final = 512


def encode_json(value: Any) -> bytes:
    """``value`` as compact UTF-8 JSON, as Starlette's ``JSONResponse`` encodes it (no NaN)."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None,
                      separators=(",", ":")).encode("utf-8")


def vintage_token() -> str:
    """A short hash of what every cached answer depends on besides its arguments.

    The package version, each catalogued dataset's origin and vintage files
    (:func:`treasury_leverage.data.api.dataset_key`) and the current settings.
    """
    from importlib.metadata import PackageNotFoundError, version

    from treasury_leverage.data.api import dataset_key
    from treasury_leverage.data.catalog import CATALOG
    from treasury_leverage.errors import DataUnavailable
    from treasury_leverage.settings import get_settings

    try:
        parts: list[Any] = [version("treasury-leverage")]
    except PackageNotFoundError:
        parts = ["unknown"]
    for name in sorted(CATALOG):
        try:
            parts.append(dataset_key(name))
        except DataUnavailable:
            parts.append((name, "missing"))
    parts.append(get_settings().model_dump_json())
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


@dataclass
class CacheStats:
    """Counters of a :class:`ResponseCache` (for tests and the benchmarks)."""

    hits: int = 0
    misses: int = 0
    stored: int = 0
    evicted: int = 0


class ResponseCache:
    """An LRU of encoded answers, bounded in bytes and entries; thread-safe.

    Parameters
    ----------
    max_bytes, max_entries
        Bounds of what is kept; the least recently used answers go first. ``max_entries=0``
        turns the cache off (every lookup misses, nothing is stored).
    token
        The vintage token function (:func:`vintage_token`; tests pass their own).
    ttl_s
        Seconds a token is trusted before ``token`` is called again.
    """

    def __init__(self, *, max_bytes: int = DEFAULT_MAX_BYTES, max_entries: int = DEFAULT_MAX_ENTRIES,
                 token: Callable[[], str] = vintage_token, ttl_s: float = VINTAGE_TTL_S) -> None:
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self.stats = CacheStats()
        self._token_fn = token
        self._ttl_s = ttl_s
        self._token: str | None = None
        self._token_at = 0.0
        self._lock = threading.Lock()
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._bytes = 0

    @property
    def enabled(self) -> bool:
        """Whether anything is kept at all."""
        return self.max_entries > 0 and self.max_bytes > 0

    def token(self) -> str:
        """The current vintage token (re-read when older than the TTL)."""
        now = time.monotonic()
        if self._token is None or now - self._token_at > self._ttl_s:
            self._token = self._token_fn()
            self._token_at = now
        return self._token

    def token_is_fresh(self) -> bool:
        """Whether :meth:`token` would answer without reading the data's vintages."""
        return self._token is not None and time.monotonic() - self._token_at <= self._ttl_s

    def key(self, route: str, *args: Any) -> str:
        """The key of ``route`` called with ``args`` (JSON-able values) on the current data."""
        text = json.dumps([route, self.token(), *args], sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        """The answer kept under ``key`` (now the most recently used), or None."""
        with self._lock:
            body = self._items.get(key)
            if body is None:
                self.stats.misses += 1
                return None
            self._items.move_to_end(key)
            self.stats.hits += 1
            return body

    def put(self, key: str, body: bytes) -> None:
        """Keep ``body`` under ``key``, dropping the least recently used answers beyond the bounds."""
        if not self.enabled or len(body) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old)
            self._items[key] = body
            self._bytes += len(body)
            self.stats.stored += 1
            while self._items and (len(self._items) > self.max_entries or self._bytes > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped)
                self.stats.evicted += 1

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)

    @property
    def size_bytes(self) -> int:
        """Bytes of the answers kept."""
        return self._bytes
