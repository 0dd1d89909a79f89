"""Warming a worker process for scenario work (sweep workers): kept apart from ``sweep`` so that
the Dask plugin module (:mod:`treasury_leverage.scenario._dask_warm`) and ``sweep`` do not import
each other."""

from __future__ import annotations

__all__ = ["warm_worker"]


def warm_worker() -> dict[str, float]:
    """Import the engine and run one small scenario, filling this process's data and curve
    caches; returns the wall and CPU seconds it took (``warm_wall_s``, ``warm_cpu_s``)."""
    import time

    w0, c0 = time.perf_counter(), time.process_time()
    from treasury_leverage.holdings import ranking
    from treasury_leverage.scenario.engine import run

    holder = str(ranking(top=1)["holder"].iloc[0])
    run({"actors": [{"holder": holder, "sell": {"amount_usd_bn": 1.0, "days": 1}}], "draws": 0})
    return {"warm_wall_s": time.perf_counter() - w0, "warm_cpu_s": time.process_time() - c0}
