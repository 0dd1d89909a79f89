"""Backtest chart: the pooled prediction's p5-p95 band against the observed term-premium change.

Moved here from the CLI (issue 15: no chart is built inside a face); ``tlev backtest --chart``
calls it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import altair as alt

__all__ = ["backtest_chart"]


def backtest_chart(result: Any) -> alt.TopLevelMixin:
    """Observed 10-year term premium changes (ACM, Kim-Wright) against the pooled prediction.

    Parameters
    ----------
    result
        A backtest result (:mod:`treasury_leverage.scenario.backtest`) with ``path_frame()``
        (index ``month``: ``observed_*_bp``, ``predicted_p5_bp``, ``predicted_p50_bp``,
        ``predicted_p95_bp``), ``holder``, ``start`` and ``end``.
    """
    import altair as alt

    frame = result.path_frame().reset_index()
    long = frame.melt(id_vars=["month"], value_vars=[c for c in frame.columns if c.startswith("observed_")]
                      + ["predicted_p50_bp"], var_name="series", value_name="bp")
    long["series"] = long["series"].str.replace("_bp", "").str.replace("_", " ")
    x = alt.X("month:O", title=None)
    band = alt.Chart(frame).mark_area(opacity=0.2).encode(x=x, y=alt.Y("predicted_p5_bp:Q", title="bp"),
                                                        y2="predicted_p95_bp:Q")
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=x, y="bp:Q", color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")))
    return (band + lines).properties(
        title=f"{result.holder} {result.start}..{result.end}: 10-year term premium change (bp), "
              "pooled prediction p5-p95 vs observed", width=560, height=280)
