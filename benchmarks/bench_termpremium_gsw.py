"""The 10-year ACM term premium on the old and the new default curve, against the NY Fed.

Old default: the Fed's GSW parameter workbook to 2018-04, then Svensson fits to the Treasury
par yields (uncorrected). New default: the GSW panel to 2026-08 (workbook, SVENY refit,
feds200628 excerpt), par fits only after it. Both are compared with the NY Fed's published ACM
10-year term premium (the 1961-2007 part of its July 2025 vintage, the only part we have) and
with each other at end-April 2025 (the NY Fed's value there was about 61 bp).

Run: ``.venv/bin/python benchmarks/bench_termpremium_gsw.py`` (prints JSON; about a minute).
"""

from __future__ import annotations

import json
import time

import numpy as np
import pandas as pd

import treasury_leverage.data as tld
from treasury_leverage.curves.panel import cached_nss_panel, gsw_panel
from treasury_leverage.data.api import _wide
from treasury_leverage.termpremium import ACM
from treasury_leverage.termpremium.estimate import default_panel
from treasury_leverage.termpremium.inputs import MonthlyZeroPanel, spliced_monthly_panel


def _stats(ours: pd.Series, ref: pd.Series) -> dict[str, float]:
    both = pd.concat([ours, ref], axis=1, keys=["ours", "ref"]).dropna()
    diff = both["ours"] - both["ref"]
    return {
        "months": len(both),
        "corr": round(float(both.corr().iloc[0, 1]), 4),
        "rmse_bp": round(float(100 * np.sqrt((diff**2).mean())), 1),
        "mean_diff_bp": round(float(100 * diff.mean()), 1),
    }


def main() -> None:
    ref = tld.acm_published()["ACMTP10"]
    out: dict[str, object] = {}
    # Old default: workbook, then uncorrected par fits from 2018-04 (as before issue 14).
    t0 = time.perf_counter()
    cols = ["BETA0", "BETA1", "BETA2", "BETA3", "TAU1", "TAU2"]
    workbook = _wide("gsw_params")[cols].dropna(subset=["BETA0"])
    par = tld.par_curve()
    nss = cached_nss_panel(par.loc["2018-01-01":])
    zero = gsw_panel(nss, range(1, 121)).dropna(how="any")
    month_end = zero.groupby(zero.index.to_period("M")).tail(1)
    old_panel = spliced_monthly_panel(workbook, month_end)
    old = ACM(n_factors=5).fit(old_panel)
    t_old = time.perf_counter() - t0
    t0 = time.perf_counter()
    new_panel = default_panel()
    new = ACM(n_factors=5).fit(new_panel)
    t_new = time.perf_counter() - t0
    for label, res, secs, panel in (("old", old, t_old, old_panel), ("new", new, t_new, new_panel)):
        tp = res.term_premium[10]
        out[label] = {
            "panel": panel.provenance.describe(),
            "vs_nyfed_1961_2007": _stats(tp, ref),
            "tp10_2025_04_30_bp": round(float(100 * tp.loc["2025-04-30"]), 1),
            "tp10_last_bp": round(float(100 * tp.iloc[-1]), 1),
            "last_month": f"{tp.index[-1]:%Y-%m}",
            "seconds_panel_and_fit": round(secs, 1),
        }
    # The new default on the NY Fed vintage's own sample (1961-06..2025-06): the sample-end effect.
    same = MonthlyZeroPanel(yields_pct=new_panel.yields_pct.loc[:"2025-06"], provenance=new_panel.provenance)
    tp_same = ACM(n_factors=5).fit(same).term_premium[10]
    out["new_on_nyfed_sample_1961_2025_06"] = {
        "vs_nyfed_1961_2007": _stats(tp_same, ref),
        "tp10_2025_04_30_bp": round(float(100 * tp_same.loc["2025-04-30"]), 1),
    }
    both = pd.concat([old.term_premium[10], new.term_premium[10]], axis=1, keys=["old", "new"]).dropna()
    late = both.loc["2025-01":]
    out["new_minus_old_2025_on_bp"] = round(float(100 * (late["new"] - late["old"]).mean()), 1)
    out["nyfed_2025_04_30_bp_issue_note"] = 61
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
