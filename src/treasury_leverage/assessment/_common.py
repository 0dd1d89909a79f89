"""What every part of the assessment shares: number cleaning, JSON form, the holder resolver.

A part is a frozen dataclass of numbers with unit-carrying names and plain-words ``text``;
frames kept for charts and notebooks are fields marked ``metadata={"json": False}`` and left out
of :meth:`Part.to_dict` (the released JSON keys are the brief's).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import fields, is_dataclass
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import UnknownNameError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FRAME", "NOT_AVAILABLE", "Part", "finite", "money", "ordinal", "plain", "records",
           "resolve_holder"]

#: What a part whose engine is missing says.
NOT_AVAILABLE: Final = "not available in this version"
#: Field metadata of a frame kept for charts and notebooks but not in the JSON.
FRAME: Final = {"json": False}


def finite(value: Any) -> float | None:
    """A finite float, or None (NaN, None, missing)."""
    if value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def money(value: float | None, *, sign: bool = False) -> str:
    """USD bn in the house style (``$21.9bn``), ``"n/a"`` for None."""
    if value is None:
        return "n/a"
    from treasury_leverage._format import money_bn

    return money_bn(value, signed=sign)


def ordinal(n: int) -> str:
    """``1 -> "1st"``, ``12 -> "12th"``, ``22 -> "22nd"``."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def records(frame: pd.DataFrame, columns: Sequence[str], *, index: str | None = None) -> list[dict[str, Any]]:
    """JSON-ready records of ``columns`` (index included under ``index``), NaN as None."""
    from treasury_leverage._json import to_jsonable

    data = frame[list(columns)]
    if index is not None:
        data = data.rename_axis(index).reset_index()
    return [to_jsonable(r) for r in data.to_dict(orient="records")]


def plain(value: Any) -> Any:
    """Dataclass -> dict recursively (fields marked :data:`FRAME` left out), JSON-ready.

    An object with its own ``to_dict`` that is not a part (a chart) is written by it.
    """
    from treasury_leverage._json import to_jsonable

    if is_dataclass(value) and not isinstance(value, type):
        if not isinstance(value, Part) and hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: plain(getattr(value, f.name)) for f in fields(value) if f.metadata.get("json", True)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return to_jsonable(value)


class Part:
    """Mixin of the assessment's parts: ``to_dict()``, ``summary()``, notebook view."""

    #: Title of the part in summaries and notebooks.
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: unit-carrying keys, NaN as null, frames left out."""
        out = plain(self)
        assert isinstance(out, dict)
        return out

    def summary(self) -> str:
        """The part in plain words (its ``text``, or why it is missing)."""
        text = str(getattr(self, "text", "") or "")
        note = str(getattr(self, "note", "") or "")
        return text or note

    def to_frame(self) -> pd.DataFrame | None:
        """The part's table, where it has one (None otherwise)."""
        return None

    def _repr_html_(self) -> str:
        from treasury_leverage._format import html_card

        return html_card(self.label or type(self).__name__, self.summary(), self.to_frame())


def resolve_holder(holder: str) -> str:
    """The atlas's name for ``holder`` (``"uk"`` -> ``"United Kingdom"``), or a clear error.

    Exact, alias and word-order matches resolve (:func:`~treasury_leverage.data.countries.resolve_country`);
    for anything else the error names close holders, looser than the data layer's suggestions
    so that ``"atlantis"`` still gets some.

    Raises
    ------
    UnknownNameError
        Unknown holder; the message lists close matches.
    """
    import difflib

    from treasury_leverage.data import api
    from treasury_leverage.data.countries import resolve_country
    from treasury_leverage.errors import closest

    names = api.holders()
    try:
        return resolve_country(holder, names)
    except UnknownNameError as exc:
        if closest(holder, names):  # the data layer already named close holders
            raise exc from None
    lowered = {n.casefold(): n for n in names}
    near = [lowered[m] for m in difflib.get_close_matches(holder.casefold(), list(lowered), n=3, cutoff=0.3)]
    err = UnknownNameError("holder", holder, names)
    if near:
        err.args = (f"unknown holder {holder!r}; close matches: {', '.join(repr(n) for n in near)} "
                    "(tlev holders lists them all)",)
    raise err
