"""``tlev impact`` and ``tlev execution``: what selling Treasuries does to yields, and what it costs.

A thin face over :mod:`treasury_leverage.impact`; numpy, pandas and the models are imported
inside the commands so that ``tlev --help`` stays fast. Charts come from
:mod:`treasury_leverage.report.charts.impact`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from treasury_leverage._defaults import IMPACT_DRAWS, IMPACT_MATURITY
from treasury_leverage.cli._output import FORMAT_OPTION, TabularFormat

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["execution", "impact"]

_TABLE_MATURITIES = ("1y", "2y", "3y", "5y", "7y", "10y", "20y", "30y")
_CURVE_HELP = ("Weigh maturities with durations on the Treasury par curve of this date (YYYY-MM-DD or "
               "'latest'); default a flat 4.5% curve (preset).")
_COMPARE_MATURITIES = ("2y", "5y", "10y", "30y")


def _path(sell: float, maturity: str, days: int | None, months: int) -> Any:
    from treasury_leverage.impact.base import SalesPath

    if days is not None:
        return SalesPath.even(sell, maturity, periods=days, period="day")
    return SalesPath.even(sell, maturity, periods=months, period="month")


def impact(
    sell: Annotated[float | None, typer.Option("--sell", help="Net sale in USD bn (>= 0).")] = None,
    maturity: Annotated[
        str,
        typer.Option(
            "--maturity", "-m",
            help=f"Maturity sold, e.g. 5y, 10y, 6m (default {IMPACT_MATURITY}, preset "
            "default_impact_maturity_years). The flow studies measure their effects at the 5-year: "
            "--maturity 5y reproduces their headline numbers.",
        ),
    ] = IMPACT_MATURITY,
    model: Annotated[
        str, typer.Option("--model", help="Impact model; default the pooled mixture (see --compare for all).")
    ] = "pooled",
    compare: Annotated[bool, typer.Option("--compare", help="All model families side by side.")] = False,
    policy: Annotated[str, typer.Option(
        "--policy", help="Policy reaction in the pooled line of --compare: none, treasury (issuance "
        "shifts to bills), fed (purchases cap the transient).")] = "none",
    at: Annotated[
        str | None, typer.Option("--at", help="Maturity shown by --compare (default: the one sold).")
    ] = None,
    days: Annotated[
        int | None, typer.Option("--days", help="Spread the sale over this many trading days.")
    ] = None,
    months: Annotated[int, typer.Option("--months", help="... or over this many months.")] = 1,
    draws: Annotated[
        int, typer.Option("--draws", help="Parameter draws for the p5-p95 band.")
    ] = IMPACT_DRAWS,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the draws.")] = 0,
    curve_date: Annotated[str | None, typer.Option("--curve-date", help=_CURVE_HELP)] = None,
    presets: Annotated[
        bool, typer.Option("--presets", help="Show the model's presets (value, range, source) instead.")
    ] = False,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also write a chart of the curve response (.png/.svg).")
    ] = None,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Yield impact (bp) of selling --sell USD bn of --maturity bonds, with p5-p95 bands.

    At the end of the sale (peak) and in the long run (permanent), at maturities 1-30 years. Models:
    pooled (default: the mixture of the families below), beltran2013, kcfed2025, warnock2009 (flow
    studies), duration_supply (stock), habitat (Vayanos-Vila), almgren_chriss (execution); variants
    flow_plus_stock and ahmed_rebucci2022 (surprise stress). Every number comes from a preset with
    its source (`meta.presets`).
    """
    from treasury_leverage.cli._output import emit_frame, emit_json
    from treasury_leverage.impact.registry import MODELS, compare_frame, compare_peak_permanent, get_model
    from treasury_leverage.impact.registry import compare as run_compare

    if presets:
        _emit_presets(None if compare else model, fmt)
        return
    if sell is None:
        from treasury_leverage.errors import InputError

        raise InputError("--sell: expected the sale size in USD bn, e.g. --sell 100")
    path = _path(sell, maturity, days, months)
    par_yields = _par_yields(curve_date)
    horizon = f"{path.n_periods} {path.period}{'s' if path.n_periods > 1 else ''}"
    meta: dict[str, Any] = {"sell_usd_bn": sell, "maturity": maturity, "horizon": horizon,
                            "horizon_days": days, "horizon_months": None if days else months,
                            "draws": draws, "seed": seed, "band": "p5-p95 over parameter draws",
                            "durations": _curve_label(curve_date)}
    if compare:
        shown = at or "10y"
        table = compare_peak_permanent(path, maturity=shown, draws=draws, seed=seed, par_yields=par_yields,
                                       policy=policy)
        title = (f"Selling USD {sell:g}bn of {maturity} over {horizon}: {shown} yield, bp "
                 "(median and p5, p95)")
        if fmt.value != "table":
            meta.update(maturity_shown=shown, family_weights=table.attrs["family_weights"], policy=policy,
                        peak="end of the sale (last period with a sale)",
                        permanent="after the transient has decayed (long run)",
                        presets={name: list(cls.preset_names) for name, cls in MODELS.items()})
            emit_frame(table.set_index("model"), fmt, title=title, meta=meta, float_digits=1)
            if chart is not None:
                rows = run_compare(path, draws=0, par_yields=par_yields)
                _save(_charts().impact_response_chart(rows), chart)
            return
        emit_frame(_compare_display(table).set_index("model"), fmt, title=title,
                   meta=_compare_footnotes(table, draws, seed, curve_date), float_digits=1)
        if chart is not None:
            _save(_charts().impact_response_chart(run_compare(path, draws=0, par_yields=par_yields)), chart)
        return
    else:
        result = get_model(model, par_yields=par_yields).impact(path, draws=draws, seed=seed)
        results = [result]
        if fmt.value == "json":
            payload = result.to_dict(_TABLE_MATURITIES)
            payload.update({"maturity_sold": maturity, "horizon_days": days,
                            "horizon_months": None if days else months,
                            "durations": _curve_label(curve_date)})
            if chart is not None:
                payload["chart"] = str(_save(_charts().impact_response_chart(results), chart))
            emit_json(payload)
            return
        frame = compare_frame(results, maturities=_TABLE_MATURITIES).drop(columns=["family", "source"])
        meta.update(model=result.model, source=result.source, presets=list(result.presets),
                    notes=result.notes)
        title = f"{result.model}: selling USD {sell:g}bn of {maturity} over {horizon} (bp)"
    if chart is not None:
        meta["chart"] = str(_save(_charts().impact_response_chart(results), chart))
    emit_frame(frame.set_index("model"), fmt, title=title, meta=meta, float_digits=1)


