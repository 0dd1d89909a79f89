"""What one request may cost the server: draws, sweep sizes, body size, time, concurrency.

The web face runs the toolkit's numerical code on behalf of anyone who can reach the port, so
every request is bounded: Monte Carlo draws and sweep cells are capped in the OpenAPI schema
itself (so a client sees the bound before sending), request bodies larger than
:attr:`Limits.max_body_bytes` are refused with 413 before they are read in full, and the
blocking work runs in a bounded thread pool under a wall-clock timeout (503 when exceeded).
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["BodySizeLimit", "Limits", "RequestTimeout", "ServerBusy", "run_blocking"]

T = TypeVar("T")


@dataclass(frozen=True)
class Limits:
    """Per-request bounds of the web API.

    Attributes
    ----------
    max_draws
        Largest number of Monte Carlo (parameter) draws a request may ask for.
    max_sweep_cells
        Largest number of scenario cells one request may run (models x actors for a scenario,
        models compared for an impact request).
    max_body_bytes
        Largest request body (bytes); larger bodies get 413.
    timeout_s
        Wall-clock seconds a request's computation may take (waiting for a slot included);
        beyond it the client gets 503. Python threads cannot be killed: a timed-out computation
        is abandoned, not stopped; it frees its slot but still counts as running until it
        returns (see ``max_concurrent``).
    max_concurrent
        Computations running at once for live requests; further requests wait for a slot
        (inside the timeout). While abandoned computations still run, the total running is
        capped at twice this number: beyond it new requests get 503 at once ("busy").
    """

    max_draws: int = 100_000
    max_sweep_cells: int = 64
    max_body_bytes: int = 64 * 1024
    timeout_s: float = 30.0
    max_concurrent: int = 4

    def __post_init__(self) -> None:
        for name in ("max_draws", "max_sweep_cells", "max_body_bytes", "max_concurrent"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"Limits.{name} must be at least 1, got {getattr(self, name)!r}")
        if not self.timeout_s > 0:
            raise ValueError(f"Limits.timeout_s must be positive, got {self.timeout_s!r}")


class RequestTimeout(Exception):
    """A request's computation took longer than :attr:`Limits.timeout_s`."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"the computation took longer than the server's limit of {seconds:g} s; "
                         "ask for fewer draws or a shorter window")


class ServerBusy(Exception):
    """Too many computations still running (timed-out ones included) to start another."""

    def __init__(self, running: int) -> None:
        self.running = running
        super().__init__(f"the server is busy with {running} computations (some from timed-out requests); "
                         "retry in a few seconds")


class _Pool:
    """A capacity limiter (created lazily inside the running event loop) and a count of the
    computations actually running in threads, abandoned ones included."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.running = 0
        self._lock = threading.Lock()
        self._limiter: anyio.CapacityLimiter | None = None

    def wrap(self, call: Callable[[], T]) -> Callable[[], T]:
        """``call`` counted in :attr:`running` while it executes (in its worker thread)."""

        def counted() -> T:
            with self._lock:
                self.running += 1
            try:
                return call()
            finally:
                with self._lock:
                    self.running -= 1

        return counted

    def limiter(self) -> anyio.CapacityLimiter:
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.size)
        return self._limiter


async def run_blocking(limits: Limits, pool: _Pool, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run blocking ``fn(*args, **kwargs)`` in the worker pool under the request timeout.

    Raises
    ------
    RequestTimeout
        If waiting for a slot plus the computation exceed ``limits.timeout_s``.
    ServerBusy
        If abandoned and live computations together already reach ``2 * max_concurrent``.
    """
    if pool.running >= 2 * pool.size:
        raise ServerBusy(pool.running)
    call = pool.wrap(functools.partial(fn, *args, **kwargs))
    try:
        with anyio.fail_after(limits.timeout_s):
            return await anyio.to_thread.run_sync(call, abandon_on_cancel=True, limiter=pool.limiter())
    except TimeoutError:
        raise RequestTimeout(limits.timeout_s) from None


class BodySizeLimit:
    """ASGI middleware: refuse request bodies larger than ``max_bytes`` with 413.

    A declared ``Content-Length`` above the limit is refused before anything is read; a chunked
    body is counted as it arrives and refused as soon as it passes the limit.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                too_big = False
            if too_big:
                await self._refuse(send)
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    # An HTTPException passes through FastAPI's body parsing (which turns
                    # other errors into 400) and becomes the 413 response.
                    raise HTTPException(413, detail=self._message())
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await self._refuse(send)

    def _message(self) -> str:
        return f"request body larger than the server's limit of {self.max_bytes} bytes"

    async def _refuse(self, send: Send) -> None:
        body = json.dumps({"detail": self._message()}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
