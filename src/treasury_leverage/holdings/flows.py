"""The flow detective: did a holder trade Treasuries, or did prices move?

TIC holdings are market values, so a monthly change mixes trades and price moves:

``change_t = net_purchases_t + valuation_t + other_t``.

Where a publisher reports the valuation change of long-term Treasuries (TIC SLT Table 1 from
2023-02; the Fed's Bertaut-Judson estimates for 2011-07 to 2020-12) we use it. Elsewhere we
estimate it: the holder's long-term Treasuries are represented by a ladder of bonds, one per
remaining-maturity bucket of its :class:`~treasury_leverage.holdings.profile.MaturityProfile`,
each carrying the average coupon of its vintages (:func:`vintage_coupons`: the original tenors
2-30 years in proportion to their issuance, each at the par yield of its auction month), priced at
the month-start par yield of its maturity (interpolated linearly in maturity on the Treasury par
curve) and repriced a month later, a month shorter, at the month-end par yield with
:func:`treasury_leverage.curves.bonds.bond_price`. The weighted clean-price return times the
month-start long-term holdings is the raw estimated valuation change. The vintage coupons carry
the pull to par: bonds bought when yields were lower trade below par and gain as they age (2023-24),
bonds bought when yields were higher lose (2011-20); a ladder of par bonds misses both, which
biased the old estimator by about +2 USD bn a month for Japan in 2023-24 and the opposite in
2011-20.

Before December 2011 the MFH figures for notes and bonds were not revalued monthly: they were
the last annual survey plus cumulated Form S net transactions (MFH footnote 1), and the price
effects arrived with the next benchmark (a June series break). In those months the change is
taken as net purchases, valuation is zero by construction (the ladder's market estimate is still
shown), and series-break months are left out of the totals.

Bills (the short-term part) are taken to have no valuation change: their month-on-month price
moves are a few basis points of a small share. Net purchases are then ``change - valuation``
for all Treasuries, bills included, in every month: in reported months the TIC's own long-term
net purchases are shown alongside (``lt_net_purchases_reported_usd_bn``), and the difference is
bills trades plus differences between the MFH and SLT tables (``bills_and_other_usd_bn``).

The estimator is calibrated and checked holder by holder on the months where the split is
reported: ``reported = drift x LT + scale x raw`` by least squares in shares of long-term holdings
(``drift`` is the intercept, per dollar of holdings so that it carries over to other months and
holders). The residuals give the band around every estimated month (``band_z`` standard errors);
for the cumulative band they are modelled as an AR(1) process (lag-one autocorrelation of the
calibration residuals, clipped to [0, 0.95]) and the drift's own standard error is added as an
error common to every month (:func:`cumulative_band`). :func:`check_estimator` reports bias, MAE,
correlation and cumulative coverage per reported period, in and out of sample.

References
----------
Bertaut, C. and Tryon, R. (2007), "Monthly Estimates of U.S. Cross-Border Securities Positions",
FRB IFDP 910 (positions = previous positions + flows + valuation + other). Bertaut, C. and
Judson, R. (2014), IFDP 1113 (the 2011-2020 estimates used as reported). U.S. Treasury, TIC
Form SLT (fair-value changes reported from February 2023).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.errors import DataUnavailable, InputError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from treasury_leverage.holdings.profile import MaturityProfile

__all__ = [
    "BJ_NAMES",
    "CHECK_HOLDERS",
    "CHECK_PERIODS",
    "ESTIMATE_SOURCE",
    "ISSUE_SHARES",
    "ISSUE_TENORS",
    "MFH_SERIES_BREAKS",
    "MFH_TRANSACTIONS_BASED_UNTIL",
    "REGIME_SWITCH",
    "SOURCES",
    "TRANSACTIONS_KIND",
    "Calibration",
    "calibrate",
    "check_estimator",
    "cumulative_band",
    "estimate_valuation",
    "flows",
    "ladder_returns",
    "month_end_par_curve",
    "recent_window",
    "reported_valuation",
    "st_share_series",
    "verdict",
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
#: Month-ends at which the MFH history changes series (new annual-survey benchmark, then Form
#: SLT): the change into these months includes benchmark revisions, so it cannot be split into
#: trades and prices. MFH footnotes 7-17: June 2002 ... June 2011 (Series III-XII), September
#: 2011 (first SLT data inside Series XII) and December 2011 (Series XIII, SLT from then on).
MFH_SERIES_BREAKS: Final[tuple[str, ...]] = (
    *(f"{year}-06-30" for year in range(2002, 2012)),
    "2011-09-30",
    "2011-12-31",
)
#: Last month whose MFH change is transactions-based (MFH footnote 1: "The data before December
#: 2011 ... [add] monthly net transactions from the TIC S Form to the holdings in the most recent
#: annual Survey"): there the change is taken as net purchases and valuation as zero.
MFH_TRANSACTIONS_BASED_UNTIL: Final = "2011-11-30"
#: ``valuation_source`` of estimated months.
ESTIMATE_SOURCE: Final = "estimate (vintage-coupon ladder on the par curve, calibrated)"
#: ``valuation_kind`` of those months.
TRANSACTIONS_KIND: Final = "none (transactions-based)"
#: Fewer reported months than this and the holder borrows the Grand Total's calibration.
MIN_CALIBRATION_MONTHS: Final = 12
_DAYS_PER_YEAR: Final = 365.25
#: Original maturities of Treasury notes and bonds, years.
ISSUE_TENORS: Final[tuple[float, ...]] = (2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0)
#: Their shares of gross coupon issuance: 2024 auction sizes (2y 69, 3y 58, 5y 70, 7y 44 bn a
#: month; 10y 42 and 30y 25 bn a month with reopenings; 20y 14 bn), U.S. Treasury quarterly
#: refunding statements 2024. Only their ratios matter: they weight the vintages of a bucket.
ISSUE_SHARES: Final[tuple[float, ...]] = (0.21, 0.18, 0.22, 0.14, 0.13, 0.04, 0.08)


# -- the estimator -----------------------------------------------------------------------------


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
        bj = api.read("bj_positions", series=ids, as_of=as_of)
    except (InputError, DataUnavailable):
        bj = pd.DataFrame()
    if len(bj):
        wide = bj.pivot(index="date", columns="series_id", values="value") / 1000.0
        if set(ids) <= set(wide.columns):
            wide = wide.dropna()
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


# -- calibration -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    """How well the valuation estimator matches a holder's reported valuation changes.

    The calibrated estimate is ``drift x LT + scale x ladder`` (``LT`` the month-start long-term
    holdings, ``ladder`` the raw ladder valuation), fitted by least squares on reported months:
    ``drift`` is the intercept of the regression, expressed per dollar of holdings so that it
    carries over to months and holders of another size. The residuals (as a share of ``LT``) are
    modelled as an AR(1) process, whose autocorrelation widens the cumulative band.

    Attributes
    ----------
    holder
        Holder whose reported months were used (may be ``"Grand Total"`` for a fallback).
    n_months
        Reported months used.
    scale
        Slope on the raw ladder valuation (1 = the ladder is right on average).
    drift_pct_of_lt
        Intercept: valuation change not explained by the ladder, percent of LT per month.
    drift_se_pct_of_lt
        Its standard error, corrected for the residuals' autocorrelation.
    rmse_pct_of_lt
        Root-mean-square residual, percent of month-start long-term holdings; the monthly band
        half-width is ``band_z`` times this.
    ar1_rho
        First-order autocorrelation of the residuals (share of LT), clipped to [0, 0.95].
    rmse_raw_usd_bn, rmse_scaled_usd_bn
        Root-mean-square error in USD bn before and after calibration.
    bias_raw_usd_bn
        Mean of reported minus raw ladder valuation, USD bn a month (before calibration).
    corr
        Correlation of estimated and reported valuation changes.
    fallback
        True when the holder had too few reported months and borrowed another's calibration.
    """

    holder: str
    n_months: int
    scale: float
    rmse_pct_of_lt: float
    rmse_raw_usd_bn: float
    rmse_scaled_usd_bn: float
    corr: float
    fallback: bool = False
    drift_pct_of_lt: float = 0.0
    drift_se_pct_of_lt: float = 0.0
    ar1_rho: float = 0.0
    bias_raw_usd_bn: float = 0.0
    first_month: str = ""
    last_month: str = ""

    def estimate(self, raw_usd_bn: Any, lt_start_usd_bn: Any) -> Any:
        """The calibrated valuation estimate, USD bn."""
        return self.drift_pct_of_lt / 100.0 * lt_start_usd_bn + self.scale * raw_usd_bn

    def to_dict(self) -> dict[str, Any]:
        """Plain dict with unit-bearing keys."""
        return asdict(self)


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


def _fit(holder: str, est: pd.DataFrame, rep: pd.DataFrame) -> Calibration | None:
    """Least squares of reported valuation on [LT, ladder]; AR(1) of the residual share of LT."""
    import numpy as np

    both = est.join(rep[["valuation_usd_bn"]], how="inner").dropna(
        subset=["valuation_raw_usd_bn", "valuation_usd_bn", "lt_start_usd_bn"])
    n = len(both)
    if n < 3:
        return None
    x = both["valuation_raw_usd_bn"].to_numpy()
    y = both["valuation_usd_bn"].to_numpy()
    lt = both["lt_start_usd_bn"].to_numpy()
    # In shares of LT the regression is y/LT = drift + scale * x/LT: an intercept, with errors of
    # comparable size across months and holders.
    ys, xs = y / lt, x / lt
    design = np.column_stack([np.ones(n), xs])
    (drift, scale), *_ = np.linalg.lstsq(design, ys, rcond=None)
    resid = ys - drift - scale * xs
    rho = _ar1(resid)
    dof = max(n - 2, 1)
    s2 = float(resid @ resid) / dof
    cov = s2 * np.linalg.inv(design.T @ design)
    # Long-run variance of the mean of an AR(1): (1 + rho) / (1 - rho) times the i.i.d. one.
    drift_se = float(np.sqrt(cov[0, 0] * (1 + rho) / (1 - rho)))
    est_y = (drift + scale * xs) * lt
    return Calibration(
        holder=holder,
        n_months=n,
        scale=float(scale),
        rmse_pct_of_lt=float(100.0 * np.sqrt(np.mean(resid**2))),
        rmse_raw_usd_bn=float(np.sqrt(np.mean((y - x) ** 2))),
        rmse_scaled_usd_bn=float(np.sqrt(np.mean((y - est_y) ** 2))),
        corr=float(np.corrcoef(est_y, y)[0, 1]) if n > 2 else float("nan"),
        drift_pct_of_lt=float(100.0 * drift),
        drift_se_pct_of_lt=float(100.0 * drift_se),
        ar1_rho=rho,
        bias_raw_usd_bn=float(np.mean(y - x)),
        first_month=f"{both.index.min():%Y-%m}",
        last_month=f"{both.index.max():%Y-%m}",
    )


def _ar1(resid: NDArray[np.float64]) -> float:
    """Lag-one autocorrelation of residuals, clipped to [0, 0.95] (a negative one would narrow
    the cumulative band; we do not take that credit)."""
    import numpy as np

    e = resid - resid.mean()
    den = float(e @ e)
    if len(e) < 3 or den <= 0:
        return 0.0
    return float(np.clip(float(e[1:] @ e[:-1]) / den, 0.0, 0.95))


def cumulative_band(
    lt_start_usd_bn: Sequence[float] | NDArray[np.float64],
    sd_pct_of_lt: Sequence[float] | NDArray[np.float64],
    rho: Sequence[float] | NDArray[np.float64],
    *,
    drift_se_pct_of_lt: Sequence[float] | NDArray[np.float64] | None = None,
    band_z: float = 1.96,
) -> NDArray[np.float64]:
    """Half-width of the band around the running sum of estimated valuation errors, USD bn.

    The monthly errors are ``e_t = LT_t x u_t`` with ``u`` an AR(1) process of stationary
    standard deviation ``sd`` and autocorrelation ``rho`` (both per month, so that months
    calibrated on different sources can follow each other; the correlation between months
    ``s < t`` is the product of the ``rho`` in between). Added to that, the error of the
    estimated drift itself, common to every month (its standard error times the sum of LT).
    Months with ``sd = 0`` (reported) contribute nothing and break no chain.

    Returns
    -------
    numpy.ndarray
        ``band_z x sqrt(Var(sum_{s<=t} e_s))`` for each month ``t``.

    References
    ----------
    Hamilton, J. D. (1994), *Time Series Analysis*, ch. 3 (AR(1) autocovariances
    ``gamma_k = rho^k gamma_0``); the variance of a sum is the sum of the covariance matrix.
    """
    import numpy as np

    lt = np.nan_to_num(np.asarray(lt_start_usd_bn, dtype=float))
    sd = np.nan_to_num(np.asarray(sd_pct_of_lt, dtype=float)) / 100.0 * lt
    r = np.asarray(rho, dtype=float)
    n = len(lt)
    var = np.zeros(n)
    total = 0.0
    carry = 0.0  # sum_{s<t} sd_s * rho_{s..t} (the correlated part reaching month t)
    for t in range(n):
        # Var(S_t) = Var(S_{t-1}) + sd_t^2 + 2 sd_t sum_{s<t} sd_s prod rho
        carry = carry * r[t] if t else 0.0
        total += sd[t] ** 2 + 2.0 * sd[t] * carry
        carry += sd[t]
        var[t] = total
    if drift_se_pct_of_lt is not None:
        se = np.nan_to_num(np.asarray(drift_se_pct_of_lt, dtype=float)) / 100.0 * lt
        var = var + np.cumsum(se) ** 2
    return np.asarray(band_z * np.sqrt(var))


#: Reported-valuation sources, and the month-ends from which an estimated month is calibrated on
#: each: months before 2022-01 (nearer the Bertaut-Judson 2011-2020 estimates) on those, later
#: months (nearer the TIC's own fair-value changes from 2023-02) on SLT Table 1.
SOURCES: Final = ("Fed Bertaut-Judson", "TIC SLT Table 1")
REGIME_SWITCH: Final = "2022-01-31"


def calibrate(
    holder: str,
    *,
    source: str | None = None,
    profile: MaturityProfile | None = None,
    as_of: Any | None = None,
) -> Calibration:
    """Calibrate the valuation estimator on a holder's reported months.

    Parameters
    ----------
    holder
        A holder name.
    source
        Calibrate on one source's months only (one of :data:`SOURCES`); all reported months if
        None. With fewer than :data:`MIN_CALIBRATION_MONTHS` months of that source, all of the
        holder's reported months are used; with fewer than that, the Grand Total's calibration
        on the same source is returned with ``fallback=True``.
    profile
        Maturity profile (defaults as in :func:`flows`).
    as_of
        Data vintage.

    Raises
    ------
    InputError
        Unknown ``source``.
    """
    if source is not None and source not in SOURCES:
        raise InputError(f"source {source!r} is not a reported-valuation source; expected one of {SOURCES}")
    est = _estimate_frame(holder, profile, as_of)
    name = est.attrs["holder"]
    rep = reported_valuation(name, as_of=as_of)
    picks = [rep[rep["source"] == source], rep] if source is not None else [rep]
    for sub in picks:
        cal = _fit(name, est, sub)
        if cal is not None and cal.n_months >= MIN_CALIBRATION_MONTHS:
            return cal
    if name == "Grand Total":
        raise DataUnavailable("no reported valuation months for the Grand Total; cannot calibrate")
    total = calibrate("Grand Total", source=source, profile=profile, as_of=as_of)
    return Calibration(**{**total.to_dict(), "fallback": True})


#: Holders of the ``--check`` diagnostics (the issue's four).
CHECK_HOLDERS: Final = ("Japan", "China, Mainland", "Grand Total", "Foreign Official")
#: The reported periods of :func:`check_estimator`: label -> (source, first, last month).
CHECK_PERIODS: Final[dict[str, tuple[str, str, str]]] = {
    "2011-2020": ("Fed Bertaut-Judson", "2011-01", "2020-12"),
    "2023-2024": ("TIC SLT Table 1", "2023-01", "2024-12"),
}


def check_estimator(
    holders: Sequence[str] | None = None,
    *,
    band_z: float = 1.96,
    coupons: Literal["vintage", "par"] = "vintage",
    as_of: Any | None = None,
) -> pd.DataFrame:
    """The estimator against reported valuation changes: bias, MAE, correlation, cumulative band.

    For each holder and reported period (:data:`CHECK_PERIODS`: the Fed's Bertaut-Judson
    2011-2020 months and the TIC's SLT 2023-2024 months) the estimator is calibrated on one
    period and checked on the same one (in sample) and on the other (out of sample).

    Parameters
    ----------
    holders
        Holders to check; default :data:`CHECK_HOLDERS`.
    band_z
        Band half-width in standard errors (for the cumulative coverage check).
    coupons
        Ladder coupons (``"vintage"``, the default estimator, or ``"par"``, the old one).
    as_of
        Data vintage.

    Returns
    -------
    pandas.DataFrame
        One row per holder x test period x calibration period: ``holder``, ``period``,
        ``fit_on``, ``sample`` (``in``/``out``), ``n_months``, ``bias_usd_bn`` (mean of
        reported minus estimated valuation a month), ``bias_t`` (its t statistic with the AR(1)
        long-run variance), ``mae_usd_bn``, ``rmse_usd_bn``, ``corr``, ``rms_reported_usd_bn``,
        ``cum_reported_net_purchases_usd_bn`` (change minus reported valuation, summed),
        ``cum_estimated_net_purchases_usd_bn`` (change minus estimated valuation),
        ``cum_band_usd_bn`` (the cumulative band of :func:`flows`), ``covered`` (the reported
        sum lies inside the estimate +/- the band), ``scale``, ``drift_pct_of_lt``, ``ar1_rho``.
    """
    import numpy as np
    import pandas as pd

    names = list(holders) if holders is not None else list(CHECK_HOLDERS)
    rows = []
    for holder in names:
        est = _estimate_frame(holder, None, as_of, coupons=coupons)
        name = est.attrs["holder"]
        rep = reported_valuation(name, as_of=as_of)
        subsets: dict[str, pd.DataFrame] = {}
        cals: dict[str, Calibration] = {}
        for label, (src, lo, hi) in CHECK_PERIODS.items():
            sub = rep[rep["source"] == src].loc[lo:hi]
            both = est.join(sub[["valuation_usd_bn"]], how="inner").dropna(
                subset=["valuation_raw_usd_bn", "valuation_usd_bn", "lt_start_usd_bn", "change_usd_bn"])
            cal = _fit(name, est, sub)
            if cal is None:
                continue
            subsets[label], cals[label] = both, cal
        for test, both in subsets.items():
            for fit_on, cal in cals.items():
                estimate = cal.estimate(both["valuation_raw_usd_bn"], both["lt_start_usd_bn"])
                err = (both["valuation_usd_bn"] - estimate).to_numpy()
                n = len(err)
                rho = _ar1(err / both["lt_start_usd_bn"].to_numpy())
                se = float(np.std(err, ddof=1) / np.sqrt(n) * np.sqrt((1 + rho) / (1 - rho)))
                band = cumulative_band(both["lt_start_usd_bn"], [cal.rmse_pct_of_lt] * n, [cal.ar1_rho] * n,
                                       drift_se_pct_of_lt=[cal.drift_se_pct_of_lt] * n, band_z=band_z)[-1]
                cum_rep = float((both["change_usd_bn"] - both["valuation_usd_bn"]).sum())
                cum_est = float((both["change_usd_bn"] - estimate).sum())
                rows.append({
                    "holder": name, "period": test, "fit_on": fit_on,
                    "sample": "in" if fit_on == test else "out",
                    "months": f"{both.index.min():%Y-%m}..{both.index.max():%Y-%m}", "n_months": n,
                    "bias_usd_bn": float(err.mean()), "bias_t": float(err.mean() / se) if se > 0 else 0.0,
                    "mae_usd_bn": float(np.abs(err).mean()), "rmse_usd_bn": float(np.sqrt(np.mean(err**2))),
                    "corr": float(np.corrcoef(estimate, both["valuation_usd_bn"])[0, 1]),
                    "rms_reported_usd_bn": float(np.sqrt(np.mean(both["valuation_usd_bn"] ** 2))),
                    "cum_reported_net_purchases_usd_bn": cum_rep,
                    "cum_estimated_net_purchases_usd_bn": cum_est,
                    "cum_band_usd_bn": float(band),
                    "covered": bool(abs(cum_rep - cum_est) <= band),
                    "scale": cal.scale, "drift_pct_of_lt": cal.drift_pct_of_lt, "ar1_rho": cal.ar1_rho,
                })
    if not rows:
        raise DataUnavailable(f"none of {names} has reported valuation months")
    out = pd.DataFrame(rows)
    out.attrs.update(
        coupons=coupons, band_z=band_z,
        periods={k: f"{v[0]} {v[1]}..{v[2]}" for k, v in CHECK_PERIODS.items()},
        model="reported valuation = drift x LT + scale x ladder valuation (least squares in shares of LT); "
        "cumulative band: AR(1) errors plus the drift's standard error",
    )
    return out


# -- the detective ------------------------------------------------------------------------------


def recent_window(
    holder: str,
    months: int | None = None,
    end: Any | None = None,
    *,
    as_of: Any | None = None,
) -> tuple[str, str]:
    """First and last month (``"YYYY-MM"``) of the default window of the flow detective.

    The last ``months`` months (default: preset ``default_flows_window_months``) up to ``end`` or
    the holder's latest reported month: the window in which every face (``tlev flows``,
    ``/api/flows``, the dashboard, the brief) asks "is it selling?" when no start is given.

    Raises
    ------
    UnknownNameError
        Unknown holder.
    InputError
        ``months`` below 1 or a bad ``end``.
    """
    import pandas as pd

    from treasury_leverage._defaults import FLOWS_WINDOW_MONTHS
    from treasury_leverage.holdings.atlas import holder_history, month_end

    n = FLOWS_WINDOW_MONTHS if months is None else int(months)
    if n < 1:
        raise InputError(f"months {months!r}: expected a window of at least 1 month")
    last = holder_history(holder, as_of=as_of).index.max() if end is None else month_end(end, label="end")
    first = last - pd.offsets.MonthEnd(n - 1)
    return f"{first:%Y-%m}", f"{last:%Y-%m}"


def flows(
    holder: str,
    start: Any | None = None,
    end: Any | None = None,
    *,
    profile: MaturityProfile | None = None,
    band_z: float = 1.96,
    as_of: Any | None = None,
) -> pd.DataFrame:
    """Month by month: holdings, change, valuation (reported or estimated) and net purchases.

    Parameters
    ----------
    holder
        A holder name (``"japan"``, ``"china"``, ``"official"``...).
    start, end
        Inclusive window of months (``"2023-02"``); the whole history if None.
    profile
        Maturity profile for the estimated months (defaults of
        :func:`~treasury_leverage.holdings.profile.maturity_profile`); a user ``st_share`` in it
        overrides the survey history.
    band_z
        Half-width of the band around estimated valuation in calibration standard errors
        (1.96 ~ 95% if the errors were normal).
    as_of
        Data vintage.

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (month-end): ``holdings_usd_bn``, ``change_usd_bn``, ``valuation_usd_bn``,
        ``valuation_kind`` (``reported``/``estimated``, or :data:`TRANSACTIONS_KIND` before
        December 2011, when the MFH change is net transactions and valuation is zero by
        construction), ``valuation_source``,
        ``valuation_estimated_usd_bn`` (the calibrated estimate, also in reported months, to
        compare), ``series_break`` (MFH series break: see :data:`MFH_SERIES_BREAKS`; net
        purchases are NaN there), ``net_purchases_usd_bn`` (all Treasuries: change minus valuation),
        ``lt_net_purchases_reported_usd_bn`` (the publisher's long-term figure),
        ``bills_and_other_usd_bn``, ``cumulative_net_purchases_usd_bn``, ``band_usd_bn``
        (half-width on the month), ``net_purchases_low_usd_bn``, ``net_purchases_high_usd_bn``,
        ``cumulative_low_usd_bn``, ``cumulative_high_usd_bn``. ``attrs``: ``holder``,
        ``calibration`` (dict), ``verdict`` (one line), ``profile``, provenance.

    Raises
    ------
    UnknownNameError
        Unknown holder (closest names suggested).
    InputError
        Bad dates or no data in the window.
    """
    import numpy as np

    from treasury_leverage.holdings.atlas import window

    if not band_z >= 0:
        raise InputError(f"band_z {band_z} must be non-negative")
    import pandas as pd

    est = _estimate_frame(holder, profile, as_of)
    name = est.attrs["holder"]
    cals = {src: calibrate(name, source=src, profile=profile, as_of=as_of) for src in SOURCES}
    rep = reported_valuation(name, as_of=as_of)
    frame = est.join(rep.rename(columns={"valuation_usd_bn": "valuation_reported_usd_bn",
                                         "net_purchases_usd_bn": "lt_net_purchases_reported_usd_bn",
                                         "source": "valuation_source"}), how="left")
    # A holder with no reported months joins an empty frame: keep the numbers numeric anyway.
    for col in ("valuation_reported_usd_bn", "lt_net_purchases_reported_usd_bn"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    frame = frame.iloc[1:]  # the first month has no change
    frame = window(frame, start, end, f"monthly changes in holdings of {name}")
    if frame["change_usd_bn"].isna().all():
        raise InputError(f"no monthly changes of {name} in the window; widen it")
    reported = frame["valuation_reported_usd_bn"].notna()
    late = frame.index >= pd.Timestamp(REGIME_SWITCH)
    early_cal, late_cal = cals[SOURCES[0]], cals[SOURCES[1]]

    def pick(attr: str) -> pd.Series:
        return pd.Series(np.where(late, getattr(late_cal, attr), getattr(early_cal, attr)), index=frame.index)

    scale, drift = pick("scale"), pick("drift_pct_of_lt")
    rmse_pct, rho, drift_se = pick("rmse_pct_of_lt"), pick("ar1_rho"), pick("drift_se_pct_of_lt")
    estimate = drift / 100.0 * frame["lt_start_usd_bn"] + scale * frame["valuation_raw_usd_bn"]
    tx = frame.index <= pd.Timestamp(MFH_TRANSACTIONS_BASED_UNTIL)
    out = frame[["holdings_usd_bn", "change_usd_bn"]].copy()
    out["valuation_usd_bn"] = frame["valuation_reported_usd_bn"].where(reported, estimate)
    out["valuation_kind"] = np.where(reported, "reported", "estimated")
    out.loc[out["valuation_usd_bn"].isna(), "valuation_kind"] = "unavailable"
    out["valuation_source"] = frame["valuation_source"].where(reported, ESTIMATE_SOURCE)
    # Before December 2011 the MFH notes-and-bonds figures are survey + cumulated net transactions:
    # the monthly change holds no revaluation (it arrives with the next benchmark, a series break).
    out.loc[tx, "valuation_usd_bn"] = 0.0
    out.loc[tx, "valuation_kind"] = TRANSACTIONS_KIND
    out.loc[tx, "valuation_source"] = "MFH before 2011-12: survey + Form S net transactions, not revalued"
    out["valuation_estimated_usd_bn"] = estimate
    brk = out.index.isin(pd.DatetimeIndex(MFH_SERIES_BREAKS))
    out["series_break"] = brk
    out["net_purchases_usd_bn"] = (out["change_usd_bn"] - out["valuation_usd_bn"]).where(~brk)
    out["lt_net_purchases_reported_usd_bn"] = frame["lt_net_purchases_reported_usd_bn"]
    out["bills_and_other_usd_bn"] = out["net_purchases_usd_bn"] - out["lt_net_purchases_reported_usd_bn"]
    out["cumulative_net_purchases_usd_bn"] = out["net_purchases_usd_bn"].fillna(0.0).cumsum()
    band = (band_z * rmse_pct / 100.0 * frame["lt_start_usd_bn"]).where(~reported & ~tx, 0.0).where(~brk)
    out["band_usd_bn"] = band
    out["net_purchases_low_usd_bn"] = out["net_purchases_usd_bn"] - band
    out["net_purchases_high_usd_bn"] = out["net_purchases_usd_bn"] + band
    # AR(1) monthly errors plus the drift's own estimation error (common to all months).
    sd = rmse_pct.where(band.fillna(0.0) > 0, 0.0)
    cum_band = pd.Series(cumulative_band(frame["lt_start_usd_bn"], sd, rho,
                                         drift_se_pct_of_lt=drift_se.where(sd > 0, 0.0), band_z=band_z),
                         index=out.index)
    out["cumulative_low_usd_bn"] = out["cumulative_net_purchases_usd_bn"] - cum_band
    out["cumulative_high_usd_bn"] = out["cumulative_net_purchases_usd_bn"] + cum_band
    prof = profile if profile is not None else None
    out.attrs.update(
        est.attrs,
        holder=name,
        unit="USD bn",
        calibration={src: c.to_dict() for src, c in cals.items()},
        calibration_rule=f"estimated months before {REGIME_SWITCH[:7]} use the {SOURCES[0]} calibration, "
        f"later ones the {SOURCES[1]} calibration",
        band_z=band_z,
        band_rho=max(early_cal.ar1_rho, late_cal.ar1_rho),
        band_model="monthly errors AR(1) in shares of long-term holdings (rho fitted to the calibration "
        "residuals), plus the drift's standard error common to all estimated months",
        profile=("user" if prof is not None else "survey short-term share + DEFAULT_LT_WEIGHTS"),
        identity="change = net purchases (all Treasuries) + valuation (long-term Treasuries; bills ~0)",
    )
    out.attrs["verdict"] = verdict(out)
    return out


def verdict(frame: pd.DataFrame) -> str:
    """One line summing up a :func:`flows` frame: net buyer or seller, and how it is known.

    The net purchases are split by how the month's valuation is known (reported, estimated with
    its band, or absent because the TIC change was already net transactions); series-break
    months are left out of the total and their change is quoted separately.
    """

    name = frame.attrs.get("holder", "holder")
    ok = frame["net_purchases_usd_bn"].notna()
    total = float(frame.loc[ok, "net_purchases_usd_bn"].sum())
    side = "net seller" if total < 0 else "net buyer"
    first, last = frame.index.min(), frame.index.max()
    parts = []
    band = 0.0
    for kind, label in (("reported", "with reported valuation"), ("estimated", "with estimated valuation"),
                        (TRANSACTIONS_KIND, "before 2011-12 whose TIC change is net transactions")):
        mask = ok & (frame["valuation_kind"] == kind)
        if not mask.any():
            continue
        amount = float(frame.loc[mask, "net_purchases_usd_bn"].sum())
        part = f"{_usd(amount)} in {int(mask.sum())} months {label}"
        if kind == "estimated":
            band = float(cumulative_band(
                frame.loc[mask, "band_usd_bn"].to_numpy(), [100.0] * int(mask.sum()),
                [frame.attrs.get("band_rho", 0.0)] * int(mask.sum()), band_z=1.0)[-1])
            part += f" (+/- ${band:,.1f} bn)"
        parts.append(part)
    text = f"{name}: {side} of ${abs(total):,.1f} bn over {first:%Y-%m}..{last:%Y-%m}"
    if parts:
        text += ", of which " + " / ".join(parts)
    change = float(frame.loc[ok, "change_usd_bn"].sum())
    val = float(frame.loc[ok, "valuation_usd_bn"].sum())
    text += f"; holdings changed by {_usd(change)}, of which valuation {_usd(val)}"
    if band > 0 and abs(total) < band:
        text += "; the sign is within the estimation band"
    if "series_break" in frame and bool(frame["series_break"].any()):
        brk = frame["series_break"].astype(bool)
        text += (f"; {int(brk.sum())} series-break months left out (benchmark revisions mixed with trades, "
                 f"change {_usd(float(frame.loc[brk, 'change_usd_bn'].sum()))})")
    return text


def _usd(value: float) -> str:
    sign = "-" if value < 0 else "+"
    return f"{sign}${abs(value):,.1f} bn"
