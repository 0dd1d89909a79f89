"""``leverage_game``: the toolkit's main question for one holder, answered by the engine."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from treasury_leverage.errors import InputError
from treasury_leverage.game.payoffs import (
    DEFAULT_RESPONSES,
    PayoffWeights,
    Response,
    engine_components,
    parse_response,
)
from treasury_leverage.game.result import GameResult, analyse
from treasury_leverage.game.solve import TieBreak

__all__ = ["leverage_game", "tariff_label"]


def tariff_label(tariff_pct: float) -> str:
    """``"no tariff"`` for 0, else ``"tariff 10%"``."""
    return "no tariff" if tariff_pct == 0 else f"tariff {tariff_pct:g}%"


def leverage_game(
    holder: str,
    *,
    tariff_pct: float | Sequence[float] = 10.0,
    responses: Sequence[str] = DEFAULT_RESPONSES,
    draws: int = 0,
    seed: int = 0,
    models: Sequence[str] | None = None,
    overrides: Mapping[str, float] | None = None,
    start: str | None = None,
    tie_break: TieBreak = "first",
) -> GameResult:
    """Is a threat by ``holder`` to sell, pause or run off its Treasuries credible against a tariff?

    The U.S. chooses between no tariff and the tariff level(s) ``tariff_pct``; the holder answers
    with one of ``responses``. Every cell is priced by the scenario engine
    (:func:`treasury_leverage.game.payoffs.engine_components`), the game is solved by backward
    induction in every draw, and each threatened response is assessed: credibility, leverage
    ratio, deterrence threshold.

    Parameters
    ----------
    holder
        A holder in the atlas (``"japan"``, ``"china"``, ``"united kingdom"``...).
    tariff_pct
        Tariff rate(s) in percent on the holder's exports to the U.S. (> 0; "no tariff" is always
        the U.S.'s other option).
    responses
        The holder's options, e.g. ``("hold", "pause 12m", "sell 300bn")``; ``"hold"`` is added in
        front if missing.
    draws
        Monte Carlo draws (0: one draw per impact model at its central values).
    seed
        Seed of everything random.
    models
        Impact models (default all registered).
    overrides
        Preset name -> value, e.g. ``{"game_weight_us_mortgage": 0.0, "game_horizon_years": 10}``.
    start
        Scenario start date (default the latest curve in the data).
    tie_break
        Tie-break rule of the equilibrium.

    Returns
    -------
    GameResult

    Raises
    ------
    UnknownNameError
        For an unknown holder (the message lists close names).
    InputError
        For a bad tariff, response, draws or override.
    """
    from treasury_leverage.data import api
    from treasury_leverage.data.countries import resolve_country

    # resolved here so that an unknown holder is named as such, with close matches
    holder = resolve_country(holder, list(api.holdings().columns))
    levels = [tariff_pct] if isinstance(tariff_pct, int | float) else list(tariff_pct)
    clean: list[float] = []
    for t in levels:
        v = float(t)
        if not (math.isfinite(v) and 0 < v <= 200):
            raise InputError(f"tariff_pct: expected tariff rates above 0 and up to 200 percent, got {t!r}")
        if v not in clean:
            clean.append(v)
    parsed = [parse_response(r) for r in responses]
    if not parsed or parsed[0].kind != "hold":
        parsed = [Response("hold", "hold"), *[r for r in parsed if r.kind != "hold"]]
    labels = [r.label for r in parsed]
    if len(set(labels)) != len(labels):
        raise InputError(f"responses: each response once, got {', '.join(labels)}")
    weights = PayoffWeights.from_presets(overrides)
    tariffs = [0.0, *clean]
    comps, cells = engine_components(holder, tariffs_pct=tariffs, responses=parsed, draws=draws, seed=seed,
                                     models=models, weights=weights, overrides=overrides, start=start)
    us_actions = [tariff_label(t) for t in tariffs]
    game = comps.game(cells.holder, us_actions, labels, weights)
    provenance = {
        "start": cells.start, "holdings_date": cells.holdings_date, "holdings_usd_bn": cells.holdings_usd_bn,
        "models": list(cells.models), "draws": draws, "seed": seed, "vintages": cells.vintages,
        "presets": list(cells.presets_used), "engine_spec_hashes": cells.spec_hashes,
        "overrides": dict(overrides or {}),
    }
    return analyse(game, tie_break=tie_break, components=comps, weights=weights, gdp_usd_bn=cells.gdp_usd_bn,
                   provenance=provenance, notes=cells.notes)
