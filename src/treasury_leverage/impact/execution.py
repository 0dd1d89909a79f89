"""Almgren-Chriss (2000) optimal execution of a Treasury sale, and the execution impact model.

Sell ``X`` (USD bn of market value) over ``N`` periods of length ``tau`` (days). Holdings
``x_0 = X, ..., x_N = 0``; trades ``n_k = x_{k-1} - x_k``. Prices are per dollar of position
(a fraction of value), so costs come out in USD bn:

* permanent impact ``gamma`` (price per USD bn sold), temporary impact ``eta`` (price per USD bn
  per day of trading rate), fixed cost ``epsilon`` (half-spread), volatility ``sigma`` (price
  per sqrt(day));
* ``E[C] = 1/2 gamma X^2 + epsilon sum |n_k| + (eta_tilde / tau) sum n_k^2``,
  ``V[C] = sigma^2 tau sum_{k=1}^{N} x_k^2``, with ``eta_tilde = eta - 1/2 gamma tau`` (AC's
  discrete timing) or ``eta`` (``permanent_timing="continuous"``: the permanent move is charged
  as ``1/2 gamma X^2`` whatever the schedule, as in continuous trading);
* the optimal schedule for ``min E + lambda V`` is ``x_j = X sinh(kappa (T - t_j)) / sinh(kappa T)``
  with ``(2/tau^2)(cosh(kappa tau) - 1) = lambda sigma^2 / eta_tilde``.

Treasury calibration (:func:`~treasury_leverage.impact.ac_calibration.treasury_execution_params`,
in :mod:`~treasury_leverage.impact.ac_calibration`): ``epsilon`` = half the bid-ask,
``eta`` such that trading 1% of average daily volume (SIFMA, about USD 0.9-1.0tn) costs one
spread (AC's heuristic), ``sigma`` from the daily yield volatility, all converted from yield to
price with the modified duration of the bond sold; ``gamma`` from a macro impact model's long-run
effect (default Beltran et al. 2013, about 20 bp per USD 100bn on the 5-year), because the
microstructure heuristic gives negligible permanent impact for sovereign-size programmes
(our literature review, "bridging micro and macro impact").

References
----------
Almgren, R. and N. Chriss (2000), "Optimal execution of portfolio transactions", *Journal of
Risk* 3(2), 5-39 [venue R]: price dynamics, expected cost and variance of a static schedule, the
optimal trajectory and its moments, the parameter heuristics, as restated in our literature review
(formulas reproduced numerically for the paper's example there and in the tests).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.errors import InputError
from treasury_leverage.impact.base import (
    PERIODS_PER_YEAR,
    ImpactModel,
    SalesPath,
    Separable,
    maturity_mapping,
    par_durations,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ACParams",
    "AlmgrenChriss",
    "ExecutionPlan",
    "ac_kappa",
    "cost_bands",
    "dump_schedule",
    "efficient_frontier",
    "even_schedule",
    "optimal_moments_closed_form",
    "optimal_schedule",
    "schedule_moments",
]

FloatArray = NDArray[np.float64]
_DAYS_PER_MONTH: Final = PERIODS_PER_YEAR["day"] / 12.0


@dataclass(frozen=True)
class ACParams:
    """Almgren-Chriss parameters (price per dollar of position; USD bn; days).

    Attributes
    ----------
    sigma
        Price volatility per sqrt(day) (fraction of value).
    eta
        Temporary impact: price concession per (USD bn per day) of trading rate.
    gamma
        Permanent impact: price move per USD bn sold.
    epsilon
        Fixed cost per dollar traded (half the bid-ask spread, fraction of value).
    tau
        Length of one trading interval in days.
    permanent_timing
        ``"discrete"``: AC's ``eta_tilde = eta - gamma tau / 2``; ``"continuous"``: ``eta_tilde = eta``.
    """

    sigma: float
    eta: float
    gamma: float
    epsilon: float = 0.0
    tau: float = 1.0
    permanent_timing: Literal["discrete", "continuous"] = "discrete"

    def __post_init__(self) -> None:
        for name in ("sigma", "eta", "gamma", "epsilon", "tau"):
            v = getattr(self, name)
            if not (math.isfinite(v) and v >= 0):
                raise InputError(f"{name}: expected a finite number >= 0, got {v!r}")
        if self.tau <= 0:
            raise InputError(f"tau: expected a positive interval length in days, got {self.tau}")
        if self.eta_tilde <= 0:
            raise InputError(f"eta - gamma*tau/2 = {self.eta_tilde:.3g} <= 0: the temporary impact is too "
                             "small for the permanent one under discrete timing; expected a larger eta "
                             "or permanent_timing='continuous'")

    @property
    def eta_tilde(self) -> float:
        """Effective temporary impact ``eta - gamma tau/2`` (discrete) or ``eta`` (continuous)."""
        return self.eta - 0.5 * self.gamma * self.tau if self.permanent_timing == "discrete" else self.eta


@dataclass(frozen=True)
class ExecutionPlan:
    """A sale schedule with its expected cost and variance.

    Attributes
    ----------
    name
        ``"optimal"``, ``"even"`` or ``"dump"``.
    holdings_usd_bn
        ``x_0 .. x_N`` (USD bn still held after each period; ``x_0 = X``).
    trades_usd_bn
        ``n_1 .. n_N`` (USD bn sold in each period).
    expected_cost_usd_bn, variance_usd_bn2
        Implementation shortfall moments.
    risk_aversion
        ``lambda`` (per USD bn) of an optimal plan (``None`` otherwise).
    kappa_per_day
        Urgency of an optimal plan (``1/kappa`` is the position's half-life scale), else ``None``.
    """

    name: str
    holdings_usd_bn: FloatArray
    trades_usd_bn: FloatArray
    expected_cost_usd_bn: float
    variance_usd_bn2: float
    risk_aversion: float | None = None
    kappa_per_day: float | None = None

    @property
    def sd_cost_usd_bn(self) -> float:
        """Standard deviation of the cost (USD bn)."""
        return math.sqrt(max(self.variance_usd_bn2, 0.0))

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (units in keys)."""
        return {
            "strategy": self.name, "cost_usd_bn": self.expected_cost_usd_bn,
            "cost_sd_usd_bn": self.sd_cost_usd_bn, "cost_variance_usd_bn2": self.variance_usd_bn2,
            "risk_aversion_per_usd_bn": self.risk_aversion, "kappa_per_day": self.kappa_per_day,
            "trades_usd_bn": self.trades_usd_bn.tolist(), "holdings_usd_bn": self.holdings_usd_bn.tolist(),
        }


def _check_size(total_usd_bn: float, periods: int) -> None:
    if not (math.isfinite(total_usd_bn) and total_usd_bn >= 0):
        raise InputError(f"sale size {total_usd_bn!r}: expected a non-negative number of USD bn")
    if int(periods) != periods or periods < 1:
        raise InputError(f"days {periods!r}: expected a whole number of trading days >= 1")


def schedule_moments(trades_usd_bn: Any, params: ACParams) -> tuple[float, float]:
    """Expected cost and variance (USD bn, USD bn^2) of a static schedule.

    ``E = 1/2 gamma X^2 + epsilon sum|n| + (eta_tilde/tau) sum n^2``, ``V = sigma^2 tau sum x_k^2``.

    References
    ----------
    Almgren & Chriss (2000): expected shortfall and variance of a trading trajectory
    (our literature review).
    """
    n = np.asarray(trades_usd_bn, dtype=np.float64)
    total = float(n.sum())
    x = total - np.cumsum(n)  # x_1 .. x_N
    expected = (0.5 * params.gamma * total**2 + params.epsilon * float(np.abs(n).sum())
                + params.eta_tilde / params.tau * float(n @ n))
    variance = params.sigma**2 * params.tau * float(x @ x)
    return expected, variance


def _plan(name: str, trades: FloatArray, params: ACParams, **extra: Any) -> ExecutionPlan:
    e, v = schedule_moments(trades, params)
    holdings = float(trades.sum()) - np.concatenate([[0.0], np.cumsum(trades)])
    holdings[-1] = 0.0
    return ExecutionPlan(name, holdings, trades, e, v, **extra)


def even_schedule(total_usd_bn: float, days: int, params: ACParams) -> ExecutionPlan:
    """Equal slices every day (TWAP; the optimum of a risk-neutral seller)."""
    _check_size(total_usd_bn, days)
    return _plan("even", np.full(int(days), total_usd_bn / days), params)


def dump_schedule(total_usd_bn: float, days: int, params: ACParams) -> ExecutionPlan:
    """Everything on the first day."""
    _check_size(total_usd_bn, days)
    trades = np.zeros(int(days))
    trades[0] = total_usd_bn
    return _plan("dump", trades, params)


def ac_kappa(risk_aversion: float, params: ACParams) -> float:
    """``kappa`` solving ``(2/tau^2)(cosh(kappa tau) - 1) = lambda sigma^2 / eta_tilde``."""
    if risk_aversion < 0:
        raise InputError(f"risk aversion {risk_aversion!r}: expected >= 0 (per USD bn)")
    kt2 = risk_aversion * params.sigma**2 / params.eta_tilde
    return math.acosh(1.0 + 0.5 * kt2 * params.tau**2) / params.tau


def optimal_schedule(
    total_usd_bn: float, days: int, params: ACParams, *, risk_aversion: float
) -> ExecutionPlan:
    """Almgren-Chriss optimal trajectory and its moments (closed form).

    ``x_j = X sinh(kappa (T - t_j)) / sinh(kappa T)``; ``risk_aversion = 0`` gives the even
    schedule.

    References
    ----------
    Almgren & Chriss (2000): optimal trajectory, trade list and its expected cost
    and variance (our literature review).
    """
    _check_size(total_usd_bn, days)
    kappa = ac_kappa(risk_aversion, params)
    N, tau = int(days), params.tau
    T = N * tau
    t = np.arange(N + 1) * tau
    if kappa * T < 1e-9:
        holdings = total_usd_bn * (1.0 - t / T)
    elif kappa * T > 700:  # sinh overflows; the position is gone almost at once
        holdings = total_usd_bn * np.exp(-kappa * t)
        holdings[-1] = 0.0
    else:
        holdings = total_usd_bn * np.sinh(kappa * (T - t)) / math.sinh(kappa * T)
    trades = -np.diff(holdings)
    plan = _plan("optimal", trades, params, risk_aversion=float(risk_aversion), kappa_per_day=kappa)
    return plan


def optimal_moments_closed_form(total_usd_bn: float, days: int, params: ACParams,
                                *, risk_aversion: float) -> tuple[float, float]:
    """AC's closed-form ``E`` and ``V`` of the optimal trajectory (for checking :func:`schedule_moments`)."""
    X, N, tau = total_usd_bn, int(days), params.tau
    T = N * tau
    k = ac_kappa(risk_aversion, params)
    if k == 0:
        e = 0.5 * params.gamma * X**2 + params.epsilon * X + params.eta_tilde * X**2 / T
        v = params.sigma**2 * X**2 * T * (1 - 1 / N) * (1 - 1 / (2 * N)) / 3.0
        return e, v
    sh = math.sinh(k * T)
    e = (0.5 * params.gamma * X**2 + params.epsilon * X + params.eta_tilde * X**2
         * math.tanh(0.5 * k * tau) * (tau * math.sinh(2 * k * T) + 2 * T * math.sinh(k * tau))
         / (2 * tau**2 * sh**2))
    v = (0.5 * params.sigma**2 * X**2 * (tau * sh * math.cosh(k * (T - tau)) - T * math.sinh(k * tau))
         / (sh**2 * math.sinh(k * tau)))
    return e, v


def efficient_frontier(
    total_usd_bn: float, days: int, params: ACParams, *, risk_aversions: Any = None
) -> pd.DataFrame:
    """Expected cost vs standard deviation of optimal plans over a range of risk aversions.

    Returns
    -------
    pandas.DataFrame
        Columns ``risk_aversion_per_usd_bn``, ``kappa_per_day``, ``cost_usd_bn``,
        ``cost_sd_usd_bn``, ``first_day_share``.
    """
    import pandas as pd

    lams = np.geomspace(1e-6, 10.0, 41) if risk_aversions is None else np.asarray(risk_aversions, float)
    rows = []
    for lam in lams:
        plan = optimal_schedule(total_usd_bn, days, params, risk_aversion=float(lam))
        rows.append({"risk_aversion_per_usd_bn": float(lam), "kappa_per_day": plan.kappa_per_day,
                     "cost_usd_bn": plan.expected_cost_usd_bn, "cost_sd_usd_bn": plan.sd_cost_usd_bn,
                     "first_day_share": float(plan.trades_usd_bn[0] / total_usd_bn) if total_usd_bn else 0.0})
    frame = pd.DataFrame(rows)
    frame.attrs["unit"] = "USD bn"
    return frame


def cost_bands(plan: ExecutionPlan, draws: dict[str, FloatArray], *, tau: float = 1.0) -> dict[str, float]:
    """p5/p50/p95 of a fixed schedule's expected cost (USD bn) over parameter draws.

    Continuous permanent timing: ``E = 1/2 gamma X^2 + epsilon sum|n| + (eta/tau) sum n^2``.
    """
    n = plan.trades_usd_bn
    total = float(n.sum())
    cost = (0.5 * draws["gamma"] * total**2 + draws["epsilon"] * float(np.abs(n).sum())
            + draws["eta"] / tau * float(n @ n))
    p5, p50, p95 = np.percentile(cost, [5, 50, 95])
    return {"cost_p5_usd_bn": float(p5), "cost_p50_usd_bn": float(p50), "cost_p95_usd_bn": float(p95)}


# -- as an impact model -----------------------------------------------------------------------


class AlmgrenChriss(ImpactModel):
    """Yield path while a schedule executes: permanent (stock anchor) + temporary (ADV) impact.

    Permanent part: the duration-supply stock anchor (about 10 bp per 1% of GDP of 10-year
    equivalents; :func:`~treasury_leverage.impact.empirical.stock_anchor_bp_per_bn`), spread with
    the ACM mapping relative to the 10-year. Temporary part (only while selling, gone the next
    period: Almgren-Chriss' temporary impact): the AC heuristic in yield terms, ``spread_bp *
    (sales per day) / (1% of ADV)`` at the maturity traded (at least one year for the spread along
    the curve), spread with the same ACM co-movement slopes. Long run = the permanent part.
    """

    name: ClassVar[str] = "almgren_chriss"
    citation: ClassVar[str] = "Almgren & Chriss (2000)"
    family: ClassVar[str] = "execution"
    source: ClassVar[str] = ("Almgren & Chriss (2000), J. Risk 3(2): temporary impact from SIFMA ADV "
                             "(~USD 0.9-1.0tn/day); permanent = the duration-supply stock anchor")
    preset_names: ClassVar[tuple[str, ...]] = (
        "treasury_adv_usd_bn", "treasury_bid_ask_bp", "ac_temporary_adv_fraction",
        "duration_supply_bp_per_pct_gdp", "nominal_gdp_usd_bn", "duration_par_yield_pct",
    )
    notes: ClassVar[str] = ("permanent = stock anchor on 10-year equivalents; temporary = AC heuristic "
                            "(1% of ADV costs one spread) at the maturity traded, only in periods with "
                            "sales; ACM co-movement across the curve (bills ~0)")

    def _kernel(self, path: SalesPath, params: dict[str, FloatArray]) -> Separable:
        from treasury_leverage.impact.empirical import stock_anchor_bp_per_bn

        par = self._par(params)
        mod, _ = par_durations(path.buckets_years, yield_pct=par)
        ten, _ = par_durations((10.0,), yield_pct=par)
        q10 = path.sales_usd_bn @ (mod / ten[0])  # 10-year equivalents per period
        stock = np.concatenate([np.cumsum(q10), [q10.sum()]])
        # both parts in bp at the 10-year, spread with beta(m)/beta(10); the temporary part is the
        # full AC concession at the maturity traded (floored at one year: bills' tiny beta would
        # otherwise blow a bill sale's concession up along the curve)
        beta = maturity_mapping(10.0, self.maturities_years)
        perm = stock_anchor_bp_per_bn(params)[:, None] * stock[None, :]
        days_per_period = 1.0 if path.period == "day" else _DAYS_PER_MONTH
        at_traded = np.maximum(maturity_mapping(10.0, path.buckets_years), maturity_mapping(10.0, (1.0,))[0])
        rate = np.concatenate([(path.sales_usd_bn / at_traded).sum(axis=1) / days_per_period, [0.0]])
        depth = params["ac_temporary_adv_fraction"] * params["treasury_adv_usd_bn"]
        temp = params["treasury_bid_ask_bp"][:, None] * rate[None, :] / depth[:, None]
        return Separable(perm + temp, beta, "period")
