"""Payoffs of the leverage game from the scenario engine and the trade channel.

Every cell of the game (a U.S. tariff level x a holder response) is one run of the scenario
engine (:func:`treasury_leverage.scenario.engine.run`): the holder carries out the response while
the tariff's trade channel (:func:`treasury_leverage.scenario.trade.trade_shortfall`) cuts the
dollars it recycles into Treasuries. Payoffs, USD bn over ``game_horizon_years`` (undiscounted):

* holder: ``-(w_bill x seller's bill) - w_export x lost export earnings``; the seller's bill is
  the engine's total (sale concession, mark-to-market of what it still holds, FX effect);
* U.S.: ``-(w_interest x extra federal interest + w_mortgage x extra mortgage interest)
  + w_revenue x tariff revenue - w_consumer x cost to U.S. buyers``.

A ``counter-tariff`` response (the ordinary weapon, :mod:`treasury_leverage.game.retaliation`) trades
nothing in the market; it adds the holder's net cost of its counter-tariff to the holder's side and
U.S. exporters' surplus loss (national view) or the federal taxes lost on it (fiscal view) to the
U.S. side, on the same draws and basis.

The weights are presets (``game_weight_*``; change them through ``overrides``): the defaults
count every dollar once, which treats tariff revenue as a pure gain and the buyers' cost as a pure
loss (their difference is the deadweight loss plus the share of the tariff that foreign exporters
absorb).

Monte Carlo draws (exact joint draws). Every cell is run with the same seed and number of
engine draws, so draw ``k`` of an impact model is the same parameter draw in every cell (the
engine draws each model's parameters from its own named stream, and the FX, trade-channel and
U.S.-bill presets from streams that depend on the seed only); the engine keeps the draws behind
its bands (:meth:`treasury_leverage.scenario.result.ScenarioResult.bill_draws`), and the game
checks that their fingerprints agree across cells. Models are pooled in turn: game draw ``d``
uses model ``d mod M`` (``M`` models, so each has the same weight) and that model's engine draw
``floor(d / M)``, and reads at that one draw every cell's holder bill, U.S. interest, mortgage cost
(from the U.S. bill's own per-draw mortgage-rate shift) and the trade channel's quantities (the
trade module's draws the engine used for that draw's purchase shortfall). So a share of draws is
a share of actual joint draws: both players' bills, in every cell, come from the same parameters.
If a model's U.S. bill covers fewer draws than the holders' bills (the engine caps it), the game
uses the common prefix; game draws beyond ``M`` x the engine draws reuse them in turn (both said
in the notes).

Fallback (quantile draws). A result without per-draw arrays (or whose cells did not draw the same
parameters) is read off its p5/p50/p95 bands: a game draw picks a model in turn and a quantile
``u ~ U(0, 1)`` shared by every cell and both players' bills (comonotonic draws), read off the
piecewise-linear quantile function through the bands (flat beyond p5 and p95); trade-channel
quantities are then the trade module's own draws. The notes say which method was used.

With ``draws=0`` there is one draw per impact model at its central values, so "share of draws"
reads "share of impact models".

This module holds the engine cells (:class:`EngineCells`, :class:`CoalitionCells`,
:func:`coalition_cells`, :func:`engine_components`) and the mortgage cost and quantile helpers they
use. The weights and flows live in :mod:`treasury_leverage.game.weights`, the responses in
:mod:`treasury_leverage.game.responses`; their public names are re-exported here, so
``from treasury_leverage.game.payoffs import PayoffWeights`` keeps working.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from treasury_leverage.errors import InputError
from treasury_leverage.game.responses import DEFAULT_RESPONSES, Response, parse_response
from treasury_leverage.game.solve import FloatArray
from treasury_leverage.game.weights import US_VIEWS as US_VIEWS
from treasury_leverage.game.weights import WEIGHT_PRESETS, PayoffComponents, PayoffWeights

if TYPE_CHECKING:
    from treasury_leverage.scenario.result import ScenarioResult

__all__ = [
    "DEFAULT_RESPONSES",
    "WEIGHT_PRESETS",
    "CoalitionCells",
    "PayoffComponents",
    "PayoffWeights",
    "Response",
    "coalition_cells",
    "engine_components",
    "mortgage_cost_usd_bn",
    "parse_response",
    "quantile_values",
]

_MORTGAGE_PRESETS: Final = ("us_mortgage_originations_usd_bn_per_year", "mortgage_treasury_passthrough")
#: Most engine draws per model and cell (game draws beyond models x this reuse them in turn).
_MAX_ENGINE_DRAWS: Final = 2_000
#: Impact models of a game when none are named: the pooled mixture (one answer, not a vote
#: among models; per-model games stay available through ``models``).
DEFAULT_MODELS: Final = ("pooled",)
_QUANTILE_KNOTS: Final = (0.05, 0.5, 0.95)


# -- mortgage cost and quantile draws ---------------------------------------------------------


def mortgage_cost_usd_bn(
    shift_10y_bp: FloatArray,
    *,
    horizon_years: int,
    originations_usd_bn_per_year: float,
    passthrough: float,
) -> float:
    """Extra interest paid by new U.S. fixed-rate mortgages over the horizon.

    A loan originated in month ``k`` locks the mortgage-rate shift of that month,
    ``passthrough x shift_10y_bp[k]``, and pays it on its balance for the rest of the horizon
    (amortisation and prepayment ignored; existing fixed-rate loans are unaffected):
    ``sum_k orig / 12 x shift_k / 10^4 x (12 H - k) / 12``.

    Parameters
    ----------
    shift_10y_bp
        Monthly 10-year Treasury yield shift (bp), month 0 first.
    horizon_years
        Horizon ``H``.
    originations_usd_bn_per_year
        New mortgage lending a year (USD bn).
    passthrough
        bp of mortgage rate per bp of 10-year yield.

    References
    ----------
    our literature review (mortgage pass-through, about 1:1 in the long run).
    """
    n = 12 * horizon_years
    s = np.zeros(n)
    path = np.asarray(shift_10y_bp, dtype=np.float64)[:n]
    s[: len(path)] = path
    years_left = (n - np.arange(n)) / 12.0
    return float(originations_usd_bn_per_year / 12.0 * passthrough * np.sum(s / 1e4 * years_left))


def quantile_values(p5: float, p50: float, p95: float, u: FloatArray) -> FloatArray:
    """Values at quantiles ``u`` of the piecewise-linear quantile function through the bands.

    Flat beyond p5 and p95 (no tails are invented). Bands out of order (possible for sums of
    separately sorted parts) are sorted first.
    """
    knots = np.sort(np.array([p5, p50, p95], dtype=np.float64))
    return np.asarray(np.interp(u, _QUANTILE_KNOTS, knots))


# -- the engine -------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngineCells:
    """What the engine runs produced, besides the components.

    Attributes
    ----------
    holder
        Resolved holder name.
    models
        Impact models (the model of draw ``d`` is ``models[model_of_draw[d]]``).
    model_of_draw
        ``(n_draws,)``.
    spec_hashes
        ``(us_action, response) -> spec hash`` of each engine run.
    presets_used
        Preset names behind the numbers (engine, trade, mortgage, weights).
    start, holdings_date
        Scenario start and holdings month (ISO dates).
    vintages
        Data vintages of the engine.
    notes
        Modelling notes.
    holdings_usd_bn
        The holder's holdings at the start.
    gdp_usd_bn
        The holder's GDP preset value, if any.
    draw_method
        ``"central"`` (no draws), ``"exact"`` (aligned engine draws) or ``"quantile"`` (fallback).
    engine_index
        ``(n_draws,)``: the engine draw each game draw reads (exact method), else None.
    engine_draws
        Engine draws per model and cell.
    """

    holder: str
    models: tuple[str, ...]
    model_of_draw: np.ndarray
    spec_hashes: dict[str, str]
    presets_used: tuple[str, ...]
    start: str
    holdings_date: str
    vintages: dict[str, str]
    notes: tuple[str, ...]
    holdings_usd_bn: float
    gdp_usd_bn: float | None
    draw_method: str = "central"
    engine_index: np.ndarray | None = None
    engine_draws: int = 0


def _cell_values(result: ScenarioResult, holder: str, model: str, horizon_years: int, pv: bool = False
                 ) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float]]:
    """(central, p5, p50, p95) of the holder's bill and of the U.S. extra interest at the horizon
    (with ``pv``: both in present value over the engine's cost horizon)."""
    item = "total_pv_usd_bn" if pv else "total_usd_bn"
    row = next((r for r in result.seller_rows
                if r["model"] == model and r["holder"] == holder and r["item"] == item), None)
    if row is None:
        raise InputError(f"the scenario result has no bill of {holder} under model {model!r}")
    c = float(row["central"])
    bill = (c, float(row.get("p5", c)), float(row.get("p50", c)), float(row.get("p95", c)))
    if not result.us_bill or model not in result.us_bill:
        raise InputError("the scenario result has no U.S. bill (treasury_leverage.scenario.us_bill missing?)")
    ub = result.us_bill[model]
    if pv:
        ci = float(ub["pv_extra_interest_usd_bn"])
        pb = ub.get("pv_extra_interest_bands_usd_bn")
        return bill, ((ci, *(float(v) for v in pb)) if pb else (ci, ci, ci, ci))  # type: ignore[return-value]
    j = list(ub["horizons_years"]).index(horizon_years)
    ci = float(ub["extra_interest_usd_bn"][j])
    bands = ub.get("extra_interest_bands_usd_bn")
    us = (ci, *(float(v) for v in bands[j])) if bands else (ci, ci, ci, ci)
    return bill, (us[0], us[1], us[2], us[3])


@dataclass(frozen=True)
class CoalitionCells:
    """Engine cells of several holders responding together: arrays ``(n_draws, n_us, R, ..., R)``.

    Attributes
    ----------
    members
        Resolved holder names (one response axis each, in this order).
    responses
        The response labels (the same menu for every member, ``"hold"`` first).
    member_bill_usd_bn, member_export_loss_usd_bn
        One array per member: its bill and its lost export earnings.
    us_interest_usd_bn, us_mortgage_usd_bn, tariff_revenue_usd_bn, us_consumer_cost_usd_bn
        The U.S.'s flows (revenue and buyers' cost summed over the members).
    info
        Provenance of the runs.
    member_counter_tariff_usd_bn
        One array per member: its net cost of its own counter-tariff (None: no such response).
    us_exporter_loss_usd_bn, us_export_tax_loss_usd_bn
        U.S. exporters' surplus loss from the members' counter-tariffs and the federal taxes lost
        on it (None: no such response).
    """

    members: tuple[str, ...]
    responses: tuple[str, ...]
    member_bill_usd_bn: tuple[FloatArray, ...]
    member_export_loss_usd_bn: tuple[FloatArray, ...]
    us_interest_usd_bn: FloatArray
    us_mortgage_usd_bn: FloatArray
    tariff_revenue_usd_bn: FloatArray
    us_consumer_cost_usd_bn: FloatArray
    info: EngineCells
    member_counter_tariff_usd_bn: tuple[FloatArray, ...] | None = None
    us_exporter_loss_usd_bn: FloatArray | None = None
    us_export_tax_loss_usd_bn: FloatArray | None = None

    def member_payoffs_usd_bn(self, w: PayoffWeights) -> tuple[FloatArray, ...]:
        """Each member's payoff: ``-(w_bill bill) - w_export export_loss - w_ct counter-tariff cost``."""
        ct: Sequence[FloatArray | float] = (self.member_counter_tariff_usd_bn
                                            or (0.0,) * len(self.member_bill_usd_bn))
        return tuple(np.asarray(-w.holder_bill * b - w.holder_export_loss * e - w.holder_counter_tariff * c)
                     for b, e, c in zip(self.member_bill_usd_bn, self.member_export_loss_usd_bn, ct,
                                        strict=True))

    def us_payoff_usd_bn(self, w: PayoffWeights) -> FloatArray:
        """The U.S. payoff, with the tariff's aims on every tariff action (all but the first)."""
        n_us = self.us_interest_usd_bn.shape[1]
        extra = (1,) * (self.us_interest_usd_bn.ndim - 2)
        aims = np.where(np.arange(n_us) > 0, w.us_tariff_aims_usd_bn, 0.0).reshape(1, n_us, *extra)
        exporter = 0.0 if self.us_exporter_loss_usd_bn is None else self.us_exporter_loss_usd_bn
        tax = 0.0 if self.us_export_tax_loss_usd_bn is None else self.us_export_tax_loss_usd_bn
        return np.asarray(-w.us_interest * self.us_interest_usd_bn - w.us_mortgage * self.us_mortgage_usd_bn
                          + w.tariff_revenue * self.tariff_revenue_usd_bn
                          - w.us_consumer_cost * self.us_consumer_cost_usd_bn
                          - w.us_exporter_loss * exporter - w.us_export_tax_loss * tax + aims)


def _check_inputs(tariffs_pct: Sequence[float], responses: Sequence[str | Response], draws: int
                  ) -> tuple[list[float], list[Response]]:
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 0:
        raise InputError(f"draws: expected a non-negative whole number, got {draws!r}")
    resp = [r if isinstance(r, Response) else parse_response(r) for r in responses]
    if not resp or resp[0].kind != "hold":
        raise InputError("responses: expected 'hold' first (the status quo the threats are measured against)")
    tariffs = [float(t) for t in tariffs_pct]
    if not tariffs or any(not (math.isfinite(t) and 0 <= t <= 200) for t in tariffs):
        raise InputError(f"tariffs_pct: expected tariff rates between 0 and 200 percent, "
                         f"got {list(tariffs_pct)}")
    return tariffs, resp


def coalition_cells(
    members: Sequence[str],
    *,
    tariffs_pct: Sequence[float],
    responses: Sequence[str | Response],
    draws: int = 0,
    seed: int = 0,
    models: Sequence[str] | None = None,
    weights: PayoffWeights | None = None,
    overrides: Mapping[str, float] | None = None,
    start: str | None = None,
) -> CoalitionCells:
    """Run the scenario engine for every (tariff, response profile) cell of several holders.

    The U.S. sets the same tariff on every member; each member picks a response from the same menu,
    and one engine run prices each profile: the members' sales add up in the yield path, so each
    member's mark-to-market depends on what the others do.

    Parameters
    ----------
    members
        Holders in the atlas (one is a single-holder game).
    tariffs_pct
        The U.S. actions: tariff rates in percent (0 = no tariff), in order.
    responses
        The response menu (:func:`parse_response` forms), ``"hold"`` first.
    draws
        Game draws (0: one draw per impact model at central values).
    seed
        Seed of the engine, the trade channel and the quantile draws.
    models
        Impact models (default :data:`DEFAULT_MODELS`: the pooled mixture, whose draws already
        mix the model families with explicit weights).
    weights
        Horizon and weights (default :meth:`PayoffWeights.from_presets`).
    overrides
        Preset overrides for the engine and the trade channel.
    start
        Scenario start date (default the latest curve).

    Returns
    -------
    CoalitionCells
    """
    from treasury_leverage._stages import stage
    from treasury_leverage.presets import preset_value
    from treasury_leverage.scenario import streams
    from treasury_leverage.scenario.engine import run_many
    from treasury_leverage.scenario.repo import REPO_PRESETS
    from treasury_leverage.scenario.seller import GDP_PRESETS
    from treasury_leverage.scenario.trade import trade_shortfall

    tariffs, resp = _check_inputs(tariffs_pct, responses, draws)
    if not members:
        raise InputError("members: expected at least one holder")
    if models is None:  # the default answer: the pooled mixture of the model families (issue 12)
        models = DEFAULT_MODELS
    w = PayoffWeights.from_presets(overrides) if weights is None else weights
    over = {key: float(v) for key, v in (overrides or {}).items() if key not in WEIGHT_PRESETS.values()
            and key not in _MORTGAGE_PRESETS[:1]}
    model_names = _model_names(models)
    eng_draws = min(math.ceil(draws / max(len(model_names), 1)), _MAX_ENGINE_DRAWS)
    # one basis for both sides (issue 13): present values over the engine's cost horizon
    pv = w.basis == "pv"
    horizon = w.horizon_years
    months = 12 * horizon
    k = len(members)
    profiles = list(itertools.product(range(len(resp)), repeat=k))
    results: dict[tuple[int, tuple[int, ...]], ScenarioResult] = {}
    hashes: dict[str, str] = {}
    cell_specs: dict[tuple[int, tuple[int, ...]], tuple[str, str]] = {}
    runs_by_spec: dict[str, dict[str, Any]] = {}
    for i, t in enumerate(tariffs):
        for prof in profiles:
            label = ", ".join(f"{m}: {resp[p].label}" for m, p in zip(members, prof, strict=True))
            spec: dict[str, Any] = {
                "name": f"game: {label} after a {t:g}% tariff",
                "actors": [_engine_actor(m, resp[p]) for m, p in zip(members, prof, strict=True)],
                "draws": eng_draws, "seed": seed, "overrides": over,
            }
            if t > 0:
                spec["trade"] = {"tariff_pct": dict.fromkeys(members, t), "months": min(months, 120)}
            if models is not None:
                spec["models"] = list(models)
            if start is not None:
                spec["start"] = start
            # a repo is a hold in the market: the same engine run as the hold profile it matches
            same = json.dumps({k: v for k, v in spec.items() if k != "name"}, sort_keys=True, default=str)
            runs_by_spec.setdefault(same, spec)
            cell_specs[(i, prof)] = (same, f"{t:g}% / {label}")
    # every cell in one batch: the cells share the model draws and the trade channel's unit kernels
    # (and those of other batches in an enclosing scenario.shared.sharing block); the game reads the
    # bills and the central paths, not the yield paths' bands
    with stage("engine runs"):
        ran = dict(zip(runs_by_spec, run_many(list(runs_by_spec.values()), path_bands=False), strict=True))
    for cell, (same, label) in cell_specs.items():
        results[cell] = ran[same]
        hashes[label] = ran[same].spec_hash
    first = results[(0, profiles[0])]
    names = tuple(str(h["holder"]) for h in first.holders[:k])
    model_names = tuple(first.models)
    n_models = len(model_names)
    n = n_models if draws == 0 else draws
    model_of_draw = np.arange(n) % n_models
    shape = (n, len(tariffs), *([len(resp)] * k))
    orig = preset_value(_MORTGAGE_PRESETS[0], overrides)
    pass_through = preset_value(_MORTGAGE_PRESETS[1], overrides)
    draw_notes: list[str] = []
    common = None
    if draws > 0:
        common, why = _aligned_draws(results, names, model_names, horizon)
        if common is None:
            draw_notes.append(f"exact joint draws unavailable ({why}): fell back to quantile draws")
    engine_index: np.ndarray | None = None
    if common is not None:
        engine_index = (np.arange(n) // n_models) % common[model_of_draw]
        bills, interest, mortgage = _exact_cells(results, names, model_names, shape, model_of_draw,
                                                 engine_index, horizon, orig, pv)
        short = [f"{m} ({c:,} of {eng_draws:,})" for m, c in zip(model_names, common.tolist(), strict=True)
                 if c < eng_draws]
        if short:
            draw_notes.append("the U.S. bill covers fewer engine draws than the holders' bills for "
                              + ", ".join(short) + ": the game uses that common prefix")
        if n > int(common.min()) * n_models:
            draw_notes.append(f"{n:,} game draws over {n_models} model(s) with {int(common.min()):,} "
                              "engine draws each: the engine draws are reused in turn")
        method = "exact"
    else:
        bills, interest, mortgage = _quantile_cells(results, names, model_names, shape, model_of_draw, draws,
                                                    seed, horizon, orig, pass_through,
                                                    list(first.maturities_years).index(10.0), pv)
        method = "central" if draws == 0 else "quantile"
    discount = 1.0
    end_discount = 1.0  # the U.S. bill's PV: extra debt at the horizon times this (engine _us_pv)
    if pv:
        from treasury_leverage.scenario.engine import _basis

        basis = _basis(first.start, over)
        discount = float(np.mean([basis.discount(y - 0.5) for y in range(1, horizon + 1)]))
        end_discount = basis.discount(float(horizon))
    repo_notes = _add_repo_costs(bills, resp, k, horizon, basis.discount if pv else None, over)
    from treasury_leverage.game.retaliation import counter_tariff_cells

    ct = counter_tariff_cells(resp, names, shape, horizon_years=horizon,
                              discount=basis.discount if pv else None, seed=seed, draws=draws,
                              engine_draws=eng_draws, engine_index=engine_index, overrides=over or None)
    exports = [np.zeros(shape) for _ in range(k)]
    revenue = np.zeros(shape)
    consumer = np.zeros(shape)
    trade_presets: list[str] = []
    trade_notes: list[str] = []
    tail = (np.newaxis,) * k
    for i, t in enumerate(tariffs):
        if t <= 0:
            continue
        for mi, name in enumerate(names):
            if engine_index is not None:
                # the draws the engine used for this member's purchase shortfall (actor index mi)
                tc = trade_shortfall(name, t, months=min(months, 120), draws=eng_draws,
                                     seed=streams.generator(seed, streams.trade_stream(mi)),
                                     overrides=over or None)
            else:
                tc = trade_shortfall(name, t, months=months, draws=draws, seed=seed, overrides=over or None)
            last = tc.purchase_shortfall_usd_bn[:, -1]
            mean = tc.purchase_shortfall_usd_bn.mean(axis=1)
            # average phase-in over the horizon: the annual figures are "once adjusted"; in present
            # value each year's flow is discounted at the start day's curve (mid-year)
            years = horizon * discount * np.where(last > 0, mean / np.where(last > 0, last, 1.0), 1.0)

            def per_draw(x: FloatArray, years: FloatArray = years) -> FloatArray:
                v = np.asarray(x * years, dtype=np.float64)
                if engine_index is not None and v.size > 1:
                    v = v[engine_index]  # the trade draw of each game draw's engine draw
                return np.asarray(np.broadcast_to(v, (n,))[(slice(None), *tail)])

            exports[mi][:, i] = per_draw(tc.export_loss_usd_bn)
            revenue[:, i] += _revenue_value(tc, horizon, end_discount, over, engine_index, n, tail)
            consumer[:, i] += per_draw(tc.us_consumer_cost_usd_bn)
            trade_presets.extend(tc.presets_used)
            trade_notes.extend(tc.notes)
    engine_presets = sorted({p for r in results.values() for ps in r.presets["models"].values() for p in ps}
                            | set(first.presets.get("seller", [])))
    gdp = {nm: preset_value(GDP_PRESETS[nm], overrides) for nm in names if nm in GDP_PRESETS}
    notes = [
        (f"payoffs in present value over {horizon} years at the start day's par curve, both sides on one "
         "basis: the holder's horizon total return (concession, carry, mark-to-market at the horizon, FX; "
         "engine total_pv_usd_bn), the U.S. extra interest (engine pv_extra_interest_usd_bn), trade flows "
         "discounted the same way (preset game_cost_basis_pv)" if pv else
         f"payoffs summed over {w.horizon_years} years, undiscounted; the seller's bill is struck at the end "
         "of its action (engine)"),
        "game draws: " + _method_note(method, n, n_models, eng_draws),
        *draw_notes,
        "mortgage cost: new fixed-rate loans lock the shifted rate for the rest of the horizon "
        f"({orig:,.0f} USD bn of originations a year, pass-through "
        + (f"{pass_through:g})" if method != "exact" else "drawn with the U.S. bill's draws)"),
        ("tariff revenue lowers Treasury borrowing: valued as the debt it saves at the horizon (revenue "
         "plus the interest saved at the average interest rate, the U.S. bill's machinery)"
         + (", discounted like the U.S. extra interest" if pv else "")),
        *repo_notes,
        *ct.notes,
        *dict.fromkeys(n for n in trade_notes if not n.startswith(("No bilateral", "2024 bilateral"))),
        *dict.fromkeys(n for n in trade_notes if n.startswith("No bilateral")),
        *dict.fromkeys(n for r in results.values() for n in r.notes if not n.startswith("trade channel:")),
    ]
    info = EngineCells(
        holder=" + ".join(names), models=model_names, model_of_draw=model_of_draw, spec_hashes=hashes,
        presets_used=tuple(dict.fromkeys([*engine_presets, *trade_presets, *_MORTGAGE_PRESETS,
                                          *WEIGHT_PRESETS.values(),
                                          *(REPO_PRESETS if repo_notes else ()), *ct.presets_used])),
        start=first.start.isoformat(), holdings_date=first.holdings_date.isoformat(), vintages=first.vintages,
        notes=tuple(notes),
        holdings_usd_bn=float(sum(float(h["holdings_usd_bn"]) for h in first.holders[:k])),
        gdp_usd_bn=sum(gdp.values()) if len(gdp) == k else None,
        draw_method=method, engine_index=engine_index, engine_draws=eng_draws,
    )
    return CoalitionCells(
        members=names, responses=tuple(r.label for r in resp), member_bill_usd_bn=tuple(bills),
        member_export_loss_usd_bn=tuple(exports), us_interest_usd_bn=interest, us_mortgage_usd_bn=mortgage,
        tariff_revenue_usd_bn=revenue, us_consumer_cost_usd_bn=consumer, info=info,
        member_counter_tariff_usd_bn=ct.member_cost_usd_bn,
        us_exporter_loss_usd_bn=ct.us_exporter_loss_usd_bn,
        us_export_tax_loss_usd_bn=ct.us_export_tax_loss_usd_bn,
    )


def _engine_actor(member: str, r: Response) -> dict[str, Any]:
    """The engine actor of a response: a FIMA repo or a counter-tariff trades nothing in the market
    (a hold)."""
    if r.kind in ("repo", "counter_tariff"):
        return {"holder": member, "hold": {}}
    return {"holder": member, r.kind: dict(r.action)}


def _add_repo_costs(bills: list[FloatArray], resp: Sequence[Response], k: int, horizon: int,
                    discount: Any, overrides: Mapping[str, float]) -> list[str]:
    """Add the facility's cost to each member's bill where it answers with a repo (in place)."""
    from treasury_leverage.scenario.repo import fima_repo_cost_usd_bn

    notes: list[str] = []
    for ri, r in enumerate(resp):
        if r.kind != "repo":
            continue
        cost = fima_repo_cost_usd_bn(float(r.action["amount_usd_bn"]), r.action.get("months"),
                                     horizon_years=horizon, discount=discount, overrides=overrides or None)
        for mi in range(k):
            idx: list[Any] = [slice(None)] * bills[mi].ndim
            idx[2 + mi] = ri
            bills[mi][tuple(idx)] += cost
        notes.append(f"'{r.label}': dollars raised at the Fed's FIMA repo facility, not sold: no market "
                     f"impact; the holder pays the facility's spread over IORB, USD {cost:,.2f}bn"
                     + (" in present value" if discount is not None else ""))
    return notes


def _revenue_value(tc: Any, horizon: int, end_discount: float, overrides: Mapping[str, float],
                   engine_index: np.ndarray | None, n: int, tail: tuple[None, ...]) -> FloatArray:
    """Tariff revenue as less Treasury borrowing: the debt it saves at the horizon (revenue plus
    the interest saved on it, :func:`~treasury_leverage.scenario.us_bill.borrowing_flow_debt_usd_bn`
    on the negative flow), times the horizon's discount factor on the PV basis -- the machinery and
    discounting of the U.S. extra interest, so the fiscal view nets like with like.

    Revenue phases in like the purchase shortfall (both follow the exporters' lost earnings).
    """
    from treasury_leverage.scenario.us_bill import borrowing_flow_debt_usd_bn

    sh = np.asarray(tc.purchase_shortfall_usd_bn, dtype=np.float64)
    last = sh[:, -1:]
    phase = np.where(last > 0, sh / np.where(last > 0, last, 1.0), 1.0)
    flow = -np.asarray(tc.tariff_revenue_usd_bn, dtype=np.float64)[:, None] / 12.0 * phase
    saved = -borrowing_flow_debt_usd_bn(flow, horizons_years=(horizon,), overrides=overrides or None)[:, 0]
    v = saved * end_discount
    if engine_index is not None and v.size > 1:
        v = v[engine_index]
    return np.asarray(np.broadcast_to(v, (n,))[(slice(None), *tail)])


def _model_names(models: Sequence[str] | None) -> tuple[str, ...]:
    """The impact models a run will use (to size the engine draws before running)."""
    from treasury_leverage.scenario.spec import parse_spec

    spec: dict[str, Any] = {"actors": []}
    if models is not None:
        spec["models"] = list(models)
    return tuple(parse_spec(spec).model_names())


def _method_note(method: str, n: int, n_models: int, eng_draws: int) -> str:
    if method == "central":
        return f"one per impact model at central values ({n_models} models)"
    if method == "exact":
        return (f"{n} draws, impact models in turn (draw d uses model d mod {n_models} and its engine draw "
                f"floor(d / {n_models})); exact joint draws: every cell, both players' bills and the trade "
                f"channel are read at that same engine draw ({eng_draws} engine draws per model and cell)")
    return (f"{n} draws, impact models in turn, each reading every cell at one shared quantile of the "
            f"engine's p5/p50/p95 bands (comonotonic quantile draws; {eng_draws} engine draws per cell)")


def _aligned_draws(results: Mapping[tuple[int, tuple[int, ...]], ScenarioResult], names: Sequence[str],
                   model_names: Sequence[str], horizon_years: int) -> tuple[np.ndarray | None, str]:
    """Per model, the engine draws every cell has for both bills (their common prefix), or why not.

    The cells must hold per-draw arrays of every member's bill and of the U.S. bill, drawn from the
    same parameters (equal fingerprints).
    """
    common = np.zeros(len(model_names), dtype=np.int64)
    for mk, model in enumerate(model_names):
        digests: set[str] = set()
        counts: list[int] = []
        for res in results.values():
            bd = getattr(res, "bill_draw_arrays", {}).get(model)
            if bd is None:
                return None, f"the engine result has no per-draw bills of {model}"
            if bd.us_extra_interest_usd_bn is None or bd.us_mortgage_shift_bp_years is None:
                return None, f"the engine result has no per-draw U.S. bill of {model}"
            if horizon_years not in bd.us_horizons_years:
                return None, f"the U.S. bill draws have no {horizon_years}-year horizon"
            if any(nm not in bd.holder_usd_bn for nm in names):
                return None, f"the engine result has no per-draw bill of every member under {model}"
            digests.add(bd.parameter_digest)
            counts.append(min(bd.n_draws, bd.n_us_draws))
        if len(digests) != 1:
            return None, f"the cells drew different parameters for {model}"
        common[mk] = min(counts)
        if common[mk] < 1:
            return None, f"no engine draws of {model}"
    return common, ""


def _exact_cells(results: Mapping[tuple[int, tuple[int, ...]], ScenarioResult], names: Sequence[str],
                 model_names: Sequence[str], shape: tuple[int, ...], model_of_draw: np.ndarray,
                 engine_index: np.ndarray, horizon_years: int, originations_usd_bn_per_year: float,
                 pv: bool = False) -> tuple[list[FloatArray], FloatArray, FloatArray]:
    """Members' bills, U.S. interest and mortgage cost of every cell at each game draw's engine draw."""
    bills = [np.zeros(shape) for _ in names]
    interest = np.zeros(shape)
    mortgage = np.zeros(shape)
    for (i, prof), res in results.items():
        for mk, model in enumerate(model_names):
            sel = model_of_draw == mk
            idx = engine_index[sel]
            cell = (sel, i, *prof)
            bd = res.bill_draws(model)
            for mi, name in enumerate(names):
                bills[mi][cell] = bd.holder_usd_bn[name]["total_pv_usd_bn" if pv else "total_usd_bn"][idx]
            j = bd.us_column(horizon_years)
            assert bd.us_extra_interest_usd_bn is not None and bd.us_mortgage_shift_bp_years is not None
            if pv:
                assert bd.us_pv_usd_bn is not None
                interest[cell] = bd.us_pv_usd_bn[idx]
            else:
                interest[cell] = bd.us_extra_interest_usd_bn[idx, j]
            # mortgage_cost_usd_bn of the draw's own mortgage-rate path (it is linear in the path)
            mortgage[cell] = originations_usd_bn_per_year / 12.0 * bd.us_mortgage_shift_bp_years[idx, j] / 1e4
    return bills, interest, mortgage


def _quantile_cells(results: Mapping[tuple[int, tuple[int, ...]], ScenarioResult], names: Sequence[str],
                    model_names: Sequence[str], shape: tuple[int, ...], model_of_draw: np.ndarray, draws: int,
                    seed: int, horizon_years: int, originations_usd_bn_per_year: float, pass_through: float,
                    col10: int, pv: bool = False) -> tuple[list[FloatArray], FloatArray, FloatArray]:
    """Central values (``draws=0``) or comonotonic quantile draws through the bands (the fallback)."""
    n = shape[0]
    from treasury_leverage.scenario import streams

    rng = streams.generator(seed, (streams.GAME_QUANTILE,))
    u = np.full(n, 0.5) if draws == 0 else rng.uniform(0.0, 1.0, n)
    bills = [np.zeros(shape) for _ in names]
    interest = np.zeros(shape)
    mortgage = np.zeros(shape)
    for (i, prof), res in results.items():
        for mk, model in enumerate(model_names):
            sel = model_of_draw == mk
            cell = (sel, i, *prof)
            ic = 0.0
            for mi, name in enumerate(names):
                (bc, b5, b50, b95), (ic, i5, i50, i95) = _cell_values(res, name, model, horizon_years, pv)
                bills[mi][cell] = bc if draws == 0 else quantile_values(b5, b50, b95, u[sel])
            interest[cell] = ic if draws == 0 else quantile_values(i5, i50, i95, u[sel])
            m_central = mortgage_cost_usd_bn(res.paths[model].central_month_bp[:, col10],
                                             horizon_years=horizon_years,
                                             originations_usd_bn_per_year=originations_usd_bn_per_year,
                                             passthrough=pass_through)
            # the mortgage shift is the 10-year shift scaled: it moves with the draw's interest bill
            scale = interest[cell] / ic if abs(ic) > 1e-12 else np.ones(int(sel.sum()))
            mortgage[cell] = m_central * scale
    return bills, interest, mortgage


def engine_components(
    holder: str,
    *,
    tariffs_pct: Sequence[float],
    responses: Sequence[str | Response],
    draws: int = 0,
    seed: int = 0,
    models: Sequence[str] | None = None,
    weights: PayoffWeights | None = None,
    overrides: Mapping[str, float] | None = None,
    start: str | None = None,
) -> tuple[PayoffComponents, EngineCells]:
    """Run the scenario engine for every (tariff, response) cell of one holder.

    Parameters are those of :func:`coalition_cells` with one holder.

    Returns
    -------
    (PayoffComponents, EngineCells)
        Arrays ``(n_draws, n_tariffs, n_responses)`` and the runs' provenance.
    """
    cells = coalition_cells([holder], tariffs_pct=tariffs_pct, responses=responses, draws=draws, seed=seed,
                            models=models, weights=weights, overrides=overrides, start=start)
    comps = PayoffComponents(
        holder_bill_usd_bn=cells.member_bill_usd_bn[0],
        holder_export_loss_usd_bn=cells.member_export_loss_usd_bn[0],
        us_interest_usd_bn=cells.us_interest_usd_bn, us_mortgage_usd_bn=cells.us_mortgage_usd_bn,
        tariff_revenue_usd_bn=cells.tariff_revenue_usd_bn,
        us_consumer_cost_usd_bn=cells.us_consumer_cost_usd_bn,
        holder_counter_tariff_usd_bn=(None if cells.member_counter_tariff_usd_bn is None
                                      else cells.member_counter_tariff_usd_bn[0]),
        us_exporter_loss_usd_bn=cells.us_exporter_loss_usd_bn,
        us_export_tax_loss_usd_bn=cells.us_export_tax_loss_usd_bn,
    )
    return comps, cells.info
