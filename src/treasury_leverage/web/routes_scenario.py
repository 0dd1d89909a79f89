"""Routes over the scenario engine, the leverage game and the brief.

``POST /api/scenario`` takes a scenario spec (the same document as ``tlev scenario run``'s
YAML, as JSON) and returns ``ScenarioResult.to_dict()``; ``GET /api/game/{holder}`` returns
``GameResult.to_dict()``; ``GET /api/brief/{holder}`` the brief's self-contained HTML. The app
registers each only when its layer is installed (:func:`treasury_leverage.web.features`).
"""

# No ``from __future__ import annotations``: the draws bound in the annotations comes from
# ``limits`` at router-build time, and the body model is imported inside :func:`router`.

import math
import re
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from treasury_leverage._defaults import BRIEF_DRAWS, TARIFF_PCT
from treasury_leverage.errors import InputError, ScenarioError
from treasury_leverage.web._common import FieldError, about, cached_json, compute_heavy, encoded
from treasury_leverage.web.limits import Limits
from treasury_leverage.web.schemas import ERROR_RESPONSES, ErrorMessage, GameResponse, ScenarioResponse

__all__ = ["jsonable", "router", "scenario_chart"]

HolderPath = Annotated[str, Path(min_length=1, max_length=80, description="A holder: japan, china, uk...")]


