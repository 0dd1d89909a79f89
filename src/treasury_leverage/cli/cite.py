"""``tlev cite [PRESET]``: where every default number comes from (the bibliography ships with us).

A thin face over :mod:`treasury_leverage.bibliography` and :mod:`treasury_leverage.presets`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from treasury_leverage.cli._output import FORMAT_OPTION, Col, TabularFormat

__all__ = ["cite"]


def cite(
    name: Annotated[
        str | None,
        typer.Argument(help="A preset (e.g. beltran2013_short_run_bp_per_100bn) or a reference key "
                       "(e.g. beltran2013); omit for the whole bibliography.", metavar="[PRESET]"),
    ] = None,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Print the references behind the presets: authors, year, title, venue, URL/DOI, table or page."""
    import pandas as pd

    from treasury_leverage.bibliography import OWN_CHOICE, REFERENCES, cite_preset, get_reference
    from treasury_leverage.cli._output import emit_frame, emit_json, stdout_console
    from treasury_leverage.errors import UnknownNameError
    from treasury_leverage.presets import PRESETS, get_preset

    if name is None:
        rows = [r.to_dict() for r in (*REFERENCES, OWN_CHOICE)]
        frame = pd.DataFrame(rows)
        if fmt is TabularFormat.table:
            frame = frame.assign(
                title=[f"{r['authors'].split(',')[0]} ({r['year']}), {r['title']}" for r in rows])
        emit_frame(frame, fmt, title="References behind the presets and models (tlev cite KEY for one)",
                   columns=[Col("key", "key"), Col("title", "reference")])
        return
    if name not in PRESETS:
        try:
            ref = get_reference(name)
        except UnknownNameError:
            keys = [r.key for r in (*REFERENCES, OWN_CHOICE)]
            raise UnknownNameError("preset or reference", name, [*PRESETS, *keys]) from None
        if fmt is TabularFormat.table:
            stdout_console().print(ref.text(), markup=False)
        elif fmt is TabularFormat.json:
            emit_json(ref.to_dict())
        else:
            emit_frame(pd.DataFrame([ref.to_dict()]), fmt)
        return
    record = cite_preset(get_preset(name))
    if fmt is TabularFormat.json:
        emit_json(record)
        return
    if fmt is TabularFormat.csv:
        flat = {k: v for k, v in record.items() if k != "references"}
        flat["references"] = "; ".join(r["key"] for r in record["references"])
        emit_frame(pd.DataFrame([flat]), fmt)
        return
    console = stdout_console()
    console.print(f"[bold]{record['preset']}[/bold] = {record['value']:g} {record['unit']} "
                  f"(range {record['low']:g} to {record['high']:g}; confidence {record['confidence']})")
    console.print(f"source: {record['source']}", markup=False)
    if record["notes"]:
        console.print(f"notes: {record['notes']}", markup=False)
    for k, ref in enumerate(record["references"], start=1):
        parts = [f'{ref["authors"]} ({ref["year"]}), "{ref["title"]}", {ref["venue"]}', ref["where"],
                 ref["url"]]
        console.print(f"[{k}] " + "; ".join(p for p in parts if p), markup=False)
