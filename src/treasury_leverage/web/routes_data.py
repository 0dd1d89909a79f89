"""Routes for the data and the holdings atlas: ``/api/status``, ``/api/holders``, ``/api/flows``.

Thin: each handler calls the Python API in the bounded pool and lays its frame out as records.
A holder in the path is only ever a name matched against the dataset's holders, never a path.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from treasury_leverage.web._common import about, cached_json, clean, compute, encoded, records
from treasury_leverage.web.schemas import FlowsResponse, HolderResponse, RankingResponse, StatusResponse

__all__ = ["router"]

HolderPath = Annotated[str, Path(min_length=1, max_length=80,
                                 description="A holder: japan, china, uk, official, total...")]
MonthQuery = Annotated[str | None, Query(max_length=32, description="Month, YYYY-MM (or a date)")]


def _status() -> dict[str, Any]:
    import treasury_leverage.data as tld

    return {"datasets": records(tld.status(), index=False)}


def _ranking(date: str | None, top: int) -> dict[str, Any]:
    from treasury_leverage.holdings import ranking

    with about("query", "date"):
        table = ranking(date, top=top)
    a = table.attrs
    return {
        "date": a["date"],
        **{k: clean(a.get(k)) for k in ("grand_total_usd_bn", "foreign_official_usd_bn",
                                        "marketable_usd_bn", "all_other_usd_bn", "note", "vintage",
                                        "origin")},
        "holders": records(table),
    }


def _holder(holder: str, start: str | None, end: str | None, date: str | None) -> dict[str, Any]:
    from treasury_leverage.holdings import holder_history, maturity_profile, runoff_schedule

    with about("path", "holder"):
        from treasury_leverage.data import api

        api.holdings(holder)  # resolve the name first, so an unknown holder is a 404 on the path
    with about("query", "start", "end", values=(start, end)):
        hist = holder_history(holder, start, end)
    name = hist.attrs["holder"]
    with about("query", "date"):
        when = date or hist.index.max()
        profile = maturity_profile(name, date=when)
        runoff = runoff_schedule(name, date=when, profile=profile)
    table = profile.table()
    ra = runoff.attrs
    return {
        "holder": name,
        "official_share_note": hist.attrs.get("official_share_note"),
        "vintage": hist.attrs.get("vintage"),
        "origin": hist.attrs.get("origin"),
        "history": records(hist),
        "maturity_profile": {"st_share_pct": 100.0 * profile.st_share, "st_source": profile.st_source,
                             "lt_source": profile.lt_source, "buckets": records(table, index=False)},
        "runoff": {"date": ra["date"], "holdings_usd_bn": ra["holdings_usd_bn"],
                   "beyond_horizon_usd_bn": ra["beyond_horizon_usd_bn"], "years": records(runoff)},
    }


def _flows(holder: str, start: str | None, end: str | None) -> dict[str, Any]:
    from treasury_leverage.data import api
    from treasury_leverage.holdings import flows, recent_window

    with about("path", "holder"):
        api.holdings(holder)
    with about("query", "start", "end", values=(start, end)):
        if start is None:  # the window every face uses (preset default_flows_window_months)
            start, end = recent_window(holder, end=end)
        frame = flows(holder, start, end)
    a = frame.attrs
    return {"holder": a["holder"], "verdict": a["verdict"], "identity": a["identity"],
            "calibration_rule": a["calibration_rule"],
            "calibration": {k: {kk: clean(vv) for kk, vv in v.items()} for k, v in a["calibration"].items()},
            "months": records(frame)}


def router() -> APIRouter:
    """The data and holdings routes."""
    r = APIRouter(tags=["data and holdings"])

    @r.get("/api/status", response_model=StatusResponse, summary="Datasets: origin, range, unit, vintage")
    async def status(request: Request) -> Any:
        return await compute(request, _status)

    @r.get("/api/holders", response_model=RankingResponse, summary="Ranking of foreign holders")
    async def holders(
        request: Request,
        date: MonthQuery = None,
        top: Annotated[int, Query(ge=1, le=100, description="Number of holders")] = 15,
    ) -> Any:
        return await compute(request, _ranking, date, top)

    @r.get("/api/holders/{holder}", response_model=HolderResponse,
           summary="One holder: history, maturity profile, run-off")
    async def holder(
        request: Request,
        holder: HolderPath,
        start: MonthQuery = None,
        end: MonthQuery = None,
        date: Annotated[str | None, Query(max_length=32,
                                          description="Month of the profile and run-off (latest if omitted)")
                        ] = None,
    ) -> Any:
        return await compute(request, _holder, holder, start, end, date)

    @r.get("/api/flows/{holder}", response_model=FlowsResponse,
           summary="Net purchases vs valuation, month by month")
    async def flows(request: Request, holder: HolderPath, start: MonthQuery = None,
                    end: MonthQuery = None) -> Any:
        async def produce() -> bytes:
            return await compute(request, encoded, _flows, FlowsResponse, False, holder, start, end)

        # calibrating the valuation model takes ~0.6 s: the same window on the same data is cached
        return await cached_json(request, "flows", (holder, start, end), produce)

    return r
