"""The pure simulation of a scenario: gathered inputs -> sales paths -> yield paths -> both bills.

:func:`simulate` follows the engine's road (:mod:`.engine`) from the spec and its
:class:`~treasury_leverage.scenario.inputs.EngineInputs`, touching no data store: deterministic
given the seed (every random number from a named stream, :mod:`.streams`). Scenarios of a batch
pass one :class:`~treasury_leverage.scenario.shared.SharedWork` to share what they have in common.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from treasury_leverage.scenario import bills, streams
from treasury_leverage.scenario.bills import (
    _DRAW_ITEMS,
    USBands,
    _draws_digest,
    _us_function,
    holder_costs,
    interest_share,
    pooled_block,
    us_point,
)
from treasury_leverage.scenario.inputs import EngineInputs, basis_of
from treasury_leverage.scenario.kernels import ModelRun, _Bands, _row, _slice_rows, quantiles, run_model
from treasury_leverage.scenario.plans import DAYS_PER_MONTH, HolderPlan, build_plans, trade_units
from treasury_leverage.scenario.seller import FX_PRESETS, GDP_PRESETS, HOME_CURRENCY, interpolation_matrix
from treasury_leverage.scenario.shared import SharedWork
from treasury_leverage.scenario.spec import MATURITIES_YEARS, MONTHS, spec_hash

if TYPE_CHECKING:
    from treasury_leverage.scenario.result import ScenarioResult

__all__ = ["simulate"]

FloatArray = NDArray[np.float64]


def _end_point(plans: Sequence[HolderPlan]) -> tuple[str, int]:
    """Where the peak is read: the end of the longest action (as ScenarioResult.end_point)."""
    if not plans:
        return ("month", 0)
    ends = [((p.end_index + 1) if p.end_grid == "day" else (p.end_index + 1) * DAYS_PER_MONTH,
             p.end_grid, p.end_index) for p in plans]
    _, grid, index = max(ends)
    return (grid, index)


def _fx_draws(spec: Any) -> dict[str, Any]:
    """The seller's FX presets for every draw (one stream per scenario, shared by its models)."""
    from treasury_leverage.presets import sample_presets

    return sample_presets(FX_PRESETS, spec.draws, seed=streams.generator(spec.seed, (streams.FX_STREAM,)),
                          overrides=spec.overrides)


