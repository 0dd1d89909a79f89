"""The FastAPI application factory: routes, limits, error mapping, static files.

Errors are mapped once, here. A :class:`~treasury_leverage.errors.TLError` raised while reading
a request field is answered like FastAPI's own validation errors (422, ``detail`` a list of
``{loc, msg, type}`` naming the field); an unknown name in the path (``/api/holders/narnia``)
is a 404; data that cannot be had (:class:`~treasury_leverage.errors.DataUnavailable`) and a
computation over the time limit or the memory budget are 503 with ``Retry-After``. Messages never
carry file-system paths. CORS is off unless origins are given; only loopback ``Host`` names are
served unless others are configured (:attr:`Limits.allowed_hosts`); every HTML page carries a
Content-Security-Policy; ``HEAD`` works on every ``GET`` route; ``NaN`` and ``Infinity`` in a
query or body are a 422.
"""

from __future__ import annotations

import contextlib
import importlib
import math
from collections.abc import AsyncIterator, Sequence
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from treasury_leverage.errors import DataUnavailable, StoreError, TLError, UnknownNameError
from treasury_leverage.web import (
    routes_charts,
    routes_curves,
    routes_data,
    routes_impact,
    routes_pages,
    routes_scenario,
)
from treasury_leverage.web._common import FieldError
from treasury_leverage.web.cache import ResponseCache
from treasury_leverage.web.guards import HeadAndSecurityHeaders, NonFiniteGuard, scrub_paths
from treasury_leverage.web.limits import (
    BodySizeLimit,
    ClientGone,
    Limits,
    MemoryBudgetExceeded,
    ProcessLane,
    RequestTimeout,
    ServerBusy,
    WorkerCrashed,
    _Pool,
)
from treasury_leverage.web.schemas import ERROR_RESPONSES

__all__ = ["create_app", "features", "warm_up"]

_DESCRIPTION = """\
Could a large foreign holder use its U.S. Treasury holdings as leverage? The same answers as the
`tlev` command line and the Python API, over HTTP. Units are in the field names (`yield_pct`,
`impact_bp`, `holdings_usd_bn`). Read-only: nothing a request sends reaches the file system.
"""


def _importable(module: str, name: str) -> bool:
    try:
        return hasattr(importlib.import_module(module), name)
    except ImportError:
        return False


def features() -> dict[str, bool]:
    """Which optional layers are installed: the scenario engine, the game, the brief, holdings charts."""
    return {
        "scenario": _importable("treasury_leverage.scenario.engine", "run"),
        "game": _importable("treasury_leverage.game", "leverage_game"),
        "brief": _importable("treasury_leverage.report.brief", "build_brief"),
        "holdings_charts": routes_charts.holdings_charts_available(),
    }


def _error_response(error: TLError, loc: tuple[str | int, ...]) -> JSONResponse:
    message = scrub_paths(str(error))
    if isinstance(error, DataUnavailable | StoreError):
        return JSONResponse({"detail": message}, status_code=503, headers={"Retry-After": "30"})
    if isinstance(error, UnknownNameError) and loc[:1] == ("path",):
        return JSONResponse({"detail": message}, status_code=404)
    return JSONResponse(
        {"detail": [{"loc": list(loc), "msg": message, "type": type(error).__name__}]}, status_code=422)


async def _field_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FieldError)
    return _error_response(exc.error, exc.loc)


async def _tl_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TLError)
    return _error_response(exc, ("query",))


