"""Calibration of the flow detective's valuation estimate, its bands and its check.

The estimator is calibrated and checked holder by holder on the months where the split is
reported: ``reported = drift x LT + scale x raw`` by least squares in shares of long-term holdings
(``drift`` is the intercept, per dollar of holdings so that it carries over to other months and
holders; :func:`calibrate`, :class:`Calibration`). The residuals give the band around every
estimated month; for the cumulative band they are modelled as an AR(1) process (lag-one
autocorrelation of the calibration residuals, clipped to [0, 0.95]) and the drift's own standard
error is added as an error common to every month (:func:`cumulative_band`).
:func:`check_estimator` reports bias, MAE, correlation and cumulative coverage per reported
period, in and out of sample.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

from treasury_leverage.data.memo import per_vintage
from treasury_leverage.errors import DataUnavailable, InputError
from treasury_leverage.holdings.valuation import (
    ESTIMATE_DATASETS,
    REPORTED_DATASETS,
    _estimate_frame,
    reported_valuation,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from numpy.typing import NDArray

    from treasury_leverage.holdings.profile import MaturityProfile

__all__ = [
    "CHECK_HOLDERS",
    "CHECK_PERIODS",
    "MIN_CALIBRATION_MONTHS",
    "REGIME_SWITCH",
    "SOURCES",
    "Calibration",
    "calibrate",
    "check_estimator",
    "cumulative_band",
]

#: Fewer reported months than this and the holder borrows the Grand Total's calibration.
MIN_CALIBRATION_MONTHS: Final = 12


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


@per_vintage(*ESTIMATE_DATASETS, *REPORTED_DATASETS)
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
