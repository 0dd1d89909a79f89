"""Yield-curve charts: a curve (with its fit and points) and a move between two days.

Builders take frames whose column names carry units (``maturity_years``, ``yield_pct``,
``change_bp``) so the axes can say what they show; render with
:func:`~treasury_leverage.report.charts.common.save_chart`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.report.charts.common import require_columns, source_line, with_source_footer

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = ["curve_chart", "curve_move_chart"]

_WIDTH: Final = 560
_HEIGHT: Final = 300


def curve_chart(
    frame: pd.DataFrame, *, value_column: str, value_title: str,
    series_column: str | None = None, points: pd.DataFrame | None = None,
    title: str | None = None, source: str | None = None,
) -> alt.TopLevelMixin:
    """Line chart of one or more curves against maturity.

    Every chart carries a source-and-vintage footer (:func:`with_source_footer`): ``source``,
    or :func:`source_line` of ``frame.attrs`` (its ``date`` as the last date).

    Parameters
    ----------
    frame
        Long frame with ``maturity_years``, ``value_column`` and optionally ``series_column``
        (one line per label, e.g. ``"zero (NSS)"``).
    value_column, value_title
        The y column (e.g. ``"zero_yield_pct"``) and its axis title (e.g. ``"Zero yield (%)"``).
    series_column
        Column naming the line each row belongs to; ``None`` draws one line.
    points
        Optional observations drawn as dots (``maturity_years``, ``value_column`` and, if
        given, ``series_column``), e.g. the published par yields.
    title
        Chart title.
    source
        The footer line (default: :func:`source_line` of ``frame.attrs``).
    """
    import altair as alt

    require_columns(frame, ["maturity_years", value_column], what="curve_chart")
    x = alt.X("maturity_years:Q", title="Maturity (years)", scale=alt.Scale(domainMin=0))
    y = alt.Y(f"{value_column}:Q", title=value_title, scale=alt.Scale(zero=False))
    enc: dict[str, Any] = {"x": x, "y": y}
    if series_column is not None:
        require_columns(frame, [series_column], what="curve_chart")
        enc["color"] = alt.Color(f"{series_column}:N", title=None,
                                 legend=alt.Legend(orient="bottom"))
    base = alt.Chart(frame).mark_line(strokeWidth=2).encode(**enc)
    layers: list[Any] = [base]
    if points is not None:
        require_columns(points, ["maturity_years", value_column], what="curve_chart points")
        penc = dict(enc)
        if series_column is not None and series_column not in points.columns:
            penc.pop("color")
        layers.append(alt.Chart(points).mark_point(filled=True, size=40, color="black")
                      .encode(**penc, tooltip=["maturity_years", value_column]))
    chart = alt.layer(*layers) if len(layers) > 1 else base
    props: dict[str, Any] = {"width": _WIDTH, "height": _HEIGHT}
    if title:
        props["title"] = title
    line = source or source_line(frame.attrs, last_date=frame.attrs.get("date"))
    return with_source_footer(chart.properties(**props), line)


def curve_move_chart(
    frame: pd.DataFrame, *, start_label: str, end_label: str, value_title: str = "Yield (%)",
    title: str | None = None, subtitle: str | None = None, fitted_column: str | None = None,
    change_title: str = "Change (bp)", source: str | None = None,
) -> alt.TopLevelMixin:
    """Two panels: the start and end curves, and the change in basis points.

    Parameters
    ----------
    frame
        One row per maturity with ``maturity_years``, ``start_pct``, ``end_pct``,
        ``change_bp`` and, optionally, ``fitted_column`` (e.g. the level + slope + curvature
        part of the change, drawn as a line over the change).
    start_label, end_label
        Legend labels of the two curves (e.g. the dates).
    value_title
        Y title of the top panel (say par or zero).
    title, subtitle
        Chart title and a line under it (e.g. the level/slope/curvature numbers).
    fitted_column
        Column of a smooth fit of ``change_bp`` to overlay, or ``None``.
    change_title
        Y title of the bottom panel.
    source
        The footer line (default: :func:`source_line` of ``frame.attrs``).
    """
    import altair as alt
    import pandas as pd

    require_columns(frame, ["maturity_years", "start_pct", "end_pct", "change_bp"],
             what="curve_move_chart")
    long = pd.concat([
        pd.DataFrame({"maturity_years": frame["maturity_years"], "yield_pct": frame["start_pct"],
                      "curve": start_label}),
        pd.DataFrame({"maturity_years": frame["maturity_years"], "yield_pct": frame["end_pct"],
                      "curve": end_label}),
    ], ignore_index=True)
    x = alt.X("maturity_years:Q", title="Maturity (years)", scale=alt.Scale(domainMin=0))
    top = (
        alt.Chart(long).mark_line(point=True, strokeWidth=2)
        .encode(x=x, y=alt.Y("yield_pct:Q", title=value_title, scale=alt.Scale(zero=False)),
                color=alt.Color("curve:N", title=None, sort=[start_label, end_label],
                                legend=alt.Legend(orient="top")))
        .properties(width=_WIDTH, height=_HEIGHT)
    )
    change = frame[["maturity_years", "change_bp"]].copy()
    change["zero_bp"] = 0.0
    stems = alt.Chart(change).mark_rule(strokeWidth=3, color="#4c78a8").encode(
        x=x, y=alt.Y("zero_bp:Q", title=change_title), y2="change_bp:Q")
    heads = alt.Chart(change).mark_point(filled=True, size=50, color="#4c78a8").encode(
        x=x, y="change_bp:Q", tooltip=["maturity_years", "change_bp"])
    layers: list[Any] = [stems, heads]
    if fitted_column is not None:
        require_columns(frame, [fitted_column], what="curve_move_chart")
        fit = frame[["maturity_years", fitted_column]].rename(columns={fitted_column: "fit_bp"})
        layers.append(alt.Chart(fit).mark_line(color="#e45756", strokeDash=[4, 3])
                      .encode(x=x, y="fit_bp:Q"))
    bottom = alt.layer(*layers).properties(width=_WIDTH, height=180)
    chart = alt.vconcat(top, bottom)
    if title or subtitle:
        chart = chart.properties(title=alt.TitleParams(text=title or "", subtitle=subtitle or ""))
    return with_source_footer(chart, source or source_line(frame.attrs, last_date=frame.attrs.get("date")))
