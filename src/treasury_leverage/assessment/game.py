"""The leverage game of the standard question: the holder's standard responses to the default tariff.

:func:`game_part` is what ``assess()``, the brief and ``tlev game`` (its default question) call:
the responses are the game's :data:`~treasury_leverage.game.payoffs.DEFAULT_RESPONSES` less any
sale larger than the holdings, the tariff preset ``default_tariff_pct``, the verdicts and words
the game's own (:mod:`treasury_leverage.game.words`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage._defaults import BRIEF_DRAWS, TARIFF_PCT
from treasury_leverage.assessment._common import FRAME, NOT_AVAILABLE, Part, finite, money, resolve_holder
from treasury_leverage.errors import TLError

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.game.words import ThreatRow

__all__ = ["GAME_RESPONSES", "GAME_TARIFF_PCT", "GamePart", "game_part", "standard_responses"]

#: Tariff the U.S. weighs in the standard question (percent on the holder's exports).
GAME_TARIFF_PCT: Final = TARIFF_PCT


def _default_responses() -> tuple[str, ...]:
    from treasury_leverage.game.payoffs import DEFAULT_RESPONSES

    return tuple(DEFAULT_RESPONSES)


#: The holder's responses in the standard question: the game's own default list.
GAME_RESPONSES: Final = _default_responses()


def standard_responses(holdings_usd_bn: float,
                       responses: Sequence[str] = GAME_RESPONSES) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(kept, left_out)``: the responses, less any sale in USD bn larger than the holdings."""
    from treasury_leverage.game.payoffs import parse_response
    from treasury_leverage.scenario.cases import sale_exceeds_holdings

    def too_big(text: str) -> bool:
        r = parse_response(text)
        amount = r.action.get("amount_usd_bn") if r.kind == "sell" else None
        return amount is not None and sale_exceeds_holdings(float(amount), holdings_usd_bn)

    kept = tuple(r for r in responses if not too_big(r))
    return kept, tuple(r for r in responses if r not in kept)


@dataclass(frozen=True)
class GamePart(Part):
    """The leverage game's verdict in plain words, with the numbers behind it.

    ``rows`` are :class:`~treasury_leverage.game.words.ThreatRow` (one per threatened response);
    ``headline`` and ``statements`` are the game's own words
    (:meth:`~treasury_leverage.game.result.GameResult.headline`, ``.verdicts()``), ``text`` its
    paragraph (:func:`~treasury_leverage.game.words.game_paragraph`) and ``summary_line`` the
    one-page summary's two sentences. ``result`` is the full
    :class:`~treasury_leverage.game.result.GameResult` (not in the JSON).
    """

    holder: str
    available: bool
    tariff: str = ""
    horizon_years: float | None = None
    draws: int = 0
    seed: int | None = None
    us_tariff_share_of_draws: float | None = None
    rows: tuple[ThreatRow, ...] = ()
    responses_left_out: tuple[str, ...] = ()
    headline: str = ""
    statements: tuple[str, ...] = ()
    presets: tuple[str, ...] = ()
    coalition: dict[str, Any] = field(default_factory=dict)
    coalition_statements: tuple[str, ...] = ()
    text: str = ""
    note: str = ""
    coalition_note: str = ""
    summary_line: str = field(default="", metadata=FRAME)
    result: Any = field(default=None, repr=False, compare=False, metadata=FRAME)

    label = "Is the threat credible? The leverage game"

    def to_frame(self) -> pd.DataFrame:
        """One row per threatened response: verdict, credibility, both sides' costs, deterrence."""
        import dataclasses

        import pandas as pd

        return pd.DataFrame([dataclasses.asdict(r) for r in self.rows])


