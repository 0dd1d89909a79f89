"""The scenario engine: actions -> sales paths -> yield-curve paths -> both sides' bills.

``run(spec)`` follows one road (docs/DESIGN.md):

1. the spec is checked against the data (:func:`~treasury_leverage.scenario.spec.check_spec`);
2. each holder's holdings become a ladder (:mod:`.seller`) and its action a flow of net sales
   by maturity bucket: a **sale** on a daily schedule (even, front-loaded or Almgren-Chriss
   optimal), a **pause** as the forgone baseline purchases each month (sales-equivalent: the
   market must absorb what the holder no longer takes), a **run-off** as the maturing amounts of
   its run-off schedule it does not reinvest, the **trade channel** as the purchase shortfall of
   :func:`treasury_leverage.scenario.trade.trade_shortfall` (where that module exists; its own
   parameter draws enter each draw's path through unit paths, the models being linear in the
   sales path); forgone purchases are spread pro-rata to the holder's profile;
3. the flows of all holders are summed into two sales paths, daily over the sale horizon and
   monthly over 121 months (months 0..120), and every impact model turns both into yield shifts
   at :data:`~treasury_leverage.scenario.spec.MATURITIES_YEARS` for the central parameters and,
   with ``draws``, for parameter draws (the models' vectorised kernels: no loop over draws);
4. each holder's bill is priced on the combined shift of the same draw (:mod:`.seller`), and the
   United States' bill on the monthly path (:func:`treasury_leverage.scenario.us_bill.us_interest_bill`);
5. bands are p5/p50/p95 over the draws; everything comes back as one
   :class:`~treasury_leverage.scenario.result.ScenarioResult`, which also keeps the draws behind
   the bills' bands, aligned draw by draw (:meth:`~.result.ScenarioResult.bill_draws`): the
   holders' bill items over all draws and the United States' bill over the first ``_US_DRAWS``
   (no yield paths per draw are kept).

The impact models are linear in the sales path, so actions add up; the path of one holder's
sales does not depend on the others'.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import math
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import ScenarioError
from treasury_leverage.scenario.seller import (
    FX_PRESETS,
    GDP_PRESETS,
    HOME_CURRENCY,
    Ladder,
    allocate_sale,
    build_ladder,
    concession_usd_bn,
    default_convert_share,
    discount_factors,
    fx_loss_usd_bn,
    horizon_items,
    interpolation_matrix,
)
from treasury_leverage.scenario.spec import (
    MATURITIES_YEARS,
    MONTHS,
    HoldAction,
    PauseAction,
    ResolvedSpec,
    RunoffAction,
    ScenarioSpec,
    SellAction,
    check_spec,
    parse_spec,
    spec_hash,
)

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.holdings.profile import MaturityProfile
    from treasury_leverage.impact.base import ImpactModel, Separable
    from treasury_leverage.scenario.result import ScenarioResult

__all__ = ["DAYS_PER_MONTH", "HolderPlan", "run"]

FloatArray = NDArray[np.float64]
#: Business days per month of the monthly path.
DAYS_PER_MONTH: Final = 21
_CHUNK_CELLS: Final = 4_000_000  # floats per materialised chunk of a path (32 MB)
_QUANTILES: Final = (5.0, 50.0, 95.0)
#: Draws behind the bands of the United States' bill (its kernel costs ~25 us a draw).
_US_DRAWS: Final = 20_000
#: Draws per kernel call (bounds memory when a model returns full arrays).
_DRAW_CHUNK: Final = 10_000
#: Draws behind the yield-path bands of models whose output does not factor.
_ARRAY_BAND_DRAWS: Final = 20_000
#: Holder bill items kept per draw (the percent items are these over fixed denominators).
_DRAW_ITEMS: Final = ("concession_usd_bn", "mark_to_market_usd_bn", "fx_usd_bn", "total_usd_bn",
                      "carry_usd_bn", "horizon_mark_to_market_usd_bn", "total_pv_usd_bn", "total_cash_usd_bn",
                      "total_at_end_usd_bn")


# -- holders' plans ---------------------------------------------------------------------------


@dataclass
class HolderPlan:
    """One holder's action turned into flows, with what its bill needs.

    Attributes
    ----------
    holder, action
        Resolved holder name and action kind (``sell``, ``pause``, ``runoff``, ``hold``).
    holdings_usd_bn
        Holdings at the start (USD bn).
    ladder
        Its holdings as bonds.
    daily_sales_usd_bn
        ``(n_days, n_buckets)`` sales on the daily grid (a sale; forgone purchases spread over
        business days).
    monthly_sales_usd_bn
        ``(MONTHS, n_buckets)`` the same flows by month.
    sold_usd_bn
        ``(n_buckets,)`` what it actually sells in the market (a sale only).
    remaining_usd_bn
        ``(n_buckets,)`` what it still holds when its bill is struck.
    converted_usd_bn
        Proceeds sold for home currency.
    end_grid, end_index
        Where its bill is struck: ``"day"`` (the last day of a sale) or ``"month"`` (the last
        month of a pause or run-off; the scenario's end for ``hold``).
    details
        Shown in the result: baseline purchases of a pause and their source, run-off amounts,
        trade shortfall.
    """

    holder: str
    action: str
    holdings_usd_bn: float
    ladder: Ladder
    daily_sales_usd_bn: FloatArray
    monthly_sales_usd_bn: FloatArray
    sold_usd_bn: FloatArray
    remaining_usd_bn: FloatArray
    converted_usd_bn: float
    end_grid: str = "month"
    end_index: int = 0
    details: dict[str, Any] = field(default_factory=dict)
    trade_deviation_usd_bn: FloatArray | None = None
    home_per_usd: float | None = None
    #: Dollar proceeds kept (USD bn) and when (years), reinvested to the horizon (carry).
    proceeds: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Basis:
    """The present-value basis of both sides' costs: horizon and the start day's par curve."""

    horizon_years: int
    curve_years: FloatArray
    curve_pct: FloatArray

    def discount(self, years: float) -> float:
        """Discount factor at ``years`` on the baseline curve."""
        return float(discount_factors([years], self.curve_years, self.curve_pct)[0])


def _basis(start: dt.date, overrides: Mapping[str, float]) -> Basis:
    from treasury_leverage.curves.panel import tenor_years
    from treasury_leverage.presets import preset_value

    row = _par_row(start).dropna()
    years = np.array([tenor_years(str(c)) for c in row.index])
    h = preset_value("cost_horizon_years", overrides)
    if h != int(h) or not 1 <= h <= 30:
        raise ScenarioError("invalid scenario: overrides.cost_horizon_years: expected whole years 1-30, "
                            f"got {h}")
    return Basis(int(h), years, row.to_numpy(dtype=float))


#: Holder -> preset with the official share of its TIC holdings (what its government can pause).
OFFICIAL_SHARE_PRESETS: Final[dict[str, str]] = {"Japan": "official_share_of_tic_japan",
                                                  "China, Mainland": "official_share_of_tic_china"}
#: Holder -> FRED series of its total reserves excluding gold (USD millions), where bundled.
RESERVE_SERIES: Final[dict[str, str]] = {"Japan": "TRESEGJPM052N", "China, Mainland": "TRESEGCNM052N"}


def official_share(holder: str, overrides: Mapping[str, float]) -> tuple[float, str]:
    """The share of the holder's TIC holdings its government can pause, and how it was set."""
    from treasury_leverage.presets import preset_value

    name = OFFICIAL_SHARE_PRESETS.get(holder)
    if name is None:
        return 1.0, (f"official share of {holder}'s TIC holdings not estimated: all its purchases are "
                     "treated as pausable (an upper bound)")
    share = preset_value(name, overrides)
    return share, (f"only the official part is paused: {share:.0%} of TIC {holder} (preset {name}); "
                   "private buyers keep buying")


def _reserve_check(holder: str, holdings_date: dt.date, months: int) -> dict[str, Any]:
    """Average monthly change in the holder's FX reserves over the window (a cross-check), if bundled."""
    sid = RESERVE_SERIES.get(holder)
    if sid is None:
        return {}
    from treasury_leverage.data import api

    try:
        s = api.series(sid, end=holdings_date).dropna()
    except Exception:  # the cross-check is optional
        return {}
    s = s.tail(months + 1)
    if len(s) < 2:
        return {}
    change = float(s.iloc[-1] - s.iloc[0]) / 1000.0 / (len(s) - 1)
    return {"reserves_change_usd_bn_per_month": change,
            "reserves_check": (f"{holder}'s total reserves excluding gold changed by {change:,.1f} USD bn a "
                               f"month over {s.index[0]:%Y-%m}..{s.index[-1]:%Y-%m} (IMF IFS via FRED {sid}; "
                               "includes valuation of non-dollar assets)")}


def _convert_share(holder: str, given: float | None, overrides: Mapping[str, float],
                   action: Literal["sell", "runoff"] = "sell") -> tuple[float, str]:
    if given is not None:
        return float(given), "given in the spec (--convert)"
    return default_convert_share(holder, overrides, action=action)


@functools.lru_cache(maxsize=4)
def _par_panel() -> pd.DataFrame:
    from treasury_leverage.data import api

    return api.par_curve()


@functools.lru_cache(maxsize=64)
def _par_row(start: dt.date) -> pd.Series:
    from treasury_leverage.curves.panel import par_curve_on

    return par_curve_on(_par_panel(), start)


@functools.lru_cache(maxsize=64)
def _profile(holder: str, holdings_date: dt.date) -> MaturityProfile:
    from treasury_leverage.holdings.profile import maturity_profile

    return maturity_profile(holder, date=holdings_date)


@functools.lru_cache(maxsize=64)
def _ladder(holder: str, holdings_usd_bn: float, holdings_date: dt.date, start: dt.date) -> Ladder:
    profile = _profile(holder, holdings_date)
    return build_ladder(holder, holdings_usd_bn, profile, _par_row(start), settle=start)


@functools.lru_cache(maxsize=64)
def _baseline_purchases(holder: str, holdings_date: dt.date, months: int) -> tuple[float, str]:
    """Average monthly net purchases over the trailing ``months`` (flow detective), and the source."""
    import pandas as pd

    from treasury_leverage.holdings.flows import flows

    frame = flows(holder, end=pd.Timestamp(holdings_date))
    net = frame["net_purchases_usd_bn"].dropna().tail(months)
    if net.empty:
        return 0.0, f"no net purchases of {holder} could be measured; baseline 0"
    return float(net.mean()), (f"average net purchases of {holder} over {len(net)} months "
                               f"{net.index.min():%Y-%m}..{net.index.max():%Y-%m} (tlev flows)")


@functools.lru_cache(maxsize=64)
def _runoff_years(holder: str, holdings_date: dt.date, years: int) -> tuple[float, ...]:
    from treasury_leverage.holdings.profile import runoff_schedule

    sched = runoff_schedule(holder, date=holdings_date, years=years)
    return tuple(float(v) for v in sched["matures_usd_bn"])


@functools.lru_cache(maxsize=8)
def _fx_rate(series_id: str, start: dt.date) -> float | None:
    from treasury_leverage.data import api

    try:
        s = api.series(series_id, end=start)
    except Exception:  # a missing FX series only removes the home-currency figure
        return None
    return float(s.iloc[-1]) if len(s) else None


def _schedule_weights(action: SellAction, ladder: Ladder, sold: FloatArray) -> FloatArray:
    """Share of the sale executed on each day (sums to one)."""
    n = action.days
    if action.schedule == "even":
        return np.full(n, 1.0 / n)
    if action.schedule == "front-loaded":
        return (2.0 * (n - np.arange(n)) - 1.0) / n**2
    from treasury_leverage.impact.ac_calibration import treasury_execution_params
    from treasury_leverage.impact.execution import optimal_schedule

    total = float(sold.sum())
    if total <= 0:
        return np.full(n, 1.0 / n)
    # the AC parameters of the average maturity sold (rounded to whole months)
    years = float(np.clip(np.rint(ladder.maturities_years @ sold / total * 12.0) / 12.0, 1.0 / 12.0, 30.0))
    params = treasury_execution_params(years)
    plan = optimal_schedule(total, n, params, risk_aversion=action.risk_aversion_per_usd_bn)
    return np.asarray(plan.trades_usd_bn / total)


def _spread_monthly(monthly: FloatArray, n_days: int) -> FloatArray:
    """Monthly flows ``(MONTHS, B)`` spread evenly over business days, first ``n_days`` days."""
    months_needed = math.ceil(n_days / DAYS_PER_MONTH)
    daily = np.repeat(monthly[:months_needed] / DAYS_PER_MONTH, DAYS_PER_MONTH, axis=0)
    return np.asarray(daily[:n_days])


def _monthly_from_daily(daily: FloatArray) -> FloatArray:
    out = np.zeros((MONTHS, daily.shape[1]))
    idx = np.minimum(np.arange(daily.shape[0]) // DAYS_PER_MONTH, MONTHS - 1)
    np.add.at(out, idx, daily)
    return out


def _trade_shortfall(holder: str, tariff: float, months: int, draws: int, seed: Any,
                     overrides: Mapping[str, float]) -> tuple[FloatArray | None, FloatArray | None, str]:
    """Central purchase shortfall ``(months,)``, its draws ``(draws, months)`` (or None), and a note."""
    try:
        from treasury_leverage.scenario.trade import trade_shortfall
    except ImportError:
        return None, None, "trade channel skipped: treasury_leverage.scenario.trade is not available"
    res = trade_shortfall(holder, tariff, months=months, draws=0, overrides=dict(overrides) or None)
    path = np.asarray(res.purchase_shortfall_usd_bn, dtype=np.float64).reshape(-1, months)[0]
    drawn = None
    if draws:
        out = trade_shortfall(holder, tariff, months=months, draws=draws, seed=seed,
                              overrides=dict(overrides) or None)
        drawn = np.asarray(out.purchase_shortfall_usd_bn, dtype=np.float64).reshape(draws, months)
    return path, drawn, (f"trade channel: {tariff:g}% tariff on {holder} -> purchase shortfall of "
                         f"{path.sum():,.1f} USD bn over {months} months (central; its parameter draws "
                         "are carried into the bands)")


def _plans(resolved: ResolvedSpec) -> tuple[list[HolderPlan], int, list[str]]:
    """Every holder's plan, the daily horizon (business days) and notes."""
    from treasury_leverage.presets import preset_value

    spec = resolved.spec
    notes: list[str] = list(resolved.notes)
    actors: list[tuple[str, float, Any]] = [
        (h, amt, a.action)
        for h, amt, a in zip(resolved.holders, resolved.holdings_usd_bn, spec.actors, strict=True)
    ]
    # holders with a tariff but no action are holders that "hold"
    acting = {h for h, _, _ in actors}
    for holder in resolved.tariffs:
        if holder not in acting:
            from treasury_leverage.data import api

            series = api.holdings(holder).loc[: resolved.holdings_date]
            actors.append((holder, float(series.iloc[-1]), HoldAction()))
    sell_days = [a.days for _, _, a in actors if isinstance(a, SellAction)]
    n_days = max(sell_days) if sell_days else DAYS_PER_MONTH
    plans: list[HolderPlan] = []
    end_days: list[int] = []
    for i, (holder, holdings, action) in enumerate(actors):
        ladder = _ladder(holder, holdings, resolved.holdings_date, resolved.start)
        shares = ladder.holdings_usd_bn / max(ladder.total_usd_bn, 1e-12)
        n_b = len(ladder.labels)
        monthly = np.zeros((MONTHS, n_b))
        daily = np.zeros((n_days, n_b))
        sold = np.zeros(n_b)
        remaining = ladder.holdings_usd_bn.copy()
        converted = 0.0
        details: dict[str, Any] = {}
        grid, index = "month", 0
        field_path = f"actors[{i}].action"
        if isinstance(action, SellAction):
            amount = resolved.sell_usd_bn[i]
            sold = allocate_sale(ladder, amount, action.mix, buckets=action.buckets, field=field_path)
            weights = _schedule_weights(action, ladder, sold)
            daily[: action.days] = weights[:, None] * sold[None, :]
            monthly = _monthly_from_daily(daily)
            remaining = ladder.holdings_usd_bn - sold
            share, why = _convert_share(holder, action.convert_share, spec.overrides)
            converted = share * amount
            grid, index = "day", action.days - 1
            end_days.append(action.days)
            details.update(sell_usd_bn=amount, days=action.days, mix=action.mix, schedule=action.schedule,
                           convert_share=share, convert_basis=why,
                           _proceeds=(amount - converted, action.days / 252.0),
                           sold_by_bucket_usd_bn=dict(zip(ladder.labels, sold.tolist(), strict=True)))
        elif isinstance(action, PauseAction):
            window = action.baseline_months or int(preset_value("pause_baseline_months", spec.overrides))
            if action.baseline_usd_bn_per_month is None:
                everyone, src = _baseline_purchases(holder, resolved.holdings_date, window)
                off, off_src = official_share(holder, spec.overrides)
                base = everyone * off
                src += f"; {off_src}"
                details.update(baseline_all_holders_usd_bn_per_month=everyone, baseline_official_share=off,
                               baseline_window_months=window,
                               baseline_bias_correction=(
                                   "net purchases = change in holdings - estimated valuation (flow "
                                   "detective, vintage coupons: unbiased against reported valuation changes; "
                                   "holdings/flows.py)"),
                               **_reserve_check(holder, resolved.holdings_date, window))
            else:
                base, src = float(action.baseline_usd_bn_per_month), "given in the spec"
            monthly[: action.months] = base * shares[None, :]
            daily = _spread_monthly(monthly, n_days)
            grid, index = "month", action.months - 1
            end_days.append(action.months * DAYS_PER_MONTH)
            details.update(months=action.months, baseline_usd_bn_per_month=base, baseline_source=src,
                           forgone_purchases_usd_bn=base * action.months)
            if base < 0:
                notes.append(f"{holder}: the baseline is net selling ({base:,.1f} USD bn a month), so a "
                             "pause of net purchases means it stops selling: yields fall")
        elif isinstance(action, RunoffAction):
            years = math.ceil(action.months / 12)
            per_year = _runoff_years(holder, resolved.holdings_date, years)
            per_month = np.repeat(np.asarray(per_year) / 12.0, 12)[: action.months]
            # the Treasury refinances what matures at its marginal issuance mix: mostly bills
            bills = preset_value("runoff_refinance_bills_share", spec.overrides)
            mix = np.zeros(n_b)
            mix[0] = bills
            coupons = shares[1:].sum()
            mix[1:] = (1.0 - bills) * (shares[1:] / coupons if coupons > 0 else 1.0 / (n_b - 1))
            monthly[: action.months] = per_month[:, None] * mix[None, :]
            details.update(refinance_bills_share=bills,
                           refinance_basis=("the Treasury refinances the maturing amounts at its marginal "
                                            f"issuance mix ({bills:.0%} bills, preset "
                                            "runoff_refinance_bills_share); the holder sells nothing, so "
                                            "no concession"))
            daily = _spread_monthly(monthly, n_days)
            matured = float(per_month.sum())
            remaining = _mature(ladder, matured)
            share, why = _convert_share(holder, action.convert_share, spec.overrides, "runoff")
            converted = share * matured
            grid, index = "month", action.months - 1
            end_days.append(action.months * DAYS_PER_MONTH)
            details.update(months=action.months, matured_usd_bn=matured, convert_share=share,
                           convert_basis=why, _proceeds=(matured - converted, action.months / 24.0),
                           runoff_by_year_usd_bn=list(per_year))
        if holder in resolved.tariffs and spec.trade is not None:
            rng = np.random.default_rng([spec.seed, 3000 + i])
            path, drawn, note = _trade_shortfall(holder, resolved.tariffs[holder], spec.trade.months,
                                                 spec.draws, rng, spec.overrides)
            notes.append(note)
            if path is not None:
                if drawn is not None:
                    details["_trade_deviation_usd_bn"] = drawn - path[None, :]  # (draws, months)
                extra = np.zeros((MONTHS, n_b))
                extra[: len(path)] = path[:, None] * shares[None, :]
                monthly = monthly + extra
                daily = daily + _spread_monthly(extra, n_days)
                details.update(tariff_pct=resolved.tariffs[holder],
                               trade_shortfall_usd_bn=float(path.sum()), trade_months=spec.trade.months)
                end_days.append(spec.trade.months * DAYS_PER_MONTH)
        deviation = details.pop("_trade_deviation_usd_bn", None)
        proceeds = details.pop("_proceeds", (0.0, 0.0))
        plans.append(HolderPlan(holder, action.kind, holdings, ladder, daily, monthly, sold, remaining,
                                converted, grid, index, details, deviation, proceeds=proceeds))
    # "hold" bills are struck at the scenario's end: the last day of the longest action
    last = max(end_days) if end_days else 0
    for plan in plans:
        if plan.action == "hold":
            if last and sell_days and last == max(sell_days):
                plan.end_grid, plan.end_index = "day", last - 1
            else:
                plan.end_grid, plan.end_index = "month", max(math.ceil(last / DAYS_PER_MONTH) - 1, 0)
    return plans, n_days, notes


def _mature(ladder: Ladder, matured_usd_bn: float) -> FloatArray:
    """The ladder after ``matured_usd_bn`` of its shortest bonds have matured."""
    out = ladder.holdings_usd_bn.copy()
    left = matured_usd_bn
    for b in np.argsort(ladder.maturities_years):
        take = min(left, float(out[b]))
        out[b] -= take
        left -= take
    return out


# -- model outputs ----------------------------------------------------------------------------


def _row(out: FloatArray | Separable, index: int) -> FloatArray:
    """Shifts ``(n_draws, n_maturities)`` at one period of a kernel output."""
    from treasury_leverage.impact.base import Separable

    if isinstance(out, Separable):
        if out.draws_along == "period":
            return np.asarray(out.by_draw[:, index, None] * out.fixed[None, :])
        return np.asarray(out.fixed[index] * out.by_draw)
    return np.asarray(out[:, index, :])


def _slice_rows(out: FloatArray | Separable, rows: int, draws: slice) -> FloatArray:
    """The first ``rows`` periods for a slice of draws, materialised ``(n, rows, n_maturities)``."""
    from treasury_leverage.impact.base import Separable

    if isinstance(out, Separable):
        if out.draws_along == "period":
            return np.asarray(out.by_draw[draws, :rows, None] * out.fixed[None, None, :])
        return np.asarray(out.fixed[None, :rows, None] * out.by_draw[draws, None, :])
    return np.asarray(out[draws, :rows, :])


def _n_draws(out: FloatArray | Separable) -> int:
    from treasury_leverage.impact.base import Separable

    return int(out.by_draw.shape[0] if isinstance(out, Separable) else out.shape[0])


def _bands(out: FloatArray | Separable, rows: int) -> FloatArray:
    """p5/p50/p95 ``(3, rows, n_maturities)`` over the draws of a kernel output."""
    from treasury_leverage.impact.base import Separable

    if isinstance(out, Separable):
        return np.asarray(out.quantiles()[:, :rows, :])
    return quantiles(np.asarray(out)[:, :rows, :])


def quantiles(values: FloatArray) -> FloatArray:
    """p5/p50/p95 over axis 0 (linear interpolation, as ``numpy.percentile``), shape ``(3, ...)``.

    The draws are moved to a contiguous last axis and partitioned there: several times faster
    than ``numpy.percentile`` along a strided first axis. The input is left as it is (the
    partition works on a copy: a 1-D input would otherwise be reordered in place).
    """
    n = values.shape[0]
    rest = values.shape[1:]
    flat = np.array(values.reshape(n, -1).T, dtype=np.float64, order="C", copy=True)
    pos = np.asarray(_QUANTILES) / 100.0 * (n - 1)
    lo = np.floor(pos).astype(np.int64)
    hi = np.minimum(lo + 1, n - 1)
    flat.partition(np.unique(np.concatenate([lo, hi])), axis=1)
    frac = pos - lo
    out = flat[:, lo] * (1.0 - frac) + flat[:, hi] * frac
    return np.asarray(out.T.reshape((3, *rest)))


def _kernel(model: ImpactModel, path: Any, params: dict[str, FloatArray]) -> FloatArray | Separable:
    # the models' vectorised kernel (all draws at once); ImpactModel.impact() returns only bands,
    # and the bills need the shift of each draw
    return model._kernel(path, params)


@dataclass
class ModelRun:
    """One impact model's central outputs on the two grids and its parameter draws."""

    name: str
    model: Any
    point_day: Any
    point_month: Any
    params: dict[str, FloatArray] | None
    presets: tuple[str, ...]
    parameters: dict[str, float]
    citation: str
    source: str
    notes: str

    def chunks(self, day_path: Any, month_path: Any, units: Sequence[TradeUnits] = ()
               ) -> Iterator[tuple[slice, Any, Any]]:
        """``(draws, day output, month output)`` for successive chunks of the parameter draws.

        Chunks keep memory bounded when a model returns full arrays (``n x periods x maturities``).
        With trade-channel draws, each draw's deviation from the central shortfall is added
        through unit paths (the models are linear in the sales path).
        """
        if self.params is None:
            return
        n = len(next(iter(self.params.values())))
        shift_ok = [self._time_invariant(u) for u in units]
        for lo in range(0, n, _DRAW_CHUNK):
            sl = slice(lo, min(lo + _DRAW_CHUNK, n))
            part = {k: v[sl] for k, v in self.params.items()}
            d_out, m_out = _kernel(self.model, day_path, part), _kernel(self.model, month_path, part)
            for unit, lti in zip(units, shift_ok, strict=True):
                coef = unit.deviation_usd_bn[sl]
                if lti:  # one kernel call per grid: month t's response is month 0's, t periods later
                    _, day0, month0 = unit.paths[0]
                    m_out = _add(m_out, _shifted_sum(_kernel(self.model, month0, part), coef, 1))
                    if day0 is not None:
                        day_k = _kernel(self.model, day0, part)
                        d_out = _add(d_out, _shifted_sum(day_k, coef, DAYS_PER_MONTH))
                    continue
                for t, unit_day, unit_month in unit.paths:
                    m_out = _add_scaled(m_out, _kernel(self.model, unit_month, part), coef[:, t])
                    if unit_day is not None:
                        d_out = _add_scaled(d_out, _kernel(self.model, unit_day, part), coef[:, t])
            yield sl, d_out, m_out

    def _time_invariant(self, unit: TradeUnits) -> bool:
        """Whether the response to month 1's unit flow is month 0's, delayed (checked at central values)."""
        from treasury_leverage.impact.base import kernel_values

        if len(unit.paths) < 2:
            return True
        point = {k: np.array([v]) for k, v in self.parameters.items()}
        for grid, step in ((2, 1), (1, DAYS_PER_MONTH)):
            first, second = unit.paths[0][grid], unit.paths[1][grid]
            if first is None or second is None:
                continue
            k0 = _kernel(self.model, first, point)
            direct = kernel_values(_kernel(self.model, second, point))
            shifted = kernel_values(_shifted_sum(k0, np.array([[0.0, 1.0]]), step))
            if not np.allclose(direct, shifted, rtol=1e-10, atol=1e-12):
                return False
        return True


def _shifted_sum(k0: Any, coef: FloatArray, step: int) -> Any:
    """``sum_t coef[:, t] * K0`` delayed by ``t * step`` periods (the last row, the long run, undelayed)."""
    from treasury_leverage.impact.base import Separable, kernel_values

    n_t = coef.shape[1]
    if isinstance(k0, Separable) and k0.draws_along == "period":
        by = k0.by_draw
        rows = by.shape[1] - 1
        out = np.zeros((coef.shape[0], rows + 1))
        for t in range(n_t):
            lag = t * step
            if lag < rows:
                out[:, lag:rows] += coef[:, t, None] * by[:, : rows - lag]
            out[:, rows] += coef[:, t] * by[:, rows]
        return Separable(out, k0.fixed, "period")
    if isinstance(k0, Separable):  # a time path (fixed) times a curve per draw
        f = k0.fixed
        rows = f.shape[0] - 1
        lagged = np.zeros((n_t, rows + 1))
        for t in range(n_t):
            lag = t * step
            if lag < rows:
                lagged[t, lag:rows] = f[: rows - lag]
            lagged[t, rows] = f[rows]
        return np.asarray((coef @ lagged)[:, :, None] * k0.by_draw[:, None, :])
    arr = kernel_values(k0)
    rows = arr.shape[1] - 1
    out3 = np.zeros((coef.shape[0], *arr.shape[1:]))
    buf = np.empty_like(arr[:, :rows])
    for t in range(n_t):
        lag = t * step
        if lag < rows:
            part = buf[:, : rows - lag]
            np.multiply(arr[:, : rows - lag], coef[:, t, None, None], out=part)
            out3[:, lag:rows] += part
        out3[:, rows] += coef[:, t, None] * arr[:, rows]
    return out3


def _add(base: Any, extra: Any) -> Any:
    """Sum of two kernel outputs, factored when both share the fixed part."""
    from treasury_leverage.impact.base import Separable, kernel_values

    if (isinstance(base, Separable) and isinstance(extra, Separable) and base.draws_along == "period"
            and extra.draws_along == "period" and np.array_equal(base.fixed, extra.fixed)):
        return Separable(base.by_draw + extra.by_draw, base.fixed, "period")
    return kernel_values(base) + kernel_values(extra)


@dataclass
class TradeUnits:
    """Per-draw deviations of one holder's purchase shortfall, and the unit paths they scale.

    ``paths``: ``(month t, daily unit path or None, monthly unit path)`` with USD 1bn of flow in
    month ``t`` spread over the holder's profile (and over that month's business days).
    """

    deviation_usd_bn: FloatArray
    paths: list[tuple[int, Any, Any]]


def _trade_units(plans: Sequence[HolderPlan], n_days: int, buckets: tuple[float, ...]) -> list[TradeUnits]:
    from treasury_leverage.impact.base import SalesPath

    out = []
    for plan in plans:
        if plan.trade_deviation_usd_bn is None:
            continue
        shares = plan.ladder.holdings_usd_bn / max(plan.ladder.total_usd_bn, 1e-12)
        paths = []
        for t in range(plan.trade_deviation_usd_bn.shape[1]):
            monthly = np.zeros((MONTHS, len(buckets)))
            monthly[t] = shares
            daily = _spread_monthly(monthly, n_days)
            day_path = SalesPath(daily, buckets, "day") if daily.any() else None
            paths.append((t, day_path, SalesPath(monthly, buckets, "month")))
        out.append(TradeUnits(plan.trade_deviation_usd_bn, paths))
    return out


def _add_scaled(base: Any, unit: Any, coef: FloatArray) -> Any:
    """``base + coef[n] * unit`` for kernel outputs, staying factored when both share the fixed part."""
    from treasury_leverage.impact.base import Separable, kernel_values

    if (isinstance(base, Separable) and isinstance(unit, Separable) and base.draws_along == "period"
            and unit.draws_along == "period" and np.array_equal(base.fixed, unit.fixed)):
        return Separable(base.by_draw + coef[:, None] * unit.by_draw, base.fixed, "period")
    return kernel_values(base) + coef[:, None, None] * kernel_values(unit)


def _model_stream(name: str) -> int:
    """A model's own random stream, from its name: its draws do not depend on which other models
    run beside it (seeding by position made a one-model run differ from an all-models run)."""
    return zlib.crc32(name.encode("utf-8"))


def _run_model(name: str, spec: ScenarioSpec, day_path: Any, month_path: Any) -> ModelRun:
    from treasury_leverage.impact.registry import MODELS
    from treasury_leverage.presets import sample_presets

    cls = MODELS[name]
    overrides = {k: v for k, v in spec.overrides.items() if k in cls.preset_names}
    model = cls(overrides=overrides, maturities_years=MATURITIES_YEARS)
    central = model.central_parameters()
    point = {k: np.array([v]) for k, v in central.items()}
    params = None
    if spec.draws:
        rng = np.random.default_rng([spec.seed, _model_stream(name)])
        params = sample_presets(model.preset_names, spec.draws, seed=rng, overrides=overrides)
    return ModelRun(name, model, _kernel(model, day_path, point), _kernel(model, month_path, point), params,
                    tuple(model.preset_names), central, model.citation or name, model.source, model.notes)


class _Bands:
    """p5/p50/p95 of a path over draws that arrive in chunks.

    Factored chunks (:class:`~treasury_leverage.impact.base.Separable` with the same fixed part)
    give exact bands over all draws from their small draw-dependent parts; full arrays are kept
    for the first ``_ARRAY_BAND_DRAWS`` draws only (their bands come from those).
    """

    def __init__(self, rows: int) -> None:
        self.rows = rows
        self.factors: list[FloatArray] = []
        self.fixed: FloatArray | None = None
        self.along = ""
        self.arrays: list[FloatArray] = []
        self.kept = 0
        self.seen = 0

    def add(self, out: Any) -> None:
        from treasury_leverage.impact.base import Separable

        n = _n_draws(out)
        self.seen += n
        if isinstance(out, Separable) and not self.arrays and (
                self.fixed is None
                or (out.draws_along == self.along and np.array_equal(out.fixed, self.fixed))):
            self.fixed, self.along = out.fixed, out.draws_along
            self.factors.append(np.asarray(out.by_draw))
            return
        if self.factors:  # mixed outputs: fall back to arrays for everything seen so far
            assert self.fixed is not None
            prev = Separable(np.concatenate(self.factors), self.fixed, self.along)  # type: ignore[arg-type]
            self.factors, self.fixed = [], None
            self.arrays.append(_slice_rows(prev, self.rows, slice(0, _ARRAY_BAND_DRAWS)))
            self.kept = self.arrays[-1].shape[0]
        take = max(0, min(n, _ARRAY_BAND_DRAWS - self.kept))
        if take:
            self.arrays.append(_slice_rows(out, self.rows, slice(0, take)))
            self.kept += take

    def result(self) -> tuple[FloatArray, int]:
        """Bands ``(3, rows, n_maturities)`` and the number of draws behind them."""
        from treasury_leverage.impact.base import Separable

        if self.factors:
            assert self.fixed is not None
            sep = Separable(np.concatenate(self.factors), self.fixed, self.along)  # type: ignore[arg-type]
            return _bands(sep, self.rows), self.seen
        return quantiles(np.concatenate(self.arrays)), self.kept


# -- bills ------------------------------------------------------------------------------------


def _month_index(years: float) -> int:
    """Row of the monthly shift path in force ``years`` after the start (the long run beyond it)."""
    m = round(12.0 * years) - 1
    return MONTHS if m >= MONTHS else max(m, 0)


def _horizon(plan: HolderPlan, month_out: Any, basis: Basis) -> dict[str, FloatArray]:
    """:func:`~treasury_leverage.scenario.seller.horizon_items` of one holder for every draw."""
    h = float(basis.horizon_years)
    mats = plan.ladder.maturities_years
    n = _n_draws(month_out)
    rows: dict[int, FloatArray] = {}

    def shift(at_years: float, maturity_years: float) -> FloatArray:
        i = _month_index(at_years)
        if i not in rows:
            rows[i] = _row(month_out, i)
        return np.asarray(rows[i] @ interpolation_matrix(MATURITIES_YEARS, [max(maturity_years, 0.25)])[:, 0])

    s_in = np.zeros((n, len(mats)))
    s_out = np.zeros((n, len(mats)))
    for b, m in enumerate(mats):
        if m < h:
            s_in[:, b] = shift(float(m), h - float(m))
        elif m > h:
            s_out[:, b] = shift(h, float(m) - h)
    kept, when = plan.proceeds
    sp = shift(when, h - when) if kept > 0 and when < h else np.zeros(n)
    return horizon_items(plan.ladder, plan.remaining_usd_bn, horizon_years=h, reinvest_shift_bp=s_in,
                         terminal_shift_bp=s_out, curve_years=basis.curve_years, curve_pct=basis.curve_pct,
                         proceeds_usd_bn=kept, proceeds_years=when, proceeds_shift_bp=sp)


def _holder_costs(plan: HolderPlan, day_out: Any, month_out: Any, w: FloatArray,
                  fx_params: dict[str, FloatArray], gdp_usd_bn: float | None,
                  basis: Basis | None = None) -> dict[str, FloatArray]:
    """Each cost of one holder for every draw of one model (arrays ``(n_draws,)``).

    ``total_pv_usd_bn`` is the present-value basis over ``basis.horizon_years`` (concession + carry
    + mark-to-market at the horizon + FX); ``total_cash_usd_bn`` the same undiscounted;
    ``total_usd_bn`` (= ``total_at_end_usd_bn``, the released key) strikes the mark-to-market of the
    whole ladder at the end of the action.
    """
    n = _n_draws(day_out)
    if plan.action == "sell":
        conc = concession_usd_bn(day_out, plan.daily_sales_usd_bn, plan.ladder, w)
    else:
        conc = np.zeros(n)
    shift = _row(day_out if plan.end_grid == "day" else month_out, plan.end_index) @ w  # (n, B)
    mtm = plan.ladder.loss_usd_bn(plan.remaining_usd_bn, shift)
    if plan.converted_usd_bn > 0 and plan.holder in HOME_CURRENCY:
        fx = fx_loss_usd_bn(plan.converted_usd_bn, float(plan.remaining_usd_bn.sum()), fx_params)
        fx = np.broadcast_to(fx, (n,)) if fx.size in (1, n) else fx[:n]
    else:
        fx = np.zeros(n)
    at_end = conc + mtm + fx
    hz = _horizon(plan, month_out, basis) if basis is not None else None
    if hz is not None:
        pv = conc + hz["carry_usd_bn"] + hz["horizon_mark_to_market_usd_bn"] + fx
        cash = conc + hz["carry_cash_usd_bn"] + hz["horizon_mark_to_market_cash_usd_bn"] + fx
    else:
        pv = cash = at_end
    total = at_end
    out = {"concession_usd_bn": np.asarray(conc), "mark_to_market_usd_bn": np.asarray(mtm),
           "fx_usd_bn": np.asarray(fx), "total_usd_bn": np.asarray(total),
           **({k: np.asarray(v) for k, v in hz.items()} if hz is not None else {}),
           "total_pv_usd_bn": np.asarray(pv), "total_cash_usd_bn": np.asarray(cash),
           "total_at_end_usd_bn": np.asarray(at_end),
           "total_pct_holdings": (100.0 * total / plan.holdings_usd_bn if plan.holdings_usd_bn
                                  else np.full(n, np.nan))}
    out["total_pct_gdp"] = 100.0 * total / gdp_usd_bn if gdp_usd_bn else np.full(n, np.nan)
    # the FX loss in home currency (bn) at the start day's rate, where the rate is in the data
    out["fx_home_currency_bn"] = fx * plan.home_per_usd if plan.home_per_usd else np.full(n, np.nan)
    return out


def _us_function() -> Any:
    try:
        from treasury_leverage.scenario.us_bill import us_interest_bill
    except ImportError:
        return None
    return us_interest_bill


def _us_horizons(basis: Basis) -> tuple[int, ...]:
    return tuple(sorted({1, 5, 10, basis.horizon_years}))


def _us_pv(extra: FloatArray, horizons: Sequence[int], basis: Basis) -> FloatArray:
    """Present value of the U.S. extra interest over the basis horizon, per draw.

    The extra debt at the horizon (the extra interest accumulated with its own debt service at the
    average interest rate, :func:`~treasury_leverage.scenario.us_bill.us_interest_bill`) discounted
    to the start at the baseline curve: the PV of the extra interest when the debt-service rate
    equals the discount rate, the same basis as the holder's.
    """
    j = list(horizons).index(basis.horizon_years)
    return np.asarray(np.asarray(extra)[:, j] * basis.discount(float(basis.horizon_years)))


def _us_point(runs: list[ModelRun], spec: ScenarioSpec, resolved: ResolvedSpec,
              basis: Basis) -> dict[str, dict[str, Any]]:
    """The United States' bill of every model's central path, in one call (paths stacked as draws)."""
    fn = _us_function()
    if fn is None or not runs:
        return {}
    stacked = np.concatenate([_slice_rows(r.point_month, MONTHS, slice(None)) for r in runs])
    point = fn(stacked, MATURITIES_YEARS, as_of=resolved.start, overrides=dict(spec.overrides) or None,
               horizons_years=_us_horizons(basis))
    pv = _us_pv(np.asarray(point.extra_interest_usd_bn), point.horizons_years, basis)
    mortgage = np.asarray(point.mortgage_rate_shift_bp)
    out: dict[str, dict[str, Any]] = {}
    for i, r in enumerate(runs):
        out[r.name] = {
            "horizons_years": list(point.horizons_years),
            "extra_interest_usd_bn": np.asarray(point.extra_interest_usd_bn)[i].tolist(),
            "pct_gdp": np.asarray(point.pct_gdp)[i].tolist(),
            "pv_extra_interest_usd_bn": float(pv[i]), "pv_horizon_years": basis.horizon_years,
            "pv_basis": (f"extra debt at {basis.horizon_years} years discounted at the start day's par "
                         "curve (the holder's costs use the same horizon and curve)"),
            "mortgage_rate_shift_bp_end": float(mortgage[i, -1]),
            "mortgage_rate_shift_bp_peak": float(mortgage[i].max()),
            "presets": list(point.presets_used), "notes": list(point.notes),
            "debt_as_of": point.debt_as_of,
        }
    return out


class _USBands:
    """The United States' bill over the first ``_US_DRAWS`` draws of one model, chunk by chunk.

    Keeps the per-draw extra interest, % of GDP and mortgage exposure (see
    :attr:`~treasury_leverage.scenario.result.BillDraws.us_mortgage_shift_bp_years`), in draw order.
    """

    def __init__(self, name: str, spec: ScenarioSpec, resolved: ResolvedSpec, basis: Basis) -> None:
        self.fn = _us_function()
        self.rng = np.random.default_rng([spec.seed, 2000, _model_stream(name)])
        self.basis = basis
        self.kwargs = {"as_of": resolved.start, "overrides": dict(spec.overrides) or None,
                       "horizons_years": _us_horizons(basis)}
        self.pv: list[FloatArray] = []
        self.extra: list[FloatArray] = []
        self.pct: list[FloatArray] = []
        self.mortgage: list[FloatArray] = []
        self.horizons: tuple[int, ...] = ()
        self.kept = 0

    def add(self, month_out: Any) -> None:
        if self.fn is None:
            return
        n = _n_draws(month_out)
        step = max(1, _CHUNK_CELLS // (MONTHS * len(MATURITIES_YEARS)))
        for lo in range(0, n, step):
            take = min(step, n - lo, _US_DRAWS - self.kept)
            if take <= 0:
                return
            chunk = _slice_rows(month_out, MONTHS, slice(lo, lo + take))
            res = self.fn(chunk, MATURITIES_YEARS, seed=self.rng, **self.kwargs)
            self.extra.append(np.asarray(res.extra_interest_usd_bn))
            self.pv.append(_us_pv(np.asarray(res.extra_interest_usd_bn), res.horizons_years, self.basis))
            self.pct.append(np.asarray(res.pct_gdp))
            self.horizons = tuple(int(h) for h in res.horizons_years)
            mort = np.asarray(res.mortgage_rate_shift_bp, dtype=np.float64)
            self.mortgage.append(mort @ _cohort_weights(mort.shape[1], self.horizons))
            self.kept += take

    def result(self) -> dict[str, Any]:
        if not self.extra:
            return {}
        ex, pc = np.concatenate(self.extra), np.concatenate(self.pct)
        return {"extra_interest_bands_usd_bn": quantiles(ex).T.tolist(),
                "pv_extra_interest_bands_usd_bn": quantiles(np.concatenate(self.pv)).tolist(),
                "pct_gdp_bands": quantiles(pc).T.tolist(), "band_draws": self.kept}

    def arrays(self) -> tuple[FloatArray, FloatArray, FloatArray] | None:
        """Per-draw ``(extra interest, % of GDP, mortgage exposure)``, each ``(kept, n_horizons)``."""
        if not self.extra:
            return None
        return np.concatenate(self.extra), np.concatenate(self.pct), np.concatenate(self.mortgage)


def _cohort_weights(n_months: int, horizons_years: Sequence[int]) -> FloatArray:
    """``(n_months, n_horizons)``: years left within each horizon of a loan originated in month ``k``.

    A monthly mortgage-rate shift path times these weights is the shift (bp) summed over the
    monthly cohorts of new fixed-rate loans, each weighted by the years it pays within the horizon:
    originations per month x this / 10^4 is the extra mortgage interest
    (:func:`treasury_leverage.game.payoffs.mortgage_cost_usd_bn`).
    """
    k = np.arange(n_months, dtype=np.float64)[:, None]
    n = 12.0 * np.asarray(horizons_years, dtype=np.float64)[None, :]
    return np.asarray(np.where(k < n, (n - k) / 12.0, 0.0))


def _draws_digest(*parts: Mapping[str, FloatArray] | None) -> str:
    """A fingerprint of parameter draws (name -> array): equal digests, the same draws."""
    h = hashlib.sha256()
    for part in parts:
        if part is None:
            continue
        for key in sorted(part):
            h.update(key.encode("utf-8"))
            h.update(np.ascontiguousarray(np.asarray(part[key], dtype=np.float64)).tobytes())
    return h.hexdigest()[:16]


# -- the engine -------------------------------------------------------------------------------


def run(spec: ScenarioSpec | Mapping[str, Any]) -> ScenarioResult:
    """Run a scenario: yield-curve paths with bands and both sides' bills, per impact model.

    Parameters
    ----------
    spec
        A :class:`~treasury_leverage.scenario.spec.ScenarioSpec` or a mapping (as in a YAML file).

    Returns
    -------
    ScenarioResult

    Raises
    ------
    ScenarioError
        An invalid spec (the message names the field).
    """
    from treasury_leverage.impact.base import SalesPath
    from treasury_leverage.presets import preset_value, sample_presets
    from treasury_leverage.scenario.result import BillDraws, ModelPath, ScenarioResult

    spec = parse_spec(spec)
    resolved = check_spec(spec, par=_par_panel())
    plans, n_days, notes = _plans(resolved)
    buckets = plans[0].ladder.maturities_years if plans else np.array([5.0])
    n_b = len(buckets)
    day_sales = sum((p.daily_sales_usd_bn for p in plans), np.zeros((n_days, n_b)))
    month_sales = sum((p.monthly_sales_usd_bn for p in plans), np.zeros((MONTHS, n_b)))
    day_path = SalesPath(day_sales, tuple(buckets), "day")
    month_path = SalesPath(month_sales, tuple(buckets), "month")
    w = interpolation_matrix(MATURITIES_YEARS, buckets)
    units = _trade_units(plans, n_days, tuple(float(b) for b in buckets)) if spec.draws else []
    for plan in plans:
        cur = HOME_CURRENCY.get(plan.holder)
        plan.home_per_usd = _fx_rate(cur[1], resolved.start) if cur and cur[1] else None

    basis = _basis(resolved.start, spec.overrides)
    fx_central = {k: np.array([preset_value(k, spec.overrides)]) for k in FX_PRESETS}
    fx_draws = (sample_presets(FX_PRESETS, spec.draws, seed=np.random.default_rng([spec.seed, 1000]),
                               overrides=spec.overrides) if spec.draws else None)
    end_grid, end_index = _end_point(plans)
    paths: dict[str, ModelPath] = {}
    seller_rows: list[dict[str, Any]] = []
    runs: list[ModelRun] = []
    us_bands: dict[str, dict[str, Any]] = {}
    presets_used: dict[str, list[str]] = {}
    bill_draws: dict[str, BillDraws] = {}
    for name in spec.model_names():
        mr = _run_model(name, spec, day_path, month_path)
        runs.append(mr)
        presets_used[name] = list(mr.presets)
        gdps = {p.holder: (preset_value(GDP_PRESETS[p.holder], spec.overrides) if p.holder in GDP_PRESETS
                           else None) for p in plans}
        central = [_holder_costs(p, mr.point_day, mr.point_month, w, fx_central, gdps[p.holder], basis)
                   for p in plans]
        drawn: list[dict[str, list[FloatArray]]] = [{} for _ in plans]
        day_bands, month_bands = _Bands(n_days), _Bands(MONTHS)
        us_acc = _USBands(name, spec, resolved, basis)
        peak_rows: list[FloatArray] = []
        perm_rows: list[FloatArray] = []
        for sl, d_out, m_out in mr.chunks(day_path, month_path, units):
            peak_rows.append(_row(d_out if end_grid == "day" else m_out, end_index))
            perm_rows.append(_row(m_out, MONTHS))
            assert fx_draws is not None
            fx_part = {k: v[sl] for k, v in fx_draws.items()}
            for j, plan in enumerate(plans):
                for part, values in _holder_costs(plan, d_out, m_out, w, fx_part, gdps[plan.holder],
                                                  basis).items():
                    drawn[j].setdefault(part, []).append(values)
            day_bands.add(d_out)
            month_bands.add(m_out)
            us_acc.add(m_out)
        bands_day = bands_month = None
        if spec.draws:
            (bands_day, _), (bands_month, kept) = day_bands.result(), month_bands.result()
            if kept < spec.draws:
                notes.append(f"{name}: yield-path bands from the first {kept:,} of {spec.draws:,} draws "
                             "(the model's output does not factor; costs use all draws)")
        paths[name] = ModelPath(
            model=name, citation=mr.citation, source=mr.source, notes=mr.notes,
            central_day_bp=_slice_rows(mr.point_day, n_days, slice(None))[0],
            central_month_bp=_slice_rows(mr.point_month, MONTHS, slice(None))[0],
            bands_day_bp=bands_day, bands_month_bp=bands_month, parameters=mr.parameters,
            family=mr.model.family, variant=mr.model.variant, in_pool=bool(mr.model.in_pool),
            peak_bp=_row(mr.point_day if end_grid == "day" else mr.point_month, end_index)[0],
            permanent_bp=_row(mr.point_month, MONTHS)[0],
            peak_bands_bp=quantiles(np.concatenate(peak_rows)) if peak_rows else None,
            permanent_bands_bp=quantiles(np.concatenate(perm_rows)) if perm_rows else None,
        )
        for j, plan in enumerate(plans):
            for part, values in central[j].items():
                row: dict[str, Any] = {"model": name, "holder": plan.holder, "action": plan.action,
                                       "item": part, "central": float(values[0])}
                if drawn[j]:
                    all_draws = np.concatenate(drawn[j][part])
                    q = quantiles(all_draws) if np.isfinite(all_draws).all() else np.full(3, np.nan)
                    row.update(p5=float(q[0]), p50=float(q[1]), p95=float(q[2]))
                seller_rows.append(row)
        us_bands[name] = us_acc.result()
        if spec.draws:
            us_arrays = us_acc.arrays()
            bill_draws[name] = BillDraws(
                model=name, n_draws=spec.draws,
                holder_usd_bn={plan.holder: {item: np.concatenate(drawn[j][item]) for item in _DRAW_ITEMS}
                               for j, plan in enumerate(plans) if drawn[j]},
                us_horizons_years=us_acc.horizons,
                us_extra_interest_usd_bn=None if us_arrays is None else us_arrays[0],
                us_pct_gdp=None if us_arrays is None else us_arrays[1],
                us_mortgage_shift_bp_years=None if us_arrays is None else us_arrays[2],
                parameter_digest=_draws_digest(mr.params, fx_draws),
                us_pv_usd_bn=np.concatenate(us_acc.pv) if us_acc.pv else None,
                pv_horizon_years=basis.horizon_years,
            )
        mr.params = None
    us = _us_point(runs, spec, resolved, basis)
    for name, bands in us_bands.items():
        if name in us:
            us[name].update(bands)
    from treasury_leverage.scenario.us_views import us_views

    for entry in us.values():  # fiscal, national and households views, labelled (issue 13)
        entry["views"] = us_views(entry, spec.overrides, has_tariff=spec.trade is not None)
    pooled_info = _pooled_block(paths, plans, spec, resolved) if "pooled" in paths else None
    if _us_function() is None:
        notes.append("United States' bill not computed: treasury_leverage.scenario.us_bill is not available")
    elif spec.draws > _US_DRAWS:
        notes.append(f"United States' bill bands from the first {_US_DRAWS:,} of {spec.draws:,} draws")
    holder_info = []
    for plan in plans:
        cur = HOME_CURRENCY.get(plan.holder)
        fx_rate = plan.home_per_usd
        info = {"holder": plan.holder, "action": plan.action, "holdings_usd_bn": plan.holdings_usd_bn,
                "remaining_usd_bn": float(plan.remaining_usd_bn.sum()),
                "converted_usd_bn": plan.converted_usd_bn,
                "bill_struck_at": f"{plan.end_grid} {plan.end_index + 1}",
                "gdp_preset": GDP_PRESETS.get(plan.holder),
                "home_currency": cur[0] if cur else None, "home_per_usd_at_start": fx_rate,
                "duration_years": float(plan.ladder.modified_duration @ plan.ladder.holdings_usd_bn
                                        / max(plan.ladder.total_usd_bn, 1e-12)),
                "cost_basis": (f"total_pv_usd_bn: present value over {basis.horizon_years} years at the "
                               "start day's par curve: concession + carry (maturing bonds and kept "
                               "proceeds reinvested to the horizon at the new yields) + mark-to-market at "
                               "the horizon of bonds still held + FX; total_cash_usd_bn undiscounted; "
                               "total_usd_bn (= total_at_end_usd_bn) marks "
                               "the whole ladder at the end of the action"),
                "cost_horizon_years": basis.horizon_years,
                **_interest_share(plan, us, resolved),
                **plan.details}
        if spec.jgb:  # the JGB side (issue 13): reported, not netted
            from treasury_leverage.scenario.jgb import jgb_side

            info["jgb"] = jgb_side(info, spec.overrides)
        if plan.converted_usd_bn > 0 and not cur:
            notes.append(f"{plan.holder}: no home currency known (aggregate or financial centre); "
                         "no FX effect")
        elif plan.converted_usd_bn > 0 and plan.holder != "Japan":
            notes.append(f"{plan.holder}: FX effect uses Japan's intervention elasticity as a percent "
                         "move [C]")
        holder_info.append(info)
    seller_presets = sorted({*FX_PRESETS, *(GDP_PRESETS[p.holder] for p in plans if p.holder in GDP_PRESETS)})
    return ScenarioResult(
        spec=spec, spec_hash=spec_hash(spec), start=resolved.start, holdings_date=resolved.holdings_date,
        maturities_years=MATURITIES_YEARS, n_days=n_days, n_months=MONTHS, days_per_month=DAYS_PER_MONTH,
        paths=paths, seller_rows=seller_rows, holders=holder_info, us_bill=us or None,
        flows_day_usd_bn=day_sales.sum(axis=1), flows_month_usd_bn=month_sales.sum(axis=1),
        flows_by_holder_month_usd_bn={p.holder: p.monthly_sales_usd_bn.sum(axis=1) for p in plans},
        presets={"models": presets_used, "seller": seller_presets},
        vintages=_vintages(), notes=notes, bill_draw_arrays=bill_draws, pooled=pooled_info,
    )


def _interest_share(plan: HolderPlan, us: Mapping[str, Mapping[str, Any]], resolved: ResolvedSpec
                    ) -> dict[str, Any]:
    """The holder's share of marketable debt and that share of the U.S. extra interest (PV).

    A cross-check of the carry item, not added to the holder's total: the carry is the part of the
    U.S. extra interest the holder receives on what it reinvests (adding both would count it twice).
    """
    if not us:
        return {}
    try:
        from treasury_leverage.scenario.us_bill import _latest_composition

        debt = sum(_latest_composition(resolved.start)[0].values())
    except Exception:  # no MSPD: the cross-check is left out
        return {}
    model = "pooled" if "pooled" in us else next(iter(us))
    share = float(plan.remaining_usd_bn.sum()) / debt if debt else 0.0
    return {"marketable_debt_share": share, "us_interest_share_model": model,
            "us_interest_share_pv_usd_bn": share * float(us[model].get("pv_extra_interest_usd_bn", 0.0))}


def _end_point(plans: Sequence[HolderPlan]) -> tuple[str, int]:
    """Where the peak is read: the end of the longest action (as ScenarioResult.end_point)."""
    if not plans:
        return ("month", 0)
    ends = [((p.end_index + 1) if p.end_grid == "day" else (p.end_index + 1) * DAYS_PER_MONTH,
             p.end_grid, p.end_index) for p in plans]
    _, grid, index = max(ends)
    return (grid, index)


#: The stock literature's permanent effect per USD 100bn of 10-year equivalents at GDP USD 30tn
#: (our literature review: 10 bp per 1% of GDP = 3.3; D'Amico & King's 2009 figure 10).
STOCK_LITERATURE_BP_PER_100BN_10YE: Final = (3.0, 10.0)


def _pooled_block(paths: Mapping[str, Any], plans: Sequence[HolderPlan], spec: ScenarioSpec,
                  resolved: ResolvedSpec) -> dict[str, Any]:
    """The pooled answer's checks: the permanent 10-year effect against the stock literature, and
    the U.S. cost of the permanent shift against CBO's rule of thumb scaled to that shift.

    Arithmetic (stated in the JSON): the sale in 10-year equivalents ``Q = sum_b sold_b ModDur_b /
    ModDur_10y`` (the sellers' ladders at the start day's curve); the stock literature implies a
    permanent 10-year effect of ``Q/100 * [3, 10]`` bp. The U.S. cost of the permanent shift is the
    interest bill of that shift (the pooled median at every maturity) held for ten years; CBO's rule
    scaled to it is ``cost(+10 bp on all rates) * shift_10y / 10``. Ours is smaller where the
    short end moves less than the 10-year (bills are anchored by the policy rate).
    """
    from treasury_leverage.impact.base import par_durations
    from treasury_leverage.impact.pooled import PooledMixture

    pooled = paths["pooled"]
    col10 = list(MATURITIES_YEARS).index(10.0)
    ten_ye = 0.0
    for p in plans:
        if p.action == "sell":
            mod10 = float(par_durations((10.0,))[0][0])
            ten_ye += float(p.sold_usd_bn @ p.ladder.modified_duration) / mod10
    lo, hi = (ten_ye / 100.0 * b for b in STOCK_LITERATURE_BP_PER_100BN_10YE)
    model = PooledMixture(overrides={k: v for k, v in spec.overrides.items()
                                     if k in PooledMixture.preset_names})
    out: dict[str, Any] = {
        "family_weights": model.family_weights(), "member_weights": model.member_weights(),
        "sold_ten_year_equivalents_usd_bn": ten_ye,
        "stock_literature_bp_per_100bn_10ye": list(STOCK_LITERATURE_BP_PER_100BN_10YE),
        "stock_literature_permanent_10y_bp": [lo, hi],
    }
    perm_mid = (pooled.permanent_bands_bp[1] if pooled.permanent_bands_bp is not None
                else pooled.permanent_bp)
    out["permanent_10y_p50_bp"] = float(perm_mid[col10])
    out["permanent_within_stock_literature"] = bool(lo <= perm_mid[col10] <= hi) if ten_ye > 0 else None
    fn = _us_function()
    if fn is not None and float(perm_mid[col10]) != 0.0:
        from treasury_leverage.scenario.us_bill import cbo_rule_of_thumb_check

        shift = np.repeat(np.asarray(perm_mid, dtype=np.float64)[None, None, :], MONTHS - 1, axis=1)
        bill = fn(shift, MATURITIES_YEARS, as_of=resolved.start, overrides=dict(spec.overrides) or None)
        horizons = list(bill.horizons_years)
        cost = float(np.asarray(bill.extra_interest_usd_bn)[0, horizons.index(10) if 10 in horizons else -1])
        check = cbo_rule_of_thumb_check(as_of=resolved.start, overrides=dict(spec.overrides) or None)
        scale = float(perm_mid[col10]) / 10.0
        out.update(
            permanent_shift_us_cost_10y_usd_bn=cost,
            cbo_rule_scaled_usd_bn=check.cbo_usd_bn * scale,
            our_uniform_rule_scaled_usd_bn=check.ours_usd_bn * scale,
            ratio_to_uniform_rule=cost / (check.ours_usd_bn * scale) if scale else None,
            cbo_note=("U.S. 10-year interest cost of the pooled median permanent shift held for ten years, "
                      "beside CBO's rule (+10 bp on all rates ~ USD 351bn) and our own bill's uniform "
                      "+10 bp, both scaled by the 10-year permanent shift / 10 bp; ours is lower by the "
                      "ratio because bills and the short end move less than the 10-year"),
        )
    return out


@functools.lru_cache(maxsize=1)
def _vintages() -> dict[str, str]:
    from treasury_leverage.data.api import store_for

    out = {}
    for name in ("holdings", "par_curve", "fred", "mspd", "shl_history", "slt2d"):
        try:
            store, origin = store_for(name)
            out[name] = f"{store.info(name).vintage} ({origin})"
        except Exception:  # a dataset missing from this install is reported as such
            out[name] = "unavailable"
    return out


def clear_caches() -> None:
    """Forget the cached data (after ``tlev data update`` in the same process)."""
    for fn in (_par_panel, _par_row, _profile, _ladder, _baseline_purchases, _runoff_years, _fx_rate,
               _vintages):
        fn.cache_clear()

