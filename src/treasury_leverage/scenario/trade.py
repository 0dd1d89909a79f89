"""The trade channel: a U.S. tariff on a holder's exports -> fewer dollars recycled into Treasuries.

A tariff raises what U.S. buyers pay for the holder's goods (by the pass-through share of the
tariff), U.S. demand falls with the import demand elasticity, the holder earns fewer dollars, and a
share of those dollars would have bought Treasuries: the result is a "natural pause", a monthly
shortfall in the holder's Treasury purchases that the impact models treat like net sales.

With baseline U.S. imports from the holder ``R0`` (customs value), tariff ``t``, pass-through
``rho`` and elasticity ``eps``:

* U.S. buyer price factor ``P = 1 + rho t``; volume factor ``V = P^(-eps)``;
* the exporter receives ``P / (1 + t)`` per unit (it absorbs ``1 - rho`` of the tariff), so the
  holder's dollar export earnings are ``R1 = R0 V P / (1 + t)`` and the annual **export loss** is
  ``R0 - R1``;
* **tariff revenue** ``t R1`` (the tariff is levied on the customs value);
* **cost to U.S. buyers** ``R0 V (P - 1)`` on what they still buy plus the lost surplus on what
  they no longer buy, ``(P - 1) R0 (1 - V) / 2`` (Harberger triangle);
* the loss phases in with half-life ``h`` months, ``phi(m) = 1 - 2^(-(m + 1) / h)``, and the
  **purchase shortfall** in month ``m`` is ``share x (R0 - R1) / 12 x phi(m)``.

References
----------
Fajgelbaum, Goldberg, Kennedy & Khandelwal (2020), 'The Return to Protectionism', QJE 135(1):
constant-elasticity import demand, complete pass-through of the 2018 tariffs. Amiti, Redding &
Weinstein (2019), JEP 33(4): pass-through and the cost to U.S. buyers. Facts: U.S. Census Bureau
and BEA, FT-900 December and Annual 2024 (bilateral goods trade). All in
:mod:`treasury_leverage.presets`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import DataUnavailable, InputError
from treasury_leverage.presets import preset_value, sample_presets

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BILATERAL_TRADE_PRESETS", "TradeChannel", "trade_shortfall"]

#: Holder (canonical TIC spelling) -> (U.S. imports from it, U.S. exports to it) preset names.
BILATERAL_TRADE_PRESETS: Final[dict[str, tuple[str, str]]] = {
    "Japan": ("us_goods_imports_from_japan_2024_usd_bn", "us_goods_exports_to_japan_2024_usd_bn"),
    "China, Mainland": ("us_goods_imports_from_china_2024_usd_bn", "us_goods_exports_to_china_2024_usd_bn"),
}
_DEFAULT_IMPORTS: Final = "trade_default_us_imports_usd_bn"
_DRAWN: Final = (
    "import_demand_elasticity",
    "tariff_passthrough_to_us_prices",
    "trade_treasury_recycling_share",
    "trade_adjustment_half_life_months",
)
_MAX_MONTHS: Final = 360
_MAX_TARIFF_PCT: Final = 1000.0


@dataclass(frozen=True)
class TradeChannel:
    """A tariff's effect on the holder's dollar earnings and Treasury purchases.

    Attributes
    ----------
    holder
        Canonical holder name.
    tariff_pct
        The tariff, percent of customs value.
    months
        Length of the shortfall path.
    purchase_shortfall_usd_bn
        ``(n_draws, months)``: fewer Treasury purchases each month, USD bn (positive = acts like
        net sales).
    export_loss_usd_bn
        ``(n_draws,)``: the holder's annual loss of dollar export earnings once adjusted.
    tariff_revenue_usd_bn
        ``(n_draws,)``: annual U.S. tariff revenue once adjusted.
    us_consumer_cost_usd_bn
        ``(n_draws,)``: annual cost to U.S. buyers (higher prices on what they still buy plus the
        lost surplus on what they no longer buy).
    us_imports_usd_bn, us_exports_usd_bn
        Baseline bilateral goods trade (USD bn a year; exports ``None`` where not bundled).
    presets_used
        Preset names the numbers rest on.
    notes
        Assumptions worth reading next to the numbers.
    """

    holder: str
    tariff_pct: float
    months: int
    purchase_shortfall_usd_bn: NDArray[np.float64]
    export_loss_usd_bn: NDArray[np.float64]
    tariff_revenue_usd_bn: NDArray[np.float64]
    us_consumer_cost_usd_bn: NDArray[np.float64]
    us_imports_usd_bn: float
    us_exports_usd_bn: float | None
    presets_used: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def cumulative_shortfall_usd_bn(self) -> NDArray[np.float64]:
        """``(n_draws,)``: total purchase shortfall over the path."""
        return np.asarray(self.purchase_shortfall_usd_bn.sum(axis=1))

    def summary_frame(self) -> pd.DataFrame:
        """p5/p50/p95 of the annual and cumulative quantities, USD bn."""
        import pandas as pd

        rows = {
            "export_loss_usd_bn": self.export_loss_usd_bn,
            "tariff_revenue_usd_bn": self.tariff_revenue_usd_bn,
            "us_consumer_cost_usd_bn": self.us_consumer_cost_usd_bn,
            "cumulative_shortfall_usd_bn": self.cumulative_shortfall_usd_bn,
        }
        data = {k: np.percentile(v, [5, 50, 95]) for k, v in rows.items()}
        return pd.DataFrame(data, index=pd.Index(["p5", "p50", "p95"], name="quantile")).T

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary with units in the keys (medians and 5-95% bands)."""
        frame = self.summary_frame()
        out: dict[str, Any] = {
            "holder": self.holder,
            "tariff_pct": self.tariff_pct,
            "months": self.months,
            "us_imports_usd_bn": self.us_imports_usd_bn,
            "us_exports_usd_bn": self.us_exports_usd_bn,
            "purchase_shortfall_usd_bn_p50": np.median(self.purchase_shortfall_usd_bn, axis=0).tolist(),
            "presets_used": list(self.presets_used),
            "notes": list(self.notes),
        }
        for key, row in frame.iterrows():
            out[str(key)] = {q: float(row[q]) for q in ("p5", "p50", "p95")}
        return out


