"""Scenarios: a holder sells, pauses, lets bonds run off, or faces tariffs; what it costs each side.

>>> from treasury_leverage.scenario import run, sell_spec
>>> result = run(sell_spec("japan", 300, days=60, draws=10_000, seed=1))   # doctest: +SKIP
>>> result.summary_frame()                                                  # doctest: +SKIP

Modules: :mod:`.spec` (the validated specification, YAML/JSON loading, CLI builders),
:mod:`.engine` (``run(spec) -> ScenarioResult``; ``run_many(specs)`` for a batch), in two steps:
:mod:`.inputs` (everything read from the data for a spec, once) and :mod:`.simulate` (the pure
simulation: :mod:`.plans` the holders' flows, :mod:`.kernels` the impact models' paths,
:mod:`.bills` both sides' bills; :mod:`.streams` names its random streams, :mod:`.shared` the work
a batch shares), :mod:`.seller` (the holder's bill), :mod:`.result` (the labelled result),
:mod:`.us_bill` (the United States' interest bill), :mod:`.trade` (the trade channel),
:mod:`.sweep` (grids of scenarios).
"""

from __future__ import annotations

from treasury_leverage.scenario.engine import run, run_many
from treasury_leverage.scenario.result import ModelPath, ScenarioResult
from treasury_leverage.scenario.spec import (
    MATURITIES_YEARS,
    MONTHS,
    Actor,
    HoldAction,
    PauseAction,
    RunoffAction,
    ScenarioSpec,
    SellAction,
    TradeBlock,
    check_spec,
    load_spec,
    parse_spec,
    pause_spec,
    runoff_spec,
    sell_spec,
    spec_hash,
)

__all__ = [
    "MATURITIES_YEARS",
    "MONTHS",
    "Actor",
    "HoldAction",
    "ModelPath",
    "PauseAction",
    "RunoffAction",
    "ScenarioResult",
    "ScenarioSpec",
    "SellAction",
    "TradeBlock",
    "check_spec",
    "load_spec",
    "parse_spec",
    "pause_spec",
    "run",
    "run_many",
    "runoff_spec",
    "sell_spec",
    "spec_hash",
]
