"""``tlev curve``: Yield curves: show a day's curve, decompose a move.

A thin face over :mod:`treasury_leverage.curves` (curve objects, bootstrap, NSS fit, moves) and
:mod:`treasury_leverage.report.charts`; data come from ``treasury_leverage.data.par_curve``.
Everything heavy is imported inside the commands.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from treasury_leverage.cli._output import FORMAT_OPTION, WIDE_OPTION, Col, TabularFormat

if TYPE_CHECKING:
    import pandas as pd

app = typer.Typer(help="Yield curves: show a day's curve, decompose a move.", no_args_is_help=True)


class CurveKind(StrEnum):
    """What to show of a curve."""

    par = "par"
    zero = "zero"
    forward = "forward"


class MoveKind(StrEnum):
    """Which yields a move table shows."""

    par = "par"
    zero = "zero"


class CurveMethod(StrEnum):
    """How a day's par yields become a zero curve."""

    nss = "nss"
    bootstrap = "bootstrap"


#: Compact views (80 columns): short unit-bearing headers; --wide, JSON and CSV keep the JSON names.
_SHOW_VIEW = (Col("tenor", "tenor"), Col("maturity_years", "years", 2), Col("par_yield_pct", "par %", 3),
              Col("fitted_par_yield_pct", "fitted %", 3), Col("fit_error_bp", "error bp", 1),
              Col("zero_yield_pct", "zero % (cont.)", 3),
              Col("zero_yield_semiannual_pct", "zero % (s.a.)", 3),
              Col("discount_factor", "discount factor", 5), Col("forward_rate_pct", "forward % (cont.)", 3))
_MOVE_VIEW = (Col("tenor", "tenor"), Col("maturity_years", "years", 2),
              Col("start_par_yield_pct", "start %", 2), Col("end_par_yield_pct", "end %", 2),
              Col("start_zero_yield_pct", "start %", 2), Col("end_zero_yield_pct", "end %", 2),
              Col("change_bp", "change bp", 0), Col("level_bp", "level bp", 0),
              Col("slope_bp", "slope bp", 0),
              Col("curvature_bp", "curvature bp", 0), Col("residual_bp", "residual bp", 1))

_METHOD_HELP = "nss: Svensson fit (smooth); bootstrap: exact, flat forwards between knots."
_CHART_HELP = "Also write a chart (.png or .svg)."

# Column (JSON key) and axis title per kind; conventions named explicitly.
_KIND_COLUMNS = {
    CurveKind.par: ("par_yield_pct", "Par yield (%, semiannual bond-equivalent)"),
    CurveKind.zero: ("zero_yield_pct", "Zero yield (%, continuously compounded)"),
    CurveKind.forward: ("forward_rate_pct", "Instantaneous forward (%, continuously compounded)"),
}


def _load_day(par: pd.DataFrame, date: str) -> pd.Series:
    """The day's par curve; a note on stderr if an earlier day had to be used."""
    from treasury_leverage.curves.panel import par_curve_on

    row = par_curve_on(par, date)
    requested = row.attrs["requested_date"]
    if row.name != requested:
        from treasury_leverage.cli._progress import note

        note(f"note: no par curve on {requested:%Y-%m-%d}; using {row.name:%Y-%m-%d}, "
             "the last day before it with data")
    return row


def _source(par: pd.DataFrame) -> Any:
    return par.attrs.get("source")


