"""``tlev episode``: decompose a yield episode into expected rates and term premium."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Decompose a yield episode into expected rates and term premium.", no_args_is_help=True
)
