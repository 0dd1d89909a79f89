"""Where a long job's time goes: named stages timed (wall and CPU) while a recorder is active.

Library code marks its stages with :func:`stage` (``with stage("scenario section"): ...``); that is
a no-op costing a context-variable lookup unless a caller records them with :func:`recording`,
as ``tlev brief --profile`` does. Stages nest: a stage's name is its path
(``"game section > engine runs"``), and a stage entered several times (one per engine run, say)
is summed with its count, so the report stays short.

Kept import-free (standard library only) so any layer can use it.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["StageRecord", "StageRecorder", "active_recorder", "call_recorded", "recording", "stage"]


@dataclass
class StageRecord:
    """One stage's totals: ``count`` entries, ``wall_s`` elapsed and ``cpu_s`` process CPU seconds."""

    path: str
    count: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0

    @property
    def depth(self) -> int:
        """Nesting depth (0 for a top-level stage)."""
        return self.path.count(" > ")


@dataclass
class StageRecorder:
    """The stages recorded by :func:`recording`, in order of first entry."""

    records: dict[str, StageRecord] = field(default_factory=dict)
    wall_s: float = 0.0
    cpu_s: float = 0.0
    _stack: list[str] = field(default_factory=list)

    def merge(self, records: Iterable[StageRecord]) -> None:
        """Add stages recorded elsewhere (another process's, from :func:`call_recorded`)."""
        for other in records:
            entry = self.records.setdefault(other.path, StageRecord(other.path))
            entry.count += other.count
            entry.wall_s += other.wall_s
            entry.cpu_s += other.cpu_s

    def top(self, n: int = 12) -> list[StageRecord]:
        """The ``n`` stages with the most wall time (nested ones included), longest first."""
        return sorted(self.records.values(), key=lambda r: r.wall_s, reverse=True)[:n]

    def lines(self, n: int = 12) -> list[str]:
        """A plain-text report: total, then the top ``n`` stages with their share of the total."""
        out = [f"total {self.wall_s:7.2f} s wall  {self.cpu_s:7.2f} s CPU"]
        for rec in self.top(n):
            share = 100.0 * rec.wall_s / self.wall_s if self.wall_s > 0 else 0.0
            count = f" x{rec.count}" if rec.count > 1 else ""
            out.append(f"{rec.wall_s:7.2f} s wall {rec.cpu_s:7.2f} s CPU {share:5.1f}%  {rec.path}{count}")
        return out


_ACTIVE: contextvars.ContextVar[StageRecorder | None] = contextvars.ContextVar("tlev_stages", default=None)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the enclosed block as stage ``name`` if a :func:`recording` is active (else do nothing)."""
    rec = _ACTIVE.get()
    if rec is None:
        yield
        return
    path = " > ".join([*rec._stack, name])
    rec._stack.append(name)
    w0, c0 = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        w, c = time.perf_counter() - w0, time.process_time() - c0
        rec._stack.pop()
        entry = rec.records.setdefault(path, StageRecord(path))
        entry.count += 1
        entry.wall_s += w
        entry.cpu_s += c


@contextlib.contextmanager
def recording() -> Iterator[StageRecorder]:
    """Record every :func:`stage` entered in this context; the recorder's totals cover the block."""
    rec = StageRecorder()
    token = _ACTIVE.set(rec)
    w0, c0 = time.perf_counter(), time.process_time()
    try:
        yield rec
    finally:
        rec.wall_s, rec.cpu_s = time.perf_counter() - w0, time.process_time() - c0
        _ACTIVE.reset(token)


def active_recorder() -> StageRecorder | None:
    """The recorder of the :func:`recording` active in this context, if any."""
    return _ACTIVE.get()


def call_recorded(label: str, fn: Callable[..., T], /, *args: Any,
                  **kwargs: Any) -> tuple[T, list[StageRecord]]:
    """``fn(*args, **kwargs)`` with its stages recorded under stage ``label``: ``(result, records)``.

    For work sent to another process (a context variable does not cross it): the caller merges
    the records into its own recorder with :meth:`StageRecorder.merge`. Module-level, so it pickles.
    """
    with recording() as rec, stage(label):
        result = fn(*args, **kwargs)
    return result, list(rec.records.values())
