"""The United States' bill: extra interest on marketable debt when Treasury yields are higher.

A yield-shift path (by month and maturity, vectorised over Monte Carlo draws) is priced on the
marketable debt as it is rolled over and as new deficits are financed:

* **Composition** -- bills, notes, bonds, TIPS and FRNs outstanding at the latest month-end of the
  Monthly Statement of the Public Debt (:func:`treasury_leverage.data.mspd`, held by the public).
* **Maturity and rollover profile** (:func:`debt_profile`) -- each class is a mix of auction
  tenors (:data:`TENOR_MIX`, approximate 2025 auction sizes). Within a tenor the remaining
  maturities of the stock follow the steady state of issuance that grew at the class's own
  10-year growth rate in the MSPD (density proportional to ``exp(g * r)`` on ``(0, tenor]``), so
  the profile leans long where issuance has grown fast (bonds) -- that is what brings the implied
  weighted average maturity near the published ~72 months (preset ``us_debt_wam_months``).
  Maturing debt is refinanced in the same tenor; FRNs reset monthly to the 13-week bill rate.
* **New borrowing** -- CBO baseline deficits (presets ``cbo2025_deficit_2026_usd_bn`` and
  ``cbo2025_cumulative_deficit_2026_35_usd_bn``: a linear path from the first year's deficit with
  the cited ten-year total), financed pro rata to the current composition, so the mix is stable.
* **Pricing** -- a tranche issued in month ``m`` at tenor ``tau`` locks in the shift at ``m`` and
  tenor ``tau`` (linear interpolation across the shift's maturities, flat beyond its ends, so
  bills use the shortest maturity's shift) for its life; extra interest is that shift times the
  face amount. TIPS coupons move by ``tips_real_yield_passthrough`` times the shift. The extra
  interest is itself borrowed at ``us_debt_avg_interest_rate_pct`` (debt service), as in CBO's
  estimates. The baseline financing plan does not depend on the shift and the debt-service rate is
  fixed, so the bill is exactly linear in the shift.

References
----------
Congressional Budget Office (2025), 'How Changes in Economic Conditions Might Affect the Federal
Budget: 2025 to 2035', publication 61249 (the +0.1 pp rule of thumb; see
:func:`cbo_rule_of_thumb_check`). our literature review: the interest-cost rule
``dI_t = sum_{s<=t} dy_s (B_s + R_s + D_s)`` (bills, refinanced coupons, new borrowing), which this
module implements tranche by tranche.

The debt's composition and rollover profile are in :mod:`treasury_leverage.scenario.debt_profile`
(re-exported here); this module holds the pricing kernels, the bill and the CBO check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import ArrayLike, NDArray

from treasury_leverage.errors import InputError
from treasury_leverage.presets import preset_value, sample_presets
from treasury_leverage.scenario.debt_profile import (
    DEBT_CLASSES,
    TENOR_MIX,
    DebtSetup,
    _implied_wam_months,
    _Line,
    _maturing_existing,
    _resolve_lines,
    debt_profile,
    debt_setup,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEBT_CLASSES",
    "TENOR_MIX",
    "CBOCheck",
    "DebtSetup",
    "USBill",
    "borrowing_flow_debt_usd_bn",
    "cbo_rule_of_thumb_check",
    "debt_profile",
    "debt_setup",
    "us_interest_bill",
]

_MAX_HORIZON_YEARS: Final = 30
_CBO_YEARS: Final = 10
#: Maturity grid used by cbo_rule_of_thumb_check (the engine's grid; a uniform shift makes the
#: choice immaterial).
_CHECK_MATURITIES_YEARS: Final = (1.0, 2.0, 3.0, 5.0, 7.0, 10.0, 20.0, 30.0)

_DRAWN_PRESETS: Final = ("cbo2025_cumulative_deficit_2026_35_usd_bn", "mortgage_treasury_passthrough")
_FIXED_PRESETS: Final = (
    "cbo2025_deficit_2026_usd_bn",
    "us_debt_avg_interest_rate_pct",
    "tips_real_yield_passthrough",
    "nominal_gdp_usd_bn",
    "us_nominal_gdp_growth_pct",
    "mortgage_spread_bp",
    "us_debt_wam_months",
)


@dataclass(frozen=True)
class USBill:
    """Extra interest the United States pays on marketable debt under a yield-shift path.

    Attributes
    ----------
    horizons_years
        The horizons (years from the start).
    extra_interest_usd_bn
        ``(n_draws, n_horizons)``: cumulative extra interest (including debt service on the extra
        borrowing) over each horizon, USD bn.
    pct_gdp
        ``(n_draws, n_horizons)``: the same as a percentage of nominal GDP summed over the same
        years (i.e. the average annual burden in % of GDP).
    annual_extra_interest_usd_bn
        ``(n_draws, max horizon)``: extra interest year by year.
    mortgage_rate_shift_bp
        ``(n_draws, n_months)``: shift of the 30-year fixed mortgage rate, from the 10-year shift
        times ``mortgage_treasury_passthrough`` (the spread, ``mortgage_spread_bp``, held).
    contributions_usd_bn
        Where the cost comes from, at the mean shift and central presets: ``{source: array of
        n_horizons}`` for each class's existing stock, the new borrowing (all classes) and the
        debt service; they add up to the central total.
    debt_as_of
        Month-end of the MSPD composition used (``None`` for a user-given composition).
    implied_wam_months
        Weighted average maturity implied by the profile (check against ``us_debt_wam_months``).
    presets_used
        Names of the presets the numbers rest on.
    notes
        Assumptions worth reading next to the numbers.
    """

    horizons_years: tuple[int, ...]
    extra_interest_usd_bn: NDArray[np.float64]
    pct_gdp: NDArray[np.float64]
    annual_extra_interest_usd_bn: NDArray[np.float64]
    mortgage_rate_shift_bp: NDArray[np.float64]
    contributions_usd_bn: dict[str, NDArray[np.float64]]
    debt_as_of: str | None
    implied_wam_months: float
    presets_used: tuple[str, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def summary_frame(self) -> pd.DataFrame:
        """p5/p50/p95 of the extra interest (USD bn and % of GDP) by horizon."""
        import pandas as pd

        rows = []
        for j, years in enumerate(self.horizons_years):
            usd = self.extra_interest_usd_bn[:, j]
            pct = self.pct_gdp[:, j]
            p5, p50, p95 = np.percentile(usd, [5, 50, 95])
            g5, g50, g95 = np.percentile(pct, [5, 50, 95])
            rows.append({"horizon_years": years, "cost_usd_bn_p5": p5, "cost_usd_bn_p50": p50,
                         "cost_usd_bn_p95": p95, "cost_pct_gdp_p5": g5, "cost_pct_gdp_p50": g50,
                         "cost_pct_gdp_p95": g95})
        return pd.DataFrame(rows).set_index("horizon_years")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary: medians and 5-95% bands by horizon, with units in the keys."""
        out: dict[str, Any] = {
            "horizons_years": list(self.horizons_years),
            "debt_as_of": self.debt_as_of,
            "implied_wam_months": self.implied_wam_months,
            "presets_used": list(self.presets_used),
            "notes": list(self.notes),
        }
        for j, years in enumerate(self.horizons_years):
            for key, arr in (("cost_usd_bn", self.extra_interest_usd_bn),
                             ("cost_pct_gdp", self.pct_gdp)):
                p5, p50, p95 = np.percentile(arr[:, j], [5, 50, 95])
                out[f"{key}_{years}y"] = {"p5": float(p5), "p50": float(p50), "p95": float(p95)}
        mort = self.mortgage_rate_shift_bp
        peak = np.abs(mort).max(axis=1) if mort.size else np.zeros(1)
        out["mortgage_rate_shift_bp_peak_p50"] = float(np.median(peak))
        out["contributions_usd_bn"] = {k: v.tolist() for k, v in self.contributions_usd_bn.items()}
        return out


