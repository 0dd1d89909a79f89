"""Chart builders for the holdings atlas and the flow detective: frames in, Altair charts out.

Like :mod:`treasury_leverage.report.charts`: the frames are the ones
:mod:`treasury_leverage.holdings` returns (column names carry units), the builders only lay them
out. Render with :func:`treasury_leverage.report.charts.save_chart` (PNG/SVG, offline) or embed
the Vega-Lite spec with :mod:`treasury_leverage.report.html`. The brief (``tlev brief``), the CLI
(``tlev holders --chart``, ``tlev flows --chart``) and the dashboard share these builders.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError
from treasury_leverage.report.charts.common import last_date_of, source_line, with_source_footer

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = [
    "flows_chart",
    "holder_overview_chart",
    "holdings_history_chart",
    "maturity_profile_chart",
    "ranking_chart",
    "runoff_chart",
]

_WIDTH: Final = 560
#: Series of a holdings history -> legend label.
_HISTORY_SERIES: Final = {
    "holdings_usd_bn": "reported (TIC)",
    "adjusted_usd_bn": "custody-adjusted (assumption)",
}
#: Parts of a monthly change -> legend label, in stacking order.
_FLOW_PARTS: Final = {
    "net_purchases_usd_bn": "Net purchases (trades)",
    "valuation_usd_bn": "Valuation (price moves)",
}
_FLOW_COLORS: Final = ("#4c78a8", "#f58518")


def _require(frame: pd.DataFrame, columns: list[str], *, what: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(f"{what}: the frame lacks columns {missing}; it has {list(map(str, frame.columns))}")


def _titled(chart: Any, title: str | None, subtitle: str | None = None) -> Any:
    import altair as alt

    if title or subtitle:
        params = alt.TitleParams(text=title or "", subtitle=subtitle or "", anchor="start")
        return chart.properties(title=params)
    return chart


def ranking_chart(table: pd.DataFrame, *, title: str | None = None) -> alt.TopLevelMixin:
    """Horizontal bars of a holdings ranking, custodial centres in their own colour.

    Parameters
    ----------
    table
        As :func:`treasury_leverage.holdings.atlas.ranking` returns it: ``holder``,
        ``holdings_usd_bn``, ``custodial_centre`` and, for the tooltip,
        ``share_of_foreign_pct`` and ``change_12m_usd_bn``.
    title
        Chart title (default: the ranking's date from ``attrs``).
    """
    import altair as alt

    _require(table, ["holder", "holdings_usd_bn", "custodial_centre"], what="ranking_chart")
    data = table.reset_index()
    tips = [c for c in ("holder", "holdings_usd_bn", "share_of_foreign_pct", "change_12m_usd_bn")
            if c in data.columns]
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("holdings_usd_bn:Q", title="Holdings (USD bn)"),
        y=alt.Y("holder:N", sort="-x", title=None),
        color=alt.Color("custodial_centre:N", title="Custodial centre"),
        tooltip=tips,
    ).properties(width=520)
    default = f"Foreign holders of Treasuries, {table.attrs['date']}" if "date" in table.attrs else None
    footer = source_line(table.attrs, dataset=table.attrs.get("dataset", "holdings"),
                         last_date=table.attrs.get("date"))
    return with_source_footer(_titled(bars, title or default), footer)


def holdings_history_chart(
    history: pd.DataFrame, *, title: str | None = None, height: int = 220, footer: bool = True
) -> alt.TopLevelMixin:
    """Monthly holdings of one holder (and the custody-adjusted view if present).

    Parameters
    ----------
    history
        Index ``date``; ``holdings_usd_bn`` and optionally ``adjusted_usd_bn`` (as
        :func:`~treasury_leverage.holdings.atlas.holder_history`, joined with
        :func:`~treasury_leverage.holdings.atlas.custody_adjusted`, returns them).
    title
        Chart title (default: ``"<holder>: Treasury holdings (TIC)"``).
    height
        Plot height in pixels.
    footer
        Add the source-and-vintage footer (off when the chart is a panel of a larger one).
    """
    import altair as alt

    _require(history, ["holdings_usd_bn"], what="holdings_history_chart")
    cols = [c for c in _HISTORY_SERIES if c in history.columns]
    long = history[cols].rename(columns=_HISTORY_SERIES).rename_axis("date").reset_index()
    long = long.melt("date", var_name="series", value_name="usd_bn").dropna()
    order = [_HISTORY_SERIES[c] for c in cols]
    line = alt.Chart(long).mark_line().encode(
        x=alt.X("date:T", title=None),
        y=alt.Y("usd_bn:Q", title="Holdings (USD bn, market value)"),
        color=alt.Color("series:N", title=None, sort=order, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("date:T"), alt.Tooltip("series:N"), alt.Tooltip("usd_bn:Q", format=",.1f")],
    ).properties(width=_WIDTH, height=height)
    name = history.attrs.get("holder", "Holder")
    out = _titled(line, title or f"{name}: Treasury holdings (TIC)")
    if not footer:
        return out
    return with_source_footer(out, _holdings_source(history))


def _holdings_source(frame: pd.DataFrame) -> str:
    return source_line(frame.attrs, dataset=frame.attrs.get("dataset", "holdings"),
                       last_date=last_date_of(frame))


def maturity_profile_chart(table: pd.DataFrame, *, title: str | None = None) -> alt.TopLevelMixin:
    """Bars of a holder's maturity profile: share of holdings by remaining maturity.

    Parameters
    ----------
    table
        :meth:`treasury_leverage.holdings.profile.MaturityProfile.table`: ``bucket``,
        ``share_of_holdings_pct`` (first row the bills).
    title
        Chart title.
    """
    import altair as alt

    _require(table, ["bucket", "share_of_holdings_pct"], what="maturity_profile_chart")
    data = table.copy()
    data["part"] = ["bills (survey)" if i == 0 else "notes/bonds (assumed spread)" for i in range(len(data))]
    order = list(data["bucket"])
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("bucket:N", sort=order, title="Remaining maturity", axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("share_of_holdings_pct:Q", title="Share of holdings (%)"),
        color=alt.Color("part:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=[alt.Tooltip("bucket:N"), alt.Tooltip("share_of_holdings_pct:Q", format=".1f")],
    ).properties(width=_WIDTH, height=200)
    name = table.attrs.get("holder", "Holder")
    out = _titled(bars, title or f"{name}: maturity profile", table.attrs.get("st_source"))
    footer = source_line(table.attrs, dataset=table.attrs.get("dataset", "shl_history"),
                         last_date=table.attrs.get("date"),
                         note="bills share from the annual survey, notes/bonds spread assumed")
    return with_source_footer(out, footer)


def runoff_chart(runoff: pd.DataFrame, *, title: str | None = None, height: int = 180,
                 footer: bool = True) -> alt.TopLevelMixin:
    """Bars of a run-off schedule: how much of today's holdings matures in each year.

    Parameters
    ----------
    runoff
        :func:`~treasury_leverage.holdings.profile.runoff_schedule`: index ``year``,
        ``matures_usd_bn``, ``cumulative_pct``; ``attrs["date"]``.
    title
        Chart title (default: ``"Run-off of the <date> holdings"``).
    height
        Plot height in pixels.
    footer
        Add the source-and-vintage footer (off when the chart is a panel of a larger one).
    """
    import altair as alt

    _require(runoff, ["matures_usd_bn", "cumulative_pct"], what="runoff_chart")
    data = runoff.rename_axis("year").reset_index()
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("year:O", title="Years from now", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("matures_usd_bn:Q", title="Maturing (USD bn)"),
        tooltip=[alt.Tooltip("year:O"), alt.Tooltip("matures_usd_bn:Q", format=",.1f"),
                 alt.Tooltip("cumulative_pct:Q", format=".1f", title="cumulative %")],
    ).properties(width=_WIDTH, height=height)
    default = f"Run-off of the {runoff.attrs['date']} holdings" if "date" in runoff.attrs else "Run-off"
    out = _titled(bars, title or default)
    if not footer:
        return out
    return with_source_footer(out, source_line(runoff.attrs, dataset=runoff.attrs.get("dataset", "holdings"),
                                               last_date=runoff.attrs.get("date")))


def holder_overview_chart(history: pd.DataFrame, runoff: pd.DataFrame, *, name: str) -> alt.TopLevelMixin:
    """Holdings history above the run-off schedule (``tlev holders HOLDER --chart``)."""
    import altair as alt

    top: Any = holdings_history_chart(history, title=f"{name}: Treasury holdings (TIC)", footer=False)
    bottom: Any = runoff_chart(runoff, height=160, footer=False)
    return with_source_footer(alt.vconcat(top, bottom), _holdings_source(history))


def flows_chart(frame: pd.DataFrame, *, title: str | None = None) -> alt.TopLevelMixin:
    """Net purchases vs valuation, month by month, and cumulative net purchases with their band.

    Top panel: each month's change in holdings split into net purchases (trades) and valuation
    (price moves), stacked so that the bars add up to the change (black tick), with the
    estimation band of the net purchases as a rule. Bottom panel: cumulative net purchases and
    their band.

    Parameters
    ----------
    frame
        As :func:`treasury_leverage.holdings.flows.flows` returns it (``change_usd_bn``,
        ``valuation_usd_bn``, ``net_purchases_usd_bn``, ``net_purchases_low_usd_bn``,
        ``net_purchases_high_usd_bn``, ``cumulative_*``; ``attrs["holder"]``).
    title
        Title of the top panel.
    """
    import altair as alt
    import pandas as pd

    _require(frame, ["change_usd_bn", "valuation_usd_bn", "net_purchases_usd_bn", "net_purchases_low_usd_bn",
                     "net_purchases_high_usd_bn", "cumulative_net_purchases_usd_bn", "cumulative_low_usd_bn",
                     "cumulative_high_usd_bn"], what="flows_chart")
    data = frame.rename_axis("date").reset_index()
    # Some holders' frames carry numbers in object columns (NaN where a month has no split):
    # make them numeric so that the missing values become nulls, not NaN, in the spec.
    for col in data.columns:
        if str(col).endswith("_usd_bn"):
            data[col] = pd.to_numeric(data[col], errors="coerce")
    parts = (
        data[["date", *_FLOW_PARTS]].rename(columns=_FLOW_PARTS)
        .melt("date", var_name="part", value_name="usd_bn").dropna()
    )
    parts["order"] = parts["part"].map({v: i for i, v in enumerate(_FLOW_PARTS.values())})
    x = alt.X("yearmonth(date):T", title=None)
    bars = alt.Chart(parts).mark_bar().encode(
        x=x,
        y=alt.Y("usd_bn:Q", title="USD bn per month", stack="zero"),
        color=alt.Color("part:N", title=None, sort=list(_FLOW_PARTS.values()),
                        scale=alt.Scale(domain=list(_FLOW_PARTS.values()), range=list(_FLOW_COLORS)),
                        legend=alt.Legend(orient="top")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("yearmonth(date):T"), alt.Tooltip("part:N"),
                 alt.Tooltip("usd_bn:Q", format="+,.1f")],
    )
    base = alt.Chart(data).encode(x=x)
    ticks = base.mark_tick(color="black", thickness=2).encode(
        y=alt.Y("change_usd_bn:Q"), tooltip=[alt.Tooltip("yearmonth(date):T"),
                                             alt.Tooltip("change_usd_bn:Q", format="+,.1f")])
    whiskers = base.mark_rule(color="#333", strokeDash=[2, 2]).encode(
        y=alt.Y("net_purchases_low_usd_bn:Q"), y2=alt.Y2("net_purchases_high_usd_bn:Q"))
    zero = (alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(color="black", strokeWidth=0.5)
            .encode(y=alt.Y("y:Q")))
    name = frame.attrs.get("holder", "Holder")
    monthly = _titled(
        alt.layer(bars, whiskers, ticks, zero).properties(width=_WIDTH, height=200),
        title or f"{name}: change in holdings = net purchases + valuation",
        "black tick: change in holdings; dashed rule: estimation band of net purchases",
    )
    band = base.mark_area(opacity=0.25).encode(
        y=alt.Y("cumulative_low_usd_bn:Q", title="Cumulative net purchases (USD bn)"),
        y2=alt.Y2("cumulative_high_usd_bn:Q"),
    )
    line = base.mark_line().encode(y=alt.Y("cumulative_net_purchases_usd_bn:Q"))
    cumulative = _titled((band + line + zero).properties(width=_WIDTH, height=180),
                         "Cumulative net purchases with estimation band")
    footer = source_line(frame.attrs, dataset=frame.attrs.get("dataset", "holdings"),
                         last_date=last_date_of(frame),
                         note="valuation: TIC SLT Table 1 / Fed Bertaut-Judson where published, "
                         "else estimated")
    return with_source_footer(alt.vconcat(monthly, cumulative), footer)