def jsonable(value: Any) -> Any:
    """A deep copy of ``value`` that JSON can carry: NaN/inf -> None, numpy -> Python, tuples -> lists."""
    import numpy as np

    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return jsonable(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def scenario_chart(result: dict[str, Any]) -> dict[str, Any]:
    """Vega-Lite chart of a scenario's end-point yield shifts by maturity, one line per model.

    Drawn by :func:`treasury_leverage.report.charts.curve_chart` (the brief's builder); the p5
    and p95 of each model are the dots.
    """
    import pandas as pd

    from treasury_leverage.report.charts import curve_chart
    from treasury_leverage.scenario.spec import MATURITIES_YEARS

    labels = {f"{m:g}y": m for m in MATURITIES_YEARS}
    lines = [{"model": e["model"], "maturity_years": labels[k], "shift_bp": v}
             for e in result["models"] for k, v in e["end_shift_bp"].items() if k in labels]
    dots = [{"model": e["model"], "maturity_years": labels[k], "shift_bp": band[q]}
            for e in result["models"] for k, band in (e.get("end_shift_bands_bp") or {}).items()
            if k in labels for q in ("p5", "p95")]
    who = ", ".join(f"{h['holder']} {h['action']}" for h in result["holders"]) or "no action"
    chart = curve_chart(pd.DataFrame(lines), value_column="shift_bp", series_column="model",
                        value_title=f"Yield shift at the end point, {result['end_point']} (bp)",
                        points=pd.DataFrame(dots) if dots else None,
                        title=f"{who}: yield-curve shift by model (line: central; dots: p5 and p95)")
    spec: dict[str, Any] = chart.to_dict()
    return spec


def _scenario(spec: Any, full_paths: bool, chart: bool, limits: Limits) -> dict[str, Any]:
    from treasury_leverage.impact.registry import MODELS
    from treasury_leverage.scenario.engine import run

    if spec.draws > limits.max_draws:
        raise FieldError(("body", "draws"), InputError(
            f"draws {spec.draws}: this server runs at most {limits.max_draws} draws per request"))
    cells = max(len(spec.actors), 1) * len(spec.models or MODELS)
    if cells > limits.max_sweep_cells:
        raise FieldError(("body", "models"), InputError(
            f"{cells} actor x model runs: this server runs at most {limits.max_sweep_cells} per request"))
    try:
        result = run(spec)
    except ScenarioError as exc:
        raise FieldError(("body", *_spec_loc(str(exc))), exc) from exc
    out: dict[str, Any] = jsonable(result.to_dict(full_paths=full_paths))
    if chart:
        out["chart"] = scenario_chart(out)
    return out


def _spec_loc(message: str) -> tuple[str | int, ...]:
    """The field path a :class:`ScenarioError` message starts with (``actors[0].action.days: ...``)."""
    m = re.match(r"^(?:invalid scenario: )?([A-Za-z_][\w\[\].]*):", message)
    if m is None:
        return ()
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", m.group(1)) if p)


def _game(holder: str, tariffs: Sequence[float], responses: Sequence[str] | None,
          models: Sequence[str] | None, draws: int, seed: int, limits: Limits) -> dict[str, Any]:
    from treasury_leverage.assessment import GAME_RESPONSES, game_part
    from treasury_leverage.data import api

    with about("path", "holder"):
        api.holdings(holder)
    chosen = list(responses) if responses else list(GAME_RESPONSES)
    cells = (1 + len(tariffs)) * (len(chosen) + 1)
    if cells > limits.max_sweep_cells:
        raise FieldError(("query", "response"), InputError(
            f"{cells} game cells (tariffs x responses): this server runs at most {limits.max_sweep_cells}"))
    try:
        with about("query", "tariff_pct", "response", "model"):
            # the standard question's game, as `tlev game` and the brief ask it
            result = game_part(holder, tariff_pct=list(tariffs),
                               responses=list(responses) if responses else None,
                               draws=draws, seed=seed, models=list(models) if models else None,
                               coalition=False, errors="raise").result
    except FieldError as exc:
        if isinstance(exc.error, ScenarioError):  # a response the engine cannot run (too big a sale...)
            raise FieldError(("query", "response"), exc.error) from exc.error
        raise
    out: dict[str, Any] = jsonable(result.to_dict())
    return out


def _brief(holder: str, draws: int, seed: int) -> str:
    from treasury_leverage.data import api
    from treasury_leverage.report.brief import build_brief, render_html

    with about("path", "holder"):
        api.holdings(holder)
        brief = build_brief(holder, draws=draws, seed=seed)
    return str(render_html(brief))


def router(limits: Limits, features: dict[str, bool]) -> APIRouter:
    """The scenario, game and brief routes, each only if its layer is installed."""
    r = APIRouter(tags=["scenarios, game and brief"])
    DrawsQuery = Annotated[int, Query(ge=0, le=limits.max_draws,
                                      description="Monte Carlo draws (0: central values)")]
    SeedQuery = Annotated[int, Query(ge=0, le=2**32 - 1, description="Seed of the draws")]
    # one answer everywhere: the game's draws default to the preset `tlev game` and the brief use
    from treasury_leverage.presets import preset_value

    game_draws = min(int(preset_value("default_draws")), limits.max_draws)

    if features.get("scenario"):
        from treasury_leverage.scenario.spec import ScenarioSpec

        @r.post("/api/scenario", response_model=ScenarioResponse, response_model_exclude_unset=True,
                summary="Run a scenario spec: yield paths with bands, the seller's and the U.S.'s bills",
                responses={400: {"model": ErrorMessage, "description": "A body that is not JSON"}})
        async def scenario(
            request: Request,
            spec: ScenarioSpec,
            full_paths: Annotated[bool, Query(description="Include the daily and monthly paths")] = False,
            chart: Annotated[bool, Query(description="Add 'chart': a Vega-Lite chart of the shifts")] = False,
        ) -> Any:
            async def produce() -> bytes:
                return await compute_heavy(request, encoded, _scenario, ScenarioResponse, True, spec,
                                           full_paths, chart, limits)

            # a scenario is a pure function of its spec (seed included) and the data: repeats are cached
            return await cached_json(request, "scenario", (spec.model_dump(mode="json"), full_paths, chart),
                                     produce)

    if features.get("game"):
        @r.get("/api/game/{holder}", response_model=GameResponse, response_model_exclude_unset=True,
               summary="Is a threat to sell, pause or run off credible against a tariff? Leverage ratio")
        async def game(
            request: Request,
            holder: HolderPath,
            tariff_pct: Annotated[list[float] | None, Query(
                max_length=4, description="U.S. tariff level(s), percent (default 10)")] = None,
            response: Annotated[list[str] | None, Query(max_length=8, description=(
                "Holder's responses, e.g. 'pause 12m', 'runoff 24m', 'sell 300bn', 'sell 300bn 20d'"))
            ] = None,
            model: Annotated[list[str] | None, Query(max_length=8, description="Impact models")] = None,
            draws: DrawsQuery = game_draws,
            seed: SeedQuery = 0,
        ) -> Any:
            tariffs = tariff_pct or [TARIFF_PCT]

            async def produce() -> bytes:
                return await compute_heavy(request, encoded, _game, GameResponse, True, holder, tariffs,
                                           response, model, draws, seed, limits)

            key = (holder, tariffs, response, model, draws, seed)
            return await cached_json(request, "game", key, produce)

    if features.get("brief"):
        # ":path": a holder name may contain "/", which the dashboard's link keeps as is.
        @r.get("/api/brief/{holder:path}", response_class=HTMLResponse,
               summary="The one-page brief (self-contained HTML)",
               responses={code: {"description": info["description"], "content": {"application/json": {
                   "schema": {"$ref": "#/components/schemas/ErrorMessage"}}}}
                   for code, info in ERROR_RESPONSES.items()})
        async def brief(request: Request, holder: HolderPath,
                        draws: Annotated[int, Query(ge=0, le=min(limits.max_draws, 10_000))] = min(
                            BRIEF_DRAWS, limits.max_draws),
                        seed: SeedQuery = 0) -> HTMLResponse:
            from treasury_leverage.web.guards import csp_for_inline_scripts

            html = await compute_heavy(request, _brief, holder, draws, seed)
            return HTMLResponse(html, headers={"Content-Security-Policy": csp_for_inline_scripts(html)})

    return r
