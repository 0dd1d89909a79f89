"""Bounded load test of the web API: a fixed number of concurrent requests on loopback.

Starts ``tlev serve`` on a free 127.0.0.1 port (offline, a temporary user cache), waits for its
start-up warm-up, then sends ``--requests`` requests, at most ``--concurrency`` in flight, for
each endpoint mix:

* ``scenario-hit``: ``POST /api/scenario`` with the same spec every time (Japan sells USD 300bn over
  60 days, one model, ``--draws``): what the answer cache serves;
* ``scenario-miss``: the same sale with a different amount in every request (USD 200-300bn in
  steps no request repeats), so no answer can come from the cache: the engine runs each time;
* ``impact``: ``GET /api/impact`` (the same sale through one impact model, ``--draws``);
* ``holders``: ``GET /api/holders/japan`` (history, maturity profile, run-off);
* ``charts``: ``GET /api/charts/holders/japan`` (the Vega-Lite chart of the same).

With ``--baseline-ref REF`` (e.g. ``848b739``) the same mixes also run against the server of that
git ref (a temporary worktree, imported through ``PYTHONPATH``), both servers up at once and the
runs interleaved (baseline, ours, baseline, ours... ``--rounds`` times), so the machine's load
hits both alike; the table gives each one's requests/s, p50 and p99 (median over rounds), the
ratio, the load average before each run and the servers' CPU seconds per request (process tree,
from ``/proc``; on a loaded machine CPU per request is the steadier figure).

It asserts only that no request failed; speed is reported, never asserted.

Run: ``python benchmarks/bench_web_load.py [--baseline-ref 848b739] [--requests 200]
[--concurrency 8] [--draws 1000] [--rounds 2] [--mix scenario-miss ...]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _baseline import Server, baseline_checkout, machine, start_server

SPEC_MODEL = "beltran2013"
MIXES = ("scenario-hit", "scenario-miss", "impact", "holders", "charts")


def requests_for(mix: str, n: int, draws: int, salt: int) -> list[dict[str, Any]]:
    """The ``n`` requests of a mix (``salt`` keeps the cache-miss amounts unique across runs)."""
    spec = {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 60}}],
            "models": [SPEC_MODEL], "draws": draws, "seed": 0}
    if mix == "scenario-hit":
        return [{"method": "POST", "url": "/api/scenario", "json": spec}] * n
    if mix == "scenario-miss":
        out = []
        for i in range(n):
            amount = 200.0 + ((salt * n + i) % 100_000) * 0.001  # never the same twice in a benchmark
            out.append({"method": "POST", "url": "/api/scenario",
                        "json": {**spec, "actors": [{"holder": "japan",
                                                     "sell": {"amount_usd_bn": amount, "days": 60}}]}})
        return out
    if mix == "impact":
        return [{"method": "GET", "url": "/api/impact",
                 "params": {"sell": 300, "days": 60, "model": SPEC_MODEL, "draws": draws}}] * n
    if mix == "holders":
        return [{"method": "GET", "url": "/api/holders/japan"}] * n
    return [{"method": "GET", "url": "/api/charts/holders/japan"}] * n


async def load(base: str, reqs: list[dict[str, Any]], concurrency: int) -> dict[str, Any]:
    latencies: list[float] = []
    failures: list[str] = []
    hits = 0
    sem = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120.0, limits=limits) as client:

        async def one(request: dict[str, Any]) -> None:
            nonlocal hits
            async with sem:
                t0 = time.perf_counter()
                try:
                    res = await client.request(request["method"], request["url"],
                                               params=request.get("params"), json=request.get("json"))
                    if res.status_code != 200:
                        failures.append(f"{res.status_code}: {res.text[:200]}")
                    hits += res.headers.get("x-cache") == "hit"
                except httpx.HTTPError as exc:
                    failures.append(repr(exc))
                latencies.append(time.perf_counter() - t0)

        t0 = time.perf_counter()
        await asyncio.gather(*(one(r) for r in reqs))
        wall = time.perf_counter() - t0
    lat = np.array(latencies) * 1000.0
    return {"requests": len(reqs), "failed": len(failures), "first_failures": failures[:3],
            "cache_hits": hits, "wall_s": round(wall, 3), "requests_per_s": round(len(reqs) / wall, 2),
            "p50_ms": round(float(np.percentile(lat, 50)), 1),
            "p99_ms": round(float(np.percentile(lat, 99)), 1)}


def run_mix(server: Server, mix: str, args: argparse.Namespace, salt: int) -> dict[str, Any]:
    # a few requests first, so both servers start the run with their workers busy-ready
    asyncio.run(load(server.base, requests_for(mix, 4, args.draws, salt + 7919), 2))
    load0 = os.getloadavg()[0]
    cpu0 = server.cpu_s()
    out = asyncio.run(load(server.base, requests_for(mix, args.requests, args.draws, salt), args.concurrency))
    out["server_cpu_ms_per_request"] = round(1000.0 * (server.cpu_s() - cpu0) / args.requests, 1)
    out["load_avg_1min"] = [round(load0, 2), round(os.getloadavg()[0], 2)]
    return out


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return float(statistics.median(r[key] for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline-ref", default=None,
                        help="git ref of the previous version to run beside ours")
    parser.add_argument("--requests", type=int, default=200, help="requests per mix and run")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight at once")
    parser.add_argument("--draws", type=int, default=1000,
                        help="Monte Carlo draws per scenario/impact request")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved runs per server and mix")
    parser.add_argument("--mix", action="append", choices=MIXES, help="mixes to run (default all)")
    args = parser.parse_args()
    chosen = args.mix or list(MIXES)
    results: dict[str, dict[str, list[dict[str, Any]]]] = {m: {} for m in chosen}
    with (baseline_checkout(args.baseline_ref) as src,
          tempfile.TemporaryDirectory(prefix="tlev-bench-web-") as tmp):
        servers = []
        try:
            if src is not None:
                home = Path(tmp) / "baseline"
                home.mkdir()
                servers.append(start_server("baseline", home, src, "--workers", "4"))
            home = Path(tmp) / "ours"
            home.mkdir()
            servers.append(start_server("ours", home, None, "--workers", "4"))
            if src is not None:
                time.sleep(20)  # the previous version warms up in the background, with no sign when done
            salt = 0
            for mix in chosen:
                for _ in range(args.rounds):
                    for server in servers:
                        salt += 1
                        results[mix].setdefault(server.name, []).append(run_mix(server, mix, args, salt))
        finally:
            for server in servers:
                server.stop()
    table = []
    for mix, by_server in results.items():
        for name, runs in by_server.items():
            table.append({"mix": mix, "server": name, "requests_per_s": _median(runs, "requests_per_s"),
                          "p50_ms": _median(runs, "p50_ms"), "p99_ms": _median(runs, "p99_ms"),
                          "cache_hits": sum(r["cache_hits"] for r in runs),
                          "server_cpu_ms_per_request": _median(runs, "server_cpu_ms_per_request"),
                          "load_avg_1min": [r["load_avg_1min"][0] for r in runs]})
    print(f"{'mix':14s} {'server':9s} {'req/s':>7s} {'p50 ms':>8s} {'p99 ms':>8s} {'hits':>5s} "
          f"{'CPU ms/req':>10s}  load (1 min) before each run")
    for row in table:
        print(f"{row['mix']:14s} {row['server']:9s} {row['requests_per_s']:7.1f} {row['p50_ms']:8.1f} "
              f"{row['p99_ms']:8.1f} {row['cache_hits']:5d} {row['server_cpu_ms_per_request']:10.1f}  "
              f"{row['load_avg_1min']}")
    ratios = {}
    for mix, by_server in results.items():
        if "baseline" in by_server and "ours" in by_server:
            b, o = by_server["baseline"], by_server["ours"]
            ratios[mix] = {"p99_baseline_over_ours": round(_median(b, "p99_ms") / _median(o, "p99_ms"), 2),
                           "requests_per_s_ours_over_baseline": round(
                               _median(o, "requests_per_s") / _median(b, "requests_per_s"), 2)}
            print(f"{mix:14s} p99 {ratios[mix]['p99_baseline_over_ours']}x lower, requests/s "
                  f"{ratios[mix]['requests_per_s_ours_over_baseline']}x (ours vs {args.baseline_ref})")
    out = {"benchmark": "web API under load", "baseline_ref": args.baseline_ref,
           "concurrency": args.concurrency, "draws": args.draws, "table": table,
           "ratios": ratios, "runs": results, **machine()}
    print(json.dumps(out, indent=1))
    failed = {(m, s): sum(r["failed"] for r in runs) for m, bs in results.items() for s, runs in bs.items()}
    assert not any(failed.values()), f"requests failed: {failed}"


if __name__ == "__main__":
    main()