def _coalition(
    name: str, *, tariff_pct: float, draws: int, seed: int, holdings_usd_bn: float = math.inf,
    start: str | None = None,
) -> tuple[dict[str, Any], tuple[str, ...], str]:
    """The joint sale with :func:`~treasury_leverage.scenario.cases.coalition_partner`: numbers,
    the game's verdicts, a note."""
    from treasury_leverage.scenario.cases import coalition_partner, coalition_sale

    partner = coalition_partner(name)
    coalition_game = _entry("coalition_game")
    if partner is None or coalition_game is None:
        why = "the holder is an aggregate" if partner is None else f"it is {NOT_AVAILABLE}"
        return {}, (), f"No coalition game: {why}."
    try:
        _, words, response = coalition_sale(holdings_usd_bn)
        result = coalition_game([name, partner], tariff_pct=tariff_pct, responses=("hold", response),
                                draws=draws, seed=seed, start=start)
    except TLError as exc:
        return {}, (), f"No coalition game with {partner}: {exc}"
    row = result.summary_frame().iloc[0]

    def key(member: str) -> str:
        return "".join(ch if ch.isalnum() else "_" for ch in member.lower()).strip("_").replace("__", "_")

    numbers: dict[str, Any] = {
        "partner": partner,
        "threat": str(row["threat"]),
        "sale_each": words,
        "credible_joint_share_of_draws": float(row["credible_joint_share"]),
        "credible_independent_share_of_draws": float(row["credible_independent_share"]),
        "coalition_cost_usd_bn": float(row["coalition_cost_usd_bn"]),
        "us_cost_usd_bn": float(row["us_cost_usd_bn"]),
        "leverage_ratio": finite(row["leverage_ratio"]),
        "holder_cost_share_pct": 100.0 * float(row[f"cost_share_{key(name)}"]),
        "threshold_together_prob": finite(row["threshold_prob_joint"]),
        "threshold_alone_prob": finite(row[f"threshold_prob_{key(name)}_alone"]),
    }
    share, joint = float(numbers["holder_cost_share_pct"]), float(numbers["credible_joint_share_of_draws"])
    alone = float(numbers["credible_independent_share_of_draws"])
    note = (f"Together with {partner} (each selling {words}): the coalition bears "
            f"{money(numbers['coalition_cost_usd_bn'])} ({share:.0f}% of it {name}'s) and the U.S. "
            f"{money(numbers['us_cost_usd_bn'])}; credible with coordination in {100 * joint:.0f}% of draws, "
            f"without in {100 * alone:.0f}% (medians).")
    return numbers, tuple(result.verdicts()), note


def _entry(name: str = "leverage_game") -> Any | None:
    """An entry point of :mod:`treasury_leverage.game.leverage` (``leverage_game``, ``coalition_game``)."""
    import importlib

    try:
        module = importlib.import_module("treasury_leverage.game.leverage")
    except Exception:  # absent or half-installed: "not available"
        return None
    return getattr(module, name, None)


