"""Maturity profile of a holder's Treasuries, and the run-off schedule it implies.

A holder's Treasuries are split into a short-term part (bills, remaining maturity under a year)
and a long-term part (notes and bonds). The split comes from the annual TIC survey (SHL/SHLA
history, Treasury debt long-term vs short-term, by country); for the "Foreign Official"
aggregate it comes from the monthly MFH "of which" rows. TIC publishes no remaining-maturity
breakdown of a country's long-term holdings, so the long-term part is spread over remaining-
maturity buckets with :data:`DEFAULT_LT_WEIGHTS`, a documented assumption a user can replace.

The run-off schedule says how much of today's holdings matures in each of the next years: what
a "let them mature" strategy (stop rolling over) would release without a single sale.

References
----------
U.S. Treasury / Federal Reserve Board, "Foreign Holdings of U.S. Securities at the End of the
Period Shown" (annual survey history, tic_historic_holdings.txt). U.S. Treasury, Treasury
Bulletin table FD-5 ("Maturity distribution and average length of marketable interest-bearing
public debt held by private investors"), which the default distribution is meant to resemble
(not checked against a stored copy).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.data.memo import per_vintage
from treasury_leverage.errors import DataUnavailable, InputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_LT_WEIGHTS",
    "LT_BUCKETS",
    "MaturityProfile",
    "maturity_profile",
    "runoff_schedule",
    "st_lt_history",
    "validate_weights",
]

#: Remaining-maturity buckets of the long-term part, in years: ``(low, high]`` (the first
#: includes notes and bonds maturing within the year).
LT_BUCKETS: Final[tuple[tuple[float, float], ...]] = (
    *((float(k), float(k + 1)) for k in range(10)),
    (10.0, 20.0),
    (20.0, 30.0),
)

#: Default remaining-maturity distribution of a holder's long-term (note and bond) Treasuries.
#:
#: **Our assumption [C], not published data.** TIC publishes no such breakdown by country. The
#: shape is meant to resemble the Treasury Bulletin's FD-5 distribution of privately held
#: marketable coupon debt in the 2020s as we recall it (the table is not among the stored raw
#: files, so the numbers are not checked against it): about a sixth of coupon debt falls due
#: within a year, close to half within 1-5 years, about a fifth in 5-10 years and about a seventh
#: beyond 10 years (30-year bonds weighing more than the thin 20-year sector). Within 1-5 and
#: 5-10 years the weights decline with maturity, as under steady issuance of 2/3/5/7/10-year
#: notes. A check that the duration is in the right range: repricing this ladder on the par
#: curve reproduces the reported valuation changes of the largest holders with a least-squares
#: scale of about 0.8 (Bertaut-Judson months, 2011-2020) to 0.8-1.3 (SLT months, 2023-2024),
#: correlation 0.95-0.99 (see :func:`treasury_leverage.holdings.flows.check_estimator`).
#: Reserve managers are usually said to sit shorter than the market; pass your own profile if
#: you know better. Weights sum to one over :data:`LT_BUCKETS`.
DEFAULT_LT_WEIGHTS: Final[tuple[float, ...]] = (
    0.17, 0.15, 0.12, 0.10, 0.09,  # 0-1 .. 4-5 years
    0.06, 0.05, 0.04, 0.04, 0.04,  # 5-6 .. 9-10 years
    0.05, 0.09,                    # 10-20, 20-30 years
)
_TOL: Final = 1e-6


def bucket_label(bucket: tuple[float, float]) -> str:
    """``"0-1y"``, ``"10-20y"``: the label of a remaining-maturity bucket."""
    return f"{bucket[0]:g}-{bucket[1]:g}y"


def validate_weights(
    weights: Sequence[float] | Mapping[str, float], *, what: str = "lt_weights"
) -> tuple[float, ...]:
    """Check a user's maturity weights: one per bucket, finite, non-negative, summing to one.

    Parameters
    ----------
    weights
        A sequence aligned with :data:`LT_BUCKETS`, or a mapping from bucket labels
        (``"0-1y"`` ... ``"20-30y"``, missing labels count as zero).
    what
        Name of the argument, for the message.

    Returns
    -------
    tuple of float
        The weights aligned with :data:`LT_BUCKETS`.

    Raises
    ------
    InputError
        Wrong length, unknown labels, negative or non-finite weights, or a sum other than one.
    """
    import math

    labels = [bucket_label(b) for b in LT_BUCKETS]
    if isinstance(weights, Mapping):
        unknown = [k for k in weights if k not in labels]
        if unknown:
            from treasury_leverage.errors import closest

            hint = closest(str(unknown[0]), labels)
            raise InputError(
                f"{what}: unknown bucket {unknown[0]!r}; expected labels {', '.join(labels)}"
                + (f" (did you mean {hint[0]!r}?)" if hint else "")
            )
        values = [float(weights.get(k, 0.0)) for k in labels]
    else:
        values = [float(w) for w in weights]
        if len(values) != len(LT_BUCKETS):
            raise InputError(
                f"{what}: {len(values)} weights given; expected {len(LT_BUCKETS)}, one per bucket "
                f"({', '.join(labels)})"
            )
    if any(not math.isfinite(v) for v in values):
        raise InputError(f"{what}: weights must be finite numbers, got {values}")
    negative = [(lab, v) for lab, v in zip(labels, values, strict=True) if v < 0]
    if negative:
        raise InputError(f"{what}: weights must be non-negative; {negative[0][0]} has {negative[0][1]}")
    total = sum(values)
    if abs(total - 1.0) > _TOL:
        raise InputError(f"{what}: weights sum to {total:.6g}; expected 1 (shares of the long-term holdings)")
    return tuple(values)


@dataclass(frozen=True)
class MaturityProfile:
    """Where a holder's Treasuries sit on the maturity spectrum.

    Attributes
    ----------
    holder
        Resolved holder name.
    st_share
        Share of holdings in short-term securities (bills; remaining maturity < 1 year), 0..1.
    lt_weights
        Remaining-maturity distribution of the long-term part over :data:`LT_BUCKETS`.
    st_source
        Where ``st_share`` comes from (survey date, MFH month, or the user).
    lt_source
        ``"default assumption"`` or ``"user"``.
    """

    holder: str
    st_share: float
    lt_weights: tuple[float, ...]
    st_source: str
    lt_source: str

    def __post_init__(self) -> None:
        if not 0.0 <= self.st_share <= 1.0:
            raise InputError(f"st_share {self.st_share} must be between 0 and 1")
        validate_weights(self.lt_weights)

    def table(self) -> pd.DataFrame:
        """Shares of total holdings by remaining-maturity bucket (``share_of_holdings_pct``).

        The first row is ``bills`` (short-term part), then the long-term buckets.
        """
        import pandas as pd

        lt = 1.0 - self.st_share
        labels = ["bills (<1y)"] + [f"notes/bonds {bucket_label(b)}" for b in LT_BUCKETS]
        shares = [self.st_share] + [lt * w for w in self.lt_weights]
        lows = [0.0] + [b[0] for b in LT_BUCKETS]
        highs = [1.0] + [b[1] for b in LT_BUCKETS]
        frame = pd.DataFrame(
            {"bucket": labels, "from_years": lows, "to_years": highs,
             "share_of_holdings_pct": [100.0 * s for s in shares]}
        )
        frame.attrs.update(holder=self.holder, st_source=self.st_source, lt_source=self.lt_source)
        return frame


@per_vintage("shl_history")
def st_lt_history(holder: str, *, as_of: Any | None = None) -> pd.DataFrame:
    """Short- vs long-term Treasury holdings of a holder at each annual survey date.

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (survey dates with a short-term column, 2002 on): ``lt_treasury_usd_bn``,
        ``st_treasury_usd_bn``, ``total_treasury_usd_bn``, ``st_share_pct``.

    Raises
    ------
    UnknownNameError
        The holder is not in the survey (with the closest names).
    DataUnavailable
        The survey has no short-term column for the holder.
    """
    from treasury_leverage.data import api

    survey = api.survey_holdings(holder, as_of=as_of)
    need = ["lt_treasury_usd_bn", "st_treasury_usd_bn"]
    if any(c not in survey.columns for c in need):
        raise DataUnavailable(f"the annual survey has no long/short-term Treasury split for {holder!r}")
    out = survey[need].dropna()
    out = out[out.sum(axis=1) > 0]
    if out.empty:
        raise DataUnavailable(f"the annual survey has no long/short-term Treasury split for {holder!r}")
    out = out.copy()
    out["total_treasury_usd_bn"] = out.sum(axis=1)
    out["st_share_pct"] = 100.0 * out["st_treasury_usd_bn"] / out["total_treasury_usd_bn"]
    out.attrs.update(survey.attrs)
    return out


def _official_st_share(date: pd.Timestamp | None, as_of: Any | None) -> tuple[float, str]:
    from treasury_leverage.data import api

    bills = api.holdings("Foreign Official: Treasury Bills", as_of=as_of)
    total = api.holdings("Foreign Official", as_of=as_of)
    ratio = (bills / total).dropna()
    ratio = ratio.loc[:date] if date is not None else ratio
    if ratio.empty:
        raise DataUnavailable("no MFH foreign official bills split at or before that date")
    return float(ratio.iloc[-1]), f"TIC MFH foreign official bills share, {ratio.index[-1]:%Y-%m}"


def maturity_profile(
    holder: str,
    *,
    date: Any | None = None,
    lt_weights: Sequence[float] | Mapping[str, float] | None = None,
    st_share: float | None = None,
    as_of: Any | None = None,
) -> MaturityProfile:
    """The maturity profile of a holder at a date.

    Parameters
    ----------
    holder
        A holder name (forgiving match).
    date
        The short-term share is taken from the last survey at or before ``date`` (the latest
        survey if None; the first survey if ``date`` predates them all). For
        ``"Foreign Official"`` it is the MFH bills share of that month.
    lt_weights
        Your remaining-maturity distribution of the long-term part (see
        :func:`validate_weights`); :data:`DEFAULT_LT_WEIGHTS` if None.
    st_share
        Your short-term share (0..1), overriding the survey.
    as_of
        Data vintage.

    Returns
    -------
    MaturityProfile

    Raises
    ------
    InputError
        Invalid weights or share.
    UnknownNameError
        Unknown holder. Holders with no survey split (``"All Other"``, old aggregates) use the
        Grand Total's split, which ``st_source`` says.
    """
    from treasury_leverage.data import api
    from treasury_leverage.data.countries import resolve_country
    from treasury_leverage.errors import UnknownNameError
    from treasury_leverage.holdings.atlas import month_end

    name = resolve_country(holder, api.holders(as_of=as_of))
    when = None if date is None else month_end(date)
    weights = DEFAULT_LT_WEIGHTS if lt_weights is None else validate_weights(lt_weights)
    lt_source = "default assumption (DEFAULT_LT_WEIGHTS)" if lt_weights is None else "user"
    if st_share is not None:
        if not 0.0 <= float(st_share) <= 1.0:
            raise InputError(f"st_share {st_share!r} must be between 0 and 1 (a share, not percent)")
        return MaturityProfile(name, float(st_share), weights, "user", lt_source)
    if name.startswith("Foreign Official"):
        if name == "Foreign Official: Treasury Bills":
            share, src = 1.0, "by definition (bills)"
        elif name == "Foreign Official: T-Bonds & Notes":
            share, src = 0.0, "by definition (notes and bonds)"
        else:
            share, src = _official_st_share(when, as_of)
        return MaturityProfile(name, share, weights, src, lt_source)
    fallback = ""
    try:
        if name == "All Other":  # the survey's residual row covers other countries than MFH's
            raise DataUnavailable(name)
        hist = st_lt_history(name, as_of=as_of)
    except (UnknownNameError, DataUnavailable):
        hist = st_lt_history("Grand Total", as_of=as_of)
        fallback = f" (no survey split for {name}; all foreign holders' split used)"
    pick = hist.loc[:when] if when is not None else hist
    if pick.empty:
        pick = hist.iloc[:1]
    row = pick.iloc[-1]
    src = f"TIC annual survey, {pick.index[-1]:%b %Y}{fallback}"
    return MaturityProfile(name, float(row["st_share_pct"]) / 100.0, weights, src, lt_source)


def runoff_schedule(
    holder: str,
    *,
    date: Any | None = None,
    years: int = 10,
    profile: MaturityProfile | None = None,
    as_of: Any | None = None,
) -> pd.DataFrame:
    """How much of a holder's Treasuries matures in each of the next ``years`` years.

    Bills mature in year 1. Long-term buckets of one year mature in their year; the 10-20 and
    20-30 year buckets are spread evenly over their years (beyond ``years`` they are the
    remainder). Holdings are at market value, so the amounts are market values, not face.

    Parameters
    ----------
    holder
        A holder name.
    date
        Month of the holdings (the latest if None).
    years
        Horizon, 1..30 years.
    profile
        A :class:`MaturityProfile`; :func:`maturity_profile` at ``date`` if None.
    as_of
        Data vintage.

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (1..years): ``matures_usd_bn``, ``cumulative_usd_bn``,
        ``cumulative_pct`` (of today's holdings). ``attrs``: ``holdings_usd_bn``, ``date``,
        ``beyond_horizon_usd_bn``, the profile's sources.
    """
    import numpy as np
    import pandas as pd

    from treasury_leverage.data import api
    from treasury_leverage.holdings.atlas import month_end

    if not 1 <= int(years) <= 30:
        raise InputError(f"years {years} must be between 1 and 30")
    series = api.holdings(holder, as_of=as_of)
    if date is None:
        when = series.index.max()
    else:
        when = month_end(date)
        if when not in series.index:
            raise InputError(
                f"date {date!r}: no holdings of {series.name} for {when:%Y-%m}; data cover "
                f"{series.index.min():%Y-%m} to {series.index.max():%Y-%m}"
            )
    total = float(series.loc[when])
    prof = profile or maturity_profile(str(series.name), date=when, as_of=as_of)
    per_year = np.zeros(30)
    per_year[0] += prof.st_share
    for (lo, hi), w in zip(LT_BUCKETS, prof.lt_weights, strict=True):
        span = int(hi - lo)
        per_year[int(lo): int(hi)] += (1.0 - prof.st_share) * w / span
    amounts = total * per_year[: int(years)]
    out = pd.DataFrame({"matures_usd_bn": amounts}, index=pd.RangeIndex(1, int(years) + 1, name="year"))
    out["cumulative_usd_bn"] = out["matures_usd_bn"].cumsum()
    out["cumulative_pct"] = 100.0 * out["cumulative_usd_bn"] / total
    out.attrs.update(
        holder=str(series.name), date=f"{when:%Y-%m-%d}", holdings_usd_bn=total,
        beyond_horizon_usd_bn=total - float(amounts.sum()),
        st_source=prof.st_source, lt_source=prof.lt_source, unit="USD bn (market value)",
    )
    return out