def execution(
    sell: Annotated[float, typer.Option("--sell", help="Sale in USD bn (>= 0).")],
    days: Annotated[int, typer.Option("--days", help="Trading days to complete the sale.")] = 20,
    maturity: Annotated[
        str, typer.Option("--maturity", "-m", help="Maturity sold, e.g. 10y.")
    ] = IMPACT_MATURITY,
    risk_aversion: Annotated[
        float, typer.Option("--risk-aversion", help="Seller's risk aversion lambda (per USD bn).")
    ] = 0.01,
    permanent: Annotated[
        str, typer.Option("--permanent", help="Impact model giving the permanent impact.")
    ] = "beltran2013",
    curve_date: Annotated[str | None, typer.Option("--curve-date", help=_CURVE_HELP)] = None,
    draws: Annotated[
        int, typer.Option("--draws", help="Parameter draws for p5-p95 cost bands.")
    ] = IMPACT_DRAWS,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the draws.")] = 0,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also write the efficient frontier (.png/.svg).")
    ] = None,
    fmt: TabularFormat = FORMAT_OPTION,
) -> None:
    """Almgren-Chriss: optimal, even and one-day schedules for selling --sell USD bn over --days.

    Expected cost and its standard deviation in USD bn (implementation shortfall vs the arrival
    price): temporary impact from Treasury ADV (SIFMA), permanent impact from --permanent.
    """
    from treasury_leverage.cli._output import emit_frame, emit_json
    from treasury_leverage.impact.ac_calibration import execution_comparison

    out = execution_comparison(sell, days, maturity=maturity, risk_aversion=risk_aversion,
                               permanent_model=permanent, par_yields=_par_yields(curve_date),
                               draws=draws, seed=seed)
    p = out["params"]
    params = {"sigma_price_per_sqrt_day": p.sigma, "eta_price_per_usd_bn_per_day": p.eta,
              "gamma_price_per_usd_bn": p.gamma, "epsilon_price": p.epsilon}
    frame = _plans_frame(out["plans"], sell, out["bands"])
    chart_path = None
    if chart is not None:
        chart_path = str(_save(_charts().frontier_chart(out["frontier"], frame), chart))
    if fmt.value == "json":
        emit_json({"sell_usd_bn": sell, "horizon_days": days, "maturity": maturity,
                   "risk_aversion_per_usd_bn": risk_aversion, "permanent_model": permanent,
                   "params": params, "draws": draws, "seed": seed,
                   "plans": [{**pl.to_dict(), **out["bands"].get(pl.name, {})} for pl in out["plans"]],
                   "frontier": out["frontier"].to_dict(orient="records"), "chart": chart_path})
        return
    meta = {"maturity": maturity, "permanent_model": permanent, "risk_aversion_per_usd_bn": risk_aversion,
            "durations": _curve_label(curve_date),
            **{k: f"{v:.3g}" for k, v in params.items()}, "chart": chart_path}
    emit_frame(frame.set_index("strategy"), fmt,
               title=f"Selling USD {sell:g}bn of {maturity} over {days} days (costs in USD bn)",
               meta=meta, float_digits=3)


