"""Almgren-Chriss parameters calibrated to Treasuries, and the schedules compared at them.

Kept apart from :mod:`treasury_leverage.impact.execution` (the AC algebra and the execution
impact model) because the calibration takes its permanent impact from another model by name,
through :mod:`treasury_leverage.impact.registry`, and the registry lists the execution model:
one module holding both would import itself in a circle.

References
----------
Almgren, R. and N. Chriss (2000), "Optimal execution of portfolio transactions", *Journal of
Risk* 3(2), 5-39: the parameter heuristics (1% of daily volume costs one spread).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from treasury_leverage.errors import InputError
from treasury_leverage.impact.base import ParYields, SalesPath, kernel_values, par_durations, parse_maturity
from treasury_leverage.impact.execution import (
    ACParams,
    FloatArray,
    _check_size,
    cost_bands,
    dump_schedule,
    efficient_frontier,
    even_schedule,
    optimal_schedule,
)
from treasury_leverage.impact.registry import MODELS, get_model
from treasury_leverage.presets import preset_value, sample_presets
from treasury_leverage.units import DECIMAL_PER_BP

__all__ = ["execution_comparison", "parameter_draws", "treasury_execution_params"]


def _permanent_bp_per_bn(maturity_years: float, permanent_model: str, par_yields: ParYields) -> float:
    """Long-run yield impact (bp) at ``maturity_years`` per USD 1bn sold of that maturity."""
    get_model(permanent_model)  # an unknown name raises with the closest choices
    model = MODELS[permanent_model.strip().lower()](maturities_years=(maturity_years,),
                                                    par_yields=par_yields)
    res = model.impact(SalesPath.even(1.0, maturity_years))
    return float(res.long_run_bp[0])


def treasury_execution_params(
    maturity: str | float = "10y",
    *,
    permanent_model: str = "beltran2013",
    adv_usd_bn: float | None = None,
    bid_ask_bp: float | None = None,
    daily_yield_vol_bp: float | None = None,
    par_yields: ParYields = None,
) -> ACParams:
    """Almgren-Chriss parameters for selling Treasuries of one maturity (defaults from presets).

    ``epsilon = spread/2``, ``eta = spread / (0.01 ADV)`` (AC heuristic), ``sigma = vol``, all in
    yield bp converted to price with the modified duration; ``gamma`` = long-run impact per USD bn
    of ``permanent_model`` at that maturity times the modified duration. Continuous permanent
    timing (a macro-size permanent slope would otherwise swamp the microstructure ``eta``).
    ``par_yields``: curve or flat yield for the durations (default the preset 4.5%).
    """
    years = parse_maturity(maturity)
    mod, _ = par_durations((years,), yield_pct=par_yields)
    dur = float(mod[0])
    adv = preset_value("treasury_adv_usd_bn") if adv_usd_bn is None else adv_usd_bn
    spread = preset_value("treasury_bid_ask_bp") if bid_ask_bp is None else bid_ask_bp
    vol = preset_value("treasury_daily_yield_vol_bp") if daily_yield_vol_bp is None else daily_yield_vol_bp
    frac = preset_value("ac_temporary_adv_fraction")
    if adv <= 0:
        raise InputError(f"ADV {adv!r}: expected a positive volume in USD bn per day")
    gamma = _permanent_bp_per_bn(years, permanent_model, par_yields) * DECIMAL_PER_BP * dur
    return ACParams(sigma=vol * DECIMAL_PER_BP * dur, eta=spread * DECIMAL_PER_BP * dur / (frac * adv),
                    gamma=gamma,
                    epsilon=0.5 * spread * DECIMAL_PER_BP * dur, tau=1.0, permanent_timing="continuous")


def parameter_draws(
    maturity: str | float = "10y",
    *,
    permanent_model: str = "beltran2013",
    draws: int = 10_000,
    seed: int | None = 0,
    par_yields: ParYields = None,
) -> dict[str, FloatArray]:
    """Draws of the Treasury AC parameters (``sigma``, ``eta``, ``gamma``, ``epsilon``).

    ``gamma`` comes from the permanent model's own parameter draws (its long-run impact per USD
    bn at the maturity), the rest from the ADV, bid-ask and volatility presets; conversions as in
    :func:`treasury_execution_params`.
    """
    years = parse_maturity(maturity)
    dur = float(par_durations((years,), yield_pct=par_yields)[0][0])
    get_model(permanent_model)
    model = MODELS[permanent_model.strip().lower()](maturities_years=(years,), par_yields=par_yields)
    rng = np.random.default_rng(seed)
    model_draws = sample_presets(model.preset_names, draws, seed=rng)
    long_run = kernel_values(model._kernel(SalesPath.even(1.0, years), model_draws))[:, -1, 0]
    micro = sample_presets(("treasury_adv_usd_bn", "treasury_bid_ask_bp", "treasury_daily_yield_vol_bp",
                            "ac_temporary_adv_fraction"), draws, seed=rng)
    spread = micro["treasury_bid_ask_bp"] * DECIMAL_PER_BP * dur
    return {"sigma": micro["treasury_daily_yield_vol_bp"] * DECIMAL_PER_BP * dur,
            "eta": spread / (micro["ac_temporary_adv_fraction"] * micro["treasury_adv_usd_bn"]),
            "gamma": long_run * DECIMAL_PER_BP * dur, "epsilon": 0.5 * spread}


def execution_comparison(
    total_usd_bn: float,
    days: int,
    *,
    maturity: str | float = "10y",
    risk_aversion: float = 0.01,
    permanent_model: str = "beltran2013",
    params: ACParams | None = None,
    par_yields: ParYields = None,
    draws: int = 0,
    seed: int | None = 0,
) -> dict[str, Any]:
    """Optimal, even and one-day schedules for selling ``total_usd_bn`` over ``days`` days.

    Parameters
    ----------
    total_usd_bn, days
        Sale size (USD bn) and trading days.
    maturity
        Maturity sold (sets durations and the permanent impact).
    risk_aversion
        Seller's ``lambda`` (per USD bn) for the optimal schedule.
    permanent_model
        Impact model whose long-run effect gives ``gamma``.
    params
        Explicit AC parameters instead of the Treasury calibration (then no bands).
    par_yields
        Curve or flat yield for durations (default the preset).
    draws, seed
        With ``draws > 0`` (and default ``params``), ``bands`` gives p5/p50/p95 of each
        schedule's expected cost over parameter draws (schedules fixed at the central values).

    Returns
    -------
    dict
        ``plans`` (list of :class:`ExecutionPlan`), ``params`` (:class:`ACParams`),
        ``frontier`` (DataFrame), ``bands`` (strategy -> cost quantiles, or empty) and the
        inputs, with units in the keys.
    """
    _check_size(total_usd_bn, days)
    p = params or treasury_execution_params(maturity, permanent_model=permanent_model, par_yields=par_yields)
    plans = [optimal_schedule(total_usd_bn, days, p, risk_aversion=risk_aversion),
             even_schedule(total_usd_bn, days, p), dump_schedule(total_usd_bn, days, p)]
    bands: dict[str, dict[str, float]] = {}
    if draws and params is None:
        d = parameter_draws(maturity, permanent_model=permanent_model, draws=draws, seed=seed,
                            par_yields=par_yields)
        bands = {pl.name: cost_bands(pl, d, tau=p.tau) for pl in plans}
    return {"sell_usd_bn": float(total_usd_bn), "horizon_days": int(days),
            "maturity_years": parse_maturity(maturity), "risk_aversion_per_usd_bn": risk_aversion,
            "permanent_model": permanent_model, "params": p, "plans": plans,
            "frontier": efficient_frontier(total_usd_bn, days, p), "bands": bands,
            "draws": draws, "seed": seed}
