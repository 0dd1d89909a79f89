"""The ``tlev`` command line: a thin face over the Python API.

Command groups live in their own modules and import pandas and the models lazily, inside the
commands, so that ``tlev --help`` starts fast.
"""

from __future__ import annotations

import sys

import typer

from treasury_leverage.cli import bond as bond_cmd
from treasury_leverage.cli import brief as brief_cmd
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
    add_completion=False,
)
# Registration order is the order of `tlev --help`: the answer first, then the questions it is
# built from, then the machinery.
app.command("brief")(brief_cmd.brief)
app.command("holders")(holdings_cmd.holders)
app.command("flows")(holdings_cmd.flows)
app.add_typer(curve_cmd.app, name="curve")
app.add_typer(bond_cmd.app, name="bond")
app.command("termpremium")(termpremium_cmd.termpremium)
app.command("episode")(episode_cmd.episode)
app.command("impact")(impact_cmd.impact)
app.command("execution")(impact_cmd.execution)
app.add_typer(scenario_cmd.app, name="scenario")
app.command("sweep")(sweep_cmd.sweep)
app.command("game")(game_cmd.game)
app.command("serve")(serve_cmd.serve)
app.add_typer(data_cmd.app, name="data")


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a :class:`~treasury_leverage.errors.TLError` becomes one line on stderr.

    Exit status is 2 for a user error (bad input, unknown name, malformed file) and 1 for data
    that cannot be had (offline, download failed).
    """
    from treasury_leverage.cli._bounds import install_bounds
    from treasury_leverage.errors import DataUnavailable, TLError

    try:
        command = install_bounds(typer.main.get_command(app))
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
