"""Checked against history: feed actual TIC net sales into the pooled models, compare with term premia.

:func:`backtest` takes a holder (or ``official``, all foreign official holders) and a window of
months, reads its monthly net purchases from the flow detective
(:func:`treasury_leverage.holdings.flows.flows`: reported valuation where the TIC publishes it,
estimated otherwise), turns net *sales* into a monthly :class:`~treasury_leverage.impact.base.SalesPath`
and prices it with the pooled mixture (:class:`~treasury_leverage.impact.pooled.PooledMixture`)
and, for reference, each family member. Beside the prediction it puts the observed change in the
10-year term premium over the same window: our ACM estimate
(:func:`treasury_leverage.termpremium.estimate.term_premium_series`) and Kim-Wright (FRED
``THREEFYTP10``), month-end before the window to the window's last month-end.

Choices [C], stated in the result's notes:

* Maturities: where the TIC splits the month's net purchases into long-term securities and
  bills (``lt_net_purchases_reported_usd_bn`` and ``bills_and_other_usd_bn``), the long-term part
  is sold at the average Treasury's duration (a 5-year note, preset
  ``flow_duration_maturity_years``) and the bills at 3 months; months without the split (estimated
  valuation) put all net sales at 5 years.
* The market then, not today's: ``us_marketable_debt_usd_bn`` is overridden by the MSPD average
  over the window and ``nominal_gdp_usd_bn`` by today's preset back-cast at
  ``us_nominal_gdp_growth_pct`` a year (no GDP series is bundled; about 9% high for 2015).
* Peak = the predicted change at the end of the window (the last month of the path); permanent =
  what remains after the transient has decayed. The observed change includes everything else
  that moved term premia (Fed policy, inflation news, global yields): a backtest of one window
  says whether the models' *order of magnitude* is plausible, not that they are right.

References
----------
Episodes: Arias & Restrepo-Echavarria, St. Louis Fed *Economic Synopses* 2016 No. 24 (China's
reserve sales, custody holdings down USD 116bn Jun 2015-Jun 2016); Japan's Ministry of Finance,
foreign exchange intervention operations (22 Sep and 21 Oct 2022, about USD 20bn and 38bn).
Kim, D. H. and J. H. Wright (2005), FEDS 2005-33 (THREEFYTP10); Adrian, Crump & Moench (2013).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError, UnknownNameError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EPISODES", "BacktestResult", "Episode", "backtest", "backtest_episode"]

FloatArray = NDArray[np.float64]
_BANDS: Final = ("p5", "p50", "p95")
_BILL_YEARS: Final = 0.25


@dataclass(frozen=True)
class Episode:
    """A documented window of official selling (a backtest preset)."""

    key: str
    holder: str
    start: str
    end: str
    description: str
    source: str


#: The backtest presets (``tlev backtest --episode KEY``).
EPISODES: Final[dict[str, Episode]] = {e.key: e for e in (
    Episode("china-2015", "china", "2015-08", "2016-11",
            "China's reserve sales defending the renminbi after the August 2015 devaluation",
            "St. Louis Fed Economic Synopses 2016 No. 24 (Arias & Restrepo-Echavarria); TIC"),
    Episode("japan-2022", "japan", "2022-09", "2022-11",
            "Japan's yen-buying intervention (22 Sep and 21 Oct 2022)",
            "Japan MOF, Foreign Exchange Intervention Operations (2022); TIC"),
    Episode("official-2015", "official", "2015-08", "2016-11",
            "All foreign official holders over China's 2015-16 reserve sales",
            "TIC (foreign official holdings); same window as china-2015"),
)}


@dataclass(frozen=True)
class BacktestResult:
    """Predicted and observed 10-year term-premium changes over one window.

    Attributes
    ----------
    holder, start, end
        Resolved holder and the window (``YYYY-MM``).
    months
        Month-ends of the window.
    net_sales_usd_bn
        ``(n_months,)`` net sales (= minus net purchases) per month, all Treasuries.
    net_sales_bills_usd_bn
        ``(n_months,)`` the part sold as bills (0 where the TIC gives no split).
    valuation_kinds
        Per month: ``reported`` or ``estimated`` valuation behind the net purchases.
    ten_year_equivalents_usd_bn
        The window's net sales in 10-year equivalents.
    predicted_peak_bp, predicted_permanent_bp
        ``{"central", "p5", "p50", "p95"}`` of the pooled mixture at the 10-year.
    predicted_path_bp
        ``(4, n_months)``: central, p5, p50, p95 of the pooled prediction at each month-end.
    members
        Member model -> ``{"peak_bp", "permanent_bp"}`` (central values).
    observed_bp
        ``{"acm": ..., "kim_wright": ...}`` change (bp) over the window (None if unavailable).
    observed_path_bp
        Series name -> ``(n_months,)`` cumulative change since the month-end before the window.
    verdict
        One line per measure: within the pooled peak band, or the models over/under-predict.
    market
        The overrides used (marketable debt and GDP of the window).
    draws, seed, notes
        Monte Carlo settings and the choices made.
    """

    holder: str
    start: str
    end: str
    months: tuple[str, ...]
    net_sales_usd_bn: FloatArray
    net_sales_bills_usd_bn: FloatArray
    valuation_kinds: tuple[str, ...]
    ten_year_equivalents_usd_bn: float
    predicted_peak_bp: dict[str, float]
    predicted_permanent_bp: dict[str, float]
    predicted_path_bp: FloatArray
    members: dict[str, dict[str, float]]
    observed_bp: dict[str, float | None]
    observed_path_bp: dict[str, FloatArray]
    verdict: dict[str, str]
    market: dict[str, float]
    draws: int
    seed: int
    notes: list[str] = field(default_factory=list)
    episode: str | None = None

    def row(self) -> dict[str, Any]:
        """One flat row for a table (units in the keys)."""
        pk, pm = self.predicted_peak_bp, self.predicted_permanent_bp
        return {
            "episode": self.episode or "", "holder": self.holder, "window": f"{self.start}..{self.end}",
            "net_sales_usd_bn": float(self.net_sales_usd_bn.sum()),
            "ten_year_equivalents_usd_bn": self.ten_year_equivalents_usd_bn,
            "peak_p50_bp": pk["p50"], "peak_p5_bp": pk["p5"], "peak_p95_bp": pk["p95"],
            "permanent_p50_bp": pm["p50"], "permanent_p5_bp": pm["p5"], "permanent_p95_bp": pm["p95"],
            "observed_acm_bp": self.observed_bp.get("acm"),
            "observed_kim_wright_bp": self.observed_bp.get("kim_wright"),
            "verdict_acm": self.verdict.get("acm", ""),
            "verdict_kim_wright": self.verdict.get("kim_wright", ""),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, units in the keys."""
        return {
            **self.row(),
            "months": list(self.months),
            "monthly_net_sales_usd_bn": self.net_sales_usd_bn.tolist(),
            "monthly_net_sales_bills_usd_bn": self.net_sales_bills_usd_bn.tolist(),
            "valuation_kinds": list(self.valuation_kinds),
            "predicted_peak_bp": self.predicted_peak_bp,
            "predicted_permanent_bp": self.predicted_permanent_bp,
            "predicted_path_bp": {k: self.predicted_path_bp[i].tolist()
                                  for i, k in enumerate(("central", *_BANDS))},
            "members_bp": self.members,
            "observed_path_bp": {k: [None if not math.isfinite(v) else float(v) for v in arr]
                                 for k, arr in self.observed_path_bp.items()},
            "market": self.market, "draws": self.draws, "seed": self.seed, "notes": list(self.notes),
        }

    def path_frame(self) -> pd.DataFrame:
        """Month by month: cumulative net sales, predicted (central, p5, p50, p95) and observed (bp)."""
        import pandas as pd

        frame = pd.DataFrame({"net_sales_usd_bn": self.net_sales_usd_bn,
                              "cumulative_net_sales_usd_bn": np.cumsum(self.net_sales_usd_bn)},
                             index=pd.Index(list(self.months), name="month"))
        for i, k in enumerate(("central", *_BANDS)):
            frame[f"predicted_{k}_bp"] = self.predicted_path_bp[i]
        for k, arr in self.observed_path_bp.items():
            frame[f"observed_{k}_bp"] = arr
        return frame


