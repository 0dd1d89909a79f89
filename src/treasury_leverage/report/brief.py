"""The brief: one holder's Treasury leverage on one page (``tlev brief HOLDER``).

Built section by section. Each builder takes the holder and returns a frozen dataclass holding the
numbers (unit-carrying names), the charts (Vega-Lite specs) and a plain-words ``text``:

* :func:`holdings_section`: holdings, shares of foreign and of marketable Treasuries, the
  official share, maturity profile and run-off schedule;
* :func:`flows_section`: recent net purchases vs valuation and the verdict on "quiet selling";
* :func:`backdrop_section`: the latest ACM term premium and the April 2025 episode decomposed;
* :func:`scenario_section`: pause, run-off, sales and a coalition case, priced by the scenario
  engine;
* :func:`game_section`: the leverage game's verdict;
* :func:`provenance_section`: data vintages, presets with citations, model versions, seed.

A section whose engine is not part of this version says so (``available=False`` and a
``note``) and shows no number. :func:`build_brief` assembles a :class:`Brief`;
:func:`write_brief` writes ``brief-<holder>.html`` (self-contained: the Vega bundle inlined,
charts embedded as JSON, no network), ``charts/*.png`` and ``*.svg``, and optionally
``brief.json`` and ``brief.md``, into a folder, atomically.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import math
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage._defaults import BRIEF_DRAWS, FLOWS_WINDOW_MONTHS, TARIFF_PCT
from treasury_leverage.errors import TLError, UnknownNameError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BRIEF_MARKER",
    "EPISODE_END",
    "EPISODE_START",
    "FLOW_MONTHS",
    "BackdropSection",
    "Brief",
    "BriefChart",
    "FlowsSection",
    "GameResponseRow",
    "GameSection",
    "HoldingsSection",
    "ProvenanceSection",
    "ScenarioRow",
    "ScenarioSection",
    "backdrop_section",
    "brief_slug",
    "build_brief",
    "check_brief_target",
    "coalition_partner",
    "flows_section",
    "game_section",
    "holdings_section",
    "is_brief_folder",
    "provenance_section",
    "render_html",
    "render_markdown",
    "resolve_holder",
    "scenario_section",
    "write_brief",
]

#: The April 2025 sell-off: Friday 4 April (10-year just under 4.0%) to Friday 11 April, about
#: +50 bp on the week (our literature review).
EPISODE_START: Final = "2025-04-04"
EPISODE_END: Final = "2025-04-11"
#: Months of "recent flows" in the brief (preset default_flows_window_months, as every face).
FLOW_MONTHS: Final = FLOWS_WINDOW_MONTHS
#: What a section whose engine is missing says.
NOT_AVAILABLE: Final = "not available in this version"
_TEMPLATE: Final = "brief.html.j2"

Format = Literal["html", "md", "json"]


# -- small helpers ---------------------------------------------------------------------------------


def _f(value: Any) -> float | None:
    """A finite float, or None (NaN, None, missing)."""
    if value is None:
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    return out if math.isfinite(out) else None


def _usd(value: float | None, *, sign: bool = False) -> str:
    if value is None:
        return "n/a"
    from treasury_leverage._format import money_bn

    return money_bn(value, signed=sign)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def brief_slug(holder: str) -> str:
    """File-name form of a holder: ``"China, Mainland"`` -> ``"china-mainland"``."""
    slug = re.sub(r"[^0-9a-z]+", "-", holder.casefold()).strip("-")
    return slug or "holder"


def _records(
    frame: pd.DataFrame, columns: Sequence[str], *, index: str | None = None
) -> list[dict[str, Any]]:
    """JSON-ready records of ``columns`` (index included under ``index``), NaN as None."""
    from treasury_leverage._json import to_jsonable

    data = frame[list(columns)]
    if index is not None:
        data = data.rename_axis(index).reset_index()
    return [to_jsonable(r) for r in data.to_dict(orient="records")]


@dataclass(frozen=True)
class BriefChart:
    """One chart of the brief.

    Attributes
    ----------
    key
        File stem (``charts/<key>.png``, ``.svg``) and HTML id.
    title
        What the chart shows, in words (figure caption).
    spec
        The Vega-Lite spec.
    """

    key: str
    title: str
    spec: dict[str, Any] = field(repr=False)

    @property
    def dom_id(self) -> str:
        """Id of the chart's container in the HTML (``chart-<key>``; its spec is ``chart-<key>-spec``)."""
        return f"chart-{self.key}"

    def to_dict(self) -> dict[str, Any]:
        """Caption and the file names it is written to (the spec is in the HTML)."""
        return {"key": self.key, "title": self.title, "png": f"charts/{self.key}.png",
                "svg": f"charts/{self.key}.svg"}


def _chart(key: str, title: str, chart: Any) -> BriefChart:
    from treasury_leverage.report.html import chart_spec

    return BriefChart(key=key, title=title, spec=chart_spec(chart))


def _plain(value: Any) -> Any:
    """Dataclass -> dict recursively (charts by file name), for :meth:`Brief.to_dict`."""
    from treasury_leverage._json import to_jsonable

    if isinstance(value, BriefChart):
        return value.to_dict()
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return to_jsonable(value)


# -- holder --------------------------------------------------------------------------------------


def resolve_holder(holder: str) -> str:
    """The atlas's name for ``holder`` (``"uk"`` -> ``"United Kingdom"``), or a clear error.

    Raises
    ------
    UnknownNameError
        Unknown holder; the message lists close matches (looser than the data layer's, so that
        ``"atlantis"`` still gets suggestions).
    """
    import difflib

    from treasury_leverage.data import api
    from treasury_leverage.data.countries import resolve_country

    names = api.holders()
    try:
        return resolve_country(holder, names)
    except UnknownNameError as exc:
        if "did you mean" in str(exc):
            raise
        lowered = {n.casefold(): n for n in names}
        matches = difflib.get_close_matches(holder.casefold(), list(lowered), n=3, cutoff=0.3)
        near = [lowered[m] for m in matches]
        err = UnknownNameError("holder", holder, names)
        if near:
            err.args = (f"unknown holder {holder!r}; close matches: {', '.join(repr(n) for n in near)} "
                        "(tlev holders lists them all)",)
        raise err from None


# -- 1. holdings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HoldingsSection:
    """Holdings, shares, official share, maturity profile and run-off of one holder.

    Shares are of the TIC Grand Total (``share_of_foreign_pct``) and of marketable Treasuries
    held by the public (MSPD, ``share_of_marketable_pct``). TIC does not split a country's
    holdings into official and private: ``official_share_pct`` is set only for the aggregate rows,
    ``foreign_official_share_pct`` is the share of all foreign holdings that is official.
    """

    holder: str
    date: str
    holdings_usd_bn: float
    change_12m_usd_bn: float | None
    rank: int | None
    n_ranked: int
    share_of_foreign_pct: float | None
    share_of_marketable_pct: float | None
    official_share_pct: float | None
    foreign_official_share_pct: float | None
    official_note: str
    custodial: bool
    custodial_note: str
    series_end_note: str
    bills_share_pct: float
    bills_share_source: str
    notes_bonds_profile_source: str
    matures_1y_usd_bn: float
    matures_2y_usd_bn: float
    matures_10y_usd_bn: float
    maturity_profile: list[dict[str, Any]]
    runoff: list[dict[str, Any]]
    text: str
    charts: tuple[BriefChart, ...] = ()
    title: str = "Holdings"


def holdings_section(holder: str, *, date: Any | None = None) -> HoldingsSection:
    """Holdings, shares, official share, maturity profile and run-off schedule (with charts).

    Parameters
    ----------
    holder
        A holder name (forgiving match).
    date
        Month of the snapshot; the holder's latest month if None.
    """
    import pandas as pd

    from treasury_leverage.data.countries import is_custodial
    from treasury_leverage.holdings.atlas import AGGREGATE_ROWS, holder_history, month_end, ranking
    from treasury_leverage.holdings.profile import maturity_profile, runoff_schedule
    from treasury_leverage.report.holdings_charts import (
        holdings_history_chart,
        maturity_profile_chart,
        runoff_chart,
    )

    name = resolve_holder(holder)
    hist = holder_history(name)
    when = hist.index.max() if date is None else month_end(date)
    if when not in hist.index:
        from treasury_leverage.errors import InputError

        raise InputError(f"date {date!r}: no holdings of {name} for {when:%Y-%m}; data cover "
                         f"{hist.index.min():%Y-%m} to {hist.index.max():%Y-%m}")
    row = hist.loc[when]
    table = ranking(when)
    ranked = table[table.index > 0]
    mine = ranked[ranked["holder"] == name]
    rank = int(mine.index[0]) if len(mine) else None
    grand = float(table.attrs["grand_total_usd_bn"])
    official_all = 100.0 * float(table.attrs["foreign_official_usd_bn"]) / grand
    official_own = _f(row.get("official_share_pct")) if "official_share_pct" in hist.columns else None
    if official_own is not None:
        official_note = f"Foreign official institutions held {official_own:.1f}% of all foreign holdings."
    else:
        official_note = (f"TIC does not split {name}'s holdings into official and private; for all foreign "
                         f"holders the official share was {official_all:.1f}% in {when:%Y-%m}.")
    custodial = is_custodial(name)
    custodial_note = (
        f"{name} is a custodial centre: TIC records holdings by the country of the custodian, not of "
        f"the owner, so much of these holdings belongs to investors elsewhere. Who would sell is unknown; "
        f"the scenarios below treat {name} as one holder for illustration only."
        if custodial else ""
    )
    latest = ranking().attrs["date"]
    series_end_note = (
        f"TIC stopped reporting {name} separately after {when:%B %Y} (the latest month is "
        f"{pd.Timestamp(latest):%B %Y}): the numbers below are as of then, and the scenarios take its "
        "holdings as unchanged since." if date is None and f"{when:%Y-%m-%d}" < latest else ""
    )
    profile = maturity_profile(name, date=when)
    runoff = runoff_schedule(name, date=when, years=10, profile=profile)
    total = float(row["holdings_usd_bn"])
    change = _f(row["change_12m_usd_bn"])
    share_f, share_m = _f(row["share_of_foreign_pct"]), _f(row["share_of_marketable_pct"])
    m1 = float(runoff["cumulative_usd_bn"].iloc[0])
    m2 = float(runoff["cumulative_usd_bn"].iloc[1])
    m10 = float(runoff["cumulative_usd_bn"].iloc[-1])

    if name in AGGREGATE_ROWS:
        who = f"{name} (an aggregate of holders)"
    elif rank is not None:
        who = f"{name}, the {'largest' if rank == 1 else _ordinal(rank) + '-largest'} foreign holder,"
    else:
        who = name
    words = [f"At the end of {when:%B %Y} {who} held {_usd(total)} of U.S. Treasuries at market value"]
    shares = []
    if share_f is not None:
        shares.append(f"{share_f:.1f}% of all foreign holdings")
    if share_m is not None:
        shares.append(f"{share_m:.1f}% of marketable Treasuries held by the public")
    text = words[0] + (": " + " and ".join(shares) if shares else "") + "."
    if change is not None:
        text += f" That is {_usd(change, sign=True)} over twelve months (market value: trades and prices)."
    text += " " + official_note
    text += (f" About {100 * profile.st_share:.0f}% is bills ({profile.st_source}); if nothing were rolled "
             f"over, {_usd(m1)} would mature within a year and {_usd(m2)} within two (notes and bonds spread "
             f"by an assumed maturity profile).")

    hist_window = hist.loc[when - pd.DateOffset(years=15): when]
    charts = (
        _chart("holdings", f"{name}: Treasury holdings (TIC, market value)",
               holdings_history_chart(hist_window, title=f"{name}: Treasury holdings (TIC, USD bn)")),
        _chart("maturity_profile", f"{name}: share of holdings by remaining maturity",
               maturity_profile_chart(profile.table())),
        _chart("runoff", f"{name}: run-off schedule of the {when:%Y-%m} holdings",
               runoff_chart(runoff)),
    )
    return HoldingsSection(
        holder=name,
        date=f"{when:%Y-%m-%d}",
        holdings_usd_bn=total,
        change_12m_usd_bn=change,
        rank=rank,
        n_ranked=len(ranked),
        share_of_foreign_pct=share_f,
        share_of_marketable_pct=share_m,
        official_share_pct=official_own,
        foreign_official_share_pct=official_all,
        official_note=official_note,
        custodial=custodial,
        custodial_note=custodial_note,
        series_end_note=series_end_note,
        bills_share_pct=100.0 * profile.st_share,
        bills_share_source=profile.st_source,
        notes_bonds_profile_source=profile.lt_source,
        matures_1y_usd_bn=m1,
        matures_2y_usd_bn=m2,
        matures_10y_usd_bn=m10,
        maturity_profile=_records(profile.table(),
                                  ["bucket", "from_years", "to_years", "share_of_holdings_pct"]),
        runoff=_records(runoff, ["matures_usd_bn", "cumulative_usd_bn", "cumulative_pct"], index="year"),
        text=text,
        charts=charts,
    )


