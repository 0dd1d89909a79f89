"""``tlev brief HOLDER``: the one-page answer, printed and written as a self-contained HTML brief.

A thin face over :func:`treasury_leverage.report.brief.build_brief` and
:func:`~treasury_leverage.report.brief.write_brief`; everything heavy is imported inside the
command.
"""

from __future__ import annotations

import contextlib
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from treasury_leverage._defaults import BRIEF_DRAWS

__all__ = ["BriefFormat", "brief"]


class BriefFormat(StrEnum):
    """What ``--format`` adds next to the HTML (always written)."""

    html = "html"
    md = "md"
    json = "json"


def brief(
    holder: Annotated[
        str, typer.Argument(help="A holder of the atlas: japan, china, 'united kingdom', canada...")
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder to write (default ./brief-<holder>/); replaced whole."),
    ] = None,
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", "-f", metavar="html|md|json",
                     help="Also write brief.md or brief.json (repeatable); the HTML is always written."),
    ] = None,
    draws: Annotated[
        int, typer.Option("--draws", help="Monte Carlo draws of the scenarios and the game.")
    ] = BRIEF_DRAWS,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the draws.")] = 0,
    profile: Annotated[
        bool, typer.Option("--profile", help="Print the slowest stages (wall and CPU) to stderr.")
    ] = False,
) -> None:
    """Could HOLDER use its Treasuries as leverage? Holdings, flows, yields, scenarios, the game.

    Prints a one-page summary and writes DIR/brief-<holder>.html (opens offline), charts/*.png
    and *.svg, and brief.md / brief.json with --format. --profile prints the slowest stages to
    stderr.
    """
    from rich.panel import Panel
    from rich.table import Table

    from treasury_leverage._format import house_style
    from treasury_leverage.cli._output import stdout_console
    from treasury_leverage.errors import InputError
    from treasury_leverage.report.brief import build_brief, check_brief_target, write_brief

    # Checked here (not by an Enum option) so that a typo is a one-line error, before any work.
    choices = [f.value for f in BriefFormat]
    formats = [f.strip().lower() for f in (fmt or ["html"])]
    unknown = [f for f in formats if f not in choices]
    if unknown:
        raise InputError(f"--format {unknown[0]!r}: expected one of {', '.join(choices)}")
    from treasury_leverage._stages import recording, stage
    from treasury_leverage._workers import process_pool
    from treasury_leverage.cli._paths import check_output_path
    from treasury_leverage.cli._progress import step
    from treasury_leverage.report.html import bundle_cached, prepare_bundle, start_chart_pool
    from treasury_leverage.report.rendered import render_cache_warm

    # Before the work: a bad --out costs nothing (a folder is replaced only if a brief wrote it).
    if out is not None:
        check_output_path(out, kind="dir")
        check_brief_target(out)
    else:
        check_output_path(Path.cwd() / "brief-probe", kind="dir")
    # With a cold render cache, the chart renderers start (and warm up) on the other core while
    # the numbers are computed; with a warm one the charts are mostly on disk already, and the
    # few that are not (new data) are rendered in this process. On a fresh install they also
    # build the Vega bundle the page inlines and the backdrop's curve fits (2-3 s each), but
    # only with a core to spare: on a machine already busy, a third busy process slows the
    # brief's own (measured: 26 s -> 30-34 s at load 5-7 on 2 cores), which then does them itself.
    from treasury_leverage.assessment.backdrop import backdrop_prepared, prepare_backdrop

    prepare = [prepare_backdrop] if not backdrop_prepared() and _spare_core() else []
    prepare += [prepare_bundle] if not bundle_cached() and _spare_core() else []
    pool = None if render_cache_warm() and not prepare else start_chart_pool(jobs=prepare)
    jobs = getattr(pool, "prepared", [])
    # The game (its engine runs are a third of the brief's CPU) is computed in a process of its
    # own while this one computes the rest: the same numbers, on the second core.
    game_pool = process_pool(1)
    try:
        with recording() as stages:
            with step(f"Building the brief ({draws} draws)"):
                result = build_brief(holder, draws=draws, seed=seed, executor=game_pool)
            with step("Writing the HTML brief and its charts"):
                with stage("wait for the renderers' preparations"):
                    for job in jobs:
                        with contextlib.suppress(Exception):  # then this process derives it itself
                            job.result()
                folder = write_brief(result, out, formats=formats, chart_pool=pool)  # type: ignore[arg-type]
    finally:
        game_pool.shutdown(wait=True, cancel_futures=True)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for label, text in result.headlines():
        table.add_row(label, house_style(text))
    console = stdout_console()
    console.print(Panel(table, title=f"{result.holder}: could its Treasuries be leverage?", expand=False))
    console.print(f"brief written to {folder / f'brief-{result.slug}.html'}", markup=False, highlight=False)
    if profile:
        from rich.console import Console

        err = Console(stderr=True)
        err.print("where the time went (top stages; nested stages are part of their parent; the game's own "
                  "process runs beside this one, its stages overlap the others):",
                  markup=False, highlight=False, soft_wrap=True)
        for line in stages.lines():
            err.print(line, markup=False, highlight=False, soft_wrap=True)  # one line per stage


def _spare_core() -> bool:
    """Whether a core is idle beyond this process's (1-minute load average; True where unknown)."""
    import os

    try:
        load = os.getloadavg()[0]
    except OSError:
        return True
    return (os.cpu_count() or 1) - load >= 1.0