def _month(text: str, what: str) -> pd.Period:
    import pandas as pd

    try:
        return pd.Period(str(text).strip(), freq="M")
    except (ValueError, TypeError):
        raise InputError(f"{what} {text!r}: expected a month YYYY-MM, e.g. 2015-08") from None


def backtest_episode(key: str, *, draws: int = 10_000, seed: int = 0) -> BacktestResult:
    """:func:`backtest` on a preset episode (:data:`EPISODES`).

    Raises
    ------
    UnknownNameError
        For an unknown episode (closest names listed).
    """
    k = key.strip().lower()
    if k not in EPISODES:
        raise UnknownNameError("backtest episode", key, EPISODES)
    ep = EPISODES[k]
    res = backtest(ep.holder, ep.start, ep.end, draws=draws, seed=seed)
    from dataclasses import replace

    return replace(res, episode=ep.key, notes=[f"{ep.key}: {ep.description} ({ep.source})", *res.notes])


def backtest(
    holder: str,
    start: str,
    end: str,
    *,
    draws: int = 10_000,
    seed: int = 0,
    overrides: Mapping[str, float] | None = None,
) -> BacktestResult:
    """Predicted (pooled models) vs observed 10-year term-premium change for a holder's window.

    Parameters
    ----------
    holder
        A holder name (``china``, ``japan``...) or ``official`` (all foreign official holders).
    start, end
        First and last month of the window (``YYYY-MM``).
    draws, seed
        Pooled draws behind the bands.
    overrides
        Preset overrides (e.g. pool weights); the market size of the window is set here unless
        given.

    Raises
    ------
    InputError
        Bad months, a window outside the data, or draws < 1.
    """
    import pandas as pd

    from treasury_leverage.holdings.flows import flows
    from treasury_leverage.impact.base import SalesPath, ten_year_equivalents_usd_bn
    from treasury_leverage.impact.pooled import FAMILIES, PooledMixture
    from treasury_leverage.impact.registry import MODELS
    from treasury_leverage.presets import preset_value

    p0, p1 = _month(start, "start"), _month(end, "end")
    if p1 < p0:
        raise InputError(f"window {start}..{end}: expected start <= end")
    if int(draws) != draws or draws < 1:
        raise InputError(f"draws {draws!r}: expected a whole number >= 1")
    frame = flows(holder, str(p0), str(p1))
    name = str(frame.attrs.get("holder", holder))
    months = pd.PeriodIndex(frame.index, freq="M")
    frame = frame[(months >= p0) & (months <= p1)]
    if frame.empty:
        raise InputError(f"window {p0}..{p1}: no net purchases of {name} in the data")
    net = frame["net_purchases_usd_bn"].astype(float)
    notes: list[str] = []
    if net.isna().any():
        bad = ", ".join(f"{d:%Y-%m}" for d in net.index[net.isna()])
        notes.append(f"no net purchases measurable in {bad} (series break): counted as 0")
    sales = -net.fillna(0.0).to_numpy()
    lt = frame.get("lt_net_purchases_reported_usd_bn")
    bills_np = frame.get("bills_and_other_usd_bn")
    split = (lt.notna() & bills_np.notna()).to_numpy() if lt is not None and bills_np is not None \
        else np.zeros(len(frame), dtype=bool)
    bill_sales = np.where(split, -np.nan_to_num(bills_np.to_numpy(dtype=float)) if bills_np is not None
                          else 0.0, 0.0)
    # the long-term part is the rest, so the two buckets add up to the month's net sales
    long_sales = sales - bill_sales
    flow_years = preset_value("flow_duration_maturity_years")
    path = SalesPath(np.column_stack([bill_sales, long_sales]), (_BILL_YEARS, flow_years), "month")
    if not split.all():
        notes.append(f"{int((~split).sum())} month(s) without the TIC long-term/bill split: all net sales at "
                     f"{flow_years:g} years")
    kinds = tuple(str(k) for k in frame["valuation_kind"]) if "valuation_kind" in frame else ()
    n_est = sum(k == "estimated" for k in kinds)
    if n_est:
        notes.append(f"{n_est} of {len(kinds)} month(s) use estimated valuation (TIC publishes no valuation "
                     "split there): net purchases = change in holdings minus estimated valuation")

    market = _market_then(p0, p1, overrides)
    over = {**market, **dict(overrides or {})}
    pool = PooledMixture(maturities_years=(10.0,),
                         overrides={k: v for k, v in over.items() if k in PooledMixture.preset_names})
    res = pool.impact(path, draws=int(draws), seed=seed)
    assert res.bands_bp is not None
    last = path.n_periods - 1
    peak = {"central": float(res.impact_bp[last, 0]),
            **{b: float(res.bands_bp[i, last, 0]) for i, b in enumerate(_BANDS)}}
    perm = {"central": float(res.long_run_bp[0]),
            **{b: float(res.bands_bp[i, -1, 0]) for i, b in enumerate(_BANDS)}}
    path_bp = np.vstack([res.impact_bp[:, 0], res.bands_bp[:, :-1, 0]])
    members: dict[str, dict[str, float]] = {}
    for fam_members in FAMILIES.values():
        for m in fam_members:
            cls = MODELS[m]
            mres = cls(maturities_years=(10.0,), overrides={k: v for k, v in over.items()
                                                            if k in cls.preset_names}).impact(path)
            members[m] = {"peak_bp": float(mres.impact_bp[last, 0]),
                          "permanent_bp": float(mres.long_run_bp[0])}
    ten_ye = float(ten_year_equivalents_usd_bn(path.sales_usd_bn.sum(axis=0), path.buckets_years))

    labels = tuple(f"{m}" for m in pd.PeriodIndex(frame.index, freq="M").astype(str))
    observed, obs_path = _observed(p0, p1, labels)
    verdict = {k: _verdict(v, peak, perm) for k, v in observed.items()}
    return BacktestResult(
        holder=name, start=str(p0), end=str(p1), months=labels, net_sales_usd_bn=sales,
        net_sales_bills_usd_bn=bill_sales, valuation_kinds=kinds, ten_year_equivalents_usd_bn=ten_ye,
        predicted_peak_bp=peak, predicted_permanent_bp=perm, predicted_path_bp=path_bp, members=members,
        observed_bp=observed, observed_path_bp=obs_path, verdict=verdict, market=market,
        draws=int(draws), seed=seed, notes=[*notes,
            "the observed change includes everything else that moved term premia in the window (Fed "
            "policy, inflation news, global yields); read the comparison as an order-of-magnitude check"],
    )


