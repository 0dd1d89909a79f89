"""Pages: the dashboard (``/``), an offline API reference (``/docs``) and the Vega bundle.

Nothing here comes from a CDN. The Vega, Vega-Lite and vega-embed libraries are bundled by
``vl_convert.javascript_bundle()`` (the same Vega that renders the brief's PNGs) on the first
request and kept in memory.
"""

from __future__ import annotations

import functools
import threading
from pathlib import Path
from typing import Any, Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from treasury_leverage._defaults import (
    FLOWS_WINDOW_MONTHS,
    IMPACT_MATURITY,
    SALE_DAYS,
    SCENARIO_DRAWS,
    TARIFF_PCT,
)
from treasury_leverage.scenario.cases import HEADLINE_SALE_USD_BN
from treasury_leverage.web._common import cached_json, compute

__all__ = ["CSP", "STATIC_DIR", "TEMPLATE_DIR", "default_view_requests", "router", "vega_bundle"]

STATIC_DIR: Final = Path(__file__).with_name("static")
TEMPLATE_DIR: Final = Path(__file__).with_name("templates")
#: Content security policy of the pages: everything from this server. Vega compiles its
#: expressions with ``Function`` (hence 'unsafe-eval'); vega-embed injects a style element.
CSP: Final = ("default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
              "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
              "frame-ancestors 'none'")
#: Holders offered besides the largest countries.
_AGGREGATES: Final = ("Foreign Official", "Grand Total")
_MATURITIES: Final = ("2y", "5y", "7y", "10y", "20y", "30y")

#: The sale the dashboard's first view shows (USD bn; the page's size field starts at it): the
#: standard question's headline case.
DEFAULT_VIEW_SALE_USD_BN: Final = HEADLINE_SALE_USD_BN
#: The game's draws in the page are the scenario's, at most this many (dashboard.js).
_GAME_DRAWS_CAP: Final = 1000

#: What the bundle exposes to the page's scripts (as globals).
_SNIPPET: Final = "window.vegaEmbed = vegaEmbed; window.vegaLite = vegaLite; window.vega = vega;"

_bundle_lock = threading.Lock()
_bundle: str | None = None


def vega_bundle() -> str:
    """The Vega + Vega-Lite + vega-embed JavaScript bundle (built once, then cached)."""
    global _bundle
    with _bundle_lock:
        if _bundle is None:
            # kept on disk by vl-convert version too: a fresh server skips the 1.5-2 s build
            from treasury_leverage.report.html import javascript_bundle

            _bundle = javascript_bundle(_SNIPPET)
        return _bundle


@functools.cache
def _environment() -> Any:
    # one environment, so each template is compiled once per process, not on every page view
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
                              autoescape=jinja2.select_autoescape(["html", "j2"]),
                              undefined=jinja2.StrictUndefined)


def _dashboard_context(features: dict[str, bool]) -> dict[str, Any]:
    from treasury_leverage.holdings import ranking
    from treasury_leverage.impact.registry import MODELS

    table = ranking(top=20)
    holders = [str(h) for h in table["holder"]] + list(_AGGREGATES)
    return {"holders": holders, "models": list(MODELS), "maturities": list(_MATURITIES),
            "date": table.attrs["date"], "features": features, "default_draws": SCENARIO_DRAWS,
            "latest": _latest_holdings(holders),
            # the library's defaults, so the page's scripts ask what the CLI and the brief ask
            "defaults": {"maturity": IMPACT_MATURITY, "flows_window_months": FLOWS_WINDOW_MONTHS,
                         "sale_days": SALE_DAYS, "sale_usd_bn": DEFAULT_VIEW_SALE_USD_BN,
                         "tariff_pct": TARIFF_PCT}}


def _flows_start(date: str, months: int) -> str:
    """The first month of the ``months``-month window ending at ``date`` (dashboard.js flowsStart)."""
    index = int(date[:4]) * 12 + int(date[5:7]) - 1 - (months - 1)
    return f"{index // 12}-{index % 12 + 1:02d}"


def default_view_requests(context: dict[str, Any]) -> list[tuple[str, str, dict[str, Any] | None]]:
    """The API requests the dashboard's first view makes, built as ``dashboard.js`` builds them.

    ``(method, url, JSON body)`` for the first holder offered, the page's default sale, horizon,
    draws and tariff. The server answers them once at start-up (``create_app(warm=True)``) so that
    a first visitor's view comes from the answer cache; a test checks that the page's own
    requests then hit it.
    """
    from urllib.parse import quote, urlencode

    features = context["features"]
    defaults = context["defaults"]
    holder = context["holders"][0]
    enc = quote(holder, safe="")
    out: list[tuple[str, str, dict[str, Any] | None]] = [("GET", f"/api/holders/{enc}", None)]
    latest = context["latest"].get(holder)
    if latest is not None:
        start = _flows_start(latest["date"], int(defaults["flows_window_months"]))
        out.append(("GET", f"/api/flows/{enc}?start={start}", None))
        if features.get("holdings_charts"):
            out += [("GET", f"/api/charts/holders/{enc}", None),
                    ("GET", f"/api/charts/flows/{enc}?start={start}", None)]
    size, days, draws = defaults["sale_usd_bn"], int(defaults["sale_days"]), int(context["default_draws"])
    if features.get("scenario"):
        action = {"kind": "sell", "amount_usd_bn": size, "days": days}
        spec = {"actors": [{"holder": holder, "action": action}], "draws": draws, "seed": 0}
        out.append(("POST", "/api/scenario?chart=true", spec))
        if features.get("game"):
            query = urlencode({"response": f"sell {size:g}bn {days}d",
                               "tariff_pct": f"{defaults['tariff_pct']:g}",
                               "draws": str(min(draws, _GAME_DRAWS_CAP)), "seed": "0"})
            out.append(("GET", f"/api/game/{enc}?{query}", None))
    return out


