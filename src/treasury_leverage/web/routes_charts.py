"""Chart routes: Vega-Lite specifications from the report's chart builders.

The dashboard embeds them with the locally served vega-embed; the same builders draw the brief's
PNG/SVG charts, so the page and the brief cannot disagree. Each route computes its frame with
the same Python API call as the matching JSON route.
"""

# No ``from __future__ import annotations`` here: the draws bound in the parameter annotations
# comes from ``limits`` at router-build time, which FastAPI must see evaluated.

import importlib.util
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from treasury_leverage.web._common import about, cached_json, compute, compute_heavy, encoded
from treasury_leverage.web.limits import Limits
from treasury_leverage.web.routes_data import HolderPath, MonthQuery
from treasury_leverage.web.routes_impact import MAX_SELL_USD_BN, impact_payload
from treasury_leverage.web.schemas import VegaLiteChart

__all__ = ["holdings_charts_available", "router"]


def holdings_charts_available() -> bool:
    """Whether the report's holdings chart builders are installed (``report.holdings_charts``)."""
    return importlib.util.find_spec("treasury_leverage.report.holdings_charts") is not None


def _spec(chart: Any) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict()
    return spec


def _ranking_chart(date: str | None, top: int) -> dict[str, Any]:
    from treasury_leverage.holdings import ranking
    from treasury_leverage.report.holdings_charts import ranking_chart

    with about("query", "date"):
        table = ranking(date, top=top)
    return _spec(ranking_chart(table))


def _holder_chart(holder: str, start: str | None, end: str | None) -> dict[str, Any]:
    from treasury_leverage.data import api
    from treasury_leverage.holdings import holder_history, runoff_schedule
    from treasury_leverage.report.holdings_charts import holder_overview_chart

    with about("path", "holder"):
        api.holdings(holder)
    with about("query", "start", "end", values=(start, end)):
        hist = holder_history(holder, start, end)
    name = hist.attrs["holder"]
    runoff = runoff_schedule(name, date=hist.index.max())
    return _spec(holder_overview_chart(hist, runoff, name=name))


def _flows_chart(holder: str, start: str | None, end: str | None) -> dict[str, Any]:
    from treasury_leverage.data import api
    from treasury_leverage.holdings import flows, recent_window
    from treasury_leverage.report.holdings_charts import flows_chart

    with about("path", "holder"):
        api.holdings(holder)
    with about("query", "start", "end", values=(start, end)):
        if start is None:  # the window every face uses (preset default_flows_window_months)
            start, end = recent_window(holder, end=end)
        frame = flows(holder, start, end)
    return _spec(flows_chart(frame))


def _impact_chart(sell: float, maturity: str, model: str, compare: bool, days: int | None, months: int,
                  draws: int, seed: int) -> dict[str, Any]:
    import pandas as pd

    from treasury_leverage.report.charts import curve_chart

    payload = impact_payload(sell, maturity, model, compare, days, months, draws, seed, None)
    rows = [{"model": res["model"], "maturity_years": row["maturity_years"],
             "end_impact_bp": row["end_impact_bp"]}
            for res in payload["results"] for row in res["impacts"]]
    bands = [{"model": res["model"], "maturity_years": row["maturity_years"], "end_impact_bp": value}
             for res in payload["results"] for row in res["impacts"]
             for value in (row["end_p5_bp"], row["end_p95_bp"])]
    horizon = f"{days} business days" if days is not None else f"{months} month(s)"
    chart = curve_chart(pd.DataFrame(rows), value_column="end_impact_bp",
                        value_title="Yield change at the end of the sale (bp)", series_column="model",
                        points=pd.DataFrame(bands) if draws else None,
                        title=f"Selling USD {sell:g}bn of {maturity} over {horizon} "
                              "(line: central; dots: p5 and p95)")
    return _spec(chart)


def _termpremium_chart(maturity: int, start: str | None, end: str | None) -> dict[str, Any]:
    from treasury_leverage.report.termpremium_charts import term_premium_chart
    from treasury_leverage.termpremium import term_premium_series

    with about("query", "start", "end", values=(start, end)):
        frame = term_premium_series(maturity, start=start, end=end, frequency="monthly")
    return _spec(term_premium_chart(frame, maturity_years=maturity))


def _episode_chart(start: str, end: str) -> dict[str, Any]:
    from treasury_leverage.report.termpremium_charts import episode_chart
    from treasury_leverage.termpremium import decompose

    with about("query", "start", "end", values=(start, end)):
        result = decompose(start, end)
    ten = max((int(m) for m in result.yields.index if m <= 10), default=10)
    title = (f"Treasury yields {result.start_date:%Y-%m-%d} -> {result.end_date:%Y-%m-%d}: expected short "
             "rates vs term premium (ACM)")
    return _spec(episode_chart(result.yields, path=result.path, path_maturity_years=ten, title=title,
                               subtitle=result.headline()))


