"""``assess(holder)``: the canonical answer for one holder, computed once, rendered by every face."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from treasury_leverage._defaults import BRIEF_DRAWS, FLOWS_WINDOW_MONTHS, SALE_DAYS, TARIFF_PCT
from treasury_leverage.assessment.backdrop import EPISODE_END, EPISODE_START, BackdropPart
from treasury_leverage.assessment.flows import FlowsPart
from treasury_leverage.assessment.game import GamePart
from treasury_leverage.assessment.holdings import HoldingsPart
from treasury_leverage.assessment.provenance import Provenance
from treasury_leverage.assessment.scenarios import ScenarioTable

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future

    import pandas as pd

__all__ = ["PARTS", "Assessment", "assess"]

#: The parts of an assessment, in reading order; also the keys of :meth:`Assessment.to_dict`
#: (the brief's released JSON keys).
PARTS: tuple[str, ...] = ("holdings", "flows", "backdrop", "scenario", "game", "provenance")


@dataclass(frozen=True)
class Assessment:
    """One holder's Treasury leverage: holdings, flows, yield backdrop, scenarios, game, provenance.

    Every number the brief, the dashboard, ``tlev game`` and ``tlev scenario`` show for the
    standard question comes from here. Frozen: to ask another question, call :func:`assess` again.

    Attributes
    ----------
    holder
        The holder's atlas name.
    holdings, flows, backdrop, scenario, game, provenance
        The parts (each with ``to_dict()``, ``summary()`` and a notebook view).
    options
        The options the assessment was computed with (draws, seed, tariff, window, sale days,
        start, episode).
    """

    holder: str
    holdings: HoldingsPart
    flows: FlowsPart
    backdrop: BackdropPart
    scenario: ScenarioTable
    game: GamePart
    provenance: Provenance
    options: dict[str, Any]

    @property
    def scenarios(self) -> ScenarioTable:
        """The scenario table (alias of ``scenario``, the JSON key)."""
        return self.scenario

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: unit-carrying keys (those of ``brief.json``), NaN as null, frames left out."""
        from treasury_leverage._json import to_jsonable

        out: dict[str, Any] = {"holder": self.holder}
        for name in PARTS:
            out[name] = getattr(self, name).to_dict()
        out["options"] = to_jsonable(self.options)
        return out

    def to_frame(self) -> pd.DataFrame:
        """The scenario table (one row per standard case)."""
        return self.scenario.to_frame()

    def summary(self) -> str:
        """A few plain lines: holdings, quiet selling, yields, the big sale, the game."""
        from treasury_leverage._format import money_bn

        h, fl, bd, sc, gm = self.holdings, self.flows, self.backdrop, self.scenario, self.game
        lines = [f"{self.holder}: could its Treasuries be leverage?",
                 f"Holdings: {money_bn(h.holdings_usd_bn)} at {h.date}"
                 + (f" (rank {h.rank} of {h.n_ranked})" if h.rank else "") + "."]
        lines.append("Quiet selling? " + (fl.text.split(". Holdings changed")[0] + "." if fl.available
                                          else fl.note))
        if bd.available:
            lines.append(f"Yields: 10-year {bd.yield_10y_pct:.2f}% on {bd.yields_date}; 10-year term premium "
                         f"{100 * (bd.term_premium_10y_pct or 0.0):.0f} bp.")
        if sc.available:
            for r in sc.rows:
                if r.available and r.case in ("pause_12m", "sell_300bn_60d"):
                    lines.append(f"{r.description}: 10-year {r.impact_10y_bp:+.0f} bp; costs {self.holder} "
                                 f"{money_bn(r.holder_cost_usd_bn)}, the U.S. {money_bn(r.us_cost_usd_bn)} "
                                 f"(PV over {r.us_cost_horizon_years} years).")
        else:
            lines.append(sc.note)
        lines.append("The game: " + (gm.summary_line if gm.available else gm.note))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        """Notebook view: the summary, the scenario table and the game's threats."""
        from treasury_leverage._format import html_card

        out = html_card(f"Assessment: {self.holder}", self.summary(), self.scenario.to_frame())
        if self.game.available:
            out += html_card("The leverage game", self.game.text, self.game.to_frame())
        return out


