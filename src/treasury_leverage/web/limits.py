"""What one request may cost the server: draws, sweep sizes, body size, time, memory, concurrency.

The web face runs the toolkit's numerical code on behalf of anyone who can reach the port, so
every request is bounded: Monte Carlo draws and sweep cells are capped in the OpenAPI schema
itself (so a client sees the bound before sending), request bodies larger than
:attr:`Limits.max_body_bytes` are refused with 413 before they are read in full.

Two lanes run the work:

* the *fast lane* (:func:`run_blocking`): light routes (data, curves, holdings) in a small
  thread pool under the request timeout;
* the *heavy lane* (:class:`ProcessLane`): scenarios, the game, the brief and impact runs in
  separate worker processes. A worker whose request times out, whose client hangs up or whose
  resident memory passes its share of :attr:`Limits.memory_budget_bytes` is killed (SIGKILL) and
  replaced, so no abandoned computation keeps the CPU or the memory; a light request never
  waits behind a heavy one.

Every 503 carries ``Retry-After``.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import json
import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, Final, TypeVar

import anyio
import anyio.to_thread
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from treasury_leverage._workers import run_with_one_blas_thread
from treasury_leverage.bounds import MAX_DRAWS

__all__ = [
    "BodySizeLimit",
    "ClientGone",
    "Limits",
    "MemoryBudgetExceeded",
    "ProcessLane",
    "RequestTimeout",
    "ServerBusy",
    "machine_memory_bytes",
    "run_blocking",
]

#: Share of the machine's physical memory the heavy lane may use in all (documented in
#: ``benchmarks/README.md``; the measured peak under the burst benchmark stays below it).
MEMORY_SHARE: Final = 0.25
#: Seconds between two looks at a heavy worker (result ready? client gone? memory?).
_POLL_S: Final = 0.02


def machine_memory_bytes() -> int:
    """Physical memory of the machine (bytes); 8 GiB when it cannot be read."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return 8 << 30


