"""The valuation model of the flow detective: a ladder of bonds repriced on the par curve.

The holder's long-term Treasuries are represented by a ladder of bonds, one per remaining-maturity
bucket of its :class:`~treasury_leverage.holdings.profile.MaturityProfile`, each carrying the
average coupon of its vintages (:func:`vintage_coupons`: the original tenors 2-30 years in
proportion to their issuance, each at the par yield of its auction month), priced at the
month-start par yield of its maturity (interpolated linearly in maturity on the Treasury par
curve) and repriced a month later, a month shorter, at the month-end par yield
(:func:`ladder_returns`). :func:`estimate_valuation` is the pure kernel (holdings and a curve path
in, raw and calibrated valuation out); :func:`reported_valuation` reads the valuation changes a
publisher reports (TIC SLT Table 1, the Fed's Bertaut-Judson estimates), on which the estimator
is calibrated (:mod:`treasury_leverage.holdings.calibration`). The detective itself is
:func:`treasury_leverage.holdings.flows.flows`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.data.memo import per_vintage
from treasury_leverage.errors import DataUnavailable, InputError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from treasury_leverage.holdings.profile import MaturityProfile

__all__ = [
    "BJ_NAMES",
    "ISSUE_SHARES",
    "ISSUE_TENORS",
    "estimate_valuation",
    "ladder_returns",
    "month_end_par_curve",
    "reported_valuation",
    "st_share_series",
    "vintage_coupons",
]

#: MFH holder name -> Bertaut-Judson (2021 file) country name, where they differ.
BJ_NAMES: Final[dict[str, str]] = {
    "China, Mainland": "China",
    "United Kingdom": "UK",
    "Korea, South": "Korea",
    "Hong Kong": "HongKong",
    "Saudi Arabia": "SaudiArabia",
    "Cayman Islands": "Cayman",
    "United Arab Emirates": "UAE",
    "South Africa": "SouthAfrica",
    "Carib Bnkng Ctrs": "CaribBanking",
    "British Virgin Islands": "BritishVI",
    "Netherlands Antilles": "NethAnt",
    "New Zealand": "NZealand",
    "Grand Total": "Total",
    "Foreign Official": "FOI_All_Countries",
}
_DAYS_PER_YEAR: Final = 365.25
#: Original maturities of Treasury notes and bonds, years.
ISSUE_TENORS: Final[tuple[float, ...]] = (2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0)
#: Their shares of gross coupon issuance: 2024 auction sizes (2y 69, 3y 58, 5y 70, 7y 44 bn a
#: month; 10y 42 and 30y 25 bn a month with reopenings; 20y 14 bn), U.S. Treasury quarterly
#: refunding statements 2024. Only their ratios matter: they weight the vintages of a bucket.
ISSUE_SHARES: Final[tuple[float, ...]] = (0.21, 0.18, 0.22, 0.14, 0.13, 0.04, 0.08)


#: The datasets the estimate of a holder's valuation is derived from (its memo's key).
ESTIMATE_DATASETS: Final = ("holdings", "shl_history", "par_curve", "fred")
#: Those of the reported valuation changes.
REPORTED_DATASETS: Final = ("slt_table1", "bj_positions")

# -- the estimator -----------------------------------------------------------------------------


@per_vintage("par_curve", "fred")
def month_end_par_curve(*, as_of: Any | None = None) -> pd.DataFrame:
    """The Treasury par curve on the last business day of each month, indexed by month-end.

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (calendar month-end); columns are tenors in years (float), percent.
        ``attrs["observed"]`` holds the actual observation dates.
    """
    import pandas as pd

    from treasury_leverage.data import api
    from treasury_leverage.data.sources.treasury import TENOR_YEARS

    daily = api.par_curve(as_of=as_of).dropna(how="all")
    last = daily.groupby(daily.index.to_period("M")).tail(1)
    out = last.copy()
    out.index = pd.DatetimeIndex(last.index.to_period("M").to_timestamp(how="end").normalize(), name="date")
    out.columns = [float(TENOR_YEARS[c]) for c in last.columns]
    out.attrs.update(daily.attrs, observed=list(last.index))
    return out


def _interp_rows(tenors: NDArray[np.float64], yields: NDArray[np.float64],
                 maturities: NDArray[np.float64]) -> NDArray[np.float64]:
    """Par yields at ``maturities`` (rows x buckets), linear in maturity, flat beyond the ends."""
    import numpy as np

    out = np.full(maturities.shape, np.nan)
    for i in range(yields.shape[0]):
        ok = np.isfinite(yields[i])
        if ok.sum() >= 2:
            out[i] = np.interp(maturities[i], tenors[ok], yields[i, ok])
    return out


def vintage_coupons(
    par_curve: pd.DataFrame,
    bucket_years: Sequence[float] | NDArray[np.float64],
    *,
    issue_tenors: Sequence[float] = ISSUE_TENORS,
    issue_shares: Sequence[float] = ISSUE_SHARES,
) -> NDArray[np.float64]:
    """Average coupon of the bonds in each remaining-maturity bucket, month by month, percent.

    A bond with ``m`` years left that was issued as a ``T``-year note or bond (``T > m``) was
    auctioned ``T - m`` years earlier at about the par yield of maturity ``T`` then. In a
    steady state the outstanding stock at remaining maturity ``m`` holds each original tenor in
    proportion to its issuance, so the bucket's average coupon is the issuance-weighted mean of
    those par yields at issue. A bond's price is linear in its coupon, so one bond with the
    average coupon prices exactly like the mix (same yield, same maturity). Issue dates before
    the first month of ``par_curve`` take its first month (a few old 20-30-year vintages).

    Parameters
    ----------
    par_curve
        Month-end par yields, percent (index month-ends, columns maturities in years).
    bucket_years
        Remaining maturity of each bucket at each month-end, years.
    issue_tenors, issue_shares
        Original maturities and their shares of gross coupon issuance (default
        :data:`ISSUE_TENORS`, :data:`ISSUE_SHARES`).

    Returns
    -------
    numpy.ndarray
        Rows = months of ``par_curve``, columns = buckets; NaN where no par yield is known.

    References
    ----------
    U.S. Treasury, Office of Debt Management, quarterly refunding auction sizes (the issuance
    shares).
    """
    import numpy as np

    tenors = np.asarray(par_curve.columns, dtype=float)
    y = par_curve.to_numpy(dtype=float)
    mids = np.asarray(bucket_years, dtype=float)
    t_issue = np.asarray(issue_tenors, dtype=float)
    shares = np.asarray(issue_shares, dtype=float)
    n = len(y)
    # Par yield of each original tenor in every month (linear in maturity, like the ladder).
    at_tenor = _interp_rows(tenors, y, np.broadcast_to(t_issue, (n, len(t_issue))))
    out = np.full((n, len(mids)), np.nan)
    rows = np.arange(n)
    for b, m in enumerate(mids):
        eligible = t_issue > m
        if not eligible.any():  # longer than any issue: a fresh issue of the longest tenor
            eligible = t_issue == t_issue.max()
        w = shares[eligible] / shares[eligible].sum()
        lag = np.rint(np.maximum(t_issue[eligible] - m, 0.0) * 12).astype(int)
        idx = np.clip(rows[:, None] - lag[None, :], 0, n - 1)
        cols = np.flatnonzero(eligible)
        vals = at_tenor[idx, cols[None, :]]
        out[:, b] = vals @ w
    return out


def ladder_returns(
    par_curve: pd.DataFrame,
    lt_weights: Sequence[float] | None = None,
    *,
    bucket_years: Sequence[float] | None = None,
    coupons: Literal["vintage", "par"] = "vintage",
) -> pd.Series:
    """Monthly clean-price return of a ladder of bonds repriced on the par curve.

    Parameters
    ----------
    par_curve
        Month-end par yields, percent: index month-ends (consecutive), columns maturities in years
        (as :func:`month_end_par_curve` returns).
    lt_weights
        Weights of the buckets (default :data:`~treasury_leverage.holdings.profile.DEFAULT_LT_WEIGHTS`).
    bucket_years
        Remaining maturity of each bucket's bond at the start of the month, years (default: the
        midpoints of :data:`~treasury_leverage.holdings.profile.LT_BUCKETS`).
    coupons
        ``"vintage"`` (default): each bucket's bond carries the average coupon of its vintages
        (:func:`vintage_coupons`), so bonds above or below par are pulled toward par as they
        age; ``"par"``: a par bond struck at the month-start yield (no pull to par).

    Returns
    -------
    pandas.Series
        Index: the month-end at which each month ends; value: the weighted return (a fraction,
        e.g. -0.012). The first month of the input has no return.

    References
    ----------
    31 CFR Part 356, Appendix B (price from yield) via :func:`treasury_leverage.curves.bonds.bond_price`.
    """
    import numpy as np
    import pandas as pd

    from treasury_leverage.curves.bonds import bond_price
    from treasury_leverage.holdings.profile import DEFAULT_LT_WEIGHTS, LT_BUCKETS, validate_weights

    weights = np.asarray(validate_weights(DEFAULT_LT_WEIGHTS if lt_weights is None else lt_weights))
    mids = np.asarray(bucket_years if bucket_years is not None else [(a + b) / 2 for a, b in LT_BUCKETS])
    if mids.shape != weights.shape or np.any(mids <= 1.0 / 12):
        raise InputError(f"bucket_years {list(mids)} must give one maturity (> 1 month) per weight")
    if len(par_curve) < 2:
        raise InputError("par_curve needs at least two month-ends to give a return")
    dates = pd.DatetimeIndex(par_curve.index)
    tenors = np.asarray(par_curve.columns, dtype=float)
    y = par_curve.to_numpy(dtype=float)
    d0 = dates[:-1].to_numpy().astype("datetime64[D]")
    d1 = dates[1:].to_numpy().astype("datetime64[D]")
    m0 = np.broadcast_to(mids, (len(d0), len(mids)))
    maturity = d0[:, None] + np.rint(m0 * _DAYS_PER_YEAR).astype("timedelta64[D]")
    remaining = (maturity - d1[:, None]).astype(float) / _DAYS_PER_YEAR
    y0 = _interp_rows(tenors, y[:-1], m0)
    y1 = _interp_rows(tenors, y[1:], remaining)
    ok = np.isfinite(y0).all(axis=1) & np.isfinite(y1).all(axis=1)
    ret = np.full(len(d0), np.nan)
    if coupons == "vintage":
        cpn = vintage_coupons(par_curve, mids)[:-1]
    elif coupons == "par":
        cpn = y0
    else:
        raise InputError(f"coupons {coupons!r} is not known; expected 'vintage' or 'par'")
    ok &= np.isfinite(cpn).all(axis=1)
    if ok.any():
        s0 = np.broadcast_to(d0[ok, None], maturity[ok].shape)
        s1 = np.broadcast_to(d1[ok, None], maturity[ok].shape)
        p0 = np.asarray(bond_price(s0, maturity[ok], cpn[ok], y0[ok]))
        p1 = np.asarray(bond_price(s1, maturity[ok], cpn[ok], y1[ok]))
        ret[ok] = ((p1 - p0) / p0) @ weights
    return pd.Series(ret, index=dates[1:], name="ladder_return")


def st_share_series(holder: str, dates: pd.DatetimeIndex, *, as_of: Any | None = None) -> pd.Series:
    """Short-term (bills) share of a holder's Treasuries at each date (0..1).

    The annual survey share in force (last survey at or before the date; the first survey before
    2002), or for ``"Foreign Official"`` the monthly MFH bills share.
    """
    import pandas as pd

    from treasury_leverage.holdings.profile import maturity_profile, st_lt_history

    if holder.startswith("Foreign Official") or holder == "All Other":
        if holder == "Foreign Official":
            from treasury_leverage.data import api

            bills = api.holdings("Foreign Official: Treasury Bills", as_of=as_of)
            total = api.holdings("Foreign Official", as_of=as_of)
            return (bills / total).reindex(dates).ffill().bfill()
        share = maturity_profile(holder, as_of=as_of).st_share
        return pd.Series(share, index=dates)
    try:
        hist = st_lt_history(holder, as_of=as_of)["st_share_pct"] / 100.0
    except (DataUnavailable, InputError):
        hist = st_lt_history("Grand Total", as_of=as_of)["st_share_pct"] / 100.0
    merged = hist.reindex(hist.index.union(dates)).ffill().bfill()
    return merged.reindex(dates)


@per_vintage(*REPORTED_DATASETS)
def reported_valuation(holder: str, *, as_of: Any | None = None) -> pd.DataFrame:
    """Reported valuation changes and net purchases of a holder's long-term Treasuries, USD bn.

    SLT Table 1 (TIC, 2023-02 on) where it exists, else the Fed's Bertaut-Judson estimates
    (2011-07 to 2020-12; ``treas_val_chg`` and ``treas_net_flow``).

    Returns
    -------
    pandas.DataFrame
        Index ``date``: ``valuation_usd_bn``, ``net_purchases_usd_bn``, ``source``; empty if the
        holder is in neither file.
    """
    import pandas as pd

    from treasury_leverage.data import api
    from treasury_leverage.errors import UnknownNameError

    parts = []
    try:
        slt = api.slt_flows(holder, as_of=as_of)
        slt = slt.dropna(subset=["treas_valchg_usd_bn"])
        parts.append(pd.DataFrame({
            "valuation_usd_bn": slt["treas_valchg_usd_bn"],
            "net_purchases_usd_bn": slt["treas_net_usd_bn"],
            "source": "TIC SLT Table 1",
        }))
    except (UnknownNameError, InputError, DataUnavailable, KeyError):
        pass
    bj_name = BJ_NAMES.get(holder, holder.replace(" ", ""))
    ids = [f"{bj_name}|treas_val_chg", f"{bj_name}|treas_net_flow"]
    try:
        # the whole table pivoted (memoised per vintage) rather than a filtered read of two series
        bj = api.wide("bj_positions", as_of=as_of)
    except (InputError, DataUnavailable):
        bj = pd.DataFrame()
    if set(ids) <= set(bj.columns):
        wide = (bj[ids] / 1000.0).dropna()
        parts.append(pd.DataFrame({
            "valuation_usd_bn": wide[ids[0]],
            "net_purchases_usd_bn": wide[ids[1]],
            "source": "Fed Bertaut-Judson",
        }))
    if not parts:
        return pd.DataFrame(columns=["valuation_usd_bn", "net_purchases_usd_bn", "source"],
                            index=pd.DatetimeIndex([], name="date"))
    out = pd.concat(parts)
    out = out[~out.index.duplicated(keep="first")].sort_index()  # SLT wins over BJ
    out.index.name = "date"
    return out


def estimate_valuation(
    holdings_usd_bn: pd.Series,
    par_curve: pd.DataFrame,
    *,
    st_share: float | pd.Series = 0.0,
    lt_weights: Sequence[float] | None = None,
    scale: float = 1.0,
    drift_pct_of_lt: float = 0.0,
    coupons: Literal["vintage", "par"] = "vintage",
) -> pd.DataFrame:
    """Estimate monthly valuation changes and implied net purchases from a yield-curve path.

    The pure kernel of the detective (no data access), so it can be checked on a synthetic world.

    Parameters
    ----------
    holdings_usd_bn
        Month-end market value of the holder's Treasuries, USD bn (consecutive months).
    par_curve
        Month-end par yields, percent, columns maturities in years, covering the same months.
    st_share
        Share of bills (no valuation change assumed), a number or a series on the same dates.
    lt_weights
        Remaining-maturity weights of the long-term part (default
        :data:`~treasury_leverage.holdings.profile.DEFAULT_LT_WEIGHTS`).
    scale
        Calibration factor applied to the ladder valuation (1 = none).
    drift_pct_of_lt
        Calibration intercept, percent of month-start long-term holdings a month (0 = none).
    coupons
        Coupons of the ladder's bonds (see :func:`ladder_returns`).

    Returns
    -------
    pandas.DataFrame
        Index ``date``: ``holdings_usd_bn``, ``change_usd_bn``, ``lt_start_usd_bn`` (long-term
        holdings at the start of the month), ``ladder_return``, ``valuation_raw_usd_bn``
        (unscaled), ``valuation_usd_bn`` (scaled), ``net_purchases_usd_bn`` (change minus
        valuation). Months after a gap of more than a month have NaN changes.

    References
    ----------
    Bertaut and Tryon (2007), IFDP 910: position_t = position_{t-1} + flows_t + valuation_t +
    other_t, with valuation from price indexes; here the price index is the repriced ladder.
    """
    import pandas as pd

    held = holdings_usd_bn.astype(float)
    ret = ladder_returns(par_curve, lt_weights, coupons=coupons)
    st = st_share if isinstance(st_share, pd.Series) else pd.Series(float(st_share), index=held.index)
    frame = held.to_frame("holdings_usd_bn")
    frame["change_usd_bn"] = held.diff().round(9)  # the table has one decimal: drop float noise
    frame["lt_start_usd_bn"] = (held * (1.0 - st.reindex(held.index))).shift(1)
    frame["ladder_return"] = ret.reindex(held.index)
    frame["valuation_raw_usd_bn"] = frame["lt_start_usd_bn"] * frame["ladder_return"]
    # A month is only comparable when the previous one is the calendar month before.
    gap = held.index.to_series().diff().dt.days > 31
    frame.loc[gap, ["change_usd_bn", "valuation_raw_usd_bn"]] = float("nan")
    frame["valuation_usd_bn"] = (scale * frame["valuation_raw_usd_bn"]
                                 + drift_pct_of_lt / 100.0 * frame["lt_start_usd_bn"])
    frame["net_purchases_usd_bn"] = frame["change_usd_bn"] - frame["valuation_usd_bn"]
    return frame


@per_vintage(*ESTIMATE_DATASETS)
def _estimate_frame(holder: str, profile: MaturityProfile | None, as_of: Any | None,
                    *, coupons: Literal["vintage", "par"] = "vintage") -> pd.DataFrame:
    """Holdings, LT holdings at month start and the raw estimated valuation, every month."""
    import pandas as pd

    from treasury_leverage.data import api

    held = api.holdings(holder, as_of=as_of)
    name = str(held.name)
    if profile is not None and profile.st_source == "user":
        st = pd.Series(profile.st_share, index=held.index)
    else:
        st = st_share_series(name, held.index, as_of=as_of)
    frame = estimate_valuation(held, month_end_par_curve(as_of=as_of), st_share=st,
                               lt_weights=None if profile is None else profile.lt_weights, coupons=coupons)
    frame = frame.drop(columns=["valuation_usd_bn", "net_purchases_usd_bn"])
    frame.attrs.update(held.attrs, holder=name)
    return frame
