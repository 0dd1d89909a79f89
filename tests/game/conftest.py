"""Fixtures shared by the game tests."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module")
def cash_basis() -> Iterator[None]:
    """Recount the game from the engine's cash arrays (game_cost_basis_pv = 0, still selectable)
    with every U.S. flow counted (game_us_view = 3, "all"); the present-value basis is recounted
    in test_game_pv_basis.py."""
    from treasury_leverage.presets import PRESETS

    with pytest.MonkeyPatch.context() as mp:
        for name, value in (("game_cost_basis_pv", 0.0), ("game_us_view", 3.0)):
            mp.setitem(PRESETS, name, dataclasses.replace(PRESETS[name], value=value))
        yield