def game_part(
    holder: str,
    *,
    draws: int = BRIEF_DRAWS,
    seed: int = 0,
    tariff_pct: float | Sequence[float] = GAME_TARIFF_PCT,
    responses: Sequence[str] | None = None,
    start: str | None = None,
    models: Sequence[str] | None = None,
    overrides: Mapping[str, float] | None = None,
    coalition: bool = True,
    errors: Literal["note", "raise"] = "note",
) -> GamePart:
    """The game's verdict for ``holder`` against a ``tariff_pct`` tariff: credibility, leverage, deterrence.

    Parameters
    ----------
    holder
        A holder name.
    draws, seed
        Monte Carlo draws of the game and their seed.
    tariff_pct
        The U.S. tariff (percent; preset ``default_tariff_pct``), or several levels.
    responses
        The holder's responses. Default :data:`GAME_RESPONSES`, less any sale larger than the
        holdings (listed in ``responses_left_out``); responses given are played as given.
    start, models, overrides
        As in :func:`treasury_leverage.game.leverage_game`.
    coalition
        Also play the coalition game with the standard partner.
    errors
        ``"note"``: a game that cannot be played gives an unavailable part whose note says why
        (the brief); ``"raise"``: the error is raised (a command asked this one question).

    Returns
    -------
    GamePart
        Unavailable (with a note, no numbers) for an aggregate holder, without the game module or
        when the engine cannot price this holder.

    Raises
    ------
    UnknownNameError
        Unknown holder.
    InputError
        With ``errors="raise"``: an aggregate holder, a bad tariff, response, draws or override.
    """
    from treasury_leverage.holdings.atlas import AGGREGATE_ROWS
    from treasury_leverage.scenario.cases import latest_holdings_usd_bn

    name = resolve_holder(holder)
    leverage_game = _entry()
    if name in AGGREGATE_ROWS or name == "All Other":
        why = ("The leverage game is played between the U.S. and one country (a tariff on its exports); "
               f"{name} is an aggregate of holders, so it does not apply.")
        if errors == "raise":
            from treasury_leverage.errors import InputError

            raise InputError(f"holder {holder!r}: {why}")
        return GamePart(holder=name, available=False, note=why)
    if leverage_game is None:
        return GamePart(
            holder=name, available=False,
            note="The leverage game (which threats are credible, the deterrence threshold) is "
            f"{NOT_AVAILABLE}: it needs the scenario engine's payoffs. No verdict is given rather than an "
            "invented one.",
        )
    from treasury_leverage.scenario.shared import sharing

    held = latest_holdings_usd_bn(name)
    kept, left_out = standard_responses(held) if responses is None else (tuple(responses), ())
    # the leverage game's and the coalition game's engine cells share the holder, draws and seed:
    # one memo of their model draws and trade-channel kernels (the same numbers as apart)
    with sharing():
        return _played(name, leverage_game, kept, left_out, held, draws=draws, seed=seed,
                       tariff_pct=tariff_pct, start=start, models=models, overrides=overrides,
                       coalition=coalition, errors=errors)


def _played(name: str, leverage_game: Any, kept: tuple[str, ...], left_out: tuple[str, ...], held: float, *,
            draws: int, seed: int, tariff_pct: float | Sequence[float], start: str | None,
            models: Sequence[str] | None, overrides: Mapping[str, float] | None, coalition: bool,
            errors: Literal["note", "raise"]) -> GamePart:
    """:func:`game_part` once the holder can play: the leverage game, then the coalition game."""
    from treasury_leverage.game.words import game_paragraph, game_summary, threat_rows

    try:
        result = leverage_game(name, tariff_pct=tariff_pct, responses=list(kept), draws=draws, seed=seed,
                               start=start, models=list(models) if models else None, overrides=overrides)
    except TLError as exc:
        if errors == "raise":
            raise
        return GamePart(holder=name, available=False,
                        note=f"The leverage game cannot be played for {name}: {exc}")
    rows = threat_rows(result)
    first = float(tariff_pct if isinstance(tariff_pct, int | float) else next(iter(tariff_pct)))
    tariff = result.game.us_actions[1] if len(result.game.us_actions) > 1 else f"tariff {first:g}%"
    us_share = float(result.equilibrium.us_choice_share().get(tariff, float("nan")))
    horizon = result.weights.horizon_years if result.weights is not None else None
    text = game_paragraph(name, f"{first:g}% tariff", rows, us_share, horizon)
    if left_out:
        text += (f" Left out: {', '.join(repr(r) for r in left_out)}, more than {name}'s holdings "
                 f"({money(held)}).")
    numbers: dict[str, Any] = {}
    words: tuple[str, ...] = ()
    note = ""
    if coalition:
        numbers, words, note = _coalition(name, tariff_pct=first, draws=draws, seed=seed,
                                          holdings_usd_bn=held, start=start)
        if numbers:
            text += " " + note
    return GamePart(
        holder=name, available=True, tariff=tariff, horizon_years=horizon, draws=draws, seed=seed,
        us_tariff_share_of_draws=us_share, rows=rows, responses_left_out=left_out,
        headline=str(result.headline()), statements=tuple(result.verdicts()),
        presets=tuple(result.provenance.get("presets", ())), text=text,
        coalition=numbers, coalition_statements=words, coalition_note=note,
        summary_line=game_summary(name, tariff, rows), result=result,
    )
