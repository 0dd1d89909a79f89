"""Shared plumbing of the routes: frames to JSON records, errors tied to a request field, and
the bounded runner."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from fastapi import Request
from fastapi.responses import Response

from treasury_leverage.errors import TLError
from treasury_leverage.web._errors import FieldError
from treasury_leverage.web.limits import Limits, ProcessLane, run_blocking

if TYPE_CHECKING:
    import pandas as pd
    from pydantic import BaseModel

__all__ = ["FieldError", "about", "cached_json", "clean", "compute", "compute_heavy", "encoded", "limits_of",
           "records"]

T = TypeVar("T")


@contextmanager
def about(where: str, *fields: str, values: Sequence[object] = ()) -> Iterator[None]:
    """Tie any :class:`TLError` raised inside to a request field.

    ``where`` is ``"path"``, ``"query"`` or ``"body"``. With several candidate ``fields`` (and
    the ``values`` the request gave them) the reported field is the first whose value the
    message quotes, else the first the message names as a word, else all of them joined.
    """
    try:
        yield
    except TLError as exc:
        raise FieldError(_loc(where, fields, values, str(exc)), exc) from exc


def _loc(where: str, fields: tuple[str, ...], values: Sequence[object], message: str
         ) -> tuple[str | int, ...]:
    if len(fields) <= 1:
        return (where, *fields)
    for name, value in zip(fields, values, strict=False):
        if value is not None and str(value) and str(value) in message:
            return (where, name)
    for name in fields:
        if re.search(rf"\b{re.escape(name)}\b", message, flags=re.IGNORECASE):
            return (where, name)
    return (where, "/".join(fields))


def clean(value: Any) -> Any:
    """A JSON-safe scalar: NaN/NaT -> None, numpy scalars -> Python, dates -> ISO strings."""
    import numpy as np
    import pandas as pd

    if value is None:
        return None
    if isinstance(value, pd.Timestamp):
        if value is pd.NaT:
            return None
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NaT or (not isinstance(value, str | bool | int | float) and pd.isna(value)):
        return None
    return value


def records(frame: pd.DataFrame, *, index: bool = True) -> list[dict[str, Any]]:
    """Rows of a frame as plain dicts (index included as a column), JSON-safe."""
    data = frame.reset_index() if index else frame
    cols = [str(c) for c in data.columns]
    return [{c: clean(v) for c, v in zip(cols, row, strict=True)}
            for row in data.itertuples(index=False, name=None)]


def limits_of(request: Request) -> Limits:
    """The :class:`Limits` of the app serving ``request``."""
    limits: Limits = request.app.state.limits
    return limits


async def compute(request: Request, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run blocking toolkit code for ``request`` in the bounded pool under its timeout (fast lane)."""
    return await run_blocking(request.app.state.limits, request.app.state.pool, fn, *args, **kwargs)


async def compute_heavy(request: Request, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> T:
    """Run a heavy computation for ``request`` in a worker process of the heavy lane.

    The worker is killed if the request times out, its client hangs up or it passes its memory
    share (:class:`~treasury_leverage.web.limits.ProcessLane`). ``fn`` and its arguments must be
    picklable (module-level functions, plain values, pydantic models).
    """
    lane: ProcessLane = request.app.state.lane
    return await lane.run(fn, args, kwargs, disconnected=request.is_disconnected)


def encoded(fn: Callable[..., Any], model: type[BaseModel], exclude_unset: bool, /, *args: Any,
            **kwargs: Any) -> bytes:
    """``fn(*args, **kwargs)`` validated by the route's response ``model`` and encoded as JSON.

    What FastAPI does with a route's ``response_model`` (validate, dump by alias, drop unset
    fields if the route says so, encode), done where ``fn`` runs: in a heavy worker the
    encoding then costs the server's event loop nothing, and the bytes can be cached.
    """
    from treasury_leverage.web.cache import encode_json

    value = model.model_validate(fn(*args, **kwargs))
    return encode_json(value.model_dump(mode="json", by_alias=True, exclude_unset=exclude_unset))


async def cached_json(request: Request, route: str, key_args: Sequence[Any],
                      produce: Callable[[], Awaitable[bytes]], *, media_type: str = "application/json",
                      headers: dict[str, str] | None = None) -> Response:
    """The answer of ``route`` for ``key_args`` from the app's :class:`ResponseCache`, or made by
    ``produce`` (and kept) when it is not there.

    ``key_args`` must name everything the answer depends on besides the data and settings (the
    cache adds their vintage). The response says ``X-Cache: hit`` or ``miss``; ``media_type``
    and ``headers`` are the response's (a page is HTML).
    """
    import anyio.to_thread

    from treasury_leverage.web.cache import ResponseCache

    cache: ResponseCache = request.app.state.cache
    key = None
    if cache.enabled:
        if not cache.token_is_fresh():  # reading the vintages touches the file system
            await anyio.to_thread.run_sync(cache.token)
        key = cache.key(route, *key_args)
        body = cache.get(key)
        if body is not None:
            return Response(body, media_type=media_type, headers={**(headers or {}), "X-Cache": "hit"})
    body = await produce()
    if key is not None:
        cache.put(key, body)
    return Response(body, media_type=media_type, headers={**(headers or {}), "X-Cache": "miss"})
