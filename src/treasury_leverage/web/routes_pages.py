"""Pages: the dashboard (``/``), an offline API reference (``/docs``) and the Vega bundle.

Nothing here comes from a CDN. The Vega, Vega-Lite and vega-embed libraries are bundled by
``vl_convert.javascript_bundle()`` (the same Vega that renders the brief's PNGs) on the first
request and kept in memory.
"""

from __future__ import annotations

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
from treasury_leverage.web._common import compute

__all__ = ["CSP", "STATIC_DIR", "TEMPLATE_DIR", "router", "vega_bundle"]

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


def _environment() -> Any:
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
                         "sale_days": SALE_DAYS, "tariff_pct": TARIFF_PCT}}


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
    async def dashboard(request: Request) -> HTMLResponse:
        features: dict[str, bool] = request.app.state.features
        context = await compute(request, _dashboard_context, features)
        html = _environment().get_template("dashboard.html.j2").render(**context)
        return HTMLResponse(html, headers={"Content-Security-Policy": CSP})

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
