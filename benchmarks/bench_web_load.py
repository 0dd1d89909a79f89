"""Bounded load test of the web API: a fixed number of concurrent requests on loopback.

Starts ``tlev serve`` on a free 127.0.0.1 port (offline, a temporary user cache), warms it up,
then sends ``--requests`` requests, at most ``--concurrency`` in flight, for each endpoint mix:

* ``scenario``: ``POST /api/scenario`` (Japan sells USD 300bn over 60 days, one model, ``--draws``);
* ``impact``: ``GET /api/impact`` (the same sale through one impact model, ``--draws``);
* ``holders``: ``GET /api/holders/japan`` (history, maturity profile, run-off);
* ``charts``: ``GET /api/charts/holders/japan`` (the Vega-Lite chart of the same, built by Altair).

It prints JSON: requests per second and p50/p99 latency per mix, next to the reference, the same
computation called in-process one at a time (so the ratio is what the HTTP face costs), and
stops the server. It asserts only that no request failed; speed is reported, never asserted.

Run: ``python benchmarks/bench_web_load.py [--requests 200] [--concurrency 8] [--draws 1000]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import numpy as np

SPEC_MODEL = "beltran2013"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path) -> tuple[subprocess.Popen[bytes], str, Any]:
    port = free_port()
    env = {**os.environ, "TLEV_HOME": str(home), "TLEV_OFFLINE": "1"}
    log = (home / "serve.log").open("wb")
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "serve", "--host", "127.0.0.1", "--port",
           str(port), "--workers", "4"]
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"tlev serve exited: {(home / 'serve.log').read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/api/status", timeout=2).status_code == 200:
                return proc, base, log
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("tlev serve did not answer within a minute")


def mixes(draws: int) -> dict[str, dict[str, Any]]:
    spec = {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 60}}],
            "models": [SPEC_MODEL], "draws": draws, "seed": 0}
    return {
        "scenario": {"method": "POST", "url": "/api/scenario", "json": spec},
        "impact": {"method": "GET", "url": "/api/impact",
                   "params": {"sell": 300, "days": 60, "model": SPEC_MODEL, "draws": draws}},
        "holders": {"method": "GET", "url": "/api/holders/japan"},
        "charts": {"method": "GET", "url": "/api/charts/holders/japan"},
    }


def direct(draws: int) -> dict[str, Callable[[], Any]]:
    """The same computations through the Python API, as the reference."""
    from treasury_leverage.holdings import holder_history, maturity_profile, runoff_schedule
    from treasury_leverage.impact.base import SalesPath
    from treasury_leverage.impact.registry import get_model
    from treasury_leverage.report.holdings_charts import holder_overview_chart
    from treasury_leverage.scenario.engine import run

    spec = mixes(draws)["scenario"]["json"]

    def holders() -> Any:
        hist = holder_history("japan")
        prof = maturity_profile("Japan", date=hist.index.max())
        return runoff_schedule("Japan", date=hist.index.max(), profile=prof)

    def charts() -> Any:
        hist = holder_history("japan")
        return holder_overview_chart(hist, runoff_schedule("Japan", date=hist.index.max()),
                                     name="Japan").to_dict()

    return {
        "scenario": lambda: run(spec).to_dict(full_paths=False),
        "charts": charts,
        "impact": lambda: get_model(SPEC_MODEL).impact(SalesPath.even(300, "10y", periods=60, period="day"),
                                                       draws=draws, seed=0).to_dict(),
        "holders": holders,
    }


async def load(base: str, request: dict[str, Any], n: int, concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    failures: list[str] = []
    sem = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120.0, limits=limits) as client:

        async def one() -> None:
            async with sem:
                t0 = time.perf_counter()
                try:
                    res = await client.request(request["method"], request["url"],
                                               params=request.get("params"), json=request.get("json"))
                    if res.status_code != 200:
                        failures.append(f"{res.status_code}: {res.text[:200]}")
                except httpx.HTTPError as exc:
                    failures.append(repr(exc))
                latencies.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(n)))
        wall = time.perf_counter() - t0
    lat = np.array(latencies) * 1000.0
    return {"requests": n, "concurrency": concurrency, "failed": len(failures),
            "first_failures": failures[:3], "wall_s": round(wall, 3), "requests_per_s": round(n / wall, 2),
            "p50_ms": round(float(np.percentile(lat, 50)), 1),
            "p99_ms": round(float(np.percentile(lat, 99)), 1)}


def reference(fn: Callable[[], Any], n: int) -> dict[str, Any]:
    fn()  # warm caches, as the server is warmed
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return {"calls": n, "p50_ms": round(1000 * statistics.median(times), 1),
            "serial_calls_per_s": round(n / sum(times), 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint mix")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at once")
    parser.add_argument("--draws", type=int, default=1000,
                        help="Monte Carlo draws per scenario/impact request")
    parser.add_argument("--reference-calls", type=int, default=20, help="in-process calls for the reference")
    parser.add_argument("--mix", action="append", choices=["scenario", "impact", "holders", "charts"],
                        help="endpoint mixes to run (default all)")
    args = parser.parse_args()
    chosen = args.mix or ["scenario", "impact", "holders", "charts"]
    requests = mixes(args.draws)
    calls = direct(args.draws)
    out: dict[str, Any] = {"python": platform.python_version(), "machine": platform.machine(),
                           "cpus": os.cpu_count(), "draws": args.draws, "results": {}}
    with tempfile.TemporaryDirectory(prefix="tlev-bench-web-") as tmp:
        os.environ["TLEV_HOME"] = tmp
        os.environ["TLEV_OFFLINE"] = "1"
        proc, base, log = start_server(Path(tmp))
        try:
            for name in chosen:
                asyncio.run(load(base, requests[name], min(4, args.requests), 2))  # warm up
                load_before = os.getloadavg()[0]
                http = asyncio.run(load(base, requests[name], args.requests, args.concurrency))
                ref = reference(calls[name], args.reference_calls)
                out["results"][name] = {
                    "http": http, "in_process": ref,
                    # other jobs on the machine change the latencies: say how busy it was
                    "load_avg_1min": [load_before, os.getloadavg()[0]],
                    "throughput_ratio_http_vs_serial_calls": round(http["requests_per_s"]
                                                                   / ref["serial_calls_per_s"], 3),
                }
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
            log.close()
    print(json.dumps(out, indent=2))
    failed = {k: v["http"]["failed"] for k, v in out["results"].items() if v["http"]["failed"]}
    assert not failed, f"requests failed: {failed}"


if __name__ == "__main__":
    main()