@app.command("show")
def show_cmd(
    date: Annotated[str, typer.Argument(help="Date, YYYY-MM-DD (an earlier day is used if none).")],
    kind: Annotated[CurveKind, typer.Option("--kind", "-k", help="par, zero or forward.")] = CurveKind.par,
    method: Annotated[CurveMethod, typer.Option("--method", help=_METHOD_HELP)] = CurveMethod.nss,
    chart: Annotated[Path | None, typer.Option("--chart", help=_CHART_HELP)] = None,
    fmt: TabularFormat = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """A day's Treasury curve at the CMT tenors: par (observed and fitted), zero or forward."""
    import numpy as np
    import pandas as pd

    import treasury_leverage.data as tld
    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.curves.panel import curve_from_par, tenor_years

    par = tld.par_curve()
    row = _load_day(par, date)
    curve = curve_from_par(row, method=method.value)
    tenors = [str(c) for c in row.index]
    mats = np.array([tenor_years(t) for t in tenors])
    column, title = _KIND_COLUMNS[kind]
    table = pd.DataFrame({"maturity_years": mats}, index=pd.Index(tenors, name="tenor"))
    if kind is CurveKind.par:
        table["par_yield_pct"] = row.to_numpy(dtype=np.float64)
        table["fitted_par_yield_pct"] = curve.par_yield(mats)
        table["fit_error_bp"] = (table["fitted_par_yield_pct"] - table["par_yield_pct"]) * 100.0
    elif kind is CurveKind.zero:
        table["zero_yield_pct"] = curve.zero_rate(mats)
        table["zero_yield_semiannual_pct"] = curve.zero_rate(mats, compounding="semiannual")
        table["discount_factor"] = curve.discount_factor(mats)
    else:
        table["forward_rate_pct"] = curve.instantaneous_forward(mats)
    used = f"{row.name:%Y-%m-%d}"
    meta = {
        "date": used,
        "requested_date": f"{row.attrs['requested_date']:%Y-%m-%d}",
        "kind": kind.value,
        "method": curve.description,
        "convention": title,
        "source": _source(par),
    }
    if chart is not None:
        from treasury_leverage.report.charts import curve_chart, save_chart

        grid = np.arange(1, round(mats.max() * 12) + 1) / 12.0
        values = {CurveKind.par: curve.par_yield, CurveKind.zero: curve.zero_rate,
                  CurveKind.forward: curve.instantaneous_forward}[kind](grid)
        line = pd.DataFrame({"maturity_years": grid, column: values})
        points = table.reset_index()[["maturity_years", "par_yield_pct"]] \
            if kind is CurveKind.par else None
        built = curve_chart(line, value_column=column, value_title=title, points=points,
                            title=f"Treasury {kind.value} curve, {used} ({method.value})")
        meta["chart"] = str(save_chart(built, chart))
    emit_frame(table, fmt, title=f"Treasury {kind.value} curve {used} ({method.value})", meta=meta,
               float_digits=3, columns=_SHOW_VIEW, wide=wide)


@app.command("move")
def move_cmd(
    start: Annotated[str, typer.Argument(help="First date, YYYY-MM-DD.")],
    end: Annotated[str, typer.Argument(help="Second date, YYYY-MM-DD.")],
    kind: Annotated[MoveKind, typer.Option("--kind", "-k", help="par or zero yields.")] = MoveKind.par,
    method: Annotated[CurveMethod, typer.Option("--method", help=_METHOD_HELP)] = CurveMethod.bootstrap,
    chart: Annotated[Path | None, typer.Option("--chart", help=_CHART_HELP)] = None,
    fmt: TabularFormat = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """How the curve moved between two dates: change in bp, and level/slope/curvature."""
    import treasury_leverage.data as tld
    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.curves.moves import decompose_move, par_change_table
    from treasury_leverage.errors import InputError

    par = tld.par_curve()
    row0 = _load_day(par, start)
    row1 = _load_day(par, end)
    if row0.name >= row1.name:
        raise InputError(
            f"start {start} must be before end {end} (dates used: {row0.name:%Y-%m-%d} and "
            f"{row1.name:%Y-%m-%d})")
    move = decompose_move(row0, row1, curve_method=method.value)
    d0, d1 = f"{row0.name:%Y-%m-%d}", f"{row1.name:%Y-%m-%d}"
    if kind is MoveKind.par:
        table = par_change_table(row0, row1)
        plot = table.rename(columns={"start_par_yield_pct": "start_pct",
                                     "end_par_yield_pct": "end_pct"})
        axis = "Par yield (%, semiannual bond-equivalent)"
    else:
        table = move.table.rename(columns={"start_zero_pct": "start_zero_yield_pct",
                                           "end_zero_pct": "end_zero_yield_pct"})
        plot = move.table.rename(columns={"start_zero_pct": "start_pct",
                                          "end_zero_pct": "end_pct"})
        axis = "Zero yield (%, continuously compounded)"
    # Factor numbers to 0.01 bp: more digits would be noise in a printed summary.
    summary = {k: round(v, 2) if isinstance(v, float) else v for k, v in move.to_dict().items()
               if k not in ("start_date", "end_date")}
    summary["tau_years"] = round(move.tau_years, 4)
    summary["r_squared"] = round(move.r_squared, 4)
    meta: dict[str, Any] = {"start_date": d0, "end_date": d1, "kind": kind.value, **summary,
                            "source": _source(par)}
    if chart is not None:
        from treasury_leverage.report.charts import curve_move_chart, save_chart

        plot = plot.reset_index()
        fitted = None
        if kind is MoveKind.zero:
            plot["factors_bp"] = plot["level_bp"] + plot["slope_bp"] + plot["curvature_bp"]
            fitted = "factors_bp"
        shape = "steepening" if move.slope_bp > 0 else "flattening"
        subtitle = (f"level {move.level_bp:+.0f} bp, slope {move.slope_bp:+.0f} bp ({shape}), "
                    f"curvature {move.curvature_bp:+.0f} bp; residual RMS "
                    f"{move.residual_rms_bp:.1f} bp (Nelson-Siegel loadings, zero curve)")
        built = curve_move_chart(plot, start_label=d0, end_label=d1, value_title=axis,
                                 title=f"Treasury curve move {d0} -> {d1}", subtitle=subtitle,
                                 fitted_column=fitted, change_title=f"Change in {kind.value} "
                                 "yield (bp)")
        meta["chart"] = str(save_chart(built, chart))
    emit_frame(table, fmt, title=f"Treasury {kind.value} curve move {d0} -> {d1}", meta=meta,
               columns=_MOVE_VIEW, wide=wide)
