"""Route for the impact models: ``/api/impact`` (one model, or every model side by side)."""

# No ``from __future__ import annotations`` here: the draws bound in the parameter annotations
# comes from ``limits`` at router-build time, which FastAPI must see evaluated.

import math
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from treasury_leverage._defaults import IMPACT_DRAWS, IMPACT_MATURITY
from treasury_leverage.errors import InputError
from treasury_leverage.web._common import FieldError, about, compute_heavy
from treasury_leverage.web.limits import Limits
from treasury_leverage.web.schemas import ImpactResponse

__all__ = ["IMPACT_MATURITIES", "router"]

#: Maturities at which the impact is reported (the scenario engine's path maturities).
IMPACT_MATURITIES = ("1y", "2y", "3y", "5y", "7y", "10y", "20y", "30y")
#: Largest sale a request may name (USD bn): more than all marketable Treasury debt.
MAX_SELL_USD_BN = 50_000.0


def impact_payload(sell: float, maturity: str, model: str, compare: bool, days: int | None, months: int,
                   draws: int, seed: int, curve_date: str | None) -> dict[str, Any]:
    """Run one model (or all) on an even sale and lay the results out as the API returns them."""
    from treasury_leverage.impact.base import SalesPath, par_yields_on
    from treasury_leverage.impact.registry import MODELS, get_model

    with about("query", "sell"):
        if days is not None:
            path = SalesPath.even(sell, maturity_checked(maturity), periods=days, period="day")
        else:
            path = SalesPath.even(sell, maturity_checked(maturity), periods=months, period="month")
    par_yields = None
    if curve_date is not None:
        with about("query", "curve_date"):
            par_yields = par_yields_on(None if curve_date.strip().lower() == "latest" else curve_date)
    names = list(MODELS) if compare else [model]
    results = []
    for name in names:
        with about("query", "model"):
            instance = get_model(name, par_yields=par_yields)
        results.append(instance.impact(path, draws=draws, seed=seed).to_dict(IMPACT_MATURITIES))
    for res in results:
        for row in res["impacts"]:
            if not all(math.isfinite(v) for v in row.values()):
                raise FieldError(("query", "sell"), InputError(
                    f"sell {sell:g}: the {res['model']} model gives no finite impact for this sale"))
    return {"sell_usd_bn": sell, "maturity": maturity, "horizon_days": days,
            "horizon_months": None if days is not None else months,
            "band": "p5-p95 over parameter draws",
            "durations": ("flat 4.5% par curve (preset)" if curve_date is None
                          else f"par curve of {curve_date}"),
            "results": results}


def maturity_checked(maturity: str) -> float:
    """The maturity sold in years; a bad label is an error on the ``maturity`` field."""
    from treasury_leverage.impact.base import parse_maturity

    with about("query", "maturity"):
        return parse_maturity(maturity)


def router(limits: Limits) -> APIRouter:
    """The impact route; draws are capped at ``limits.max_draws`` in the schema."""
    r = APIRouter(tags=["impact"])
    default_draws = min(IMPACT_DRAWS, limits.max_draws)

    @r.get("/api/impact", response_model=ImpactResponse,
           summary="Yield impact (bp) of selling Treasuries, with p5-p95 bands")
    async def impact(
        request: Request,
        sell: Annotated[float, Query(ge=0, le=MAX_SELL_USD_BN, description="Net sale in USD bn")],
        maturity: Annotated[str, Query(min_length=1, max_length=12,
                                       description="Maturity sold, e.g. 10y, 5y, 6m")] = IMPACT_MATURITY,
        model: Annotated[str, Query(min_length=1, max_length=40, description=(
            "Impact model: pooled (the default answer: a mixture of the model families), beltran2013, "
            "kcfed2025, warnock2009, duration_supply, habitat, almgren_chriss; variants flow_plus_stock and "
            "ahmed_rebucci2022 (a surprise stress case)"))] = "pooled",
        compare: Annotated[bool, Query(description="Every model side by side (ignores model)")] = False,
        days: Annotated[int | None, Query(ge=1, le=504, description="Sale spread over business days")
                        ] = None,
        months: Annotated[int, Query(ge=1, le=120, description="... or over months (if no days)")] = 1,
        draws: Annotated[int, Query(ge=0, le=limits.max_draws,
                                    description="Parameter draws for the p5-p95 band")] = default_draws,
        seed: Annotated[int, Query(ge=0, le=2**32 - 1, description="Seed of the draws")] = 0,
        curve_date: Annotated[str | None, Query(max_length=32, description=(
            "Durations on the par curve of this date (YYYY-MM-DD or 'latest'); default flat 4.5%"))] = None,
    ) -> Any:
        return await compute_heavy(request, impact_payload, sell, maturity, model, compare, days, months,
                                   draws, seed, curve_date)

    return r
