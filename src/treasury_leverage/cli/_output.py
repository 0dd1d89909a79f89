"""Rendering results for the terminal: ``--format table|json|csv``.

JSON keys carry units (``holdings_usd_bn``, ``yield_pct``) and are produced by the library, not
here; this module only serialises.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

import typer

from treasury_leverage._json import to_jsonable

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

__all__ = [
    "FORMAT_OPTION",
    "WIDE_OPTION",
    "Col",
    "OutputFormat",
    "TabularFormat",
    "emit_frame",
    "emit_json",
    "emit_machine",
    "plain",
    "stdout_console",
    "to_jsonable",
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


FORMAT_OPTION = typer.Option(TabularFormat.table, "--format", "-f", help="table, json or csv.")
WIDE_OPTION = typer.Option(False, "--wide", "-w", help="Show every column (default: a compact set that "
                           "fits 80 columns).")


def emit_json(payload: Any) -> None:
    """Print ``payload`` as indented JSON on stdout."""
    sys.stdout.write(json.dumps(to_jsonable(payload), indent=2, allow_nan=False) + "\n")


class _Result(Protocol):
    def to_dict(self) -> dict[str, Any]: ...
    def summary_frame(self) -> pd.DataFrame: ...


def emit_machine(result: _Result, fmt: TabularFormat | OutputFormat) -> bool:
    """Print a result object for a machine (``json``: its ``to_dict()``; ``csv``: its
    ``summary_frame()``) and return True; False for ``table`` (the caller prints for people)."""
    if fmt.value == "json":
        emit_json(result.to_dict())
        return True
    if fmt.value == "csv":
        emit_frame(result.summary_frame(), fmt)
        return True
    return False


@dataclass(frozen=True, slots=True)
class Col:
    """A column of a compact table view: the frame's column, a short unit-bearing header, decimals.

    ``digits`` None: integers and text as they are, floats with the call's ``float_digits``.
    """

    key: str
    header: str
    digits: int | None = None
    date_format: str = "%Y-%m-%d"


def emit_frame(
    frame: pd.DataFrame,
    fmt: TabularFormat | OutputFormat,
    *,
    title: str | None = None,
    meta: dict[str, Any] | None = None,
    max_rows: int = 60,
    float_digits: int = 2,
    columns: Sequence[Col] | None = None,
    wide: bool = False,
    footnotes: Sequence[str] = (),
) -> None:
    """Print a frame as a Rich table, CSV or JSON records.

    Parameters
    ----------
    frame
        The result; a named index is written as a column.
    fmt
        ``table`` (Rich, head and tail if long), ``csv`` (rounded to the source's precision,
        :func:`treasury_leverage._format.csv_ready`) or ``json`` (``{"meta":..., "data": [...]}``
        when ``meta`` is given, else a bare list of records).
    title, meta
        Table caption, and provenance (data vintage, presets) carried in JSON and shown under the
        table.
    max_rows
        Longer tables show their head and tail only (CSV and JSON are always complete).
    float_digits
        Decimals shown for floats in the table.
    columns
        The compact default view of the table (a subset with short headers that fits 80
        columns); CSV, JSON and ``wide`` show every column under its JSON name.
    wide
        Show all columns (``--wide``).
    footnotes
        Long text (citations, caveats) printed under the table, never in a cell.
    """
    out = frame.reset_index() if frame.index.name is not None or not _is_range(frame) else frame
    if fmt.value == "csv":
        from treasury_leverage._format import csv_ready

        sys.stdout.write(csv_ready(out).to_csv(index=False, date_format="%Y-%m-%d"))
        return
    if fmt.value == "json":
        records = [to_jsonable(r) for r in out.to_dict(orient="records")]
        emit_json({"meta": meta, "data": records} if meta is not None else records)
        return
    from rich import box
    from rich.table import Table

    if columns is not None and not wide:
        shown = [c for c in columns if c.key in out.columns]
    else:
        shown = [Col(str(c), str(c)) for c in out.columns]
    # No vertical rules: two characters a column for the numbers instead.
    table = Table(title=plain(title) if title is not None else None, show_lines=False, header_style="bold",
                  title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                  collapse_padding=True)
    for k, col in enumerate(shown):
        numeric = out[col.key].dtype.kind in "iuf"
        # Headers and text wrap at spaces; the compact views are sized so that no cell is cut. The
        # first column names the row (a holder, a model): it is never shortened.
        label_width = None
        if k == 0 and not numeric and len(out):
            label_width = min(24, max(len(str(v)) for v in out[col.key]))
        table.add_column(col.header, justify="right" if numeric else "left", min_width=label_width)

    def _fmt(v: Any, digits: int, date_format: str) -> str:
        if isinstance(v, bool) or type(v).__name__ == "bool_":
            return "yes" if v else ""
        if isinstance(v, float):
            if math.isnan(v):
                return ""
            text = f"{v:,.{digits}f}"
            return text[1:] if text.startswith("-") and not text.strip("-0.,") else text  # no "-0"
        if hasattr(v, "strftime"):
            return "" if v != v else v.strftime(date_format)
        if v is None:
            return ""
        return plain(str(v))  # data print as written, never as Rich markup

    digits = [c.digits if c.digits is not None else float_digits for c in shown]
    date_formats = [c.date_format for c in shown]
    body = out[[c.key for c in shown]]

    def _add(rows: pd.DataFrame) -> None:
        for rec in rows.itertuples(index=False):
            table.add_row(*(_fmt(v, d, f) for v, d, f in zip(rec, digits, date_formats, strict=True)))

    if len(body) <= max_rows:
        _add(body)
    else:
        half = max_rows // 2
        _add(body.head(half))
        table.add_row(*(["..."] * len(shown)))
        _add(body.tail(half))
    console = stdout_console()
    console.print(table)
    if len(out) > max_rows:
        console.print(f"[dim]{len(out)} rows; use --format csv for all of them[/dim]")
    for k, note in enumerate(footnotes, start=1):
        console.print(f"[{k}] {note}", markup=False, highlight=False)
    if meta:
        console.print("; ".join(f"{k}: {v}" for k, v in meta.items() if v is not None), style="dim",
                      markup=False, highlight=False)


def stdout_console() -> Console:
    """A Rich console on stdout at the real width: the terminal's, else ``$COLUMNS``, else 80.

    Piped output is not forced wider than the reader's terminal: tables are built to fit, and
    ``--format csv`` is the plain-text form for programs.
    """
    from rich.console import Console

    return Console(highlight=False)


def plain(text: str) -> str:
    """``text`` with Rich markup escaped, so data ("[/oops]", "[link=file:///etc/passwd]") print
    as written instead of raising ``MarkupError`` or becoming a hyperlink."""
    from rich.markup import escape

    return escape(text)


def _is_range(frame: pd.DataFrame) -> bool:
    import pandas as pd

    return isinstance(frame.index, pd.RangeIndex)
