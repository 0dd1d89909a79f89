"""The defaults every face (CLI, web dashboard and API, brief) shares, read from the presets.

The numbers live in :mod:`treasury_leverage.presets` (``default_*`` entries, with their source
and rationale); this module only turns them into the types a face's options need (an int, a
maturity label), once, so that ``tlev impact`` and ``/api/impact`` cannot drift apart again.
Cheap to import (the presets load NumPy only when they draw), so option defaults of
``tlev --help`` can use it.
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets import preset_value

__all__ = [
    "BRIEF_DRAWS",
    "DRAWS",
    "FLOWS_WINDOW_MONTHS",
    "IMPACT_DRAWS",
    "IMPACT_MATURITY",
    "SALE_DAYS",
    "SCENARIO_DRAWS",
    "TARIFF_PCT",
    "maturity_label",
]


def maturity_label(years: float) -> str:
    """``10.0 -> "10y"``, ``0.5 -> "6m"``: the label the faces' ``--maturity`` options take."""
    if years >= 1 and float(years).is_integer():
        return f"{int(years)}y"
    months = years * 12.0
    return f"{int(months)}m" if float(months).is_integer() else f"{years:g}y"


#: Monte Carlo draws per engine run of the standard question on every face (`tlev scenario`,
#: `tlev game`, the brief, the dashboard, the web API, assess()): one preset, ``default_draws``.
DRAWS: Final = int(preset_value("default_draws"))
#: The scenario faces' draws: :data:`DRAWS`.
SCENARIO_DRAWS: Final = DRAWS
#: Parameter draws behind the band of `tlev impact`, `tlev execution` and `/api/impact`.
IMPACT_DRAWS: Final = int(preset_value("default_impact_draws"))
#: The brief's and the game's draws: :data:`DRAWS` (the same question, the same numbers).
BRIEF_DRAWS: Final = DRAWS
#: Maturity sold by the impact faces when none is given.
IMPACT_MATURITY: Final = maturity_label(preset_value("default_impact_maturity_years"))
#: Business days over which a sale is spread when none is given.
SALE_DAYS: Final = int(preset_value("default_sale_business_days"))
#: Months of the flow detective's default window (ending at the holder's latest month).
FLOWS_WINDOW_MONTHS: Final = int(preset_value("default_flows_window_months"))
#: Tariff (percent) of the leverage game when none is given.
TARIFF_PCT: Final = preset_value("default_tariff_pct")
