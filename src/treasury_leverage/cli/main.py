"""The ``tlev`` command line: a thin face over the Python API.

Command groups live in their own modules and import pandas and the models lazily, inside the
commands, so that ``tlev --help`` starts fast.
"""

from __future__ import annotations

import sys

import typer

from treasury_leverage.cli import backtest as backtest_cmd
from treasury_leverage.cli import bond as bond_cmd
from treasury_leverage.cli import brief as brief_cmd
from treasury_leverage.cli import cite as cite_cmd
from treasury_leverage.cli import curve as curve_cmd
from treasury_leverage.cli import data as data_cmd
from treasury_leverage.cli import episode as episode_cmd
from treasury_leverage.cli import game as game_cmd
from treasury_leverage.cli import holdings as holdings_cmd
from treasury_leverage.cli import impact as impact_cmd
from treasury_leverage.cli import scenario as scenario_cmd
from treasury_leverage.cli import serve as serve_cmd
from treasury_leverage.cli import sweep as sweep_cmd
from treasury_leverage.cli import termpremium as termpremium_cmd

app = typer.Typer(
    name="tlev",
    help="Could a foreign holder use its U.S. Treasuries as leverage? Numbers from official data.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from treasury_leverage import __version__

        typer.echo(f"tlev (treasury-leverage) {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, show_default=False,
                                help="Log what is done on stderr (-vv: debug)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or notes on stderr, only errors."),
) -> None:
    """Could a foreign holder use its U.S. Treasuries as leverage? Numbers from official data."""
    from treasury_leverage.cli._progress import configure

    configure(verbose=verbose, quiet=quiet)


# Registration order is the order of `tlev --help`: the answer first, then the questions it is
# built from, then the machinery.
# Short help: one line each in `tlev --help` at 80 columns (click would cut the docstrings).
app.command("brief", short_help="Could HOLDER use its Treasuries as leverage? The brief.")(
    brief_cmd.brief)
app.command("holders", short_help="Who holds Treasuries; one holder's history and run-off.")(
    holdings_cmd.holders)
app.command("flows", short_help="Is a holder selling, or did prices move? Monthly flows.")(
    holdings_cmd.flows)
app.add_typer(curve_cmd.app, name="curve", short_help="A day's yield curve; what a curve move was made of.")
app.add_typer(bond_cmd.app, name="bond", short_help="Price, yield and risk of a Treasury note or bond.")
app.command("termpremium", short_help="The ACM term premium, 1961 to the latest month.")(
    termpremium_cmd.termpremium)
app.command("episode", short_help="Split a yield move into expected rates and term premium.")(
    episode_cmd.episode)
app.command("impact", short_help="What selling Treasuries does to yields, model by model.")(
    impact_cmd.impact)
app.command("execution", short_help="Almgren-Chriss schedules and costs of a sale.")(impact_cmd.execution)
app.command("backtest", short_help="Models vs history: predicted vs observed term premium.")(
    backtest_cmd.backtest)
app.add_typer(scenario_cmd.app, name="scenario",
              short_help="A sale, pause or run-off: yields and both costs.")
app.command("sweep", short_help="A grid of scenarios, local or on Dask, resumable.")(sweep_cmd.sweep)
app.command("game", short_help="Is a threat to sell credible; what deters a tariff?")(game_cmd.game)
app.command("serve", short_help="The dashboard and the JSON API on a local port.")(serve_cmd.serve)
app.add_typer(data_cmd.app, name="data", short_help="Datasets: status, show, update, export, sql.")
app.command("cite", short_help="Where a default number comes from: the references.")(cite_cmd.cite)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a :class:`~treasury_leverage.errors.TLError` becomes one line on stderr.

    Exit status is 2 for a user error (bad input, unknown name, malformed file) and 1 for data
    that cannot be had (offline, download failed).
    """
    from treasury_leverage.cli._bounds import install_bounds
    from treasury_leverage.cli._help import tidy_metavars
    from treasury_leverage.errors import DataUnavailable, TLError

    command = typer.main.get_command(app)
    tidy_metavars(command)
    try:
        command = install_bounds(command)
        rc = command.main(args=argv, prog_name="tlev", standalone_mode=False)
        if isinstance(rc, int) and rc:
            sys.exit(rc)  # non-standalone click returns the exit code instead of raising it
    except TLError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1 if isinstance(exc, DataUnavailable) else 2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except UnicodeDecodeError as exc:
        typer.echo(f"error: a file is not UTF-8 text (byte {exc.start}: {exc.reason}); "
                   "expected a UTF-8 file", err=True)
        sys.exit(2)
    except OSError as exc:
        # The last line of defence for output paths the checks above did not foresee.
        where = f": {exc.filename}" if exc.filename else ""
        typer.echo(f"error: {exc.strerror or type(exc).__name__}{where}", err=True)
        sys.exit(2)
    except MemoryError:
        typer.echo("error: not enough memory for this request; ask for fewer draws or a shorter "
                   "window", err=True)
        sys.exit(2)
    except Exception as exc:
        # Usage errors (a bad option value, an unknown option) arrive here in non-standalone mode,
        # as click's or typer's own vendored ClickException depending on the typer version: both
        # know how to show themselves without a traceback.
        show = getattr(exc, "show", None)
        code = getattr(exc, "exit_code", None)
        if callable(show) and isinstance(code, int):
            show()
            sys.exit(code)
        raise


if __name__ == "__main__":  # pragma: no cover
    main()