def _latest_holdings(holders: list[str]) -> dict[str, dict[str, Any]]:
    """Each offered holder's latest holdings (USD bn) and their date, embedded in the page.

    With them the first view starts every request at once (the holder's charts need the date,
    the size check the amount) instead of waiting for ``/api/holders/{holder}`` first.
    """
    from treasury_leverage.data import holdings

    wide = holdings()
    out: dict[str, dict[str, Any]] = {}
    for name in holders:
        if name in wide.columns:
            series = wide[name].dropna()
            if not series.empty:
                out[name] = {"holdings_usd_bn": float(series.iloc[-1]),
                             "date": f"{series.index[-1]:%Y-%m-%d}"}
    return out


def _fields(schema: dict[str, Any], name: str) -> list[dict[str, str]]:
    """Fields of a component schema: name, type and description (units are in the names)."""
    comp = schema.get("components", {}).get("schemas", {}).get(name, {})
    out = []
    for field, spec in comp.get("properties", {}).items():
        kinds = []
        for x in spec.get("anyOf") or spec.get("oneOf") or [spec]:
            if "$ref" in x:
                kinds.append(str(x["$ref"]).rsplit("/", 1)[-1])
            elif x.get("type") == "array":
                item = x.get("items", {})
                for y in item.get("anyOf") or item.get("oneOf") or [item]:
                    kinds.append(f"list of {str(y.get('$ref', y.get('type', 'any'))).rsplit('/', 1)[-1]}")
            elif x.get("type") not in (None, "null"):
                kinds.append(str(x["type"]))
        out.append({"name": field, "type": " or ".join(kinds) or "any",
                    "description": str(spec.get("description", ""))})
    return out


def _docs_context(schema: dict[str, Any]) -> dict[str, Any]:
    ops = []
    models: dict[str, list[dict[str, str]]] = {}
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = []
            for p in op.get("parameters", []):
                s = p.get("schema", {})
                kinds = [x.get("type") for x in s.get("anyOf", [s]) if x.get("type") not in (None, "null")]
                bounds = ", ".join(f"{k} {s[k]}" for k in ("minimum", "maximum", "maxLength", "enum")
                                   if k in s)
                params.append({"name": p["name"], "where": p["in"], "required": p.get("required", False),
                               "type": "/".join(str(k) for k in kinds) or "string", "bounds": bounds,
                               "default": s.get("default"), "description": p.get("description", "")})
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            body_name = str(body.get("$ref", "")).rsplit("/", 1)[-1]
            ok: dict[str, Any] = op.get("responses", {}).get("200", {}).get("content", {})
            first: dict[str, Any] = next(iter(ok.values()), {})
            ref = str(first.get("schema", {}).get("$ref", ""))
            response = ref.rsplit("/", 1)[-1] or next(iter(ok), "")
            for name in (response, body_name):
                if name and name not in models:
                    models[name] = _fields(schema, name)
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "params": params, "response": response, "body": body_name,
                        "errors": sorted(c for c in op.get("responses", {}) if c != "200")})
    components = schema.get("components", {}).get("schemas", {})
    queue = list(models)
    while queue:  # the models the listed ones refer to (RankingResponse -> RankingRow ...)
        for field in models.get(queue.pop(), []):
            for word in field["type"].replace(" or ", " ").split():
                if word in components and word not in models:
                    models[word] = _fields(schema, word)
                    queue.append(word)
    return {"title": schema.get("info", {}).get("title", "API"), "ops": ops,
            "models": {k: v for k, v in models.items() if v}}


def router() -> APIRouter:
    """The page routes."""
    r = APIRouter(include_in_schema=False)

    @r.get("/", response_class=HTMLResponse)
    async def dashboard(request: Request) -> Response:
        features: dict[str, bool] = request.app.state.features

        async def produce() -> bytes:
            context = await compute(request, _dashboard_context, features)
            return str(_environment().get_template("dashboard.html.j2").render(**context)).encode()

        # the page embeds the holders' latest holdings (~25 ms of CPU): the same on the same data
        return await cached_json(request, "page:dashboard", (features,), produce,
                                 media_type="text/html; charset=utf-8",
                                 headers={"Content-Security-Policy": CSP})

    @r.get("/docs", response_class=HTMLResponse)
    async def docs(request: Request) -> HTMLResponse:
        html = _environment().get_template("docs.html.j2").render(**_docs_context(request.app.openapi()))
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP})

    @r.get("/vendor/vega-bundle.js")
    async def bundle(request: Request) -> Response:
        text = await compute(request, vega_bundle)
        return Response(text, media_type="text/javascript",
                        headers={"Cache-Control": "public, max-age=86400"})

    return r
