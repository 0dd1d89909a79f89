"""Holders' plans: each actor's action turned into flows of net sales by maturity bucket.

A **sale** on a daily schedule (even, front-loaded or Almgren-Chriss optimal), a **pause** as the
forgone baseline purchases each month (sales-equivalent: the market must absorb what the holder
no longer takes), a **run-off** as the maturing amounts of its run-off schedule it does not
reinvest, the **trade channel** as the purchase shortfall of
:func:`treasury_leverage.scenario.trade.trade_shortfall` (its own parameter draws enter each
draw's path through unit paths, :class:`TradeUnits`); forgone purchases are spread pro-rata to
the holder's profile. Pure: everything read from the data comes in
:class:`~treasury_leverage.scenario.inputs.EngineInputs`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.scenario import streams
from treasury_leverage.scenario.inputs import EngineInputs, HolderInputs
from treasury_leverage.scenario.seller import Ladder, allocate_sale, default_convert_share
from treasury_leverage.scenario.shared import SharedWork, fingerprint
from treasury_leverage.scenario.spec import MONTHS, PauseAction, RunoffAction, SellAction

__all__ = ["DAYS_PER_MONTH", "HolderPlan", "TradeUnits", "build_plans", "trade_units"]

FloatArray = NDArray[np.float64]
#: Business days per month of the monthly path.
DAYS_PER_MONTH: Final = 21


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


def _convert_share(holder: str, given: float | None, overrides: Mapping[str, float],
                   action: Literal["sell", "runoff"] = "sell") -> tuple[float, str]:
    if given is not None:
        return float(given), "given in the spec (--convert)"
    return default_convert_share(holder, overrides, action=action)


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


def spread_monthly(monthly: FloatArray, n_days: int) -> FloatArray:
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


def _mature(ladder: Ladder, matured_usd_bn: float) -> FloatArray:
    """The ladder after ``matured_usd_bn`` of its shortest bonds have matured."""
    out = ladder.holdings_usd_bn.copy()
    left = matured_usd_bn
    for b in np.argsort(ladder.maturities_years):
        take = min(left, float(out[b]))
        out[b] -= take
        left -= take
    return out


def _plan(i: int, actor: HolderInputs, inputs: EngineInputs, n_days: int, notes: list[str],
          end_days: list[int], shared: SharedWork) -> HolderPlan:
    """One actor's plan (``i``: its index in the spec, which names its trade stream)."""
    from treasury_leverage.presets import preset_value

    resolved = inputs.resolved
    spec = resolved.spec
    holder, holdings, action, ladder = actor.holder, actor.holdings_usd_bn, actor.action, actor.ladder
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
        window = actor.baseline_window_months
        if action.baseline_usd_bn_per_month is None:
            assert actor.baseline is not None and actor.official_share is not None
            everyone, src = actor.baseline
            off, off_src = actor.official_share
            base = everyone * off
            src += f"; {off_src}"
            details.update(baseline_all_holders_usd_bn_per_month=everyone, baseline_official_share=off,
                           baseline_window_months=window,
                           baseline_bias_correction=(
                               "net purchases = change in holdings - estimated valuation (flow "
                               "detective, vintage coupons: unbiased against reported valuation changes; "
                               "holdings/flows.py)"),
                           **(actor.reserve_check or {}))
        else:
            base, src = float(action.baseline_usd_bn_per_month), "given in the spec"
        monthly[: action.months] = base * shares[None, :]
        daily = spread_monthly(monthly, n_days)
        grid, index = "month", action.months - 1
        end_days.append(action.months * DAYS_PER_MONTH)
        details.update(months=action.months, baseline_usd_bn_per_month=base, baseline_source=src,
                       forgone_purchases_usd_bn=base * action.months)
        if base < 0:
            notes.append(f"{holder}: the baseline is net selling ({base:,.1f} USD bn a month), so a "
                         "pause of net purchases means it stops selling: yields fall")
    elif isinstance(action, RunoffAction):
        assert actor.runoff_per_year_usd_bn is not None
        per_year = actor.runoff_per_year_usd_bn
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
        daily = spread_monthly(monthly, n_days)
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
        tariff, months = resolved.tariffs[holder], spec.trade.months
        key = ("trade", holder, tariff, months, spec.draws, spec.seed, i,
               tuple(sorted(spec.overrides.items())))
        path, drawn, note = shared.get(key, lambda: _trade_shortfall(
            holder, tariff, months, spec.draws, streams.generator(spec.seed, streams.trade_stream(i)),
            spec.overrides))
        notes.append(note)
        if path is not None:
            if drawn is not None:
                details["_trade_deviation_usd_bn"] = drawn - path[None, :]  # (draws, months)
            extra = np.zeros((MONTHS, n_b))
            extra[: len(path)] = path[:, None] * shares[None, :]
            monthly = monthly + extra
            daily = daily + spread_monthly(extra, n_days)
            details.update(tariff_pct=tariff, trade_shortfall_usd_bn=float(path.sum()), trade_months=months)
            end_days.append(months * DAYS_PER_MONTH)
    deviation = details.pop("_trade_deviation_usd_bn", None)
    proceeds = details.pop("_proceeds", (0.0, 0.0))
    return HolderPlan(holder, action.kind, holdings, ladder, daily, monthly, sold, remaining, converted, grid,
                      index, details, deviation, home_per_usd=actor.home_per_usd, proceeds=proceeds)


