"""The ordinary weapon: a holder's counter-tariff on U.S. goods exports to it.

"Treasuries as leverage" is only interesting beside what a holder would ordinarily do against a
tariff: retaliate in kind. This module prices a counter-tariff ``tau`` on the holder's imports from
the United States (baseline ``E0``, customs value) with the trade channel's mechanics
(:mod:`treasury_leverage.scenario.trade`) seen from the other side. With pass-through ``rho`` to the
holder's buyers and import demand elasticity ``eps``:

* holder buyer price factor ``P = 1 + rho tau``; volume factor ``V = P^(-eps)``;
* U.S. exporters receive ``P / (1 + tau)`` per unit (they absorb ``1 - rho`` of the tariff): their
  sales to the holder fall from ``E0`` to ``E1 = E0 V P / (1 + tau)``;
* **U.S. exporters' surplus loss** (the national view): the price cut they absorb on what they
  still sell, ``E0 V (1 - P / (1 + tau))``, plus a share ``m`` of the sales they lose,
  ``m E0 (1 - V)`` (preset ``us_exporter_surplus_share_of_lost_sales``: resources are redeployed,
  so not the gross sales);
* **federal tax loss** (the fiscal view): the tax take ``k`` on that lost income (preset
  ``us_federal_tax_share_of_lost_income``), a tax-base effect; U.S. households pay nothing (the
  counter-tariff's price rise falls on the holder's buyers);
* **the holder's net cost**: its buyers' cost, ``E0 V (P - 1) + (P - 1) E0 (1 - V) / 2`` (higher
  prices on what they still buy plus the Harberger triangle on what they no longer buy), less its
  counter-tariff revenue ``tau E1``: the deadweight loss less the part U.S. exporters absorb.

All are annual amounts once adjusted (USD bn); they phase in like the tariff's trade effects, with
half-life ``trade_adjustment_half_life_months``.

References
----------
Fajgelbaum, Goldberg, Kennedy & Khandelwal (2020), 'The Return to Protectionism', QJE 135(1):
constant-elasticity import demand, complete pass-through of the 2018 tariffs and of the retaliation
against U.S. exports. Amiti, Redding & Weinstein (2019), JEP 33(4): deadweight loss and the cost to
buyers. Facts: U.S. Census Bureau and BEA, FT-900 December and Annual 2024 (bilateral goods trade).
All in :mod:`treasury_leverage.presets`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError
from treasury_leverage.presets import preset_value, sample_presets

__all__ = ["COUNTER_TARIFF_PRESETS", "CounterTariff", "counter_tariff"]

#: Presets drawn for a counter-tariff (in this order from its generator).
_DRAWN: Final = (
    "import_demand_elasticity",
    "counter_tariff_passthrough_to_holder_prices",
    "us_exporter_surplus_share_of_lost_sales",
    "us_federal_tax_share_of_lost_income",
    "trade_adjustment_half_life_months",
)
#: Every preset a counter-tariff's numbers rest on (the export facts are added per holder).
COUNTER_TARIFF_PRESETS: Final = _DRAWN
_MAX_TARIFF_PCT: Final = 200.0


@dataclass(frozen=True)
class CounterTariff:
    """A holder's counter-tariff on U.S. goods exports to it, draw by draw (annual, once adjusted).

    Attributes
    ----------
    holder
        Canonical holder name.
    tariff_pct
        The counter-tariff, percent of customs value.
    us_exports_usd_bn
        Baseline U.S. goods exports to the holder (USD bn a year; 0 where none are bundled).
    us_export_sales_loss_usd_bn
        ``(n,)``: U.S. exporters' lost sales to the holder, ``E0 - E1`` (gross, for reference).
    us_exporter_loss_usd_bn
        ``(n,)``: U.S. exporters' surplus loss (the national view's cost).
    us_tax_loss_usd_bn
        ``(n,)``: federal taxes lost on that income (the fiscal view's cost).
    holder_consumer_cost_usd_bn
        ``(n,)``: cost of the counter-tariff to the holder's buyers.
    holder_revenue_usd_bn
        ``(n,)``: the holder's counter-tariff revenue.
    half_life_months
        ``(n,)``: adjustment half-life of the draws.
    presets_used
        Preset names behind the numbers.
    notes
        Assumptions worth reading next to the numbers.
    """

    holder: str
    tariff_pct: float
    us_exports_usd_bn: float
    us_export_sales_loss_usd_bn: NDArray[np.float64]
    us_exporter_loss_usd_bn: NDArray[np.float64]
    us_tax_loss_usd_bn: NDArray[np.float64]
    holder_consumer_cost_usd_bn: NDArray[np.float64]
    holder_revenue_usd_bn: NDArray[np.float64]
    half_life_months: NDArray[np.float64]
    presets_used: tuple[str, ...]
    notes: tuple[str, ...] = ()

    @property
    def holder_net_cost_usd_bn(self) -> NDArray[np.float64]:
        """``(n,)``: the holder's buyers' cost less its counter-tariff revenue (annual)."""
        return np.asarray(self.holder_consumer_cost_usd_bn - self.holder_revenue_usd_bn)

    def phase_in_years(self, horizon_years: int, discount: Any = None) -> NDArray[np.float64]:
        """``(n,)``: years of the annual flow the horizon holds, after phase-in (and discounting).

        Month ``m`` carries ``phi(m) = 1 - 2^(-(m + 1) / h)`` of the annual flow / 12; with a
        ``discount`` (factor by years from the start), each month is discounted mid-month.
        """
        months = 12 * int(horizon_years)
        m = np.arange(months, dtype=np.float64)
        phase = 1.0 - np.power(2.0, -(m[None, :] + 1.0) / np.maximum(self.half_life_months, 1e-9)[:, None])
        if discount is not None:
            phase = phase * np.array([discount((k + 0.5) / 12.0) for k in range(months)])[None, :]
        return np.asarray(phase.sum(axis=1) / 12.0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready medians and 5-95% bands, annual USD bn."""
        out: dict[str, Any] = {
            "holder": self.holder,
            "tariff_pct": self.tariff_pct,
            "us_exports_usd_bn": self.us_exports_usd_bn,
        }
        for key in (
            "us_export_sales_loss_usd_bn",
            "us_exporter_loss_usd_bn",
            "us_tax_loss_usd_bn",
            "holder_consumer_cost_usd_bn",
            "holder_revenue_usd_bn",
        ):
            q = np.percentile(getattr(self, key), [5, 50, 95])
            out[key.replace("_usd_bn", "_usd_bn_per_year")] = {
                "p5": float(q[0]),
                "p50": float(q[1]),
                "p95": float(q[2]),
            }
        q = np.percentile(self.holder_net_cost_usd_bn, [5, 50, 95])
        out["holder_net_cost_usd_bn_per_year"] = {"p5": float(q[0]), "p50": float(q[1]), "p95": float(q[2])}
        out["presets_used"] = list(self.presets_used)
        out["notes"] = list(self.notes)
        return out


def counter_tariff(
    holder: str,
    tariff_pct: float,
    *,
    draws: int = 0,
    seed: int | np.random.Generator | None = None,
    overrides: Mapping[str, float] | None = None,
) -> CounterTariff:
    """What a counter-tariff of ``tariff_pct`` on U.S. goods exports to ``holder`` costs each side.

    Parameters
    ----------
    holder
        Canonical holder name (``"Japan"``, ``"China, Mainland"``); holders without bundled U.S.
        export facts get zero flows and a note.
    tariff_pct
        Counter-tariff in percent of customs value (0..200).
    draws
        Monte Carlo draws of the presets in :data:`COUNTER_TARIFF_PRESETS` (0: central values, one
        draw).
    seed
        Seed or generator of the draws.
    overrides
        Preset values (fixed across draws).

    Returns
    -------
    CounterTariff

    Raises
    ------
    InputError
        For a tariff outside 0..200 percent or negative draws.
    """
    from treasury_leverage.scenario.trade import BILATERAL_TRADE_PRESETS

    if not (
        isinstance(tariff_pct, int | float)
        and math.isfinite(tariff_pct)
        and 0.0 <= tariff_pct <= _MAX_TARIFF_PCT
    ):
        raise InputError(
            f"counter-tariff: expected a percentage between 0 and {_MAX_TARIFF_PCT:g}, got {tariff_pct!r}"
        )
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 0:
        raise InputError(f"draws: expected a non-negative whole number, got {draws!r}")
    n = max(draws, 1)
    if draws > 0:
        p = sample_presets(_DRAWN, n, seed=seed, overrides=overrides)
    else:
        p = {k: np.full(1, preset_value(k, overrides)) for k in _DRAWN}
    notes: list[str] = []
    if holder in BILATERAL_TRADE_PRESETS:
        exp_name = BILATERAL_TRADE_PRESETS[holder][1]
        exports = preset_value(exp_name, overrides)
        facts: tuple[str, ...] = (exp_name,)
        notes.append(
            f"counter-tariff: U.S. goods exports to {holder} USD {exports:,.1f}bn a year (2024, "
            "Census/BEA FT-900)"
        )
    else:
        exports, facts = 0.0, ()
        notes.append(
            f"counter-tariff: no U.S. export facts are bundled for {holder}; its counter-tariff "
            "has no effect in the model"
        )
    eps = np.maximum(p["import_demand_elasticity"], 0.0)
    rho = np.clip(p["counter_tariff_passthrough_to_holder_prices"], 0.0, 1.0)
    margin = np.clip(p["us_exporter_surplus_share_of_lost_sales"], 0.0, 1.0)
    tax = np.clip(p["us_federal_tax_share_of_lost_income"], 0.0, 1.0)
    tau = tariff_pct / 100.0
    price = 1.0 + rho * tau
    volume = price ** (-eps)
    received = price / (1.0 + tau)  # what U.S. exporters get per unit, pre-tariff = 1
    sales = exports * volume * received
    absorbed = exports * volume * (1.0 - received)  # the price cut U.S. exporters take
    exporter_loss = absorbed + margin * exports * (1.0 - volume)
    consumer = exports * volume * (price - 1.0) + 0.5 * (price - 1.0) * exports * (1.0 - volume)
    notes.append(
        "counter-tariff: U.S. exporters lose the price cut they absorb plus a share of the sales "
        "they lose (us_exporter_surplus_share_of_lost_sales); the fiscal view sees only the federal "
        "taxes on that income (us_federal_tax_share_of_lost_income); U.S. households pay nothing "
        "(the price rise falls on the holder's buyers); the holder pays its buyers' cost less its "
        "counter-tariff revenue. Not modelled: further U.S. escalation, trade diversion, and the "
        "holder's slightly larger dollar surplus to recycle"
    )
    return CounterTariff(
        holder=holder,
        tariff_pct=float(tariff_pct),
        us_exports_usd_bn=float(exports),
        us_export_sales_loss_usd_bn=np.asarray(exports - sales, dtype=np.float64),
        us_exporter_loss_usd_bn=np.asarray(exporter_loss, dtype=np.float64),
        us_tax_loss_usd_bn=np.asarray(tax * exporter_loss, dtype=np.float64),
        holder_consumer_cost_usd_bn=np.asarray(consumer, dtype=np.float64),
        holder_revenue_usd_bn=np.asarray(tau * sales, dtype=np.float64),
        half_life_months=np.asarray(
            np.maximum(p["trade_adjustment_half_life_months"], 1e-9), dtype=np.float64
        ),
        presets_used=(*facts, *_DRAWN),
        notes=tuple(notes),
    )
