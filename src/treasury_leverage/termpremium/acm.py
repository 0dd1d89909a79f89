"""The Adrian-Crump-Moench (2013) affine term structure model, estimated by linear regressions.

``ACM(n_factors=5).fit(zero_yields_monthly) -> ACMResults`` reproduces the NY Fed's ACM term
premium from month-end zero-coupon yields at monthly maturities 1..120.

Choices (each checked against the NY Fed's published series, see ``tests/termpremium``):

* Pricing factors: the first K principal components of *demeaned* yields at maturities 3..120
  months (the authors' code drops the 1- and 2-month yields; using 1..120 tracks the NY Fed's
  monthly changes slightly worse). The estimator is invariant to invertible affine transforms of
  the factors, so their scale and sign normalisation do not affect yields or term premia.
* Excess returns at n = 6, 12, 24, 36, ..., 120 months (the authors' replication set). The
  6-month return is needed: without it the short end is not pinned down and the fitted curve
  explodes.
* VAR(1) with a constant, ``Sigma = V V' / T`` (paper, step 1).
* Short rate ``r_t`` = 1-month yield / 1200 (monthly, decimal) regressed on a constant and X_t.
* Month-end sampling: the NY Fed's monthly series matches month-end yields (correlation of
  monthly changes 0.997 at 10 years) much better than monthly averages (0.70).

References
----------
Adrian, T., R. K. Crump and E. Moench (2013), "Pricing the term structure with linear
regressions", *Journal of Financial Economics* 110(1), 110-138 (FRBNY Staff Report 340): the
VAR, excess-return regression and cross-sectional regression for the prices of risk of the
three-step estimator, and the bond-price recursions for A_n, B_n (equation numbers are not
cited: we work from the literature memo and the authors' replication code as documented by
pyacm, not from a re-read of the published equations).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from treasury_leverage.errors import InputError
from treasury_leverage.termpremium.inputs import MonthlyZeroPanel, PanelProvenance

__all__ = [
    "ACM",
    "DEFAULT_PC_MATURITIES",
    "DEFAULT_RETURN_MATURITIES",
    "ACMResults",
    "affine_recursion",
]

FloatArray = NDArray[np.float64]

#: Maturities (months) whose yields give the principal components (authors' code: 3..120).
DEFAULT_PC_MATURITIES: Final = tuple(range(3, 121))
#: Maturities (months) of the bonds whose one-month excess returns are priced.
DEFAULT_RETURN_MATURITIES: Final = (6, 12, *range(24, 121, 12))
#: Maturities (years) of the headline frames, as in the NY Fed's ACMTP01..ACMTP10.
HEADLINE_YEARS: Final = tuple(range(1, 11))
_PCT_PER_MONTHLY_DECIMAL: Final = 1200.0  # annual percent = 1200 x monthly decimal
#: A principal component this small relative to the first is numerical noise, not a factor.
_RANK_TOL: Final = 1e-6


def affine_recursion(
    *,
    mu: FloatArray,
    phi: FloatArray,
    sigma: FloatArray,
    delta0: float,
    delta1: FloatArray,
    lambda0: FloatArray,
    lambda1: FloatArray,
    pricing_error_var: float = 0.0,
    n_max: int = 120,
) -> tuple[FloatArray, FloatArray]:
    """Log bond-price loadings ``ln P_t^(n) = A_n + B_n' X_t`` for n = 0..n_max (months).

    ``A_0 = 0, B_0 = 0``; ``A_1 = -delta0, B_1 = -delta1``; for n >= 2

    ``A_n = A_{n-1} + B_{n-1}'(mu - lambda0) + 1/2 (B_{n-1}' Sigma B_{n-1} + s2) - delta0``,
    ``B_n' = B_{n-1}'(Phi - lambda1) - delta1'``.

    The return pricing-error variance ``s2`` enters only from n = 2 on: a one-month bond has no
    return to price (this is how the authors' code starts the recursion).

    Parameters
    ----------
    mu, phi, sigma
        VAR(1) constant (K,), slope (K, K) and innovation covariance (K, K).
    delta0, delta1
        Short rate ``r_t = delta0 + delta1' X_t`` (monthly, decimal).
    lambda0, lambda1
        Prices of risk (K,), (K, K); zeros give the risk-neutral (expectations) loadings.
    pricing_error_var
        Variance ``s2`` of the excess-return pricing errors (monthly, decimal squared).
    n_max
        Longest maturity in months.

    Returns
    -------
    A : numpy.ndarray
        Shape ``(n_max + 1,)``.
    B : numpy.ndarray
        Shape ``(n_max + 1, K)``.

    References
    ----------
    Adrian, Crump and Moench (2013), bond-price recursions for A_n and B_n.
    """
    k = len(delta1)
    phi_q = np.asarray(phi, dtype=np.float64) - np.asarray(lambda1, dtype=np.float64)
    mu_q = np.asarray(mu, dtype=np.float64) - np.asarray(lambda0, dtype=np.float64)
    d1 = np.asarray(delta1, dtype=np.float64)
    B = np.zeros((n_max + 1, k))
    # The B recursion is inherently sequential; the K-vector products are tiny.
    b = np.zeros(k)
    phi_q_t = phi_q.T.copy()
    for n in range(1, n_max + 1):
        b = phi_q_t @ b - d1
        B[n] = b
    # A_n is a cumulative sum of terms that depend only on B_{n-1}: vectorise it.
    prev = B[:-1]
    jensen = 0.5 * (
        np.einsum("ij,jk,ik->i", prev, np.asarray(sigma, dtype=np.float64), prev) + pricing_error_var
    )
    jensen[0] = 0.0
    steps = prev @ mu_q + jensen - delta0
    A = np.concatenate([[0.0], np.cumsum(steps)])
    return A, B


@dataclass(frozen=True)
class _Estimates:
    pc_mean: FloatArray
    loadings: FloatArray
    explained: FloatArray
    factors: FloatArray
    mu: FloatArray
    phi: FloatArray
    sigma: FloatArray
    beta: FloatArray
    pricing_error_var: float
    lambda0: FloatArray
    lambda1: FloatArray
    delta0: float
    delta1: FloatArray
    A: FloatArray
    B: FloatArray
    A_rn: FloatArray
    B_rn: FloatArray


class ACM:
    """The ACM (2013) term structure model; ``ACM(n_factors=5).fit(yields) -> ACMResults``.

    Parameters
    ----------
    n_factors
        Number K of principal components used as pricing factors (the NY Fed uses 5).
    pc_maturities
        Maturities (months) whose yields give the principal components.
    return_maturities
        Maturities n (months) of the bonds whose one-month log excess returns
        ``rx_{t+1}^{(n-1)} = ln P_{t+1}^{(n-1)} - ln P_t^{(n)} - r_t`` are priced.
    max_maturity
        Longest maturity (months) of the fitted, risk-neutral and term-premium frames.

    References
    ----------
    Adrian, Crump and Moench (2013), section 2 (model) and 3 (estimator).
    """

    def __init__(
        self,
        n_factors: int = 5,
        *,
        pc_maturities: Sequence[int] = DEFAULT_PC_MATURITIES,
        return_maturities: Sequence[int] = DEFAULT_RETURN_MATURITIES,
        max_maturity: int = 120,
    ) -> None:
        if not isinstance(n_factors, int | np.integer) or n_factors < 1:
            raise InputError(f"n_factors must be a positive integer; got {n_factors!r}")
        pcs = sorted({int(m) for m in pc_maturities})
        rets = sorted({int(m) for m in return_maturities})
        if not pcs or pcs[0] < 1:
            raise InputError(f"pc_maturities must be whole months >= 1; got {list(pc_maturities)[:5]}")
        if not rets or rets[0] < 2:
            raise InputError(
                f"return_maturities must be whole months >= 2 (a bond held one month must still "
                f"have >= 1 month left); got {list(return_maturities)[:5]}"
            )
        if n_factors > len(pcs):
            raise InputError(
                f"n_factors={n_factors} exceeds the {len(pcs)} pc_maturities the components come from"
            )
        if n_factors > len(rets):
            raise InputError(
                f"n_factors={n_factors} needs at least as many return_maturities to identify the "
                f"prices of risk; got {len(rets)}"
            )
        if max_maturity < 1:
            raise InputError(f"max_maturity must be >= 1 month; got {max_maturity}")
        self.n_factors = int(n_factors)
        self.pc_maturities = tuple(pcs)
        self.return_maturities = tuple(rets)
        self.max_maturity = int(max_maturity)

    def __repr__(self) -> str:
        return (
            f"ACM(n_factors={self.n_factors}, "
            f"pc_maturities={self.pc_maturities[0]}..{self.pc_maturities[-1]}, "
            f"return_maturities={list(self.return_maturities)}, max_maturity={self.max_maturity})"
        )

    @property
    def min_months(self) -> int:
        """Fewest months :meth:`fit` accepts: 4 observations per excess-return regressor."""
        return 4 * (2 * self.n_factors + 1) + 1

    def required_maturities(self) -> list[int]:
        """Maturities (months) the input panel must contain: 1 (short rate) up to the longest used."""
        top = max(self.max_maturity, self.pc_maturities[-1], self.return_maturities[-1])
        return list(range(1, top + 1))

    def _validate(self, zero_yields: pd.DataFrame) -> pd.DataFrame:
        if not isinstance(zero_yields, pd.DataFrame):
            raise InputError(
                "zero yields must be a pandas DataFrame (months x maturities); "
                f"got {type(zero_yields).__name__}"
            )
        if not isinstance(zero_yields.index, pd.DatetimeIndex):
            raise InputError("zero yields must have a DatetimeIndex of month-end dates named 'date'")
        try:
            cols = [int(c) for c in zero_yields.columns]
        except (TypeError, ValueError):
            raise InputError(
                "zero-yield columns must be maturities in months (int 1..120); "
                f"got {list(zero_yields.columns)[:6]}"
            ) from None
        frame = zero_yields.copy()
        frame.columns = pd.Index(cols, name="maturity_months")
        need = self.required_maturities()
        lacking = [m for m in need if m not in set(cols)]
        if lacking:
            raise InputError(
                f"zero yields lack maturities (months) {lacking[:10]}{'...' if len(lacking) > 10 else ''}; "
                f"{self!r} needs 1..{need[-1]}"
            )
        frame = frame.loc[:, need].astype("float64")
        if not frame.index.is_monotonic_increasing:
            frame = frame.sort_index()
        n = len(frame)
        if n < self.min_months:
            raise InputError(
                f"ACM with K={self.n_factors} factors needs at least {self.min_months} months "
                f"(each excess-return regression has 2K+1={2 * self.n_factors + 1} regressors); got {n}"
            )
        months = frame.index.to_period("M")
        ordinals = months.asi8
        steps = np.diff(ordinals)
        if np.any(steps != 1):
            i = int(np.flatnonzero(steps != 1)[0])
            what = "twice" if steps[i] == 0 else f"{steps[i] - 1} month(s) missing"
            raise InputError(
                f"zero yields must be consecutive months with one row each; after {months[i]} comes "
                f"{months[i + 1]} ({what})"
            )
        values = frame.to_numpy()
        bad = ~np.isfinite(values)
        if bad.any():
            r, c = np.argwhere(bad)[0]
            raise InputError(
                f"zero yields contain NaN/inf (first at {frame.index[r]:%Y-%m-%d}, "
                f"maturity {need[c]} months); "
                f"fill or trim the panel before fitting"
            )
        return frame

    def fit(self, zero_yields: pd.DataFrame | MonthlyZeroPanel) -> ACMResults:
        """Estimate the model on month-end zero-coupon yields.

        Parameters
        ----------
        zero_yields
            Continuously compounded zero yields in percent, index month-end ``date``
            (consecutive months), columns maturities in months (int, 1..120); or a
            :class:`~treasury_leverage.termpremium.inputs.MonthlyZeroPanel` (its provenance is
            carried by the results).

        Returns
        -------
        ACMResults

        Raises
        ------
        InputError
            Too few months for K factors, a gap or duplicate month, NaN, missing maturities.

        References
        ----------
        Adrian, Crump and Moench (2013), section 3 (three-step estimator).
        """
        provenance = None
        if isinstance(zero_yields, MonthlyZeroPanel):
            provenance = zero_yields.provenance
            zero_yields = zero_yields.yields_pct
        frame = self._validate(zero_yields)
        est = _estimate(
            frame.to_numpy(),
            n_factors=self.n_factors,
            pc_idx=np.asarray(self.pc_maturities) - 1,
            ret_mats=np.asarray(self.return_maturities),
            n_max=self.max_maturity,
        )
        return ACMResults(model=self, yields_pct=frame, estimates=est, provenance=provenance)


def _estimate(
    yields_pct: FloatArray,
    *,
    n_factors: int,
    pc_idx: NDArray[np.int_],
    ret_mats: NDArray[np.int_],
    n_max: int,
) -> _Estimates:
    """The three-step estimator on a (T, N) panel of yields (percent) at maturities 1..N months."""
    K = n_factors
    T = yields_pct.shape[0]
    # Step 0: factors = principal components of demeaned yields (percent).
    Z = yields_pct[:, pc_idx]
    pc_mean = Z.mean(axis=0)
    # Eigenvectors of the (N x N) cross-product are the right singular vectors of the panel;
    # much cheaper than an SVD of the (T x N) panel when T is long.
    Zc = Z - pc_mean
    eigval, eigvec = np.linalg.eigh(Zc.T @ Zc)
    order = np.argsort(eigval)[::-1]
    s = np.sqrt(np.clip(eigval[order], 0.0, None))
    vt = eigvec[:, order].T
    if s[K - 1] <= _RANK_TOL * s[0]:
        rank = int(np.sum(s > _RANK_TOL * s[0]))
        raise InputError(
            f"the yields move with only {rank} independent factor(s) (singular values {s[:K]}); "
            f"n_factors={K} cannot be identified: use n_factors <= {rank}"
        )
    W = vt[:K].T
    W = W * np.where(W.sum(axis=0) < 0, -1.0, 1.0)  # sign: loadings average positive
    explained = (s[:K] ** 2) / np.sum(s**2)
    X = (Z - pc_mean) @ W  # (T, K)

    # Step 1: VAR(1) with constant by OLS; Sigma = V'V / T (ACM step 1).
    X_lag, X_next = X[:-1], X[1:]
    ones = np.ones((T - 1, 1))
    R = np.hstack([ones, X_lag])
    coef, *_ = np.linalg.lstsq(R, X_next, rcond=None)
    mu, phi = coef[0], coef[1:].T
    V = X_next - R @ coef
    sigma = V.T @ V / (T - 1)

    # Step 2: rx_{t+1}^{(n-1)} = a + beta'v_{t+1} + c'X_t + e (ACM step 2).
    maturities = np.arange(1, yields_pct.shape[1] + 1)
    log_price = -yields_pct / _PCT_PER_MONTHLY_DECIMAL * maturities  # ln P_t^(n), (T, N)
    short = yields_pct[:, 0] / _PCT_PER_MONTHLY_DECIMAL  # r_t = -ln P_t^(1)
    rx = log_price[1:, ret_mats - 2] - log_price[:-1, ret_mats - 1] - short[:-1, None]  # (T-1, N_r)
    Zr = np.hstack([ones, V, X_lag])
    abc, *_ = np.linalg.lstsq(Zr, rx, rcond=None)
    E = rx - Zr @ abc
    a_hat = abc[0]  # (N_r,)
    beta = abc[1 : K + 1]  # (K, N_r)
    c_hat = abc[K + 1 :]  # (K, N_r)
    s2 = float(np.sum(E**2) / E.size)

    # Step 3: prices of risk by cross-sectional regression (ACM step 3).
    # B* vec(Sigma) = diag(beta' Sigma beta) for each maturity.
    b_star_sigma = np.einsum("kn,kl,ln->n", beta, sigma, beta)
    gram = beta @ beta.T
    lambda0 = np.linalg.solve(gram, beta @ (a_hat + 0.5 * (b_star_sigma + s2)))
    lambda1 = np.linalg.solve(gram, beta @ c_hat.T)

    # Short rate equation r_t = delta0 + delta1'X_t.
    Rs = np.hstack([np.ones((T, 1)), X])
    d, *_ = np.linalg.lstsq(Rs, short, rcond=None)
    delta0, delta1 = float(d[0]), d[1:]

    common = {
        "mu": mu,
        "phi": phi,
        "sigma": sigma,
        "delta0": delta0,
        "delta1": delta1,
        "pricing_error_var": s2,
        "n_max": n_max,
    }
    A, B = affine_recursion(lambda0=lambda0, lambda1=lambda1, **common)
    zero_k = np.zeros(K)
    A_rn, B_rn = affine_recursion(lambda0=zero_k, lambda1=np.zeros((K, K)), **common)
    return _Estimates(
        pc_mean=pc_mean,
        loadings=W,
        explained=explained,
        factors=X,
        mu=mu,
        phi=phi,
        sigma=sigma,
        beta=beta,
        pricing_error_var=s2,
        lambda0=lambda0,
        lambda1=lambda1,
        delta0=delta0,
        delta1=delta1,
        A=A,
        B=B,
        A_rn=A_rn,
        B_rn=B_rn,
    )


def _yields_from_loadings(A: FloatArray, B: FloatArray, X: FloatArray) -> FloatArray:
    """Annual percent yields ``-(A_n + B_n'X)/n * 1200`` for n = 1..len(A)-1; shape (T, n_max)."""
    n = np.arange(1, len(A))
    return -(A[1:] + X @ B[1:].T) / n * _PCT_PER_MONTHLY_DECIMAL


def _years_frame(frame: pd.DataFrame) -> pd.DataFrame:
    years = [y for y in HEADLINE_YEARS if 12 * y in frame.columns]
    out = frame.loc[:, [12 * y for y in years]].copy()
    out.columns = pd.Index(years, name="maturity_years")
    return out


@dataclass(frozen=True, eq=False)
class ACMResults:
    """Estimates, fitted yields, risk-neutral yields and term premia of an :class:`ACM` fit.

    Yields and term premia are annualised, continuously compounded, in percent. Frames have a
    month-end ``date`` index; the headline frames (:attr:`term_premium`, :attr:`fitted_yield`,
    :attr:`risk_neutral_yield`) have int columns 1..10 (years), the ``*_all`` frames int columns
    1..max_maturity (months). Parameters are on the model's own scale: factors are principal
    components of yields in percent; the short rate and log prices are monthly decimals.
    """

    model: ACM
    yields_pct: pd.DataFrame
    estimates: _Estimates = field(repr=False)
    provenance: PanelProvenance | None = None

    # ----- factors and parameters -------------------------------------------------------
    @property
    def factor_names(self) -> list[str]:
        """``["PC1", ..., "PCK"]``."""
        return [f"PC{i + 1}" for i in range(self.model.n_factors)]

    @property
    def n_months(self) -> int:
        """Number of months in the estimation sample."""
        return len(self.yields_pct)

    @property
    def factors(self) -> pd.DataFrame:
        """Pricing factors X_t (principal components, percent), index ``date``."""
        return pd.DataFrame(self.estimates.factors, index=self.yields_pct.index, columns=self.factor_names)

    @property
    def pc_loadings(self) -> pd.DataFrame:
        """Loadings W: ``X_t = W'(y_t - pc_mean)``, index maturity (months), columns PCs."""
        return pd.DataFrame(
            self.estimates.loadings,
            index=pd.Index(self.model.pc_maturities, name="maturity_months"),
            columns=self.factor_names,
        )

    @property
    def pc_mean(self) -> pd.Series:
        """Sample mean yields (percent) subtracted before the principal components."""
        return pd.Series(
            self.estimates.pc_mean,
            index=pd.Index(self.model.pc_maturities, name="maturity_months"),
            name="mean_yield_pct",
        )

    @property
    def explained_variance(self) -> pd.Series:
        """Share of the yield variance (maturities ``pc_maturities``) explained by each PC."""
        return pd.Series(self.estimates.explained, index=self.factor_names, name="explained_share")

    @property
    def mu(self) -> pd.Series:
        """VAR(1) constant."""
        return pd.Series(self.estimates.mu, index=self.factor_names, name="mu")

    @property
    def phi(self) -> pd.DataFrame:
        """VAR(1) slope: ``X_{t+1} = mu + Phi X_t + v_{t+1}``."""
        return pd.DataFrame(self.estimates.phi, index=self.factor_names, columns=self.factor_names)

    @property
    def sigma(self) -> pd.DataFrame:
        """Covariance of the VAR innovations v (``V'V/T``)."""
        return pd.DataFrame(self.estimates.sigma, index=self.factor_names, columns=self.factor_names)

    @property
    def lambda0(self) -> pd.Series:
        """Constant price of risk (ACM step 3)."""
        return pd.Series(self.estimates.lambda0, index=self.factor_names, name="lambda0")

    @property
    def lambda1(self) -> pd.DataFrame:
        """Price-of-risk loadings on X_t (ACM step 3)."""
        return pd.DataFrame(self.estimates.lambda1, index=self.factor_names, columns=self.factor_names)

    @property
    def delta0(self) -> float:
        """Short-rate intercept (monthly, decimal)."""
        return self.estimates.delta0

    @property
    def delta1(self) -> pd.Series:
        """Short-rate loadings on X_t (monthly decimal per unit of factor)."""
        return pd.Series(self.estimates.delta1, index=self.factor_names, name="delta1")

    @property
    def beta(self) -> pd.DataFrame:
        """Exposures of the excess returns to the VAR innovations; columns return maturities n."""
        return pd.DataFrame(
            self.estimates.beta,
            index=self.factor_names,
            columns=pd.Index(self.model.return_maturities, name="maturity_months"),
        )

    @property
    def pricing_error_sd_bp(self) -> float:
        """Standard deviation of the excess-return pricing errors, bp per month."""
        return float(np.sqrt(self.estimates.pricing_error_var) * 1e4)

    def loadings(self, *, risk_neutral: bool = False) -> pd.DataFrame:
        """Affine loadings ``ln P^(n) = A_n + B_n'X`` for n = 0..max_maturity (columns A, PC1..PCK)."""
        A, B = (
            (self.estimates.A_rn, self.estimates.B_rn)
            if risk_neutral
            else (self.estimates.A, self.estimates.B)
        )
        out = pd.DataFrame(
            B, columns=self.factor_names, index=pd.Index(range(len(A)), name="maturity_months")
        )
        out.insert(0, "A", A)
        return out

    # ----- yields and term premia ---------------------------------------------------------
    def _frame(self, values: FloatArray, index: pd.Index) -> pd.DataFrame:
        cols = pd.Index(range(1, self.model.max_maturity + 1), name="maturity_months")
        return pd.DataFrame(values, index=index, columns=cols)

    @property
    def fitted_yield_all(self) -> pd.DataFrame:
        """Model-implied zero yields (percent), columns maturity in months."""
        e = self.estimates
        return self._frame(_yields_from_loadings(e.A, e.B, e.factors), self.yields_pct.index)

    @property
    def risk_neutral_yield_all(self) -> pd.DataFrame:
        """Risk-neutral (expectations) yields (percent): the same recursions with lambda = 0."""
        e = self.estimates
        return self._frame(_yields_from_loadings(e.A_rn, e.B_rn, e.factors), self.yields_pct.index)

    @property
    def term_premium_all(self) -> pd.DataFrame:
        """Term premium = fitted - risk-neutral yield (percent), columns maturity in months."""
        return self.fitted_yield_all - self.risk_neutral_yield_all

    @property
    def fitted_yield(self) -> pd.DataFrame:
        """Fitted yields (percent) at 1..10 years (the NY Fed's ACMY01..ACMY10)."""
        return _years_frame(self.fitted_yield_all)

    @property
    def risk_neutral_yield(self) -> pd.DataFrame:
        """Risk-neutral yields (percent) at 1..10 years (ACMRNY01..ACMRNY10)."""
        return _years_frame(self.risk_neutral_yield_all)

    @property
    def term_premium(self) -> pd.DataFrame:
        """Term premia (percent) at 1..10 years (ACMTP01..ACMTP10)."""
        return _years_frame(self.term_premium_all)

    @property
    def fit_rmse_bp(self) -> pd.Series:
        """Root-mean-square gap between fitted and input yields, bp, by maturity (months)."""
        gap = self.fitted_yield_all - self.yields_pct.loc[:, self.fitted_yield_all.columns]
        return (np.sqrt((gap**2).mean()) * 100).rename("fit_rmse_bp")

    def to_frame(self) -> pd.DataFrame:
        """The headline series in the NY Fed's layout: ACMY01..10, ACMTP01..10, ACMRNY01..10 (percent)."""
        return _nyfed_layout(self.fitted_yield, self.term_premium, self.risk_neutral_yield)

    # ----- daily ---------------------------------------------------------------------
    def daily_factors(self, zero_yields_daily: pd.DataFrame) -> pd.DataFrame:
        """Daily factors: daily yields projected on the monthly PC loadings, ``W'(y_d - pc_mean)``."""
        frame = _daily_frame(zero_yields_daily, list(self.model.pc_maturities))
        X = (frame.to_numpy() - self.estimates.pc_mean) @ self.estimates.loadings
        return pd.DataFrame(X, index=frame.index, columns=self.factor_names)

    def daily(self, zero_yields_daily: pd.DataFrame) -> pd.DataFrame:
        """Daily fitted yields, term premia and risk-neutral yields from the monthly estimates.

        As the NY Fed does for its daily series, the parameters stay those estimated on month-end
        data; each day's factors are that day's yields (maturities ``pc_maturities``) minus the
        monthly sample means, projected on the monthly principal-component loadings; the affine
        loadings then give the fitted and risk-neutral yields.

        Parameters
        ----------
        zero_yields_daily
            Daily zero yields (continuously compounded, percent), index ``date``, columns int
            maturities in months covering ``pc_maturities``.

        Returns
        -------
        pandas.DataFrame
            Columns ACMY01..10, ACMTP01..10, ACMRNY01..10 (percent), index ``date``.
        """
        X = self.daily_factors(zero_yields_daily)
        e = self.estimates
        fitted = self._frame(_yields_from_loadings(e.A, e.B, X.to_numpy()), X.index)
        rn = self._frame(_yields_from_loadings(e.A_rn, e.B_rn, X.to_numpy()), X.index)
        return _nyfed_layout(_years_frame(fitted), _years_frame(fitted - rn), _years_frame(rn))

    # ----- text -------------------------------------------------------------------------
    def summary(self) -> str:
        """Plain-text summary: sample, K, fit RMSE (bp) and term-premium statistics by maturity."""
        m = self.model
        idx = self.yields_pct.index
        rets = ", ".join(str(n) for n in m.return_maturities)
        lines = [
            "ACM term structure model (Adrian, Crump & Moench 2013, JFE)",
            f"Sample:          {idx[0]:%Y-%m} .. {idx[-1]:%Y-%m} ({self.n_months} months, month-end)",
            f"Factors:         K = {m.n_factors} principal components of yields at "
            f"{m.pc_maturities[0]}..{m.pc_maturities[-1]} months "
            f"({100 * self.estimates.explained.sum():.3f}% of variance)",
            f"Excess returns:  n = {rets} months; pricing-error s.d. {self.pricing_error_sd_bp:.2f} bp/month",
        ]
        if self.provenance is not None:
            lines.append(f"Input panel:     {self.provenance.describe()}")
        tp = self.term_premium
        rmse = self.fit_rmse_bp
        lines += [
            "",
            f"{'maturity':>8} {'fit RMSE bp':>12} {'mean TP %':>10} {'TP s.d. %':>10} {'last TP %':>10}",
        ]
        for y in tp.columns:
            col = tp[y]
            lines.append(
                f"{y:>7}y {rmse[12 * y]:>12.2f} {col.mean():>10.3f} {col.std():>10.3f} {col.iloc[-1]:>10.3f}"
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()

    def __repr__(self) -> str:
        idx = self.yields_pct.index
        span = f"{idx[0]:%Y-%m}..{idx[-1]:%Y-%m}"
        return f"<ACMResults K={self.model.n_factors} {span} ({self.n_months} months)>"


def _nyfed_layout(fitted: pd.DataFrame, tp: pd.DataFrame, rn: pd.DataFrame) -> pd.DataFrame:
    parts = []
    for prefix, frame in (("ACMY", fitted), ("ACMTP", tp), ("ACMRNY", rn)):
        part = frame.copy()
        part.columns = pd.Index([f"{prefix}{int(y):02d}" for y in frame.columns])
        parts.append(part)
    out = pd.concat(parts, axis=1)
    out.index.name = "date"
    return out


def _daily_frame(zero_yields_daily: pd.DataFrame, need: Iterable[int]) -> pd.DataFrame:
    if not isinstance(zero_yields_daily, pd.DataFrame) or not isinstance(
        zero_yields_daily.index, pd.DatetimeIndex
    ):
        raise InputError("daily zero yields must be a DataFrame with a DatetimeIndex named 'date'")
    cols = {int(c): c for c in zero_yields_daily.columns}
    need = list(need)
    lacking = [m for m in need if m not in cols]
    if lacking:
        raise InputError(
            f"daily zero yields lack maturities (months) {lacking[:10]}{'...' if len(lacking) > 10 else ''}; "
            f"the factors need {need[0]}..{need[-1]}"
        )
    frame = zero_yields_daily.loc[:, [cols[m] for m in need]].astype("float64").sort_index()
    frame.columns = pd.Index(need, name="maturity_months")
    values = frame.to_numpy()
    bad = ~np.isfinite(values)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise InputError(
            f"daily zero yields contain NaN/inf (first at {frame.index[r]:%Y-%m-%d}, "
            f"maturity {need[c]} months); "
            f"drop days without a curve before calling daily()"
        )
    frame.index.name = "date"
    return frame
