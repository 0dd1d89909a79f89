"""Sell without selling: an official holder raises dollars at the Fed's FIMA repo facility.

The Federal Reserve's FIMA repo facility lends dollars overnight to foreign official holders
against their Treasuries. A holder that needs dollars (to support its currency, say) can roll
such repos instead of selling: its Treasuries stay in its account, nothing reaches the market
(no yield impact), and it pays the facility's rate. Against the alternative of selling short
Treasuries that earn about the policy rate, the cost is the facility's spread over the interest
rate on reserve balances (IORB), preset ``fima_repo_spread_over_iorb_bp``, on the amount, for as
long as the repo is rolled. The dollars' use (an intervention's FX result) is the same as a
converted sale's and is not counted here.

References
----------
Board of Governors of the Federal Reserve System: FIMA repo facility (temporary, 31 March 2020;
standing, 28 July 2021), :mod:`treasury_leverage.bibliography` key ``fed_fima_repo``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError
from treasury_leverage.presets import preset_value

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["REPO_PRESETS", "RepoResult", "fima_repo_cost_usd_bn", "repo_scenario"]

#: The facility's per-counterparty limit at its launch (USD bn; docs/literature.md section 8.4).
FIMA_LIMIT_AT_LAUNCH_USD_BN: Final = 60.0

#: The presets a repo's cost rests on.
REPO_PRESETS = ("fima_repo_spread_over_iorb_bp", "fima_repo_default_months")


def fima_repo_cost_usd_bn(
    amount_usd_bn: float,
    months: int | None = None,
    *,
    horizon_years: int,
    discount: Callable[[float], float] | None = None,
    overrides: Mapping[str, float] | None = None,
) -> float:
    """The holder's cost of raising ``amount_usd_bn`` at the FIMA repo facility for ``months``.

    Parameters
    ----------
    amount_usd_bn
        Dollars raised (USD bn, >= 0).
    months
        Months the overnight repo is rolled (default preset ``fima_repo_default_months``);
        months beyond the horizon are not counted.
    horizon_years
        The cost horizon (years).
    discount
        Discount factor by years from the start (present value, paid monthly in arrears); None:
        undiscounted (the cash view).
    overrides
        Preset values (``fima_repo_spread_over_iorb_bp``, ``fima_repo_default_months``).

    Returns
    -------
    float
        USD bn: ``amount x spread x years``, discounted month by month when ``discount`` is given.

    Raises
    ------
    InputError
        For a negative or non-finite amount, or months outside 1..360.
    """
    if not (math.isfinite(amount_usd_bn) and amount_usd_bn >= 0):
        raise InputError(f"repo amount_usd_bn: expected a non-negative amount, got {amount_usd_bn}")
    m = int(preset_value("fima_repo_default_months", overrides)) if months is None else months
    if not 1 <= m <= 360:
        raise InputError(f"repo months: expected 1 to 360 months, got {m}")
    spread = preset_value("fima_repo_spread_over_iorb_bp", overrides) / 1e4
    n = min(m, 12 * int(horizon_years))
    monthly = amount_usd_bn * spread / 12.0
    if discount is None:
        return monthly * n
    return monthly * sum(discount((k + 1) / 12.0) for k in range(n))


@dataclass(frozen=True)
class RepoResult:
    """An official holder raises dollars at the FIMA repo facility instead of selling.

    Attributes
    ----------
    holder
        Resolved holder name.
    amount_usd_bn
        Dollars raised (USD bn).
    months
        Months the overnight repo is rolled; ``months_counted`` of them fall inside the horizon.
    start
        Scenario start (ISO date): the day whose par curve discounts the cost.
    horizon_years
        The cost horizon (preset ``cost_horizon_years``).
    spread_bp
        The facility's spread over IORB used (preset ``fima_repo_spread_over_iorb_bp``).
    cost_pv_usd_bn, cost_cash_usd_bn
        The holder's cost in present value (the game's basis) and undiscounted.
    market_impact_bp
        Treasury yield impact: zero (nothing is sold).
    us_cost_pv_usd_bn
        The U.S.'s extra interest: zero (no yield moves).
    presets_used, notes
        Provenance and caveats.
    """

    holder: str
    amount_usd_bn: float
    months: int
    months_counted: int
    start: str
    horizon_years: int
    spread_bp: float
    cost_pv_usd_bn: float
    cost_cash_usd_bn: float
    market_impact_bp: float = 0.0
    us_cost_pv_usd_bn: float = 0.0
    presets_used: tuple[str, ...] = (*REPO_PRESETS, "cost_horizon_years")
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict with units in the keys."""
        return {
            "holder": self.holder, "action": "repo", "amount_usd_bn": self.amount_usd_bn,
            "months": self.months,
            "months_counted": self.months_counted, "start": self.start,
            "cost_horizon_years": self.horizon_years, "spread_over_iorb_bp": self.spread_bp,
            "holder_cost_pv_usd_bn": self.cost_pv_usd_bn, "holder_cost_cash_usd_bn": self.cost_cash_usd_bn,
            "market_impact_bp": self.market_impact_bp, "us_cost_pv_usd_bn": self.us_cost_pv_usd_bn,
            "cost_basis": (f"present value over {self.horizon_years} years at the start day's par curve (the "
                           "game's basis); cash: undiscounted"),
            "presets_used": list(self.presets_used), "notes": list(self.notes),
        }

    def summary_frame(self) -> pd.DataFrame:
        """One row per item: the holder's cost (PV and cash), market impact, U.S. cost."""
        import pandas as pd

        rows = [("holder's cost, present value (USD bn)", self.cost_pv_usd_bn),
                ("holder's cost, cash (USD bn)", self.cost_cash_usd_bn),
                ("Treasury yield impact (bp)", self.market_impact_bp),
                ("U.S. extra interest, present value (USD bn)", self.us_cost_pv_usd_bn),
                ("facility spread over IORB (bp a year)", self.spread_bp)]
        return pd.DataFrame(rows, columns=["item", "value"])


