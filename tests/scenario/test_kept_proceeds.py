"""Kept dollar proceeds leave the Treasury market: they earn the baseline curve by default.

A run-off (or a sale that keeps its dollars) must not credit the holder with the very yield rise
its own action caused; ``kept_proceeds_yield_shift_share`` = 1 is the upper bound in which the
proceeds go back into Treasuries at the raised yields.
"""

from __future__ import annotations

import pytest

from treasury_leverage.errors import ScenarioError
from treasury_leverage.scenario.engine import run


def _runoff(share: float | None) -> object:
    spec: dict[str, object] = {"actors": [{"holder": "japan", "runoff": {"months": 24}}],
                               "models": ["pooled"]}
    if share is not None:
        spec["overrides"] = {"kept_proceeds_yield_shift_share": share}
    return run(spec)


@pytest.fixture(scope="module")
def runs() -> dict[float, object]:
    return {s: _runoff(s) for s in (0.0, 0.5, 1.0)}


def test_default_earns_the_baseline_curve(runs: dict[float, object]) -> None:
    default = _runoff(None)
    assert default.holders[0]["converted_usd_bn"] == 0.0  # an official run-off keeps its dollars
    carry = default.cost("pooled", "Japan", "carry_usd_bn")
    assert carry == runs[0.0].cost("pooled", "Japan", "carry_usd_bn")


def test_the_kept_proceeds_carry_is_linear_in_the_share(runs: dict[float, object]) -> None:
    carry = {s: r.cost("pooled", "Japan", "carry_usd_bn") for s, r in runs.items()}
    # Yields rise, so proceeds reinvested at the shifted yields are a gain (a negative cost) ...
    assert carry[1.0] < carry[0.0]
    # ... and the item is the share times the full shift's carry on the proceeds.
    assert carry[0.5] - carry[0.0] == pytest.approx(0.5 * (carry[1.0] - carry[0.0]), rel=1e-9)
    # Nothing else moves: the U.S. bill does not depend on where the holder's dollars go.
    us = {s: r.us_bill["pooled"]["pv_extra_interest_usd_bn"] for s, r in runs.items()}
    assert us[0.0] == us[1.0]


def test_a_share_outside_zero_one_is_refused() -> None:
    with pytest.raises(ScenarioError, match="kept_proceeds_yield_shift_share"):
        _runoff(1.5)
