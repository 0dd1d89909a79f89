"""Price-impact models: what a holder's net sales do to the Treasury curve, with bands.

One interface (:class:`ImpactModel`): ``model.impact(SalesPath, draws=, seed=) -> ImpactResult``
(yield changes in bp at 1..30 years per period plus a long-run tail). Families: empirical flow
elasticities (:mod:`.empirical`), duration supply (:mod:`.duration`).
"""

from __future__ import annotations

from treasury_leverage.impact.base import (
    MATURITIES_YEARS,
    ImpactModel,
    ImpactResult,
    SalesPath,
    maturity_mapping,
    par_durations,
    parse_maturity,
    ten_year_equivalents_usd_bn,
)
from treasury_leverage.impact.duration import DurationSupply
from treasury_leverage.impact.empirical import AhmedRebucci2022, Beltran2013, KCFed2025, Warnock2009

__all__ = [
    "MATURITIES_YEARS",
    "AhmedRebucci2022",
    "Beltran2013",
    "DurationSupply",
    "ImpactModel",
    "ImpactResult",
    "KCFed2025",
    "SalesPath",
    "Warnock2009",
    "maturity_mapping",
    "par_durations",
    "parse_maturity",
    "ten_year_equivalents_usd_bn",
]