def _market_then(p0: pd.Period, p1: pd.Period, overrides: Mapping[str, float] | None) -> dict[str, float]:
    """Marketable debt (MSPD average over the window) and GDP back-cast to the window's middle."""
    from treasury_leverage.data import api
    from treasury_leverage.presets import preset_value

    out: dict[str, float] = {}
    debt = api.mspd()["total_marketable"]
    import pandas as pd

    months = pd.PeriodIndex(debt.index, freq="M")
    sel = debt[(months >= p0) & (months <= p1)]
    if sel.empty:  # before the MSPD history: the nearest month's
        sel = debt.iloc[[0]] if p1 < months[0] else debt.iloc[[-1]]
    out["us_marketable_debt_usd_bn"] = float(sel.mean())
    today = pd.Period(debt.index[-1], freq="M")
    mid = p0 + (p1 - p0).n // 2
    years = (today - mid).n / 12.0
    g = preset_value("us_nominal_gdp_growth_pct", overrides) / 100.0
    out["nominal_gdp_usd_bn"] = preset_value("nominal_gdp_usd_bn", overrides) / (1.0 + g) ** years
    return out


def _observed(p0: pd.Period, p1: pd.Period, labels: tuple[str, ...]) -> tuple[dict[str, float | None],
                                                                               dict[str, FloatArray]]:
    """Change (bp) in the 10-year term premium: ACM (ours) and Kim-Wright, month-end basis."""
    import pandas as pd

    from treasury_leverage.data import api
    from treasury_leverage.termpremium.estimate import term_premium_series

    last = p1.to_timestamp(how="end").normalize()
    series: dict[str, pd.Series] = {}
    try:
        acm = term_premium_series(10, start=str((p0 - 2).start_time.date()), end=str(last.date()))
        series["acm"] = acm["term_premium_pct"]
    except Exception:  # the window may lie outside the estimate: reported as unavailable
        pass
    try:
        kw = api.series("THREEFYTP10", end=last)
        series["kim_wright"] = kw
    except Exception:  # an install without FRED data
        pass
    observed: dict[str, float | None] = {"acm": None, "kim_wright": None}
    paths: dict[str, FloatArray] = {}
    for key, s in series.items():
        s = s.dropna()
        monthly = s.groupby(pd.PeriodIndex(s.index, freq="M")).last()
        if (p0 - 1) not in monthly.index or p1 not in monthly.index:
            continue
        base = float(monthly[p0 - 1])
        observed[key] = 100.0 * (float(monthly[p1]) - base)
        paths[key] = np.array([100.0 * (float(monthly[pd.Period(m, freq="M")]) - base)
                               if pd.Period(m, freq="M") in monthly.index else np.nan for m in labels])
    return observed, paths


def _verdict(observed: float | None, peak: dict[str, float], perm: dict[str, float]) -> str:
    if observed is None:
        return "no observation"
    if peak["p5"] <= observed <= peak["p95"]:
        return "within the pooled band"
    if observed < peak["p5"]:
        return "models over-predict" if peak["p5"] > 0 else "models under-predict the fall"
    return "models under-predict" if peak["p95"] >= 0 else "models over-predict the fall"
