"""The one small exception hierarchy of the toolkit.

Every mistake a user can make (an unknown country, a start date after the end date, a malformed
file, a sale larger than the holding) raises a :class:`TLError` subclass whose message names the
input, what was expected and, where it helps, the nearest valid choices. Faces (CLI, web) print
the message and nothing else.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "DataFormatError",
    "DataUnavailable",
    "FetchError",
    "InputError",
    "ScenarioError",
    "StoreError",
    "TLError",
    "UnknownNameError",
    "closest",
]


class TLError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class InputError(TLError, ValueError):
    """A user-supplied argument is invalid (bad date, start after end, negative size...)."""


class UnknownNameError(InputError, KeyError):
    """A name (dataset, country, model...) is not known; the message lists the closest ones.

    Parameters
    ----------
    kind
        What was being looked up, e.g. ``"country"`` or ``"dataset"``.
    name
        The name the user gave.
    choices
        The valid names; the closest few are quoted in the message.
    """

    def __init__(self, kind: str, name: str, choices: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.choices = sorted(set(choices))
        near = closest(name, self.choices)
        hint = f"; did you mean {', '.join(repr(c) for c in near)}?" if near else ""
        if not near and self.choices and len(self.choices) <= 12:
            hint = f"; valid choices: {', '.join(self.choices)}"
        super().__init__(f"unknown {kind} {name!r}{hint}")

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0])


class DataFormatError(TLError):
    """A raw file does not have the layout its parser expects.

    Parameters
    ----------
    message
        What was expected and what was found.
    source
        The file (or URL) being parsed.
    line
        1-based line number in the raw text, when known.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source or "input"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {message}")


class DataUnavailable(TLError):
    """The data needed is not in the store, the snapshot or (offline) reachable."""


class FetchError(DataUnavailable):
    """A live download failed (HTTP error, timeout, empty or truncated body)."""


class StoreError(TLError):
    """The local store could not be read or written; the previous state is intact."""


class ScenarioError(InputError):
    """A scenario specification is invalid."""


def closest(name: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Return up to ``n`` choices closest to ``name`` (case-insensitive).

    Substring matches come first (``"china"`` finds ``"China, Mainland"``), then
    :func:`difflib.get_close_matches` ratios.
    """
    pool = list(choices)
    low = name.strip().lower()
    if not low:
        return []
    subs = [c for c in pool if low in c.lower()]
    lowered = {c.lower(): c for c in pool}
    fuzzy = [lowered[m] for m in difflib.get_close_matches(low, list(lowered), n=n, cutoff=0.6)]
    out: list[str] = []
    for c in subs + fuzzy:
        if c not in out:
            out.append(c)
    return out[:n]
