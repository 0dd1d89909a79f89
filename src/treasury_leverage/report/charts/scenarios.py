"""Chart of the standard scenario table: yields impact with bands and both sides' bills per case.

:func:`yield_path_chart` draws one scenario's 10-year path by model (`tlev scenario --chart`).
Rows are :class:`treasury_leverage.assessment.ScenarioRow` (or anything with the same
attributes); the brief and notebooks draw the table with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["scenario_table_chart", "yield_path_chart"]


def scenario_table_chart(rows: Sequence[Any]) -> Any:
    """Impact (10y, 30y) with bands, and both sides' bills, one line per scenario.

    Parameters
    ----------
    rows
        The available rows of a scenario table (``description``, ``impact_10y_bp``,
        ``impact_10y_p5_bp``... ``holder_cost_usd_bn``, ``us_cost_usd_bn``, ``us_cost_horizon_years``).
    """
    import altair as alt
    import pandas as pd

    impact = pd.DataFrame([
        {"scenario": r.description, "maturity": m, "impact_bp": getattr(r, f"impact_{m}_bp"),
         "low_bp": getattr(r, f"impact_{m}_p5_bp"), "high_bp": getattr(r, f"impact_{m}_p95_bp")}
        for r in rows for m in ("10y", "30y")
    ])
    order = [r.description for r in rows]
    y = alt.Y("scenario:N", sort=order, title=None, axis=alt.Axis(labelLimit=320))
    offset = alt.YOffset("maturity:N")
    color = alt.Color("maturity:N", title="Maturity", legend=alt.Legend(orient="top"))
    rules = alt.Chart(impact).mark_rule(strokeWidth=2, opacity=0.6).encode(
        y=y, yOffset=offset, x=alt.X("low_bp:Q", title="Yield impact at the end of the action (bp)"),
        x2=alt.X2("high_bp:Q"), color=color)
    points = alt.Chart(impact).mark_point(filled=True, size=70).encode(
        y=y, yOffset=offset, x=alt.X("impact_bp:Q"), color=color,
        tooltip=[alt.Tooltip("scenario:N"), alt.Tooltip("maturity:N"),
                 alt.Tooltip("impact_bp:Q", format=".1f"),
                 alt.Tooltip("low_bp:Q", format=".1f"), alt.Tooltip("high_bp:Q", format=".1f")])
    top = alt.layer(rules, points).properties(width=420, height=alt.Step(14),
                                              title="Yield impact: median over models, band p5-p95")
    bills = pd.DataFrame([
        {"scenario": r.description, "side": side, "cost_usd_bn": value}
        for r in rows
        for side, value in (("holder's bill", r.holder_cost_usd_bn),
                            (f"U.S. extra interest ({r.us_cost_horizon_years}y)", r.us_cost_usd_bn))
        if value is not None
    ])
    bottom = alt.Chart(bills).mark_bar().encode(
        y=y, yOffset=alt.YOffset("side:N"), x=alt.X("cost_usd_bn:Q", title="USD bn (median over models)"),
        color=alt.Color("side:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("scenario:N"), alt.Tooltip("side:N"),
                 alt.Tooltip("cost_usd_bn:Q", format=",.1f")],
    ).properties(width=420, height=alt.Step(14), title="Who pays: the holder's bill and the U.S. bill")
    return alt.vconcat(top, bottom).resolve_scale(color="independent")


def yield_path_chart(result: Any) -> Any:
    """The 10-year yield path of a :class:`~treasury_leverage.scenario.result.ScenarioResult` by
    model, month by month: the central line and the p5-p95 band (the central value where the run
    had no draws)."""
    import altair as alt

    frame = result.yield_frame("month")
    frame = frame[frame["maturity_years"] == 10.0].copy()
    if "p5_bp" not in frame:
        frame["p5_bp"] = frame["shift_bp"]
        frame["p95_bp"] = frame["shift_bp"]
    x = alt.X("month:Q", title="Months after the start")
    color = alt.Color("model:N", title=None, legend=alt.Legend(orient="bottom"))
    band = (alt.Chart(frame).mark_area(opacity=0.12)
            .encode(x=x, y=alt.Y("p5_bp:Q"), y2=alt.Y2("p95_bp:Q"), color=color))
    line = alt.Chart(frame).mark_line(strokeWidth=2).encode(
        x=x, y=alt.Y("shift_bp:Q", title="10-year yield change (bp)"), color=color)
    return alt.layer(band, line).properties(
        width=560, height=320, title="10-year yield path by model (line: central; band: p5-p95)")
