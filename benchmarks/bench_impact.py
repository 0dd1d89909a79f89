"""Price-impact models: 100,000 parameter draws of a 20-day sale at 10 maturities; habitat solve.

For every impact model, times ``model.impact(path, draws=100_000)`` (vectorised draws, p5/p50/p95
bands) for USD 300bn of 10-year notes sold over 20 trading days, output at 10 maturities. The
reference is the naive way: a Python loop over draws, one central-value evaluation per draw
(``overrides`` set to the draw), then ``numpy.percentile``. It runs ``--naive-draws`` draws
(default 2,000) and is scaled linearly to 100,000; both give the same bands for the same draws
(checked on the subset). A four-bucket sale times the unfactored path (full draws x periods x
maturities array, for the habitat model). Also times the preferred-habitat calibration (closed form), one
numerical equilibrium solve on the 600-point grid, a supply-shock response, and the 2-factor
(short rate + demand factor) solve.

The pooled answer (issue 12): ``pooled_answer`` for USD 300bn of 7-year notes sold over 60 trading
days, 100,000 pooled draws at 10 maturities (peak and permanent p5/p50/p95), beside the direct way
(the full ``draws x periods x maturities`` array of the pooled kernel, then ``numpy.percentile``
on its peak and long-run rows); both give identical bands.

Run: ``python benchmarks/bench_impact.py [--draws 100000] [--naive-draws 2000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from treasury_leverage.impact.base import SalesPath, kernel_values
from treasury_leverage.impact.habitat import (
    HabitatParams,
    calibrate_habitat,
    solve_habitat,
    supply_response_bp,
)
from treasury_leverage.impact.pooled import PooledMixture, pooled_answer
from treasury_leverage.impact.registry import MODELS
from treasury_leverage.presets import sample_presets

MATURITIES = (1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 15.0, 20.0, 25.0, 30.0)


def best_time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def naive_bands(name: str, path: SalesPath, draws: dict[str, np.ndarray]) -> np.ndarray:
    """One model evaluation per draw in a Python loop, then percentiles."""
    n = len(next(iter(draws.values())))
    out = []
    for i in range(n):
        model = MODELS[name](overrides={k: float(v[i]) for k, v in draws.items()},
                             maturities_years=MATURITIES)
        res = model.impact(path)
        out.append(np.vstack([res.impact_bp, res.long_run_bp[None, :]]))
    return np.percentile(np.asarray(out), [5, 50, 95], axis=0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=100_000)
    ap.add_argument("--naive-draws", type=int, default=2_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    path = SalesPath.even(300.0, "10y", periods=20, period="day")
    models: dict[str, Any] = {}
    for name, cls in MODELS.items():
        model = cls(maturities_years=MATURITIES)
        model.impact(path, draws=100, seed=0)  # warm caches (durations, tables)
        vec = best_time(lambda m=model: m.impact(path, draws=args.draws, seed=1), args.repeat)
        draws = sample_presets(cls.preset_names, args.naive_draws, seed=2)
        t0 = time.perf_counter()
        ref = naive_bands(name, path, draws)
        naive_small = time.perf_counter() - t0
        # same draws through the vectorised kernel -> same bands
        ours = np.percentile(kernel_values(model._kernel(path, draws)), [5, 50, 95], axis=0)
        agree = float(np.abs(ours - ref).max())
        naive_full = naive_small * args.draws / args.naive_draws
        models[name] = {
            "vectorised_s": round(vec, 4),
            "naive_loop_s_extrapolated": round(naive_full, 2),
            "naive_loop_draws_run": args.naive_draws,
            "ratio_naive_over_vectorised": round(naive_full / vec, 1),
            "max_abs_band_difference_bp": agree,
        }

    # a sale across four buckets: the habitat kernel cannot factor, full (draws x periods x maturities)
    multi = SalesPath(np.full((20, 4), 75.0 / 20), (2.0, 5.0, 10.0, 30.0), "day")
    hab = MODELS["habitat"](maturities_years=MATURITIES)
    full_path = {"habitat_four_buckets_s": round(best_time(
        lambda: hab.impact(multi, draws=args.draws, seed=1), args.repeat), 4)}

    sixty = SalesPath.even(300.0, "7y", periods=60, period="day")
    pooled_answer(sixty, draws=1000, seed=0, maturities_years=MATURITIES)  # warm
    t_pool = best_time(lambda: pooled_answer(sixty, draws=args.draws, seed=3, maturities_years=MATURITIES),
                       args.repeat)
    mix = PooledMixture(maturities_years=MATURITIES)

    def direct() -> np.ndarray:
        params = sample_presets(mix.preset_names, args.draws, seed=3)
        full = mix._kernel(sixty, params)
        return np.percentile(full[:, [59, -1], :], [5, 50, 95], axis=0)

    t_direct = best_time(direct, 1)
    ans = pooled_answer(sixty, draws=args.draws, seed=3, maturities_years=MATURITIES)
    ref = direct()
    pooled = {
        "pooled_answer_s": round(t_pool, 4), "direct_full_array_s": round(t_direct, 3),
        "ratio_direct_over_ours": round(t_direct / t_pool, 1),
        "max_abs_band_difference_bp": float(max(np.abs(ans.peak_bands_bp - ref[:, 0]).max(),
                                                np.abs(ans.permanent_bands_bp - ref[:, 1]).max())),
        "peak_10y_bp": ans.band(10.0, "peak"), "permanent_10y_bp": ans.band(10.0, "permanent"),
    }

    cal = calibrate_habitat()
    habitat = {
        "calibration_closed_form_s": best_time(calibrate_habitat, args.repeat),
        "numerical_solve_600_points_s": best_time(lambda: solve_habitat(cal.params), args.repeat),
    }
    eq = solve_habitat(cal.params)
    habitat["supply_response_s"] = best_time(
        lambda: supply_response_bp(eq, cal.experiment_maturity_years, cal.experiment_usd_bn), args.repeat)
    two = HabitatParams(kappa_r=0.1, sigma_r=0.01, risk_aversion=cal.params.risk_aversion,
                        alpha=cal.params.alpha, kappa_beta=(0.23,), sigma_beta=(50.0,),
                        theta_beta=(lambda t: np.exp(-0.5 * ((t - 10.0) / 2.0) ** 2),))
    habitat["two_factor_solve_s"] = best_time(lambda: solve_habitat(two), args.repeat)
    habitat = {k: round(v, 5) for k, v in habitat.items()}

    print(json.dumps({
        "benchmark": "impact",
        "path": "USD 300bn of 10y notes over 20 trading days, 10 output maturities",
        "draws": args.draws,
        "models": models,
        "slowest_vectorised_s": max(m["vectorised_s"] for m in models.values()),
        "unfactored": full_path,
        "pooled_60_day_sale": pooled,
        "habitat": habitat,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                    "numpy": np.__version__},
    }, indent=2))


if __name__ == "__main__":
    main()
