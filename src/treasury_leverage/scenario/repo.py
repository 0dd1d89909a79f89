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

from treasury_leverage.errors import InputError
from treasury_leverage.presets import preset_value

__all__ = ["REPO_PRESETS", "fima_repo_cost_usd_bn"]

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
