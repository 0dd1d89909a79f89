"""``tlev data``: what data the toolkit has, where it comes from, and queries over it."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treasury_leverage.cli._output import FORMAT_OPTION, WIDE_OPTION, Col, TabularFormat

if TYPE_CHECKING:
    import pandas as pd

app = typer.Typer(help="Datasets: status, show, update, export, sql, verify, repair, build-snapshot.",
                  no_args_is_help=True)

# Datasets whose series are "<entity>|<measure>" or bare holder names: --country filters them.
_BY_COUNTRY = {"holdings", "slt_table1", "shl_history", "bj_positions"}


@app.command("status")
def status_cmd(fmt: TabularFormat = FORMAT_OPTION, wide: bool = WIDE_OPTION) -> None:
    """Each dataset: served from the user cache or the bundled snapshot, range, unit, vintage."""
    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.data.api import status

    frame = status()
    notes: list[str] = []
    full = frame
    if fmt is TabularFormat.table:
        cols = ["dataset", "origin", "unit", "frequency", "first_date", "last_date", "effective_end",
                "n_series", "vintage"]
        frame = frame.loc[:, [c for c in cols if c in frame.columns]]
        frame["vintage"] = frame["vintage"].astype(str).str.slice(0, 10)
        frame["unit"] = frame["unit"].where(~frame["unit"].str.contains(",", na=False), "mixed")
        frame = _with_damage(frame, full)
        vintages = sorted(set(frame["vintage"]))
        if len(vintages) == 1:
            notes.append(f"vintage (when the data were parsed): {vintages[0]} for every dataset")
        else:
            pairs = zip(frame["dataset"], frame["vintage"], strict=True)
            notes.append("vintages: " + ", ".join(f"{d} {v}" for d, v in pairs))
        notes.append("origin: snapshot = bundled with the package; cache = refreshed by `tlev data update`")
        notes.append("served to: the last date the accessors serve (a spliced source extends the file)")
        # Where the accessor splices sources (par curve + FRED; the GSW panel), say which segment is which.
        for _, row in full.iterrows():
            if row.get("effective_end") and row["effective_end"] != row.get("last_date"):
                notes.append(f"{row['dataset']} segments: {row['segments']}")
    columns = [Col("dataset", "dataset"), Col("frequency", "freq"), Col("first_date", "first"),
               Col("last_date", "last"), Col("effective_end", "served to"), Col("n_series", "series"),
               Col("origin", "origin"), Col("damage", "damage")]  # units: --wide or --format json
    emit_frame(frame, fmt, title="treasury-leverage datasets", columns=columns, wide=wide, footnotes=notes)


def _with_damage(table: pd.DataFrame, full: pd.DataFrame) -> pd.DataFrame:
    """Add the ``damage`` column to the status table when any dataset of the user store is damaged."""
    if "damage" in full.columns and full["damage"].astype(bool).any():
        return table.assign(damage=full["damage"].to_numpy())
    return table


@app.command("verify")
def verify_cmd(
    datasets: Annotated[list[str] | None, typer.Argument(
        help="Datasets (all in the user store if none).")] = None,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Check the user store: manifests, files present, SHA-256 as written; exit 1 if anything is damaged."""
    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.data.catalog import dataset as lookup
    from treasury_leverage.data.health import health_frame, verify

    names = [lookup(d).id for d in datasets] if datasets else None
    items = verify(names)
    if not items:
        typer.echo("the user store holds no dataset; everything is served from the bundled snapshot")
        return
    emit_frame(health_frame(items), fmt, title="user store integrity")
    if not all(h.ok for h in items):
        raise typer.Exit(1)


