"""``tlev data``: what data the toolkit has, where it comes from, and queries over it."""

from __future__ import annotations

import typer

app = typer.Typer(help="Datasets: status, show, update, export, sql, build-snapshot.", no_args_is_help=True)
