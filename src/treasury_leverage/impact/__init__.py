"""Price-impact models: what a holder's net sales do to the Treasury curve, with bands.

One interface (:class:`ImpactModel`): ``model.impact(SalesPath, draws=, seed=) -> ImpactResult``
(yield changes in bp at 1..30 years per period plus a long-run tail). Families: empirical flow
elasticities (:mod:`.empirical`), duration supply (:mod:`.duration`), preferred habitat
(:mod:`.habitat`), flow plus stock (:mod:`.combined`), Almgren-Chriss execution
(:mod:`.execution`, calibrated to Treasuries in :mod:`.ac_calibration`); :func:`get_model` and
:func:`compare` by name (:mod:`.registry`).
"""

from __future__ import annotations

from treasury_leverage.impact.ac_calibration import execution_comparison, treasury_execution_params
from treasury_leverage.impact.base import (
    MATURITIES_YEARS,
    ImpactModel,
    ImpactResult,
    SalesPath,
    maturity_mapping,
    par_durations,
    par_yields_on,
    parse_maturity,
    ten_year_equivalents_usd_bn,
)
from treasury_leverage.impact.combined import FlowPlusStock
from treasury_leverage.impact.duration import DurationSupply
from treasury_leverage.impact.empirical import AhmedRebucci2022, Beltran2013, KCFed2025, Warnock2009
from treasury_leverage.impact.execution import (
    ACParams,
    AlmgrenChriss,
    ExecutionPlan,
    dump_schedule,
    efficient_frontier,
    even_schedule,
    optimal_schedule,
)
from treasury_leverage.impact.habitat import (
    HabitatParams,
    PreferredHabitat,
    calibrate_habitat,
    one_factor_closed_form,
    solve_habitat,
    supply_response_bp,
    transient_supply_response_bp,
)
from treasury_leverage.impact.registry import MODELS, compare, compare_frame, get_model

__all__ = [
    "MATURITIES_YEARS",
    "MODELS",
    "ACParams",
    "AhmedRebucci2022",
    "AlmgrenChriss",
    "Beltran2013",
    "DurationSupply",
    "ExecutionPlan",
    "FlowPlusStock",
    "HabitatParams",
    "ImpactModel",
    "ImpactResult",
    "KCFed2025",
    "PreferredHabitat",
    "SalesPath",
    "Warnock2009",
    "calibrate_habitat",
    "compare",
    "compare_frame",
    "dump_schedule",
    "efficient_frontier",
    "even_schedule",
    "execution_comparison",
    "get_model",
    "maturity_mapping",
    "one_factor_closed_form",
    "optimal_schedule",
    "par_durations",
    "par_yields_on",
    "parse_maturity",
    "solve_habitat",
    "supply_response_bp",
    "ten_year_equivalents_usd_bn",
    "transient_supply_response_bp",
    "treasury_execution_params",
]