def assess(
    holder: str,
    *,
    draws: int = BRIEF_DRAWS,
    seed: int = 0,
    tariff_pct: float = TARIFF_PCT,
    flows_months: int = FLOWS_WINDOW_MONTHS,
    sale_days: int = SALE_DAYS,
    start: str | None = None,
    episode: tuple[str, str] = (EPISODE_START, EPISODE_END),
    coalition: bool = True,
    executor: Executor | None = None,
) -> Assessment:
    """Could ``holder`` use its Treasuries as leverage? The canonical answer, computed once.

    Parameters
    ----------
    holder
        Any holder of the atlas (``"japan"``, ``"china"``, ``"united kingdom"``, ``"official"``...).
    draws, seed
        Monte Carlo draws of the scenarios and the game (preset ``default_draws``) and
        their seed.
    tariff_pct
        The U.S. tariff of the game (preset ``default_tariff_pct``).
    flows_months
        The flow detective's window, ending at the holder's latest month (preset
        ``default_flows_window_months``).
    sale_days
        Business days of the standard sales (preset ``default_sale_business_days``).
    start
        Scenario start (default: the last day with both holdings and a curve).
    episode
        The yield episode decomposed in the backdrop (default April 2025).
    coalition
        Also play the coalition game with the standard partner.
    executor
        Where the game part is computed, while this process computes the other parts: an
        executor of worker processes, such as :func:`treasury_leverage._workers.process_pool`'s
        (``tlev brief`` passes one, so the game's engine runs use the second core). The numbers
        are the same: the same function runs there, on the same data, with one BLAS thread. A
        pool that breaks (its process killed) costs only time: the part is then computed here.
        Default: here, after the scenarios.

    Returns
    -------
    Assessment

    Raises
    ------
    UnknownNameError
        Unknown holder (close matches in the message).

    Examples
    --------
    >>> import treasury_leverage as tl
    >>> a = tl.assess("japan", draws=200, seed=7)          # doctest: +SKIP
    >>> print(a.summary())                                  # doctest: +SKIP
    """
    from treasury_leverage._stages import stage
    from treasury_leverage.assessment._common import resolve_holder
    from treasury_leverage.assessment.backdrop import backdrop_part
    from treasury_leverage.assessment.flows import flows_part
    from treasury_leverage.assessment.holdings import holdings_part
    from treasury_leverage.assessment.provenance import provenance_part
    from treasury_leverage.assessment.scenarios import scenario_part

    with stage("resolve holder"):
        name = resolve_holder(holder)
    game_args: dict[str, Any] = {"draws": draws, "seed": seed, "tariff_pct": tariff_pct, "start": start,
                                 "coalition": coalition}
    # submitted first: the game is the longest part, and shares nothing with the others
    game_future = None if executor is None else _submitted(executor, name, game_args)
    with stage("holdings section"):
        holdings = holdings_part(name)
    with stage("flows section"):
        flows = flows_part(name, months=flows_months)
    with stage("scenario section"):
        scenario = scenario_part(name, draws=draws, seed=seed, days=sale_days, start=start)
    with stage("game section" if game_future is None else "game section (waiting for its process)"):
        game = _collected(game_future, name, game_args)
    # The backdrop shares nothing with the scenarios and the game, and comes last: on a fresh
    # install `tlev brief` derives its curve fits in a helper process meanwhile
    # (backdrop.prepare_backdrop), which then has the engine runs' time to finish.
    with stage("backdrop section"):
        backdrop = backdrop_part(episode=episode)
    with stage("provenance section"):
        provenance = provenance_part(backdrop=backdrop, flows=flows, scenario=scenario, holdings=holdings,
                                     game=game)
    options = {"draws": draws, "seed": seed, "tariff_pct": tariff_pct, "flows_window_months": flows_months,
               "sale_business_days": sale_days, "start": start, "episode": list(episode)}
    return Assessment(holder=name, holdings=holdings, flows=flows, backdrop=backdrop, scenario=scenario,
                      game=game, provenance=provenance, options=options)


# The label of the game's stages when it runs in its own process: they overlap this process's.
GAME_PROCESS_STAGE = "game section (its own process, in parallel)"


def _submitted(executor: Executor, name: str, args: dict[str, Any]) -> Future[Any]:
    """The game part submitted to ``executor``; recording its stages if this process records them."""
    from treasury_leverage._stages import active_recorder, call_recorded
    from treasury_leverage.assessment.game import game_part

    if active_recorder() is not None:  # `tlev brief --profile`: the worker's stages come back with its result
        return executor.submit(call_recorded, GAME_PROCESS_STAGE, game_part, name, **args)
    return executor.submit(game_part, name, **args)


def _collected(future: Future[Any] | None, name: str, args: dict[str, Any]) -> GamePart:
    """The game part from its worker process, or computed here (no executor, or a broken one)."""
    from concurrent.futures import BrokenExecutor

    from treasury_leverage._stages import active_recorder
    from treasury_leverage.assessment.game import game_part

    if future is not None:
        try:
            result = future.result()
        except BrokenExecutor:  # the worker died (killed, out of memory): compute it here
            pass
        else:
            if isinstance(result, tuple):  # (part, its stages), from call_recorded
                result, records = result
                recorder = active_recorder()
                if recorder is not None:
                    recorder.merge(records)
            return cast(GamePart, result)
    return game_part(name, **args)
