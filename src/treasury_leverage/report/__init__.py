"""Chart builders (DataFrame -> Altair chart) and their offline rendering to PNG/SVG.

Charts are Vega-Lite specifications built with Altair and rendered locally by vl-convert (no
browser, no network).
"""

from __future__ import annotations

from treasury_leverage.report.charts import curve_chart, curve_move_chart, save_chart

__all__ = ["curve_chart", "curve_move_chart", "save_chart"]

# The brief (issue 8) and the holdings/flows chart builders, shared with the dashboard.
from treasury_leverage.report.brief import Brief, build_brief, write_brief
from treasury_leverage.report.charts.holdings import (
    flows_chart,
    holdings_history_chart,
    maturity_profile_chart,
    ranking_chart,
    runoff_chart,
)

__all__ += [
    "Brief",
    "build_brief",
    "flows_chart",
    "holdings_history_chart",
    "maturity_profile_chart",
    "ranking_chart",
    "runoff_chart",
    "write_brief",
]
