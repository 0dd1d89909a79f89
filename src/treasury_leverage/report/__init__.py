"""Chart builders (DataFrame -> Altair chart) and their offline rendering to PNG/SVG.

Charts are Vega-Lite specifications built with Altair and rendered locally by vl-convert (no
browser, no network).
"""

from __future__ import annotations

from treasury_leverage.report.charts import curve_chart, curve_move_chart, save_chart

__all__ = ["curve_chart", "curve_move_chart", "save_chart"]
