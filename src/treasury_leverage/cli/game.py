"""``tlev game``: is a holder's threat to sell its Treasuries credible, and does it deter a tariff?

A thin face over :func:`treasury_leverage.game.leverage_game`; the engine, numpy and pandas are
imported inside the command so that ``tlev --help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from treasury_leverage.cli._output import OutputFormat

__all__ = ["game"]

_RESPONSE_HELP = ("A holder response (repeatable): hold, 'pause 12m', 'runoff 24m', 'sell 300bn', "
                  "'sell 25%', 'sell 300bn 20d'. Default: hold, pause 12m, runoff 24m, sell 100bn, "
                  "sell 300bn, sell 25%.")


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
        int, typer.Option("--draws", help="Monte Carlo draws (0: one per impact model, central values).")
    ] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the draws.")] = 0,
    model: Annotated[
        list[str] | None, typer.Option("--model", "-m", help="Impact model (repeatable; default all).")
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
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
) -> None:
    """The leverage game: the U.S. sets a tariff, HOLDER holds, pauses, runs off or sells.

    Solved by backward induction in every draw; for each threatened response: is it credible
    (does carrying it out leave the holder better off than holding?), the leverage ratio (U.S.
    cost per dollar of the holder's own), and the deterrence threshold (the probability of a
    resolute holder above which the implicit threat deters the tariff: "calculated inaction").
    """
    from treasury_leverage.cli._output import emit_frame, emit_json
    from treasury_leverage.game import DEFAULT_RESPONSES, coalition_game, leverage_game

    overrides = _overrides(set_)
    if aims is not None:
        overrides["game_us_tariff_aims_usd_bn"] = aims
    if horizon is not None:
        overrides["game_horizon_years"] = float(horizon)
    if with_:
        coalition = coalition_game(
            [holder, *with_], tariff_pct=tariff or [10.0], responses=response or ["hold", "sell 300bn"],
            draws=draws, seed=seed, models=model or None, overrides=overrides or None,
        )
        if fmt.value == "json":
            emit_json(coalition.to_dict())
            return
        _print_verdicts(f"The leverage game: {' + '.join(coalition.game.members)}", coalition.verdicts())
        emit_frame(_by_threat(coalition.summary_frame(), ("tariff", "threat")), fmt,
                   meta=_meta(coalition.provenance, coalition.game.n_draws),
                   title="Joint threats: credibility with and without coordination, costs (USD bn, p50), p*")
        return
    result = leverage_game(
        holder, tariff_pct=tariff or [10.0], responses=response or list(DEFAULT_RESPONSES), draws=draws,
        seed=seed, models=model or None, overrides=overrides or None,
    )
    if fmt.value == "json":
        emit_json(result.to_dict())
        return
    _print_verdicts(f"The leverage game: {result.holder}", result.verdicts())
    emit_frame(_by_threat(result.summary_frame(), ("tariff", "response")), fmt,
               meta=_meta(result.provenance, result.game.n_draws),
               title="Threats after the tariff: credibility, costs (USD bn, p50), leverage, deterrence (p*)")


def _print_verdicts(title: str, lines: list[str]) -> None:
    from rich.console import Console

    console = Console(width=None if typer.get_text_stream("stdout").isatty() else 160)
    console.print(f"[bold]{title}[/bold]")
    for line in lines:
        console.print(f"- {line}", markup=False)


def _meta(provenance: dict[str, object], n_draws: int) -> dict[str, object]:
    models = provenance.get("models")
    return {"start": provenance.get("start"), "draws": n_draws, "seed": provenance.get("seed"),
            "models": ", ".join(str(m) for m in models) if isinstance(models, list) else None}


def _by_threat(frame: Any, keys: tuple[str, str]) -> Any:
    """Metrics as rows, one column per (tariff, threat): a wide table reads better turned."""
    out = frame.set_index([frame[keys[0]] + " / " + frame[keys[1]]]).drop(columns=list(keys)).T
    out.index.name = "metric"
    out.columns.name = None
    return out.astype(float)
