"""The holdings atlas: who holds how many Treasuries, and how that has moved.

Everything here reads the TIC "Major Foreign Holders" table (MFH history, now SLT Table 5):
holdings of U.S. Treasury bills, notes and bonds at market value, USD bn, month-end, *by the
country of the holder as known to the U.S. reporter*, i.e. often the custodian's country (see
:data:`treasury_leverage.data.countries.CUSTODIAL_CENTRES`). The atlas never reallocates those
holdings by default; :func:`custody_adjusted` is an explicit, documented option.

Shares of marketable debt use the Monthly Statement of the Public Debt (MSPD)
``total_marketable``, held by the public, same month-end. The TIC totals also count a small
amount of non-marketable holdings (MFH note 1), so the share is an upper bound by a hair.

References
----------
U.S. Treasury, TIC, "Major Foreign Holders of Treasury Securities" (mfhhis01.txt) and its notes;
methodology note of 29 Feb 2012 (custodial attribution). Setser, B. (CFR, 2016-2025), on adding
Belgium's (Euroclear) changes to China's holdings; see our literature review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AGGREGATE_ROWS",
    "CustodyAdjustment",
    "changes",
    "custody_adjusted",
    "holder_history",
    "month_end",
    "official_private",
    "ranking",
    "window",
]

#: MFH rows that are totals or "of which" memo rows, not holders: they are never ranked.
AGGREGATE_ROWS: Final[frozenset[str]] = frozenset(
    {
        "Grand Total",
        "Foreign Official",
        "Foreign Official: Treasury Bills",
        "Foreign Official: T-Bonds & Notes",
    }
)
#: The MFH residual row; it is shown (it is part of the Grand Total) but not ranked.
ALL_OTHER: Final = "All Other"


def month_end(value: Any, *, label: str = "date") -> pd.Timestamp:
    """Parse ``"2025-12"``, ``"2025-12-31"`` or a date into the month-end timestamp.

    Raises
    ------
    InputError
        If ``value`` is not a date.
    """
    import pandas as pd

    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError):
        raise InputError(f"{label} {value!r} is not a date; expected YYYY-MM or YYYY-MM-DD") from None
    if stamp is pd.NaT:
        raise InputError(f"{label} {value!r} is not a date; expected YYYY-MM or YYYY-MM-DD")
    return (stamp + pd.offsets.MonthEnd(0)).normalize()


def window(frame: pd.DataFrame, start: Any | None, end: Any | None, what: str) -> pd.DataFrame:
    """Rows of ``frame`` (month-end index) from ``start`` to ``end`` inclusive, or a clear error.

    ``"2025-12"`` as ``end`` means through the end of December.

    Raises
    ------
    InputError
        Unreadable dates, start after end, or nothing in the window (the message gives the range
        the data cover).
    """
    lo = None if start is None else month_end(start, label="start") - _month_start_offset()
    hi = None if end is None else month_end(end, label="end")
    if lo is not None and hi is not None and lo > hi:
        raise InputError(f"start {start} is after end {end}; expected start <= end")
    out = frame.loc[lo:hi]
    if out.empty:
        rng = f"{frame.index.min():%Y-%m} to {frame.index.max():%Y-%m}" if len(frame) else "nothing"
        raise InputError(f"no {what} between {start or 'the start'} and {end or 'the end'}; data cover {rng}")
    return out


def _month_start_offset() -> Any:
    import pandas as pd

    return pd.offsets.MonthBegin(1)


def _at(wide: pd.DataFrame, when: Any | None, *, label: str = "date") -> pd.Timestamp:
    """The month-end in ``wide`` for ``when`` (latest month if None), or a clear error."""
    if when is None:
        return wide.dropna(how="all").index.max()
    stamp = month_end(when, label=label)
    if stamp not in wide.index or wide.loc[stamp].isna().all():
        lo, hi = wide.index.min(), wide.index.max()
        raise InputError(
            f"{label} {when!r}: no TIC major-holders data for {stamp:%Y-%m}; "
            f"data cover {lo:%Y-%m} to {hi:%Y-%m}"
        )
    return stamp


def _marketable_usd_bn(dates: pd.DatetimeIndex) -> pd.Series:
    """MSPD total marketable debt held by the public at ``dates`` (NaN where not published)."""
    from treasury_leverage.data import api

    total = api.mspd("public")["total_marketable"]
    return total.reindex(dates)


def ranking(
    date: Any | None = None,
    *,
    top: int | None = None,
    custody: CustodyAdjustment | None = None,
    as_of: Any | None = None,
) -> pd.DataFrame:
    """Rank foreign holders of Treasuries at a month-end, with shares and 12-month changes.

    Parameters
    ----------
    date
        Month (``"2025-12"``) or date; the latest month in the data if None.
    top
        Keep the ``top`` largest holders (the "All Other" row and the Grand Total are in
        ``attrs``); all holders if None.
    custody
        Off by default. A :class:`CustodyAdjustment` adds a ``custody_adjusted_usd_bn`` column
        (the holder plus, each centre minus, the reallocated changes; the ranking itself stays
        on the published numbers) and ``attrs["custody_assumptions"]``.
    as_of
        Data vintage (only values known then).

    Returns
    -------
    pandas.DataFrame
        One row per holder, largest first, index ``rank`` (1 = largest; the "All Other"
        residual row, last, has rank 0): ``holder``, ``holdings_usd_bn``,
        ``share_of_foreign_pct`` (of the MFH Grand Total), ``share_of_marketable_pct`` (of MSPD
        marketable debt held by the public), ``change_12m_usd_bn``, ``change_12m_pct``,
        ``custodial_centre`` (bool). Without ``top`` the shares of all rows (with All Other)
        add up to 100% of the Grand Total, up to the table's rounding. ``attrs``: ``date``,
        ``grand_total_usd_bn``, ``foreign_official_usd_bn``, ``marketable_usd_bn``,
        ``all_other_usd_bn``, provenance.

    Raises
    ------
    InputError
        If ``date`` is not a date or is outside the data; ``top`` < 1.
    """
    import pandas as pd

    from treasury_leverage.data import api
    from treasury_leverage.data.countries import is_custodial, resolve_country

    if top is not None and top < 1:
        raise InputError(f"top {top} must be at least 1")
    wide = api.holdings(as_of=as_of)
    when = _at(wide, date)
    row = wide.loc[when].dropna()
    prior_date = when - pd.offsets.MonthEnd(12)
    prior = wide.loc[prior_date] if prior_date in wide.index else pd.Series(dtype=float)
    grand = float(row["Grand Total"])
    marketable = float(_marketable_usd_bn(pd.DatetimeIndex([when])).iloc[0])
    names = [n for n in row.index if n not in AGGREGATE_ROWS]
    frame = pd.DataFrame({"holder": names, "holdings_usd_bn": row[names].to_numpy(dtype=float)})
    frame["share_of_foreign_pct"] = 100.0 * frame["holdings_usd_bn"] / grand
    frame["share_of_marketable_pct"] = 100.0 * frame["holdings_usd_bn"] / marketable
    before = frame["holder"].map(lambda n: float(prior.get(n, float("nan"))))
    frame["change_12m_usd_bn"] = frame["holdings_usd_bn"] - before
    frame["change_12m_pct"] = 100.0 * frame["change_12m_usd_bn"] / before
    frame["custodial_centre"] = frame["holder"].map(is_custodial)
    other = frame[frame["holder"] == ALL_OTHER]
    ranked = frame[frame["holder"] != ALL_OTHER]
    ranked = ranked.sort_values("holdings_usd_bn", ascending=False, kind="stable")
    ranked.index = pd.RangeIndex(1, len(ranked) + 1, name="rank")
    if top is not None:
        ranked = ranked.head(top)
    else:
        other.index = pd.Index([0], name="rank")
        ranked = pd.concat([ranked, other])
    if custody is not None:
        adj = custody_adjusted(custody, end=when, as_of=as_of).loc[when]
        moved = ranked["holdings_usd_bn"].copy()
        holder = resolve_country(custody.holder, wide.columns)
        for centre in custody.centres:
            cname = resolve_country(centre, wide.columns)
            amount = float(adj[_centre_column(cname)])
            moved[ranked["holder"] == holder] += amount
            moved[ranked["holder"] == cname] -= amount
        ranked["custody_adjusted_usd_bn"] = moved
        ranked.attrs["custody_assumptions"] = custody.assumptions()
    ranked.attrs.update(
        wide.attrs,
        date=f"{when:%Y-%m-%d}",
        unit="USD bn",
        grand_total_usd_bn=grand,
        foreign_official_usd_bn=float(row.get("Foreign Official", float("nan"))),
        marketable_usd_bn=round(marketable, 1),
        all_other_usd_bn=float(other["holdings_usd_bn"].iloc[0]) if len(other) else float("nan"),
        note="TIC attributes holdings to the custodian's country; custodial centres are flagged.",
    )
    return ranked


def holder_history(
    holder: str,
    start: Any | None = None,
    end: Any | None = None,
    *,
    as_of: Any | None = None,
) -> pd.DataFrame:
    """Monthly holdings of one holder with its shares and changes.

    Parameters
    ----------
    holder
        A holder as :func:`treasury_leverage.data.countries.resolve_country` accepts it
        (``"japan"``, ``"china"``, ``"official"``, ``"total"``).
    start, end
        Inclusive window (``"2023-01"`` or a date).
    as_of
        Data vintage.

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (month-end): ``holdings_usd_bn``, ``change_1m_usd_bn``,
        ``change_12m_usd_bn``, ``share_of_foreign_pct``, ``share_of_marketable_pct``; for the
        aggregate rows also ``official_share_pct`` (Foreign Official / Grand Total) and, for
        ``Foreign Official``, ``bills_share_pct`` (official bills / official holdings). TIC does
        not split a single country's holdings into official and private, so country rows have
        no official share (``attrs["official_share_note"]`` says so, with the aggregate share).
        ``attrs["holder"]`` is the resolved name.

    Raises
    ------
    UnknownNameError
        Unknown holder (with the closest names).
    InputError
        No data in the window.
    """
    from treasury_leverage.data import api

    wide = api.holdings(as_of=as_of)
    one = api.holdings(holder, as_of=as_of)
    name = str(one.name)
    full = wide[name].dropna()
    out = full.to_frame("holdings_usd_bn")
    out["change_1m_usd_bn"] = full.diff()
    out["change_12m_usd_bn"] = full - full.shift(12)
    out["share_of_foreign_pct"] = 100.0 * full / wide["Grand Total"].reindex(full.index)
    out["share_of_marketable_pct"] = 100.0 * full / _marketable_usd_bn(full.index)
    if name in ("Grand Total", "Foreign Official"):
        out["official_share_pct"] = 100.0 * wide["Foreign Official"] / wide["Grand Total"]
    if name == "Foreign Official":
        out["bills_share_pct"] = 100.0 * wide["Foreign Official: Treasury Bills"] / full
    out = window(out, start, end, f"holdings of {name}")
    out.attrs.update(wide.attrs, holder=name, unit="USD bn")
    if "official_share_pct" not in out.columns:
        last = out.index.max()
        official_pct = 100 * float(wide.loc[last, "Foreign Official"] / wide.loc[last, "Grand Total"])
        out.attrs["official_share_note"] = (
            f"TIC does not split {name}'s holdings into official and private; for all foreign holders "
            f"the official share was {official_pct:.1f}% in {last:%Y-%m}"
        )
    return out


def official_private(
    start: Any | None = None,
    end: Any | None = None,
    *,
    as_of: Any | None = None,
) -> pd.DataFrame:
    """Foreign official vs private holdings (aggregate MFH rows), with the official bills share.

    Returns
    -------
    pandas.DataFrame
        Index ``date``: ``total_usd_bn`` (Grand Total), ``official_usd_bn``, ``private_usd_bn``
        (total minus official), ``official_share_pct``, ``official_bills_usd_bn``,
        ``official_notes_bonds_usd_bn``, ``official_bills_share_pct``.
    """
    from treasury_leverage.data import api

    wide = window(api.holdings(as_of=as_of), start, end, "holdings")
    out = wide[["Grand Total", "Foreign Official"]].copy()
    out.columns = ["total_usd_bn", "official_usd_bn"]
    out["private_usd_bn"] = out["total_usd_bn"] - out["official_usd_bn"]
    out["official_share_pct"] = 100.0 * out["official_usd_bn"] / out["total_usd_bn"]
    out["official_bills_usd_bn"] = wide["Foreign Official: Treasury Bills"]
    out["official_notes_bonds_usd_bn"] = wide["Foreign Official: T-Bonds & Notes"]
    out["official_bills_share_pct"] = 100.0 * out["official_bills_usd_bn"] / out["official_usd_bn"]
    out.attrs.update(wide.attrs, unit="USD bn")
    return out


def changes(
    start: Any,
    end: Any | None = None,
    *,
    as_of: Any | None = None,
) -> pd.DataFrame:
    """Change in every holder's holdings between two month-ends, largest fall first.

    Parameters
    ----------
    start, end
        Month-ends to compare; ``end`` defaults to the latest month.
    as_of
        Data vintage.

    Returns
    -------
    pandas.DataFrame
        Index ``holder``: ``start_usd_bn``, ``end_usd_bn``, ``change_usd_bn``, ``change_pct``,
        ``custodial_centre``; holders missing at either date are left out. Aggregate rows
        (Grand Total, Foreign Official) are included, flagged by ``aggregate``. The changes are
        of market values: they mix trades and price moves (see :func:`..flows.flows`).
    """
    from treasury_leverage.data import api
    from treasury_leverage.data.countries import is_custodial

    wide = api.holdings(as_of=as_of)
    lo = _at(wide, start, label="start")
    hi = _at(wide, end, label="end")
    if lo >= hi:
        raise InputError(f"start {start} is not before end {end or f'{hi:%Y-%m}'}; expected start < end")
    both = wide.loc[[lo, hi]].T.dropna()
    both.columns = ["start_usd_bn", "end_usd_bn"]
    both["change_usd_bn"] = both["end_usd_bn"] - both["start_usd_bn"]
    both["change_pct"] = 100.0 * both["change_usd_bn"] / both["start_usd_bn"]
    both["custodial_centre"] = [is_custodial(n) for n in both.index]
    both["aggregate"] = [n in AGGREGATE_ROWS or n == ALL_OTHER for n in both.index]
    both.index.name = "holder"
    out = both.sort_values("change_usd_bn", kind="stable")
    out.attrs.update(wide.attrs, start=f"{lo:%Y-%m-%d}", end=f"{hi:%Y-%m-%d}", unit="USD bn")
    return out


@dataclass(frozen=True)
class CustodyAdjustment:
    """An explicit reallocation of custodial-centre holdings to a beneficial holder.

    The published analyst practice this encodes (Setser, CFR 2016-2025; Bertaut and Judson's
    reading of Belgian jumps as custodial shifts) is to add *changes* in a custodial centre's
    holdings since a base month to the holder presumed to stand behind them, e.g. China +
    Belgium (Euroclear). It is an assumption, not data: TIC does not know the beneficial owner.

    Parameters
    ----------
    holder
        The holder that receives the reallocation (``"China, Mainland"`` by default).
    centres
        Custodial centre -> share of its *change since* ``base`` attributed to ``holder``
        (0..1). Default: all of Belgium's.
    base
        Base month; the adjustment is zero there. Default ``2015-12``, before China's
        2016 reserve drawdown, a common starting point in the CFR posts.
    """

    holder: str = "China, Mainland"
    centres: Mapping[str, float] = field(default_factory=lambda: {"Belgium": 1.0})
    base: str = "2015-12"

    def __post_init__(self) -> None:
        if not self.centres:
            raise InputError("custody adjustment centres is empty; expected e.g. {'Belgium': 1.0}")
        for centre, share in self.centres.items():
            if not 0.0 <= float(share) <= 1.0:
                raise InputError(f"custody share {share!r} for {centre!r} must be between 0 and 1")

    def assumptions(self) -> list[str]:
        """The assumptions, in words, to print with any adjusted number."""
        parts = [f"{100 * s:.0f}% of {c}'s change since {self.base}" for c, s in self.centres.items()]
        return [
            f"custody-adjusted view (not TIC data): {self.holder} + " + " + ".join(parts),
            "assumes these centres' changes are custody for the holder (Setser, CFR; Bertaut-Judson on "
            "Belgian/Euroclear jumps); TIC attributes holdings to the custodian's country",
            "levels before the base month are not adjusted; centre holdings owned by others are not removed",
        ]


def _centre_column(centre: str) -> str:
    return f"from_{centre.lower().replace(' ', '_')}_usd_bn"


def custody_adjusted(
    adjustment: CustodyAdjustment | None = None,
    start: Any | None = None,
    end: Any | None = None,
    *,
    as_of: Any | None = None,
) -> pd.DataFrame:
    """Holdings of a holder with custodial-centre changes added back, as an explicit option.

    Never used by default anywhere in the toolkit; call it, or pass ``--custody`` in the CLI.

    Parameters
    ----------
    adjustment
        What to reallocate; :class:`CustodyAdjustment` defaults (China + Belgium since 2015-12).
    start, end
        Window of the output (at or after the base month).
    as_of
        Data vintage.

    Returns
    -------
    pandas.DataFrame
        Index ``date``: ``reported_usd_bn``, one ``from_<centre>_usd_bn`` column per centre,
        ``adjusted_usd_bn``. ``attrs["assumptions"]`` lists the assumptions in words.
    """
    from treasury_leverage.data import api
    from treasury_leverage.data.countries import resolve_country

    adj = adjustment or CustodyAdjustment()
    wide = api.holdings(as_of=as_of)
    name = resolve_country(adj.holder, wide.columns)
    base = _at(wide, adj.base, label="custody base")
    out = wide.loc[base:, [name]].rename(columns={name: "reported_usd_bn"})
    total = out["reported_usd_bn"].copy()
    for centre, share in adj.centres.items():
        cname = resolve_country(centre, wide.columns)
        level = wide.loc[base:, cname]
        if level.isna().any():
            raise InputError(f"custodial centre {cname!r} has gaps after {base:%Y-%m}; pick a later base")
        col = _centre_column(cname)
        out[col] = float(share) * (level - level.iloc[0])
        total = total + out[col]
    out["adjusted_usd_bn"] = total
    out = window(out, start, end, f"custody-adjusted holdings of {name}")
    out.attrs.update(wide.attrs, holder=name, unit="USD bn", custody_adjusted=True,
                     assumptions=adj.assumptions())
    return out
