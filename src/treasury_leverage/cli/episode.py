"""``tlev episode START END``: what moved yields, expected short rates or the term premium.

A thin face over :func:`treasury_leverage.termpremium.episode.decompose` and
:func:`treasury_leverage.report.termpremium_charts.episode_chart`; everything heavy is imported
inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from treasury_leverage.cli._output import WIDE_OPTION, Col, OutputFormat

if TYPE_CHECKING:
    from treasury_leverage.termpremium.episode import EpisodeResult

__all__ = ["episode"]

_YIELD_COLUMNS = [
    "yield_start_pct",
    "yield_end_pct",
    "change_bp",
    "expected_rates_bp",
    "term_premium_bp",
    "residual_bp",
    "note",
]


def _subtitle(result: EpisodeResult) -> str:
    infl = result.inflation
    kw = result.indicators.loc["kim_wright_tp10"]
    bits = []
    if infl.loc[["real", "breakeven"], "change_bp"].notna().all():
        bits.append(
            f"10y: real yield {infl.at['real', 'change_bp']:+.0f} bp, "
            f"breakeven {infl.at['breakeven', 'change_bp']:+.0f} bp"
        )
    if kw[["start_value", "end_value"]].notna().all():
        bits.append(f"Kim-Wright 10y term premium {kw['change']:+.0f} bp")
    return "; ".join(bits)


#: Compact views: bp as integers, yields to the published 0.01%.
_YIELD_VIEW = (Col("maturity_years", "years"), Col("yield_start_pct", "start %", 2),
               Col("yield_end_pct", "end %", 2), Col("change_bp", "change bp", 0),
               Col("expected_rates_bp", "expected rates bp", 0), Col("term_premium_bp", "term premium bp", 0),
               Col("residual_bp", "residual bp", 1))
_INFLATION_VIEW = (Col("component", "component"), Col("series_id", "series"), Col("start_pct", "start %", 2),
                   Col("end_pct", "end %", 2), Col("change_bp", "change bp", 0))
_INDICATOR_VIEW = (Col("label", "indicator"), Col("series_id", "series"), Col("start_value", "start", 2),
                   Col("end_value", "end", 2), Col("change_text", "change"))


def _print_tables(result: EpisodeResult, wide: bool = False) -> None:
    from treasury_leverage.cli._output import OutputFormat, emit_frame, stdout_console

    span = f"{result.start_date:%Y-%m-%d} -> {result.end_date:%Y-%m-%d}"
    yields = result.yields[_YIELD_COLUMNS]
    notes = [f"{m:g}-year: {n}" for m, n in yields["note"].items() if isinstance(n, str) and n]
    emit_frame(
        yields,
        OutputFormat.table,
        title=f"Treasury yields {span}: change split into expected short rates and term premium (ACM)",
        float_digits=2, columns=_YIELD_VIEW, wide=wide, footnotes=notes,
    )
    emit_frame(
        result.inflation,
        OutputFormat.table,
        title="10-year par yield = TIPS real yield + breakeven inflation",
        float_digits=2, columns=_INFLATION_VIEW, wide=wide,
    )
    ind = result.indicators[["series_id", "label", "start_value", "end_value", "change", "change_unit"]]
    ind = ind.assign(change_text=[
        f"{c:+.0f} bp" if u == "bp" else (f"{c:+.1f}%" if u == "percent" else f"{c:+.2f} {u}")
        for c, u in zip(ind["change"], ind["change_unit"], strict=True)])
    emit_frame(ind, OutputFormat.table, title="Alongside", float_digits=2, columns=_INDICATOR_VIEW, wide=wide)

    console = stdout_console()
    if result.headline():
        console.print(result.headline(), markup=False, highlight=False)
    for note in result.notes:
        console.print(f"note: {note}", markup=False, highlight=False)
    console.print(f"curve: {result.curve}", markup=False, highlight=False)
    console.print(f"[dim]model: {result.model}[/dim]", highlight=False)


def episode(
    start: Annotated[str, typer.Argument(help="First day, YYYY-MM-DD.", metavar="START")],
    end: Annotated[str, typer.Argument(help="Last day, YYYY-MM-DD.", metavar="END")],
    maturity: Annotated[
        list[int] | None,
        typer.Option("--maturity", "-m", help="Par tenor in years (repeat; default 2, 5, 10, 30)."),
    ] = None,
    chart: Annotated[Path | None, typer.Option("--chart", help="Also write a chart (.png or .svg).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="table or json.")] = OutputFormat.table,
    wide: bool = WIDE_OPTION,
) -> None:
    """Split a yield move into expected short rates and term premium (ACM); 10y real vs inflation.

    Alongside: the Kim-Wright term premium, fed funds and the yen over the same days.
    """
    from treasury_leverage.cli._output import emit_json
    from treasury_leverage.cli._progress import step
    from treasury_leverage.termpremium.episode import decompose

    if chart is not None:
        from treasury_leverage.cli._paths import check_output_path

        check_output_path(chart, kind="file", option="--chart")
    with step("Decomposing the move (ACM term premium)"):
        result = decompose(start, end, maturities=tuple(maturity) if maturity else (2, 5, 10, 30))
    payload: dict[str, Any] = result.to_dict()
    if chart is not None:
        from treasury_leverage.report.charts import save_chart
        from treasury_leverage.report.termpremium_charts import episode_chart

        # The daily path panel shows the longest maturity ACM splits (10y unless not asked for).
        ten = max((int(m) for m in result.yields.index if m <= 10), default=10)
        built = episode_chart(
            result.yields,
            path=result.path,
            path_maturity_years=ten,
            title=f"Treasury yields {result.start_date:%Y-%m-%d} -> {result.end_date:%Y-%m-%d}: "
            "expected short rates vs term premium (ACM)",
            subtitle=_subtitle(result),
        )
        payload["chart"] = str(save_chart(built, chart))
    if fmt is OutputFormat.json:
        emit_json(payload)
        return
    _print_tables(result, wide)
    if chart is not None:
        typer.echo(f"chart: {payload['chart']}")
