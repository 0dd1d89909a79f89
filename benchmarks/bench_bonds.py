"""Vectorized Treasury bond math vs QuantLib one bond at a time, in the same run.

Prices 100,000 random Treasury-style bonds (clean price + modified duration) with
``treasury_leverage.curves.bonds`` and a subsample with QuantLib (``FixedRateBond`` on an
unadjusted end-of-month semiannual schedule, ``BondFunctions.cleanPrice`` and
``BondFunctions.duration``), checks they agree, and prints throughputs and ratios as JSON.

QuantLib is timed twice: including building each bond (schedule + FixedRateBond, as a user
pricing fresh bonds would) and on pre-built bonds (pricing only).

Run: ``python benchmarks/bench_bonds.py [--n 100000] [--n-quantlib 5000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time

import numpy as np

from treasury_leverage.curves.bonds import bond_analytics, bond_price, bond_risk, bond_yield


def random_bonds(n: int, seed: int = 7) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    settle = np.datetime64("2024-01-02") + rng.integers(0, 3 * 365, n)
    years = rng.integers(1, 31, n)
    first = (settle.astype("datetime64[Y]") + years).astype("datetime64[M]") + rng.integers(0, 12, n)
    month_end = (first + 1).astype("datetime64[D]") - 1
    maturity = np.where(rng.random(n) < 0.5, month_end, first.astype("datetime64[D]") + 14)
    return {
        "settle": settle,
        "maturity": maturity,
        "coupon_pct": rng.integers(1, 65, n) / 8.0,
        "yield_pct": rng.uniform(0.0, 10.0, n),
    }


def best_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--n-quantlib", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import QuantLib as ql  # noqa: N813 - the conventional alias

    b = random_bonds(args.n)
    s, m, c, y = b["settle"], b["maturity"], b["coupon_pct"], b["yield_pct"]

    def ours() -> None:
        bond_analytics(s, m, c, yield_pct=y)

    def ours_split() -> None:
        bond_price(s, m, c, y)
        bond_risk(s, m, c, y)

    clean = np.asarray(bond_price(s, m, c, y))

    def ours_yield() -> None:
        bond_yield(s, m, c, clean)

    ours_s = best_time(ours, args.repeat)
    ours_split_s = best_time(ours_split, args.repeat)
    ours_yield_s = best_time(ours_yield, args.repeat)

    k = min(args.n_quantlib, args.n)
    sub = [(str(s[i]), str(m[i]), float(c[i]), float(y[i])) for i in range(k)]

    def ql_build(settle: str, maturity: str, coupon: float):
        sd, md = ql.DateParser.parseISO(settle), ql.DateParser.parseISO(maturity)
        eff = ql.NullCalendar().advance(md, -6 * (2 * (md.year() - sd.year()) + 2), ql.Months,
                                        ql.Unadjusted, True)
        sched = ql.Schedule(eff, md, ql.Period(ql.Semiannual), ql.NullCalendar(), ql.Unadjusted,
                            ql.Unadjusted, ql.DateGeneration.Backward, True)
        dc = ql.ActualActual(ql.ActualActual.Bond, sched)
        return ql.FixedRateBond(0, 100.0, sched, [coupon / 100.0], dc), dc, sd

    def ql_price(bond, dc, sd, yld: float) -> tuple[float, float]:
        rate = ql.InterestRate(yld / 100.0, dc, ql.Compounded, ql.Semiannual)
        return (ql.BondFunctions.cleanPrice(bond, rate, sd),
                ql.BondFunctions.duration(bond, rate, ql.Duration.Modified, sd))

    def quantlib_full() -> list[tuple[float, float]]:
        out = []
        for settle, maturity, coupon, yld in sub:
            bond, dc, sd = ql_build(settle, maturity, coupon)
            ql.Settings.instance().evaluationDate = sd
            out.append(ql_price(bond, dc, sd, yld))
        return out

    built = [ql_build(st, mt, cp) for st, mt, cp, _ in sub]

    def quantlib_pricing_only() -> None:
        for (bond, dc, sd), (_, _, _, yld) in zip(built, sub, strict=True):
            ql_price(bond, dc, sd, yld)

    t0 = time.perf_counter()
    ql_results = quantlib_full()
    ql_full_s = time.perf_counter() - t0
    ql_pricing_s = best_time(quantlib_pricing_only, 1)

    res = bond_analytics(s[:k], m[:k], c[:k], yield_pct=y[:k])
    ql_arr = np.array(ql_results)
    ours_per_s = args.n / ours_s
    ql_full_per_s = k / ql_full_s
    ql_pricing_per_s = k / ql_pricing_s
    report = {
        "benchmark": "clean price + modified duration of random Treasury notes/bonds",
        "n_bonds_ours": args.n,
        "n_bonds_quantlib": k,
        "ours_seconds": round(ours_s, 4),
        "ours_bonds_per_second": round(ours_per_s),
        "ours_price_then_risk_bonds_per_second": round(args.n / ours_split_s),
        "ours_yield_from_price_bonds_per_second": round(args.n / ours_yield_s),
        "quantlib_seconds_incl_building": round(ql_full_s, 4),
        "quantlib_bonds_per_second_incl_building": round(ql_full_per_s),
        "quantlib_bonds_per_second_pricing_only": round(ql_pricing_per_s),
        "ratio_vs_quantlib_incl_building": round(ours_per_s / ql_full_per_s, 1),
        "ratio_vs_quantlib_pricing_only": round(ours_per_s / ql_pricing_per_s, 1),
        "max_abs_diff_clean_price": float(np.max(np.abs(res.clean_price_per_100 - ql_arr[:, 0]))),
        "max_rel_diff_modified_duration": float(
            np.max(np.abs(res.modified_duration_years / ql_arr[:, 1] - 1))),
        "openblas_coretype": os.environ.get("OPENBLAS_CORETYPE"),
        "openblas_coretype_set": "OPENBLAS_CORETYPE" in os.environ,
        "numpy": np.__version__,
        "quantlib": ql.__version__,
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "repeat_best_of": args.repeat,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
