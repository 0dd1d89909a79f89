"""``tlev termpremium``: the ACM term premium, 1961 -> latest, as a table and a chart.

A thin face over :func:`treasury_leverage.termpremium.estimate.term_premium_series` and
:mod:`treasury_leverage.report.termpremium_charts`; pandas and the model are imported inside the
command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from treasury_leverage.cli._output import FORMAT_OPTION, WIDE_OPTION, Col, TabularFormat

__all__ = ["termpremium"]


def termpremium(
    maturity: Annotated[int, typer.Option("--maturity", "-m", help="Maturity in years, 1..10.")] = 10,
    start: Annotated[str | None, typer.Option("--start", help="First date, YYYY-MM-DD or YYYY-MM.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last date, YYYY-MM-DD or YYYY-MM.")] = None,
    daily: Annotated[
        bool, typer.Option("--daily", help="Daily values (1990 -> latest) instead of month-end.")
    ] = False,
    chart: Annotated[Path | None, typer.Option("--chart", help="Also write a chart (.png or .svg).")] = None,
    fmt: TabularFormat = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """The ACM term premium (Adrian, Crump & Moench 2013): month-end 1961 -> latest, or daily.

    Zero-coupon yield = expected short rates (risk-neutral yield) + term premium; yields in
    percent, the term premium in basis points (term_premium_bp; term_premium_pct is kept).

    Input curves: GSW to April 2018, then Svensson fits to the Treasury par yields.
    """
    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.cli._progress import step
    from treasury_leverage.termpremium.estimate import term_premium_series

    if chart is not None:
        from treasury_leverage.cli._paths import check_output_path

        check_output_path(chart, kind="file", option="--chart")
    frequency: Literal["monthly", "daily"] = "daily" if daily else "monthly"
    with step("Estimating the ACM term premium"):
        frame = term_premium_series(maturity, start=start, end=end, frequency=frequency)
    # The house unit of the term premium is the basis point (the brief and the dashboard use it too).
    frame = frame.assign(term_premium_bp=frame["term_premium_pct"] * 100.0)
    first, last = frame.index[0], frame.index[-1]
    meta: dict[str, Any] = {
        "maturity_years": maturity,
        "frequency": frequency,
        "unit": "yields in percent, continuously compounded; term_premium_bp in basis points",
        "model": frame.attrs.get("model"),
        "curve_source": frame.attrs.get("curve_source"),
    }
    title = f"ACM {maturity}-year term premium, {frequency} {first:%Y-%m-%d} .. {last:%Y-%m-%d}"
    if chart is not None:
        from treasury_leverage.report.charts import save_chart
        from treasury_leverage.report.termpremium_charts import term_premium_chart

        built = term_premium_chart(
            frame,
            maturity_years=maturity,
            title=f"ACM {maturity}-year term premium ({frequency}, {first:%Y-%m} .. {last:%Y-%m})",
            # The provenance is long: one line per source.
            subtitle=str(frame.attrs.get("model", "")).replace("; monthly panel:", ";").split("; "),
        )
        meta["chart"] = str(save_chart(built, chart))
    columns = [Col("date", "date" if daily else "month", date_format="%Y-%m-%d" if daily else "%Y-%m"),
               Col("fitted_yield_pct", "yield %", 2), Col("risk_neutral_yield_pct", "expected rates %", 2),
               Col("term_premium_bp", "term premium bp", 0)]
    emit_frame(frame, fmt, title=title, meta=meta, float_digits=3, columns=columns, wide=wide)
