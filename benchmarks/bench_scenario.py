"""Scenario engine: one scenario end to end (point estimate) and a 100,000-draw Monte Carlo.

Scenario: Japan sells USD 300bn over 60 business days (pro-rata to its profile), all impact
models side by side, both bills (the holder's and the United States'), on the bundled snapshot.

* ``first_run_s``: the first ``run(spec)`` in the process (reads holdings, curves, the profile and
  the flow detective's baseline; builds the ladder);
* ``point_all_models_ms`` / ``point_one_model_ms``: warm point estimates (median of ``--repeat``),
  target < 50 ms after data load;
* ``mc_<model>_s``: 100,000 parameter draws of the full scenario for one model (yield paths on the
  daily and 121-month grids with p5/p50/p95 bands, the seller's bill per draw, the U.S. bill's
  bands from the first 20,000 draws); ``mc_all_models_s`` the same for every model;
* reference: the naive Monte Carlo, one ``run(spec)`` per draw with the draw's parameters as
  ``overrides`` (``--naive-draws`` draws, scaled linearly to 100,000).

Run: ``python benchmarks/bench_scenario.py [--draws 100000] [--naive-draws 100] [--repeat 7]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from typing import Any

import numpy as np

from treasury_leverage.impact.registry import MODELS
from treasury_leverage.presets import sample_presets
from treasury_leverage.scenario import run, sell_spec


def timed(fn: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=100_000)
    parser.add_argument("--naive-draws", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--skip-all-models-mc", action="store_true")
    args = parser.parse_args()

    spec = sell_spec("japan", 300, days=60)
    first, _ = timed(lambda: run(spec))
    point_all = statistics.median(timed(lambda: run(spec))[0] for _ in range(args.repeat))
    one = sell_spec("japan", 300, days=60, models=["beltran2013"])
    run(one)
    point_one = statistics.median(timed(lambda: run(one))[0] for _ in range(args.repeat))

    out: dict[str, Any] = {
        "benchmark": "scenario", "machine": platform.platform(), "cpus": os.cpu_count(),
        "scenario": "Japan sells USD 300bn over 60 business days, pro-rata",
        "first_run_s": round(first, 3), "point_all_models_ms": round(1e3 * point_all, 1),
        "point_one_model_ms": round(1e3 * point_one, 1), "models": list(MODELS),
        "point_target_ms": 50,
    }
    cases = (("beltran2013", "pro-rata"), ("habitat", "longest-first"), ("almgren_chriss", "pro-rata"))
    for name, mix in cases:
        mc = sell_spec("japan", 300, days=60, mix=mix, models=[name], draws=args.draws, seed=1)
        secs, res = timed(lambda mc=mc: run(mc))
        out[f"mc_{name}_{mix}_s"] = round(secs, 2)
        out[f"mc_{name}_10y_bp_p5_p50_p95"] = [round(res.shift_bp(name, 10.0, band=b), 2)
                                              for b in ("p5", "p50", "p95")]
    if not args.skip_all_models_mc:
        mc_all = sell_spec("japan", 300, days=60, draws=args.draws, seed=1)
        secs, _ = timed(lambda: run(mc_all))
        out["mc_all_models_s"] = round(secs, 2)
    out["mc_draws"] = args.draws

    # naive reference: one full run per draw of beltran2013's parameters
    cls = MODELS["beltran2013"]
    draws = sample_presets(cls.preset_names, args.naive_draws, seed=5)
    fixed = {k for k, v in draws.items() if np.ptp(v) == 0}

    def naive() -> list[float]:
        costs = []
        for i in range(args.naive_draws):
            overrides = {k: float(v[i]) for k, v in draws.items() if k not in fixed}
            s = sell_spec("japan", 300, days=60, models=["beltran2013"])
            s = s.model_copy(update={"overrides": overrides})
            costs.append(run(s).cost("beltran2013", "Japan"))
        return costs

    secs, _ = timed(naive)
    scaled = secs * args.draws / args.naive_draws
    out.update(naive_draws=args.naive_draws, naive_s=round(secs, 2), naive_scaled_to_draws_s=round(scaled, 1),
               speedup_vs_naive=round(scaled / out["mc_beltran2013_pro-rata_s"], 1))
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