async def _timeout(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": scrub_paths(str(exc))}, status_code=503, headers={"Retry-After": "5"})


def _finite(value: Any) -> Any:
    """``value`` with non-finite floats as strings (JSON has no NaN; echoing one back would crash)."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


async def _invalid(request: Request, exc: Exception) -> JSONResponse:
    from fastapi.encoders import jsonable_encoder
    from fastapi.exceptions import RequestValidationError

    assert isinstance(exc, RequestValidationError)
    return JSONResponse({"detail": _finite(jsonable_encoder(exc.errors()))}, status_code=422)


async def _gone(request: Request, exc: Exception) -> JSONResponse:
    # Nobody reads this (the client hung up); 499 is the de-facto code for it in access logs.
    return JSONResponse({"detail": "client closed the connection; its computation was stopped"},
                        status_code=499)


def warm_up(features: dict[str, bool]) -> list[tuple[str, float, float]]:
    """Fill the caches a first visitor would wait for: the Vega bundle, the data, a flows
    calibration and one small scenario. Errors are logged, never raised (it is only a warm-up).

    Returns each step's name, wall seconds and CPU seconds of this thread (``tlev serve
    --profile`` prints them).
    """
    import logging
    import time

    from treasury_leverage.web.routes_pages import vega_bundle

    log = logging.getLogger("treasury_leverage.web")
    steps: list[tuple[str, Any]] = [("vega bundle", vega_bundle)]

    def flows() -> None:
        from treasury_leverage.holdings import flows, ranking, recent_window

        holder = str(ranking(top=1)["holder"].iloc[0])
        flows(holder, *recent_window(holder))  # the window the dashboard asks (preset)

    steps.append(("data and flows", flows))
    if features.get("scenario"):
        def scenario() -> None:
            from treasury_leverage.holdings import ranking
            from treasury_leverage.scenario.engine import run

            holder = str(ranking(top=1)["holder"].iloc[0])
            run({"actors": [{"holder": holder, "sell": {"amount_usd_bn": 1.0, "days": 1}}], "draws": 0})

        steps.append(("scenario engine", scenario))
    timings = []
    for name, step in steps:
        w0, c0 = time.perf_counter(), time.thread_time()
        try:
            step()
        except Exception as exc:  # a warm-up must never take the server down
            log.warning("warm-up of %s failed: %s", name, exc)
        timings.append((name, time.perf_counter() - w0, time.thread_time() - c0))
    return timings


def _warm_heavy_worker() -> dict[str, float]:
    """Run in each heavy worker at start-up: import the engine and run one small scenario over
    every impact model (so that no model's code is first imported by a visitor's request).

    Returns the worker's wall and CPU seconds for it (``tlev serve --profile``).
    """
    import logging
    import time

    w0, c0 = time.perf_counter(), time.process_time()
    try:
        from treasury_leverage.holdings import ranking
        from treasury_leverage.scenario.engine import run

        holder = str(ranking(top=1)["holder"].iloc[0])
        run({"actors": [{"holder": holder, "sell": {"amount_usd_bn": 1.0, "days": 1}}], "draws": 0})
    except Exception as exc:  # a warm-up must never take a worker down
        logging.getLogger("treasury_leverage.web").warning("heavy worker warm-up failed: %s", exc)
    return {"warm_wall_s": time.perf_counter() - w0, "warm_cpu_s": time.process_time() - c0}


async def _prefill(app: FastAPI) -> None:
    """Start-up: warm the caches (:func:`warm_up`), then answer the dashboard's first view once
    through the app itself, so a first visitor's requests are answered from the cache.

    Logs each step's time on the ``treasury_leverage.web`` logger (INFO; ``tlev serve --profile``
    shows them) and a last line ``warm-up finished in ... s``. Errors are logged, never raised.
    """
    import logging
    import time

    import anyio.to_thread
    import httpx

    from treasury_leverage.web.routes_pages import _dashboard_context, default_view_requests

    log = logging.getLogger("treasury_leverage.web")
    t0 = time.perf_counter()
    timings = await anyio.to_thread.run_sync(warm_up, app.state.features, abandon_on_cancel=True)
    for name, wall, cpu in timings:
        log.info("warm-up: %-22s %6.2f s wall %6.2f s CPU (server thread)", name, wall, cpu)
    t1 = time.perf_counter()
    await anyio.to_thread.run_sync(app.state.lane.wait_started, 120.0, abandon_on_cancel=True)
    for i, report in enumerate(app.state.lane.warm_reports):
        if isinstance(report, dict):
            log.info("warm-up: heavy worker %d        %6.2f s wall %6.2f s CPU (start %.2f s wall in all)", i,
                     report.get("warm_wall_s", 0.0), report.get("warm_cpu_s", 0.0),
                     report.get("start_and_warm_wall_s", 0.0))
    t2 = time.perf_counter()
    try:
        context = await anyio.to_thread.run_sync(_dashboard_context, app.state.features)
        requests = [("GET", "/", None), *default_view_requests(context)]  # the page, then its requests
    except Exception as exc:
        log.warning("warm-up of the dashboard's default view failed: %s", exc)
        requests = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1", timeout=120.0) as client:

        async def one(method: str, url: str, body: dict[str, Any] | None) -> None:
            w0 = time.perf_counter()
            try:
                res = await client.request(method, url, json=body)
            except Exception as exc:  # a warm-up must never take the server down
                log.warning("warm-up of %s failed: %s", url, exc)
                return
            if res.status_code != 200:
                log.warning("warm-up of %s: status %d", url, res.status_code)
            log.info("warm-up: %-60s %6.2f s wall", url[:60], time.perf_counter() - w0)

        async with anyio.create_task_group() as group:
            for method, url, body in requests:
                group.start_soon(one, method, url, body)
    t3 = time.perf_counter()
    log.info("warm-up finished in %.2f s (caches %.2f s, heavy workers %.2f s more, default view %.2f s; "
             "%d answers cached)", t3 - t0, t1 - t0, t2 - t1, t3 - t2, len(app.state.cache))


def create_app(
    *,
    limits: Limits | None = None,
    cors_origins: Sequence[str] = (),
    disable: Sequence[str] = (),
    warm: bool = False,
) -> FastAPI:
    """Build the web app.

    Parameters
    ----------
    limits
        Per-request bounds (draws, sweep cells, body size, timeout, concurrency);
        :class:`Limits` defaults if None.
    cors_origins
        Origins allowed to call the API from a browser; none by default (CORS off).
    disable
        Optional layers to leave out even if installed (``"scenario"``, ``"game"``, ``"brief"``),
        e.g. to serve only the data endpoints.
    warm
        At start-up, fill the caches (:func:`warm_up`) in a background thread so that the first
        visitor does not wait for them; the server answers meanwhile.

    Returns
    -------
    fastapi.FastAPI
        OpenAPI schema at ``/openapi.json``; ``/docs`` is a plain HTML reference generated from
        it (the CDN-based Swagger UI and ReDoc are disabled so the app works offline).
    """
    lim = limits or Limits()
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with anyio.create_task_group() as group:
            if warm:
                app.state.lane.prestart(_warm_heavy_worker if app.state.features.get("scenario") else None)
                group.start_soon(_prefill, app)  # the server answers meanwhile
            try:
                yield
            finally:
                group.cancel_scope.cancel()
                app.state.lane.close()

    app = FastAPI(title="treasury-leverage", version=_version(), description=_DESCRIPTION,
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.limits = lim
    app.state.pool = _Pool(lim.max_concurrent)
    app.state.lane = ProcessLane(lim)
    app.state.cache = ResponseCache(max_bytes=lim.cache_bytes, max_entries=512 if lim.cache_bytes else 0)
    unknown = sorted(set(disable) - {"scenario", "game", "brief", "holdings_charts"})
    if unknown:
        raise ValueError(f"disable: unknown layers {unknown}; expected scenario, game, brief or "
                         "holdings_charts")
    app.state.features = {k: v and k not in disable for k, v in features().items()}
    app.add_exception_handler(FieldError, _field_error)
    app.add_exception_handler(TLError, _tl_error)
    app.add_exception_handler(RequestTimeout, _timeout)
    app.add_exception_handler(ServerBusy, _timeout)
    app.add_exception_handler(MemoryBudgetExceeded, _timeout)
    app.add_exception_handler(WorkerCrashed, _timeout)
    app.add_exception_handler(ClientGone, _gone)
    from fastapi.exceptions import RequestValidationError

    app.add_exception_handler(RequestValidationError, _invalid)
    api_routers = [routes_data.router(), routes_curves.router(), routes_impact.router(lim),
                   routes_charts.router(lim, app.state.features),
                   routes_scenario.router(lim, app.state.features)]
    for api_router in api_routers:
        app.include_router(api_router, responses=ERROR_RESPONSES)
    app.include_router(routes_pages.router())
    app.mount("/static", StaticFiles(directory=str(routes_pages.STATIC_DIR)), name="static")
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET", "POST"])
    app.add_middleware(NonFiniteGuard)  # inside the body limit: it reads only the query string
    app.add_middleware(BodySizeLimit, max_bytes=lim.max_body_bytes)
    app.add_middleware(HeadAndSecurityHeaders)
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    # Outermost: a request naming a foreign Host (DNS rebinding) is refused before anything runs.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(lim.allowed_hosts))
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("treasury-leverage")
    except PackageNotFoundError:
        return "0"
