"""Monthly zero-coupon panels that feed the ACM model.

The NY Fed estimates ACM on month-end zero-coupon yields at monthly maturities 1..120 computed
from the Gurkaynak-Sack-Wright (GSW) Svensson parameters. The parameter file we have offline
ends in April 2018; :func:`spliced_monthly_panel` continues it with a later zero panel (for
example Svensson fits to Treasury par yields) and records where the splice is.

References
----------
Gurkaynak, R. S., B. Sack and J. H. Wright (2007), "The U.S. Treasury yield curve: 1961 to the
present", *Journal of Monetary Economics* 54(8), 2291-2304, eq. (22).
Adrian, T., R. K. Crump and E. Moench (2013), "Pricing the term structure with linear
regressions", *Journal of Financial Economics* 110(1), 110-138 (their data: GSW zero yields).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from treasury_leverage.curves.svensson import svensson_zero
from treasury_leverage.errors import InputError

__all__ = [
    "GSW_PARAMETER_COLUMNS",
    "GSW_SOURCE",
    "MonthlyZeroPanel",
    "PanelProvenance",
    "gsw_monthly_zero_panel",
    "spliced_monthly_panel",
]

#: Column names of the GSW parameter frame (``treasury_leverage.data.gsw_parameters()``).
GSW_PARAMETER_COLUMNS: Final = ("BETA0", "BETA1", "BETA2", "BETA3", "TAU1", "TAU2")
#: How the GSW part of a panel is described in provenance records.
GSW_SOURCE: Final = "GSW Svensson parameters (Federal Reserve Board, feds200628)"


@dataclass(frozen=True)
class PanelProvenance:
    """Where the months of a zero panel come from.

    Attributes
    ----------
    sources
        One description per source, in time order.
    first_month, last_month
        Month-end labels of the first and last month of the panel.
    splice_month
        Month-end label of the first month taken from the later source; ``None`` if the panel
        has a single source.
    """

    sources: tuple[str, ...]
    first_month: pd.Timestamp
    last_month: pd.Timestamp
    splice_month: pd.Timestamp | None = None

    def describe(self) -> str:
        """One line naming the sources and the splice month."""
        span = f"{self.first_month:%Y-%m}..{self.last_month:%Y-%m}"
        if self.splice_month is None:
            return f"{self.sources[0]}, {span}"
        before = f"{self.first_month:%Y-%m}..{self.splice_month - pd.offsets.MonthEnd(1):%Y-%m}"
        after = f"{self.splice_month:%Y-%m}..{self.last_month:%Y-%m}"
        return f"{self.sources[0]} {before}; {self.sources[1]} {after} (spliced at {self.splice_month:%Y-%m})"


@dataclass(frozen=True)
class MonthlyZeroPanel:
    """A month-end zero panel together with its provenance.

    Attributes
    ----------
    yields_pct
        Month-end zero-coupon yields, continuously compounded, percent; index month-end
        ``date``, columns maturities in months (int).
    provenance
        Sources and splice month.
    """

    yields_pct: pd.DataFrame
    provenance: PanelProvenance


def _maturity_list(maturities_months: Iterable[int]) -> list[int]:
    mats = [int(m) for m in maturities_months]
    if not mats or min(mats) < 1 or len(set(mats)) != len(mats):
        raise InputError(
            f"maturities_months must be distinct whole months >= 1; got {mats[:5]}"
            f"{'...' if len(mats) > 5 else ''}"
        )
    return mats


def _last_day_each_month(params: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(params, pd.DataFrame):
        raise InputError(f"params must be a pandas DataFrame of GSW parameters; got {type(params).__name__}")
    missing = [c for c in GSW_PARAMETER_COLUMNS if c not in params.columns]
    if missing:
        raise InputError(
            f"GSW parameter frame lacks columns {missing}; expected {list(GSW_PARAMETER_COLUMNS)} "
            f"(as returned by treasury_leverage.data.gsw_parameters()); got {list(params.columns)[:8]}"
        )
    if not isinstance(params.index, pd.DatetimeIndex):
        raise InputError("GSW parameter frame must have a DatetimeIndex named 'date'")
    frame = params.loc[:, list(GSW_PARAMETER_COLUMNS)].astype("float64").sort_index()
    # Days without a fit (blank rows in feds200628) are skipped: the month's last *fitted* day counts.
    frame = frame.dropna(how="any")
    if frame.empty:
        raise InputError("GSW parameter frame has no complete row of parameters")
    last = frame.groupby(frame.index.to_period("M")).tail(1)
    return last


def gsw_monthly_zero_panel(
    params: pd.DataFrame, *, maturities_months: Iterable[int] = range(1, 121)
) -> pd.DataFrame:
    """Month-end zero yields at monthly maturities from daily GSW Svensson parameters.

    Each month uses the parameters of its last available day (the NY Fed's month-end sampling;
    monthly averages match its published series far worse). Yields are computed from the
    parameters at every maturity, including the long maturities the Fed did not publish in the
    1960s, as the NY Fed does for ACM.

    Parameters
    ----------
    params
        Daily parameters, index ``date``, columns ``BETA0..BETA3`` (percent), ``TAU1``,
        ``TAU2`` (years; ``-999.99`` on Nelson-Siegel days).
    maturities_months
        Maturities in months (default 1..120).

    Returns
    -------
    pandas.DataFrame
        Zero-coupon yields, continuously compounded, percent; index month-end ``date``
        (calendar month-end labels; the value is from the month's last available day), columns
        int maturities in months named ``maturity_months``. A final partial month (e.g. April
        2018, whose last fitted day is the 20th) is included with its last available day.

    References
    ----------
    Gurkaynak, Sack and Wright (2007), eq. (22); Adrian, Crump and Moench (2013) (data).
    """
    mats = _maturity_list(maturities_months)
    last = _last_day_each_month(params)
    cols = (last[c].to_numpy() for c in GSW_PARAMETER_COLUMNS)
    yields = svensson_zero(np.asarray(mats, dtype=np.float64) / 12.0, *cols)
    index = pd.DatetimeIndex(last.index.to_period("M").to_timestamp(how="end").normalize(), name="date")
    return pd.DataFrame(yields, index=index, columns=pd.Index(mats, name="maturity_months"))


def _last_complete_month(params: pd.DataFrame) -> pd.Period:
    last_day = pd.Timestamp(params.dropna(how="any").index.max())
    # A month is complete when its last fitted day is (at least) its last business day.
    if last_day >= (last_day + pd.offsets.BMonthEnd(0)).normalize():
        return last_day.to_period("M")
    return last_day.to_period("M") - 1


def spliced_monthly_panel(
    gsw_params: pd.DataFrame,
    zero_panel_after: pd.DataFrame,
    *,
    after_source: str = "Svensson fit to Treasury par yields",
    splice_month: str | pd.Timestamp | None = None,
    maturities_months: Iterable[int] = range(1, 121),
) -> MonthlyZeroPanel:
    """GSW month-end zero panel continued by a later zero panel.

    Parameters
    ----------
    gsw_params
        Daily GSW parameters (see :func:`gsw_monthly_zero_panel`).
    zero_panel_after
        Monthly zero yields (continuously compounded, percent), index dates (one per month),
        columns int maturities in months covering ``maturities_months``.
    after_source
        Description of the later panel, kept in the provenance.
    splice_month
        First month taken from ``zero_panel_after``. Default: the month after the last
        *complete* GSW month (April 2018 ends on the 20th in the offline file, so the later
        panel takes over from April 2018).
    maturities_months
        Maturities in months (default 1..120).

    Returns
    -------
    MonthlyZeroPanel
        ``yields_pct`` (month-end index ``date``) and the provenance record.

    Raises
    ------
    InputError
        If the later panel lacks maturities, does not start by the splice month, or leaves a gap.
    """
    mats = _maturity_list(maturities_months)
    gsw = gsw_monthly_zero_panel(gsw_params, maturities_months=mats)
    if not isinstance(zero_panel_after, pd.DataFrame) or not isinstance(
        zero_panel_after.index, pd.DatetimeIndex
    ):
        raise InputError("zero_panel_after must be a DataFrame with a DatetimeIndex of months")
    have = {int(c) for c in zero_panel_after.columns}
    lacking = [m for m in mats if m not in have]
    if lacking:
        raise InputError(
            f"zero_panel_after lacks maturities (months) {lacking[:10]}{'...' if len(lacking) > 10 else ''}; "
            f"it must cover {mats[0]}..{mats[-1]}"
        )
    after = zero_panel_after.copy()
    after.columns = pd.Index([int(c) for c in after.columns], name="maturity_months")
    after = after.loc[:, mats].sort_index()
    after.index = pd.DatetimeIndex(
        after.index.to_period("M").to_timestamp(how="end").normalize(), name="date"
    )
    if after.index.has_duplicates:
        dup = after.index[after.index.duplicated()][0]
        raise InputError(f"zero_panel_after has more than one row for month {dup:%Y-%m}")

    if splice_month is None:
        splice = _last_complete_month(gsw_params) + 1
    else:
        splice = pd.Timestamp(splice_month).to_period("M")
    first_gsw, last_gsw = gsw.index[0].to_period("M"), gsw.index[-1].to_period("M")
    if not first_gsw < splice <= last_gsw + 1:
        raise InputError(
            f"splice_month {splice} must lie after the first GSW month {first_gsw} and no later "
            f"than {last_gsw + 1} (the month after the GSW parameters end)"
        )
    later = after.loc[after.index.to_period("M") >= splice]
    if later.empty or later.index[0].to_period("M") != splice:
        start = "no months" if later.empty else f"{later.index[0]:%Y-%m}"
        raise InputError(
            f"zero_panel_after must start by the splice month {splice} to continue the GSW panel "
            f"without a gap; its months from {splice} on start at {start}"
        )
    head = gsw.loc[gsw.index.to_period("M") < splice]
    panel = pd.concat([head, later])
    panel.index.name = "date"
    provenance = PanelProvenance(
        sources=(GSW_SOURCE, after_source),
        first_month=panel.index[0],
        last_month=panel.index[-1],
        splice_month=splice.to_timestamp(how="end").normalize(),
    )
    return MonthlyZeroPanel(yields_pct=panel, provenance=provenance)
