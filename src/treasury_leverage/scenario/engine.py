"""The scenario engine: actions -> sales paths -> yield-curve paths -> both sides' bills.

``run(spec)`` follows one road (docs/DESIGN.md), in two steps: **gather** the inputs (the spec
checked against the data and everything read from the data layer, once:
:func:`~treasury_leverage.scenario.inputs.gather_inputs`), then **simulate** (pure numerics that
touch no data store, deterministic given the seed:
:func:`~treasury_leverage.scenario.simulate.simulate`):

1. the spec is checked against the data (:func:`~treasury_leverage.scenario.spec.check_spec`);
2. each holder's holdings become a ladder (:mod:`.seller`) and its action a flow of net sales
   by maturity bucket (:mod:`.plans`): a **sale** on a daily schedule (even, front-loaded or
   Almgren-Chriss optimal), a **pause** as the forgone baseline purchases each month
   (sales-equivalent: the market must absorb what the holder no longer takes), a **run-off** as
   the maturing amounts of its run-off schedule it does not reinvest, the **trade channel** as
   the purchase shortfall of :func:`treasury_leverage.scenario.trade.trade_shortfall` (where that
   module exists; its own parameter draws enter each draw's path through unit paths, the models
   being linear in the sales path); forgone purchases are spread pro-rata to the holder's profile;
3. the flows of all holders are summed into two sales paths, daily over the sale horizon and
   monthly over 121 months (months 0..120), and every impact model turns both into yield shifts
   at :data:`~treasury_leverage.scenario.spec.MATURITIES_YEARS` for the central parameters and,
   with ``draws``, for parameter draws (:mod:`.kernels`: the models' vectorised kernels, no loop
   over draws; each model's draws from its own named stream, :mod:`.streams`);
4. each holder's bill is priced on the combined shift of the same draw (:mod:`.bills`,
   :mod:`.seller`), and the United States' bill on the monthly path
   (:func:`treasury_leverage.scenario.us_bill.us_interest_bill`);
5. bands are p5/p50/p95 over the draws; everything comes back as one
   :class:`~treasury_leverage.scenario.result.ScenarioResult`, which also keeps the draws behind
   the bills' bands, aligned draw by draw (:meth:`~.result.ScenarioResult.bill_draws`): the
   holders' bill items over all draws and the United States' bill over the first
   ``bills._US_DRAWS`` (no yield paths per draw are kept).

The impact models are linear in the sales path, so actions add up; the path of one holder's
sales does not depend on the others'.

:func:`run_many` runs a batch (the brief's scenario table, the game's cells, a sweep worker's
cells) with the numbers of one :func:`run` per spec, gathering inputs once per distinct holder,
start and vintage and sharing the parameter draws and the trade channel's unit kernels
(:class:`~treasury_leverage.scenario.shared.SharedWork`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

# private names kept importable from here (the game and tests used them before the split)
from treasury_leverage.scenario.bills import _cohort_weights as _cohort_weights
from treasury_leverage.scenario.inputs import (
    OFFICIAL_SHARE_PRESETS,
    RESERVE_SERIES,
    Basis,
    EngineInputs,
    clear_caches,
    gather_inputs,
    official_share,
)
from treasury_leverage.scenario.inputs import _basis as _basis
from treasury_leverage.scenario.inputs import _ladder as _ladder
from treasury_leverage.scenario.kernels import _kernel as _kernel
from treasury_leverage.scenario.kernels import _shifted_sum as _shifted_sum
from treasury_leverage.scenario.kernels import quantiles
from treasury_leverage.scenario.plans import DAYS_PER_MONTH, HolderPlan, build_plans
from treasury_leverage.scenario.shared import SharedWork
from treasury_leverage.scenario.shared import active as active_shared
from treasury_leverage.scenario.simulate import simulate
from treasury_leverage.scenario.spec import ResolvedSpec, ScenarioSpec, parse_spec

if TYPE_CHECKING:
    from treasury_leverage.scenario.result import ScenarioResult

__all__ = [
    "DAYS_PER_MONTH",
    "OFFICIAL_SHARE_PRESETS",
    "RESERVE_SERIES",
    "Basis",
    "EngineInputs",
    "HolderPlan",
    "SharedWork",
    "clear_caches",
    "gather_inputs",
    "official_share",
    "quantiles",
    "run",
    "run_many",
    "simulate",
]

def run(spec: ScenarioSpec | Mapping[str, Any]) -> ScenarioResult:
    """Run a scenario: yield-curve paths with bands and both sides' bills, per impact model.

    Parameters
    ----------
    spec
        A :class:`~treasury_leverage.scenario.spec.ScenarioSpec` or a mapping (as in a YAML file).

    Returns
    -------
    ScenarioResult

    Raises
    ------
    ScenarioError
        An invalid spec (the message names the field).
    """
    return simulate(gather_inputs(spec))


def run_many(specs: Sequence[ScenarioSpec | Mapping[str, Any]], *,
             shared: SharedWork | None = None, path_bands: bool = True) -> list[ScenarioResult]:
    """Run a batch of scenarios: the results of ``[run(s) for s in specs]``, with shared work.

    The inputs are gathered once per distinct holder, start and data vintage (the memoised
    readers of :mod:`.inputs`); scenarios with the same models, draws, seed and overrides share
    each model's parameter draws, the FX draws, the trade channel's draws and the kernels of its
    unit paths (all cells of a game with the same tariff); the U.S. bill's debt profile and kernels
    are set up once. Every shared piece is computed by the code of a lone run, so the numbers are
    those of :func:`run`, bit for bit.

    Parameters
    ----------
    specs
        Specs or mappings; duplicates are run once (the same result object is returned for each).
    shared
        Work to share with other batches (a sweep worker can keep one across its cells; bounded
        by :data:`~treasury_leverage.scenario.shared.DEFAULT_BUDGET_BYTES`). Default: the one of
        the enclosing :func:`~treasury_leverage.scenario.shared.sharing` block, else a fresh one.
    path_bands
        Whether to compute the yield paths' bands over the draws (``ModelPath.bands_day_bp`` and
        ``bands_month_bp``); ``False`` leaves them None for a caller that reads only the bills and
        the central paths (the game's cells). Every other number is the same.

    Returns
    -------
    list of ScenarioResult
        One per spec, in order.

    Raises
    ------
    ScenarioError
        The first invalid spec (the message names the field); nothing is returned then.
    """
    if shared is None:
        shared = active_shared() or SharedWork()
    parsed = [parse_spec(s) for s in specs]
    # gather every spec first: an invalid spec fails the batch before any simulation runs
    by_text: dict[str, EngineInputs] = {}
    order: list[str] = []
    for spec in parsed:
        text = spec.model_dump_json()
        if text not in by_text:
            by_text[text] = gather_inputs(spec)
        order.append(text)
    done = {text: simulate(inputs, shared, path_bands=path_bands) for text, inputs in by_text.items()}
    return [done[text] for text in order]


def _plans(resolved: ResolvedSpec) -> tuple[list[HolderPlan], int, list[str]]:
    """Every holder's plan of a resolved spec (gathers its inputs; kept for tests)."""
    return build_plans(gather_inputs(resolved.spec, resolved=resolved))
