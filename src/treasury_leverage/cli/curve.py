"""``tlev curve``: Yield curves: show a day's curve, decompose a move."""

from __future__ import annotations

import typer

app = typer.Typer(help="Yield curves: show a day's curve, decompose a move.", no_args_is_help=True)
