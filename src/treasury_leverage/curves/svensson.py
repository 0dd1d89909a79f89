"""The Nelson-Siegel-Svensson zero curve in the Fed's (GSW) parameterisation.

References
----------
Gurkaynak, R. S., B. Sack and J. H. Wright (2007), "The U.S. Treasury yield curve: 1961 to the
present", *Journal of Monetary Economics* 54(8), 2291-2304, eq. (22) (zero yields) and eq. (21)
(instantaneous forwards). Yields are continuously compounded, in percent; maturities in years.
"""

from __future__ import annotations

from typing import Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["NS_SENTINEL", "svensson_forward", "svensson_zero"]

#: The Fed publishes ``TAU2 = -999.99`` (and ``BETA3 = 0``) on days fitted with Nelson-Siegel.
NS_SENTINEL: Final = -999.99


def _params(
    beta0: ArrayLike, beta1: ArrayLike, beta2: ArrayLike, beta3: ArrayLike,
    tau1: ArrayLike, tau2: ArrayLike,
) -> tuple[NDArray[np.float64], ...]:
    b0, b1, b2, b3, t1, t2 = (np.asarray(x, dtype=np.float64)[..., None]
                              for x in (beta0, beta1, beta2, beta3, tau1, tau2))
    # Nelson-Siegel days: the fourth term is absent; any positive tau2 with beta3=0 is exact.
    ns = (t2 <= 0) | ~np.isfinite(t2)
    b3 = np.where(ns, 0.0, b3)
    t2 = np.where(ns, 1.0, t2)
    return b0, b1, b2, b3, t1, t2


def _one_minus_exp_over(x: NDArray[np.float64]) -> NDArray[np.float64]:
    # (1 - e^{-x}) / x, accurate for small x; its limit 1 at x = 0 makes the zero yield at
    # maturity 0 equal the short rate beta0 + beta1 instead of 0/0.
    safe = np.where(x == 0.0, 1.0, x)
    return np.where(x == 0.0, 1.0, -np.expm1(-safe) / safe)


def _shape(values: NDArray[np.float64], m: NDArray[np.float64]) -> NDArray[np.float64]:
    # A scalar maturity drops the maturity axis; scalar parameters give shape (n_maturities,).
    return values[..., 0] if m.ndim == 0 else values


def svensson_zero(
    maturity_years: ArrayLike,
    beta0: ArrayLike, beta1: ArrayLike, beta2: ArrayLike, beta3: ArrayLike,
    tau1: ArrayLike, tau2: ArrayLike,
) -> NDArray[np.float64]:
    """Zero-coupon yields (continuously compounded, percent) from Svensson parameters.

    Parameters broadcast: pass arrays of shape ``(n_days,)`` and ``maturity_years`` of shape
    ``(n_maturities,)`` to get an ``(n_days, n_maturities)`` panel; scalars give shape
    ``(n_maturities,)``.

    Parameters
    ----------
    maturity_years
        Maturities in years, >= 0 (at 0 the limit, the short rate ``beta0 + beta1``).
    beta0, beta1, beta2, beta3
        Level, slope and the two curvature parameters, in percent.
    tau1, tau2
        Decay parameters in years; ``tau2 = -999.99`` marks a Nelson-Siegel day.

    Returns
    -------
    numpy.ndarray
        Yields in percent.

    References
    ----------
    Gurkaynak, Sack and Wright (2007), eq. (22).
    """
    m = np.asarray(maturity_years, dtype=np.float64)
    b0, b1, b2, b3, t1, t2 = _params(beta0, beta1, beta2, beta3, tau1, tau2)
    x1 = m / t1
    x2 = m / t2
    e1 = _one_minus_exp_over(x1)
    e2 = _one_minus_exp_over(x2)
    y = b0 + b1 * e1 + b2 * (e1 - np.exp(-x1)) + b3 * (e2 - np.exp(-x2))
    return _shape(y, m)


def svensson_forward(
    maturity_years: ArrayLike,
    beta0: ArrayLike, beta1: ArrayLike, beta2: ArrayLike, beta3: ArrayLike,
    tau1: ArrayLike, tau2: ArrayLike,
) -> NDArray[np.float64]:
    """Instantaneous forward rates (continuously compounded, percent); GSW (2007) eq. (21).

    Broadcasting as in :func:`svensson_zero`.
    """
    m = np.asarray(maturity_years, dtype=np.float64)
    b0, b1, b2, b3, t1, t2 = _params(beta0, beta1, beta2, beta3, tau1, tau2)
    x1 = m / t1
    x2 = m / t2
    f = b0 + b1 * np.exp(-x1) + b2 * x1 * np.exp(-x1) + b3 * x2 * np.exp(-x2)
    return _shape(f, m)