def _default_heavy_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _default_memory_budget() -> int:
    return int(machine_memory_bytes() * MEMORY_SHARE)

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
        Light computations (fast lane, threads) running at once for live requests; further
        requests wait for a slot (inside the timeout). While abandoned computations still run,
        the total running is capped at twice this number: beyond it new requests get 503 at
        once ("busy").
    heavy_workers
        Worker processes of the heavy lane (default: the number of cores, at most 2).
    memory_budget_bytes
        Resident memory all heavy workers together may use; default a quarter of the machine's
        physical memory (:data:`MEMORY_SHARE`). A worker over its share is killed (503).
    max_queued_heavy
        Heavy requests waiting for a worker; beyond it new ones get 503 at once.
    allowed_hosts
        ``Host`` header values served (DNS-rebinding defence); loopback names by default
        (``testserver`` is the name Starlette's test client sends; it does not resolve).
    header_timeout_s
        Seconds a connection may take to send its request headers (used by ``tlev serve``).
    cache_bytes
        Bytes of finished answers (scenarios, games, charts, flows) the server keeps to answer
        repeats without computing (:class:`~treasury_leverage.web.cache.ResponseCache`); 0 turns
        the cache off.
    """

    max_draws: int = MAX_DRAWS  # the toolkit's one bound (treasury_leverage.bounds), CLI alike
    max_sweep_cells: int = 64
    max_body_bytes: int = 64 * 1024
    timeout_s: float = 30.0
    max_concurrent: int = 4
    heavy_workers: int = field(default_factory=_default_heavy_workers)
    memory_budget_bytes: int = field(default_factory=_default_memory_budget)
    max_queued_heavy: int = 8
    allowed_hosts: tuple[str, ...] = ("localhost", "127.0.0.1", "::1", "*.localhost", "testserver")
    header_timeout_s: float = 10.0
    cache_bytes: int = 64 << 20

    def __post_init__(self) -> None:
        for name in ("max_draws", "max_sweep_cells", "max_body_bytes", "max_concurrent", "heavy_workers",
                     "memory_budget_bytes", "max_queued_heavy"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"Limits.{name} must be at least 1, got {getattr(self, name)!r}")
        if int(self.cache_bytes) < 0:
            raise ValueError(f"Limits.cache_bytes must be at least 0, got {self.cache_bytes!r}")
        for name in ("timeout_s", "header_timeout_s"):
            if not getattr(self, name) > 0:
                raise ValueError(f"Limits.{name} must be positive, got {getattr(self, name)!r}")

    @property
    def worker_memory_bytes(self) -> int:
        """Resident memory one heavy worker may reach before it is killed (its share of the budget)."""
        return self.memory_budget_bytes // self.heavy_workers


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


class ClientGone(Exception):
    """The client closed the connection before its heavy computation finished (it was killed)."""


class MemoryBudgetExceeded(Exception):
    """A heavy computation passed its worker's memory share and was killed."""

    def __init__(self, limit_bytes: int) -> None:
        self.limit_bytes = limit_bytes
        super().__init__(f"the computation needed more than this server's memory budget of "
                         f"{limit_bytes / 2**30:.1f} GiB per request; ask for fewer draws or a "
                         "shorter window")


class WorkerCrashed(Exception):
    """A heavy worker died without answering (killed by the system, or a crash)."""

    def __init__(self) -> None:
        super().__init__("the computation stopped unexpectedly; retry in a few seconds")


def _rss_bytes(pid: int) -> int:
    """Resident memory of a process (Linux ``/proc``; 0 where it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _surrogate(exc: BaseException) -> tuple[Any, ...]:
    """A picklable description of an exception raised in a worker (toolkit errors keep their class)."""
    from treasury_leverage.errors import TLError
    from treasury_leverage.web._errors import FieldError

    if isinstance(exc, FieldError):
        return ("field", exc.loc, type(exc.error), str(exc.error))
    if isinstance(exc, TLError):
        return ("tl", type(exc), str(exc))
    return ("other", type(exc).__name__, str(exc))


def _rebuild(desc: tuple[Any, ...]) -> BaseException:
    """The exception :func:`_surrogate` described (its message intact, its class where known)."""
    from treasury_leverage.web._errors import FieldError

    def make(cls: type[BaseException], message: str) -> BaseException:
        obj = cls.__new__(cls)
        Exception.__init__(obj, message)
        return obj

    if desc[0] == "field":
        error = make(desc[2], desc[3])
        return FieldError(desc[1], error)  # type: ignore[arg-type]
    if desc[0] == "tl":
        return make(desc[1], desc[2])
    return RuntimeError(f"{desc[1]} in a heavy computation")


def _worker_main(conn: Connection) -> None:
    """A heavy worker: run one call at a time until the parent closes the pipe."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    while True:
        try:
            fn, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args, **kwargs))
        except BaseException as exc:
            reply = ("error", _surrogate(exc))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


class _Worker:
    def __init__(self, ctx: Any) -> None:
        self.conn, child = ctx.Pipe()
        # one BLAS thread, set before the worker imports NumPy (see treasury_leverage._workers)
        self.proc: BaseProcess = ctx.Process(target=run_with_one_blas_thread,
                                             args=(f"{__name__}:_worker_main", child), daemon=True,
                                             name="tlev-heavy-worker")
        self.proc.start()
        child.close()

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.proc.kill()
        with contextlib.suppress(OSError, ValueError):
            self.conn.close()
        self.proc.join(5)


@dataclass
class LaneStats:
    """Counters of the heavy lane (for tests and the benchmark)."""

    started: int = 0
    killed: int = 0
    completed: int = 0
    timed_out: int = 0
    disconnected: int = 0
    over_memory: int = 0
    crashed: int = 0
    peak_rss_bytes: int = 0


