"""Both sides' bills of a scenario, per draw: the holders' costs and the United States' interest bill.

Each holder's bill is priced on the combined shift of the same draw (:mod:`.seller`): concession,
mark-to-market, FX, and the present-value basis over ``cost_horizon_years`` at the start day's par
curve (carry of reinvested maturities and kept proceeds, mark-to-market at the horizon). The
United States' bill is :func:`treasury_leverage.scenario.us_bill.us_interest_bill` on the monthly
path, priced on the MSPD profile gathered with the inputs (no data store read here), its uncertain
presets from the model's U.S.-bill stream (:mod:`.streams`). The pooled answer's checks (stock
literature, CBO's rule) are here too.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.scenario import streams
from treasury_leverage.scenario.inputs import Basis, EngineInputs
from treasury_leverage.scenario.kernels import ModelRun, _n_draws, _row, _slice_rows, quantiles
from treasury_leverage.scenario.plans import HolderPlan
from treasury_leverage.scenario.seller import (
    HOME_CURRENCY,
    concession_usd_bn,
    fx_loss_usd_bn,
    horizon_items,
    interpolation_matrix,
)
from treasury_leverage.scenario.spec import MATURITIES_YEARS, MONTHS

if TYPE_CHECKING:
    from treasury_leverage.scenario.us_bill import DebtSetup

__all__ = ["holder_costs", "pooled_block", "us_point"]

FloatArray = NDArray[np.float64]
_CHUNK_CELLS: Final = 4_000_000  # floats per materialised chunk of a path (32 MB)
#: Draws behind the bands of the United States' bill (its kernel costs ~25 us a draw).
_US_DRAWS: Final = 20_000
#: Holder bill items kept per draw (the percent items are these over fixed denominators).
_DRAW_ITEMS: Final = ("concession_usd_bn", "mark_to_market_usd_bn", "fx_usd_bn", "total_usd_bn",
                      "carry_usd_bn", "horizon_mark_to_market_usd_bn", "total_pv_usd_bn", "total_cash_usd_bn",
                      "total_at_end_usd_bn")
#: The stock literature's permanent effect per USD 100bn of 10-year equivalents at GDP USD 30tn
#: (our literature review: 10 bp per 1% of GDP = 3.3; D'Amico & King's 2009 figure 10).
STOCK_LITERATURE_BP_PER_100BN_10YE: Final = (3.0, 10.0)


def _month_index(years: float) -> int:
    """Row of the monthly shift path in force ``years`` after the start (the long run beyond it)."""
    m = round(12.0 * years) - 1
    return MONTHS if m >= MONTHS else max(m, 0)


@functools.lru_cache(maxsize=1024)
def _to_maturity(maturity_years: float) -> FloatArray:
    """``interpolation_matrix(MATURITIES_YEARS, [maturity_years])``, once per maturity (read-only)."""
    out = interpolation_matrix(MATURITIES_YEARS, [maturity_years])
    out.flags.writeable = False
    return out


def _horizon(plan: HolderPlan, month_out: Any, basis: Basis) -> dict[str, FloatArray]:
    """:func:`~treasury_leverage.scenario.seller.horizon_items` of one holder for every draw."""
    h = float(basis.horizon_years)
    mats = plan.ladder.maturities_years
    n = _n_draws(month_out)
    rows: dict[int, FloatArray] = {}

    def shift(at_years: float, maturity_years: float) -> FloatArray:
        i = _month_index(at_years)
        if i not in rows:
            rows[i] = _row(month_out, i)
        return np.asarray(rows[i] @ _to_maturity(max(maturity_years, 0.25))[:, 0])

    s_in = np.zeros((n, len(mats)))
    s_out = np.zeros((n, len(mats)))
    for b, m in enumerate(mats):
        if m < h:
            s_in[:, b] = shift(float(m), h - float(m))
        elif m > h:
            s_out[:, b] = shift(h, float(m) - h)
    kept, when = plan.proceeds
    # Kept dollars leave the Treasury market: they earn the share of the shift the basis allows
    # (default none), not the yield rise the holder's own action caused.
    sp = (basis.kept_proceeds_shift_share * shift(when, h - when)
          if kept > 0 and when < h and basis.kept_proceeds_shift_share > 0 else np.zeros(n))
    return horizon_items(plan.ladder, plan.remaining_usd_bn, horizon_years=h, reinvest_shift_bp=s_in,
                         terminal_shift_bp=s_out, curve_years=basis.curve_years, curve_pct=basis.curve_pct,
                         proceeds_usd_bn=kept, proceeds_years=when, proceeds_shift_bp=sp)


def holder_costs(plan: HolderPlan, day_out: Any, month_out: Any, w: FloatArray,
                  fx_params: dict[str, FloatArray], gdp_usd_bn: float | None,
                  basis: Basis | None = None) -> dict[str, FloatArray]:
    """Each cost of one holder for every draw of one model (arrays ``(n_draws,)``).

    ``total_pv_usd_bn`` is the present-value basis over ``basis.horizon_years`` (concession + carry
    + mark-to-market at the horizon + FX); ``total_cash_usd_bn`` the same undiscounted;
    ``total_usd_bn`` (= ``total_at_end_usd_bn``, the released key) strikes the mark-to-market of the
    whole ladder at the end of the action.
    """
    n = _n_draws(day_out)
    if plan.action == "sell":
        conc = concession_usd_bn(day_out, plan.daily_sales_usd_bn, plan.ladder, w)
    else:
        conc = np.zeros(n)
    shift = _row(day_out if plan.end_grid == "day" else month_out, plan.end_index) @ w  # (n, B)
    mtm = plan.ladder.loss_usd_bn(plan.remaining_usd_bn, shift)
    if plan.converted_usd_bn > 0 and plan.holder in HOME_CURRENCY:
        fx = fx_loss_usd_bn(plan.converted_usd_bn, float(plan.remaining_usd_bn.sum()), fx_params)
        fx = np.broadcast_to(fx, (n,)) if fx.size in (1, n) else fx[:n]
    else:
        fx = np.zeros(n)
    at_end = conc + mtm + fx
    hz = _horizon(plan, month_out, basis) if basis is not None else None
    if hz is not None:
        pv = conc + hz["carry_usd_bn"] + hz["horizon_mark_to_market_usd_bn"] + fx
        cash = conc + hz["carry_cash_usd_bn"] + hz["horizon_mark_to_market_cash_usd_bn"] + fx
    else:
        pv = cash = at_end
    total = at_end
    out = {"concession_usd_bn": np.asarray(conc), "mark_to_market_usd_bn": np.asarray(mtm),
           "fx_usd_bn": np.asarray(fx), "total_usd_bn": np.asarray(total),
           **({k: np.asarray(v) for k, v in hz.items()} if hz is not None else {}),
           "total_pv_usd_bn": np.asarray(pv), "total_cash_usd_bn": np.asarray(cash),
           "total_at_end_usd_bn": np.asarray(at_end),
           "total_pct_holdings": (100.0 * total / plan.holdings_usd_bn if plan.holdings_usd_bn
                                  else np.full(n, np.nan))}
    out["total_pct_gdp"] = 100.0 * total / gdp_usd_bn if gdp_usd_bn else np.full(n, np.nan)
    # the FX loss in home currency (bn) at the start day's rate, where the rate is in the data
    out["fx_home_currency_bn"] = fx * plan.home_per_usd if plan.home_per_usd else np.full(n, np.nan)
    return out


def _us_function() -> Any:
    try:
        from treasury_leverage.scenario.us_bill import us_interest_bill
    except ImportError:
        return None
    return us_interest_bill


def _us_kwargs(inputs: EngineInputs) -> dict[str, Any]:
    """The U.S. bill's keywords for a scenario: its start, overrides and gathered debt profile."""
    spec = inputs.spec
    return {"as_of": inputs.resolved.start, "overrides": dict(spec.overrides) or None,
            "setup": inputs.us_debt}


