"""Reliability under faults and load (issue 18): concurrent store writers, a heavy web burst.

Two measurements, each beside its reference in the same run:

* **store**: ``--writers`` processes x ``--writes`` writes to one dataset, ``--trials`` trials;
  counts writes that reported success but are missing afterwards, failed writes and reads, and
  orphan or missing files. Reference: the same run with the per-dataset lock switched off and
  the old clean-up (any unnamed ``.parquet``/``.tmp`` removed), which is what the store did before.
* **web**: ``tlev serve`` on a free loopback port; ``--burst`` heavy ``POST /api/scenario``
  (Japan sells USD 300bn over 504 days, ``--draws`` draws) whose clients hang up after
  ``--hold`` seconds, while a light ``GET /api/holders?top=3`` loop runs. Reports the light
  requests' worst latency, the server's peak resident memory (server and worker processes) and
  the seconds from the last hang-up until the server's CPU use falls below 5 % of one core.

Run: ``python benchmarks/bench_reliability.py [--trials 10] [--burst 20]``. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pandas as pd

HEAVY = {"actors": [{"holder": "japan", "sell": {"amount_usd_bn": 300, "days": 504}}], "draws": 30_000}


# -- store ------------------------------------------------------------------------------------------


def _row(series: str) -> pd.DataFrame:
    return pd.DataFrame({"date": [pd.Timestamp("2025-01-31")], "series_id": [series], "value": [1.0],
                         "unit": ["USD bn"]})


def _unlocked() -> None:
    """Patch the store back to its old behaviour: no lock, clean-up of every unnamed file."""
    from treasury_leverage.data import store as store_mod

    def no_lock(self: Any, dataset: str, **kw: Any) -> Any:
        (self.root / dataset).mkdir(parents=True, exist_ok=True)
        return contextlib.nullcontext()

    def old_sweep(self: Any, dataset: str) -> None:
        folder = self.root / dataset
        known = {v.file for v in self.vintages(dataset)} | {"manifest.json"}
        for path in folder.iterdir():
            if path.name not in known and path.suffix in {".parquet", ".tmp"}:
                with contextlib.suppress(OSError):
                    path.unlink()

    store_mod.Store.lock = no_lock  # type: ignore[method-assign,assignment]
    store_mod.Store._sweep_orphans = old_sweep  # type: ignore[method-assign]


def _writer(args: tuple[str, int, int, int, bool]) -> list[tuple[str, bool, str]]:
    root, who, trial, writes, locked = args
    if not locked:
        _unlocked()
    from treasury_leverage.data.store import Store

    store = Store(root)
    out = []
    for i in range(writes):
        series = f"t{trial}-w{who}-{i}"
        try:
            out.append((series, store.write("ds", _row(series), source="bench").wrote, ""))
        except Exception as exc:
            out.append((series, False, type(exc).__name__))
        if i % 5 == 0:
            try:
                store.read("ds")
            except Exception as exc:
                out.append(("<read>", False, type(exc).__name__))
    return out


def bench_store(writers: int, writes: int, trials: int, locked: bool) -> dict[str, Any]:
    from treasury_leverage.data.store import Store

    totals = {"writes_reported_ok": 0, "lost_writes": 0, "failed_writes": 0, "failed_reads": 0,
              "final_read_failures": 0, "orphan_files": 0, "missing_files": 0}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, mp.get_context("spawn").Pool(writers) as pool:
        for trial in range(trials):
            root = Path(tmp) / f"t{trial}"
            results = [r for rs in pool.map(_writer, [(str(root), w, trial, writes, locked)
                                                      for w in range(writers)]) for r in rs]
            ok = {s for s, wrote, err in results if wrote and not err}
            totals["writes_reported_ok"] += len(ok)
            totals["failed_writes"] += sum(1 for s, _, e in results if e and s != "<read>")
            totals["failed_reads"] += sum(1 for s, _, e in results if e and s == "<read>")
            store = Store(root)
            try:
                stored = set(store.read("ds")["series_id"])
                named = {v.file for v in store.vintages("ds")}
            except Exception:
                totals["final_read_failures"] += 1
                totals["lost_writes"] += len(ok)
                continue
            totals["lost_writes"] += len(ok - stored)
            on_disk = {p.name for p in (root / "ds").iterdir()}
            totals["missing_files"] += len(named - on_disk)
            totals["orphan_files"] += len(on_disk - named - {"manifest.json", ".write.lock"})
    totals["seconds"] = round(time.perf_counter() - t0, 1)
    return totals


# -- web --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    parents[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(c for c, pp in parents.items() if pp == p)
    return out


def _rss_and_cpu(pid: int) -> tuple[int, float]:
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    rss, cpu = 0, 0.0
    for p in _tree(pid):
        try:
            with open(f"/proc/{p}/statm") as fh:
                rss += int(fh.read().split()[1]) * page
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
                cpu += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, ValueError, IndexError):
            continue
    return rss, cpu


def _hang_up(port: int, body: bytes, hold_s: float) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /api/scenario HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                  + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        time.sleep(hold_s)


def bench_web(burst: int, hold_s: float) -> dict[str, Any]:
    from treasury_leverage.web.limits import Limits

    port = _free_port()
    home = Path(tempfile.mkdtemp())
    env = {**os.environ, "TLEV_HOME": str(home), "TLEV_OFFLINE": "1"}
    log = (home / "serve.log").open("wb")
    cmd = [sys.executable, "-m", "treasury_leverage.cli.main", "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/holders", params={"top": 3}, timeout=5).status_code == 200:
                    break
            time.sleep(0.1)
        time.sleep(3)  # let the warm-up finish
        body = json.dumps(HEAVY).encode()
        peak = [0]
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _rss_and_cpu(proc.pid)[0])
                time.sleep(0.1)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        clients = [threading.Thread(target=_hang_up, args=(port, body, hold_s)) for _ in range(burst)]
        latencies, failures = [], 0
        with httpx.Client(base_url=base, timeout=30) as c:
            for t in clients:
                t.start()
                time.sleep(0.1)
            while any(t.is_alive() for t in clients):
                t0 = time.perf_counter()
                ok = c.get("/api/holders", params={"top": 3}).status_code == 200
                latencies.append(time.perf_counter() - t0)
                failures += not ok
        last_hang_up = time.perf_counter()
        # CPU idle: under 5 % of one core over a 0.5 s window.
        idle_after = None
        _, cpu0 = _rss_and_cpu(proc.pid)
        while time.perf_counter() - last_hang_up < 60:
            time.sleep(0.5)
            _, cpu1 = _rss_and_cpu(proc.pid)
            if (cpu1 - cpu0) / 0.5 < 0.05:
                idle_after = time.perf_counter() - last_hang_up
                break
            cpu0 = cpu1
        stop.set()
        sampler.join()
        budget = Limits().memory_budget_bytes
        return {"heavy_requests": burst, "hold_s": hold_s, "draws": HEAVY["draws"],
                "light_requests": len(latencies), "light_failures": failures,
                "light_max_latency_s": round(max(latencies), 3) if latencies else None,
                "light_p50_latency_s": (round(sorted(latencies)[len(latencies) // 2], 3)
                                        if latencies else None),
                "peak_rss_gib": round(peak[0] / 2**30, 2), "memory_budget_gib": round(budget / 2**30, 2),
                "cpu_idle_after_last_hang_up_s": None if idle_after is None else round(idle_after, 2)}
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(20)
        log.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--writes", type=int, default=25)
    ap.add_argument("--trials", type=int, default=10)
    ap.add_argument("--burst", type=int, default=20)
    ap.add_argument("--hold", type=float, default=1.5)
    ap.add_argument("--skip-web", action="store_true")
    ap.add_argument("--skip-store", action="store_true")
    args = ap.parse_args()
    out: dict[str, Any] = {}
    if not args.skip_store:
        out["store_locked"] = bench_store(args.writers, args.writes, args.trials, locked=True)
        out["store_reference_unlocked"] = bench_store(args.writers, args.writes, args.trials, locked=False)
    if not args.skip_web:
        out["web_burst"] = bench_web(args.burst, args.hold)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
