"""Alias of :mod:`treasury_leverage.report.charts.termpremium` (term premium and episode charts).

Kept so that existing imports keep working; new code imports from ``report.charts``.
"""

from __future__ import annotations

from treasury_leverage.report.charts.termpremium import episode_chart, term_premium_chart

__all__ = ["episode_chart", "term_premium_chart"]
