"""``tlev termpremium``: The ACM term premium."""

from __future__ import annotations

import typer

app = typer.Typer(help="The ACM term premium.", no_args_is_help=True)
