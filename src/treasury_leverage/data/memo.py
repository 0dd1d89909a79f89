"""Memoising a derivation in this process per data vintage: :func:`per_vintage`.

The flow detective derives the same frames (month-end par curve, valuation estimate, calibration)
several times per brief, for the flows section and for the scenarios' baseline; the memo hands
out the first result again as long as none of the datasets it was derived from has a new vintage
(the key holds :func:`treasury_leverage.data.api.dataset_key` of each). Its on-disk counterpart,
for frames a new process would otherwise derive again, is :mod:`treasury_leverage.data.derived`.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["per_vintage"]

_F = TypeVar("_F", bound=Callable[..., Any])


def per_vintage(*datasets: str, maxsize: int = 32) -> Callable[[_F], _F]:
    """Memoise a derivation in this process per argument values and per vintage of ``datasets``.

    The key holds the call's arguments (bound to the signature, defaults applied) and
    :func:`treasury_leverage.data.api.dataset_key` of each dataset for the call's ``as_of``
    argument (None if it has none): a refreshed user store or a new vintage of any of them gives
    another key, hence a fresh result. Pandas results are handed out as copies (a caller's
    writes never reach the memo); other results (frozen dataclasses) as they are. Calls whose
    arguments are not hashable, or whose key cannot be had (a dataset missing), run unmemoised;
    exceptions are not memoised. ``wrapper.__wrapped__`` is the plain function and
    ``wrapper.cache_clear()`` empties the memo.

    Parameters
    ----------
    datasets
        Every dataset the function reads, directly or through the functions it calls.
    maxsize
        Results kept (least recently used dropped first).
    """

    def decorate(fn: _F) -> _F:
        signature = inspect.signature(fn)
        memo: OrderedDict[Any, Any] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from treasury_leverage.data.api import dataset_key
            from treasury_leverage.errors import TLError

            try:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                as_of = bound.arguments.get("as_of")
                key = (tuple(bound.arguments.items()),
                       tuple(dataset_key(name, as_of=as_of) for name in datasets))
                hash(key)
            except (TypeError, TLError):
                return fn(*args, **kwargs)
            with lock:
                if key in memo:
                    memo.move_to_end(key)
                    return _handed_out(memo[key])
            value = fn(*args, **kwargs)
            with lock:
                memo[key] = value
                while len(memo) > maxsize:
                    memo.popitem(last=False)
            return _handed_out(value)

        wrapper.cache_clear = memo.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def _handed_out(value: Any) -> Any:
    """A copy of a pandas result (attrs included), anything else as it is."""
    copy = getattr(value, "copy", None)
    if copy is not None and type(value).__module__.startswith("pandas"):
        return copy()
    return value
