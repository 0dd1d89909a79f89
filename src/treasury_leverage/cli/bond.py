"""``tlev bond``: Treasury bond math: price, yield, risk."""

from __future__ import annotations

import typer

app = typer.Typer(help="Treasury bond math: price, yield, risk.", no_args_is_help=True)