def _compare_display(table: pd.DataFrame) -> pd.DataFrame:
    """The compare table laid out for an 80-column terminal: ``p50 [p5, p95]`` cells; citations go
    to footnotes (:func:`_compare_footnotes`)."""
    import pandas as pd

    def num(v: float) -> str:
        return f"{v:.1f}" if abs(v) < 10 else f"{v:.0f}"

    def cell(row: Any, kind: str) -> str:
        return f"{num(row[f'{kind}_p50_bp'])} [{num(row[f'{kind}_p5_bp'])}, {num(row[f'{kind}_p95_bp'])}]"

    family = {"pooled": lambda f: "ALL", "member": lambda f: f, "variant": lambda f: "variant",
              "stress": lambda f: "stress"}
    return pd.DataFrame({
        "model": list(table["model"]),
        "family": [family[r](f) for f, r in zip(table["family"], table["role"], strict=True)],
        "w": [f"{w:.2f}" for w in table["member_weight"]],
        "peak": [cell(r, "peak") for _, r in table.iterrows()],
        "permanent": [cell(r, "permanent") for _, r in table.iterrows()],
    })


def _compare_footnotes(table: pd.DataFrame, draws: int, seed: int, curve_date: str | None) -> dict[str, Any]:
    notes: dict[str, Any] = dict(zip(table["model"], table["citation"], strict=True))
    notes.update({"peak": "end of the sale", "permanent": "after the transient decays",
                  "w": "probability in the pooled mixture (equal across families; overrides pool_weight_*)",
                  "variant, stress": "outside the pool", "policy (pooled line)": table.attrs["policy"],
                  "draws": draws, "seed": seed,
                  "durations": _curve_label(curve_date), "sources": "tlev impact --compare --format json"})
    return notes


def _nearest_output(maturity: str) -> str:
    """The output maturity (whole years 1..30) closest to the one sold, as a label."""
    from treasury_leverage.impact.base import parse_maturity

    return f"{min(max(round(parse_maturity(maturity)), 1), 30)}y"


def _emit_presets(model: str | None, fmt: TabularFormat) -> None:
    from treasury_leverage.cli._output import emit_frame
    from treasury_leverage.impact.registry import MODELS, get_model
    from treasury_leverage.presets import presets_frame

    models = [get_model(model)] if model is not None else [cls() for cls in MODELS.values()]
    names = list(dict.fromkeys(n for m in models for n in m.preset_names))
    frame = presets_frame(names)
    frame["models"] = [", ".join(m.name for m in models if n in m.preset_names) for n in frame.index]
    if fmt.value == "table":
        frame = frame.drop(columns=["notes"])
    emit_frame(frame, fmt, title="Presets (confidence: V verified, V2 via a secondary source, "
               "C computed/assumed by us, R recalled)", float_digits=4)


def _par_yields(curve_date: str | None) -> Any:
    if curve_date is None:
        return None
    from treasury_leverage.impact.base import par_yields_on

    return par_yields_on(None if curve_date.strip().lower() == "latest" else curve_date)


def _curve_label(curve_date: str | None) -> str:
    return "flat 4.5% par curve (preset)" if curve_date is None else f"par curve of {curve_date}"


def _plans_frame(plans: list[Any], sell: float, bands: dict[str, dict[str, float]]) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    rows = []
    for pl in plans:
        held = pl.holdings_usd_bn
        half = int(np.argmax(held <= 0.5 * sell)) if sell > 0 else 0
        rows.append({"strategy": pl.name, "cost_usd_bn": pl.expected_cost_usd_bn,
                     "cost_sd_usd_bn": pl.sd_cost_usd_bn,
                     "cost_bp_of_sale": 1e4 * pl.expected_cost_usd_bn / sell if sell else 0.0,
                     **{k: v for k, v in bands.get(pl.name, {}).items() if k != "cost_p50_usd_bn"},
                     "first_day_usd_bn": float(pl.trades_usd_bn[0]), "days_to_half": half})
    return pd.DataFrame(rows)


# -- charts (layout only) ---------------------------------------------------------------------


def _save(chart: Any, path: Path) -> Path:
    from treasury_leverage.report.charts import save_chart

    return save_chart(chart, path)



def _charts() -> Any:
    """The impact chart builders (imported on use: Altair stays out of ``tlev --help``)."""
    from treasury_leverage.report.charts import impact as charts

    return charts