@dataclass(frozen=True)
class CBOCheck:
    """Our +10 bp bill against CBO's rule of thumb (see :func:`cbo_rule_of_thumb_check`)."""

    ours_usd_bn: float
    cbo_usd_bn: float
    cbo_range_usd_bn: tuple[float, float]
    ratio_to_cbo: float
    within_cbo_range: bool
    annual_usd_bn: tuple[float, ...]
    contributions_usd_bn: dict[str, float]
    implied_wam_months: float
    explanation: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "ours_usd_bn": self.ours_usd_bn,
            "cbo_usd_bn": self.cbo_usd_bn,
            "cbo_range_usd_bn": list(self.cbo_range_usd_bn),
            "ratio_to_cbo": self.ratio_to_cbo,
            "within_cbo_range": self.within_cbo_range,
            "annual_usd_bn": list(self.annual_usd_bn),
            "contributions_usd_bn": dict(self.contributions_usd_bn),
            "implied_wam_months": self.implied_wam_months,
            "explanation": list(self.explanation),
        }


# -- the kernels -----------------------------------------------------------------------------------


def _interp_weights(maturities: NDArray[np.float64], tenor_years: float) -> NDArray[np.float64]:
    """Weights on the maturity grid giving the linearly interpolated shift (flat beyond the ends)."""
    w = np.zeros(len(maturities))
    if tenor_years <= maturities[0]:
        w[0] = 1.0
    elif tenor_years >= maturities[-1]:
        w[-1] = 1.0
    else:
        j = int(np.searchsorted(maturities, tenor_years, side="right"))
        lo, hi = maturities[j - 1], maturities[j]
        t = (tenor_years - lo) / (hi - lo)
        w[j - 1], w[j] = 1.0 - t, t
    return w


