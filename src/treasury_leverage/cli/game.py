"""``tlev game``: is a holder's threat to sell its Treasuries credible, and does it deter a tariff?

A thin face over :func:`treasury_leverage.assessment.game_part` (the game of the standard
question, as the brief and the dashboard ask it) and, with ``--with``,
:func:`treasury_leverage.game.coalition_game`; the engine, numpy and pandas are imported inside
the command so that ``tlev --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from treasury_leverage.cli._output import FORMAT_OPTION, WIDE_OPTION, TabularFormat

__all__ = ["game"]

_RESPONSE_HELP = ("A holder response (repeatable): hold, 'pause 12m', 'runoff 24m', 'sell 300bn', "
                  "'sell 25%', 'sell 300bn 20d', 'repo 300bn', 'counter-tariff 10%'. Default: hold, "
                  "pause 12m, runoff 24m, sell 100bn, sell 300bn, sell 25%, counter-tariff 10%.")


def _overrides(items: list[str] | None) -> dict[str, float]:
    from treasury_leverage.errors import InputError
    from treasury_leverage.presets import get_preset

    out: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep:
            raise InputError(f"--set {item!r}: expected PRESET=VALUE, e.g. game_weight_us_mortgage=0")
        get_preset(name.strip())
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise InputError(f"--set {item!r}: expected a number after '=', got {value!r}") from None
    return out


def game(
    holder: Annotated[str, typer.Argument(help="A holder in the atlas: japan, china, 'united kingdom'...")],
    tariff: Annotated[
        list[float] | None,
        typer.Option("--tariff", "-t", help="U.S. tariff on the holder's exports, percent (repeatable).")
    ] = None,
    response: Annotated[list[str] | None, typer.Option("--response", "-r", help=_RESPONSE_HELP)] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="Another holder acting together with HOLDER (repeatable): the coalition "
                     "game, jointly and independently (default responses: hold, sell 300bn).")
    ] = None,
    draws: Annotated[
        int | None, typer.Option("--draws", help="Monte Carlo draws (0: one per impact model, central "
                                 "values; default: preset default_draws, 1000).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the draws.")] = 0,
    model: Annotated[
        list[str] | None, typer.Option("--model", help="Impact model (repeatable; default all).")
    ] = None,
    us_view: Annotated[
        str | None, typer.Option("--us-view", help="The U.S. cost the game uses: fiscal (default: interest "
                                 "net of tariff revenue), national, households or all.")
    ] = None,
    aims: Annotated[
        float | None,
        typer.Option("--aims", help="USD bn the U.S. attaches to the tariff's aims beyond money "
                     "(preset game_us_tariff_aims_usd_bn; default 0).")
    ] = None,
    horizon: Annotated[
        int | None, typer.Option("--horizon", help="Years the flows are summed over: 1, 5 or 10 (default 5).")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a preset, PRESET=VALUE (repeatable), e.g. "
                     "game_weight_us_mortgage=0.")
    ] = None,
    fmt: TabularFormat = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """The leverage game: the U.S. sets a tariff, HOLDER holds, pauses, runs off or sells.

    Solved by backward induction in every draw; for each threatened response: is it credible
    (does carrying it out leave the holder better off than holding?), the leverage ratio (U.S.
    cost per dollar of the holder's own), and the deterrence threshold (the probability of a
    resolute holder above which the implicit threat deters the tariff: "calculated inaction").
    """
    from treasury_leverage._defaults import TARIFF_PCT
    from treasury_leverage.assessment import game_part
    from treasury_leverage.cli._output import emit_frame, emit_machine
    from treasury_leverage.cli._progress import step
    from treasury_leverage.game import coalition_game

    overrides = _overrides(set_)
    if aims is not None:
        overrides["game_us_tariff_aims_usd_bn"] = aims
    if horizon is not None:
        overrides["game_horizon_years"] = float(horizon)
    if us_view is not None:
        from treasury_leverage.errors import UnknownNameError
        from treasury_leverage.game.payoffs import US_VIEWS

        codes = {v: k for k, v in US_VIEWS.items()}
        if us_view.strip().lower() not in codes:
            raise UnknownNameError("U.S. view", us_view, list(codes))
        overrides["game_us_view"] = float(codes[us_view.strip().lower()])
    if draws is None:  # one answer everywhere: the preset the brief uses too
        from treasury_leverage.presets import preset_value

        draws = int(preset_value("default_draws", overrides or None))
    if with_:
        with step("Solving the coalition game"):
            coalition = coalition_game(
                [holder, *with_], tariff_pct=tariff or [TARIFF_PCT],
                responses=response or ["hold", "sell 300bn"], draws=draws, seed=seed, models=model or None,
                overrides=overrides or None,
            )
        if emit_machine(coalition, fmt):
            return
        _print_verdicts(f"The leverage game: {' + '.join(coalition.game.members)}", coalition.verdicts())
        emit_frame(*_by_threat(coalition.summary_frame(), ("tariff", "threat"), wide), fmt,
                   meta=_meta(coalition.provenance, coalition.game.n_draws),
                   title="Joint threats: credibility with and without coordination, costs (p50), p*")
        return
    with step("Solving the leverage game"):
        # the standard question's game (default responses less a sale larger than the holdings)
        part = game_part(holder, tariff_pct=tariff or [TARIFF_PCT], responses=response or None, draws=draws,
                         seed=seed, models=model or None, overrides=overrides or None, coalition=False,
                         errors="raise")
    result = part.result
    if emit_machine(result, fmt):
        return
    _print_verdicts(f"The leverage game: {result.holder}", result.verdicts())
    emit_frame(*_by_threat(result.summary_frame(), ("tariff", "response"), wide), fmt,
               meta=_meta(result.provenance, result.game.n_draws),
               title=f"Threats after {_tariff_words(result.summary_frame())}: credibility, costs (p50), "
               "leverage, deterrence (p*)")


def _print_verdicts(title: str, lines: list[str]) -> None:
    from treasury_leverage._format import house_style
    from treasury_leverage.cli._output import stdout_console

    console = stdout_console()
    console.print(f"[bold]{title}[/bold]")
    for line in lines:
        text = house_style(line)
        console.print(f"- {text[:1].upper()}{text[1:]}", markup=False)


def _meta(provenance: dict[str, object], n_draws: int) -> dict[str, object]:
    models = provenance.get("models")
    return {"start": provenance.get("start"), "draws": n_draws, "seed": provenance.get("seed"),
            "models": ", ".join(str(m) for m in models) if isinstance(models, list) else None}


def _tariff_words(frame: Any) -> str:
    from treasury_leverage._format import move_label

    tariffs = list(dict.fromkeys(frame["tariff"]))
    return move_label(str(tariffs[0])) if len(tariffs) == 1 else "the tariff"


#: Short row labels of the turned table (the JSON keys stay as they are).
_METRICS = {
    "credible_share": "credible (share of draws)",
    "credible_share_joint": "credible jointly (share)",
    "credible_share_alone": "credible alone (share)",
    "holder_cost_usd_bn": "holder's cost $bn",
    "holder_cost_pct_gdp": "holder's cost % GDP",
    "us_cost_usd_bn": "U.S. cost $bn",
    "us_cost_pct_gdp": "U.S. cost % GDP",
    "leverage_ratio": "leverage (U.S. $ per own $)",
    "resolve_needed_usd_bn": "resolve needed $bn",
    "threshold_prob": "deterrence threshold p*",
    "deterred_at_half": "deterred at p = 0.5",
}


def _by_threat(frame: Any, keys: tuple[str, str], wide: bool = False) -> tuple[Any]:
    """Metrics as rows, one column per (tariff, threat): a wide table reads better turned.

    The compact view names a threat by its move alone when there is one tariff ("sell 300bn"),
    and labels the metrics in words; ``wide`` keeps the JSON names.
    """
    one_tariff = frame[keys[0]].nunique() == 1
    labels = frame[keys[1]] if (one_tariff and not wide) else frame[keys[0]] + " / " + frame[keys[1]]
    out = frame.set_index([labels]).drop(columns=list(keys)).T
    out.index.name = "metric"
    out.columns.name = None
    out = out.astype(float)
    if not wide:
        out.index = [_METRICS.get(str(k), str(k)) for k in out.index]
        out.index.name = "metric"
    return (out,)
