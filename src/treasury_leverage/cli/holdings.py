"""``tlev holders`` and ``tlev flows``: who holds Treasuries, and is anyone quietly selling?

Thin faces over :mod:`treasury_leverage.holdings`; pandas and Altair are imported inside the
commands. Charts come from :mod:`treasury_leverage.report.holdings_charts` (shared with the brief
and the dashboard).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from treasury_leverage._defaults import FLOWS_WINDOW_MONTHS
from treasury_leverage.cli._output import (
    FORMAT_OPTION,
    WIDE_OPTION,
    Col,
    TabularFormat,
    emit_frame,
    emit_json,
)

if TYPE_CHECKING:
    import altair as alt
    import pandas as pd

__all__ = ["flows", "holders"]

_CHART = typer.Option(None, "--chart", help="Write a chart to this .png or .svg file.")

#: Compact views (80 columns); --wide and the JSON/CSV keep every column under its JSON name.
_RANKING_COLS = (Col("rank", "#"), Col("holder", "holder"), Col("holdings_usd_bn", "$bn", 1),
                 Col("share_of_foreign_pct", "% of foreign", 1), Col("change_12m_usd_bn", "12m $bn", 1),
                 Col("change_12m_pct", "12m %", 1), Col("custodial_centre", "centre [1]"))
_HISTORY_COLS = (Col("date", "month", date_format="%Y-%m"), Col("holdings_usd_bn", "$bn", 1),
                 Col("change_1m_usd_bn", "1m chg $bn", 1),
                 Col("change_12m_usd_bn", "12m chg $bn", 1), Col("share_of_foreign_pct", "% of foreign", 1),
                 Col("official_share_pct", "official %", 1), Col("adjusted_usd_bn", "adjusted $bn", 1))
_SURVEY_COLS = (Col("date", "survey"), Col("lt_treasury_usd_bn", "notes/bonds $bn", 1),
                Col("st_treasury_usd_bn", "bills $bn", 1), Col("total_treasury_usd_bn", "total $bn", 1),
                Col("st_share_pct", "bills %", 1))
_PROFILE_COLS = (Col("bucket", "bucket"), Col("share_of_holdings_pct", "% of holdings", 1))
_RUNOFF_COLS = (Col("year", "year"), Col("matures_usd_bn", "matures $bn", 1),
                Col("cumulative_usd_bn", "cumulative $bn", 1), Col("cumulative_pct", "cumulative %", 1))
_FLOWS_COLS = (Col("date", "month", date_format="%Y-%m"), Col("holdings_usd_bn", "holdings $bn", 1),
               Col("change_usd_bn", "chg $bn", 1),
               Col("valuation_usd_bn", "valuation $bn", 1), Col("kind", "src [1]"),
               Col("net_purchases_usd_bn", "net buys $bn", 1), Col("band_usd_bn", "± $bn", 1),
               Col("cumulative_net_purchases_usd_bn", "cumulative $bn", 1))


def _meta(frame: pd.DataFrame, *keys: str) -> dict[str, Any]:
    base = {k: frame.attrs.get(k) for k in ("dataset", "vintage", "origin")}
    base.update({k: frame.attrs.get(k) for k in keys})
    return base


def _save(chart: alt.TopLevelMixin, path: Path) -> None:
    from treasury_leverage.report.charts import save_chart

    save_chart(chart, path)
    from treasury_leverage.cli._progress import note

    note(f"chart written to {path}")


def holders(
    holder: str | None = typer.Argument(
        None, help="A holder (japan, china, uk, official...); omit for the ranking."
    ),
    date: str | None = typer.Option(
        None, "--date", help="Month of the ranking, YYYY-MM (latest if omitted)."
    ),
    top: int = typer.Option(15, "--top", help="Number of holders in the ranking."),
    start: str | None = typer.Option(None, "--start", help="First month of a holder's history."),
    end: str | None = typer.Option(None, "--end", help="Last month of a holder's history."),
    custody: bool = typer.Option(
        False, "--custody", help="Add a custody-adjusted view (the holder, China in the ranking, plus "
        "Belgium's changes since 2015-12); an explicit assumption, printed with the result."
    ),
    chart: Path | None = _CHART,
    fmt: TabularFormat = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """Rank foreign holders of Treasuries, or show one holder: history, shares, maturity, run-off."""
    if chart is not None:
        from treasury_leverage.cli._paths import check_output_path

        check_output_path(chart, kind="file", option="--chart")
    if holder is None:
        _ranking(date, top, custody, chart, fmt, wide)
    else:
        _one_holder(holder, date, start, end, custody, chart, fmt, wide)


def _ranking(date: str | None, top: int, custody: bool, chart: Path | None, fmt: TabularFormat,
             wide: bool = False) -> None:
    from treasury_leverage.holdings.atlas import CustodyAdjustment, ranking

    table = ranking(date, top=top, custody=CustodyAdjustment() if custody else None)
    meta = _meta(table, "date", "grand_total_usd_bn", "foreign_official_usd_bn", "marketable_usd_bn",
                 "all_other_usd_bn", "note")
    if custody:
        meta["custody_assumptions"] = table.attrs["custody_assumptions"]
    emit_frame(table, fmt, title=f"Foreign holders of U.S. Treasuries, {table.attrs['date']} (USD bn)",
               meta=meta, columns=_RANKING_COLS, wide=wide,
               footnotes=["centre: a custody centre; TIC counts holdings where they are held in custody, "
                          "so a "
                          "centre's figure includes other countries' Treasuries."])
    if chart is not None:
        from treasury_leverage.report.holdings_charts import ranking_chart

        _save(ranking_chart(table), chart)


def _one_holder(holder: str, date: str | None, start: str | None, end: str | None, custody: bool,
                chart: Path | None, fmt: TabularFormat, wide: bool = False) -> None:
    from treasury_leverage.errors import DataUnavailable, UnknownNameError
    from treasury_leverage.holdings.atlas import CustodyAdjustment, custody_adjusted, holder_history
    from treasury_leverage.holdings.profile import maturity_profile, runoff_schedule, st_lt_history

    hist = holder_history(holder, start, end)
    name = hist.attrs["holder"]
    last = hist.index.max()
    profile = maturity_profile(name, date=date or last)
    runoff = runoff_schedule(name, date=date or last, profile=profile)
    try:
        bills = st_lt_history(name)
    except (DataUnavailable, UnknownNameError):
        bills = None
    adjusted = None
    if custody:
        adjusted = custody_adjusted(CustodyAdjustment(holder=name), start, end)
        hist = hist.join(adjusted[[c for c in adjusted.columns if c != "reported_usd_bn"]])
    meta = _meta(hist, "holder")
    if "official_share_pct" not in hist.columns:
        meta["official_share"] = hist.attrs.get("official_share_note")
    meta.update(st_share_source=profile.st_source, lt_profile_source=profile.lt_source,
                runoff_date=runoff.attrs["date"], runoff_holdings_usd_bn=runoff.attrs["holdings_usd_bn"])
    if adjusted is not None:
        meta["custody_assumptions"] = adjusted.attrs["assumptions"]
    if fmt is TabularFormat.json:
        emit_json({
            "meta": meta,
            "history": hist.reset_index().to_dict(orient="records"),
            "bills_share_survey": [] if bills is None else bills.reset_index().to_dict(orient="records"),
            "maturity_profile": profile.table().to_dict(orient="records"),
            "runoff": runoff.reset_index().to_dict(orient="records"),
        })
    elif fmt is TabularFormat.csv:
        emit_frame(hist, fmt)
    else:
        shown = hist if (start or end) else hist.tail(24)
        emit_frame(shown, fmt, title=f"{name}: Treasury holdings (market value)",
                   columns=_HISTORY_COLS, wide=wide)
        if bills is not None:
            emit_frame(bills.tail(8), fmt, float_digits=1, columns=_SURVEY_COLS, wide=wide,
                       title=f"{name}: bills vs notes/bonds at the annual survey")
        emit_frame(profile.table(), fmt, title=f"{name}: maturity profile", float_digits=1,
                   columns=_PROFILE_COLS, wide=wide,
                   footnotes=[f"bills: {profile.st_source}", f"notes/bonds: {_plain(profile.lt_source)}"])
        emit_frame(runoff, fmt, title=f"{name}: run-off of the {runoff.attrs['date']} holdings",
                   float_digits=1, meta=meta, columns=_RUNOFF_COLS, wide=wide)
    if chart is not None:
        from treasury_leverage.report.holdings_charts import holder_overview_chart

        _save(holder_overview_chart(hist, runoff, name=name), chart)


def _plain(text: str) -> str:
    """Internal names out of reader text."""
    return text.replace(" (DEFAULT_LT_WEIGHTS)", "").replace("DEFAULT_LT_WEIGHTS", "default weights")


def flows(
    holder: str = typer.Argument(..., help="A holder (japan, china, official, total...)."),
    start: str | None = typer.Option(
        None, "--start", help=f"First month, YYYY-MM (default: the last {FLOWS_WINDOW_MONTHS} months "
        "to --end or the latest month; preset default_flows_window_months)."),
    end: str | None = typer.Option(None, "--end", help="Last month, YYYY-MM."),
    band_z: float = typer.Option(1.96, "--band-z", help="Band half-width in calibration standard errors."),
    check: bool = typer.Option(
        False, "--check", help="Print the estimator's bias, MAE, correlation and cumulative-band coverage "
        "in each reported period, in and out of sample (Japan, China, all foreign, official + HOLDER); "
        "with --format json/csv only these diagnostics are printed."
    ),
    chart: Path | None = _CHART,
    fmt: TabularFormat = FORMAT_OPTION,
    wide: bool = WIDE_OPTION,
) -> None:
    """Month by month: holdings, change, valuation (reported or estimated) and net purchases."""
    from treasury_leverage._format import house_style
    from treasury_leverage.holdings.flows import flows as run_flows

    if chart is not None:
        from treasury_leverage.cli._paths import check_output_path

        check_output_path(chart, kind="file", option="--chart")

    if start is None:  # the window every face uses (library default, preset)
        from treasury_leverage.holdings.flows import recent_window

        start, end = recent_window(holder, end=end)
    frame = run_flows(holder, start, end, band_z=band_z)
    meta = _meta(frame, "holder", "identity", "calibration_rule", "band_model", "verdict")
    meta["calibration"] = frame.attrs["calibration"]
    table = None
    if check:
        from treasury_leverage.holdings.flows import CHECK_HOLDERS, check_estimator

        names = list(dict.fromkeys([*CHECK_HOLDERS, frame.attrs["holder"]]))
        table = check_estimator(names, band_z=band_z)
    if fmt is TabularFormat.table:
        shown = frame.assign(kind=frame["valuation_kind"].map(
            lambda k: {"estimated": "est", "reported": "rep"}.get(str(k), str(k))))
        notes = ["valuation: rep = reported by TIC/Fed, est = estimated from yield changes and the "
                 "holder's maturity profile (± band: the estimator's calibration error)"]
        for source, cal in frame.attrs["calibration"].items():
            borrowed = f" (borrowed from {cal['holder']})" if cal["fallback"] else ""
            notes.append(
                f"estimator vs {source}{borrowed}: {cal['n_months']} reported months, RMSE "
                f"${cal['rmse_raw_usd_bn']:.1f}bn raw / ${cal['rmse_scaled_usd_bn']:.1f}bn calibrated "
                f"(x{cal['scale']:.2f} {cal['drift_pct_of_lt']:+.3f}% of LT a month), "
                f"{cal['rmse_pct_of_lt']:.2f}% of long-term holdings, AR(1) rho {cal['ar1_rho']:.2f}, "
                f"corr {cal['corr']:.2f}"
            )
        emit_frame(shown, fmt, title=f"{frame.attrs['holder']}: net purchases vs valuation",
                   float_digits=1, columns=_FLOWS_COLS, wide=wide, footnotes=notes)
        from treasury_leverage.cli._output import stdout_console

        stdout_console().print(house_style(frame.attrs["verdict"]), markup=False)
        if table is not None:
            check_cols = [Col("holder", "holder"), Col("period", "period"), Col("sample", "sample"),
                          Col("bias_usd_bn", "bias $bn"), Col("bias_t", "t"), Col("mae_usd_bn", "MAE $bn"),
                          Col("corr", "corr"), Col("covered", "covered")]
            emit_frame(table, fmt, float_digits=2, columns=check_cols, wide=wide,
                       title="Valuation estimator vs reported valuation changes, $bn a month",
                       footnotes=["bias = reported - estimated; in sample: calibrated on the same period; "
                                  "out: calibrated on the other period (--wide shows fit_on); covered: the "
                                  "cumulative band covers the reported cumulative net purchases",
                                  str(table.attrs["model"])])
    elif table is not None:
        # One document: the diagnostics, with the holder's flows summary in meta.
        meta.update({k: table.attrs[k] for k in ("model", "periods", "band_z", "coupons")})
        emit_frame(table, fmt, meta=meta)
    else:
        emit_frame(frame, fmt, meta=meta)
    if chart is not None:
        from treasury_leverage.report.holdings_charts import flows_chart

        _save(flows_chart(frame), chart)