# -- 2. flows --------------------------------------------------------------------------------------

QuietSelling = Literal["yes", "no", "unclear", "not available"]


@dataclass(frozen=True)
class FlowsSection:
    """Recent net purchases vs valuation, and whether the holder is quietly selling.

    ``net_purchases_usd_bn`` is the change in holdings minus valuation over the window (series
    breaks left out); ``band_usd_bn`` is the half-width of its estimation band (months with an
    estimated valuation; zero if every month is reported). ``quiet_selling`` is ``"yes"`` when
    the holder sold on net beyond the band, ``"no"`` when it bought on net beyond the band,
    ``"unclear"`` otherwise.
    """

    holder: str
    available: bool
    start: str | None = None
    end: str | None = None
    months: int = 0
    change_usd_bn: float | None = None
    valuation_usd_bn: float | None = None
    net_purchases_usd_bn: float | None = None
    band_usd_bn: float | None = None
    net_purchases_12m_usd_bn: float | None = None
    months_reported: int = 0
    months_estimated: int = 0
    quiet_selling: QuietSelling = "not available"
    verdict: str = ""
    monthly: list[dict[str, Any]] = field(default_factory=list)
    text: str = ""
    note: str = ""
    charts: tuple[BriefChart, ...] = ()
    title: str = "Recent flows: trades or prices?"


def flows_section(holder: str, *, months: int = FLOW_MONTHS, end: Any | None = None) -> FlowsSection:
    """Net purchases vs valuation over the last ``months`` months, with the verdict.

    Parameters
    ----------
    holder
        A holder name.
    months
        Length of the window, ending at the holder's latest month (or ``end``).
    end
        Last month of the window.
    """
    import numpy as np
    import pandas as pd

    from treasury_leverage.holdings.atlas import holder_history, month_end
    from treasury_leverage.holdings.flows import flows
    from treasury_leverage.report.holdings_charts import flows_chart

    name = resolve_holder(holder)
    last = holder_history(name).index.max() if end is None else month_end(end)
    first = last - pd.offsets.MonthEnd(months - 1)
    try:
        frame = flows(name, f"{first:%Y-%m}", f"{last:%Y-%m}")
    except TLError as exc:
        return FlowsSection(holder=name, available=False, note=f"The flow detective cannot split {name}'s "
                            f"changes: {exc}")
    ok = frame["net_purchases_usd_bn"].notna()
    net = float(frame.loc[ok, "net_purchases_usd_bn"].sum())
    change = float(frame.loc[ok, "change_usd_bn"].sum())
    valuation = float(frame.loc[ok, "valuation_usd_bn"].sum())
    band = float(np.sqrt((frame.loc[ok, "band_usd_bn"].fillna(0.0) ** 2).sum()))
    last12 = frame.loc[ok & (frame.index > last - pd.offsets.MonthEnd(12)), "net_purchases_usd_bn"]
    n_rep = int((ok & (frame["valuation_kind"] == "reported")).sum())
    n_est = int((ok & (frame["valuation_kind"] == "estimated")).sum())
    span = f"{frame.index.min():%b %Y}-{last:%b %Y}"
    if net < 0 and abs(net) > band:
        quiet: QuietSelling = "yes"
        answer = (f"Yes: {name} sold on net {_usd(abs(net))} of Treasuries over {span}, more than the "
                  f"estimation band (+/- {_usd(band)}).")
    elif net > 0 and net > band:
        quiet = "no"
        answer = (f"No: {name} bought on net {_usd(net)} of Treasuries over {span}, more than the "
                  f"estimation band (+/- {_usd(band)}).")
    else:
        quiet = "unclear"
        answer = (f"Cannot tell: {name}'s net purchases over {span} were {_usd(net, sign=True)}, within the "
                  f"estimation band (+/- {_usd(band)}).")
    text = (f"{answer} Holdings changed by {_usd(change, sign=True)}, of which price moves (valuation) "
            f"{_usd(valuation, sign=True)} and trades {_usd(net, sign=True)}. Valuation is reported by the "
            f"TIC in {n_rep} of these months and estimated by repricing a ladder of bonds in {n_est}.")
    monthly = _records(frame, ["holdings_usd_bn", "change_usd_bn", "valuation_usd_bn", "valuation_kind",
                               "net_purchases_usd_bn", "band_usd_bn"], index="date")
    return FlowsSection(
        holder=name,
        available=True,
        start=f"{frame.index.min():%Y-%m-%d}",
        end=f"{frame.index.max():%Y-%m-%d}",
        months=len(frame),
        change_usd_bn=change,
        valuation_usd_bn=valuation,
        net_purchases_usd_bn=net,
        band_usd_bn=band,
        net_purchases_12m_usd_bn=float(last12.sum()),
        months_reported=n_rep,
        months_estimated=n_est,
        quiet_selling=quiet,
        verdict=str(frame.attrs.get("verdict", "")),
        monthly=monthly,
        text=text,
        charts=(_chart("flows", f"{name}: monthly change in holdings split into trades and price moves",
                       flows_chart(frame)),),
    )


# -- 3. yield backdrop -------------------------------------------------------------------------


@dataclass(frozen=True)
class BackdropSection:
    """The yield backdrop: latest yields and ACM term premium; an episode decomposed."""

    available: bool
    yields_date: str | None = None
    yield_10y_pct: float | None = None
    yield_30y_pct: float | None = None
    term_premium_10y_date: str | None = None
    term_premium_10y_pct: float | None = None
    term_premium_10y_change_12m_bp: float | None = None
    term_premium_10y_avg_since_2000_pct: float | None = None
    episode: dict[str, Any] = field(default_factory=dict)
    episode_headline: str = ""
    model: str = ""
    text: str = ""
    note: str = ""
    charts: tuple[BriefChart, ...] = ()
    title: str = "The yield backdrop"


def backdrop_section(*, episode: tuple[str, str] = (EPISODE_START, EPISODE_END)) -> BackdropSection:
    """The latest term premium (daily ACM, toolkit estimate) and an episode split (default April 2025).

    Parameters
    ----------
    episode
        First and last day of the yield episode to decompose.
    """
    import pandas as pd

    from treasury_leverage.data import api
    from treasury_leverage.report.termpremium_charts import episode_chart, term_premium_chart
    from treasury_leverage.termpremium.episode import decompose
    from treasury_leverage.termpremium.estimate import term_premium_series

    try:
        daily = term_premium_series(10, frequency="daily")
        monthly = term_premium_series(10, start="2000-01-01")
        split = decompose(episode[0], episode[1], maturities=(2, 5, 10, 30))
        par = api.par_curve()
    except TLError as exc:
        return BackdropSection(available=False, note=f"The term premium could not be estimated: {exc}")
    last_day = daily.index.max()
    tp = float(daily["term_premium_pct"].iloc[-1])
    year_ago = daily.loc[: last_day - pd.DateOffset(years=1), "term_premium_pct"]
    change_12m = 100.0 * (tp - float(year_ago.iloc[-1])) if len(year_ago) else None
    avg = float(monthly["term_premium_pct"].mean())
    curve = par[["10Y", "30Y"]].dropna()
    yday = curve.index.max()
    y10, y30 = float(curve.loc[yday, "10Y"]), float(curve.loc[yday, "30Y"])
    text = (f"On {last_day:%d %B %Y} the 10-year term premium (ACM, the toolkit's own estimate) was "
            f"{100 * tp:.0f} bp")
    if change_12m is not None:
        text += f", {change_12m:+.0f} bp over a year"
    text += f" (average since 2000: {100 * avg:.0f} bp). "
    text += f"Treasury par yields on {yday:%d %B %Y}: 10-year {y10:.2f}%, 30-year {y30:.2f}%. "
    headline = split.headline()
    if headline:
        text += (f"In the April 2025 sell-off ({split.start_date:%d %b} to {split.end_date:%d %b %Y}): "
                 f"{headline}")
    ten = max((int(m) for m in split.yields.index if m <= 10), default=10)
    charts = (
        _chart("term_premium", "ACM 10-year term premium, month-end since 2000",
               term_premium_chart(monthly, maturity_years=10,
                                  title="ACM 10-year term premium and expected short rates (month-end)")),
        _chart("episode", "The April 2025 episode: yield changes split into expected short rates and term "
               "premium", episode_chart(split.yields, path=split.path, path_maturity_years=ten,
                                        title=f"Treasury yields {split.start_date:%Y-%m-%d} -> "
                                        f"{split.end_date:%Y-%m-%d}: expected short rates vs term premium")),
    )
    return BackdropSection(
        available=True,
        yields_date=f"{yday:%Y-%m-%d}",
        yield_10y_pct=y10,
        yield_30y_pct=y30,
        term_premium_10y_date=f"{last_day:%Y-%m-%d}",
        term_premium_10y_pct=tp,
        term_premium_10y_change_12m_bp=change_12m,
        term_premium_10y_avg_since_2000_pct=avg,
        episode=split.to_dict(),
        episode_headline=headline,
        model=split.model,
        text=text,
        charts=charts,
    )


