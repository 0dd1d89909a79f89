"""Chart builders for the term premium: the ACM series over time, and a yield episode's split.

Like :mod:`treasury_leverage.report.charts`: labelled frames in (column names carry units), an
Altair chart out; render with :func:`treasury_leverage.report.charts.save_chart` (PNG/SVG,
offline).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError
from treasury_leverage.report.charts.common import last_date_of, source_line, with_source_footer

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = ["episode_chart", "term_premium_chart"]

_WIDTH: Final = 620
_HEIGHT: Final = 300
#: Series of a term-premium frame -> legend label (fitted = risk-neutral + term premium).
_TP_SERIES: Final = {
    "term_premium_pct": "Term premium",
    "risk_neutral_yield_pct": "Expected short rates (risk-neutral yield)",
    "fitted_yield_pct": "Zero-coupon yield (model fit)",
}
#: Components of an episode split -> legend label, in stacking order.
_EPISODE_PARTS: Final = {
    "expected_rates_bp": "Expected short rates",
    "term_premium_bp": "Term premium",
    "residual_bp": "Residual (par vs model zero yield)",
    "unsplit_bp": "Yield change (no ACM split)",
}
_EPISODE_COLORS: Final = ("#4c78a8", "#e45756", "#bab0ac", "#72b7b2")


def _require(frame: pd.DataFrame, columns: list[str], *, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{what}: the frame lacks columns {missing}; it has {list(map(str, frame.columns))}")


def _title(title: str | None, subtitle: str | Sequence[str] | None) -> alt.TitleParams:
    import altair as alt

    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle or [])
    return alt.TitleParams(text=title or "", subtitle=lines, anchor="start")


def term_premium_chart(
    frame: pd.DataFrame,
    *,
    maturity_years: int,
    title: str | None = None,
    subtitle: str | Sequence[str] | None = None,
    show_yields: bool = True,
) -> alt.TopLevelMixin:
    """Line chart of an ACM term premium over time, with the yield and expected short rates.

    Parameters
    ----------
    frame
        Index ``date``; columns ``term_premium_pct`` and, if ``show_yields``,
        ``risk_neutral_yield_pct`` and ``fitted_yield_pct`` (as returned by
        :func:`treasury_leverage.termpremium.estimate.term_premium_series`).
    maturity_years
        Maturity, for the axis title.
    title, subtitle
        Chart title and one or more lines under it (e.g. the sample and splice).
    show_yields
        Also draw the fitted zero yield and the risk-neutral yield.
    """
    import altair as alt
    import pandas as pd

    columns = list(_TP_SERIES) if show_yields else ["term_premium_pct"]
    _require(frame, columns, what="term_premium_chart")
    long = (
        frame[columns]
        .rename(columns=_TP_SERIES)
        .rename_axis("date")
        .reset_index()
        .melt(id_vars="date", var_name="series", value_name="value_pct")
    )
    long["date"] = pd.to_datetime(long["date"])
    order = [_TP_SERIES[c] for c in columns]
    lines = (
        alt.Chart(long)
        .mark_line(strokeWidth=1.6)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("value_pct:Q", title=f"{maturity_years}-year, percent"),
            color=alt.Color(
                "series:N", title=None, sort=order,
                scale=alt.Scale(domain=order, range=["#e45756", "#4c78a8", "#9d9d9d"][: len(order)]),
                legend=alt.Legend(orient="top", labelLimit=400),
            ),
            tooltip=[alt.Tooltip("date:T"), alt.Tooltip("series:N"),
                     alt.Tooltip("value_pct:Q", format=".2f")],
        )
    )
    zero = (alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="black", strokeWidth=0.5)
            .encode(y=alt.Y("y:Q")))
    chart = alt.layer(lines, zero).properties(width=_WIDTH, height=_HEIGHT)
    if title or subtitle:
        chart = chart.properties(title=_title(title, subtitle))
    footer = source_line(frame.attrs, dataset="gsw_params", last_date=last_date_of(frame),
                         note="ACM term premium estimated by treasury-leverage on the GSW curve")
    return with_source_footer(chart, footer)


def episode_chart(
    yields: pd.DataFrame,
    *,
    path: pd.DataFrame | None = None,
    path_maturity_years: int = 10,
    title: str | None = None,
    subtitle: str | Sequence[str] | None = None,
) -> alt.TopLevelMixin:
    """Stacked bars of a yield episode's split by maturity; optionally the daily path below.

    Parameters
    ----------
    yields
        Index ``maturity_years``; columns ``change_bp``, ``expected_rates_bp``,
        ``term_premium_bp``, ``residual_bp`` (NaN where there is no split: the bar then shows
        the yield change alone), as in :attr:`EpisodeResult.yields`.
    path
        Daily levels over the window (index ``date``; ``par_<m>y_pct``, ``tp_<m>y_pct``,
        ``rn_<m>y_pct``): drawn as changes since the first day, in bp.
    path_maturity_years
        Which maturity the path panel shows.
    title, subtitle
        Chart title and one or more lines under it.
    """
    import altair as alt
    import numpy as np
    import pandas as pd

    parts_needed = ["change_bp", "expected_rates_bp", "term_premium_bp", "residual_bp"]
    _require(yields, parts_needed, what="episode_chart")
    rows: list[dict[str, Any]] = []
    labels = [f"{int(m)}y" for m in yields.index]
    for label, (_, row) in zip(labels, yields.iterrows(), strict=True):
        split = not np.isnan(float(row["term_premium_bp"]))
        parts = ("expected_rates_bp", "term_premium_bp", "residual_bp") if split else ("unsplit_bp",)
        for order, part in enumerate(parts):
            value = row["change_bp"] if part == "unsplit_bp" else row[part]
            rows.append({"maturity": label, "component": _EPISODE_PARTS[part], "order": order,
                         "value_bp": float(value)})
    bars_data = pd.DataFrame(rows).dropna(subset=["value_bp"])
    totals = pd.DataFrame({"maturity": labels, "change_bp": yields["change_bp"].to_numpy(dtype=float)})
    totals = totals.dropna()
    x = alt.X("maturity:N", title="Maturity", sort=labels, axis=alt.Axis(labelAngle=0))
    domain = list(_EPISODE_PARTS.values())
    bars = (
        alt.Chart(bars_data)
        .mark_bar(size=34)
        .encode(
            x=x,
            y=alt.Y("sum(value_bp):Q", title="Change (bp)", stack="zero"),
            color=alt.Color("component:N", title=None,
                            scale=alt.Scale(domain=domain, range=list(_EPISODE_COLORS)),
                            legend=alt.Legend(orient="top", columns=2)),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("maturity:N"), alt.Tooltip("component:N"),
                     alt.Tooltip("value_bp:Q", format="+.1f")],
        )
    )
    ticks = (
        alt.Chart(totals)
        .mark_tick(color="black", thickness=3, size=44)
        .encode(x=x, y=alt.Y("change_bp:Q"), tooltip=[alt.Tooltip("maturity:N"),
                                                      alt.Tooltip("change_bp:Q", format="+.1f")])
    )
    text = (
        alt.Chart(totals)
        .mark_text(dy=-10, fontWeight="bold")
        .encode(x=x, y=alt.Y("change_bp:Q"), text=alt.Text("change_bp:Q", format="+.0f"))
    )
    zero = (alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="black", strokeWidth=0.5)
            .encode(y=alt.Y("y:Q")))
    top = alt.layer(bars, ticks, text, zero).properties(width=_WIDTH, height=_HEIGHT)
    chart: Any = top
    m = path_maturity_years
    cols = {f"par_{m}y_pct": f"{m}y par yield", f"tp_{m}y_pct": f"{m}y term premium (ACM)",
            f"rn_{m}y_pct": f"{m}y expected short rates (ACM)"}
    if path is not None and all(c in path.columns for c in cols) and len(path) > 1:
        since = (path[list(cols)] - path[list(cols)].iloc[0]) * 100.0
        long = (
            since.rename(columns=cols).rename_axis("date").reset_index()
            .melt(id_vars="date", var_name="series", value_name="change_bp")
        )
        long["date"] = pd.to_datetime(long["date"])
        path_order = list(cols.values())
        # Short windows: one tick per day (the default puts two ticks on some days).
        axis = alt.Axis(format="%b %d", tickCount={"interval": "day", "step": 1}) if len(path) <= 31 \
            else alt.Axis()
        bottom = (
            alt.Chart(long)
            .mark_line(point=True, strokeWidth=2)
            .encode(
                x=alt.X("date:T", title=None, axis=axis),
                y=alt.Y("change_bp:Q", title="Change since start (bp)"),
                color=alt.Color("series:N", title=None, sort=path_order,
                                scale=alt.Scale(domain=path_order, range=["black", "#e45756", "#4c78a8"]),
                                legend=alt.Legend(orient="bottom")),
                tooltip=[alt.Tooltip("date:T"), alt.Tooltip("series:N"),
                         alt.Tooltip("change_bp:Q", format="+.1f")],
            )
            .properties(width=_WIDTH, height=200)
        )
        chart = alt.vconcat(top, bottom).resolve_scale(color="independent")
    if title or subtitle:
        chart = chart.properties(title=_title(title, subtitle))
    end = last_date_of(path) if path is not None else yields.attrs.get("end_date")
    footer = source_line(dataset="par_curve", last_date=end,
                         note="FRED DGS* after 2025-07-11; ACM split on the Fed's GSW curve (feds200628)")
    return with_source_footer(chart, footer)
