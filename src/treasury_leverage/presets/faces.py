"""The defaults every face shares (``default_*``): one home for the numbers CLI, web and brief use.

Sale days, the impact face's maturity and draws, the standard question's draws, the flow
detective's window and the tariff of the game. :mod:`treasury_leverage._defaults` turns them
into the values the faces' options take; no face holds a default of its own (issue 15).
"""

from __future__ import annotations

from typing import Final

from treasury_leverage.presets._model import Preset

__all__ = ["ENTRIES"]

#: The faces' defaults, in registry order.
ENTRIES: Final[tuple[Preset, ...]] = (
    Preset(
        "default_sale_business_days", 60.0, 1.0, 504.0, "business days", "fixed",
        "Our choice [C]: about three months of trading, the horizon of the scenario, game and brief "
        "sale cases; long enough that a sale is a programme, not a fire sale (Almgren & Chriss 2000 "
        "cost falls with the horizon), short enough to land inside one tariff round",
        "C",
        "Days over which a sale is spread when none is given (scenario specs, the brief's sale cases). "
        "Whole business days, 1..504.",
    ),
    Preset(
        "default_impact_maturity_years", 10.0, 0.25, 30.0, "years", "fixed",
        "Our choice [C]: the 10-year, the benchmark that the scenario, game, brief and "
        "`tlev execution` report; the flow studies measure their effects at the 5-year (Beltran et al. "
        "2013), so `--maturity 5y` reproduces their headline numbers",
        "C",
        "Maturity sold by `tlev impact` and `/api/impact` (and the dashboard's impact panel) when none "
        "is given. Until issue 15 the CLI sold 5-year and the web 10-year paper.",
    ),
    Preset(
        "default_impact_draws", 10_000.0, 0.0, 100_000.0, "parameter draws", "fixed",
        "Our choice [C]: 10,000 draws put the Monte Carlo error of a p5/p95 at about +/-0.2 "
        "percentage points of probability (sqrt(0.05 x 0.95 / 10000)); one impact run is cheap",
        "C",
        "Parameter draws behind the p5-p95 band of `tlev impact`, `tlev execution` and `/api/impact` "
        "(the web caps them at the server's max_draws).",
    ),
    Preset(
        "default_draws", 1_000.0, 0.0, 100_000.0, "parameter draws per model", "fixed",
        "Our choice [C], issues 13 and 15: one number for the standard question on every face, so "
        "that `tlev scenario`, `tlev game`, the brief, the dashboard and assess() print the same "
        "numbers. 1,000 joint draws put the Monte Carlo error of a p5/p95 at about +/-0.7 percentage "
        "points (sqrt(0.05 x 0.95 / 1000)) and of a credible share at most about 1.6 points (binomial "
        "standard error at 50%), small beside the spread between model families; issue 13 asks for at "
        "least 1,000 game draws. (Was 2,000 for a scenario, 1,000 for the brief and the game.)",
        "C",
        "Monte Carlo draws per engine run when none are given: `tlev scenario`, `tlev game`, `tlev "
        "brief`, the dashboard, the web API and assess(). 0 gives point estimates (one per model).",
    ),
    Preset(
        "default_flows_window_months", 24.0, 1.0, 600.0, "months", "fixed",
        "Our choice [C]: two years of monthly TIC changes answer 'is it selling now?' while averaging "
        "out single months, whose valuation estimate has a band of its own (holdings.flows)",
        "C",
        "Window of the flow detective's verdict when no start is given: the last 24 months to the "
        "holder's latest month, in `tlev flows`, `/api/flows`, the dashboard and the brief. "
        "Until issue 15: the whole history (CLI, API), 37 months (dashboard), 24 months (brief).",
    ),
    Preset(
        "default_tariff_pct", 10.0, 0.0, 100.0, "percent ad valorem", "fixed",
        "Our choice [C]: the 10% baseline tariff of April 2025 (U.S. Executive Order 14257, 2 April "
        "2025), the size of the threat the game and the brief put to a holder",
        "C",
        "Tariff of the leverage game when none is given (the brief's game section; the game and "
        "scenario faces read it once issue 13 lands).",
    ),
)