# -- 4. scenarios ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScenarioRow:
    """One scenario of the table: yields impact with bands, both sides' bills, leverage ratio.

    When the engine ran the ``pooled`` model (the default), the headline is the pooled mixture's
    median with its p5-p95 band (one distribution over the model families; yields and both bills
    from the same draws) and ``impact_10y_permanent_*`` the permanent 10-year effect after the
    transient has decayed. Otherwise (named models only) the headline is the **median over the
    models** of their central values, the band from the lowest 5th to the highest 95th
    percentile over the models' parameter draws.
    Yields impacts are read at the end of the action (the engine's end point). The holder's bill
    is the engine's total (sale concession, mark-to-market of what it keeps, FX effect; positive
    = a loss); the U.S. bill is the extra federal interest over ``us_cost_horizon_years``;
    ``leverage_ratio`` is the median over the models of U.S. bill / holder's bill. ``models``
    holds each model's numbers.
    """

    case: str
    description: str
    available: bool = True
    impact_10y_bp: float | None = None
    impact_10y_p5_bp: float | None = None
    impact_10y_p95_bp: float | None = None
    impact_30y_bp: float | None = None
    impact_30y_p5_bp: float | None = None
    impact_30y_p95_bp: float | None = None
    holder_cost_usd_bn: float | None = None
    holder_cost_p5_usd_bn: float | None = None
    holder_cost_p95_usd_bn: float | None = None
    us_cost_usd_bn: float | None = None
    us_cost_p5_usd_bn: float | None = None
    us_cost_p95_usd_bn: float | None = None
    us_cost_horizon_years: int | None = None
    leverage_ratio: float | None = None
    end_point: str = ""
    spec_hash: str = ""
    models: tuple[dict[str, Any], ...] = ()
    note: str = ""
    impact_10y_permanent_bp: float | None = None
    impact_10y_permanent_p5_bp: float | None = None
    impact_10y_permanent_p95_bp: float | None = None


@dataclass(frozen=True)
class ScenarioSection:
    """The scenario table (pause, run-off, sales, coalition) or why it is missing."""

    holder: str
    available: bool
    rows: tuple[ScenarioRow, ...] = ()
    draws: int = 0
    seed: int | None = None
    presets: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    model_citations: dict[str, str] = field(default_factory=dict)
    start: str | None = None
    notes: tuple[str, ...] = ()
    text: str = ""
    note: str = ""
    charts: tuple[BriefChart, ...] = ()
    title: str = "What if: scenarios"


#: The scenarios of the brief: key, description (``{holder}``, ``{partner}`` filled in).
SCENARIO_CASES: Final[tuple[tuple[str, str], ...]] = (
    ("pause_12m", "{holder} stops net purchases for 12 months"),
    ("runoff_24m", "{holder} lets maturing Treasuries run off for 24 months"),
    ("sell_100bn_60d", "{holder} sells $100 bn over 60 business days"),
    ("sell_300bn_60d", "{holder} sells $300 bn over 60 business days"),
    ("sell_25pct_60d", "{holder} sells 25% of its holdings over 60 business days"),
    ("coalition_60d", "{holder} and {partner} each sell {coalition_amount} over 60 business days"),
)
#: The joint sale of the coalition case and game: $300 bn each, or 25% each for a holder with less.
COALITION_SALE_USD_BN: Final = 300.0
#: Horizon (years) of the U.S. bill in the table: the leverage game's (preset game_horizon_years).
_US_HORIZON_PRESET: Final = "game_horizon_years"


def _engine() -> Callable[..., Any] | None:
    """The scenario engine's ``run`` if this version has it."""
    try:
        from treasury_leverage.scenario.engine import run
    except Exception:  # an absent or half-installed engine means "not available"
        return None
    return run


def coalition_partner(holder: str) -> str | None:
    """The partner of the coalition case: China for Japan, Japan for any other single holder.

    None for the aggregate rows (all foreign or official holders act as one already).
    """
    from treasury_leverage.holdings.atlas import AGGREGATE_ROWS

    if holder in AGGREGATE_ROWS or holder == "All Other":
        return None
    return "China, Mainland" if holder == "Japan" else "Japan"


def latest_holdings_usd_bn(holder: str) -> float:
    """The holder's latest TIC holdings (USD bn): what the scenario engine sells from."""
    from treasury_leverage.data import api

    series = api.holdings(holder).dropna()
    return float(series.iloc[-1]) if len(series) else float("nan")


def _coalition_sale(holdings_usd_bn: float) -> tuple[dict[str, float], str, str]:
    """The coalition's per-member sale: (spec fields, words, game response label)."""
    if holdings_usd_bn > COALITION_SALE_USD_BN:
        return ({"amount_usd_bn": COALITION_SALE_USD_BN}, f"${COALITION_SALE_USD_BN:,.0f} bn",
                f"sell {COALITION_SALE_USD_BN:g}bn")
    return {"amount_pct": 25.0}, "25% of its holdings", "sell 25%"


def _case_spec(case: str, name: str, partner: str | None, *, draws: int, seed: int,
               holdings_usd_bn: float = math.inf) -> dict[str, Any] | None:
    sell = {"days": 60}
    actors: list[dict[str, Any]]
    if case == "pause_12m":
        actors = [{"holder": name, "pause": {"months": 12}}]
    elif case == "runoff_24m":
        actors = [{"holder": name, "runoff": {"months": 24}}]
    elif case == "sell_100bn_60d":
        actors = [{"holder": name, "sell": {**sell, "amount_usd_bn": 100}}]
    elif case == "sell_300bn_60d":
        actors = [{"holder": name, "sell": {**sell, "amount_usd_bn": 300}}]
    elif case == "sell_25pct_60d":
        actors = [{"holder": name, "sell": {**sell, "amount_pct": 25}}]
    else:
        if partner is None:
            return None
        amount = _coalition_sale(holdings_usd_bn)[0]
        actors = [{"holder": h, "sell": {**sell, **amount}} for h in (name, partner)]
    return {"name": f"brief {case}", "actors": actors, "draws": draws, "seed": seed}


def _median(values: Iterable[float]) -> float | None:
    import numpy as np

    vals = [v for v in values if v is not None and math.isfinite(v)]
    return float(np.median(vals)) if vals else None


def _row_from_result(case: str, description: str, result: Any, holder_key: str, horizon: int) -> ScenarioRow:
    """Summarise a ScenarioResult over its models (see :class:`ScenarioRow`)."""
    grid, index = result.end_point()
    draws = result.draws > 0
    per_model: list[dict[str, Any]] = []
    for model in result.models:
        entry: dict[str, Any] = {"model": model}
        for m in (10.0, 30.0):
            key = f"impact_{m:g}y"
            entry[f"{key}_bp"] = result.shift_bp(model, m, grid=grid, index=index)
            for band in ("p5", "p95"):
                entry[f"{key}_{band}_bp"] = result.shift_bp(model, m, grid=grid, index=index,
                                                            band=band if draws else None)
        entry["holder_cost_usd_bn"] = result.cost(model, holder_key)
        entry["holder_cost_p5_usd_bn"] = result.cost(model, holder_key, band="p5" if draws else None)
        entry["holder_cost_p95_usd_bn"] = result.cost(model, holder_key, band="p95" if draws else None)
        bill = (result.us_bill or {}).get(model)
        if bill is not None and horizon in bill["horizons_years"]:
            h = list(bill["horizons_years"]).index(horizon)
            entry["us_cost_usd_bn"] = float(bill["extra_interest_usd_bn"][h])
            bands = bill.get("extra_interest_bands_usd_bn") or []
            entry["us_cost_p5_usd_bn"] = float(bands[h][0]) if len(bands) > h else entry["us_cost_usd_bn"]
            entry["us_cost_p95_usd_bn"] = float(bands[h][2]) if len(bands) > h else entry["us_cost_usd_bn"]
            own = entry["holder_cost_usd_bn"]
            entry["leverage_ratio"] = entry["us_cost_usd_bn"] / own if own > 0 else None
        per_model.append(entry)

    def med(k: str) -> float | None:
        return _median(e[k] for e in per_model if e.get(k) is not None)

    def lo(k: str) -> float | None:
        vals = [e[k] for e in per_model if e.get(k) is not None]
        return float(min(vals)) if vals else None

    def hi(k: str) -> float | None:
        vals = [e[k] for e in per_model if e.get(k) is not None]
        return float(max(vals)) if vals else None

    if "pooled" in result.models:
        return _pooled_row(case, description, result, holder_key, horizon, per_model)
    return ScenarioRow(
        case=case, description=description,
        impact_10y_bp=med("impact_10y_bp"), impact_10y_p5_bp=lo("impact_10y_p5_bp"),
        impact_10y_p95_bp=hi("impact_10y_p95_bp"),
        impact_30y_bp=med("impact_30y_bp"), impact_30y_p5_bp=lo("impact_30y_p5_bp"),
        impact_30y_p95_bp=hi("impact_30y_p95_bp"),
        holder_cost_usd_bn=med("holder_cost_usd_bn"), holder_cost_p5_usd_bn=lo("holder_cost_p5_usd_bn"),
        holder_cost_p95_usd_bn=hi("holder_cost_p95_usd_bn"),
        us_cost_usd_bn=med("us_cost_usd_bn"), us_cost_p5_usd_bn=lo("us_cost_p5_usd_bn"),
        us_cost_p95_usd_bn=hi("us_cost_p95_usd_bn"), us_cost_horizon_years=horizon,
        leverage_ratio=med("leverage_ratio"),
        end_point=f"{grid} {index + 1}", spec_hash=str(result.spec_hash), models=tuple(per_model),
    )