def repo_scenario(
    holder: str,
    amount_usd_bn: float,
    months: int | None = None,
    *,
    start: str | None = None,
    overrides: Mapping[str, float] | None = None,
) -> RepoResult:
    """``holder`` raises ``amount_usd_bn`` at the FIMA repo facility for ``months``: its cost in
    present value over the cost horizon, no market impact.

    The start day and the discounting are the engine's for the same holder (the hold run of
    :func:`treasury_leverage.game.leverage_game`), so the cost equals the game's ``repo`` response.

    Parameters
    ----------
    holder
        A holder in the atlas.
    amount_usd_bn
        Dollars raised (USD bn, > 0).
    months
        Months the repo is rolled (default preset ``fima_repo_default_months``).
    start
        Scenario start (default: the engine's, the last day with both holdings and a curve).
    overrides
        Preset values.

    Returns
    -------
    RepoResult

    Raises
    ------
    InputError
        For a non-positive amount or months outside 1..360.
    UnknownNameError, ScenarioError
        For an unknown holder or a start outside the data.
    """
    from treasury_leverage.scenario.engine import _basis
    from treasury_leverage.scenario.seller import OFFICIAL_SELLERS
    from treasury_leverage.scenario.spec import check_spec, parse_spec

    if not (isinstance(amount_usd_bn, int | float) and math.isfinite(amount_usd_bn) and amount_usd_bn > 0):
        raise InputError(f"repo amount_usd_bn: expected a positive amount of dollars (USD bn), "
                         f"got {amount_usd_bn!r}")
    over = dict(overrides or {})
    spec: dict[str, Any] = {"actors": [{"holder": holder, "hold": {}}], "overrides": over}
    if start is not None:
        spec["start"] = start
    resolved = check_spec(parse_spec(spec))
    name = resolved.holders[0]
    m = int(preset_value("fima_repo_default_months", over)) if months is None else int(months)
    basis = _basis(resolved.start, over)
    pv = fima_repo_cost_usd_bn(float(amount_usd_bn), m, horizon_years=basis.horizon_years,
                               discount=basis.discount, overrides=over or None)
    cash = fima_repo_cost_usd_bn(float(amount_usd_bn), m, horizon_years=basis.horizon_years,
                                 overrides=over or None)
    notes = [
        "dollars raised at the Fed's FIMA repo facility against Treasuries, not sold: nothing reaches the "
        "market, so no yield impact and no extra U.S. interest; the holder pays the facility's spread over "
        "IORB on the amount for as long as it rolls the repo",
        "'must sell' weakens: a holder that needs dollars (to defend its currency) can borrow them against "
        "its Treasuries instead of selling; a sale is then a choice, not a necessity",
    ]
    if name not in OFFICIAL_SELLERS:
        notes.append(f"{name} is not an official holder in this toolkit: the facility lends only to foreign "
                     "central banks and monetary authorities")
    if amount_usd_bn > FIMA_LIMIT_AT_LAUNCH_USD_BN:
        notes.append(f"USD {amount_usd_bn:,.0f}bn exceeds the facility's "
                     f"USD {FIMA_LIMIT_AT_LAUNCH_USD_BN:,.0f}bn per-counterparty limit at its 2020 launch "
                     "(docs/literature.md section 8.4): a larger repo depends on the Fed's discretion")
    return RepoResult(
        holder=name, amount_usd_bn=float(amount_usd_bn), months=m,
        months_counted=min(m, 12 * basis.horizon_years),
        start=resolved.start.isoformat(), horizon_years=basis.horizon_years,
        spread_bp=preset_value("fima_repo_spread_over_iorb_bp", over), cost_pv_usd_bn=pv,
        cost_cash_usd_bn=cash,
        notes=tuple(notes),
    )
