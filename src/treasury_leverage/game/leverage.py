"""``leverage_game``: the toolkit's main question for one holder, answered by the engine."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from treasury_leverage._defaults import TARIFF_PCT
from treasury_leverage.errors import InputError
from treasury_leverage.game.coalition import CoalitionGame
from treasury_leverage.game.payoffs import (
    DEFAULT_RESPONSES,
    PayoffWeights,
    Response,
    coalition_cells,
    engine_components,
    parse_response,
)
from treasury_leverage.game.result import CoalitionResult, GameResult, analyse, analyse_coalition
from treasury_leverage.game.solve import TieBreak

__all__ = ["coalition_game", "leverage_game", "tariff_label"]


def tariff_label(tariff_pct: float) -> str:
    """``"no tariff"`` for 0, else ``"tariff 10%"``."""
    return "no tariff" if tariff_pct == 0 else f"tariff {tariff_pct:g}%"


def _tariffs(tariff_pct: float | Sequence[float]) -> list[float]:
    levels = [tariff_pct] if isinstance(tariff_pct, int | float) else list(tariff_pct)
    clean: list[float] = []
    for t in levels:
        v = float(t)
        if not (math.isfinite(v) and 0 < v <= 200):
            raise InputError(f"tariff_pct: expected tariff rates above 0 and up to 200 percent, got {t!r}")
        if v not in clean:
            clean.append(v)
    if not clean:
        raise InputError("tariff_pct: expected at least one tariff rate")
    return clean


def _responses(responses: Sequence[str]) -> list[Response]:
    parsed = [parse_response(r) for r in responses]
    if not parsed or parsed[0].kind != "hold":
        parsed = [Response("hold", "hold"), *[r for r in parsed if r.kind != "hold"]]
    labels = [r.label for r in parsed]
    if len(set(labels)) != len(labels):
        raise InputError(f"responses: each response once, got {', '.join(labels)}")
    return parsed


def leverage_game(
    holder: str,
    *,
    tariff_pct: float | Sequence[float] = TARIFF_PCT,
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
        Impact models (default the pooled mixture, :data:`~treasury_leverage.game.payoffs.DEFAULT_MODELS`).
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
    clean = _tariffs(tariff_pct)
    parsed = _responses(responses)
    labels = [r.label for r in parsed]
    weights = PayoffWeights.from_presets(overrides)
    tariffs = [0.0, *clean]
    comps, cells = engine_components(holder, tariffs_pct=tariffs, responses=parsed, draws=draws, seed=seed,
                                     models=models, weights=weights, overrides=overrides, start=start)
    us_actions = [tariff_label(t) for t in tariffs]
    game = comps.game(cells.holder, us_actions, labels, weights)
    provenance = {
        "start": cells.start, "holdings_date": cells.holdings_date, "holdings_usd_bn": cells.holdings_usd_bn,
        "models": list(cells.models), "draws": draws, "seed": seed, "vintages": cells.vintages,
        "presets": [*cells.presets_used, "game_indifference_usd_bn"], "engine_spec_hashes": cells.spec_hashes,
        "overrides": dict(overrides or {}),
        # exact: game draw k reads engine draw k of every cell; quantile: the fallback (see notes)
        "draw_method": cells.draw_method, "engine_draws": cells.engine_draws,
    }
    from treasury_leverage.presets import preset_value

    return analyse(game, tie_break=tie_break, components=comps, weights=weights, gdp_usd_bn=cells.gdp_usd_bn,
                   provenance=provenance, notes=cells.notes,
                   us_gdp_usd_bn=preset_value("nominal_gdp_usd_bn", overrides),
                   tol_usd_bn=preset_value("game_indifference_usd_bn", overrides))


def coalition_game(
    holders: Sequence[str],
    *,
    tariff_pct: float | Sequence[float] = TARIFF_PCT,
    responses: Sequence[str] = ("hold", "sell 300bn"),
    draws: int = 0,
    seed: int = 0,
    models: Sequence[str] | None = None,
    overrides: Mapping[str, float] | None = None,
    start: str | None = None,
    tie_break: TieBreak = "first",
) -> CoalitionResult:
    """Several holders (e.g. Japan and China) facing the same tariff: does acting together help?

    Every profile of responses is one engine run (their sales add up in the yield path, so each
    member's mark-to-market depends on the others'), for no tariff and each tariff level: with
    ``R`` responses, ``k`` holders and ``T`` tariffs that is ``(T + 1) R^k`` runs, so keep the menu
    short. The game is then solved with and without coordination
    (:func:`treasury_leverage.game.coalition.solve_coalition`) and every symmetric joint threat
    assessed (:func:`treasury_leverage.game.result.analyse_coalition`).

    Parameters
    ----------
    holders
        Two or more holders in the atlas.
    tariff_pct, responses, draws, seed, models, overrides, start, tie_break
        As in :func:`leverage_game` (the same tariff applies to every member).

    Returns
    -------
    CoalitionResult
    """
    from treasury_leverage.data import api
    from treasury_leverage.data.countries import resolve_country

    pool = list(api.holdings().columns)
    names = [resolve_country(h, pool) for h in holders]
    if len(names) < 2:
        raise InputError(f"holders: a coalition needs at least two holders, got {list(holders)}")
    if len(set(names)) != len(names):
        raise InputError(f"holders: each holder once, got {', '.join(names)}")
    clean = _tariffs(tariff_pct)
    parsed = _responses(responses)
    if len(parsed) ** len(names) * (len(clean) + 1) > 200:
        raise InputError(f"coalition: {len(parsed)} responses for {len(names)} holders make "
                         f"{len(parsed) ** len(names) * (len(clean) + 1)} engine runs; expected at most 200 "
                         "(use fewer responses or tariffs)")
    weights = PayoffWeights.from_presets(overrides)
    tariffs = [0.0, *clean]
    cells = coalition_cells(names, tariffs_pct=tariffs, responses=parsed, draws=draws, seed=seed,
                            models=models, weights=weights, overrides=overrides, start=start)
    game = CoalitionGame(
        members=cells.members, us_actions=tuple(tariff_label(t) for t in tariffs),
        member_actions=(cells.responses,) * len(names), us_payoff_usd_bn=cells.us_payoff_usd_bn(weights),
        member_payoff_usd_bn=cells.member_payoffs_usd_bn(weights),
    )
    info = cells.info
    provenance = {
        "start": info.start, "holdings_date": info.holdings_date, "holdings_usd_bn": info.holdings_usd_bn,
        "models": list(info.models), "draws": draws, "seed": seed, "vintages": info.vintages,
        "presets": [*info.presets_used, "game_indifference_usd_bn"], "engine_spec_hashes": info.spec_hashes,
        "overrides": dict(overrides or {}),
        "draw_method": info.draw_method, "engine_draws": info.engine_draws,
    }
    from treasury_leverage.presets import preset_value

    return analyse_coalition(game, tie_break=tie_break, weights=weights, gdp_usd_bn=info.gdp_usd_bn,
                             provenance=provenance, notes=info.notes,
                             tol_usd_bn=preset_value("game_indifference_usd_bn", overrides))