_POOLED_NOTE: Final = "pooled mixture of the model families (p50, band p5-p95 of the pooled draws)"


def _pooled_row(case: str, description: str, result: Any, holder_key: str, horizon: int,
                per_model: list[dict[str, Any]]) -> ScenarioRow:
    """The row from the pooled mixture alone (issue 12): p50 [p5, p95] of the pooled draws, the
    yields, the holder's and the U.S. bill of a draw all from the same draw; the per-model numbers
    stay in ``models``. ``leverage_ratio`` = pooled median U.S. bill / pooled median holder's bill."""
    draws = result.draws > 0
    grid, index = result.end_point()

    def shift(m: float, band: str) -> float:
        return float(result.shift_bp("pooled", m, grid=grid, index=index, band=band if draws else None))

    # Both sides on one basis (issue 13): present values over the cost horizon at the start day's
    # curve, the holder's horizon total return and the U.S. extra interest, from the same draws.
    has_pv = any(r.get("model") == "pooled" and r.get("item") == "total_pv_usd_bn"
                 for r in result.seller_rows)
    item = "total_pv_usd_bn" if has_pv else "total_usd_bn"

    def cost(band: str) -> float:
        return float(result.cost("pooled", holder_key, item, band=band if draws else None))

    us: dict[str, float | None] = dict.fromkeys(("p5", "p50", "p95"))
    bill = (result.us_bill or {}).get("pooled")
    if bill is not None and ("pv_extra_interest_usd_bn" in bill or "pv_extra_interest_bands_usd_bn" in bill):
        from treasury_leverage.presets import preset_value

        horizon = int(bill.get("pv_horizon_years", preset_value("cost_horizon_years")))
        bands = bill.get("pv_extra_interest_bands_usd_bn") or []
        central = bill.get("pv_extra_interest_usd_bn")
        us = {b: (float(bands[i]) if len(bands) == 3 else (None if central is None else float(central)))
              for i, b in enumerate(("p5", "p50", "p95"))}
    elif bill is not None and horizon in bill["horizons_years"]:
        h = list(bill["horizons_years"]).index(horizon)
        bands = bill.get("extra_interest_bands_usd_bn") or []
        central = float(bill["extra_interest_usd_bn"][h])
        us = {b: (float(bands[h][i]) if len(bands) > h else central)
              for i, b in enumerate(("p5", "p50", "p95"))}
    holder_mid = cost("p50")
    perm = result.peak_permanent("pooled", 10.0)["permanent_bp"]
    return ScenarioRow(
        case=case, description=description,
        impact_10y_bp=shift(10.0, "p50"), impact_10y_p5_bp=shift(10.0, "p5"),
        impact_10y_p95_bp=shift(10.0, "p95"),
        impact_30y_bp=shift(30.0, "p50"), impact_30y_p5_bp=shift(30.0, "p5"),
        impact_30y_p95_bp=shift(30.0, "p95"),
        holder_cost_usd_bn=holder_mid, holder_cost_p5_usd_bn=cost("p5"), holder_cost_p95_usd_bn=cost("p95"),
        us_cost_usd_bn=us["p50"], us_cost_p5_usd_bn=us["p5"], us_cost_p95_usd_bn=us["p95"],
        us_cost_horizon_years=horizon,
        # A ratio only where the action costs both sides: a loss per loss, not a ratio of two gains.
        leverage_ratio=(us["p50"] / holder_mid if us["p50"] is not None and us["p50"] > 0 and holder_mid > 0
                        else None),
        end_point=f"{grid} {index + 1}", spec_hash=str(result.spec_hash), models=tuple(per_model),
        impact_10y_permanent_bp=perm.get("p50", perm["central"]),
        impact_10y_permanent_p5_bp=perm.get("p5", perm["central"]),
        impact_10y_permanent_p95_bp=perm.get("p95", perm["central"]),
        note=(f"{_POOLED_NOTE}; costs in present value over {horizon} years" if item == "total_pv_usd_bn"
              else _POOLED_NOTE),
    )


def scenario_section(holder: str, *, draws: int = BRIEF_DRAWS, seed: int = 0) -> ScenarioSection:
    """The scenario table for ``holder``, priced by :func:`treasury_leverage.scenario.engine.run`.

    Cases: :data:`SCENARIO_CASES`. A case the data rule out (a sale larger than the holdings)
    gets a row with the reason and no numbers. Without the engine, an unavailable section with
    no numbers at all.

    Parameters
    ----------
    holder
        A holder name.
    draws, seed
        Parameter draws per impact model and their seed.
    """
    from treasury_leverage._stages import stage

    name = resolve_holder(holder)
    run = _engine()
    if run is None:
        return ScenarioSection(
            holder=name, available=False, seed=None,
            note=f"The scenario table (pause 12 months, run off 24 months, sell $100 bn / $300 bn / 25% of "
            f"holdings over 60 days, a coalition case) is {NOT_AVAILABLE}: the scenario engine is not "
            f"installed. No numbers are shown rather than invented ones.",
        )
    from treasury_leverage.presets import preset_value

    horizon = int(preset_value(_US_HORIZON_PRESET))
    partner = coalition_partner(name)
    rows: list[ScenarioRow] = []
    presets: set[str] = {_US_HORIZON_PRESET}
    models: list[str] = []
    notes: list[str] = []
    citations: dict[str, str] = {}
    start: str | None = None
    held = latest_holdings_usd_bn(name)
    for case, template in SCENARIO_CASES:
        description = template.format(holder=name, partner=partner or "",
                                       coalition_amount=_coalition_sale(held)[1])
        spec = _case_spec(case, name, partner, draws=draws, seed=seed, holdings_usd_bn=held)
        if spec is None:
            rows.append(ScenarioRow(case=case, description=description.replace(" and  ", " and others "),
                                    available=False, note=f"no coalition case for {name}, an aggregate"))
            continue
        try:
            with stage("engine runs"):
                result = run(spec)
        except TLError as exc:
            rows.append(ScenarioRow(case=case, description=description, available=False, note=str(exc)))
            continue
        holder_key = next((h["holder"] for h in result.holders if h["holder"] == name), name)
        row = _row_from_result(case, description, result, holder_key, horizon)
        # The engine's notes about this holder's action (e.g. a pause of net *selling*) go with the row.
        own = [n for n in result.notes if n.startswith(f"{name}:")]
        if own:
            row = dataclasses.replace(row, note="; ".join(own))
        rows.append(row)
        for names in result.presets.get("models", {}).values():
            presets.update(names)
        presets.update(result.presets.get("seller", []))
        models = models or list(result.models)
        for m, path in result.paths.items():
            citations.setdefault(m, f"{path.citation}; {path.source}".strip("; "))
        start = start or result.start.isoformat()
        notes.extend(n for n in result.notes if n not in notes and not n.startswith(f"{name}:"))
    done = [r for r in rows if r.available]
    if not done:
        return ScenarioSection(holder=name, available=False, rows=tuple(rows), draws=draws, seed=seed,
                               note="No scenario could be run for this holder: "
                               + "; ".join(r.note for r in rows))
    text = _scenario_words(name, done, len(models))
    flat = [m["model"] for r in done for m in r.models
            if r.case == done[-1].case and abs(m["impact_30y_bp"] - m["impact_10y_bp"]) < 1e-9]
    if flat:
        text += (f" {len(flat)} of the {len(models)} models hold the shift flat beyond 10 years (they are "
                 "calibrated on the 10-year), so the 30-year impact mostly repeats the 10-year one.")
    return ScenarioSection(
        holder=name, available=True, rows=tuple(rows), draws=draws, seed=seed, presets=tuple(sorted(presets)),
        models=tuple(models), model_citations=citations, start=start, notes=tuple(notes), text=text,
        charts=(_chart("scenarios", f"{name}: scenarios, 10- and 30-year yield impact and both sides' bills "
                       "(median over impact models, band lowest p5 to highest p95)", _scenario_chart(done)),),
    )


def _fima_repo_sentence() -> str:
    """What the Fed's FIMA repo facility does to the argument that an official holder must sell."""
    from treasury_leverage.presets import preset_value

    spread = preset_value("fima_repo_spread_over_iorb_bp")
    return ("An official holder need not sell to raise dollars: the Fed's FIMA repo facility lends "
            f"against its Treasuries at about IORB + {spread:.0f} bp (USD {spread / 100:.2f}bn a year per "
            "USD 100bn, no market impact; game response 'repo 300bn'), so a sale is a choice, not a "
            "necessity, and a threat to sell must be credible as a choice.")


