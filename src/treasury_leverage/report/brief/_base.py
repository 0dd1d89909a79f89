"""What the brief's modules share: a chart of the brief, number formats, the file-name slug."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from treasury_leverage.assessment._common import NOT_AVAILABLE, finite, money

__all__ = ["NOT_AVAILABLE", "BriefChart", "brief_slug", "chart", "fmt", "usd"]

#: The brief's page template.
TEMPLATE: Final = "brief.html.j2"


def brief_slug(holder: str) -> str:
    """File-name form of a holder: ``"China, Mainland"`` -> ``"china-mainland"``."""
    slug = re.sub(r"[^0-9a-z]+", "-", holder.casefold()).strip("-")
    return slug or "holder"


def fmt(value: Any, digits: int = 1, *, sign: bool = False) -> str:
    """A number with thousands separators (``"n/a"`` for None or NaN)."""
    v = finite(value)
    if v is None:
        return "n/a"
    return f"{v:+,.{digits}f}" if sign else f"{v:,.{digits}f}"


def usd(value: Any, *, sign: bool = False) -> str:
    """USD bn in the house style (``$21.9bn``), ``"n/a"`` for None or NaN."""
    return money(finite(value), sign=sign)


@dataclass(frozen=True)
class BriefChart:
    """One chart of the brief.

    Attributes
    ----------
    key
        File stem (``charts/<key>.png``, ``.svg``) and HTML id.
    title
        What the chart shows, in words (figure caption).
    spec
        The Vega-Lite spec.
    """

    key: str
    title: str
    spec: dict[str, Any] = field(repr=False)

    @property
    def dom_id(self) -> str:
        """Id of the chart's container in the HTML (``chart-<key>``; its spec is ``chart-<key>-spec``)."""
        return f"chart-{self.key}"

    def to_dict(self) -> dict[str, Any]:
        """Caption and the file names it is written to (the spec is in the HTML)."""
        return {"key": self.key, "title": self.title, "png": f"charts/{self.key}.png",
                "svg": f"charts/{self.key}.svg"}


def chart(key: str, title: str, built: Any) -> BriefChart:
    """A :class:`BriefChart` from an Altair chart."""
    from treasury_leverage.report.html import chart_spec

    return BriefChart(key=key, title=title, spec=chart_spec(built))