class ProcessLane:
    """The heavy lane: a few worker processes, each running one request's computation at a time.

    A worker whose request ends early (timeout, client disconnect, memory over its share) is
    killed and a fresh one is started for the next request, so nothing keeps computing for a
    client that is gone. Workers are started with ``spawn`` (a clean interpreter: forking a
    server with threads is unsafe) when first needed.

    Parameters
    ----------
    limits
        The server's :class:`Limits` (workers, memory budget, queue bound).
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.stats = LaneStats()
        self._ctx = mp.get_context("spawn")
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._waiting = 0
        self._free: int | None = None  # worker slots not taken (set on first use)
        self._queue: collections.deque[anyio.Event] = collections.deque()  # requests waiting, in order
        self._lock = threading.Lock()
        self._starting: list[threading.Thread] = []
        #: What the warm-up call returned in each pre-started worker (:meth:`prestart`).
        self.warm_reports: list[Any] = []

    @property
    def pids(self) -> list[int]:
        """Process ids of the live workers (idle and busy)."""
        workers = [*self._idle, *self._busy]
        return [w.proc.pid for w in workers if w.proc.pid is not None and w.proc.is_alive()]

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.proc.is_alive():
                    self._busy.add(worker)
                    return worker
            worker = _Worker(self._ctx)
            self.stats.started += 1
            self._busy.add(worker)
            return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            self._idle.append(worker)

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
        self.stats.killed += 1
        worker.kill()

    def prestart(self, warm: Callable[[], object] | None = None) -> None:
        """Start the workers now, in background threads, each running ``warm`` once (to import
        the engine and fill its caches) before it takes requests.

        What ``warm`` returns in each worker is kept in :attr:`warm_reports` (with the seconds the
        worker took to start and warm, under ``"start_and_warm_wall_s"`` when it is a dict);
        :meth:`wait_started` waits for them.
        """

        def start_one() -> None:
            t0 = time.perf_counter()
            worker = _Worker(self._ctx)
            self.stats.started += 1
            report: Any = None
            if warm is not None:
                try:
                    worker.conn.send((warm, (), {}))
                    _, report = worker.conn.recv()
                except (EOFError, OSError):
                    worker.kill()
                    return
            if isinstance(report, dict):
                report = {**report, "start_and_warm_wall_s": time.perf_counter() - t0}
            with self._lock:
                self.warm_reports.append(report)
                self._idle.append(worker)

        for _ in range(self.limits.heavy_workers):
            thread = threading.Thread(target=start_one, name="tlev-heavy-prestart", daemon=True)
            thread.start()
            self._starting.append(thread)

    def wait_started(self, timeout_s: float | None = None) -> None:
        """Block until the workers :meth:`prestart` began are up and warm (or ``timeout_s`` passed)."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        for thread in list(self._starting):
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))

    def close(self) -> None:
        """Kill every worker (the server is stopping)."""
        with self._lock:
            workers = [*self._idle, *self._busy]
            self._idle.clear()
            self._busy.clear()
        for worker in workers:
            worker.kill()

    async def run(self, fn: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any], *,
                  disconnected: Callable[[], Any] | None = None) -> T:
        """Run ``fn(*args, **kwargs)`` in a worker process.

        Parameters
        ----------
        fn
            A module-level function (it is pickled by reference).
        args, kwargs
            Its arguments (picklable: plain values, pydantic models).
        disconnected
            An async callable returning True once the client has gone (``Request.is_disconnected``).

        Raises
        ------
        ServerBusy
            Too many heavy requests are waiting already.
        RequestTimeout, ClientGone, MemoryBudgetExceeded, WorkerCrashed
            The worker was killed for that reason.
        """
        if self._waiting >= self.limits.max_queued_heavy:
            raise ServerBusy(self._waiting)
        deadline = time.monotonic() + self.limits.timeout_s
        self._waiting += 1
        try:
            await self._acquire(deadline, disconnected)
        finally:
            self._waiting -= 1
        try:
            return await self._run_in(self._take(), fn, args, kwargs, deadline, disconnected)
        finally:
            self._release()

    async def _acquire(self, deadline: float, disconnected: Callable[[], Any] | None) -> None:
        """Wait for a worker slot, first come first served; give up at the deadline or as soon as
        the client has gone (a queued request whose client hung up must not start a computation,
        nor a worker, at all).

        A freed slot is handed to the longest-waiting request at once (:meth:`_release` sets its
        event), and looking at the deadline and the client every ``_POLL_S`` does not cost a
        waiter its place in the queue: a retry loop would leave a freed worker idle for half a
        poll at every hand-off and serve waiters in random order (a long tail of latencies).
        Runs on the event loop only, so the counters need no lock.
        """
        if self._free is None:
            self._free = self.limits.heavy_workers
        if self._free > 0 and not self._queue:
            self._free -= 1
            return
        turn = anyio.Event()
        self._queue.append(turn)
        try:
            while True:
                with anyio.move_on_after(_POLL_S):
                    await turn.wait()
                if turn.is_set():
                    return
                if time.monotonic() > deadline:
                    self.stats.timed_out += 1
                    raise RequestTimeout(self.limits.timeout_s)
                if disconnected is not None and await disconnected():
                    self.stats.disconnected += 1
                    raise ClientGone()
        except BaseException:
            if turn.is_set():  # handed a slot in the same instant: pass it on
                self._release()
            else:
                self._queue.remove(turn)
            raise

    def _release(self) -> None:
        """Give a slot back: to the longest-waiting request, else to the pool of free slots."""
        if self._queue:
            self._queue.popleft().set()
        else:
            assert self._free is not None
            self._free += 1

    async def _run_in(self, worker: _Worker, fn: Callable[..., T], args: tuple[Any, ...],
                      kwargs: dict[str, Any], deadline: float, disconnected: Callable[[], Any] | None) -> T:
        limit = self.limits.worker_memory_bytes
        keep = False
        try:
            worker.conn.send((fn, args, kwargs))
            while True:
                # Wake as soon as the answer is there (not at the next poll); look at the worker's
                # health, the deadline and the client at least every _POLL_S meanwhile.
                with anyio.move_on_after(_POLL_S):
                    await anyio.wait_readable(worker.conn)
                if worker.conn.poll():
                    status, payload = await anyio.to_thread.run_sync(worker.conn.recv)
                    keep = True
                    break
                if not worker.proc.is_alive():
                    self.stats.crashed += 1
                    raise WorkerCrashed()
                rss = _rss_bytes(worker.proc.pid or 0)
                self.stats.peak_rss_bytes = max(self.stats.peak_rss_bytes, rss)
                if rss > limit:
                    self.stats.over_memory += 1
                    raise MemoryBudgetExceeded(limit)
                if time.monotonic() > deadline:
                    self.stats.timed_out += 1
                    raise RequestTimeout(self.limits.timeout_s)
                if disconnected is not None and await disconnected():
                    self.stats.disconnected += 1
                    raise ClientGone()
        except (EOFError, OSError):
            self.stats.crashed += 1
            raise WorkerCrashed() from None
        finally:
            # Any way out but a clean answer (our exceptions, or the request task being
            # cancelled) kills the worker: its computation must not outlive the request.
            if keep:
                self._give_back(worker)
            else:
                self._discard(worker)
        self.stats.completed += 1
        if status == "error":
            raise _rebuild(payload)
        result: T = payload
        return result


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


def header_timeout_protocol(seconds: float) -> type:
    """A uvicorn HTTP protocol (h11) that closes a connection whose request headers are not
    complete ``seconds`` after it opened, or after the previous response on a kept-alive one.

    uvicorn bounds idle kept-alive connections but not a client trickling its headers
    (a connection with incomplete headers was held for over 75 s); this closes the gap.
    """
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutH11Protocol(H11Protocol):
        def _arm_header_timer(self) -> None:
            waiting_for = self.cycle

            def expire() -> None:
                if self.cycle is waiting_for and not self.transport.is_closing():
                    self.transport.close()

            self.loop.call_later(seconds, expire)

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm_header_timer()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm_header_timer()

    return HeaderTimeoutH11Protocol


def server_config(app: Any, *, host: str, port: int, limits: Limits, log_level: str = "info") -> Any:
    """The uvicorn configuration ``tlev serve`` (and the reliability tests) run the app with."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level=log_level,
                          http=header_timeout_protocol(limits.header_timeout_s), timeout_keep_alive=5)
