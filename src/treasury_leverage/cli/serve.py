"""``tlev serve``: the web API and dashboard on a local port (uvicorn).

A thin face over :func:`treasury_leverage.web.create_app`; FastAPI and uvicorn are imported
inside the command so that ``tlev --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

__all__ = ["serve"]


def serve(
    host: Annotated[str, typer.Option("--host", help="Interface to listen on (loopback by default).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port (0: any free port).")
                    ] = 8000,
    max_draws: Annotated[int, typer.Option("--max-draws", min=1,
                                           help="Largest Monte Carlo draws per request.")] = 100_000,
    timeout: Annotated[float, typer.Option("--timeout", min=0.1, help="Seconds one request may compute.")
                       ] = 30.0,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Computations run at once.")] = 4,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="Allow browser calls from this origin (repeatable); CORS is off by default.")
    ] = None,
) -> None:
    """Serve the JSON API (/api/..., schema at /openapi.json, reference at /docs) and the dashboard (/).

    Read-only over the local store and the bundled snapshot. Listening on anything but loopback
    exposes the API to the network: there is no authentication.
    """
    import uvicorn

    from treasury_leverage.web import Limits, create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: the API has no authentication", err=True)
    app = create_app(limits=Limits(max_draws=max_draws, timeout_s=timeout, max_concurrent=workers),
                     cors_origins=tuple(cors_origin or ()), warm=True)
    uvicorn.run(app, host=host, port=port, log_level="info")