def _scenario_words(name: str, rows: Sequence[ScenarioRow], n_models: int) -> str:
    by_case = {r.case: r for r in rows}
    pooled = any(r.impact_10y_permanent_bp is not None for r in rows)
    if pooled:
        parts = ["Each scenario is priced by the pooled mixture of four independent model families (flow "
                 "studies, stock/duration, preferred habitat, execution; equal weights), every per-dollar "
                 "coefficient scaled to today's market; numbers are the pooled median, bands its "
                 "5th-95th percentiles, and yields and both bills of a draw come from the same draw."]
    else:
        parts = [f"Each scenario is priced by {n_models} impact models; numbers are their median, bands the "
                 f"range of their 5th-95th percentiles."]
    big = by_case.get("sell_300bn_60d") or rows[-1]
    if pooled and big.impact_10y_permanent_bp is not None:
        parts.append(
            f"{big.description}: once the transient flow effect has decayed, the 10-year stays about "
            f"{big.impact_10y_permanent_bp:.0f} bp higher (band {_fmt(big.impact_10y_permanent_p5_bp, 0)} to "
            f"{_fmt(big.impact_10y_permanent_p95_bp, 0)}): the stock literature's 3-10 bp per USD 100bn of "
            "10-year equivalents (Crawley et al. 2022; Li & Wei 2013; D'Amico & King 2013).")
    if pooled:
        from treasury_leverage.presets import preset_value

        parts.append(
            "These numbers assume no policy reaction. If the Treasury shifted issuance toward bills by "
            f"{100 * preset_value('policy_treasury_offset_share'):.0f}% of the duration sold (Hamilton & Wu "
            "2012), the permanent effect would fall by that share; market-functioning Fed purchases would "
            "cap "
            f"the 10-year's transient rise near {preset_value('policy_fed_threshold_bp'):.0f} bp "
            "(`tlev impact --compare --policy treasury|fed`).")
    parts.append(_fima_repo_sentence())
    if big.impact_10y_bp is not None:
        parts.append(
            f"{big.description}: the 10-year yield rises by about {big.impact_10y_bp:.0f} bp (band "
            f"{_fmt(big.impact_10y_p5_bp, 0)} to {_fmt(big.impact_10y_p95_bp, 0)}); it costs {name} "
            f"{_usd(big.holder_cost_usd_bn)} and the U.S. Treasury {_usd(big.us_cost_usd_bn)} of extra "
            f"interest over {big.us_cost_horizon_years} years"
            + (f", {big.leverage_ratio:.1f} dollars for every dollar it costs {name}."
               if big.leverage_ratio is not None else ".")
        )
    pause = by_case.get("pause_12m")
    if pause is not None and pause.impact_10y_bp is not None:
        parts.append(f"Merely pausing purchases for a year moves the 10-year by about "
                     f"{pause.impact_10y_bp:.0f} bp and costs {name} {_usd(pause.holder_cost_usd_bn)}.")
    return " ".join(parts)


def _scenario_chart(rows: Sequence[ScenarioRow]) -> Any:
    """Impact (10y, 30y) with bands, and both sides' bills, one line per scenario."""
    import altair as alt
    import pandas as pd

    impact = pd.DataFrame([
        {"scenario": r.description, "maturity": m, "impact_bp": getattr(r, f"impact_{m}_bp"),
         "low_bp": getattr(r, f"impact_{m}_p5_bp"), "high_bp": getattr(r, f"impact_{m}_p95_bp")}
        for r in rows for m in ("10y", "30y")
    ])
    order = [r.description for r in rows]
    y = alt.Y("scenario:N", sort=order, title=None, axis=alt.Axis(labelLimit=320))
    offset = alt.YOffset("maturity:N")
    color = alt.Color("maturity:N", title="Maturity", legend=alt.Legend(orient="top"))
    rules = alt.Chart(impact).mark_rule(strokeWidth=2, opacity=0.6).encode(
        y=y, yOffset=offset, x=alt.X("low_bp:Q", title="Yield impact at the end of the action (bp)"),
        x2="high_bp:Q", color=color)
    points = alt.Chart(impact).mark_point(filled=True, size=70).encode(
        y=y, yOffset=offset, x="impact_bp:Q", color=color,
        tooltip=["scenario:N", "maturity:N", alt.Tooltip("impact_bp:Q", format=".1f"),
                 alt.Tooltip("low_bp:Q", format=".1f"), alt.Tooltip("high_bp:Q", format=".1f")])
    top = alt.layer(rules, points).properties(width=420, height=alt.Step(14),
                                              title="Yield impact: median over models, band p5-p95")
    bills = pd.DataFrame([
        {"scenario": r.description, "side": side, "cost_usd_bn": value}
        for r in rows
        for side, value in (("holder's bill", r.holder_cost_usd_bn),
                            (f"U.S. extra interest ({r.us_cost_horizon_years}y)", r.us_cost_usd_bn))
        if value is not None
    ])
    bottom = alt.Chart(bills).mark_bar().encode(
        y=y, yOffset=alt.YOffset("side:N"), x=alt.X("cost_usd_bn:Q", title="USD bn (median over models)"),
        color=alt.Color("side:N", title=None, legend=alt.Legend(orient="top")),
        tooltip=["scenario:N", "side:N", alt.Tooltip("cost_usd_bn:Q", format=",.1f")],
    ).properties(width=420, height=alt.Step(14), title="Who pays: the holder's bill and the U.S. bill")
    return alt.vconcat(top, bottom).resolve_scale(color="independent")


# -- 5. the game ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class GameResponseRow:
    """One threatened response in the leverage game, after the U.S. tariff.

    Costs are p5/p50/p95 over the game's draws, over ``GameSection.horizon_years``; a response
    is *credible* in a draw when carrying it out after the tariff leaves the holder no worse off
    than holding. ``deterrence_threshold_prob`` is the p50 belief in the holder's resolve above
    which the threat deters the tariff (None: never).
    """

    response: str
    credible_share_of_draws: float
    holder_cost_usd_bn: float
    holder_cost_p5_usd_bn: float
    holder_cost_p95_usd_bn: float
    us_cost_usd_bn: float
    us_cost_p5_usd_bn: float
    us_cost_p95_usd_bn: float
    leverage_ratio: float | None
    resolve_needed_usd_bn: float
    deterrence_threshold_prob: float | None
    deterred_share_of_draws_at_even_odds: float
    deterred_without_threat_share_of_draws: float
    undeterrable_share_of_draws: float
    verdict: Literal["credible", "self-destructive", "uncertain"]


@dataclass(frozen=True)
class GameSection:
    """The leverage game's verdict in plain words, with the numbers behind it."""

    holder: str
    available: bool
    tariff: str = ""
    horizon_years: float | None = None
    draws: int = 0
    seed: int | None = None
    us_tariff_share_of_draws: float | None = None
    rows: tuple[GameResponseRow, ...] = ()
    responses_left_out: tuple[str, ...] = ()
    headline: str = ""
    statements: tuple[str, ...] = ()
    presets: tuple[str, ...] = ()
    coalition: dict[str, Any] = field(default_factory=dict)
    coalition_statements: tuple[str, ...] = ()
    text: str = ""
    note: str = ""
    coalition_note: str = ""
    charts: tuple[BriefChart, ...] = ()
    title: str = "Is the threat credible? The leverage game"


#: Tariff the U.S. weighs in the brief's game (percent on the holder's exports).
GAME_TARIFF_PCT: Final = TARIFF_PCT
#: The holder's responses in the brief's game (a sale larger than the holdings is left out): the
#: game's defaults (treasury_leverage.game.DEFAULT_RESPONSES), trade retaliation included.
GAME_RESPONSES: Final = ("hold", "pause 12m", "runoff 24m", "sell 100bn", "sell 300bn", "sell 25%",
                         "counter-tariff 10%")
#: Share of draws above which a verdict is stated plainly (as in treasury_leverage.game).
_CLEAR_SHARE: Final = 0.9


def _game(entry: str = "leverage_game") -> Any | None:
    """An entry point of :mod:`treasury_leverage.game.leverage` (``leverage_game``, ``coalition_game``)."""
    import importlib

    try:
        module = importlib.import_module("treasury_leverage.game.leverage")
    except Exception:  # absent or half-installed: "not available"
        return None
    return getattr(module, entry, None)


def _coalition(
    name: str, *, tariff_pct: float, draws: int, seed: int, holdings_usd_bn: float = math.inf
) -> tuple[dict[str, Any], tuple[str, ...], str]:
    """The joint $300 bn sale with :func:`coalition_partner`: numbers, the game's verdicts, a note."""
    partner = coalition_partner(name)
    coalition_game = _game("coalition_game")
    if partner is None or coalition_game is None:
        why = "the holder is an aggregate" if partner is None else f"it is {NOT_AVAILABLE}"
        return {}, (), f"No coalition game: {why}."
    try:
        _, words, response = _coalition_sale(holdings_usd_bn)
        result = coalition_game([name, partner], tariff_pct=tariff_pct, responses=("hold", response),
                                draws=draws, seed=seed)
    except TLError as exc:
        return {}, (), f"No coalition game with {partner}: {exc}"
    row = result.summary_frame().iloc[0]

    def key(member: str) -> str:
        return "".join(ch if ch.isalnum() else "_" for ch in member.lower()).strip("_").replace("__", "_")

    numbers: dict[str, Any] = {
        "partner": partner,
        "threat": str(row["threat"]),
        "sale_each": words,
        "credible_joint_share_of_draws": float(row["credible_joint_share"]),
        "credible_independent_share_of_draws": float(row["credible_independent_share"]),
        "coalition_cost_usd_bn": float(row["coalition_cost_usd_bn"]),
        "us_cost_usd_bn": float(row["us_cost_usd_bn"]),
        "leverage_ratio": _f(row["leverage_ratio"]),
        "holder_cost_share_pct": 100.0 * float(row[f"cost_share_{key(name)}"]),
        "threshold_together_prob": _f(row["threshold_prob_joint"]),
        "threshold_alone_prob": _f(row[f"threshold_prob_{key(name)}_alone"]),
    }
    share, joint = float(numbers["holder_cost_share_pct"]), float(numbers["credible_joint_share_of_draws"])
    alone = float(numbers["credible_independent_share_of_draws"])
    note = (f"Together with {partner} (each selling {words}): the coalition bears "
            f"{_usd(numbers['coalition_cost_usd_bn'])} ({share:.0f}% of it {name}'s) and the U.S. "
            f"{_usd(numbers['us_cost_usd_bn'])}; credible with coordination in {100 * joint:.0f}% of draws, "
            f"without in {100 * alone:.0f}% (medians).")
    return numbers, tuple(result.verdicts()), note


