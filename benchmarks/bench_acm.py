"""ACM term premium: full estimation time, vs a naive loop implementation, in the same run.

Builds the month-end GSW zero panel (maturities 1..120 months) from the daily Svensson
parameters, fits ``ACM(5)`` on the whole sample, computes all fitted / risk-neutral / term-premium
frames and the daily series for every GSW day, and times each step (best of ``--repeat``).

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


def latest_panel(params: pd.DataFrame) -> pd.DataFrame | None:
    """GSW continued to the latest month with Svensson fits to Treasury par yields, if available."""
    try:
        import treasury_leverage.data as tld
        from treasury_leverage.curves.fit import fit_nss_many
        from treasury_leverage.data.sources.treasury import TENOR_YEARS
        from treasury_leverage.termpremium.inputs import spliced_monthly_panel

        par = tld.par_curve("2018-01-01", None)
        month_end = par.groupby(par.index.to_period("M")).tail(1)
        fit = fit_nss_many([TENOR_YEARS[c] for c in month_end.columns], month_end.to_numpy())
        theta = np.asarray(fit.params)
        zero = svensson_zero(np.arange(1, 121) / 12, *(theta[:, i] for i in range(6)))
        after = pd.DataFrame(zero, index=month_end.index, columns=range(1, 121))
        return spliced_monthly_panel(params, after).yields_pct
    except Exception:  # par curve or curve fitting not available in this checkout
        return None


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

    latest = latest_panel(params)
    latest_info: dict[str, Any] | None = None
    if latest is not None:
        latest_model = ACM(5)
        latest_info = {
            "sample": f"{latest.index[0]:%Y-%m}..{latest.index[-1]:%Y-%m}",
            "n_months": len(latest),
            "fit_s": best_time(lambda: latest_model.fit(latest), args.repeat),
            "tp10_last_pct": float(latest_model.fit(latest).term_premium[10].iloc[-1]),
        }

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
        "latest_spliced_sample": latest_info,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "cpus": os.cpu_count(),
        "repeat": args.repeat,
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
