"""Holdings atlas and flow detective: who holds what, and is anyone quietly selling?

>>> import treasury_leverage.holdings as th
>>> th.ranking("2025-12").iloc[0][["holder", "holdings_usd_bn"]].tolist()   # doctest: +SKIP
['Japan', 1185.5]
>>> th.flows("japan", "2023-02").attrs["verdict"]                            # doctest: +SKIP

Modules: :mod:`.atlas` (rankings, shares, official vs private, changes, the optional custody
adjustment), :mod:`.profile` (maturity profile and run-off schedule), :mod:`.flows` (net
purchases vs valuation), :mod:`.attribution` (how much foreign official flows explain yields).
Note that ``treasury_leverage.holdings.flows`` is the function; import module-level names with
``from treasury_leverage.holdings.flows import ...``.
"""

from __future__ import annotations

from treasury_leverage.holdings.atlas import (
    CustodyAdjustment,
    changes,
    custody_adjusted,
    holder_history,
    official_private,
    ranking,
)
from treasury_leverage.holdings.attribution import (
    AttributionResults,
    EventStudyResults,
    attribution,
    event_study,
    official_net_purchases,
)
from treasury_leverage.holdings.flows import (
    Calibration,
    calibrate,
    check_estimator,
    flows,
    recent_window,
    verdict,
)
from treasury_leverage.holdings.profile import (
    DEFAULT_LT_WEIGHTS,
    LT_BUCKETS,
    MaturityProfile,
    maturity_profile,
    runoff_schedule,
    st_lt_history,
)

__all__ = [
    "DEFAULT_LT_WEIGHTS",
    "LT_BUCKETS",
    "AttributionResults",
    "Calibration",
    "CustodyAdjustment",
    "EventStudyResults",
    "MaturityProfile",
    "attribution",
    "calibrate",
    "changes",
    "check_estimator",
    "custody_adjusted",
    "event_study",
    "flows",
    "holder_history",
    "maturity_profile",
    "official_net_purchases",
    "official_private",
    "ranking",
    "recent_window",
    "runoff_schedule",
    "st_lt_history",
    "verdict",
]
