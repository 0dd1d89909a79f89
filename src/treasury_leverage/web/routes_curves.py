"""Routes for curves and the term premium: ``/api/curves``, ``/api/termpremium``, ``/api/episode``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request

from treasury_leverage.errors import InputError
from treasury_leverage.web._common import FieldError, about, clean, compute, records
from treasury_leverage.web.schemas import CurveResponse, EpisodeResponse, MoveResponse, TermPremiumResponse

__all__ = ["router"]

DateQuery = Annotated[str, Query(min_length=1, max_length=32, description="Date, YYYY-MM-DD")]
OptDateQuery = Annotated[str | None, Query(max_length=32, description="Date, YYYY-MM-DD")]
Method = Literal["nss", "bootstrap"]


def _curve(date: str, kind: Literal["par", "zero", "forward"], method: Method) -> dict[str, Any]:
    import numpy as np
    import pandas as pd

    import treasury_leverage.data as tld
    from treasury_leverage.curves import curve_from_par, par_curve_on, tenor_years

    par = tld.par_curve()
    with about("path", "date"):
        row = par_curve_on(par, date)
    curve = curve_from_par(row, method=method)
    tenors = [str(c) for c in row.index]
    mats = np.array([tenor_years(t) for t in tenors])
    table = pd.DataFrame({"tenor": tenors, "maturity_years": mats})
    if kind == "par":
        table["par_yield_pct"] = row.to_numpy(dtype=np.float64)
        table["fitted_par_yield_pct"] = curve.par_yield(mats)
        table["fit_error_bp"] = (table["fitted_par_yield_pct"] - table["par_yield_pct"]) * 100.0
    elif kind == "zero":
        table["zero_yield_pct"] = curve.zero_rate(mats)
        table["zero_yield_semiannual_pct"] = curve.zero_rate(mats, compounding="semiannual")
        table["discount_factor"] = curve.discount_factor(mats)
    else:
        table["forward_rate_pct"] = curve.instantaneous_forward(mats)
    return {"requested_date": clean(row.attrs["requested_date"]), "date": clean(row.name), "kind": kind,
            "method": curve.description, "source": par.attrs.get("source"),
            "points": records(table, index=False)}


def _move(start: str, end: str, method: Method) -> dict[str, Any]:
    import treasury_leverage.data as tld
    from treasury_leverage.curves import decompose_move, par_change_table, par_curve_on

    par = tld.par_curve()
    with about("query", "start"):
        row0 = par_curve_on(par, start)
    with about("query", "end"):
        row1 = par_curve_on(par, end)
    if row0.name >= row1.name:
        raise FieldError(("query", "end"), InputError(
            f"end {end} must be after start {start} (days used: {row0.name:%Y-%m-%d} and "
            f"{row1.name:%Y-%m-%d})"))
    move = decompose_move(row0, row1, curve_method=method)
    return {**{k: clean(v) for k, v in move.to_dict().items()}, "summary": move.summary(),
            "par": records(par_change_table(row0, row1)), "zero": records(move.table)}


def _termpremium(maturity: int, start: str | None, end: str | None,
                 frequency: Literal["monthly", "daily"]) -> dict[str, Any]:
    from treasury_leverage.termpremium import term_premium_series

    with about("query", "start", "end", values=(start, end)):
        frame = term_premium_series(maturity, start=start, end=end, frequency=frequency)
    a = frame.attrs
    return {"maturity_years": maturity, "frequency": frequency, "model": a.get("model"),
            "unit": a.get("unit"), "points": records(frame)}


def _episode(start: str, end: str) -> dict[str, Any]:
    from treasury_leverage.termpremium import decompose

    with about("query", "start", "end", values=(start, end)):
        result = decompose(start, end)
    out: dict[str, Any] = result.to_dict()
    return out


def router() -> APIRouter:
    """The curve and term-premium routes."""
    r = APIRouter(tags=["curves and term premium"])

    # Declared before /api/curves/{date} so that "move" is not read as a date.
    @r.get("/api/curves/move", response_model=MoveResponse,
           summary="How the curve moved between two days: level, slope, curvature")
    async def move(request: Request, start: DateQuery, end: DateQuery,
                   method: Annotated[Method, Query(description="Par -> zero: bootstrap (exact) or nss")
                                     ] = "bootstrap") -> Any:
        return await compute(request, _move, start, end, method)

    @r.get("/api/curves/{date}", response_model=CurveResponse, summary="A day's Treasury curve")
    async def curve(
        request: Request,
        date: Annotated[str, Path(min_length=1, max_length=32, description="Date, YYYY-MM-DD")],
        kind: Annotated[Literal["par", "zero", "forward"], Query(description="par, zero or forward")] = "par",
        method: Annotated[Method, Query(description="Par -> zero: nss (smooth) or bootstrap")] = "nss",
    ) -> Any:
        return await compute(request, _curve, date, kind, method)

    @r.get("/api/termpremium", response_model=TermPremiumResponse,
           summary="ACM term premium, fitted and risk-neutral yields")
    async def termpremium(
        request: Request,
        maturity: Annotated[int, Query(ge=1, le=10, description="Maturity in years")] = 10,
        start: OptDateQuery = None,
        end: OptDateQuery = None,
        frequency: Annotated[Literal["monthly", "daily"], Query()] = "monthly",
    ) -> Any:
        return await compute(request, _termpremium, maturity, start, end, frequency)

    @r.get("/api/episode", response_model=EpisodeResponse,
           summary="Split a yield episode into expected rates and term premium")
    async def episode(request: Request, start: DateQuery, end: DateQuery) -> Any:
        return await compute(request, _episode, start, end)

    return r
