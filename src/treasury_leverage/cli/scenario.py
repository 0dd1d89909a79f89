"""``tlev scenario sell|pause|runoff|repo|run``: what a holder's action does to yields and what it costs.

A thin face over :func:`treasury_leverage.scenario.run`; numpy, pandas and the models are imported
inside the commands so that ``tlev --help`` stays fast. The chart builder here only lays out
frames the library produced.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from treasury_leverage._defaults import SALE_DAYS, SCENARIO_DRAWS
from treasury_leverage.cli._output import TabularFormat

if TYPE_CHECKING:
    from treasury_leverage.scenario.result import ScenarioResult
    from treasury_leverage.scenario.spec import ScenarioSpec

__all__ = ["app"]

app = typer.Typer(
    help="What-if scenarios: a holder sells, pauses purchases, lets bonds run off or borrows at the FIMA "
    "repo facility; yields and both costs.",
    no_args_is_help=True,
)

_MODELS_HELP = ("Impact model (repeat for several; default all): beltran2013, warnock2009, "
                "ahmed_rebucci2022, kcfed2025, duration_supply, habitat, almgren_chriss, ...")
ModelOpt = Annotated[list[str] | None, typer.Option("--model", help=_MODELS_HELP)]
DrawsOpt = Annotated[int, typer.Option("--draws", help="Draws per model for p5-p95 bands (0: none).")]
SeedOpt = Annotated[int, typer.Option("--seed", help="Seed of the draws.")]
StartOpt = Annotated[str | None, typer.Option(
    "--start", help="First day, or latest (the latest curve). Default: the last day with both holdings "
    "and a curve.")]
HoldingsDateOpt = Annotated[str | None, typer.Option(
    "--holdings-date", help="Use the holdings of the last month-end at or before this date "
    "(default: the latest at or before --start); the output says when they predate the start.")]
ChartOpt = Annotated[Path | None, typer.Option("--chart", help="Also chart the 10y path (.png/.svg).")]
JgbOpt = Annotated[bool, typer.Option(
    "--jgb", help="Also report the JGB side (Japan): JGB purchases from the proceeds, the 10-year JGB yield "
    "move and the JGB mark-to-market, with the private repatriation case beside it; reported, not netted.")]
FormatOpt = Annotated[TabularFormat, typer.Option(
    "--format", "-f", help="table (summary), json (everything) or csv (one row per model).")]


def _emit(spec: ScenarioSpec, fmt: TabularFormat, chart: Path | None) -> None:
    from treasury_leverage.cli._output import emit_frame, emit_json
    from treasury_leverage.cli._progress import step
    from treasury_leverage.scenario.engine import run

    if chart is not None:
        from treasury_leverage.cli._paths import check_output_path

        check_output_path(chart, kind="file", option="--chart")
    label = f"Running the scenario ({spec.draws} draws per model)" if spec.draws else "Running the scenario"
    with step(label):
        result = run(spec)
    chart_path = None
    if chart is not None:
        from treasury_leverage.report.charts import save_chart
        from treasury_leverage.report.charts.scenarios import yield_path_chart

        chart_path = str(save_chart(yield_path_chart(result), chart))
    if fmt.value == "csv":
        emit_frame(result.summary_frame(), fmt)
        return
    if fmt.value == "json":
        payload = result.to_dict()
        if chart_path:
            payload["chart"] = chart_path
        emit_json(payload)
        return
    _print_summary(result, chart_path)
    _print_jgb(result)


def _print_jgb(result: ScenarioResult) -> None:
    """The JGB side (``--jgb``): one line per case, labelled as not netted."""
    from treasury_leverage.cli._output import stdout_console

    console = stdout_console()
    for h in result.holders:
        side = h.get("jgb")
        if not side:
            continue
        if not side.get("available"):
            console.print(f"JGB side: {side['note']}", markup=False)
            continue
        console.print(f"{side['label']}:", markup=False)
        cases = (("action_case", "this action"),
                 ("repatriation_case", "if private holders repatriated the same amount"))
        for key, what in cases:
            c = side[key]
            lo, hi = c["jgb_10y_change_bp_range"]
            console.print(f"  {what}: JGB purchases JPY {c['jgb_purchases_jpy_tn']:,.1f}tn, 10-year JGB "
                          f"yield {c['jgb_10y_change_bp']:+.1f} bp [{lo:+.1f},{hi:+.1f}], mark-to-market "
                          f"gain on JPY {c['jgb_holdings_jpy_tn']:,.0f}tn of JGBs "
                          f"USD {c['jgb_mtm_gain_usd_bn']:,.1f}bn", markup=False)
        for note in side["notes"]:
            console.print(f"  - {note}", markup=False)


@app.command("sell")
def sell(
    holder: Annotated[str, typer.Argument(help="Holder, e.g. japan, china, uk.")],
    amount: Annotated[str, typer.Argument(help="USD bn (300) or percent of holdings (25%).")],
    days: Annotated[
        int, typer.Option("--days", help="Business days over which it sells (preset "
                          "default_sale_business_days).")
    ] = SALE_DAYS,
    mix: Annotated[
        str, typer.Option("--mix", help="pro-rata, bills-first, longest-first or buckets (with --bucket).")
    ] = "pro-rata",
    bucket: Annotated[
        list[str] | None,
        typer.Option("--bucket", help="With --mix buckets: MATURITY=SHARE, e.g. --bucket 10y=0.5 (repeat)."),
    ] = None,
    schedule: Annotated[
        str, typer.Option("--schedule", help="even, front-loaded or almgren-chriss.")] = "even",
    convert: Annotated[
        float | None, typer.Option("--convert", help="Share (0-1) of proceeds sold for home currency "
                                   "(default: 1 for an official seller, 0 for a private one).")] = None,
    jgb: JgbOpt = False,
    model: ModelOpt = None,
    draws: DrawsOpt = SCENARIO_DRAWS,
    seed: SeedOpt = 0,
    start: StartOpt = None,
    holdings_date: HoldingsDateOpt = None,
    chart: ChartOpt = None,
    fmt: FormatOpt = TabularFormat.table,
) -> None:
    """A holder sells AMOUNT of Treasuries over --days: yield path with bands, its cost, the U.S. cost."""
    from treasury_leverage.scenario.spec import sell_spec

    spec = sell_spec(holder, amount, days=days, mix=mix, schedule=schedule, convert_share=convert,
                     buckets=_buckets(bucket), models=model, draws=draws, seed=seed, start=start,
                     holdings_date=holdings_date, jgb=jgb)
    _emit(spec, fmt, chart)


@app.command("pause")
def pause(
    holder: Annotated[str, typer.Argument(help="Holder, e.g. japan.")],
    months: Annotated[int, typer.Option("--months", help="Months without net purchases.")] = 12,
    baseline: Annotated[
        float | None,
        typer.Option("--baseline", help="Forgone purchases, USD bn a month (default: the official share of "
                     "the trailing average, window preset pause_baseline_months)."),
    ] = None,
    model: ModelOpt = None,
    draws: DrawsOpt = SCENARIO_DRAWS,
    seed: SeedOpt = 0,
    start: StartOpt = None,
    holdings_date: HoldingsDateOpt = None,
    chart: ChartOpt = None,
    fmt: FormatOpt = TabularFormat.table,
) -> None:
    """A holder stops net purchases for --months (against its trailing purchases, shown)."""
    from treasury_leverage.scenario.spec import pause_spec

    spec = pause_spec(holder, months, baseline_usd_bn_per_month=baseline, models=model, draws=draws,
                      seed=seed, start=start, holdings_date=holdings_date)
    _emit(spec, fmt, chart)


@app.command("runoff")
def runoff(
    holder: Annotated[str, typer.Argument(help="Holder, e.g. japan.")],
    months: Annotated[int, typer.Option("--months", help="Months without reinvesting what matures.")] = 24,
    convert: Annotated[
        float | None, typer.Option("--convert", help="Share (0-1) of redemptions sold for home currency "
                                   "(default: preset official_runoff_convert_share, 0: a run-off is not an "
                                   "intervention; 0 for a private holder).")] = None,
    jgb: JgbOpt = False,
    model: ModelOpt = None,
    draws: DrawsOpt = SCENARIO_DRAWS,
    seed: SeedOpt = 0,
    start: StartOpt = None,
    holdings_date: HoldingsDateOpt = None,
    chart: ChartOpt = None,
    fmt: FormatOpt = TabularFormat.table,
) -> None:
    """A holder lets maturing Treasuries run off for --months (amounts from its run-off schedule)."""
    from treasury_leverage.scenario.spec import runoff_spec

    spec = runoff_spec(holder, months, convert_share=convert, models=model, draws=draws, seed=seed,
                       start=start, holdings_date=holdings_date, jgb=jgb)
    _emit(spec, fmt, chart)


@app.command("repo")
def repo(
    holder: Annotated[str, typer.Argument(help="An official holder, e.g. japan.")],
    amount: Annotated[float, typer.Argument(help="Dollars raised, USD bn (e.g. 300).")],
    months: Annotated[
        int | None, typer.Option("--months", help="Months the overnight repo is rolled (default: preset "
                                 "fima_repo_default_months, 12).")] = None,
    start: StartOpt = None,
    fmt: FormatOpt = TabularFormat.table,
) -> None:
    """Sell without selling: HOLDER raises AMOUNT at the Fed's FIMA repo facility (cost in present
    value, no market impact; the same numbers as the game's 'repo' response)."""
    from treasury_leverage.cli._output import emit_frame, emit_machine, stdout_console
    from treasury_leverage.scenario.repo import repo_scenario

    result = repo_scenario(holder, amount, months, start=start)
    if emit_machine(result, fmt):
        return
    console = stdout_console()
    console.print(f"{result.holder} raises USD {result.amount_usd_bn:,.0f}bn at the Fed's FIMA repo facility "
                  f"for {result.months} months (start {result.start}; spread over IORB "
                  f"{result.spread_bp:g} bp a year, preset fima_repo_spread_over_iorb_bp)", markup=False)
    emit_frame(result.summary_frame().set_index("item"), fmt,
               title=f"Cost over {result.horizon_years} years: present value (the game's basis) and cash",
               footnotes=list(result.notes))


