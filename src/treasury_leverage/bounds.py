"""The bounds every face applies to what a user may ask for: draws, seeds, days, sizes, dates.

One table, used by the CLI (checked on the command line before any work starts), the web
(:class:`treasury_leverage.web.limits.Limits` defaults) and the scenario specs, so a request the
web refuses is refused by ``tlev`` too, with the same one-line message, instead of running out
of memory (``impact --days 1000000`` once asked for a 74.5 GiB array).

Why these numbers: 100,000 Monte Carlo draws give a p5/p95 band whose sampling error is far
below the model's parameter uncertainty; 504 business days is two years of selling (the
scenario spec's own bound); pandas' nanosecond timestamps end in 2262, and the data start
after 1900, so dates outside 1900..2100 are typos, not questions.
"""

from __future__ import annotations

import math
import re
from typing import Final

from treasury_leverage.errors import InputError

__all__ = [
    "DATE_MAX_YEAR",
    "DATE_MIN_YEAR",
    "MAX_AMOUNT_USD_BN",
    "MAX_DAYS",
    "MAX_DRAWS",
    "MAX_GRID_CELLS",
    "MAX_OVERRIDE_MAGNITUDE",
    "MAX_SEED",
    "check_count",
    "check_date_text",
    "check_finite",
]

#: Largest number of Monte Carlo draws one run may ask for (CLI and web alike).
MAX_DRAWS: Final = 100_000
#: Largest seed (NumPy seeds are unsigned; 32 bits is what every face documents).
MAX_SEED: Final = 2**32 - 1
#: Longest sale horizon in business days (two years; the scenario spec's bound).
MAX_DAYS: Final = 504
#: Largest amount in USD bn a sale may name: about three times all marketable Treasuries.
MAX_AMOUNT_USD_BN: Final = 100_000.0
#: Largest magnitude of a preset override in a scenario spec (presets are rates, bp and shares).
MAX_OVERRIDE_MAGNITUDE: Final = 1e6
#: Largest number of cells a sweep grid may expand to.
MAX_GRID_CELLS: Final = 10_000
DATE_MIN_YEAR: Final = 1900
DATE_MAX_YEAR: Final = 2100

_YEAR: Final = re.compile(r"^\s*([+-]?\d{1,6})(?:-|$)")


def check_count(value: int, name: str, *, lo: int, hi: int) -> int:
    """``value`` if ``lo <= value <= hi``, else :class:`InputError` naming ``name`` and the range."""
    if not lo <= value <= hi:
        raise InputError(f"{name} {value}: expected an integer from {lo} to {hi:,}")
    return value


def check_finite(value: float, name: str, *, lo: float = -math.inf, hi: float = math.inf) -> float:
    """``value`` if finite and within ``lo..hi``, else :class:`InputError`."""
    if not math.isfinite(value):
        raise InputError(f"{name} {value}: expected a finite number")
    if not lo <= value <= hi:
        raise InputError(f"{name} {value:g}: expected a number from {lo:g} to {hi:g}")
    return value


def check_date_text(text: str, name: str) -> str:
    """Refuse a date whose year lies outside 1900..2100 (``1066-10``, ``2300-01``); else return it.

    Only the year is read here; the full date is parsed by the function that uses it. Text
    that is not a date at all is left to that function's own message.
    """
    match = _YEAR.match(text)
    if match is None or text.strip().lower() in ("latest", "today"):
        return text
    year = int(match.group(1))
    if len(match.group(1).lstrip("+-")) >= 4 and not DATE_MIN_YEAR <= year <= DATE_MAX_YEAR:
        raise InputError(f"{name} {text!r}: expected a date from {DATE_MIN_YEAR} to {DATE_MAX_YEAR}")
    return text