def game_section(holder: str, *, draws: int = BRIEF_DRAWS, seed: int = 0,
                 tariff_pct: float = GAME_TARIFF_PCT) -> GameSection:
    """The game's verdict for ``holder`` against a ``tariff_pct`` tariff: credibility, leverage, deterrence.

    Without the game module (or when the engine cannot price this holder), an unavailable
    section with no numbers.
    """
    import numpy as np

    from treasury_leverage.holdings.atlas import AGGREGATE_ROWS

    name = resolve_holder(holder)
    leverage_game = _game()
    if name in AGGREGATE_ROWS or name == "All Other":
        return GameSection(holder=name, available=False,
                           note="The leverage game is played between the U.S. and one country (a tariff "
                           f"on its exports); {name} is an aggregate of holders, so it does not apply.")
    if leverage_game is None:
        return GameSection(
            holder=name, available=False,
            note="The leverage game (which threats are credible, the deterrence threshold) is "
            f"{NOT_AVAILABLE}: it needs the scenario engine's payoffs. No verdict is given rather than an "
            "invented one.",
        )
    held = latest_holdings_usd_bn(name)
    responses = [r for r in GAME_RESPONSES if not (r.startswith("sell ") and r.endswith("bn")
                                                   and float(r[5:-2]) >= held)]
    left_out = tuple(r for r in GAME_RESPONSES if r not in responses)
    try:
        result = leverage_game(name, tariff_pct=tariff_pct, responses=responses, draws=draws, seed=seed)
    except TLError as exc:
        return GameSection(holder=name, available=False,
                           note=f"The leverage game cannot be played for {name}: {exc}")
    dets = {(d.tariff, d.response): d for d in result.deterrences}
    rows: list[GameResponseRow] = []
    for a in result.assessments:
        d = a.to_dict()
        det = dets[(a.tariff, a.response)]
        thr = float(np.median(det.threshold_prob))
        share = float(d["credible_share_of_draws"])
        verdict: Literal["credible", "self-destructive", "uncertain"] = (
            "credible" if share >= _CLEAR_SHARE else "self-destructive" if share <= 1 - _CLEAR_SHARE
            else "uncertain")
        ratio = _f(d["leverage_ratio"]["p50"])
        rows.append(GameResponseRow(
            response=a.response, credible_share_of_draws=share,
            holder_cost_usd_bn=d["holder_cost_usd_bn"]["p50"],
            holder_cost_p5_usd_bn=d["holder_cost_usd_bn"]["p5"],
            holder_cost_p95_usd_bn=d["holder_cost_usd_bn"]["p95"], us_cost_usd_bn=d["us_cost_usd_bn"]["p50"],
            us_cost_p5_usd_bn=d["us_cost_usd_bn"]["p5"], us_cost_p95_usd_bn=d["us_cost_usd_bn"]["p95"],
            leverage_ratio=ratio, resolve_needed_usd_bn=d["resolve_needed_usd_bn"]["p50"],
            deterrence_threshold_prob=thr if math.isfinite(thr) else None,
            deterred_share_of_draws_at_even_odds=float(det.deterred_share(0.5)),
            deterred_without_threat_share_of_draws=float(det.deterred_without_threat_share),
            undeterrable_share_of_draws=float(det.undeterrable_share), verdict=verdict,
        ))
    tariff = result.game.us_actions[1] if len(result.game.us_actions) > 1 else f"tariff {tariff_pct:g}%"
    us_share = float(result.equilibrium.us_choice_share().get(tariff, float("nan")))
    horizon = result.weights.horizon_years if result.weights is not None else None
    text = _game_words(name, f"{tariff_pct:g}% tariff", rows, us_share, horizon)
    if left_out:
        text += (f" Left out: {', '.join(repr(r) for r in left_out)}, more than {name}'s holdings "
                 f"({_usd(held)}).")
    coalition, coalition_words, coalition_note = _coalition(name, tariff_pct=tariff_pct, draws=draws,
                                                            seed=seed, holdings_usd_bn=held)
    if coalition:
        text += " " + coalition_note
    return GameSection(
        holder=name, available=True, tariff=tariff, horizon_years=horizon, draws=draws, seed=seed,
        us_tariff_share_of_draws=us_share, rows=tuple(rows), responses_left_out=left_out,
        headline=str(result.headline()) if hasattr(result, "headline") else "",
        statements=tuple(result.verdicts()),
        presets=tuple(result.provenance.get("presets", ())), text=text,
        coalition=coalition, coalition_statements=coalition_words, coalition_note=coalition_note,
        charts=(_chart("game", f"{name}: threatened responses to a {tariff}: the U.S. cost per dollar of "
                       f"{name}'s own cost, and whether carrying them out pays", _game_chart(rows, tariff)),),
    )


def _game_headline(name: str, gm: GameSection) -> str:
    """Two sentences on the game for the one-page summary."""
    n_ok = sum(r.verdict == "credible" for r in gm.rows)
    n_bad = sum(r.verdict == "self-destructive" for r in gm.rows)
    level = gm.tariff.removeprefix("tariff ")
    text = (f"Against a {level} tariff, {n_ok} of {len(gm.rows)} threats {'pays' if n_ok == 1 else 'pay'} on "
            "money alone "
            f"({n_bad} self-destructive).")
    best = max((r for r in gm.rows if r.leverage_ratio is not None), key=lambda r: r.leverage_ratio or 0.0,
               default=None)
    if best is None:
        return text
    text += (f" Most leveraged: '{best.response}', costing the U.S. {_usd(best.us_cost_usd_bn)} vs "
             f"{_usd(best.holder_cost_usd_bn)} for {name} ({best.leverage_ratio:,.1f}x).")
    if best.deterred_without_threat_share_of_draws >= _CLEAR_SHARE:
        text += (f" The tariff loses the U.S. money even if {name} just holds "
                 f"({100 * best.deterred_without_threat_share_of_draws:.0f}% of draws).")
    elif best.deterrence_threshold_prob is not None:
        text += (f" Deterred if Washington puts {name}'s resolve above "
                 f"{best.deterrence_threshold_prob:.2f}.")
    return text


def _game_words(name: str, tariff: str, rows: Sequence[GameResponseRow], us_share: float,
                horizon: float | None) -> str:
    credible = [r for r in rows if r.verdict == "credible"]
    destructive = [r for r in rows if r.verdict == "self-destructive"]
    over = f" over {horizon:g} years" if horizon else ""
    if credible:
        head = (f"Against a {tariff} on its exports, {len(credible)} of {name}'s {len(rows)} threatened "
                f"responses would pay on money alone ({', '.join(r.response for r in credible)}): those "
                "threats are credible.")
    elif len(destructive) == len(rows):
        head = (f"Against a {tariff} on its exports, none of {name}'s {len(rows)} threatened responses "
                f"would pay on money alone: carried out, each leaves {name} worse off than simply holding, "
                "so each threat is self-destructive and not credible without a motive beyond money.")
    else:
        head = (f"Against a {tariff} on its exports, {name}'s threats are uncertain: some pay in some "
                "draws and not in others.")
    best = max((r for r in rows if r.leverage_ratio is not None), key=lambda r: r.leverage_ratio or 0.0,
               default=None)
    parts = [head]
    if best is not None:
        parts.append(
            f"The most leveraged response is '{best.response}': it would cost the U.S. "
            f"{_usd(best.us_cost_usd_bn)} against {_usd(best.holder_cost_usd_bn)} for {name}{over}, "
            f"{best.leverage_ratio:,.1f} dollars per dollar (medians).")
        if best.deterred_without_threat_share_of_draws >= _CLEAR_SHARE:
            parts.append(
                f"On these numbers the tariff costs the U.S. more than it brings even if {name} just holds "
                f"({100 * best.deterred_without_threat_share_of_draws:.0f}% of draws): calculated inaction "
                f"suffices, and a threat matters only if Washington values other aims of the tariff.")
        elif best.deterrence_threshold_prob is not None:
            parts.append(
                f"Calculated inaction: if Washington believes there is more than a "
                f"{100 * best.deterrence_threshold_prob:.0f}% chance that {name} would carry it out, the "
                f"tariff does not pay (median over draws).")
        else:
            parts.append(f"No belief in {name}'s resolve deters the tariff on these numbers.")
    if math.isfinite(us_share):
        parts.append(f"In equilibrium the U.S. imposes the {tariff} in {100 * us_share:.0f}% of draws.")
    return " ".join(parts)


def _game_chart(rows: Sequence[GameResponseRow], tariff: str) -> Any:
    import altair as alt
    import pandas as pd

    data = pd.DataFrame([
        {"response": r.response, "leverage_ratio": r.leverage_ratio, "verdict": r.verdict,
         "credible_pct": 100 * r.credible_share_of_draws, "holder_cost_usd_bn": r.holder_cost_usd_bn,
         "us_cost_usd_bn": r.us_cost_usd_bn}
        for r in rows if r.leverage_ratio is not None
    ])
    domain = ["credible", "uncertain", "self-destructive"]
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("response:N", sort=[r.response for r in rows], title=None),
        x=alt.X("leverage_ratio:Q", title="U.S. cost per dollar of the holder's own cost (median)"),
        color=alt.Color("verdict:N", title="Carrying it out", scale=alt.Scale(
            domain=domain, range=["#54a24b", "#eeca3b", "#e45756"]), legend=alt.Legend(orient="top")),
        tooltip=["response:N", alt.Tooltip("leverage_ratio:Q", format=",.1f"), "verdict:N",
                 alt.Tooltip("credible_pct:Q", format=".0f", title="credible in % of draws"),
                 alt.Tooltip("holder_cost_usd_bn:Q", format=",.1f"),
                 alt.Tooltip("us_cost_usd_bn:Q", format=",.1f")],
    ).properties(width=480, height=alt.Step(26), title=f"Threatened responses to a {tariff}")
    return bars


# -- 6. provenance -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvenanceSection:
    """Where every number comes from."""

    generated_utc: str
    toolkit_version: str
    datasets: list[dict[str, Any]]
    assumptions: tuple[str, ...]
    models: dict[str, str]
    presets: list[dict[str, Any]]
    seed: int | None
    software: dict[str, str]
    title: str = "Provenance"


#: Datasets behind the sections.
_DATASETS: Final = ("holdings", "mspd", "shl_history", "slt_table1", "bj_positions", "par_curve",
                    "gsw_params", "fred")