def simulate(inputs: EngineInputs, shared: SharedWork | None = None, *, path_bands: bool = True
             ) -> ScenarioResult:
    """Run the scenario of ``inputs`` (:func:`~treasury_leverage.scenario.inputs.gather_inputs`).

    Parameters
    ----------
    inputs
        The spec with everything read from the data for it.
    shared
        Work shared with the other scenarios of a batch (default: none).
    path_bands
        Whether to compute the yield paths' bands over the draws (``False``: left None, for a
        caller that reads only the bills and the central paths; nothing else changes).

    Returns
    -------
    ScenarioResult
    """
    from treasury_leverage.impact.base import SalesPath
    from treasury_leverage.presets import preset_value
    from treasury_leverage.scenario.result import BillDraws, ModelPath, ScenarioResult

    shared = SharedWork() if shared is None else shared
    spec, resolved = inputs.spec, inputs.resolved
    plans, n_days, notes = build_plans(inputs, shared)
    buckets = plans[0].ladder.maturities_years if plans else np.array([5.0])
    n_b = len(buckets)
    day_sales = sum((p.daily_sales_usd_bn for p in plans), np.zeros((n_days, n_b)))
    month_sales = sum((p.monthly_sales_usd_bn for p in plans), np.zeros((MONTHS, n_b)))
    day_path = SalesPath(day_sales, tuple(buckets), "day")
    month_path = SalesPath(month_sales, tuple(buckets), "month")
    w = interpolation_matrix(MATURITIES_YEARS, buckets)
    units = trade_units(plans, n_days, tuple(float(b) for b in buckets), shared) if spec.draws else []

    basis = basis_of(inputs.curve_years, inputs.curve_pct, spec.overrides)
    fx_central = {k: np.array([preset_value(k, spec.overrides)]) for k in FX_PRESETS}
    fx_key = ("fx", spec.draws, spec.seed, tuple(sorted(spec.overrides.items())))
    fx_draws = shared.get(fx_key, lambda: _fx_draws(spec)) if spec.draws else None
    end_grid, end_index = _end_point(plans)
    paths: dict[str, ModelPath] = {}
    seller_rows: list[dict[str, Any]] = []
    runs: list[ModelRun] = []
    us_bands: dict[str, dict[str, Any]] = {}
    presets_used: dict[str, list[str]] = {}
    bill_draws: dict[str, BillDraws] = {}
    for name in spec.model_names():
        mr = run_model(name, spec, day_path, month_path, shared)
        runs.append(mr)
        presets_used[name] = list(mr.presets)
        gdps = {p.holder: (preset_value(GDP_PRESETS[p.holder], spec.overrides) if p.holder in GDP_PRESETS
                           else None) for p in plans}
        central = [holder_costs(p, mr.point_day, mr.point_month, w, fx_central, gdps[p.holder], basis)
                   for p in plans]
        drawn: list[dict[str, list[FloatArray]]] = [{} for _ in plans]
        day_bands, month_bands = _Bands(n_days, path_bands), _Bands(MONTHS, path_bands)
        us_acc = USBands(name, inputs, basis)
        peak_rows: list[FloatArray] = []
        perm_rows: list[FloatArray] = []
        for sl, d_out, m_out in mr.chunks(day_path, month_path, units):
            peak_rows.append(_row(d_out if end_grid == "day" else m_out, end_index))
            perm_rows.append(_row(m_out, MONTHS))
            assert fx_draws is not None
            fx_part = {k: v[sl] for k, v in fx_draws.items()}
            for j, plan in enumerate(plans):
                for part, values in holder_costs(plan, d_out, m_out, w, fx_part, gdps[plan.holder],
                                                  basis).items():
                    drawn[j].setdefault(part, []).append(values)
            day_bands.add(d_out)
            month_bands.add(m_out)
            us_acc.add(m_out)
        bands_day = bands_month = None
        if spec.draws:
            (bands_day, _), (bands_month, kept) = day_bands.result(), month_bands.result()
            if kept < spec.draws:
                notes.append(f"{name}: yield-path bands from the first {kept:,} of {spec.draws:,} draws "
                             "(the model's output does not factor; costs use all draws)")
        paths[name] = ModelPath(
            model=name, citation=mr.citation, source=mr.source, notes=mr.notes,
            central_day_bp=_slice_rows(mr.point_day, n_days, slice(None))[0],
            central_month_bp=_slice_rows(mr.point_month, MONTHS, slice(None))[0],
            bands_day_bp=bands_day, bands_month_bp=bands_month, parameters=mr.parameters,
            family=mr.model.family, variant=mr.model.variant, in_pool=bool(mr.model.in_pool),
            peak_bp=_row(mr.point_day if end_grid == "day" else mr.point_month, end_index)[0],
            permanent_bp=_row(mr.point_month, MONTHS)[0],
            peak_bands_bp=quantiles(np.concatenate(peak_rows)) if peak_rows else None,
            permanent_bands_bp=quantiles(np.concatenate(perm_rows)) if perm_rows else None,
        )
        for j, plan in enumerate(plans):
            for part, values in central[j].items():
                row: dict[str, Any] = {"model": name, "holder": plan.holder, "action": plan.action,
                                       "item": part, "central": float(values[0])}
                if drawn[j]:
                    all_draws = np.concatenate(drawn[j][part])
                    q = quantiles(all_draws) if np.isfinite(all_draws).all() else np.full(3, np.nan)
                    row.update(p5=float(q[0]), p50=float(q[1]), p95=float(q[2]))
                seller_rows.append(row)
        us_bands[name] = us_acc.result()
        if spec.draws:
            us_arrays = us_acc.arrays()
            bill_draws[name] = BillDraws(
                model=name, n_draws=spec.draws,
                holder_usd_bn={plan.holder: {item: np.concatenate(drawn[j][item]) for item in _DRAW_ITEMS}
                               for j, plan in enumerate(plans) if drawn[j]},
                us_horizons_years=us_acc.horizons,
                us_extra_interest_usd_bn=None if us_arrays is None else us_arrays[0],
                us_pct_gdp=None if us_arrays is None else us_arrays[1],
                us_mortgage_shift_bp_years=None if us_arrays is None else us_arrays[2],
                parameter_digest=_draws_digest(mr.params, fx_draws),
                us_pv_usd_bn=np.concatenate(us_acc.pv) if us_acc.pv else None,
                pv_horizon_years=basis.horizon_years,
            )
        mr.params = None
    us = us_point(runs, inputs, basis)
    for name, bands in us_bands.items():
        if name in us:
            us[name].update(bands)
    from treasury_leverage.scenario.us_views import us_views

    for entry in us.values():  # fiscal, national and households views, labelled (issue 13)
        entry["views"] = us_views(entry, spec.overrides, has_tariff=spec.trade is not None)
    pooled_info = pooled_block(paths, plans, inputs) if "pooled" in paths else None
    if _us_function() is None:
        notes.append("United States' bill not computed: treasury_leverage.scenario.us_bill is not available")
    elif spec.draws > bills._US_DRAWS:
        notes.append(f"United States' bill bands from the first {bills._US_DRAWS:,} of {spec.draws:,} draws")
    holder_info = []
    for plan in plans:
        cur = HOME_CURRENCY.get(plan.holder)
        fx_rate = plan.home_per_usd
        info = {"holder": plan.holder, "action": plan.action, "holdings_usd_bn": plan.holdings_usd_bn,
                "remaining_usd_bn": float(plan.remaining_usd_bn.sum()),
                "converted_usd_bn": plan.converted_usd_bn,
                "bill_struck_at": f"{plan.end_grid} {plan.end_index + 1}",
                "gdp_preset": GDP_PRESETS.get(plan.holder),
                "home_currency": cur[0] if cur else None, "home_per_usd_at_start": fx_rate,
                "duration_years": float(plan.ladder.modified_duration @ plan.ladder.holdings_usd_bn
                                        / max(plan.ladder.total_usd_bn, 1e-12)),
                "cost_basis": (f"total_pv_usd_bn: present value over {basis.horizon_years} years at the "
                               "start day's par curve: concession + carry (maturing bonds reinvested to the "
                               "horizon at the new yields; kept dollar proceeds at the baseline curve, "
                               "preset kept_proceeds_yield_shift_share) + mark-to-market at "
                               "the horizon of bonds still held + FX; total_cash_usd_bn undiscounted; "
                               "total_usd_bn (= total_at_end_usd_bn) marks "
                               "the whole ladder at the end of the action"),
                "cost_horizon_years": basis.horizon_years,
                **interest_share(plan, us, inputs.us_debt),
                **plan.details}
        if spec.jgb:  # the JGB side (issue 13): reported, not netted
            from treasury_leverage.scenario.jgb import jgb_side

            info["jgb"] = jgb_side(info, spec.overrides)
        if plan.converted_usd_bn > 0 and not cur:
            notes.append(f"{plan.holder}: no home currency known (aggregate or financial centre); "
                         "no FX effect")
        elif plan.converted_usd_bn > 0 and plan.holder != "Japan":
            notes.append(f"{plan.holder}: FX effect uses Japan's intervention elasticity as a percent "
                         "move [C]")
        holder_info.append(info)
    seller_presets = sorted({*FX_PRESETS, *(GDP_PRESETS[p.holder] for p in plans if p.holder in GDP_PRESETS)})
    return ScenarioResult(
        spec=spec, spec_hash=spec_hash(spec), start=resolved.start, holdings_date=resolved.holdings_date,
        maturities_years=MATURITIES_YEARS, n_days=n_days, n_months=MONTHS, days_per_month=DAYS_PER_MONTH,
        paths=paths, seller_rows=seller_rows, holders=holder_info, us_bill=us or None,
        flows_day_usd_bn=day_sales.sum(axis=1), flows_month_usd_bn=month_sales.sum(axis=1),
        flows_by_holder_month_usd_bn={p.holder: p.monthly_sales_usd_bn.sum(axis=1) for p in plans},
        presets={"models": presets_used, "seller": seller_presets},
        vintages=dict(inputs.vintages), notes=notes, bill_draw_arrays=bill_draws, pooled=pooled_info,
    )

