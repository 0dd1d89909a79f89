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
    workers: Annotated[int, typer.Option("--workers", min=1, help="Light computations run at once.")] = 4,
    heavy_workers: Annotated[int | None, typer.Option(
        "--heavy-workers", min=1,
        help="Worker processes for scenarios, games, briefs (default: cores, max 2).")
    ] = None,
    allowed_host: Annotated[list[str] | None, typer.Option(
        "--allowed-host", help="Also serve requests naming this Host (repeatable); loopback names always.")
    ] = None,
    cors_origin: Annotated[list[str] | None, typer.Option(
        "--cors-origin", help="Allow browser calls from this origin (repeatable); CORS is off by default.")
    ] = None,
    cache_mb: Annotated[int, typer.Option(
        "--cache-mb", min=0, help="Megabytes of finished answers kept to answer repeats (0: no cache).")
    ] = 64,
    profile: Annotated[bool, typer.Option(
        "--profile", help="Print where the start-up warm-up's time goes (wall and CPU) to stderr.")
    ] = False,
) -> None:
    """Serve the JSON API (/api/..., schema at /openapi.json, reference at /docs) and the dashboard (/).

    Read-only over the local store and the bundled snapshot. Listening on anything but loopback
    exposes the API to the network: there is no authentication.
    """
    import uvicorn

    from treasury_leverage.web import Limits, create_app

    if host not in ("127.0.0.1", "localhost", "::1"):
        typer.echo(f"warning: listening on {host}: the API has no authentication", err=True)
    from treasury_leverage.web.limits import server_config

    hosts = ("localhost", "127.0.0.1", "::1", "*.localhost", *(allowed_host or ()))
    if host not in ("127.0.0.1", "localhost", "::1", "0.0.0.0", "::") and host not in hosts:
        hosts = (*hosts, host)
    limits = Limits(max_draws=max_draws, timeout_s=timeout, max_concurrent=workers, allowed_hosts=hosts,
                    cache_bytes=cache_mb << 20, **({"heavy_workers": heavy_workers} if heavy_workers else {}))
    if profile:
        import logging
        import sys

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log = logging.getLogger("treasury_leverage.web")
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False  # shown once, here (uvicorn may give the root logger a handler too)
    app = create_app(limits=limits, cors_origins=tuple(cors_origin or ()), warm=True)
    uvicorn.Server(server_config(app, host=host, port=port, limits=limits)).run()
