"""``tlev backtest``: feed actual TIC net sales into the pooled models, beside observed term premia.

A thin face over :func:`treasury_leverage.scenario.backtest.backtest`: ``--holder`` with
``--start``/``--end`` for any window, ``--episode`` for a documented preset, neither for all
presets in one table. Runs offline from the bundled snapshot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from treasury_leverage.cli._output import FORMAT_OPTION, TabularFormat

__all__ = ["backtest"]


def backtest(
    holder: Annotated[str | None, typer.Option(
        "--holder", help="Holder (e.g. china, japan) or 'official'.")] = None,
    start: Annotated[str | None, typer.Option("--start", help="First month, YYYY-MM.")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last month, YYYY-MM.")] = None,
    episode: Annotated[str | None, typer.Option(
        "--episode", help="A documented preset: china-2015, japan-2022, official-2015.")] = None,
    draws: Annotated[int, typer.Option("--draws", help="Pooled draws behind the p5-p95 band.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the draws.")] = 0,
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Also write a chart of predicted vs observed (.png/.svg; one window only).")] = None,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Predicted 10-year term-premium change (pooled peak, permanent) vs observed ACM and Kim-Wright.

    Net sales are the TIC net purchases of the window with the sign flipped (reported valuation
    where published, estimated otherwise). Without --holder or --episode: all preset episodes.
    """
    from treasury_leverage.cli._output import emit_frame, emit_json
    from treasury_leverage.errors import InputError
    from treasury_leverage.scenario.backtest import EPISODES, backtest_episode
    from treasury_leverage.scenario.backtest import backtest as run

    if holder is not None and episode is not None:
        raise InputError("--holder and --episode: expected one of them (a preset names its own holder)")
    if holder is not None:
        if start is None or end is None:
            raise InputError("--start/--end: expected both months (YYYY-MM) with --holder, e.g. "
                             "--start 2015-08 --end 2016-11")
        results = [run(holder, start, end, draws=draws, seed=seed)]
    elif episode is not None:
        results = [backtest_episode(episode, draws=draws, seed=seed)]
    else:
        results = [backtest_episode(k, draws=draws, seed=seed) for k in EPISODES]
    chart_path = None
    if chart is not None:
        if len(results) != 1:
            raise InputError("--chart: expected one window (--episode or --holder/--start/--end)")
        from treasury_leverage.report.charts import backtest_chart, save_chart

        chart_path = str(save_chart(backtest_chart(results[0]), chart))
    if fmt.value == "json":
        payload: Any = [r.to_dict() for r in results]
        emit_json({"results": payload, "chart": chart_path, "draws": draws, "seed": seed})
        return
    import pandas as pd

    frame = pd.DataFrame([r.row() for r in results])
    meta: dict[str, Any] = {
        "peak": "predicted change at the window's end, pooled p50 (p5-p95)",
        "permanent": "after the transient decays",
        "observed": "month-end before the window to its last month-end",
        "draws": draws, "seed": seed, "chart": chart_path,
        "notes": " | ".join(dict.fromkeys(n for r in results for n in r.notes)),
    }
    if fmt.value == "csv":
        emit_frame(frame, fmt)
        return
    emit_frame(_display(frame).set_index("window"), fmt, title="Backtest: 10-year term premium, bp",
               meta=meta)


def _display(frame: Any) -> Any:
    import pandas as pd

    def num(v: float | None) -> str:
        return "n/a" if v is None or v != v else (f"{v:+.1f}" if abs(v) < 10 else f"{v:+.0f}")

    return pd.DataFrame({
        "window": [f"{h.split(',')[0]} {w}" for h, w in zip(frame["holder"], frame["window"], strict=True)],
        "sold bn": [f"{v:,.0f}" for v in frame["net_sales_usd_bn"]],
        "peak": [f"{num(a)} ({num(b)}, {num(c)})" for a, b, c in
                 zip(frame["peak_p50_bp"], frame["peak_p5_bp"], frame["peak_p95_bp"], strict=True)],
        "permanent": [f"{num(a)} ({num(b)}, {num(c)})" for a, b, c in
                      zip(frame["permanent_p50_bp"], frame["permanent_p5_bp"], frame["permanent_p95_bp"],
                          strict=True)],
        "ACM": [num(v) for v in frame["observed_acm_bp"]],
        "KW": [num(v) for v in frame["observed_kim_wright_bp"]],
        "verdict (ACM / KW)": [f"{a} / {b}" for a, b in zip(frame["verdict_acm"], frame["verdict_kim_wright"],
                                                             strict=True)],
    })