@app.command("repair")
def repair_cmd(
    dataset: Annotated[str, typer.Argument(help="The damaged dataset (see `tlev data verify`).")],
    no_rebuild: Annotated[bool, typer.Option("--no-rebuild", help="Only drop the damaged vintages.")] = False,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Drop a dataset's damaged vintages and rebuild it from the raw download cache (offline)."""
    import pandas as pd

    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.data.health import repair

    report = repair(dataset, rebuild=not no_rebuild)
    row = report.as_dict()
    for key in ("dropped_vintages", "set_aside", "messages"):
        row[key] = "; ".join(row[key])
    emit_frame(pd.DataFrame([row]), fmt, title="repair")
    if not report.ok:
        raise typer.Exit(1)


def _country_rows(name: str, country: str, frame: pd.DataFrame) -> pd.DataFrame:
    from treasury_leverage.data.countries import resolve_country

    if name == "holdings":
        entity = resolve_country(country, frame["series_id"].unique())
        sub = frame[frame["series_id"] == entity]
        return sub.assign(country=entity).rename(columns={"value": "holdings_usd_bn"})[
            ["date", "country", "holdings_usd_bn"]
        ]
    entities = frame["series_id"].str.split("|", n=1).str[0]
    entity = resolve_country(country, entities.unique())
    return frame[entities == entity][["date", "series_id", "value", "unit"]]


@app.command("show")
def show_cmd(
    dataset: Annotated[str, typer.Argument(help="Dataset id (see `tlev data status`).")],
    country: Annotated[str | None, typer.Option("--country", "-c", help="Holder, e.g. japan.")] = None,
    series: Annotated[list[str] | None, typer.Option("--series", "-s", help="Series id(s).")] = None,
    start: Annotated[str | None, typer.Option(help="First date, YYYY-MM[-DD].")] = None,
    end: Annotated[str | None, typer.Option(help="Last date, YYYY-MM[-DD].")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Only data known on this date.")] = None,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Print a dataset's rows (tidy: date, series, value, unit), filtered."""
    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.data.api import read
    from treasury_leverage.data.catalog import dataset as lookup
    from treasury_leverage.errors import InputError

    ds = lookup(dataset)
    if country is not None and ds.id not in _BY_COUNTRY:
        raise InputError(f"--country applies to {', '.join(sorted(_BY_COUNTRY))}, not to {ds.id!r}")
    frame = read(ds.id, series=series or None, start=start, end=end, as_of=as_of)
    attrs = dict(frame.attrs)
    if country is not None:
        frame = _country_rows(ds.id, country, frame)
    else:
        frame = frame[["date", "series_id", "value", "unit"]]
    if frame.empty:
        raise InputError(f"no rows in {ds.id!r} for these filters")
    meta = {"dataset": ds.id, "source": attrs.get("source"), "vintage": attrs.get("vintage"),
            "origin": attrs.get("origin")}
    emit_frame(frame.reset_index(drop=True), fmt, title=ds.title, meta=meta)


@app.command("sql")
def sql_cmd(
    query: Annotated[str, typer.Argument(help='e.g. "SELECT * FROM holdings WHERE series_id = \'Japan\'"')],
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Run a read-only SQL query (DuckDB); each dataset is a table of tidy rows."""
    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.data.api import sql

    emit_frame(sql(query), fmt)


class ExportFormat(StrEnum):
    """File formats of ``tlev data export``."""

    parquet = "parquet"
    csv = "csv"


@app.command("export")
def export_cmd(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")],
    datasets: Annotated[list[str] | None, typer.Argument(help="Datasets (all if none).")] = None,
    file_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="parquet or csv.")] = ExportFormat.parquet,
    legacy_as: Annotated[
        ExportFormat | None, typer.Option("--as", hidden=True, help="Deprecated: use --format.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files of the same name.")] = False,
) -> None:
    """Write datasets as tidy Parquet or CSV files (one per dataset); never overwrites without --force."""
    from treasury_leverage.data.api import export

    if legacy_as is not None:
        from treasury_leverage.cli._progress import note

        note("note: --as is deprecated; use --format")
        file_format = legacy_as
    _check_export_target(out, datasets or None, file_format.value, force=force)
    for path in export(out, datasets or None, file_format=file_format.value):
        typer.echo(str(path))


def _check_export_target(out: Path, datasets: list[str] | None, file_format: str, *, force: bool) -> None:
    """Before any work: a writable folder, and no existing file overwritten unless ``--force``."""
    from treasury_leverage.cli._bounds import check_output_folder
    from treasury_leverage.data.catalog import CATALOG
    from treasury_leverage.data.catalog import dataset as lookup
    from treasury_leverage.errors import InputError

    if file_format not in ("parquet", "csv"):
        raise InputError(f"export format {file_format!r} is not supported; expected 'parquet' or 'csv'")
    check_output_folder(out)
    names = [lookup(d).id for d in datasets] if datasets else list(CATALOG)
    existing = [n for n in names if (out / f"{n}.{file_format}").exists()]
    if existing and not force:
        raise InputError(f"--out {str(out)!r} already holds {existing[0]}.{file_format}"
                         f"{f' and {len(existing) - 1} more' if len(existing) > 1 else ''}; "
                         "pass --force to overwrite, or choose another folder")


@app.command("update")
def update_cmd(
    datasets: Annotated[
        list[str] | None, typer.Argument(help="Datasets (all with a live source if none).")
    ] = None,
    offline: Annotated[bool, typer.Option("--offline", help="Do not touch the network.")] = False,
    allow_revision: Annotated[bool, typer.Option(
        "--allow-revision", help="Accept revisions of stored values beyond the plausibility gate.")] = False,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Refresh datasets from the official publishers into the user store (a new vintage)."""
    import os

    import pandas as pd

    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.data.update import update

    if offline:
        os.environ["TLEV_OFFLINE"] = "1"
    from treasury_leverage.cli._progress import step

    with step("Updating datasets from the official publishers"):
        reports = update(datasets or None, allow_revision=allow_revision)
    frame = pd.DataFrame([r.as_dict() for r in reports])
    if fmt is TabularFormat.table:
        keep = ["dataset", "status", "new_rows", "changed_rows", "first_date", "last_date", "from_cache"]
        frame = frame.loc[:, [c for c in keep if c in frame.columns]]
    emit_frame(frame, fmt, title="update")
    for report in reports:
        for error in report.errors:
            typer.echo(f"error: {error}", err=True)
    if any(not r.ok for r in reports):
        raise typer.Exit(1)


@app.command("build-snapshot")
def build_snapshot_cmd(
    raw: Annotated[Path, typer.Option("--from", help="Folder of the publishers' raw files.")],
    out: Annotated[Path | None, typer.Option("--out", help="Target folder (default: the package).")] = None,
    only: Annotated[list[str] | None, typer.Option("--dataset", help="Rebuild only these.")] = None,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Parse the raw official files with our parsers and write the bundled snapshot."""
    import dataclasses

    import pandas as pd

    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.data.build import build_snapshot

    reports = build_snapshot(raw, out, datasets=only or None)
    frame = pd.DataFrame([dataclasses.asdict(r) for r in reports]).drop(columns="raw_files")
    emit_frame(frame, fmt, title=f"snapshot built from {raw}")
