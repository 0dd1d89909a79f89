"""Holdings of one holder: size, rank, shares, official share, maturity profile and run-off."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from treasury_leverage.assessment._common import FRAME, Part, finite, money, ordinal, records, resolve_holder

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["HoldingsPart", "holdings_part"]

#: Years of holdings history kept for the history chart.
_HISTORY_YEARS = 15


@dataclass(frozen=True)
class HoldingsPart(Part):
    """Holdings, shares, official share, maturity profile and run-off of one holder.

    Shares are of the TIC Grand Total (``share_of_foreign_pct``) and of marketable Treasuries
    held by the public (MSPD, ``share_of_marketable_pct``). TIC does not split a country's
    holdings into official and private: ``official_share_pct`` is set only for the aggregate rows,
    ``foreign_official_share_pct`` is the share of all foreign holdings that is official.
    ``history``, ``profile`` and ``runoff_frame`` are the frames behind the charts (not in the JSON).
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
    history: Any = field(default=None, repr=False, compare=False, metadata=FRAME)
    profile: Any = field(default=None, repr=False, compare=False, metadata=FRAME)
    runoff_frame: Any = field(default=None, repr=False, compare=False, metadata=FRAME)

    label = "Holdings"

    def to_frame(self) -> pd.DataFrame:
        """The run-off schedule: USD bn maturing per year and cumulated."""
        import pandas as pd

        return pd.DataFrame(self.runoff)


def holdings_part(holder: str, *, date: Any | None = None) -> HoldingsPart:
    """Holdings, shares, official share, maturity profile and run-off schedule.

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
    official_own = finite(row.get("official_share_pct")) if "official_share_pct" in hist.columns else None
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
    change = finite(row["change_12m_usd_bn"])
    share_f, share_m = finite(row["share_of_foreign_pct"]), finite(row["share_of_marketable_pct"])
    m1 = float(runoff["cumulative_usd_bn"].iloc[0])
    m2 = float(runoff["cumulative_usd_bn"].iloc[1])
    m10 = float(runoff["cumulative_usd_bn"].iloc[-1])

    if name in AGGREGATE_ROWS:
        who = f"{name} (an aggregate of holders)"
    elif rank is not None:
        who = f"{name}, the {'largest' if rank == 1 else ordinal(rank) + '-largest'} foreign holder,"
    else:
        who = name
    words = [f"At the end of {when:%B %Y} {who} held {money(total)} of U.S. Treasuries at market value"]
    shares = []
    if share_f is not None:
        shares.append(f"{share_f:.1f}% of all foreign holdings")
    if share_m is not None:
        shares.append(f"{share_m:.1f}% of marketable Treasuries held by the public")
    text = words[0] + (": " + " and ".join(shares) if shares else "") + "."
    if change is not None:
        text += f" That is {money(change, sign=True)} over twelve months (market value: trades and prices)."
    text += " " + official_note
    text += (f" About {100 * profile.st_share:.0f}% is bills ({profile.st_source}); if nothing were rolled "
             f"over, {money(m1)} would mature within a year and {money(m2)} within two (notes and bonds "
             f"spread by an assumed maturity profile).")
    return HoldingsPart(
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
        maturity_profile=records(profile.table(),
                                 ["bucket", "from_years", "to_years", "share_of_holdings_pct"]),
        runoff=records(runoff, ["matures_usd_bn", "cumulative_usd_bn", "cumulative_pct"], index="year"),
        text=text,
        history=hist.loc[when - pd.DateOffset(years=_HISTORY_YEARS): when],
        profile=profile,
        runoff_frame=runoff,
    )