def provenance_section(
    *,
    backdrop: BackdropSection | None = None,
    flows: FlowsSection | None = None,
    scenario: ScenarioSection | None = None,
    holdings: HoldingsSection | None = None,
    game: GameSection | None = None,
) -> ProvenanceSection:
    """Data vintages, assumptions, model descriptions, presets (with citations) and the seed."""
    from treasury_leverage import __version__
    from treasury_leverage._json import to_jsonable
    from treasury_leverage.data import api
    from treasury_leverage.report.html import vega_versions

    status = api.status()
    used = status[status["dataset"].isin(_DATASETS)]
    cols = [c for c in ("dataset", "publisher", "origin", "first_date", "last_date", "vintage") if c in used]
    datasets = [to_jsonable(r) for r in used[cols].to_dict(orient="records")]
    assumptions = [
        "Holdings are TIC market values, attributed to the custodian's country; no custody reallocation.",
        "Notes and bonds are spread over remaining maturities by DEFAULT_LT_WEIGHTS, an assumption "
        "(TIC publishes no maturity breakdown by country); bills share from the TIC annual survey.",
    ]
    models: dict[str, str] = {}
    if flows is not None and flows.available:
        models["flows"] = ("change = net purchases + valuation; valuation reported by TIC (SLT) or "
                           "Bertaut-Judson where published, else a calibrated par-curve ladder estimate")
    if backdrop is not None and backdrop.available:
        models["term_premium"] = backdrop.model
    names: list[str] = []
    if scenario is not None and scenario.available:
        names += scenario.presets
        draws = (f"{scenario.draws} parameter draws per model, seed {scenario.seed}" if scenario.draws
                 else "central parameter values (no draws)")
        models["scenario"] = f"scenario engine, impact models {', '.join(scenario.models)}; {draws}"
        for m, cite in scenario.model_citations.items():
            models[f"impact model {m}"] = cite
    if game is not None and game.available:
        names += game.presets
        draws = (f"each of {game.draws} draws, seed {game.seed}" if game.draws
                 else "each impact model at its central values")
        models["game"] = (f"sequential leverage game (U.S. {game.tariff} or none; holder responses), "
                          f"backward induction in {draws}")
    presets: list[dict[str, Any]] = []
    if names:
        from treasury_leverage.presets import get_preset

        for pname in sorted(set(names)):
            try:
                p = get_preset(pname)
            except TLError:
                presets.append({"name": pname, "source": "not in the preset registry"})
                continue
            presets.append({"name": p.name, "value": p.value, "low": p.low, "high": p.high, "unit": p.unit,
                            "source": p.source, "confidence": p.confidence})
    software = {"treasury_leverage": __version__, **vega_versions()}
    if holdings is not None and holdings.custodial:
        assumptions.append(holdings.custodial_note)
    return ProvenanceSection(
        generated_utc=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        toolkit_version=__version__,
        datasets=datasets,
        assumptions=tuple(assumptions),
        models=models,
        presets=presets,
        seed=(scenario.seed if scenario is not None and scenario.available
              else game.seed if game is not None and game.available else None),
        software=software,
    )


