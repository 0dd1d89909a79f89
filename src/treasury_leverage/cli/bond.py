"""``tlev bond``: Treasury bond math: price, yield, risk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from treasury_leverage.cli._output import OutputFormat, emit_json

if TYPE_CHECKING:
    from treasury_leverage.curves.bonds import BondAnalytics

app = typer.Typer(help="Treasury bond math: price, yield, risk.", no_args_is_help=True)

_SETTLE = typer.Option(..., "--settle", help="Settlement date, YYYY-MM-DD.")
_MATURITY = typer.Option(..., "--maturity", help="Maturity date, YYYY-MM-DD.")
_COUPON = typer.Option(..., "--coupon", help="Annual coupon rate in percent, e.g. 4.625.")
_FORMAT = typer.Option(OutputFormat.table, "--format", "-f", help="table or json.")

#: Row labels for the table view, keyed by the JSON field names the library produces.
_LABELS: dict[str, tuple[str, str]] = {
    "yield_pct": ("Yield (semiannual)", "{:.6f} %"),
    "clean_price_per_100": ("Clean price", "{:.6f} per 100"),
    "accrued_per_100": ("Accrued interest", "{:.6f} per 100"),
    "dirty_price_per_100": ("Dirty price", "{:.6f} per 100"),
    "modified_duration_years": ("Modified duration", "{:.6f} years"),
    "macaulay_duration_years": ("Macaulay duration", "{:.6f} years"),
    "dv01_per_100": ("DV01", "{:.6f} per 100 per bp"),
    "convexity": ("Convexity", "{:.6f} years^2"),
}


def _emit(result: BondAnalytics, fmt: OutputFormat) -> None:
    payload: dict[str, Any] = result.to_dict()
    if fmt is OutputFormat.json:
        emit_json(payload)
        return
    from rich import box
    from rich.table import Table

    from treasury_leverage.cli._output import stdout_console

    title = (f"{payload['coupon_pct']:g}% due {payload['maturity']}, "
             f"settling {payload['settle']}")
    table = Table(title=title, header_style="bold", title_justify="left", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False, collapse_padding=True)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, (label, pattern) in _LABELS.items():
        table.add_row(label, pattern.format(payload[key]))
    stdout_console().print(table)


@app.command("price")
def price(
    settle: str = _SETTLE,
    maturity: str = _MATURITY,
    coupon: float = _COUPON,
    yield_pct: float = typer.Option(..., "--yield", help="Yield to maturity in percent."),
    fmt: OutputFormat = _FORMAT,
) -> None:
    """Price, accrued interest and risk of a Treasury note/bond at a yield."""
    from treasury_leverage.curves.bonds import bond_analytics

    _emit(bond_analytics(settle, maturity, coupon, yield_pct=yield_pct), fmt)


@app.command("yield")
def yield_(
    settle: str = _SETTLE,
    maturity: str = _MATURITY,
    coupon: float = _COUPON,
    price: float = typer.Option(..., "--price", help="Price per 100 face."),
    dirty: bool = typer.Option(False, "--dirty", help="The price includes accrued interest."),
    fmt: OutputFormat = _FORMAT,
) -> None:
    """Yield to maturity (and risk) of a Treasury note/bond from its price."""
    from treasury_leverage.curves.bonds import bond_analytics

    _emit(bond_analytics(settle, maturity, coupon, price=price, clean=not dirty), fmt)