def _us_horizons(basis: Basis) -> tuple[int, ...]:
    return tuple(sorted({1, 5, 10, basis.horizon_years}))


def _us_pv(extra: FloatArray, horizons: Sequence[int], basis: Basis) -> FloatArray:
    """Present value of the U.S. extra interest over the basis horizon, per draw.

    The extra debt at the horizon (the extra interest accumulated with its own debt service at the
    average interest rate, :func:`~treasury_leverage.scenario.us_bill.us_interest_bill`) discounted
    to the start at the baseline curve: the PV of the extra interest when the debt-service rate
    equals the discount rate, the same basis as the holder's.
    """
    j = list(horizons).index(basis.horizon_years)
    return np.asarray(np.asarray(extra)[:, j] * basis.discount(float(basis.horizon_years)))


def us_point(runs: list[ModelRun], inputs: EngineInputs, basis: Basis) -> dict[str, dict[str, Any]]:
    """The United States' bill of every model's central path, in one call (paths stacked as draws)."""
    fn = _us_function()
    if fn is None or not runs:
        return {}
    stacked = np.concatenate([_slice_rows(r.point_month, MONTHS, slice(None)) for r in runs])
    point = fn(stacked, MATURITIES_YEARS, horizons_years=_us_horizons(basis), **_us_kwargs(inputs))
    pv = _us_pv(np.asarray(point.extra_interest_usd_bn), point.horizons_years, basis)
    mortgage = np.asarray(point.mortgage_rate_shift_bp)
    out: dict[str, dict[str, Any]] = {}
    for i, r in enumerate(runs):
        out[r.name] = {
            "horizons_years": list(point.horizons_years),
            "extra_interest_usd_bn": np.asarray(point.extra_interest_usd_bn)[i].tolist(),
            "pct_gdp": np.asarray(point.pct_gdp)[i].tolist(),
            "pv_extra_interest_usd_bn": float(pv[i]), "pv_horizon_years": basis.horizon_years,
            "pv_basis": (f"extra debt at {basis.horizon_years} years discounted at the start day's par "
                         "curve (the holder's costs use the same horizon and curve)"),
            "mortgage_rate_shift_bp_end": float(mortgage[i, -1]),
            "mortgage_rate_shift_bp_peak": float(mortgage[i].max()),
            "presets": list(point.presets_used), "notes": list(point.notes),
            "debt_as_of": point.debt_as_of,
        }
    return out


