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

The module holds the detective (:func:`flows`, :func:`verdict`, :func:`recent_window`) and the
MFH series facts it needs; the valuation model is in :mod:`treasury_leverage.holdings.valuation`
and its calibration and bands in :mod:`treasury_leverage.holdings.calibration`, whose public names
are re-exported here.

References
----------
Bertaut, C. and Tryon, R. (2007), "Monthly Estimates of U.S. Cross-Border Securities Positions",
FRB IFDP 910 (positions = previous positions + flows + valuation + other). Bertaut, C. and
Judson, R. (2014), IFDP 1113 (the 2011-2020 estimates used as reported). U.S. Treasury, TIC
Form SLT (fair-value changes reported from February 2023).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from treasury_leverage.errors import InputError
from treasury_leverage.holdings.calibration import (
    CHECK_HOLDERS,
    CHECK_PERIODS,
    REGIME_SWITCH,
    SOURCES,
    Calibration,
    calibrate,
    check_estimator,
    cumulative_band,
)
from treasury_leverage.holdings.valuation import (
    BJ_NAMES,
    ISSUE_SHARES,
    ISSUE_TENORS,
    _estimate_frame,
    estimate_valuation,
    ladder_returns,
    month_end_par_curve,
    reported_valuation,
    st_share_series,
    vintage_coupons,
)

if TYPE_CHECKING:
    import pandas as pd

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
