"""Chart builders, one module per topic: a labelled DataFrame in, an Altair chart out.

:mod:`.common` (source footer, column check, :func:`save_chart`), :mod:`.curves` (yield curves
and moves), :mod:`.holdings` (rankings, histories, maturity profiles, run-off, flows),
:mod:`.termpremium` (term premium and episodes), :mod:`.impact` (curve response by model,
execution frontier), :mod:`.backtest`, :mod:`.scenarios` (the standard scenario table),
:mod:`.game` (the leverage game's threats). The CLI, the web API and the brief all draw with these;
no face builds a chart of its own. ``treasury_leverage.report.holdings_charts`` and
``treasury_leverage.report.termpremium_charts`` remain as aliases of the topic modules.
"""

from __future__ import annotations

from treasury_leverage.report.charts.backtest import backtest_chart
from treasury_leverage.report.charts.common import (
    last_date_of,
    require_columns,
    save_chart,
    source_line,
    with_source_footer,
)
from treasury_leverage.report.charts.curves import curve_chart, curve_move_chart
from treasury_leverage.report.charts.game import threats_chart
from treasury_leverage.report.charts.holdings import (
    flows_chart,
    holder_overview_chart,
    holdings_history_chart,
    maturity_profile_chart,
    ranking_chart,
    runoff_chart,
)
from treasury_leverage.report.charts.impact import frontier_chart, impact_response_chart
from treasury_leverage.report.charts.scenarios import scenario_table_chart
from treasury_leverage.report.charts.termpremium import episode_chart, term_premium_chart

__all__ = [
    "backtest_chart",
    "curve_chart",
    "curve_move_chart",
    "episode_chart",
    "flows_chart",
    "frontier_chart",
    "holder_overview_chart",
    "holdings_history_chart",
    "impact_response_chart",
    "last_date_of",
    "maturity_profile_chart",
    "ranking_chart",
    "require_columns",
    "runoff_chart",
    "save_chart",
    "scenario_table_chart",
    "source_line",
    "term_premium_chart",
    "threats_chart",
    "with_source_footer",
]
