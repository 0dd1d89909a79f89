"""Work the scenarios of one batch can share: a bounded memo of pure intermediate results.

:func:`treasury_leverage.scenario.engine.run_many` runs its specs through one :class:`SharedWork`:
an impact model's parameter draws for the same draws, seed and overrides, the kernels of the
trade channel's unit paths and their delayed sums (the same in every cell of a game with the same
tariff), the trade channel's own draws, the FX draws. Each entry is computed by the same code as
in a lone run and reused as it is, so a batch gives the numbers of one run per spec bit for bit;
cached arrays are made read-only so that no caller can change what another reads.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from typing import Any, Final, TypeVar

import numpy as np

__all__ = ["SharedWork", "active", "fingerprint", "sharing"]

T = TypeVar("T")
#: Bytes of arrays a batch keeps before it forgets its oldest entries (a sweep worker reuses one).
DEFAULT_BUDGET_BYTES: Final = 768 * 2**20


def fingerprint(*arrays: Any) -> str:
    """A digest of arrays (shape, dtype and bytes) or ``None``: equal digests, equal arrays."""
    h = hashlib.blake2b(digest_size=16)
    for a in arrays:
        if a is None:
            h.update(b"none")
            continue
        arr = np.ascontiguousarray(a)
        h.update(f"{arr.dtype.str}{arr.shape}".encode())
        h.update(arr.tobytes())
    return h.hexdigest()


def _nbytes(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if hasattr(value, "sales_usd_bn"):  # impact.base.SalesPath
        return int(np.asarray(value.sales_usd_bn).nbytes)
    if isinstance(value, Mapping):
        return sum(_nbytes(v) for v in value.values())
    if isinstance(value, tuple | list):
        return sum(_nbytes(v) for v in value)
    if hasattr(value, "by_draw") and hasattr(value, "fixed"):  # impact.base.Separable
        return _nbytes(value.by_draw) + _nbytes(value.fixed)
    return 0


def _freeze(value: Any) -> None:
    """Make the arrays in ``value`` read-only (a shared result must not be changed in place)."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, Mapping):
        for v in value.values():
            _freeze(v)
    elif isinstance(value, tuple | list):
        for v in value:
            _freeze(v)
    elif hasattr(value, "by_draw") and hasattr(value, "fixed"):  # impact.base.Separable
        _freeze(value.by_draw)
        _freeze(value.fixed)


class SharedWork:
    """A memo ``key -> value`` of pure intermediate results, bounded by the bytes of its arrays.

    Parameters
    ----------
    budget_bytes
        The arrays kept at most; the oldest entries are forgotten beyond it (they are recomputed
        when asked again, with the same numbers).
    """

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self.budget_bytes = budget_bytes
        self._memo: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value of ``key``, computed by ``make()`` the first time."""
        if key in self._memo:
            self._memo.move_to_end(key)
            self.hits += 1
            return self._memo[key][0]
        self.misses += 1
        value = make()
        _freeze(value)
        size = _nbytes(value)
        self._memo[key] = (value, size)
        self._bytes += size
        while self._bytes > self.budget_bytes and len(self._memo) > 1:
            _, (_, old) = self._memo.popitem(last=False)
            self._bytes -= old
        return value


#: The SharedWork of the batches run inside :func:`sharing` (None outside).
_ACTIVE: contextvars.ContextVar[SharedWork | None] = contextvars.ContextVar("shared_work", default=None)


def active() -> SharedWork | None:
    """The :class:`SharedWork` of the enclosing :func:`sharing` block, if any."""
    return _ACTIVE.get()


@contextlib.contextmanager
def sharing(work: SharedWork | None = None) -> Iterator[SharedWork]:
    """Let every batch run inside share one :class:`SharedWork` (``run_many``'s default there).

    A caller that runs several batches on the same holder, draws and seed (the brief's game: the
    leverage game's cells, then the coalition game's) shares their model draws and the trade
    channel's unit kernels without passing the memo through every layer. Each entry is a pure
    function of its key, so the numbers are those of separate batches, bit for bit. Nested blocks
    keep the outer memo unless given their own.
    """
    work = work if work is not None else (_ACTIVE.get() or SharedWork())
    token = _ACTIVE.set(work)
    try:
        yield work
    finally:
        _ACTIVE.reset(token)
