"""The default ACM estimate: month-end GSW zero yields 1961 -> latest, and daily values.

The NY Fed estimates ACM on month-end GSW zero yields from June 1961 to the present. The
default panel does the same on the spliced GSW parameter panel of
:func:`treasury_leverage.data.gsw_parameters`: the Fed's parameter workbook (to 2018-04-20),
Svensson parameters recovered from the Fed's SVENY zero yields (to 2023-07-07; they reproduce
the Fed's curves to rounding), then the rows of the Fed's ``feds200628.csv`` (month-ends to
2026-07 and 2026-08-21 offline). Only after the latest GSW month does the monthly panel take
Svensson (NSS) fits to the Treasury par yields, and the daily series uses those fits on the days
without a GSW curve after GSW's daily run (2023-07-07 offline). The par fits sit below GSW (GSW
leaves bills and on-the-run issues out); their median gap to GSW, maturity by maturity, over the
common days of the last :data:`BIAS_MONTHS` months of GSW is added to them. Provenance records
every segment and the correction.

:func:`fit_default` fits ``ACM(n_factors)`` on that panel; :func:`daily_term_premium` turns the
monthly estimates into daily values with daily zero curves, as the NY Fed does for its daily
series; :func:`curve_used_on` says which curve a day used. Both are cached in the process,
keyed by the data vintages, so repeated calls cost a few milliseconds.

References
----------
Adrian, T., R. K. Crump and E. Moench (2013), "Pricing the term structure with linear
regressions", *Journal of Financial Economics* 110(1), 110-138 (sample: GSW zero yields from
1961-06; daily values from monthly parameters).
Gurkaynak, R. S., B. Sack and J. H. Wright (2007), "The U.S. Treasury yield curve: 1961 to the
present", *Journal of Monetary Economics* 54(8), 2291-2304, eq. (22).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from treasury_leverage.errors import InputError

if TYPE_CHECKING:
    import pandas as pd

    from treasury_leverage.termpremium.acm import ACMResults
    from treasury_leverage.termpremium.inputs import MonthlyZeroPanel

__all__ = [
    "BIAS_MONTHS",
    "DAILY_START",
    "NSS_SOURCE",
    "curve_used_on",
    "daily_term_premium",
    "daily_zero_yields",
    "default_panel",
    "fit_default",
    "last_daily_gsw_day",
    "term_premium_series",
]

#: First day of the daily term-premium series (the Treasury par-yield history starts here).
DAILY_START: Final = "1990-01-02"
#: How the part of the default panel after the splice is described in provenance records.
NSS_SOURCE: Final = "Svensson (NSS) fits to Treasury par yields"
#: Months of GSW over which the par fits' level bias against GSW is measured (and removed).
BIAS_MONTHS: Final = 24
_MATURITIES_MONTHS: Final = tuple(range(1, 121))
_HEADLINE_YEARS: Final = tuple(range(1, 11))


@dataclass(frozen=True)
class _Inputs:
    """The raw pieces of the default sample (GSW parameters and NSS fits to par yields)."""

    gsw_params: pd.DataFrame
    nss_params: pd.DataFrame | None  # None when GSW covers every par day (nothing to fill)
    key: tuple[str, ...]
    bias_pct: pd.Series | None = None  # median GSW - par fit by maturity (months) on the overlap
    bias_note: str = ""
    monthly_splice: bool = False  # par fits continue the monthly panel after the last GSW month


def _vintage(frame: pd.DataFrame) -> str:
    attrs = frame.attrs
    return f"{attrs.get('origin', '')}|{attrs.get('vintage', '')}|{attrs.get('source', '')}"


def _data_key() -> tuple[str, ...]:
    """What identifies the inputs: the vintages of the GSW parameters and the par curve."""
    import treasury_leverage.data as tld

    params = tld.gsw_parameters()
    par = tld.par_curve()
    return (_vintage(params), _vintage(par), f"{par.index.max():%Y-%m-%d}")


def last_daily_gsw_day(dates: pd.DatetimeIndex) -> pd.Timestamp:
    """The last day of the GSW panel's daily run: the day before its first gap of more than a
    week (holidays are shorter). After it, GSW curves exist only on some days (month-ends)."""
    import numpy as np
    import pandas as pd

    idx = pd.DatetimeIndex(dates).sort_values()
    gaps = np.diff(idx.to_numpy()).astype("timedelta64[D]").astype(int)
    big = np.flatnonzero(gaps > 7)
    return pd.Timestamp(idx[big[0]] if len(big) else idx[-1])


def _bias(gsw_params: pd.DataFrame, nss_params: pd.DataFrame) -> tuple[pd.Series, str]:
    """Median GSW minus par-fit zero yield by maturity over their common days (the last
    :data:`BIAS_MONTHS` months of GSW), and a one-line description. The median, not the mean:
    a day whose curve is odd at the short end should not move every later month."""
    import pandas as pd

    from treasury_leverage.curves.panel import gsw_panel

    last = pd.Timestamp(gsw_params.index.max())
    lo = last - pd.DateOffset(months=BIAS_MONTHS)
    common = gsw_params.index.intersection(nss_params.index)
    common = common[(common > lo) & (common <= last)]
    if len(common) < 5:
        zero = pd.Series(0.0, index=pd.Index(list(_MATURITIES_MONTHS), name="maturity_months"))
        return zero, "no overlap between GSW and the par fits: no level correction"
    g = gsw_panel(gsw_params.loc[common], _MATURITIES_MONTHS)
    n = gsw_panel(nss_params.loc[common], _MATURITIES_MONTHS)
    bias = (g - n).median()
    bias.index = pd.Index([int(c) for c in bias.index], name="maturity_months")
    # Under a year both curves extrapolate (GSW leaves bills out, the refit sees 1-30 years
    # only): the gap there is unstable (-22..+21 bp at 3 months depending on the window), so
    # the 12-month gap is used for every shorter maturity.
    bias.loc[bias.index < 12] = float(bias.loc[12])
    note = (
        f"par fits shifted by the median GSW - par-fit gap on {len(common)} common days "
        f"{common.min():%Y-%m-%d}..{common.max():%Y-%m-%d}: "
        + ", ".join(f"{lab} {100 * bias[m]:+.1f} bp" for lab, m in (("3m", 3), ("2y", 24), ("10y", 120)))
    )
    return bias, note


@functools.lru_cache(maxsize=4)
def _inputs_for(key: tuple[str, ...]) -> _Inputs:
    import pandas as pd

    import treasury_leverage.data as tld
    from treasury_leverage.curves.panel import cached_nss_panel
    from treasury_leverage.termpremium.inputs import _last_complete_month

    params = tld.gsw_parameters()
    par = tld.par_curve()
    last_gsw_month = _last_complete_month(params)
    monthly_splice = last_gsw_month < pd.Timestamp(par.index.max()).to_period("M")
    dense_end = last_daily_gsw_day(params.index)
    if not monthly_splice and par.index.max() <= dense_end:
        return _Inputs(gsw_params=params, nss_params=None, key=key)
    # Par fits fill the days without a GSW curve after its daily run (and continue the monthly
    # panel after the last GSW month); their level bias against GSW is measured over the last
    # BIAS_MONTHS months of GSW on the days both have, and removed.
    first_needed = min(dense_end, (last_gsw_month + 1).to_timestamp(how="start"))
    start = min(first_needed, pd.Timestamp(params.index.max())) - pd.DateOffset(months=BIAS_MONTHS)
    # The window is fixed by the GSW panel, so the disk cache (keyed by a hash of the par panel)
    # is reused until the data change.
    nss = cached_nss_panel(par.loc[start:])
    bias, note = _bias(params, nss)
    return _Inputs(gsw_params=params, nss_params=nss, key=key, bias_pct=bias, bias_note=note,
                   monthly_splice=monthly_splice)


def _inputs() -> _Inputs:
    return _inputs_for(_data_key())


def _nss_zero(inputs: _Inputs) -> pd.DataFrame:
    from treasury_leverage.curves.panel import gsw_panel

    assert inputs.nss_params is not None
    zero = gsw_panel(inputs.nss_params, _MATURITIES_MONTHS).dropna(how="any")
    zero.columns.name = "maturity_months"
    if inputs.bias_pct is not None:
        zero = zero + inputs.bias_pct.reindex([int(c) for c in zero.columns]).to_numpy()
    return zero


@functools.lru_cache(maxsize=4)
def _panel_for(key: tuple[str, ...]) -> MonthlyZeroPanel:
    import pandas as pd

    from treasury_leverage.termpremium.inputs import (
        GSW_SOURCE,
        MonthlyZeroPanel,
        PanelProvenance,
        gsw_monthly_zero_panel,
        spliced_monthly_panel,
    )

    inputs = _inputs_for(key)
    gsw_label = f"{GSW_SOURCE} [{inputs.gsw_params.attrs.get('source', '')}]"
    if not inputs.monthly_splice:
        gsw = gsw_monthly_zero_panel(inputs.gsw_params)
        prov = PanelProvenance(sources=(gsw_label,), first_month=gsw.index[0], last_month=gsw.index[-1])
        return MonthlyZeroPanel(yields_pct=gsw, provenance=prov)
    daily = _nss_zero(inputs)
    # Month-end sampling as for GSW: each month's last fitted day, labelled by calendar month-end.
    month_end = daily.groupby(daily.index.to_period("M")).tail(1)
    last_day = pd.Timestamp(month_end.index[-1])
    source = f"{NSS_SOURCE} (month-end, last day {last_day:%Y-%m-%d}; {inputs.bias_note})"
    out = spliced_monthly_panel(inputs.gsw_params, month_end, after_source=source)
    prov = out.provenance
    return MonthlyZeroPanel(yields_pct=out.yields_pct, provenance=PanelProvenance(
        sources=(gsw_label, prov.sources[1]), first_month=prov.first_month, last_month=prov.last_month,
        splice_month=prov.splice_month))


def default_panel() -> MonthlyZeroPanel:
    """Month-end zero yields 1961-06 -> latest on the GSW curve (par-yield fits only after it).

    Each month uses its last GSW day (the spliced panel of
    :func:`treasury_leverage.data.gsw_parameters`; the latest month may be incomplete and then
    uses its latest day). Months after the latest GSW month, if the par curve reaches further,
    take month-end Svensson fits to the Treasury par yields shifted by their median gap to GSW
    (see the module notes); offline GSW reaches 2026-08-21 and the par curve 2026-07-22, so the
    panel is GSW alone.

    Returns
    -------
    MonthlyZeroPanel
        ``yields_pct``: continuously compounded zero yields, percent, index month-end ``date``,
        columns maturities 1..120 months; ``provenance``: sources and splice month.

    References
    ----------
    Gurkaynak, Sack and Wright (2007), eq. (22) (both parts are Svensson curves); Adrian, Crump
    and Moench (2013) (data: GSW zero yields at month-end).
    """
    return _panel_for(_data_key())


@functools.lru_cache(maxsize=4)
def _fit_for(key: tuple[str, ...], n_factors: int) -> ACMResults:
    from treasury_leverage.termpremium.acm import ACM

    return ACM(n_factors=n_factors).fit(_panel_for(key))


def fit_default(n_factors: int = 5) -> ACMResults:
    """``ACM(n_factors).fit(default_panel())``, cached in the process.

    Parameters
    ----------
    n_factors
        Number of principal components (the NY Fed uses 5).

    Returns
    -------
    ACMResults
        With the panel's provenance (the splice) attached.

    References
    ----------
    Adrian, Crump and Moench (2013), section 3 (three-step estimator).
    """
    if not isinstance(n_factors, int) or isinstance(n_factors, bool) or n_factors < 1:
        raise InputError(f"n_factors must be a positive integer (the NY Fed uses 5); got {n_factors!r}")
    return _fit_for(_data_key(), n_factors)


@functools.lru_cache(maxsize=4)
def _daily_zero_for(key: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    from treasury_leverage.curves.panel import gsw_panel

    inputs = _inputs_for(key)
    gsw_days = inputs.gsw_params.loc[DAILY_START:]
    gsw = gsw_panel(gsw_days, _MATURITIES_MONTHS).dropna(how="any")
    parts = [gsw]
    source = f"GSW ({inputs.gsw_params.attrs.get('source', '')})"
    if inputs.nss_params is not None:
        dense_end = last_daily_gsw_day(inputs.gsw_params.index)
        nss = _nss_zero(inputs)
        nss = nss.loc[(nss.index > dense_end) & ~nss.index.isin(gsw.index)]
        if len(nss):
            parts.append(nss)
            source = (
                f"GSW Svensson curves on {len(gsw)} days "
                f"{gsw.index.min():%Y-%m-%d}..{gsw.index.max():%Y-%m-%d} "
                f"({inputs.gsw_params.attrs.get('source', '')}); {NSS_SOURCE} on the {len(nss)} other days "
                f"{nss.index.min():%Y-%m-%d}..{nss.index.max():%Y-%m-%d} ({inputs.bias_note})"
            )
    zero = pd.concat(parts).sort_index()
    zero.index.name = "date"
    zero.columns = pd.Index(list(_MATURITIES_MONTHS), name="maturity_months")
    zero.attrs.update(unit="percent", compounding="continuous", source=source)
    return zero


@functools.lru_cache(maxsize=4)
def _gsw_days_for(key: tuple[str, ...]) -> pd.DatetimeIndex:
    import pandas as pd

    return pd.DatetimeIndex(_inputs_for(key).gsw_params.index)


def curve_used_on(day: str | pd.Timestamp) -> str:
    """Which zero curve the daily ACM values use on ``day``: ``"GSW"`` (the Fed's Svensson
    curve, published or refitted to its SVENY yields) or ``"par fit"`` (a Svensson fit to the
    Treasury par yields, level-corrected to GSW)."""
    import pandas as pd

    return "GSW" if pd.Timestamp(day) in _gsw_days_for(_data_key()) else "par fit"


def daily_zero_yields() -> pd.DataFrame:
    """Daily zero yields 1990 -> latest at maturities 1..120 months (the daily ACM input).

    Returns
    -------
    pandas.DataFrame
        Continuously compounded, percent; index ``date``; int month columns. GSW curves on
        every day they exist, level-corrected NSS fits to the Treasury par yields on the other
        days after GSW's daily run; ``attrs["source"]`` says which days come from which.
    """
    out = _daily_zero_for(_data_key())
    copy = out.copy()
    copy.attrs.update(out.attrs)
    return copy


#: The datasets the daily ACM values are derived from, and the modules that derive them: the disk
#: key of :func:`_daily_for`.
_DAILY_DATASETS: Final = ("gsw_params", "gsw_refit", "gsw_feds200628", "par_curve", "fred")
_DAILY_CODE: Final = tuple(f"treasury_leverage.{m}" for m in (
    "termpremium.estimate", "termpremium.acm", "termpremium.inputs", "curves.panel", "curves.svensson",
    "curves.fit", "data.api"))


@functools.lru_cache(maxsize=4)
def _daily_for(key: tuple[str, ...], n_factors: int) -> pd.DataFrame:
    """Daily ACM values 1990 -> latest; kept on disk per data vintage and code
    (:mod:`treasury_leverage.data.derived`): evaluating ~9,000 daily zero curves and projecting
    them took 0.3-0.5 s in every process."""
    from treasury_leverage.data.derived import cached_frame, frame_key

    def build() -> pd.DataFrame:
        zero = _daily_zero_for(key)
        daily = _fit_for(key, n_factors).daily(zero)
        daily.attrs.update(unit="percent", curve_source=zero.attrs["source"])
        return daily

    parts = (key, n_factors, tuple(_digests(name) for name in _DAILY_DATASETS))
    return cached_frame(frame_key("acm-daily", parts, code=_DAILY_CODE), build)


def _digests(name: str) -> tuple[str, ...] | None:
    from treasury_leverage.data.api import dataset_digests
    from treasury_leverage.errors import DataUnavailable

    try:
        return dataset_digests(name)
    except DataUnavailable:
        return None


def _check_maturities(maturities: Iterable[int]) -> list[int]:
    mats = list(maturities)
    bad = [m for m in mats if not isinstance(m, int) or isinstance(m, bool) or m not in _HEADLINE_YEARS]
    if not mats or bad:
        raise InputError(
            f"maturities must be whole years in 1..10 (ACM's published maturities); got {mats}"
        )
    return sorted(set(mats))


def _check_window(
    start: str | pd.Timestamp | None, end: str | pd.Timestamp | None, *, first: pd.Timestamp,
    last: pd.Timestamp, what: str,
) -> tuple[pd.Timestamp, pd.Timestamp]:
    import pandas as pd

    stamps: list[pd.Timestamp] = []
    for label, value, default in (("start", start, first), ("end", end, last)):
        if value is None:
            stamps.append(default)
            continue
        try:
            stamp = pd.Timestamp(value)
        except (TypeError, ValueError):
            raise InputError(f"{label} {value!r} is not a date; expected YYYY-MM-DD or YYYY-MM") from None
        if pd.isna(stamp):
            raise InputError(f"{label} {value!r} is not a date; expected YYYY-MM-DD or YYYY-MM")
        if label == "end" and isinstance(value, str) and len(value.strip()) == 7:
            stamp = stamp + pd.offsets.MonthEnd(0)  # "2025-03" means through the end of March
        stamps.append(stamp)
    lo, hi = stamps
    if lo > hi:
        raise InputError(f"start {lo:%Y-%m-%d} is after end {hi:%Y-%m-%d}; expected start <= end")
    if hi < first or lo > last:
        raise InputError(
            f"{what} cover {first:%Y-%m-%d} to {last:%Y-%m-%d}; the window "
            f"{lo:%Y-%m-%d} to {hi:%Y-%m-%d} is outside"
        )
    return lo, hi


def daily_term_premium(
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    *,
    maturities: Iterable[int] = (2, 5, 10),
    n_factors: int = 5,
) -> pd.DataFrame:
    """Daily ACM fitted yields, term premia and risk-neutral yields, 1990 -> latest.

    The parameters are those of :func:`fit_default` (month-end estimates); each day's factors
    are that day's zero yields projected on the monthly principal-component loadings, as in
    :meth:`ACMResults.daily`. On month-end days the values equal the monthly estimates.

    Parameters
    ----------
    start, end
        Inclusive window (``YYYY-MM-DD``); default the whole series.
    maturities
        Maturities in years, among 1..10.
    n_factors
        Number of principal components of the model.

    Returns
    -------
    pandas.DataFrame
        Index ``date``; columns ``ACMYnn`` (fitted zero yield), ``ACMTPnn`` (term premium),
        ``ACMRNYnn`` (risk-neutral yield), percent, for each maturity ``nn`` (the NY Fed's
        names). ``attrs``: ``unit``, ``curve_source`` (which days use GSW and which NSS fits),
        ``model`` (the panel provenance).

    Raises
    ------
    InputError
        Maturities outside 1..10 years, start after end, or a window outside the data.

    References
    ----------
    Adrian, Crump and Moench (2013) (daily values from the monthly parameters).
    """
    mats = _check_maturities(maturities)
    if not isinstance(n_factors, int) or isinstance(n_factors, bool) or n_factors < 1:
        raise InputError(f"n_factors must be a positive integer (the NY Fed uses 5); got {n_factors!r}")
    key = _data_key()
    full = _daily_for(key, n_factors)
    lo, hi = _check_window(
        start, end, first=full.index.min(), last=full.index.max(), what="daily ACM values"
    )
    cols = [f"{p}{m:02d}" for p in ("ACMY", "ACMTP", "ACMRNY") for m in mats]
    out = full.loc[lo:hi, cols].copy()
    if out.empty:
        raise InputError(f"no daily ACM values between {lo:%Y-%m-%d} and {hi:%Y-%m-%d}")
    results = _fit_for(key, n_factors)
    provenance = results.provenance.describe() if results.provenance is not None else ""
    out.attrs.update(full.attrs, model=f"ACM K={n_factors}; monthly panel: {provenance}")
    return out


def term_premium_series(
    maturity: int = 10,
    *,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    frequency: Literal["monthly", "daily"] = "monthly",
    n_factors: int = 5,
) -> pd.DataFrame:
    """One maturity's ACM term premium with its fitted and risk-neutral yields.

    Parameters
    ----------
    maturity
        Maturity in years, 1..10.
    start, end
        Inclusive window (``YYYY-MM-DD``); default the whole sample.
    frequency
        ``"monthly"``: the month-end estimates of :func:`fit_default` (1961-06 -> latest);
        ``"daily"``: :func:`daily_term_premium` (1990 -> latest).
    n_factors
        Number of principal components of the model.

    Returns
    -------
    pandas.DataFrame
        Index ``date``; columns ``fitted_yield_pct`` (model zero yield), ``risk_neutral_yield_pct``
        (expected average short rate) and ``term_premium_pct``, all percent, continuously
        compounded; ``fitted = risk_neutral + term_premium``. ``attrs``: ``maturity_years``,
        ``frequency``, ``model`` (sample and splice), ``unit``.

    Raises
    ------
    InputError
        A maturity outside 1..10, an unknown frequency, start after end, or a window outside
        the data.

    References
    ----------
    Adrian, Crump and Moench (2013): term premium = fitted yield - risk-neutral yield.
    """
    import pandas as pd

    (mat,) = _check_maturities([maturity])
    if frequency == "daily":
        frame = daily_term_premium(start, end, maturities=(mat,), n_factors=n_factors)
        out = pd.DataFrame(
            {
                "fitted_yield_pct": frame[f"ACMY{mat:02d}"],
                "risk_neutral_yield_pct": frame[f"ACMRNY{mat:02d}"],
                "term_premium_pct": frame[f"ACMTP{mat:02d}"],
            }
        )
        model = frame.attrs.get("model", "")
        curves = frame.attrs.get("curve_source", "")
    elif frequency == "monthly":
        results = fit_default(n_factors)
        out = pd.DataFrame(
            {
                "fitted_yield_pct": results.fitted_yield[mat],
                "risk_neutral_yield_pct": results.risk_neutral_yield[mat],
                "term_premium_pct": results.term_premium[mat],
            }
        )
        lo, hi = _check_window(
            start, end, first=out.index.min(), last=out.index.max() + pd.offsets.MonthEnd(0),
            what="monthly ACM estimates",
        )
        out = out.loc[lo:hi]
        if out.empty:
            raise InputError(f"no month-end ACM estimate between {lo:%Y-%m-%d} and {hi:%Y-%m-%d}")
        provenance = results.provenance.describe() if results.provenance is not None else ""
        model = f"ACM K={n_factors}; monthly panel: {provenance}"
        curves = ""
    else:
        raise InputError(f"frequency {frequency!r} is not known; expected 'monthly' or 'daily'")
    out.index.name = "date"
    out.attrs.update(maturity_years=mat, frequency=frequency, model=model, unit="percent")
    if curves:
        out.attrs["curve_source"] = curves
    return out