@app.command("run")
def run_file(
    spec_file: Annotated[Path, typer.Argument(help="Scenario spec (.yaml, .yml or .json).")],
    draws: Annotated[int | None, typer.Option("--draws", help="Override the spec's draws.")] = None,
    seed: Annotated[int | None, typer.Option("--seed", help="Override the spec's seed.")] = None,
    chart: ChartOpt = None,
    fmt: FormatOpt = TabularFormat.table,
) -> None:
    """Run a spec file: several holders (a coalition), each with an action, optional tariffs."""
    from treasury_leverage.scenario.spec import load_spec, parse_spec

    spec = load_spec(spec_file)
    if draws is not None or seed is not None:
        data = spec.to_json_dict()
        data.update({k: v for k, v in (("draws", draws), ("seed", seed)) if v is not None})
        spec = parse_spec(data)
    _emit(spec, fmt, chart)


def _buckets(items: list[str] | None) -> dict[str, float] | None:
    from treasury_leverage.errors import ScenarioError

    if not items:
        return None
    out: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise ScenarioError(f"invalid scenario: actors[0].action.buckets: expected MATURITY=SHARE "
                                f"(e.g. 10y=0.5), got {item!r}")
    return out


# -- rendering --------------------------------------------------------------------------------


def _cell(value: float, lo: float | None = None, hi: float | None = None, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}"
    if lo is not None and hi is not None:
        # The band on its own line, in whole units: the table keeps to 80 columns.
        text += f"\n[{_whole(lo)},{_whole(hi)}]"
    return text


