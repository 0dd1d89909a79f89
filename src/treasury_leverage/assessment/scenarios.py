"""The standard scenario table: each case of :mod:`treasury_leverage.scenario.cases`, priced once.

The specs of the standard cases run through one call (:func:`~treasury_leverage.scenario.engine.run_many`);
each result is summarised into a :class:`ScenarioRow` on the one cost basis of the game (present
values over the cost horizon, from the pooled mixture's draws).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from treasury_leverage._defaults import BRIEF_DRAWS, SALE_DAYS
from treasury_leverage.assessment._common import NOT_AVAILABLE, Part, finite, money, resolve_holder
from treasury_leverage.errors import TLError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["POOLED_NOTE", "ScenarioRow", "ScenarioTable", "fima_repo_sentence", "scenario_part"]

#: Horizon (years) of the U.S. bill of a row without PV keys: the leverage game's.
_US_HORIZON_PRESET: Final = "game_horizon_years"
#: How a row priced by the pooled mixture says so (the one-page summary states it once).
POOLED_NOTE: Final = "pooled mixture of the model families (p50, band p5-p95 of the pooled draws)"


@dataclass(frozen=True)
class ScenarioRow:
    """One scenario of the table: yields impact with bands, both sides' bills, leverage ratio.

    When the engine ran the ``pooled`` model (the default), the headline is the pooled mixture's
    median with its p5-p95 band (one distribution over the model families; yields and both bills
    from the same draws) and ``impact_10y_permanent_*`` the permanent 10-year effect after the
    transient has decayed. Otherwise (named models only) the headline is the **median over the
    models** of their central values, the band from the lowest 5th to the highest 95th
    percentile over the models' parameter draws.
    Yields impacts are read at the end of the action (the engine's end point). The holder's bill
    is the engine's total (positive = a loss); the U.S. bill is the extra federal interest over
    ``us_cost_horizon_years``; ``leverage_ratio`` is U.S. bill / holder's bill where both pay.
    ``models`` holds each model's numbers.
    """

    case: str
    description: str
    available: bool = True
    impact_10y_bp: float | None = None
    impact_10y_p5_bp: float | None = None
    impact_10y_p95_bp: float | None = None
    impact_30y_bp: float | None = None
    impact_30y_p5_bp: float | None = None
    impact_30y_p95_bp: float | None = None
    holder_cost_usd_bn: float | None = None
    holder_cost_p5_usd_bn: float | None = None
    holder_cost_p95_usd_bn: float | None = None
    us_cost_usd_bn: float | None = None
    us_cost_p5_usd_bn: float | None = None
    us_cost_p95_usd_bn: float | None = None
    us_cost_horizon_years: int | None = None
    leverage_ratio: float | None = None
    end_point: str = ""
    spec_hash: str = ""
    models: tuple[dict[str, Any], ...] = ()
    note: str = ""
    impact_10y_permanent_bp: float | None = None
    impact_10y_permanent_p5_bp: float | None = None
    impact_10y_permanent_p95_bp: float | None = None


@dataclass(frozen=True)
class ScenarioTable(Part):
    """The scenario table (pause, run-off, sales, coalition) or why it is missing."""

    holder: str
    available: bool
    rows: tuple[ScenarioRow, ...] = ()
    draws: int = 0
    seed: int | None = None
    presets: tuple[str, ...] = ()
    models: tuple[str, ...] = ()
    model_citations: dict[str, str] = field(default_factory=dict)
    start: str | None = None
    notes: tuple[str, ...] = ()
    text: str = ""
    note: str = ""

    label = "What if: scenarios"

    def row(self, case: str) -> ScenarioRow:
        """The row of ``case`` (``"sell_300bn_60d"``)."""
        for r in self.rows:
            if r.case == case:
                return r
        raise KeyError(f"case {case!r}: expected one of {', '.join(r.case for r in self.rows)}")

    def to_frame(self) -> pd.DataFrame:
        """One row per case: yields impact (bp) and both sides' bills (USD bn), medians and bands."""
        import pandas as pd

        keep = [f.name for f in dataclasses.fields(ScenarioRow) if f.name not in ("models", "spec_hash")]
        return pd.DataFrame([{k: getattr(r, k) for k in keep} for r in self.rows], columns=keep)


def _run_many() -> Callable[[Sequence[Any]], list[Any]] | None:
    """The scenario engine's ``run_many`` if this version has it."""
    try:
        from treasury_leverage.scenario.engine import run_many
    except Exception:  # an absent or half-installed engine means "not available"
        return None
    return run_many


def _median(values: Iterable[float | None]) -> float | None:
    import numpy as np

    vals = [v for v in values if v is not None and math.isfinite(v)]
    return float(np.median(vals)) if vals else None


def _fmt(value: Any, digits: int = 1) -> str:
    v = finite(value)
    return "n/a" if v is None else f"{v:,.{digits}f}"


def _per_model(result: Any, holder_key: str, horizon: int) -> list[dict[str, Any]]:
    """Each model's yields impact, bills and ratio at the end of the action."""
    grid, index = result.end_point()
    draws = result.draws > 0
    per_model: list[dict[str, Any]] = []
    for model in result.models:
        entry: dict[str, Any] = {"model": model}
        for m in (10.0, 30.0):
            key = f"impact_{m:g}y"
            entry[f"{key}_bp"] = result.shift_bp(model, m, grid=grid, index=index)
            for band in ("p5", "p95"):
                entry[f"{key}_{band}_bp"] = result.shift_bp(model, m, grid=grid, index=index,
                                                            band=band if draws else None)
        entry["holder_cost_usd_bn"] = result.cost(model, holder_key)
        entry["holder_cost_p5_usd_bn"] = result.cost(model, holder_key, band="p5" if draws else None)
        entry["holder_cost_p95_usd_bn"] = result.cost(model, holder_key, band="p95" if draws else None)
        bill = (result.us_bill or {}).get(model)
        if bill is not None and horizon in bill["horizons_years"]:
            h = list(bill["horizons_years"]).index(horizon)
            entry["us_cost_usd_bn"] = float(bill["extra_interest_usd_bn"][h])
            bands = bill.get("extra_interest_bands_usd_bn") or []
            entry["us_cost_p5_usd_bn"] = float(bands[h][0]) if len(bands) > h else entry["us_cost_usd_bn"]
            entry["us_cost_p95_usd_bn"] = float(bands[h][2]) if len(bands) > h else entry["us_cost_usd_bn"]
            own = entry["holder_cost_usd_bn"]
            entry["leverage_ratio"] = entry["us_cost_usd_bn"] / own if own > 0 else None
        per_model.append(entry)
    return per_model


def _row_from_result(case: str, description: str, result: Any, holder_key: str, horizon: int) -> ScenarioRow:
    """Summarise a ScenarioResult over its models (see :class:`ScenarioRow`)."""
    grid, index = result.end_point()
    per_model = _per_model(result, holder_key, horizon)
    if "pooled" in result.models:
        return _pooled_row(case, description, result, holder_key, horizon, per_model)

    def med(k: str) -> float | None:
        return _median(e[k] for e in per_model if e.get(k) is not None)

    def lo(k: str) -> float | None:
        vals = [e[k] for e in per_model if e.get(k) is not None]
        return float(min(vals)) if vals else None

    def hi(k: str) -> float | None:
        vals = [e[k] for e in per_model if e.get(k) is not None]
        return float(max(vals)) if vals else None

    return ScenarioRow(
        case=case, description=description,
        impact_10y_bp=med("impact_10y_bp"), impact_10y_p5_bp=lo("impact_10y_p5_bp"),
        impact_10y_p95_bp=hi("impact_10y_p95_bp"),
        impact_30y_bp=med("impact_30y_bp"), impact_30y_p5_bp=lo("impact_30y_p5_bp"),
        impact_30y_p95_bp=hi("impact_30y_p95_bp"),
        holder_cost_usd_bn=med("holder_cost_usd_bn"), holder_cost_p5_usd_bn=lo("holder_cost_p5_usd_bn"),
        holder_cost_p95_usd_bn=hi("holder_cost_p95_usd_bn"),
        us_cost_usd_bn=med("us_cost_usd_bn"), us_cost_p5_usd_bn=lo("us_cost_p5_usd_bn"),
        us_cost_p95_usd_bn=hi("us_cost_p95_usd_bn"), us_cost_horizon_years=horizon,
        leverage_ratio=med("leverage_ratio"),
        end_point=f"{grid} {index + 1}", spec_hash=str(result.spec_hash), models=tuple(per_model),
    )


def _pooled_row(case: str, description: str, result: Any, holder_key: str, horizon: int,
                per_model: list[dict[str, Any]]) -> ScenarioRow:
    """The row from the pooled mixture alone (issue 12): p50 [p5, p95] of the pooled draws, the
    yields, the holder's and the U.S. bill of a draw all from the same draw; the per-model numbers
    stay in ``models``. ``leverage_ratio`` = pooled median U.S. bill / pooled median holder's bill."""
    draws = result.draws > 0
    grid, index = result.end_point()

    def shift(m: float, band: str) -> float:
        return float(result.shift_bp("pooled", m, grid=grid, index=index, band=band if draws else None))

    # Both sides on one basis (issue 13): present values over the cost horizon at the start day's
    # curve, the holder's horizon total return and the U.S. extra interest, from the same draws.
    has_pv = any(r.get("model") == "pooled" and r.get("item") == "total_pv_usd_bn"
                 for r in result.seller_rows)
    item = "total_pv_usd_bn" if has_pv else "total_usd_bn"

    def cost(band: str) -> float:
        return float(result.cost("pooled", holder_key, item, band=band if draws else None))

    us: dict[str, float | None] = dict.fromkeys(("p5", "p50", "p95"))
    bill = (result.us_bill or {}).get("pooled")
    if bill is not None and ("pv_extra_interest_usd_bn" in bill or "pv_extra_interest_bands_usd_bn" in bill):
        from treasury_leverage.presets import preset_value

        horizon = int(bill.get("pv_horizon_years", preset_value("cost_horizon_years")))
        bands = bill.get("pv_extra_interest_bands_usd_bn") or []
        central = bill.get("pv_extra_interest_usd_bn")
        us = {b: (float(bands[i]) if len(bands) == 3 else (None if central is None else float(central)))
              for i, b in enumerate(("p5", "p50", "p95"))}
    elif bill is not None and horizon in bill["horizons_years"]:
        h = list(bill["horizons_years"]).index(horizon)
        bands = bill.get("extra_interest_bands_usd_bn") or []
        central = float(bill["extra_interest_usd_bn"][h])
        us = {b: (float(bands[h][i]) if len(bands) > h else central)
              for i, b in enumerate(("p5", "p50", "p95"))}
    holder_mid = cost("p50")
    perm = result.peak_permanent("pooled", 10.0)["permanent_bp"]
    return ScenarioRow(
        case=case, description=description,
        impact_10y_bp=shift(10.0, "p50"), impact_10y_p5_bp=shift(10.0, "p5"),
        impact_10y_p95_bp=shift(10.0, "p95"),
        impact_30y_bp=shift(30.0, "p50"), impact_30y_p5_bp=shift(30.0, "p5"),
        impact_30y_p95_bp=shift(30.0, "p95"),
        holder_cost_usd_bn=holder_mid, holder_cost_p5_usd_bn=cost("p5"), holder_cost_p95_usd_bn=cost("p95"),
        us_cost_usd_bn=us["p50"], us_cost_p5_usd_bn=us["p5"], us_cost_p95_usd_bn=us["p95"],
        us_cost_horizon_years=horizon,
        # A ratio only where the action costs both sides: a loss per loss, not a ratio of two gains.
        leverage_ratio=(us["p50"] / holder_mid if us["p50"] is not None and us["p50"] > 0 and holder_mid > 0
                        else None),
        end_point=f"{grid} {index + 1}", spec_hash=str(result.spec_hash), models=tuple(per_model),
        impact_10y_permanent_bp=perm.get("p50", perm["central"]),
        impact_10y_permanent_p5_bp=perm.get("p5", perm["central"]),
        impact_10y_permanent_p95_bp=perm.get("p95", perm["central"]),
        note=(f"{POOLED_NOTE}; costs in present value over {horizon} years" if item == "total_pv_usd_bn"
              else POOLED_NOTE),
    )


def scenario_part(
    holder: str,
    *,
    draws: int = BRIEF_DRAWS,
    seed: int = 0,
    days: int = SALE_DAYS,
    start: str | None = None,
) -> ScenarioTable:
    """The standard scenario table for ``holder``, all cases priced in one ``run_many`` call.

    Cases: :func:`treasury_leverage.scenario.cases.standard_cases`. A case the data rule out (a
    sale larger than the holdings, a coalition of an aggregate) gets a row with the reason and no
    numbers. Without the engine, an unavailable table with no numbers at all.

    Parameters
    ----------
    holder
        A holder name.
    draws, seed
        Parameter draws per impact model and their seed.
    days
        Business days of each sale (preset ``default_sale_business_days``).
    start
        Scenario start (default: the last day with both holdings and a curve).
    """
    from treasury_leverage._stages import stage

    name = resolve_holder(holder)
    run_many = _run_many()
    if run_many is None:
        return ScenarioTable(
            holder=name, available=False, seed=None,
            note=f"The scenario table (pause 12 months, run off 24 months, sell $100 bn / $300 bn / 25% of "
            f"holdings over {days} days, a coalition case) is {NOT_AVAILABLE}: the scenario engine is not "
            f"installed. No numbers are shown rather than invented ones.",
        )
    from treasury_leverage.presets import preset_value
    from treasury_leverage.scenario.cases import standard_cases

    horizon = int(preset_value(_US_HORIZON_PRESET))
    cases = standard_cases(name, draws=draws, seed=seed, days=days, start=start)
    runnable = [c for c in cases if c.spec is not None]
    with stage("engine runs"):
        try:
            results: list[Any] = list(run_many([c.spec for c in runnable]))
        except TLError:  # one case the engine refuses: run them one by one to say which
            results = []
            for c in runnable:
                try:
                    results.extend(run_many([c.spec]))
                except TLError as exc:
                    results.append(exc)
    by_key = {c.key: r for c, r in zip(runnable, results, strict=True)}
    rows: list[ScenarioRow] = []
    presets: set[str] = {_US_HORIZON_PRESET}
    models: list[str] = []
    notes: list[str] = []
    citations: dict[str, str] = {}
    first: str | None = None
    for case in cases:
        result = by_key.get(case.key)
        if result is None or isinstance(result, TLError):
            rows.append(ScenarioRow(case=case.key, description=case.description, available=False,
                                    note=case.note or str(result)))
            continue
        holder_key = next((h["holder"] for h in result.holders if h["holder"] == name), name)
        row = _row_from_result(case.key, case.description, result, holder_key, horizon)
        # The engine's notes about this holder's action (e.g. a pause of net *selling*) go with the row.
        own = [n for n in result.notes if n.startswith(f"{name}:")]
        if own:
            row = dataclasses.replace(row, note="; ".join(own))
        rows.append(row)
        for names in result.presets.get("models", {}).values():
            presets.update(names)
        presets.update(result.presets.get("seller", []))
        models = models or list(result.models)
        for m, path in result.paths.items():
            citations.setdefault(m, f"{path.citation}; {path.source}".strip("; "))
        first = first or result.start.isoformat()
        notes.extend(n for n in result.notes if n not in notes and not n.startswith(f"{name}:"))
    done = [r for r in rows if r.available]
    if not done:
        return ScenarioTable(holder=name, available=False, rows=tuple(rows), draws=draws, seed=seed,
                             note="No scenario could be run for this holder: "
                             + "; ".join(r.note for r in rows))
    text = scenario_words(name, done, len(models))
    flat = [m["model"] for r in done for m in r.models
            if r.case == done[-1].case and abs(m["impact_30y_bp"] - m["impact_10y_bp"]) < 1e-9]
    if flat:
        text += (f" {len(flat)} of the {len(models)} models hold the shift flat beyond 10 years (they are "
                 "calibrated on the 10-year), so the 30-year impact mostly repeats the 10-year one.")
    return ScenarioTable(
        holder=name, available=True, rows=tuple(rows), draws=draws, seed=seed, presets=tuple(sorted(presets)),
        models=tuple(models), model_citations=citations, start=first, notes=tuple(notes), text=text,
    )


def fima_repo_sentence() -> str:
    """What the Fed's FIMA repo facility does to the argument that an official holder must sell."""
    from treasury_leverage.presets import preset_value

    spread = preset_value("fima_repo_spread_over_iorb_bp")
    return ("An official holder need not sell to raise dollars: the Fed's FIMA repo facility lends "
            f"against its Treasuries at about IORB + {spread:.0f} bp (USD {spread / 100:.2f}bn a year per "
            "USD 100bn, no market impact; game response 'repo 300bn'), so a sale is a choice, not a "
            "necessity, and a threat to sell must be credible as a choice.")


def scenario_words(name: str, rows: Sequence[ScenarioRow], n_models: int) -> str:
    """The scenario table in a paragraph: the basis, the permanent effect, policy, the big sale."""
    by_case = {r.case: r for r in rows}
    pooled = any(r.impact_10y_permanent_bp is not None for r in rows)
    if pooled:
        parts = ["Each scenario is priced by the pooled mixture of four independent model families (flow "
                 "studies, stock/duration, preferred habitat, execution; equal weights), every per-dollar "
                 "coefficient scaled to today's market; numbers are the pooled median, bands its "
                 "5th-95th percentiles, and yields and both bills of a draw come from the same draw."]
    else:
        parts = [f"Each scenario is priced by {n_models} impact models; numbers are their median, bands the "
                 f"range of their 5th-95th percentiles."]
    big = by_case.get("sell_300bn_60d") or rows[-1]
    if pooled and big.impact_10y_permanent_bp is not None:
        parts.append(
            f"{big.description}: once the transient flow effect has decayed, the 10-year stays about "
            f"{big.impact_10y_permanent_bp:.0f} bp higher (band {_fmt(big.impact_10y_permanent_p5_bp, 0)} to "
            f"{_fmt(big.impact_10y_permanent_p95_bp, 0)}): the stock literature's 3-10 bp per USD 100bn of "
            "10-year equivalents (Crawley et al. 2022; Li & Wei 2013; D'Amico & King 2013).")
    if pooled:
        from treasury_leverage.presets import preset_value

        parts.append(
            "These numbers assume no policy reaction. If the Treasury shifted issuance toward bills by "
            f"{100 * preset_value('policy_treasury_offset_share'):.0f}% of the duration sold (Hamilton & Wu "
            "2012), the permanent effect would fall by that share; market-functioning Fed purchases would "
            "cap "
            f"the 10-year's transient rise near {preset_value('policy_fed_threshold_bp'):.0f} bp "
            "(`tlev impact --compare --policy treasury|fed`).")
    parts.append(fima_repo_sentence())
    if big.impact_10y_bp is not None:
        parts.append(
            f"{big.description}: the 10-year yield rises by about {big.impact_10y_bp:.0f} bp (band "
            f"{_fmt(big.impact_10y_p5_bp, 0)} to {_fmt(big.impact_10y_p95_bp, 0)}); it costs {name} "
            f"{money(big.holder_cost_usd_bn)} and the U.S. Treasury {money(big.us_cost_usd_bn)} of extra "
            f"interest over {big.us_cost_horizon_years} years"
            + (f", {big.leverage_ratio:.1f} dollars for every dollar it costs {name}."
               if big.leverage_ratio is not None else ".")
        )
    pause = by_case.get("pause_12m")
    if pause is not None and pause.impact_10y_bp is not None:
        parts.append(f"Merely pausing purchases for a year moves the 10-year by about "
                     f"{pause.impact_10y_bp:.0f} bp and costs {name} {money(pause.holder_cost_usd_bn)}.")
    return " ".join(parts)