def build_plans(inputs: EngineInputs, shared: SharedWork | None = None
                ) -> tuple[list[HolderPlan], int, list[str]]:
    """Every holder's plan, the daily horizon (business days) and notes."""
    shared = SharedWork() if shared is None else shared
    notes: list[str] = list(inputs.resolved.notes)
    sell_days = [a.action.days for a in inputs.actors if isinstance(a.action, SellAction)]
    n_days = max(sell_days) if sell_days else DAYS_PER_MONTH
    end_days: list[int] = []
    plans = [_plan(i, actor, inputs, n_days, notes, end_days, shared)
             for i, actor in enumerate(inputs.actors)]
    # "hold" bills are struck at the scenario's end: the last day of the longest action
    last = max(end_days) if end_days else 0
    for plan in plans:
        if plan.action == "hold":
            if last and sell_days and last == max(sell_days):
                plan.end_grid, plan.end_index = "day", last - 1
            else:
                plan.end_grid, plan.end_index = "month", max(math.ceil(last / DAYS_PER_MONTH) - 1, 0)
    return plans, n_days, notes


# -- the trade channel's draws ----------------------------------------------------------------


@dataclass
class TradeUnits:
    """Per-draw deviations of one holder's purchase shortfall, and the unit paths they scale.

    ``paths``: ``(month t, daily unit path or None, monthly unit path)`` with USD 1bn of flow in
    month ``t`` spread over the holder's profile (and over that month's business days).
    ``key`` fingerprints the deviations and the monthly unit paths, ``day_key`` the daily ones
    too (equal keys, equal units: what a batch of scenarios shares).
    """

    deviation_usd_bn: FloatArray
    paths: list[tuple[int, Any, Any]]
    key: str = ""
    day_key: str = ""


def _unit_paths(shares: FloatArray, n_months: int, n_days: int, buckets: tuple[float, ...]
                ) -> list[tuple[int, Any, Any]]:
    """``(t, daily unit path or None, monthly unit path)`` for USD 1bn in each of ``n_months`` months."""
    from treasury_leverage.impact.base import SalesPath

    paths = []
    for t in range(n_months):
        monthly = np.zeros((MONTHS, len(buckets)))
        monthly[t] = shares
        daily = spread_monthly(monthly, n_days)
        day_path = SalesPath(daily, buckets, "day") if daily.any() else None
        paths.append((t, day_path, SalesPath(monthly, buckets, "month")))
    return paths


def trade_units(plans: Sequence[HolderPlan], n_days: int, buckets: tuple[float, ...],
                shared: SharedWork | None = None) -> list[TradeUnits]:
    """The :class:`TradeUnits` of every holder with trade-channel draws.

    The unit paths depend only on the holder's profile shares, the months and the sale days:
    scenarios of a batch (a game's cells) share them through ``shared``.
    """
    out = []
    for plan in plans:
        if plan.trade_deviation_usd_bn is None:
            continue
        shares = plan.ladder.holdings_usd_bn / max(plan.ladder.total_usd_bn, 1e-12)
        n_months = plan.trade_deviation_usd_bn.shape[1]
        make = functools.partial(_unit_paths, shares, n_months, n_days, buckets)
        paths = make() if shared is None else shared.get(
            ("trade unit paths", fingerprint(shares, np.asarray(buckets)), n_months, n_days), make)
        key = fingerprint(plan.trade_deviation_usd_bn, shares, np.asarray(buckets))
        out.append(TradeUnits(plan.trade_deviation_usd_bn, list(paths), key, f"{key}/{n_days}"))
    return out