def _curve_chart(date: str, kind: str) -> dict[str, Any]:
    import numpy as np
    import pandas as pd

    import treasury_leverage.data as tld
    from treasury_leverage.curves import curve_from_par, par_curve_on, tenor_years
    from treasury_leverage.report.charts import curve_chart

    with about("path", "date"):
        row = par_curve_on(tld.par_curve(), date)
    curve = curve_from_par(row, method="nss")
    mats = np.array([tenor_years(str(t)) for t in row.index])
    grid = np.arange(1, round(mats.max() * 12) + 1) / 12.0
    column, title, fn = {
        "par": ("par_yield_pct", "Par yield (%, semiannual bond-equivalent)", curve.par_yield),
        "zero": ("zero_yield_pct", "Zero yield (%, continuously compounded)", curve.zero_rate),
        "forward": ("forward_rate_pct", "Instantaneous forward (%, continuously compounded)",
                    curve.instantaneous_forward),
    }[kind]
    points = (pd.DataFrame({"maturity_years": mats, "par_yield_pct": row.to_numpy(dtype=np.float64)})
              if kind == "par" else None)
    return _spec(curve_chart(pd.DataFrame({"maturity_years": grid, column: fn(grid)}), value_column=column,
                             value_title=title, points=points,
                             title=f"Treasury {kind} curve, {row.name:%Y-%m-%d} (nss; dots: published)"))


async def _light(request: Request, fn: Callable[..., dict[str, Any]], *args: Any) -> Response:
    """A chart computed in the fast lane, or its cached copy (a chart is a pure function of its
    arguments and the data: the dashboard's default charts are answered from the cache)."""

    async def produce() -> bytes:
        return await compute(request, encoded, fn, VegaLiteChart, False, *args)

    return await cached_json(request, fn.__name__, args, produce)


def router(limits: Limits, features: dict[str, bool]) -> APIRouter:
    """The chart routes (holdings charts only when ``report.holdings_charts`` is installed)."""
    r = APIRouter(tags=["charts (Vega-Lite)"])
    default_draws = min(2_000, limits.max_draws)

    if features.get("holdings_charts"):
        @r.get("/api/charts/ranking", response_model=VegaLiteChart, summary="Ranking chart")
        async def ranking_chart(
            request: Request, date: MonthQuery = None,
            top: Annotated[int, Query(ge=1, le=100)] = 15,
        ) -> Any:
            return await _light(request, _ranking_chart, date, top)

        @r.get("/api/charts/holders/{holder}", response_model=VegaLiteChart,
               summary="Holdings history and run-off chart")
        async def holder_chart(request: Request, holder: HolderPath, start: MonthQuery = None,
                               end: MonthQuery = None) -> Any:
            return await _light(request, _holder_chart, holder, start, end)

        @r.get("/api/charts/flows/{holder}", response_model=VegaLiteChart,
               summary="Net purchases vs valuation chart")
        async def flows_chart(request: Request, holder: HolderPath, start: MonthQuery = None,
                              end: MonthQuery = None) -> Any:
            return await _light(request, _flows_chart, holder, start, end)

    @r.get("/api/charts/impact", response_model=VegaLiteChart, summary="Curve response to a sale, by model")
    async def impact_chart(
        request: Request,
        sell: Annotated[float, Query(ge=0, le=MAX_SELL_USD_BN)],
        maturity: Annotated[str, Query(min_length=1, max_length=12)] = "10y",
        model: Annotated[str, Query(min_length=1, max_length=40)] = "beltran2013",
        compare: bool = False,
        days: Annotated[int | None, Query(ge=1, le=504)] = None,
        months: Annotated[int, Query(ge=1, le=120)] = 1,
        draws: Annotated[int, Query(ge=0, le=limits.max_draws)] = default_draws,
        seed: Annotated[int, Query(ge=0, le=2**32 - 1)] = 0,
    ) -> Any:
        async def produce() -> bytes:
            return await compute_heavy(request, encoded, _impact_chart, VegaLiteChart, False, sell, maturity,
                                       model, compare, days, months, draws, seed)

        return await cached_json(request, "_impact_chart",
                                 (sell, maturity, model, compare, days, months, draws, seed), produce)

    @r.get("/api/charts/episode", response_model=VegaLiteChart,
           summary="A yield episode split into expected rates and term premium, with the daily path")
    async def episode_chart(
        request: Request,
        start: Annotated[str, Query(min_length=1, max_length=32)],
        end: Annotated[str, Query(min_length=1, max_length=32)],
    ) -> Any:
        return await _light(request, _episode_chart, start, end)

    @r.get("/api/charts/curves/{date}", response_model=VegaLiteChart, summary="A day's Treasury curve")
    async def curve_chart(
        request: Request,
        date: Annotated[str, Path(min_length=1, max_length=32, description="Date, YYYY-MM-DD")],
        kind: Annotated[Literal["par", "zero", "forward"], Query()] = "par",
    ) -> Any:
        return await _light(request, _curve_chart, date, kind)

    @r.get("/api/charts/termpremium", response_model=VegaLiteChart, summary="ACM term premium chart")
    async def termpremium_chart(
        request: Request,
        maturity: Annotated[int, Query(ge=1, le=10)] = 10,
        start: Annotated[str | None, Query(max_length=32)] = None,
        end: Annotated[str | None, Query(max_length=32)] = None,
    ) -> Any:
        return await _light(request, _termpremium_chart, maturity, start, end)

    return r