# -- the brief -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Brief:
    """The whole brief: one dataclass per section."""

    holder: str
    holdings: HoldingsSection
    flows: FlowsSection
    backdrop: BackdropSection
    scenario: ScenarioSection
    game: GameSection
    provenance: ProvenanceSection

    @property
    def slug(self) -> str:
        """File-name form of the holder (``brief-<slug>.html``)."""
        return brief_slug(self.holder)

    @property
    def charts(self) -> tuple[BriefChart, ...]:
        """Every chart, in reading order."""
        out: list[BriefChart] = []
        for section in (self.holdings, self.flows, self.backdrop, self.scenario, self.game):
            out.extend(section.charts)
        return tuple(out)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: unit-carrying keys, NaN as null, charts by file name."""
        out: dict[str, Any] = {"holder": self.holder, "title": f"{self.holder}: Treasury leverage brief"}
        for name in ("holdings", "flows", "backdrop", "scenario", "game", "provenance"):
            out[name] = _plain(getattr(self, name))
        return out

    def headlines(self) -> list[tuple[str, str]]:
        """``(label, text)`` lines of the one-page summary: one or two sentences per section.

        The full plain-words text of each section is in the HTML and in ``to_dict()``.
        """
        h, fl, bd, sc, gm = self.holdings, self.flows, self.backdrop, self.scenario, self.game
        lines: list[tuple[str, str]] = []
        if h.custodial:
            lines.append(("Custodial centre", h.custodial_note))
        if h.series_end_note:
            lines.append(("Old data", h.series_end_note))
        rank = (f"the {'largest' if h.rank == 1 else _ordinal(h.rank) + '-largest'} foreign holder; "
                if h.rank else "")
        shares = (f"{_fmt(h.share_of_foreign_pct)}% of foreign holdings, "
                  f"{_fmt(h.share_of_marketable_pct)}% of marketable Treasuries")
        lines.append(("Holdings", f"{_usd(h.holdings_usd_bn)} at {h.date} ({rank}{shares}); "
                      f"{_usd(h.matures_1y_usd_bn)} matures within a year."))
        quiet = fl.text.split(". Holdings changed")[0] + "." if fl.available else fl.note
        lines.append(("Quiet selling?", quiet))
        if bd.available:
            ten = next((r for r in bd.episode.get("yields", []) if r["maturity_years"] == 10), None)
            words = (f"10-year term premium {100 * (bd.term_premium_10y_pct or 0.0):.0f} bp on "
                     f"{bd.term_premium_10y_date}; 10-year yield {_fmt(bd.yield_10y_pct, 2)}%.")
            if ten is not None and ten.get("term_premium_bp") is not None:
                words += (f" April 2025: 10-year {ten['change_bp']:+.0f} bp, of which term premium "
                          f"{ten['term_premium_bp']:+.0f} bp.")
            lines.append(("Yields", words))
        else:
            lines.append(("Yields", bd.note))
        if sc.available:
            parts = []
            for r in sc.rows:
                if r.available and r.case in ("pause_12m", "sell_300bn_60d", "coalition_60d"):
                    parts.append(f"{r.description}: 10y {_fmt(r.impact_10y_bp, 0, sign=True)} bp "
                                 f"({_fmt(r.impact_10y_p5_bp, 0)} to {_fmt(r.impact_10y_p95_bp, 0)}), costs "
                                 f"{h.holder} {_usd(r.holder_cost_usd_bn)}, the U.S. "
                                 f"{_usd(r.us_cost_usd_bn)} over {r.us_cost_horizon_years}y"
                                 + (f" ({r.note.split(': ', 1)[-1]})." if r.note and not r.note.startswith(
                                     _POOLED_NOTE) else "."))
            basis = next((r.note for r in sc.rows if r.available and r.note.startswith(_POOLED_NOTE)), "")
            lines.append(("Scenarios", " ".join(parts) + (f" ({basis[:1].upper() + basis[1:]}.)" if basis
                                                           else "") if parts else sc.text))
        else:
            lines.append(("Scenarios", sc.note))
        if gm.available:
            lines.append(("The game", _game_headline(h.holder, gm)))
        else:
            lines.append(("The game", gm.note))
        return lines


def build_brief(
    holder: str,
    *,
    draws: int = BRIEF_DRAWS,
    seed: int = 0,
    episode: tuple[str, str] = (EPISODE_START, EPISODE_END),
) -> Brief:
    """Assemble the brief for ``holder`` from the section builders.

    Parameters
    ----------
    holder
        Any holder of the atlas (``"japan"``, ``"china"``, ``"united kingdom"``, ``"official"``...).
    draws, seed
        Monte Carlo draws and seed of the scenarios and the game.
    episode
        The yield episode decomposed in the backdrop.

    Raises
    ------
    UnknownNameError
        Unknown holder (close matches in the message).
    """
    from treasury_leverage._stages import stage

    with stage("resolve holder"):
        name = resolve_holder(holder)
    with stage("holdings section"):
        holdings = holdings_section(name)
    with stage("flows section"):
        flows = flows_section(name)
    with stage("backdrop section"):
        backdrop = backdrop_section(episode=episode)
    with stage("scenario section"):
        scenario = scenario_section(name, draws=draws, seed=seed)
    with stage("game section"):
        game = game_section(name, draws=draws, seed=seed)
    with stage("provenance section"):
        provenance = provenance_section(backdrop=backdrop, flows=flows, scenario=scenario, holdings=holdings,
                                        game=game)
    return Brief(holder=name, holdings=holdings, flows=flows, backdrop=backdrop, scenario=scenario, game=game,
                 provenance=provenance)


# -- rendering -------------------------------------------------------------------------------------


def _fmt(value: Any, digits: int = 1, *, sign: bool = False) -> str:
    v = _f(value)
    if v is None:
        return "n/a"
    return f"{v:+,.{digits}f}" if sign else f"{v:,.{digits}f}"


def _house_filters(env: Any) -> None:
    """Template filters for the house style and the shipped bibliography (issue 16)."""
    from treasury_leverage._format import house_style, move_label
    from treasury_leverage.bibliography import reader_source, references_for

    def refs(sources: Any) -> list[Any]:
        found: dict[str, Any] = {}
        for source in [sources] if isinstance(sources, str) else sources:
            found.update((r.key, r) for r in references_for(str(source)))
        return list(found.values())

    env.filters["style"] = lambda text: house_style(str(text))
    env.filters["move"] = lambda text: move_label(str(text))
    env.filters["reader"] = lambda text: reader_source(str(text))
    env.filters["refs"] = refs


def render_html(brief: Brief) -> str:
    """The self-contained HTML page (Vega bundle inlined, chart specs embedded, no network)."""
    import jinja2
    from markupsafe import Markup

    from treasury_leverage.report.html import embed_script, json_for_script, vega_bundle

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("treasury_leverage.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = _fmt
    env.filters["usd"] = lambda v, sign=False: _usd(_f(v), sign=sign)
    _house_filters(env)
    charts = brief.charts
    template = env.get_template(_TEMPLATE)
    return template.render(
        brief=brief,
        data=brief.to_dict(),
        specs=[(c.dom_id, json_for_script(c.spec)) for c in charts],
        bundle=Markup(vega_bundle()),
        embed=Markup(embed_script([c.dom_id for c in charts])),
        not_available=NOT_AVAILABLE,
    )


def _md_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def render_markdown(brief: Brief) -> str:
    """The brief as Markdown (charts as links to ``charts/<key>.png``)."""
    h, fl, bd, sc = brief.holdings, brief.flows, brief.backdrop, brief.scenario
    gm, pv = brief.game, brief.provenance
    out = [f"# {brief.holder}: Treasury leverage brief", ""]
    if h.custodial:
        out += [f"> **Custodial centre.** {h.custodial_note}", ""]
    if h.series_end_note:
        out += [f"> **Old data.** {h.series_end_note}", ""]
    out += [f"## {h.title}", "", h.text, ""]
    out += _md_table(["holdings (USD bn)", "12m change (USD bn)", "share of foreign (%)",
                      "share of marketable (%)", "bills share (%)", "matures in 1y (USD bn)",
                      "matures in 2y (USD bn)"],
                     [[_fmt(h.holdings_usd_bn), _fmt(h.change_12m_usd_bn, sign=True),
                       _fmt(h.share_of_foreign_pct), _fmt(h.share_of_marketable_pct),
                       _fmt(h.bills_share_pct), _fmt(h.matures_1y_usd_bn), _fmt(h.matures_2y_usd_bn)]])
    out.append("")
    out += [f"![{c.title}](charts/{c.key}.png)" for c in h.charts] + [""]
    out += [f"## {fl.title}", ""]
    if fl.available:
        out += [fl.text, "", f"Detail: {fl.verdict}", ""]
        out += [f"![{c.title}](charts/{c.key}.png)" for c in fl.charts] + [""]
    else:
        out += [f"*{fl.note}*", ""]
    out += [f"## {bd.title}", ""]
    if bd.available:
        out += [bd.text, ""]
        out += _md_table(["maturity", "change (bp)", "expected short rates (bp)", "term premium (bp)"],
                         [[f"{r['maturity_years']}y", _fmt(r["change_bp"], 0, sign=True),
                           _fmt(r["expected_rates_bp"], 0, sign=True),
                           _fmt(r["term_premium_bp"], 0, sign=True)]
                          for r in bd.episode.get("yields", [])])
        out.append("")
        out += [f"![{c.title}](charts/{c.key}.png)" for c in bd.charts] + [""]
    else:
        out += [f"*{bd.note}*", ""]
    out += [f"## {sc.title}", ""]
    if sc.available:
        out += [sc.text, ""]
        out += _md_table(["scenario", "10y (bp)", "10y band (bp)", "30y (bp)", "30y band (bp)",
                          "holder's bill (USD bn)", "U.S. extra interest (USD bn)", "leverage ratio"],
                         [[r.description, _fmt(r.impact_10y_bp), f"{_fmt(r.impact_10y_p5_bp, 0)} to "
                           f"{_fmt(r.impact_10y_p95_bp, 0)}", _fmt(r.impact_30y_bp),
                           f"{_fmt(r.impact_30y_p5_bp, 0)} to {_fmt(r.impact_30y_p95_bp, 0)}",
                           _fmt(r.holder_cost_usd_bn),
                           f"{_fmt(r.us_cost_usd_bn)} ({r.us_cost_horizon_years}y)",
                           _fmt(r.leverage_ratio)] if r.available else [r.description, f"not run: {r.note}",
                                                                        "", "", "", "", "", ""]
                          for r in sc.rows])
        if "pooled" in sc.models:
            out += ["", "Pooled mixture of the model families (median; bands p5 to p95 over "
                    f"{sc.draws} pooled "
                    f"draws, seed {sc.seed}); per-model numbers ({', '.join(sc.models)}) in the JSON.", ""]
        else:
            out += ["", f"Median over the impact models ({', '.join(sc.models)}); bands: lowest p5 to "
                    "highest "
                    f"p95 over {sc.draws} parameter draws per model, seed {sc.seed}.", ""]
        out += [f"![{c.title}](charts/{c.key}.png)" for c in sc.charts] + [""]
    else:
        out += [f"*{sc.note}*", ""]
    out += [f"## {gm.title}", ""]
    if gm.available:
        out += [gm.text, ""] + ([f"**In one sentence:** {gm.headline}", ""] if gm.headline else [])
        out += _md_table(["threatened response", "carrying it out", "credible (% of draws)",
                          "holder's cost (USD bn)", "U.S. cost (USD bn)", "leverage ratio",
                          "deterrence threshold"],
                         [[r.response, r.verdict, _fmt(100 * r.credible_share_of_draws, 0),
                           _fmt(r.holder_cost_usd_bn), _fmt(r.us_cost_usd_bn), _fmt(r.leverage_ratio),
                           _fmt(r.deterrence_threshold_prob, 2) if r.deterrence_threshold_prob is not None
                           else "never"] for r in gm.rows])
        out += ["", *(f"- {s}" for s in gm.statements), "", gm.coalition_note, "",
                *(f"- {s}" for s in gm.coalition_statements), ""]
        out += [f"![{c.title}](charts/{c.key}.png)" for c in gm.charts] + [""]
    else:
        out += [f"*{gm.note}*", ""]
    out += [f"## {pv.title}", "",
            f"Generated {pv.generated_utc} by treasury_leverage {pv.toolkit_version}.", ""]
    out += _md_table(["dataset", "publisher", "last date", "vintage"],
                     [[d.get("dataset"), d.get("publisher"), d.get("last_date"), d.get("vintage")]
                      for d in pv.datasets])
    out.append("")
    out += [f"- {a}" for a in pv.assumptions]
    out += [f"- model ({k}): {v}" for k, v in pv.models.items()]
    out += [f"- preset {p['name']} = {p['value']} {p['unit']} ({p['source']}; {p['confidence']})"
            for p in pv.presets]
    out += [f"- seed: {pv.seed if pv.seed is not None else 'none (no random draws in this brief)'}", ""]
    return "\n".join(out)


#: Written into every brief folder; a folder is replaced only if it carries this file (or is empty).
BRIEF_MARKER = ".tlev-brief"


def is_brief_folder(path: Path) -> bool:
    """Whether ``path`` is a folder :func:`write_brief` wrote (it carries :data:`BRIEF_MARKER`) or
    an empty folder, so that it may be replaced whole.

    Files that merely look like a brief's (``brief-x.html``) do not count: only the marker the
    brief itself wrote does, so a user's folder is never deleted.
    """
    if path.is_symlink() or not path.is_dir():
        return False
    return (path / BRIEF_MARKER).is_file() or not any(path.iterdir())


def check_brief_target(out_dir: str | os.PathLike[str]) -> Path:
    """Check, before any work, that a brief can be written to ``out_dir``; return its absolute path.

    Raises
    ------
    InputError
        ``out_dir`` is a file or a symbolic link, the current folder, a folder :func:`write_brief`
        did not write, or its parent folder cannot be created or written to.
    """
    from treasury_leverage.errors import InputError

    target = Path(out_dir).absolute()
    shown = str(out_dir)
    if target.is_symlink():
        raise InputError(f"--out {shown!r} is a symbolic link; expected a plain folder name")
    if target.exists() and not target.is_dir():
        raise InputError(f"--out {shown!r} is a file; expected a folder (it will be created)")
    if target.exists() and (target.resolve() == Path.cwd().resolve() or not is_brief_folder(target)):
        raise InputError(f"--out {shown!r} already exists and holds other files; expected a new "
                         "folder, an empty one or a previous brief's (which is replaced whole)")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        probe = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".probe", dir=parent)
        os.rmdir(probe)
    except OSError as exc:
        raise InputError(f"--out {shown!r}: cannot write into folder {str(parent)!r} "
                         f"({exc.strerror or type(exc).__name__}); expected a writable folder") from None
    return target


def write_brief(
    brief: Brief,
    out_dir: str | os.PathLike[str] | None = None,
    *,
    formats: Iterable[Format] = ("html",),
    chart_files: bool = True,
    chart_pool: Any | None = None,
) -> Path:
    """Write the brief into a folder, atomically; return the folder.

    Everything is written into a temporary sibling folder first, which then replaces ``out_dir``
    (an existing folder is moved aside and removed only after the rename), so a failure leaves
    the previous folder, or none, never a half-written one. An existing ``out_dir`` is replaced
    only if it holds nothing but a previous brief (:func:`is_brief_folder`): a folder with other
    files is refused, never deleted.

    Parameters
    ----------
    brief
        From :func:`build_brief`.
    out_dir
        Target folder; ``./brief-<slug>`` if None.
    formats
        ``"html"`` (``brief-<slug>.html``), ``"md"`` (``brief.md``), ``"json"`` (``brief.json``).
        The HTML is always written.
    chart_files
        Also write ``charts/<key>.png`` and ``.svg`` for every chart.
    chart_pool
        An executor to render the chart files on in parallel
        (:func:`treasury_leverage.report.html.start_chart_pool`); default: in this process.

    Raises
    ------
    InputError
        ``out_dir`` is a file, a symbolic link, the current folder, or a folder holding anything
        but a brief (see :func:`check_brief_target`).
    """
    import json

    from treasury_leverage._stages import stage
    from treasury_leverage.errors import InputError
    from treasury_leverage.report.html import write_chart_files

    wanted = set(formats) | {"html"}
    unknown = wanted - {"html", "md", "json"}
    if unknown:
        raise InputError(f"brief formats {sorted(unknown)}: expected html, md or json")
    target = check_brief_target(out_dir if out_dir is not None else Path(f"brief-{brief.slug}"))
    parent = target.parent
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    try:
        os.chmod(tmp, 0o755)  # mkdtemp makes it owner-only; the brief is meant to be shared
        (tmp / BRIEF_MARKER).write_text("written by treasury-leverage (tlev brief); this folder is "
                                        "replaced whole by the next brief written here\n", encoding="utf-8")
        with stage("write html"):
            (tmp / f"brief-{brief.slug}.html").write_text(render_html(brief), encoding="utf-8")
        if chart_files:
            with stage("render charts (svg, png)"):
                if chart_pool is None:
                    for chart in brief.charts:
                        write_chart_files(chart.spec, tmp / "charts", chart.key)
                else:
                    jobs = [chart_pool.submit(write_chart_files, chart.spec, tmp / "charts", chart.key)
                            for chart in brief.charts]
                    for job in jobs:
                        job.result()
        if "json" in wanted:
            with stage("write json"):
                (tmp / "brief.json").write_text(json.dumps(brief.to_dict(), indent=2, allow_nan=False) + "\n",
                                                encoding="utf-8")
        if "md" in wanted:
            with stage("write markdown"):
                (tmp / "brief.md").write_text(render_markdown(brief), encoding="utf-8")
        old = None
        if target.exists():
            old = parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
            os.replace(target, old)
        try:
            os.replace(tmp, target)
        except OSError:
            if old is not None:  # put the previous brief back
                os.replace(old, target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)
        raise
    return target
