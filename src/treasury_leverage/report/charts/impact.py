"""Impact charts: the yield-curve response of a sale by model, and the execution frontier.

Moved here from the CLI (issue 15: no chart is built inside a face); ``tlev impact --chart`` and
``tlev execution --chart`` call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = ["frontier_chart", "impact_response_chart"]


def impact_response_chart(results: Sequence[Any]) -> alt.TopLevelMixin:
    """Yield change at the end of the sale across maturities, one line (and p5-p95 band) per model.

    Parameters
    ----------
    results
        :class:`~treasury_leverage.impact.base.ImpactResult` objects (``model``,
        ``maturities_years``, ``impact_bp``, ``bands_bp``); without draws the band collapses
        onto the line.
    """
    import altair as alt
    import pandas as pd

    rows = []
    for res in results:
        for j, m in enumerate(res.maturities_years):
            band = res.bands_bp[:, -2, j] if res.bands_bp is not None else [res.impact_bp[-1, j]] * 3
            rows.append({"model": res.model, "maturity_years": m, "impact_bp": res.impact_bp[-1, j],
                         "p5_bp": band[0], "p95_bp": band[2]})
    frame = pd.DataFrame(rows)
    x = alt.X("maturity_years:Q", title="Maturity (years)")
    color = alt.Color("model:N", title=None, legend=alt.Legend(orient="bottom"))
    band = alt.Chart(frame).mark_area(opacity=0.15).encode(x=x, y="p5_bp:Q", y2="p95_bp:Q", color=color)
    line = alt.Chart(frame).mark_line(strokeWidth=2).encode(
        x=x, y=alt.Y("impact_bp:Q", title="Yield change at the end of the sale (bp)"), color=color)
    return alt.layer(band, line).properties(
        width=560, height=320, title="Yield-curve response by model (line: central; band: p5-p95)")


def frontier_chart(frontier: pd.DataFrame, plans: pd.DataFrame) -> alt.TopLevelMixin:
    """The Almgren-Chriss efficient frontier with the compared schedules marked.

    Parameters
    ----------
    frontier
        :func:`~treasury_leverage.impact.execution.efficient_frontier` (``cost_usd_bn``,
        ``cost_sd_usd_bn``).
    plans
        One row per schedule: ``strategy``, ``cost_usd_bn``, ``cost_sd_usd_bn``.

    References
    ----------
    Almgren, R. and N. Chriss (2000), "Optimal execution of portfolio transactions", *Journal of
    Risk* 3(2), 5-39 (the efficient frontier of expected cost against its standard deviation).
    """
    import altair as alt

    line = alt.Chart(frontier).mark_line(strokeWidth=2).encode(
        x=alt.X("cost_sd_usd_bn:Q", title="Standard deviation of cost (USD bn)"),
        y=alt.Y("cost_usd_bn:Q", title="Expected cost (USD bn)", scale=alt.Scale(zero=False)))
    points = alt.Chart(plans).mark_point(filled=True, size=80).encode(
        x="cost_sd_usd_bn:Q", y="cost_usd_bn:Q", color=alt.Color("strategy:N", title=None))
    labels = points.mark_text(dx=8, align="left").encode(text="strategy:N")
    return alt.layer(line, points, labels).properties(
        width=560, height=320, title="Almgren-Chriss efficient frontier")