def _whole(v: float) -> str:
    return f"{v:.0f}" if abs(v) >= 10 else f"{v:.1f}"


def _action_line(h: dict[str, Any]) -> str:
    """The holder's action in plain English: "sell $300bn over 60 days after a 10% tariff"."""
    from treasury_leverage._format import money_bn, pct

    name = h["holder"]
    if h["action"] == "sell":
        amount = float(h["sell_usd_bn"])
        line = (f"{name} sells {money_bn(amount, 0 if amount.is_integer() else 1)} "
                f"over {h['days']} days ({h['mix']}, {h['schedule']} schedule")
        converted = f", {pct(100 * h['convert_share'], 0)} converted to home currency"
        line += (converted if h["convert_share"] else "") + ")"
    elif h["action"] == "pause":
        line = (f"{name} pauses purchases for {h['months']} months (forgone "
                f"{money_bn(h['baseline_usd_bn_per_month'])} a month, {h['baseline_source']})")
    elif h["action"] == "runoff":
        line = (f"{name} lets maturing bonds run off for {h['months']} months "
                f"({money_bn(h['matured_usd_bn'])} not reinvested)")
    else:
        line = f"{name}: {h['action']}"
    if "tariff_pct" in h:
        line += (f" after a {pct(h['tariff_pct'])} tariff (its purchases fall by "
                 f"{money_bn(h['trade_shortfall_usd_bn'])})")
    return line


