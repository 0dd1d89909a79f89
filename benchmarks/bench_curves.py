"""Daily zero-curve panel 1990 -> latest: NSS fit and bootstrap, vs naive per-day loops.

Ours:
* ``fit_nss_panel``: Svensson fit of every day (lock-step warm starts across days, vectorised
  Levenberg-Marquardt, analytic Jacobian);
* ``zero_curve_panel(method="bootstrap")``: exact bootstrap, vectorised over days sharing tenors;
* ``cached_zero_panel``: first call (fit + Parquet write) and second call (cache hit).

References, in the same process:
* NSS: a per-day loop of ``fit_nss`` with a cold start every day (scipy ``least_squares`` from
  the cold-start grid), on every ``--naive-stride``-th day (the full loop takes many minutes);
  the per-day times are compared and the full-panel time extrapolated;
* bootstrap: a per-day loop of ``bootstrap_par_curve`` + ``zero_rate`` at the 360 monthly
  maturities, on every day; both must agree to 1e-12.

Run: ``python benchmarks/bench_curves.py [--repeat 3] [--naive-stride 10]``; prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import scipy

from treasury_leverage.curves.bootstrap import bootstrap_par_curve
from treasury_leverage.curves.fit import fit_nss
from treasury_leverage.curves.panel import (
    cached_zero_panel,
    fit_nss_panel,
    tenor_years,
    zero_curve_panel,
)


def best_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def quantiles(values: np.ndarray) -> dict[str, float]:
    q = np.percentile(values, [50, 90, 95, 99, 100])
    return {k: round(float(v), 3) for k, v in zip(("p50", "p90", "p95", "p99", "max"), q, strict=True)}


def naive_nss(par: pd.DataFrame, tenors: np.ndarray) -> np.ndarray:
    return np.array([fit_nss(tenors, row).rmse_bp for row in par.to_numpy()])


def naive_bootstrap(par: pd.DataFrame, tenors: np.ndarray, months: np.ndarray) -> np.ndarray:
    out = np.full((len(par), months.size), np.nan)
    t = months / 12.0
    for i, row in enumerate(par.to_numpy()):
        ok = np.isfinite(row)
        curve = bootstrap_par_curve(tenors, row)
        z = curve.zero_rate(t)
        z[t > tenors[ok].max() + 1e-9] = np.nan
        out[i] = z
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-stride", type=int, default=10)
    args = parser.parse_args()

    import treasury_leverage.data as tld

    t_load, par = best_time(tld.par_curve, 1)
    tenors = np.array([tenor_years(c) for c in par.columns])
    months = np.arange(1, 361)

    t_fit, params = best_time(lambda: fit_nss_panel(par), args.repeat)
    sample = par.iloc[:: args.naive_stride]
    t_naive, naive_rmse = best_time(lambda: naive_nss(sample, tenors), 1)
    ours_on_sample = params["rmse_bp"].reindex(sample.index).to_numpy()
    per_day_ours = t_fit / len(params)
    per_day_naive = t_naive / len(sample)

    t_boot, boot = best_time(
        lambda: zero_curve_panel(par, maturities_months=months, method="bootstrap"), args.repeat)
    t_boot_naive, boot_naive = best_time(lambda: naive_bootstrap(par, tenors, months), 1)
    gap = np.nanmax(np.abs(boot.to_numpy() - boot_naive))
    same_nan = bool(np.array_equal(np.isnan(boot.to_numpy()), np.isnan(boot_naive)))
    if gap > 1e-12 or not same_nan:
        raise SystemExit(f"bootstrap panel and per-day loop disagree (gap {gap}, same NaN {same_nan})")

    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        t_cache_cold, _ = best_time(lambda: cached_zero_panel(par, cache_dir=cache), 1)
        t_cache_warm, _ = best_time(lambda: cached_zero_panel(par, cache_dir=cache), args.repeat)

    out = {
        "benchmark": "curves",
        "sample": f"{par.index[0]:%Y-%m-%d}..{par.index[-1]:%Y-%m-%d}",
        "n_days": len(par),
        "load_par_curve_s": round(t_load, 3),
        "nss_panel": {
            "ours_s": round(t_fit, 3),
            "ours_ms_per_day": round(per_day_ours * 1e3, 3),
            "naive_cold_loop_days": len(sample),
            "naive_cold_loop_s": round(t_naive, 3),
            "naive_ms_per_day": round(per_day_naive * 1e3, 3),
            "naive_full_panel_s_extrapolated": round(per_day_naive * len(par), 1),
            "speedup_per_day": round(per_day_naive / per_day_ours, 1),
            "rmse_bp_ours_all_days": quantiles(params["rmse_bp"].to_numpy()),
            "rmse_bp_ours_on_naive_days": quantiles(ours_on_sample),
            "rmse_bp_naive": quantiles(naive_rmse),
            "rmse_gap_bp_ours_minus_naive": quantiles(ours_on_sample - naive_rmse),
        },
        "bootstrap_panel": {
            "ours_s": round(t_boot, 3),
            "naive_loop_s": round(t_boot_naive, 3),
            "speedup": round(t_boot_naive / t_boot, 1),
            "max_abs_gap_pct": float(gap),
        },
        "cached_zero_panel": {
            "first_call_s": round(t_cache_cold, 3),
            "cache_hit_s": round(t_cache_warm, 4),
        },
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