def _at_tenor(shift: NDArray[np.float64], weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """``einsum("dmk,k->dm", shift, weights)``: the shift at one tenor, ``(n_draws, n_months)``.

    When the tenor is on the grid (one weight of 1, the others 0) the einsum's sum is the shift
    at that maturity plus zeros, i.e. ``shift[..., j] + 0.0`` exactly (numpy's sum of products
    starts from +0, so a -0 shift comes out +0 either way): one column read instead of a pass
    over every maturity of every draw and month.
    """
    hot = np.flatnonzero(weights)
    if hot.size == 1 and weights[hot[0]] == 1.0:
        return np.asarray(shift[:, :, hot[0]] + 0.0)
    return np.asarray(np.einsum("dmk,k->dm", shift, weights))


def _deficit_monthly(n_months: int, first_usd_bn: float, total_usd_bn: float) -> NDArray[np.float64]:
    """Monthly new borrowing: a linear annual path from ``first`` summing to ``total`` over 10 years;
    beyond year 10 the last year's deficit is held."""
    slope = (total_usd_bn - _CBO_YEARS * first_usd_bn) / (_CBO_YEARS * (_CBO_YEARS - 1) / 2.0)
    years = np.minimum(np.arange(n_months) // 12, _CBO_YEARS - 1)
    return (first_usd_bn + slope * years) / 12.0


def _issuance(line: _Line, n_months: int, new_usd_bn: NDArray[np.float64]) -> NDArray[np.float64]:
    """Face amount issued in each month on a line: refinancing of maturing debt plus new borrowing."""
    a = _maturing_existing(line, n_months) + new_usd_bn
    step = 1 if line.rolls_every_month else line.tenor_months
    for m in range(step, n_months):
        a[m] += a[m - step]
    return a


def _kernel(
    lines: Sequence[_Line],
    maturities: NDArray[np.float64],
    n_months: int,
    *,
    new_monthly_usd_bn: NDArray[np.float64] | None,
    total_stock_usd_bn: float,
) -> NDArray[np.float64]:
    """``K[t, m, k]``: extra interest in month ``t`` per bp of shift at month ``m``, maturity ``k``."""
    n_mat = len(maturities)
    K = np.zeros((n_months, n_months, n_mat))
    t_idx = np.arange(n_months)[:, None]
    m_idx = np.arange(n_months)[None, :]
    for line in lines:
        if new_monthly_usd_bn is None:
            amounts = _issuance(line, n_months, np.zeros(n_months))
        else:
            share = line.stock_usd_bn / total_stock_usd_bn
            zero_line = _Line(line.security_class, line.tenor_months, 0.0, line.growth_per_year,
                              line.shift_tenor_years, line.rolls_every_month)
            amounts = _issuance(zero_line, n_months, share * new_monthly_usd_bn)
        life = 1 if line.rolls_every_month else line.tenor_months
        alive = (m_idx <= t_idx) & (t_idx < m_idx + life)
        # bp -> decimal (1e-4), annual coupon -> one month (1/12)
        per_bp = alive * (amounts[None, :] * 1e-4 / 12.0)
        K += per_bp[:, :, None] * _interp_weights(maturities, line.shift_tenor_years)[None, None, :]
    return K


def _compound(K: NDArray[np.float64], rate_pct: float, n_years: int) -> NDArray[np.float64]:
    """Annual extra interest including debt service: ``(n_years, m, k)`` from the monthly kernel.

    Extra debt ``D`` accumulates the extra interest and its own service at ``rate``:
    ``D_T = sum_u x_u (1 + rate/12)^(T-1-u)`` is the cumulative bill to month ``T``.
    """
    n_months = K.shape[0]
    growth = _debt_growth(rate_pct, n_months, range(1, n_years + 1))
    cumulative = np.einsum("yu,umk->ymk", growth, K)
    annual = np.diff(cumulative, axis=0, prepend=0.0)
    return np.asarray(annual)


def _debt_growth(rate_pct: float, n_months: int, horizons: Sequence[int]) -> NDArray[np.float64]:
    """``G[h, u] = (1 + rate/12)^(12 T_h - 1 - u)`` for ``u < 12 T_h``, else 0: the debt at each
    horizon per dollar borrowed in month ``u`` (the compounding of :func:`_compound`)."""
    rho = rate_pct / 100.0 / 12.0
    ends = 12 * np.asarray(horizons)
    u = np.arange(n_months)
    return np.where(u[None, :] < ends[:, None], (1.0 + rho) ** (ends[:, None] - 1 - u[None, :]), 0.0)


def borrowing_flow_debt_usd_bn(
    flow_monthly_usd_bn: ArrayLike,
    *,
    horizons_years: Sequence[int] = (1, 5, 10),
    overrides: Mapping[str, float] | None = None,
) -> NDArray[np.float64]:
    """Extra federal debt at each horizon from a monthly borrowing flow, with its debt service.

    The same machinery as the extra interest of :func:`us_interest_bill`: a dollar borrowed in
    month ``u`` is itself borrowed at ``us_debt_avg_interest_rate_pct`` to the horizon. A negative
    flow -- tariff revenue, which the Treasury need not borrow -- lowers the debt by the revenue
    plus the interest saved on it.

    Parameters
    ----------
    flow_monthly_usd_bn
        ``(n_draws, n_months)`` or ``(n_months,)``: extra borrowing in each month (month 0 first),
        USD bn; a path shorter than the longest horizon is held at its last month.
    horizons_years
        Whole years, 1 to 30.
    overrides
        Preset values (``us_debt_avg_interest_rate_pct``).

    Returns
    -------
    ndarray
        ``(n_draws, n_horizons)``, USD bn (``(n_horizons,)`` for a 1-D flow).

    References
    ----------
    docs/literature.md section 6.2 (interest-cost rule); CBO (2025) publication 61249 (debt
    service on the extra borrowing).
    """
    flow = np.asarray(flow_monthly_usd_bn, dtype=np.float64)
    one = flow.ndim == 1
    flow2 = flow[None, :] if one else flow
    if flow2.ndim != 2 or flow2.shape[1] < 1 or not np.isfinite(flow2).all():
        raise InputError("flow_monthly_usd_bn: expected finite amounts (n_draws, n_months) or (n_months,), "
                         f"got shape {flow.shape}")
    raw = [float(h) for h in horizons_years]
    if not raw or any(h != int(h) or not 1 <= h <= _MAX_HORIZON_YEARS for h in raw):
        raise InputError(f"horizons_years: expected whole years between 1 and {_MAX_HORIZON_YEARS}, "
                         f"got {list(horizons_years)}")
    horizons = [int(h) for h in raw]
    n_months = 12 * max(horizons)
    path = _pad_months(flow2[:, :, None], n_months)[:, :, 0]
    debt = path @ _debt_growth(preset_value("us_debt_avg_interest_rate_pct", overrides), n_months, horizons).T
    return np.asarray(debt[0] if one else debt)


def _as_shift(
    shift_bp: ArrayLike, maturities_years: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    shift = np.asarray(shift_bp, dtype=np.float64)
    mats = np.asarray(maturities_years, dtype=np.float64).ravel()
    if shift.ndim == 2:
        shift = shift[None, :, :]
    if shift.ndim != 3:
        raise InputError("shift_bp: expected an array (n_draws, n_months, n_maturities), "
                         f"got shape {shift.shape}")
    if shift.shape[2] != len(mats):
        raise InputError(f"shift_bp: expected {len(mats)} maturities (the length of maturities_years), "
                         f"got {shift.shape[2]}")
    if shift.shape[0] < 1 or shift.shape[1] < 1:
        raise InputError(f"shift_bp: expected at least one draw and one month, got shape {shift.shape}")
    if len(mats) < 1 or np.any(np.diff(mats) <= 0) or mats[0] <= 0:
        raise InputError("maturities_years: expected positive, strictly increasing years, "
                         f"got {mats.tolist()}")
    if not np.isfinite(shift).all():
        raise InputError("shift_bp: expected finite numbers, found NaN or inf")
    return shift, mats


def _pad_months(shift: NDArray[np.float64], n_months: int) -> NDArray[np.float64]:
    """The shift over ``n_months`` months: cut, or held at its last month (a persistent shift)."""
    have = shift.shape[1]
    if have >= n_months:
        return shift[:, :n_months, :]
    tail = np.repeat(shift[:, -1:, :], n_months - have, axis=1)
    return np.concatenate([shift, tail], axis=1)


# -- the public function ---------------------------------------------------------------------------


def us_interest_bill(
    shift_bp: ArrayLike,
    maturities_years: ArrayLike,
    *,
    horizons_years: Sequence[int] = (1, 5, 10),
    as_of: str | dt.date | None = None,
    overrides: Mapping[str, float] | None = None,
    seed: int | np.random.Generator | None = None,
    debt_usd_bn: Mapping[str, float] | None = None,
    setup: DebtSetup | None = None,
    contributions: bool = True,
) -> USBill:
    """Extra interest on U.S. marketable debt from a yield-shift path, over 1, 5 and 10 years.

    Parameters
    ----------
    shift_bp
        ``(n_draws, n_months, n_maturities)`` yield shift in bp; month 0 is the first month after
        the start. A path shorter than the longest horizon is held at its last month; a 2-D array
        is one draw.
    maturities_years
        The maturities of the shift's last axis (e.g. ``(1, 2, 3, 5, 7, 10, 20, 30)``).
    horizons_years
        Whole years, 1 to 30.
    as_of
        Debt composition from the MSPD month-end on or before this date (default: latest).
    overrides
        Preset values to use instead of the defaults (``{preset name: value}``).
    seed
        When given (and there is more than one draw), the uncertain presets (the ten-year
        deficit total and the mortgage pass-through) are drawn per draw; otherwise every draw
        uses the central values, so the draws differ only by their shifts.
    debt_usd_bn
        A synthetic composition instead of the MSPD (tests, what-ifs): ``{class: USD bn}``.
    setup
        The MSPD profile of ``as_of`` already resolved (:func:`debt_setup`): no data read.
    contributions
        Whether to break the cost down by source at the mean shift (``contributions_usd_bn``);
        ``False`` leaves it empty (the engine's draws keep only the totals). The other numbers
        do not depend on it.

    Returns
    -------
    USBill

    Raises
    ------
    InputError
        For a malformed shift, maturities or horizons.

    References
    ----------
    our literature review (interest-cost rule) and 6.3 (mortgage pass-through); CBO
    (2025) publication 61249.
    """
    shift, mats = _as_shift(shift_bp, maturities_years)
    raw = [float(h) for h in horizons_years]
    horizons = tuple(int(h) for h in raw)
    if not horizons or any(h != int(h) or not 1 <= h <= _MAX_HORIZON_YEARS for h in raw):
        raise InputError(f"horizons_years: expected whole years between 1 and {_MAX_HORIZON_YEARS}, "
                         f"got {list(horizons_years)}")
    n_draws = shift.shape[0]
    n_years = max(horizons)
    n_months = 12 * n_years
    if setup is not None and debt_usd_bn is None:
        lines, as_of_str = list(setup.lines), setup.as_of
    else:
        lines, as_of_str = _resolve_lines(as_of, debt_usd_bn)

    val = {name: preset_value(name, overrides) for name in (*_DRAWN_PRESETS, *_FIXED_PRESETS)}
    if seed is not None and n_draws > 1:
        drawn = sample_presets(_DRAWN_PRESETS, n_draws, seed=seed, overrides=overrides)
    else:
        drawn = {name: np.full(n_draws, val[name]) for name in _DRAWN_PRESETS}
    central_total = val["cbo2025_cumulative_deficit_2026_35_usd_bn"]
    deficit_scale = (drawn["cbo2025_cumulative_deficit_2026_35_usd_bn"] / central_total
                     if central_total else np.zeros(n_draws))
    tips_pt = val["tips_real_yield_passthrough"]
    rate = val["us_debt_avg_interest_rate_pct"]

    kernels = _annual_kernels(tuple(lines), tuple(mats.tolist()), n_years,
                              val["cbo2025_deficit_2026_usd_bn"], central_total, tips_pt, rate)
    flat = _pad_months(shift, n_months).reshape(n_draws, n_months * len(mats))
    # The draws enter only as a scalar on the new-borrowing kernel.
    annual = flat @ kernels.existing.T + deficit_scale[:, None] * (flat @ kernels.new.T)
    cumulative = np.cumsum(annual, axis=1)
    idx = np.array(horizons) - 1
    extra = cumulative[:, idx]

    growth = val["us_nominal_gdp_growth_pct"] / 100.0
    gdp = val["nominal_gdp_usd_bn"] * (1.0 + growth) ** np.arange(1, n_years + 1)
    pct_gdp = 100.0 * extra / np.cumsum(gdp)[idx][None, :]

    k10 = _interp_weights(mats, 10.0)
    mortgage = drawn["mortgage_treasury_passthrough"][:, None] * _at_tenor(shift, k10)

    by_source: dict[str, NDArray[np.float64]] = {}
    if contributions:
        mean_flat = _pad_months(shift.mean(axis=0)[None], n_months).reshape(-1)
        by_source = {src: np.cumsum(k @ mean_flat)[idx] for src, k in kernels.parts.items()}
        with_service = np.cumsum((kernels.existing + kernels.new) @ mean_flat)[idx]
        by_source["debt_service"] = with_service - sum(by_source.values(), np.zeros(len(idx)))
    wam = _wam_months(tuple(lines))
    notes = (
        f"Debt: marketable securities held by the public, MSPD {as_of_str or 'user-given composition'}; "
        f"profile implies a WAM of {wam:.0f} months (published about "
        f"{val['us_debt_wam_months']:.0f}).",
        "New borrowing: CBO baseline deficits (linear path, ten-year total "
        f"USD {central_total:,.0f}bn), financed pro rata to the current composition.",
        "Bills and FRNs reprice at the shortest maturity of the shift (flat extrapolation); TIPS "
        f"coupons move {tips_pt:g} bp per bp; inflation accruals and Fed remittances are not modelled.",
        f"Extra interest is borrowed at {rate:g}% a year (debt service included).",
        f"Mortgage rate: 10-year shift x pass-through {val['mortgage_treasury_passthrough']:g}, "
        f"spread {val['mortgage_spread_bp']:g} bp held.",
        "Percent of GDP: cumulative extra interest over cumulative nominal GDP of the same years.",
    )
    return USBill(
        horizons_years=horizons,
        extra_interest_usd_bn=extra,
        pct_gdp=pct_gdp,
        annual_extra_interest_usd_bn=annual,
        mortgage_rate_shift_bp=mortgage,
        contributions_usd_bn=by_source,
        debt_as_of=as_of_str,
        implied_wam_months=wam,
        presets_used=(*_DRAWN_PRESETS, *_FIXED_PRESETS),
        notes=notes,
    )


@lru_cache(maxsize=16)
def _wam_months(lines: tuple[_Line, ...]) -> float:
    """:func:`_implied_wam_months` of a profile, once (the engine prices hundreds of chunks on one)."""
    return _implied_wam_months(lines)


@dataclass(frozen=True)
class _Kernels:
    """Annual extra interest per bp of shift, flattened over (month, maturity): ``(years, m * k)``."""

    existing: NDArray[np.float64]  # the current stock as it rolls, with debt service
    new: NDArray[np.float64]       # new borrowing at the central deficit path, with debt service
    parts: dict[str, NDArray[np.float64]]  # by source, without debt service


@lru_cache(maxsize=16)
def _annual_kernels(
    lines: tuple[_Line, ...],
    mats: tuple[float, ...],
    n_years: int,
    first_deficit_usd_bn: float,
    total_deficit_usd_bn: float,
    tips_pt: float,
    rate_pct: float,
) -> _Kernels:
    """The kernels of one profile and preset set (cached: the engine calls per chunk of draws)."""
    n_months = 12 * n_years
    grid = np.asarray(mats)
    new_monthly = _deficit_monthly(n_months, first_deficit_usd_bn, total_deficit_usd_bn)
    total_stock = sum(line.stock_usd_bn for line in lines)
    shape = (n_months, n_months, len(grid))
    existing, new = np.zeros(shape), np.zeros(shape)
    parts: dict[str, NDArray[np.float64]] = {}
    for cls in DEBT_CLASSES:
        group = [ln for ln in lines if ln.security_class == cls]
        if not group:
            continue
        scale = tips_pt if cls == "tips" else 1.0
        k_old = scale * _kernel(group, grid, n_months, new_monthly_usd_bn=None,
                                total_stock_usd_bn=total_stock)
        k_new = scale * _kernel(group, grid, n_months, new_monthly_usd_bn=new_monthly,
                                total_stock_usd_bn=total_stock)
        parts[f"existing_{cls}"] = _compound(k_old, 0.0, n_years).reshape(n_years, -1)
        existing += k_old
        new += k_new
    parts["new_borrowing"] = _compound(new, 0.0, n_years).reshape(n_years, -1)
    out = _Kernels(existing=_compound(existing, rate_pct, n_years).reshape(n_years, -1),
                   new=_compound(new, rate_pct, n_years).reshape(n_years, -1), parts=parts)
    for arr in (out.existing, out.new, *parts.values()):
        arr.flags.writeable = False  # shared by every call that hits the cache
    return out


def cbo_rule_of_thumb_check(
    *, as_of: str | dt.date | None = None, overrides: Mapping[str, float] | None = None,
    setup: DebtSetup | None = None,
) -> CBOCheck:
    """Feed a uniform +10 bp for 10 years and compare with CBO's rule of thumb.

    CBO: all interest rates 0.1 percentage point higher every year than in the baseline adds
    roughly USD 350bn to deficits over a decade (preset ``cbo2025_rates_plus_10bp_usd_bn``; the
    four economic scenarios of publication 61249 span USD 184-388bn over 2026-35).

    Returns
    -------
    CBOCheck
        Ours, CBO's, the ratio, the cost by source and the reasons they differ.

    References
    ----------
    CBO (2025), 'How Changes in Economic Conditions Might Affect the Federal Budget: 2025 to
    2035', publication 61249.
    """
    mats = np.asarray(_CHECK_MATURITIES_YEARS)
    shift = np.full((1, 12 * _CBO_YEARS, len(mats)), 10.0)
    bill = us_interest_bill(shift, mats, horizons_years=(1, 5, _CBO_YEARS), as_of=as_of, overrides=overrides,
                            setup=setup)
    ours = float(bill.extra_interest_usd_bn[0, -1])
    cbo = preset_value("cbo2025_rates_plus_10bp_usd_bn", overrides)
    from treasury_leverage.presets import get_preset

    p = get_preset("cbo2025_rates_plus_10bp_usd_bn")
    contrib = {k: float(v[-1]) for k, v in bill.contributions_usd_bn.items()}
    annual = tuple(float(a) for a in bill.annual_extra_interest_usd_bn[0])
    new_share = contrib.get("new_borrowing", 0.0) / ours if ours else 0.0
    explanation = (
        f"Ours: USD {ours:,.0f}bn over 10 years vs CBO's about USD {cbo:,.0f}bn "
        f"(ratio {ours / cbo:.2f}); CBO's four economic scenarios span USD {p.low:,.0f}-{p.high:,.0f}bn.",
        f"Rollover lag: coupon debt reprices only as it matures (profile WAM {bill.implied_wam_months:.0f} "
        f"months), so year 1 costs USD {annual[0]:,.0f}bn and year 10 USD {annual[-1]:,.0f}bn.",
        f"Growing debt: new borrowing (CBO deficits) carries {100 * new_share:.0f}% of the decade's "
        "cost; CBO's own debt path (and its larger gross interest base) differs from our linear "
        "deficit path on top of the mid-2026 MSPD stock.",
        f"Debt service on the extra borrowing adds USD {contrib.get('debt_service', 0.0):,.0f}bn.",
        "TIPS and FRNs: FRNs reset to the bill rate each month; TIPS coupons move one for one at "
        "refinancing and their inflation accrual is unchanged -- CBO's treatment is not published "
        "in this detail.",
        "Not modelled here but in CBO's number: lower Federal Reserve remittances (interest on "
        "reserves rises with rates) and CBO's own maturity and issuance assumptions.",
    )
    return CBOCheck(
        ours_usd_bn=ours,
        cbo_usd_bn=cbo,
        cbo_range_usd_bn=(p.low, p.high),
        ratio_to_cbo=ours / cbo,
        within_cbo_range=p.low <= ours <= p.high,
        annual_usd_bn=annual,
        contributions_usd_bn=contrib,
        implied_wam_months=bill.implied_wam_months,
        explanation=explanation,
    )
