"""Alias of :mod:`treasury_leverage.report.charts.holdings` (the holdings and flows charts).

Kept so that existing imports keep working; new code imports from ``report.charts``.
"""

from __future__ import annotations

from treasury_leverage.report.charts.holdings import (
    flows_chart,
    holder_overview_chart,
    holdings_history_chart,
    maturity_profile_chart,
    ranking_chart,
    runoff_chart,
)

__all__ = [
    "flows_chart",
    "holder_overview_chart",
    "holdings_history_chart",
    "maturity_profile_chart",
    "ranking_chart",
    "runoff_chart",
]