class USBands:
    """The United States' bill over the first ``_US_DRAWS`` draws of one model, chunk by chunk.

    Keeps the per-draw extra interest, % of GDP and mortgage exposure (see
    :attr:`~treasury_leverage.scenario.result.BillDraws.us_mortgage_shift_bp_years`), in draw order.
    """

    def __init__(self, name: str, inputs: EngineInputs, basis: Basis) -> None:
        self.fn = _us_function()
        self.stream = (inputs.spec.seed, streams.us_bill_stream(name))
        self.rng: np.random.Generator | None = None  # made at the first chunk (none without draws)
        self.basis = basis
        self.kwargs = {**_us_kwargs(inputs), "horizons_years": _us_horizons(basis)}
        self.pv: list[FloatArray] = []
        self.extra: list[FloatArray] = []
        self.pct: list[FloatArray] = []
        self.mortgage: list[FloatArray] = []
        self.horizons: tuple[int, ...] = ()
        self.kept = 0

    def add(self, month_out: Any) -> None:
        if self.fn is None:
            return
        n = _n_draws(month_out)
        step = max(1, _CHUNK_CELLS // (MONTHS * len(MATURITIES_YEARS)))
        for lo in range(0, n, step):
            take = min(step, n - lo, _US_DRAWS - self.kept)
            if take <= 0:
                return
            chunk = _slice_rows(month_out, MONTHS, slice(lo, lo + take))
            if self.rng is None:
                self.rng = streams.generator(*self.stream)
            # the draws keep the totals only: no breakdown by source at the mean shift
            res = self.fn(chunk, MATURITIES_YEARS, seed=self.rng, contributions=False, **self.kwargs)
            self.extra.append(np.asarray(res.extra_interest_usd_bn))
            self.pv.append(_us_pv(np.asarray(res.extra_interest_usd_bn), res.horizons_years, self.basis))
            self.pct.append(np.asarray(res.pct_gdp))
            self.horizons = tuple(int(h) for h in res.horizons_years)
            mort = np.asarray(res.mortgage_rate_shift_bp, dtype=np.float64)
            self.mortgage.append(mort @ _cohort_weights(mort.shape[1], self.horizons))
            self.kept += take

    def result(self) -> dict[str, Any]:
        if not self.extra:
            return {}
        ex, pc = np.concatenate(self.extra), np.concatenate(self.pct)
        return {"extra_interest_bands_usd_bn": quantiles(ex).T.tolist(),
                "pv_extra_interest_bands_usd_bn": quantiles(np.concatenate(self.pv)).tolist(),
                "pct_gdp_bands": quantiles(pc).T.tolist(), "band_draws": self.kept}

    def arrays(self) -> tuple[FloatArray, FloatArray, FloatArray] | None:
        """Per-draw ``(extra interest, % of GDP, mortgage exposure)``, each ``(kept, n_horizons)``."""
        if not self.extra:
            return None
        return np.concatenate(self.extra), np.concatenate(self.pct), np.concatenate(self.mortgage)


def _cohort_weights(n_months: int, horizons_years: Sequence[int]) -> FloatArray:
    """``(n_months, n_horizons)``: years left within each horizon of a loan originated in month ``k``.

    A monthly mortgage-rate shift path times these weights is the shift (bp) summed over the
    monthly cohorts of new fixed-rate loans, each weighted by the years it pays within the horizon:
    originations per month x this / 10^4 is the extra mortgage interest
    (:func:`treasury_leverage.game.payoffs.mortgage_cost_usd_bn`).
    """
    k = np.arange(n_months, dtype=np.float64)[:, None]
    n = 12.0 * np.asarray(horizons_years, dtype=np.float64)[None, :]
    return np.asarray(np.where(k < n, (n - k) / 12.0, 0.0))


def _draws_digest(*parts: Mapping[str, FloatArray] | None) -> str:
    """A fingerprint of parameter draws (name -> array): equal digests, the same draws."""
    h = hashlib.sha256()
    for part in parts:
        if part is None:
            continue
        for key in sorted(part):
            h.update(key.encode("utf-8"))
            h.update(np.ascontiguousarray(np.asarray(part[key], dtype=np.float64)).tobytes())
    return h.hexdigest()[:16]


def interest_share(plan: HolderPlan, us: Mapping[str, Mapping[str, Any]], debt: DebtSetup | None
                   ) -> dict[str, Any]:
    """The holder's share of marketable debt and that share of the U.S. extra interest (PV).

    A cross-check of the carry item, not added to the holder's total: the carry is the part of the
    U.S. extra interest the holder receives on what it reinvests (adding both would count it twice).
    """
    if not us or debt is None:  # no MSPD: the cross-check is left out
        return {}
    model = "pooled" if "pooled" in us else next(iter(us))
    total = debt.marketable_debt_usd_bn
    share = float(plan.remaining_usd_bn.sum()) / total if total else 0.0
    return {"marketable_debt_share": share, "us_interest_share_model": model,
            "us_interest_share_pv_usd_bn": share * float(us[model].get("pv_extra_interest_usd_bn", 0.0))}


def pooled_block(paths: Mapping[str, Any], plans: Sequence[HolderPlan], inputs: EngineInputs
                 ) -> dict[str, Any]:
    """The pooled answer's checks: the permanent 10-year effect against the stock literature, and
    the U.S. cost of the permanent shift against CBO's rule of thumb scaled to that shift.

    Arithmetic (stated in the JSON): the sale in 10-year equivalents ``Q = sum_b sold_b ModDur_b /
    ModDur_10y`` (the sellers' ladders at the start day's curve); the stock literature implies a
    permanent 10-year effect of ``Q/100 * [3, 10]`` bp. The U.S. cost of the permanent shift is the
    interest bill of that shift (the pooled median at every maturity) held for ten years; CBO's rule
    scaled to it is ``cost(+10 bp on all rates) * shift_10y / 10``. Ours is smaller where the
    short end moves less than the 10-year (bills are anchored by the policy rate).
    """
    from treasury_leverage.impact.base import par_durations
    from treasury_leverage.impact.pooled import PooledMixture

    spec = inputs.spec
    pooled = paths["pooled"]
    col10 = list(MATURITIES_YEARS).index(10.0)
    ten_ye = 0.0
    for p in plans:
        if p.action == "sell":
            mod10 = float(par_durations((10.0,))[0][0])
            ten_ye += float(p.sold_usd_bn @ p.ladder.modified_duration) / mod10
    lo, hi = (ten_ye / 100.0 * b for b in STOCK_LITERATURE_BP_PER_100BN_10YE)
    model = PooledMixture(overrides={k: v for k, v in spec.overrides.items()
                                     if k in PooledMixture.preset_names})
    out: dict[str, Any] = {
        "family_weights": model.family_weights(), "member_weights": model.member_weights(),
        "sold_ten_year_equivalents_usd_bn": ten_ye,
        "stock_literature_bp_per_100bn_10ye": list(STOCK_LITERATURE_BP_PER_100BN_10YE),
        "stock_literature_permanent_10y_bp": [lo, hi],
    }
    perm_mid = (pooled.permanent_bands_bp[1] if pooled.permanent_bands_bp is not None
                else pooled.permanent_bp)
    out["permanent_10y_p50_bp"] = float(perm_mid[col10])
    out["permanent_within_stock_literature"] = bool(lo <= perm_mid[col10] <= hi) if ten_ye > 0 else None
    fn = _us_function()
    if fn is not None and float(perm_mid[col10]) != 0.0:
        from treasury_leverage.scenario.us_bill import cbo_rule_of_thumb_check

        shift = np.repeat(np.asarray(perm_mid, dtype=np.float64)[None, None, :], MONTHS - 1, axis=1)
        bill = fn(shift, MATURITIES_YEARS, **_us_kwargs(inputs))
        horizons = list(bill.horizons_years)
        cost = float(np.asarray(bill.extra_interest_usd_bn)[0, horizons.index(10) if 10 in horizons else -1])
        check = cbo_rule_of_thumb_check(**_us_kwargs(inputs))
        scale = float(perm_mid[col10]) / 10.0
        out.update(
            permanent_shift_us_cost_10y_usd_bn=cost,
            cbo_rule_scaled_usd_bn=check.cbo_usd_bn * scale,
            our_uniform_rule_scaled_usd_bn=check.ours_usd_bn * scale,
            ratio_to_uniform_rule=cost / (check.ours_usd_bn * scale) if scale else None,
            cbo_note=("U.S. 10-year interest cost of the pooled median permanent shift held for ten years, "
                      "beside CBO's rule (+10 bp on all rates ~ USD 351bn) and our own bill's uniform "
                      "+10 bp, both scaled by the 10-year permanent shift / 10 bp; ours is lower by the "
                      "ratio because bills and the short end move less than the 10-year"),
        )
    return out