def _fx_cell(usd_bn: float, home_bn: float, currency: str | None, wide: bool) -> str:
    text = _cell(usd_bn)
    if wide and usd_bn and currency and home_bn == home_bn:  # NaN when no exchange rate is in the data
        text += f" ({currency} {home_bn:,.0f}bn)"
    return text


def _print_summary(result: ScenarioResult, chart_path: str | None, wide: bool = False) -> None:
    from rich import box
    from rich.table import Table

    from treasury_leverage._format import house_style, money_bn
    from treasury_leverage.cli._output import stdout_console

    console = stdout_console()

    def table(title: str) -> Table:
        return Table(title=title, header_style="bold", title_justify="left", box=box.SIMPLE_HEAD,
                     show_edge=False, pad_edge=False, collapse_padding=True)

    grid, index = result.end_point()
    month = index // result.days_per_month + 1
    when = f"{grid} {index + 1}" + (f", about month {month}" if grid == "day" else "")
    band = " median \\[p5,p95]" if result.draws else ""  # escaped: Rich would read [p5,p95] as markup
    # With draws every cell is the median of the draws, so the pooled row and the pooled headline
    # below agree (the pooled mixture's central path is a weighted mean, not its median).
    mid = "p50" if result.draws else None
    for h in result.holders:
        console.print(f"{_action_line(h)}; holdings {money_bn(h['holdings_usd_bn'])} "
                      f"({result.holdings_date:%Y-%m})", markup=False)

    yields = table(f"Yield change at the end ({when}), bp{band}")
    yields.add_column("model", no_wrap=True)
    for label in ("2y", "5y", "10y", "30y"):
        yields.add_column(label, justify="right")
    for name in result.models:
        cells = []
        for m in (2.0, 5.0, 10.0, 30.0):
            v = result.shift_bp(name, m, grid=grid, index=index, band=mid)
            lo = result.shift_bp(name, m, grid=grid, index=index, band="p5") if result.draws else None
            hi = result.shift_bp(name, m, grid=grid, index=index, band="p95") if result.draws else None
            cells.append(_cell(v, lo, hi))
        yields.add_row(name, *cells)
    console.print(yields)
    if result.pooled is not None:  # the default answer: the pooled mixture (issue 12)
        pp, pool = result.peak_permanent("pooled", 10.0), result.pooled

        def q(d: dict[str, Any]) -> str:
            return (f"{d['p50']:.1f} \\[{d['p5']:.1f}, {d['p95']:.1f}]" if "p50" in d
                    else f"{d['central']:.1f} (central)")
        line = (f"pooled answer, 10y: peak {q(pp['peak_bp'])} bp, permanent {q(pp['permanent_bp'])} bp "
                f"(stock literature: {pool['stock_literature_permanent_10y_bp'][0]:.1f}-"
                f"{pool['stock_literature_permanent_10y_bp'][1]:.1f} bp for "
                f"{pool['sold_ten_year_equivalents_usd_bn']:,.0f} USD bn of 10-year equivalents)")
        if "permanent_shift_us_cost_10y_usd_bn" in pool:
            cost = pool["permanent_shift_us_cost_10y_usd_bn"]
            line += (f"; U.S. 10-year cost of the permanent shift {cost:,.0f} USD bn vs CBO's rule scaled "
                     f"{pool['cbo_rule_scaled_usd_bn']:,.0f}")
        console.print(line)

    if result.holders:
        many = len(result.holders) > 1
        who = "holders'" if many else f"{result.holders[0]['holder']}'s"
        # Items at central parameters so that they add up to the total; the band is of the draws.
        horizon = result.holders[0].get("cost_horizon_years", 10)
        cost = table(f"{who.capitalize() if many else who} cost, $bn, present value over {horizon} years "
                     f"(positive = loss), central{' [p5,p95]' if result.draws else ''}".replace("[", "\\["))
        heads = ["model", *(["holder"] if many else []), "concession", "carry", f"MTM at {horizon}y", "FX",
                 "PV total", "at end"]
        for col in heads:
            cost.add_column(col, justify="left" if col in ("model", "holder") else "right",
                            no_wrap=col == "model")
        for name in result.models:
            for h in result.holders:
                def get(item: str, b: str | None = None, holder: str = h["holder"],
                        model: str = name) -> float:
                    return result.cost(model, holder, item, band=b)

                total = _cell(get("total_pv_usd_bn"), get("total_pv_usd_bn", "p5") if result.draws else None,
                              get("total_pv_usd_bn", "p95") if result.draws else None)
                cost.add_row(name, *([h["holder"]] if many else []), _cell(get("concession_usd_bn")),
                             _cell(get("carry_usd_bn")), _cell(get("horizon_mark_to_market_usd_bn")),
                             _fx_cell(get("fx_usd_bn"), get("fx_home_currency_bn"), h.get("home_currency"),
                                      wide),
                             total, _cell(get("total_usd_bn")))
        console.print(cost)
        console.print("PV total = concession + carry (maturing bonds and kept dollars reinvested to the "
                      "horizon at the new yields; negative = a gain) + mark-to-market at the horizon of "
                      "bonds still held + FX, discounted at the start day's par curve; at end: the whole "
                      "ladder marked at the end of the action (total_usd_bn); undiscounted: "
                      "total_cash_usd_bn in --format json", style="dim", markup=False)
        for h in result.holders:
            if h.get("convert_basis"):
                console.print(f"{h['holder']}: {h['convert_basis']}", style="dim", markup=False)

    if result.us_bill:
        us = table(f"Cost to the United States: extra federal interest, $bn{band}")
        us.add_column("model", no_wrap=True)
        first = next(iter(result.us_bill.values()))
        shown = [k for k, h in enumerate(first["horizons_years"]) if h in (5, 10)]  # 80 columns; all in JSON
        for k in shown:
            us.add_column(f"{first['horizons_years'][k]}y", justify="right")
        us.add_column("10y % GDP", justify="right")
        us.add_column("PV", justify="right")
        us.add_column("mortgage bp", justify="right")
        for name, b in result.us_bill.items():
            bands = b.get("extra_interest_bands_usd_bn")
            cells = [_cell(v, bands[k][0] if bands else None, bands[k][2] if bands else None)
                     for k, v in enumerate(b["extra_interest_usd_bn"]) if k in shown]
            pvb = b.get("pv_extra_interest_bands_usd_bn")
            us.add_row(name, *cells, _cell(b["pct_gdp"][-1], digits=2),
                       _cell(b.get("pv_extra_interest_usd_bn", float("nan")), pvb[0] if pvb else None,
                             pvb[2] if pvb else None),
                       _cell(b["mortgage_rate_shift_bp_peak"], digits=0))
        console.print(us)
        console.print("mortgage bp: peak shift of the 30-year mortgage rate; PV: the extra debt at the "
                      "cost horizon discounted at the start day's par curve (the holder's basis)",
                      style="dim", markup=False)
        views = (result.us_bill.get("pooled") or next(iter(result.us_bill.values()))).get("views")
        if views:
            console.print(f"U.S. views (PV, {'pooled' if 'pooled' in result.us_bill else 'first model'}): "
                          f"fiscal {views['fiscal_pv_usd_bn']:,.1f} $bn ({views['labels']['fiscal']}); "
                          f"national {views['national_pv_usd_bn']:,.1f} $bn ({views['labels']['national']}); "
                          "households: "
                          f"mortgage rate +{views['households_mortgage_rate_shift_bp_peak']:,.0f} bp at peak",
                          markup=False)
    for note in result.notes:
        console.print(f"note: {house_style(note)}", style="dim", markup=False)
    prov = result.provenance()
    console.print(f"spec {prov['spec_hash']}; start {prov['start']}; draws {prov['draws']}, seed "
                  f"{prov['seed']}; holdings vintage {prov['data_vintages'].get('holdings')}; presets "
                  f"and full paths: --format json", style="dim", markup=False)
    if chart_path:
        console.print(f"chart: {chart_path}", style="dim", markup=False)
