"""The :class:`Preset` record and the merge of the topic modules into one registry.

A preset is a default number with its provenance (source, range, confidence) and the distribution
its parameter draws follow; the tags and distributions are described in
:mod:`treasury_leverage.presets`. The topic modules hold tuples of presets;
:func:`merge_topics` makes them one mapping and refuses a name defined twice.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    # NumPy only for the draws: the faces read their defaults at import time (``tlev --help``
    # stays free of NumPy), so it is imported where a draw is made.
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["Confidence", "Distribution", "Preset", "merge_topics"]

Distribution = Literal["fixed", "uniform", "triangular", "normal", "lognormal"]
Confidence = Literal["V", "V2", "C", "R", "U"]

#: z-score of the 95th percentile of a standard normal.
_Z95: Final = 1.6448536269514722


@dataclass(frozen=True, slots=True)
class Preset:
    """A default parameter with its provenance.

    Attributes
    ----------
    name
        Registry key, ``snake_case`` with the unit at the end where it has one.
    value
        Central value (the point estimate used when no draws are asked for).
    low, high
        Range the literature supports (see ``distribution`` for how draws use it).
    unit
        Unit of ``value``/``low``/``high``, e.g. ``"bp per USD 100bn"``.
    distribution
        How parameter draws are generated (module docstring).
    source
        Authors, year, venue and table/page of the number.
    confidence
        ``V``, ``V2``, ``C``, ``R`` or ``U`` (module docstring).
    notes
        How the number is derived or used, and its caveats.
    """

    name: str
    value: float
    low: float
    high: float
    unit: str
    distribution: Distribution
    source: str
    confidence: Confidence
    notes: str = ""

    def __post_init__(self) -> None:
        if not (self.low <= self.value <= self.high):
            raise InputError(f"preset {self.name!r}: expected low <= value <= high, "
                             f"got {self.low} / {self.value} / {self.high}")
        if self.distribution == "lognormal" and self.low <= 0:
            raise InputError(f"preset {self.name!r}: a lognormal preset needs a positive range")

    @property
    def range(self) -> tuple[float, float]:
        """``(low, high)``."""
        return (self.low, self.high)

    def sample(self, n: int, rng: np.random.Generator) -> NDArray[np.float64]:
        """``n`` draws from the preset's distribution (``n = 0`` gives an empty array).

        Parameters
        ----------
        n
            Number of draws.
        rng
            The generator (callers seed it once and share it across presets).
        """
        import numpy as np

        if n < 0:
            raise InputError(f"draws: expected a non-negative count, got {n}")
        lo, mid, hi = self.low, self.value, self.high
        if self.distribution == "fixed" or lo == hi:
            return np.full(n, mid, dtype=np.float64)
        if self.distribution == "uniform":
            return rng.uniform(lo, hi, n)
        if self.distribution == "triangular":
            return rng.triangular(lo, mid, hi, n)
        if self.distribution == "normal":
            sd = (hi - lo) / (2.0 * _Z95)
            return rng.normal(mid, sd, n)
        # lognormal: median `mid`; low/high are p5/p95 (log-spreads averaged if asymmetric)
        sd = (math.log(hi / mid) + math.log(mid / lo)) / (2.0 * _Z95)
        return np.exp(rng.normal(math.log(mid), sd, n))

    def to_dict(self) -> dict[str, Any]:
        """Plain dict (for JSON output and tables), worded for readers: no pointer to a file
        outside the package (:func:`treasury_leverage.bibliography.reader_source`)."""
        from treasury_leverage._format import reader_source

        out = asdict(self)
        out["source"], out["notes"] = reader_source(self.source), reader_source(self.notes)
        return out


def merge_topics(topics: Iterable[tuple[str, Iterable[Preset]]]) -> dict[str, Preset]:
    """One registry from the topic modules' tuples, in the order given.

    Parameters
    ----------
    topics
        ``(topic module name, its presets)`` pairs; the registry keeps the topics in this order
        and each topic's presets in their own order.

    Returns
    -------
    dict
        Preset name -> :class:`Preset`.

    Raises
    ------
    InputError
        If a name is defined twice (in one topic or in two): a dict would silently keep the later
        one, and a model would read a number other than the one its topic module shows.
    """
    registry: dict[str, Preset] = {}
    home: dict[str, str] = {}
    for topic, presets in topics:
        for preset in presets:
            if preset.name in registry:
                raise InputError(f"preset {preset.name!r}: defined twice, in topic {home[preset.name]!r} "
                                 f"and in topic {topic!r}; expected each name once (rename or remove one)")
            registry[preset.name] = preset
            home[preset.name] = topic
    return registry
