"""Daily zero-curve panels from the Treasury par-yield panel.

* :func:`fit_nss_panel`: a Svensson curve per day (parameters + fit RMSE), warm-started across
  days;
* :func:`gsw_panel`: zero yields at monthly maturities from a parameter panel (ours or the Fed's
  GSW parameters);
* :func:`zero_curve_panel`: par panel -> zero yields at monthly maturities, by NSS fit or by
  bootstrap;
* :func:`cached_zero_panel`: the same, with the fitted parameter panel cached as Parquet in the
  user cache directory, keyed by a hash of the input.

Frames follow the house layout: ``DatetimeIndex`` named ``date``; par yields in percent
(semiannual bond-equivalent) with tenor-label columns (``"1M"`` ... ``"30Y"``); zero yields in
percent, continuously compounded, with integer month columns.

How the panel fit is organised (and why it is fast): the days are cut into contiguous chunks;
the first day of every chunk gets a cold multi-start fit, then all chunks step forward in lock
step, each day warm-started from the previous day's solution, with the Levenberg-Marquardt
iterations vectorised across chunks (:func:`treasury_leverage.curves.fit.fit_nss_many`). A day
whose fit is much worse than its predecessor's is refit cold, and a backward sweep then offers
every day the following day's solution as a second warm start (keeping whichever fits better),
so a day is never stuck in a worse basin than its neighbours'.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.curves.bootstrap import (
    ParInterpolation,
    bootstrap_block,
    bootstrap_par_curve,
)
from treasury_leverage.curves.curve import Curve, SvenssonParams
from treasury_leverage.curves.fit import NSS_BOUNDS, fit_nss, fit_nss_many
from treasury_leverage.curves.svensson import svensson_zero
from treasury_leverage.errors import DataFormatError, InputError, StoreError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "PARAM_COLUMNS",
    "cached_nss_panel",
    "cached_zero_panel",
    "curve_from_par",
    "fit_nss_panel",
    "gsw_panel",
    "gsw_zero_yields",
    "par_curve_on",
    "tenor_years",
    "zero_curve_panel",
]

#: Columns of a Svensson parameter panel (the Fed's names; betas in percent, taus in years).
PARAM_COLUMNS: Final = SvenssonParams.NAMES
#: Bump when the fitting method changes so old cache files are not reused.
_FIT_VERSION: Final = "nss-lm-1"
_TENOR_RE: Final = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([MY])\s*$", re.IGNORECASE)


def tenor_years(label: str) -> float:
    """Maturity in years of a tenor label: ``"1M"`` -> 1/12, ``"1.5M"`` -> 0.125, ``"10Y"`` -> 10.

    Raises
    ------
    InputError
        If the label is not a number followed by ``M`` or ``Y``.
    """
    m = _TENOR_RE.match(str(label))
    if m is None:
        raise InputError(
            f"tenor label {label!r} is not understood; expected e.g. '1M', '1.5M', '10Y'"
        )
    value = float(m.group(1))
    return value / 12.0 if m.group(2).upper() == "M" else value


def par_curve_on(par: pd.DataFrame, date: str | dt.date) -> pd.Series:
    """The par curve of ``date``, or of the last day before it with data.

    Parameters
    ----------
    par
        Wide par panel (``treasury_leverage.data.par_curve()``).
    date
        ``YYYY-MM-DD`` (or a date).

    Returns
    -------
    pandas.Series
        Tenor label -> par yield (percent), NaN dropped; ``name`` is the date actually used and
        ``attrs["requested_date"]`` the date asked for.

    Raises
    ------
    InputError
        If ``date`` is not a date, or lies before the first or after the last day of ``par``
        (the message names the range).
    """
    import pandas as pd

    try:
        when = pd.Timestamp(date)
    except (ValueError, TypeError):
        raise InputError(f"date {date!r} is not a date; expected YYYY-MM-DD") from None
    if when is pd.NaT or not isinstance(when, pd.Timestamp):
        raise InputError(f"date {date!r} is not a date; expected YYYY-MM-DD")
    when = when.normalize()
    valid = par.dropna(how="all")
    if valid.empty:
        raise InputError("the par panel is empty")
    first, last = valid.index.min(), valid.index.max()
    if when < first or when > last:
        raise InputError(
            f"date {when:%Y-%m-%d} is outside the par-curve data, which cover "
            f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
        )
    used = valid.index[valid.index.searchsorted(when, side="right") - 1]
    row = valid.loc[used].dropna()
    row.name = used
    row.attrs["requested_date"] = when
    return row


def curve_from_par(
    row: pd.Series, *, method: Literal["nss", "bootstrap"] = "nss",
    interpolation: ParInterpolation = "pchip",
) -> Curve:
    """One day's zero curve from a par-yield Series (tenor label -> percent).

    ``"nss"`` fits a Svensson curve (:func:`~treasury_leverage.curves.fit.fit_nss`, cold
    start); ``"bootstrap"`` bootstraps exactly
    (:func:`~treasury_leverage.curves.bootstrap.bootstrap_par_curve`).
    """
    import pandas as pd

    s = row.dropna()
    tenors = np.array([tenor_years(str(c)) for c in s.index])
    values = s.to_numpy(dtype=np.float64)
    date = pd.Timestamp(row.name).date() if isinstance(row.name, dt.date | str) else None
    if method == "nss":
        return fit_nss(tenors, values, date=date).curve
    if method == "bootstrap":
        return bootstrap_par_curve(tenors, values, interpolation=interpolation, date=date)
    raise InputError(f"method {method!r} is not known; expected 'nss' or 'bootstrap'")


def _par_arrays(par: pd.DataFrame) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    import pandas as pd

    if not isinstance(par, pd.DataFrame) or not isinstance(par.index, pd.DatetimeIndex):
        raise InputError("par must be a DataFrame with a DatetimeIndex (see data.par_curve())")
    tenors = np.array([tenor_years(c) for c in par.columns])
    order = np.argsort(tenors, kind="stable")
    values = par.to_numpy(dtype=np.float64)[:, order]
    return tenors[order], values


def _fit_rows(
    tenors: NDArray[np.float64], values: NDArray[np.float64], rows: NDArray[np.int64],
    init: NDArray[np.float64] | None, bounds: tuple[Iterable[float], Iterable[float]],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    # Tolerances suited to market data (a relative cost change of 1e-10 is far below a
    # thousandth of a basis point); warm starts need few iterations, so a lower cap stops the
    # rare slow crawler from holding up its whole batch.
    fit = fit_nss_many(
        tenors, values[rows], init=init, bounds=bounds,  # type: ignore[arg-type]
        xtol=1e-8, ftol=1e-10, max_iter=100 if init is None else 60,
    )
    return fit.params, fit.rmse_bp


def fit_nss_panel(
    par: pd.DataFrame, *, bounds: tuple[Iterable[float], Iterable[float]] = NSS_BOUNDS,
    chunk_days: int = 32, jump_bp: float = 1.0,
) -> pd.DataFrame:
    """Fit a Nelson-Siegel-Svensson curve to every day of a par-yield panel.

    Parameters
    ----------
    par
        Wide par-yield panel as returned by ``treasury_leverage.data.par_curve()``: index
        ``date``, tenor-label columns, percent, NaN where not published. Days with fewer than 6
        yields are dropped.
    bounds
        Box on ``[beta0, beta1, beta2, beta3, tau1, tau2]``; default
        :data:`~treasury_leverage.curves.fit.NSS_BOUNDS`.
    chunk_days
        Length of the warm-start chains (each chain starts cold).
    jump_bp
        A day whose RMSE exceeds its predecessor's by more than this is also fitted cold.

    Returns
    -------
    pandas.DataFrame
        Index ``date``; columns ``BETA0..BETA3`` (percent), ``TAU1``, ``TAU2`` (years),
        ``rmse_bp`` (par-yield fit error, basis points) and ``n_tenors``.

    References
    ----------
    Svensson (1994); Gurkaynak, Sack and Wright (2007), eq. (22).
    """
    import pandas as pd

    tenors, values = _par_arrays(par)
    n_obs = np.isfinite(values).sum(axis=1)
    keep = n_obs >= 6
    values = values[keep]
    index = par.index[keep]
    n = values.shape[0]
    params = np.full((n, 6), np.nan)
    rmse = np.full(n, np.nan)
    if chunk_days < 1:
        raise InputError(f"chunk_days must be >= 1, got {chunk_days}")
    if n:
        heads = np.arange(0, n, chunk_days)
        params[heads], rmse[heads] = _fit_rows(tenors, values, heads, None, bounds)
        # Forward: all chains advance one day per step, warm-started from the day before.
        for step in range(1, chunk_days):
            days = heads + step
            days = days[days < n]
            if days.size == 0:
                break
            params[days], rmse[days] = _fit_rows(
                tenors, values, days, params[days - 1][:, None, :], bounds)
            worse = days[rmse[days] > rmse[days - 1] + jump_bp]
            if worse.size:
                p_cold, r_cold = _fit_rows(tenors, values, worse, None, bounds)
                better = r_cold < rmse[worse]
                params[worse[better]], rmse[worse[better]] = p_cold[better], r_cold[better]
        # Backward: offer every day its successor's solution (across chain boundaries too).
        for step in range(chunk_days - 1, -1, -1):
            days = heads + step
            days = days[days < n - 1]
            if days.size == 0:
                continue
            p_back, r_back = _fit_rows(
                tenors, values, days, params[days + 1][:, None, :], bounds)
            better = r_back < rmse[days] - 1e-9
            params[days[better]], rmse[days[better]] = p_back[better], r_back[better]
    out = pd.DataFrame(params, index=index, columns=list(PARAM_COLUMNS))
    out["rmse_bp"] = rmse
    out["n_tenors"] = n_obs[keep].astype(np.int64)
    out.index.name = "date"
    return out


def gsw_zero_yields(
    maturities_years: Iterable[float],
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    *,
    as_of: str | dt.date | None = None,
) -> pd.DataFrame:
    """GSW zero yields (continuously compounded, percent) at any maturities, from the Fed's parameters.

    The daily Svensson parameters of :func:`treasury_leverage.data.gsw_parameters` (spliced:
    the Fed's file, then our refits) put through the GSW formula; at whole years 1..30 this
    reproduces the published SVENY series (:func:`treasury_leverage.data.gsw_zero_curve`) to
    their four decimals.

    Parameters
    ----------
    maturities_years
        Positive maturities in years.
    start, end, as_of
        Date window and data vintage, as in :func:`treasury_leverage.data.gsw_parameters`.

    Returns
    -------
    pandas.DataFrame
        Index ``date``, one column per maturity (float years), percent.

    Raises
    ------
    InputError
        If a maturity is not a positive finite number.

    References
    ----------
    Gurkaynak, Sack and Wright (2007), eq. (22).
    """
    import pandas as pd

    from treasury_leverage.data import gsw_parameters

    m = np.asarray(list(maturities_years), dtype=float)
    if m.ndim != 1 or m.size == 0 or np.any(~np.isfinite(m)) or np.any(m <= 0):
        raise InputError(f"maturities_years {list(m.ravel())} must be positive numbers")
    params = gsw_parameters(start, end, as_of=as_of)
    y = svensson_zero(m, *(params[c].to_numpy() for c in PARAM_COLUMNS))
    out = pd.DataFrame(y, index=params.index, columns=m.tolist())
    out.attrs.update(params.attrs, unit="percent", compounding="continuous")
    return out


def _months(maturities_months: Iterable[int]) -> NDArray[np.int64]:
    months = np.asarray(list(maturities_months), dtype=np.int64)
    if months.size == 0 or np.any(months <= 0):
        raise InputError("maturities_months must be positive whole months, e.g. range(1, 361)")
    return months


def gsw_panel(
    params: pd.DataFrame, maturities_months: Iterable[int] = range(1, 361)
) -> pd.DataFrame:
    """Zero yields (continuously compounded, percent) at monthly maturities from Svensson params.

    Parameters
    ----------
    params
        Index ``date``; columns ``BETA0..BETA3`` (percent), ``TAU1``, ``TAU2`` (years;
        ``-999.99`` marks the Fed's Nelson-Siegel days). Other columns are ignored.
    maturities_months
        Whole months.

    Returns
    -------
    pandas.DataFrame
        Index ``date``, one column per month (int), percent; rows with missing parameters are
        NaN.

    References
    ----------
    Gurkaynak, Sack and Wright (2007), eq. (22).
    """
    import pandas as pd

    missing = [c for c in PARAM_COLUMNS if c not in params.columns]
    if missing:
        raise DataFormatError(f"parameter panel lacks columns {missing}; expected {PARAM_COLUMNS}")
    months = _months(maturities_months)
    p = params[list(PARAM_COLUMNS)].to_numpy(dtype=np.float64)
    ok = np.isfinite(p[:, :5]).all(axis=1) & (p[:, 4] > 0)
    zero = np.full((p.shape[0], months.size), np.nan)
    if ok.any():
        zero[ok] = svensson_zero(months / 12.0, *(p[ok, i] for i in range(6)))
    out = pd.DataFrame(zero, index=params.index, columns=months.tolist())
    out.index.name = "date"
    return out


def _bootstrap_panel(
    par: pd.DataFrame, months: NDArray[np.int64], interpolation: ParInterpolation
) -> pd.DataFrame:
    import pandas as pd

    tenors, values = _par_arrays(par)
    t = months / 12.0
    zero = np.full((values.shape[0], months.size), np.nan)
    observed = np.isfinite(values)
    # Days sharing a pattern of published tenors share knots: bootstrap each pattern at once.
    patterns, inverse = np.unique(observed, axis=0, return_inverse=True)
    for k, pattern in enumerate(patterns):
        rows = np.flatnonzero(inverse.ravel() == k)
        if not pattern.any() or tenors[pattern].max() < 0.5:
            continue
        knots, log_df = bootstrap_block(
            tenors[pattern], values[np.ix_(rows, np.flatnonzero(pattern))],
            interpolation=interpolation)
        # ln D is linear in t between knots (and from D(0) = 1): one weight matrix for all rows.
        full_t = np.concatenate([[0.0], knots])
        j = np.clip(np.searchsorted(full_t, t, side="right") - 1, 0, full_t.size - 2)
        w = (t - full_t[j]) / (full_t[j + 1] - full_t[j])
        full_ld = np.concatenate([np.zeros((rows.size, 1)), log_df], axis=1)
        ld = full_ld[:, j] * (1.0 - w) + full_ld[:, j + 1] * w
        z = -ld / t * 100.0
        # No extrapolation beyond the longest published tenor of the day.
        z[:, t > knots[-1] + 1e-9] = np.nan
        zero[rows] = z
    out = pd.DataFrame(zero, index=par.index, columns=months.tolist())
    out.index.name = "date"
    return out


def zero_curve_panel(
    par: pd.DataFrame, *, maturities_months: Iterable[int] = range(1, 361),
    method: Literal["nss", "bootstrap"] = "nss", interpolation: ParInterpolation = "pchip",
) -> pd.DataFrame:
    """Daily zero yields at monthly maturities from a par-yield panel.

    Parameters
    ----------
    par
        Wide par panel (``treasury_leverage.data.par_curve()``), percent.
    maturities_months
        Whole months, default 1..360.
    method
        ``"nss"``: a Svensson curve fitted per day (smooth, defined at every maturity; see
        :func:`fit_nss_panel`; uncached, use :func:`cached_zero_panel` for repeated calls).
        ``"bootstrap"``: exact bootstrap (:func:`~treasury_leverage.curves.bootstrap.
        bootstrap_par_curve`), NaN beyond the day's longest tenor.
    interpolation
        Par-yield interpolation of the bootstrap (``"pchip"`` or ``"linear"``).

    Returns
    -------
    pandas.DataFrame
        Index ``date``, integer month columns, zero yields in percent, continuously compounded.
    """
    months = _months(maturities_months)
    if method == "nss":
        return gsw_panel(fit_nss_panel(par), months)
    if method == "bootstrap":
        return _bootstrap_panel(par, months, interpolation)
    raise InputError(f"method {method!r} is not known; expected 'nss' or 'bootstrap'")


def _cache_dir() -> Path:
    from treasury_leverage.data.paths import cache_dir

    return Path(cache_dir())


def _panel_key(par: pd.DataFrame, bounds: tuple[Iterable[float], Iterable[float]]) -> str:
    import pandas as pd

    h = hashlib.sha256()
    h.update(_FIT_VERSION.encode())
    h.update(repr([list(b) for b in bounds]).encode())
    h.update(repr(list(map(str, par.columns))).encode())
    h.update(pd.util.hash_pandas_object(par, index=True).to_numpy().tobytes())
    return h.hexdigest()[:24]


def cached_nss_panel(
    par: pd.DataFrame, *, bounds: tuple[Iterable[float], Iterable[float]] = NSS_BOUNDS,
    cache_dir: Path | None = None,
) -> pd.DataFrame:
    """:func:`fit_nss_panel`, cached as Parquet keyed by a hash of ``par`` (and the method).

    The file ``curves/nss_params_<hash>.parquet`` lives in the user cache directory
    (``treasury_leverage.data.paths.cache_dir()``: ``$TLEV_HOME/cache`` or the platform's user
    cache folder) and is written atomically (temporary file + ``os.replace``). A fit in progress
    holds the OS lock ``.nss_params_<hash>.parquet.lock`` beside it (the empty file stays), so a
    second process asking for the same panel waits for the first fit instead of fitting again.
    """

    folder = Path(cache_dir) if cache_dir is not None else _cache_dir() / "curves"
    path = folder / f"nss_params_{_panel_key(par, bounds)}.parquet"
    cached = _read_params(path)
    if cached is not None:
        return cached
    # Another process may be fitting the same panel (``tlev brief`` starts the fit in a helper
    # process): wait for it rather than fit twice. An OS lock, released if that process dies.
    with _fit_lock(folder, path):
        cached = _read_params(path)
        if cached is not None:
            return cached
        return _fit_and_keep(par, bounds, folder, path)


def _read_params(path: Path) -> pd.DataFrame | None:
    """The kept fit at ``path``, or None (missing, or corrupt: then refitted and overwritten)."""
    import pandas as pd

    if not path.exists():
        return None
    try:
        return pd.read_parquet(path)
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def _fit_lock(folder: Path, path: Path) -> Iterator[None]:
    """Hold ``.<file>.lock`` beside the kept fit (up to 10 minutes; without it if that fails)."""
    import filelock

    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = filelock.FileLock(folder / f".{path.name}.lock", timeout=600)
        lock.acquire()
    except (OSError, filelock.Timeout):
        yield
        return
    try:
        yield
    finally:
        lock.release()


def _fit_and_keep(par: pd.DataFrame, bounds: tuple[Iterable[float], Iterable[float]], folder: Path,
                  path: Path) -> pd.DataFrame:
    """Fit the panel and keep it at ``path`` (written to a temporary name, then renamed)."""
    params = fit_nss_panel(par, bounds=bounds)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{path.name}.{uuid.uuid4().hex}.tmp"
        try:
            params.to_parquet(tmp)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise StoreError(f"could not write the curve cache {path}: {exc}") from exc
    return params


def cached_zero_panel(
    par: pd.DataFrame, *, maturities_months: Iterable[int] = range(1, 361),
    cache_dir: Path | None = None,
) -> pd.DataFrame:
    """Zero yields at monthly maturities from cached NSS fits (see :func:`cached_nss_panel`).

    Returns
    -------
    pandas.DataFrame
        Index ``date``, integer month columns, percent (continuously compounded).
    """
    return gsw_panel(cached_nss_panel(par, cache_dir=cache_dir), maturities_months)
