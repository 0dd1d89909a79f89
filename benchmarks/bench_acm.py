"""ACM term premium: full estimation time, vs a naive loop implementation, in the same run.

Builds the month-end GSW zero panel (maturities 1..120 months) from the daily Svensson
parameters, fits ``ACM(5)`` on the whole sample, computes all fitted / risk-neutral / term-premium
frames and the daily series for every GSW day, and times each step (best of ``--repeat``).
Then the default estimate of ``termpremium.estimate``: GSW spliced with Svensson fits to the
Treasury par yields to the latest month (splice included; cold and warm disk cache), its daily
values 1990 -> latest, and the April 2025 episode.

The reference is a straightforward loop implementation of the part that loops by nature, the
affine bond-price recursions (ACM 2013) and the yields they give for every month and
maturity, written with Python loops over maturities, factors and dates as a first
implementation would be. Both must agree to 1e-10; the JSON reports the times and the ratio.

Run: ``python benchmarks/bench_acm.py [--raw ../shared/data] [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from treasury_leverage.curves.svensson import svensson_zero
from treasury_leverage.termpremium.acm import ACM, ACMResults
from treasury_leverage.termpremium.inputs import GSW_PARAMETER_COLUMNS, gsw_monthly_zero_panel

ROOT = Path(__file__).resolve().parents[1]


def load_gsw_parameters(raw: Path) -> tuple[pd.DataFrame, str]:
    """GSW parameters from the data layer, or straight from the raw workbook if it is not there."""
    try:
        from treasury_leverage.data import gsw_parameters

        return gsw_parameters(), "treasury_leverage.data.gsw_parameters()"
    except Exception:  # data layer missing or without a snapshot: read the raw file
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pd.read_excel(raw / "rates" / "gsw_parameters_daily_1961-2018.xls", sheet_name="GSWParam")
        frame = frame.rename(columns={frame.columns[0]: "date"})
        frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
        return frame.set_index("date").sort_index()[list(GSW_PARAMETER_COLUMNS)], "raw workbook"


def default_sample(repeat: int) -> dict[str, Any] | None:
    """The default estimate (``termpremium.estimate``): GSW spliced with NSS fits to par yields.

    Times, in a fresh cache folder: the first build (daily NSS fits to every par-yield day after
    the splice, written to the disk cache), the build with a warm disk cache (a new process'
    first call), the fit, ``fit_default()`` end to end with a warm disk cache, the daily values
    1990 -> latest, and an April 2025 episode decomposition.
    """
    try:
        from treasury_leverage.termpremium import estimate
        from treasury_leverage.termpremium.episode import decompose
    except ImportError:  # an older checkout without the default estimate
        return None

    def clear_process_caches() -> None:
        for fn in (estimate._inputs_for, estimate._panel_for, estimate._fit_for, estimate._daily_zero_for,
                   estimate._daily_for):
            fn.cache_clear()

    with tempfile.TemporaryDirectory() as home:
        previous = os.environ.get("TLEV_HOME")
        os.environ["TLEV_HOME"] = home  # a cold disk cache that is thrown away afterwards
        try:
            clear_process_caches()
            t0 = time.perf_counter()
            panel = estimate.default_panel()
            t_cold = time.perf_counter() - t0

            def warm_panel() -> None:
                clear_process_caches()
                estimate.default_panel()

            t_warm_panel = best_time(warm_panel, repeat)
            model = ACM(5)
            t_fit = best_time(lambda: model.fit(panel), repeat)

            def warm_fit_default() -> None:
                clear_process_caches()
                estimate.fit_default()

            t_fit_default = best_time(warm_fit_default, repeat)
            estimate.fit_default()
            t_cached = best_time(estimate.fit_default, repeat)

            def daily_all() -> None:
                estimate._daily_zero_for.cache_clear()
                estimate._daily_for.cache_clear()
                estimate.daily_term_premium(maturities=range(1, 11))

            t_daily = best_time(daily_all, repeat)
            daily = estimate.daily_term_premium(maturities=range(1, 11))
            t_episode = best_time(lambda: decompose("2025-04-04", "2025-04-11"), repeat)
            episode = decompose("2025-04-04", "2025-04-11").yields.loc[10]
            results = estimate.fit_default()
        finally:
            clear_process_caches()
            if previous is None:
                os.environ.pop("TLEV_HOME", None)
            else:
                os.environ["TLEV_HOME"] = previous
    y = panel.yields_pct
    return {
        "sample": f"{y.index[0]:%Y-%m}..{y.index[-1]:%Y-%m}",
        "n_months": len(y),
        "provenance": panel.provenance.describe(),
        "panel_first_build_s": t_cold,
        "panel_warm_disk_cache_s": t_warm_panel,
        "fit_s": t_fit,
        "fit_default_warm_disk_cache_s": t_fit_default,
        "fit_default_in_process_cached_s": t_cached,
        "daily_1990_latest_s": t_daily,
        "n_daily": len(daily),
        "daily_span": f"{daily.index[0]:%Y-%m-%d}..{daily.index[-1]:%Y-%m-%d}",
        "episode_2025_04_s": t_episode,
        "episode_2025_04_10y_bp": {
            "change_bp": float(episode["change_bp"]),
            "expected_rates_bp": float(episode["expected_rates_bp"]),
            "term_premium_bp": float(episode["term_premium_bp"]),
        },
        "tp10_last_pct": float(results.term_premium[10].iloc[-1]),
    }


def best_time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def naive_yields(res: ACMResults) -> tuple[list[list[float]], list[list[float]]]:
    """Loop implementation: recursions in Python lists, then yields date by date."""
    e = res.estimates
    K = res.model.n_factors
    n_max = res.model.max_maturity
    mu, phi, sigma = e.mu.tolist(), e.phi.tolist(), e.sigma.tolist()
    d0, d1, s2 = e.delta0, e.delta1.tolist(), e.pricing_error_var

    def recursion(l0: list[float], l1: list[list[float]]) -> tuple[list[float], list[list[float]]]:
        A = [0.0]
        B = [[0.0] * K]
        for n in range(1, n_max + 1):
            b = B[n - 1]
            drift = sum(b[i] * (mu[i] - l0[i]) for i in range(K))
            conv = sum(b[i] * sigma[i][j] * b[j] for i in range(K) for j in range(K))
            jensen = 0.5 * (conv + s2) if n >= 2 else 0.0
            A.append(A[n - 1] + drift + jensen - d0)
            B.append([sum(b[i] * (phi[i][j] - l1[i][j]) for i in range(K)) - d1[j] for j in range(K)])
        return A, B

    zero1 = [0.0] * K
    zero2 = [[0.0] * K for _ in range(K)]
    A, B = recursion(e.lambda0.tolist(), e.lambda1.tolist())
    Ar, Br = recursion(zero1, zero2)
    X = e.factors.tolist()
    fitted, tp = [], []
    for x in X:
        row_f, row_tp = [], []
        for n in range(1, n_max + 1):
            f = -(A[n] + sum(B[n][k] * x[k] for k in range(K))) / n * 1200
            r = -(Ar[n] + sum(Br[n][k] * x[k] for k in range(K))) / n * 1200
            row_f.append(f)
            row_tp.append(f - r)
        fitted.append(row_f)
        tp.append(row_tp)
    return fitted, tp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    params, params_source = load_gsw_parameters(args.raw)
    t_panel = best_time(lambda: gsw_monthly_zero_panel(params), args.repeat)
    panel = gsw_monthly_zero_panel(params)
    model = ACM(5)
    model.fit(panel)  # warm-up (imports, BLAS threads)
    t_fit = best_time(lambda: model.fit(panel), args.repeat)
    res = model.fit(panel)

    def all_frames() -> None:
        _ = res.fitted_yield_all, res.risk_neutral_yield_all, res.term_premium_all, res.to_frame()

    t_frames = best_time(all_frames, args.repeat)

    mats = np.arange(1, 121) / 12
    daily_yields = pd.DataFrame(
        svensson_zero(mats, *(params[c].to_numpy() for c in GSW_PARAMETER_COLUMNS)),
        index=params.index,
        columns=range(1, 121),
    )
    t_daily = best_time(lambda: res.daily(daily_yields), args.repeat)

    # Same-process reference: the recursions + all yields with loops.
    def vectorised() -> tuple[pd.DataFrame, pd.DataFrame]:
        return res.fitted_yield_all, res.term_premium_all

    t_vec = best_time(vectorised, args.repeat)
    t_naive = best_time(lambda: naive_yields(res), max(1, min(args.repeat, 2)))
    naive_fitted, naive_tp = naive_yields(res)
    max_gap = max(
        float(np.abs(np.asarray(naive_fitted) - res.fitted_yield_all.to_numpy()).max()),
        float(np.abs(np.asarray(naive_tp) - res.term_premium_all.to_numpy()).max()),
    )
    if max_gap > 1e-10:
        raise SystemExit(f"naive and vectorised implementations disagree by {max_gap}")

    default_info = default_sample(args.repeat)

    out = {
        "benchmark": "acm",
        "sample": f"{panel.index[0]:%Y-%m}..{panel.index[-1]:%Y-%m}",
        "n_months": len(panel),
        "parameters_from": params_source,
        "n_daily": len(daily_yields),
        "panel_build_s": t_panel,
        "fit_s": t_fit,
        "all_frames_s": t_frames,
        "fit_plus_frames_s": t_fit + t_frames,
        "daily_s": t_daily,
        "recursion_and_yields": {
            "vectorised_s": t_vec,
            "naive_loops_s": t_naive,
            "speedup": t_naive / t_vec,
            "max_abs_gap_pct": max_gap,
        },
        "tp10_last_pct": float(res.term_premium[10].iloc[-1]),
        "default_spliced_sample": default_info,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