def _resolve_holder(holder: str) -> str:
    if holder in BILATERAL_TRADE_PRESETS:  # already canonical (the engine's resolved names): no data read
        return holder
    from treasury_leverage.data.countries import resolve_country

    try:
        from treasury_leverage.data import holders

        pool = list(holders())
    except DataUnavailable:
        pool = []
    # Known trade partners always resolve, with or without the holdings data.
    return resolve_country(holder, [*BILATERAL_TRADE_PRESETS, *pool])


def trade_shortfall(
    holder: str,
    tariff_pct: float,
    *,
    months: int,
    draws: int = 0,
    seed: int | np.random.Generator | None = None,
    overrides: Mapping[str, float] | None = None,
) -> TradeChannel:
    """The purchase shortfall a U.S. tariff on ``holder``'s exports would cause.

    Parameters
    ----------
    holder
        A holder as named in the holdings atlas (``"japan"``, ``"china"``...). Japan and China
        carry bundled 2024 trade facts; for other holders the channel is off unless
        ``overrides={"trade_default_us_imports_usd_bn": ...}`` sets their exports to the U.S.
    tariff_pct
        Tariff rate in percent of customs value (>= 0).
    months
        Length of the monthly shortfall path (1-360).
    draws
        Monte Carlo draws of the elasticity, pass-through, recycling share and adjustment speed;
        0 gives the central values (a draws axis of length 1).
    seed
        Seed or generator for the draws.
    overrides
        Preset values to use instead of the defaults (also fixes them across draws).

    Returns
    -------
    TradeChannel

    Raises
    ------
    UnknownNameError
        If ``holder`` is not a known holder (the message lists close names).
    InputError
        For a negative or non-finite tariff, bad months or draws.

    References
    ----------
    Fajgelbaum et al. (2020), QJE 135(1); Amiti, Redding & Weinstein (2019), JEP 33(4).
    """
    if not (isinstance(tariff_pct, int | float) and math.isfinite(tariff_pct)
            and 0.0 <= tariff_pct <= _MAX_TARIFF_PCT):
        raise InputError(f"tariff_pct: expected a percentage between 0 and {_MAX_TARIFF_PCT:g}, "
                         f"got {tariff_pct!r}")
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= _MAX_MONTHS:
        raise InputError(f"months: expected a whole number of months between 1 and {_MAX_MONTHS}, "
                         f"got {months!r}")
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 0:
        raise InputError(f"draws: expected a non-negative whole number, got {draws!r}")
    name = _resolve_holder(holder)

    if name in BILATERAL_TRADE_PRESETS:
        imp_name, exp_name = BILATERAL_TRADE_PRESETS[name]
        imports = preset_value(imp_name, overrides)
        exports: float | None = preset_value(exp_name, overrides)
        fact_presets: tuple[str, ...] = (imp_name, exp_name)
        fact_note = (f"2024 bilateral goods trade (Census/BEA FT-900): U.S. imports from {name} "
                     f"USD {imports:,.1f}bn, exports USD {exports:,.1f}bn.")
    else:
        imports = preset_value(_DEFAULT_IMPORTS, overrides)
        exports = None
        fact_presets = (_DEFAULT_IMPORTS,)
        fact_note = (f"No bilateral trade facts are bundled for {name}; U.S. imports set to "
                     f"USD {imports:,.1f}bn (preset {_DEFAULT_IMPORTS}; set it through overrides).")
    if imports < 0:
        raise InputError(f"U.S. imports from {name}: expected a non-negative amount, got {imports}")

    n = max(draws, 1)
    if draws > 0:
        p = sample_presets(_DRAWN, n, seed=seed, overrides=overrides)
    else:
        p = {k: np.full(1, preset_value(k, overrides)) for k in _DRAWN}
    eps = np.maximum(p["import_demand_elasticity"], 0.0)
    rho = np.clip(p["tariff_passthrough_to_us_prices"], 0.0, 1.0)
    share = np.clip(p["trade_treasury_recycling_share"], 0.0, 1.0)
    half_life = np.maximum(p["trade_adjustment_half_life_months"], 1e-9)

    t = tariff_pct / 100.0
    price = 1.0 + rho * t                       # U.S. buyer price factor
    volume = price ** (-eps)                    # constant-elasticity demand
    earnings = imports * volume * price / (1.0 + t)  # the holder's dollar receipts
    export_loss = imports - earnings
    revenue = t * earnings
    consumer = imports * volume * (price - 1.0) + 0.5 * (price - 1.0) * imports * (1.0 - volume)

    m = np.arange(months)
    phase_in = 1.0 - np.power(2.0, -(m[None, :] + 1.0) / half_life[:, None])
    shortfall = (share * export_loss / 12.0)[:, None] * phase_in

    notes = (
        fact_note,
        "Shortfall = recycling share x lost export dollars, phased in with the adjustment "
        "half-life; positive values act like net sales of Treasuries.",
        "Goods only; services, retaliation, exchange-rate responses and trade diversion through "
        "third countries are not modelled.",
        "Cost to U.S. buyers = higher prices on what they still buy + lost surplus on what they "
        "no longer buy (triangle approximation); tariff revenue is levied on the customs value.",
    )
    return TradeChannel(
        holder=name,
        tariff_pct=float(tariff_pct),
        months=months,
        purchase_shortfall_usd_bn=np.asarray(shortfall, dtype=np.float64),
        export_loss_usd_bn=np.asarray(export_loss, dtype=np.float64),
        tariff_revenue_usd_bn=np.asarray(revenue, dtype=np.float64),
        us_consumer_cost_usd_bn=np.asarray(consumer, dtype=np.float64),
        us_imports_usd_bn=float(imports),
        us_exports_usd_bn=None if exports is None else float(exports),
        presets_used=(*fact_presets, *_DRAWN),
        notes=notes,
    )
