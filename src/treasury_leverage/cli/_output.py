"""Rendering results for the terminal: ``--format table|json|csv``.

JSON keys carry units (``holdings_usd_bn``, ``yield_pct``) and are produced by the library, not
here; this module only serialises.
"""

from __future__ import annotations

import contextlib
import json
import math
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FORMAT_OPTION", "OutputFormat", "TabularFormat", "emit_frame", "emit_json", "plain", "to_jsonable",
]


class OutputFormat(StrEnum):
    """Formats for results that are not tables."""

    table = "table"
    json = "json"


class TabularFormat(StrEnum):
    """Formats for tabular results."""

    table = "table"
    json = "json"
    csv = "csv"


FORMAT_OPTION = typer.Option(TabularFormat.table, "--format", "-f", help="Output format.")


def to_jsonable(obj: Any) -> Any:
    """Convert numpy/pandas scalars, timestamps and NaN into plain JSON values (NaN -> null)."""
    import datetime as dt

    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if hasattr(obj, "item") and not isinstance(obj, str | bytes):
        with contextlib.suppress(ValueError, AttributeError):
            obj = obj.item()
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if isinstance(obj, dt.datetime):
        return obj.date().isoformat() if obj.time() == dt.time() else obj.isoformat()
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if hasattr(obj, "isoformat"):
        return obj.isoformat()
    return obj


def emit_json(payload: Any) -> None:
    """Print ``payload`` as indented JSON on stdout."""
    sys.stdout.write(json.dumps(to_jsonable(payload), indent=2, allow_nan=False) + "\n")


def emit_frame(
    frame: pd.DataFrame,
    fmt: TabularFormat | OutputFormat,
    *,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
    max_rows: int = 60,
    float_digits: int = 2,
) -> None:
    """Print a frame as a Rich table, CSV or JSON records.

    Parameters
    ----------
    frame
        The result; a named index is written as a column.
    fmt
        ``table`` (Rich, head and tail if long), ``csv`` or ``json`` (``{"meta":..., "data": [...]}``
        when ``meta`` is given, else a bare list of records).
    title, meta
        Table caption, and provenance (data vintage, presets) carried in JSON and shown under the
        table.
    max_rows
        Longer tables show their head and tail only (CSV and JSON are always complete).
    float_digits
        Decimals shown for floats in the table.
    """
    out = frame.reset_index() if frame.index.name is not None or not _is_range(frame) else frame
    if fmt.value == "csv":
        sys.stdout.write(out.to_csv(index=False, date_format="%Y-%m-%d"))
        return
    if fmt.value == "json":
        records = [to_jsonable(r) for r in out.to_dict(orient="records")]
        emit_json({"meta": meta, "data": records} if meta is not None else records)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=plain(title) if title is not None else None, show_lines=False, header_style="bold")
    for col in out.columns:
        justify = "right" if out[col].dtype.kind in "if" else "left"
        table.add_column(plain(str(col)), justify=justify)  # type: ignore[arg-type]
    rows = out if len(out) <= max_rows else None
    def _fmt(v: Any) -> str:
        if isinstance(v, float):
            return "" if math.isnan(v) else f"{v:,.{float_digits}f}"
        if hasattr(v, "strftime"):
            return v.strftime("%Y-%m-%d")
        return plain(str(v))
    if rows is not None:
        for rec in rows.itertuples(index=False):
            table.add_row(*(_fmt(v) for v in rec))
    else:
        half = max_rows // 2
        for rec in out.head(half).itertuples(index=False):
            table.add_row(*(_fmt(v) for v in rec))
        table.add_row(*(["..."] * len(out.columns)))
        for rec in out.tail(half).itertuples(index=False):
            table.add_row(*(_fmt(v) for v in rec))
    # Piped output has no terminal width; don't squash tables into 80 columns.
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(table)
    if len(out) > max_rows:
        console.print(f"[dim]{len(out)} rows; use --format csv for all of them[/dim]")
    if meta:
        shown = "; ".join(f"{k}: {v}" for k, v in meta.items() if v is not None)
        console.print("[dim]" + plain(shown) + "[/dim]")


def plain(text: str) -> str:
    """``text`` with Rich markup escaped, so data ("[/oops]", "[link=file:///etc/passwd]") print
    as written instead of raising ``MarkupError`` or becoming a hyperlink."""
    from rich.markup import escape

    return escape(text)


def _is_range(frame: pd.DataFrame) -> bool:
    import pandas as pd

    return isinstance(frame.index, pd.RangeIndex)
